"""Document structures: a cover, headed sections with indicator tables, tree tables, key-value
sheets, plan rows. Each returns blocks and the objectives it wrote."""

from __future__ import annotations

import random

from .blocks import Block, Break, Para, Table
from .codes import HeadingStyle
from .source import View
from .tables import Columns, forget
from .words import HEADERS, KIND_TITLES, KV_LABELS, PROSE, SECTIONS, TREE_HEADERS, pick, weight_text

HEADING_SIZES = (16, 13, 11)


def cover(view: View, rng: random.Random, *, numbered: bool = True) -> list[Block]:
    """Chamber name, title, prose and numbered document sections; the last section opens the objectives."""
    year = view.meta.get("year") or 2024
    kind = view.meta.get("kind") or "relazione"
    title = pick(rng, KIND_TITLES.get(kind, KIND_TITLES["relazione"]), year=year, year2=int(year) + 2)
    view.meta["title"] = title
    out: list[Block] = [Para(view.meta["ente"] or "Camera di Commercio", 18, True), Para(title, 15, True)]
    out.append(Para(pick(rng, PROSE, year=year)))
    sections = rng.sample(SECTIONS[:2] + SECTIONS[3:], rng.randint(1, 3)) + ["Gli obiettivi"]
    if view.roots and rng.random() < 0.7:  # prose naming an objective, as presentations do
        o = view.objectives[rng.choice(view.roots)]
        code = f" {o['code']}" if o["code"] else ""
        out.append(Para(f"In particolare, l'obiettivo{code} \u00ab{o['title']}\u00bb ha assorbito la quota principale "
                        f"delle risorse; i risultati sono illustrati nella sezione dedicata."))
    for k, name in enumerate(sections, start=1):
        out.append(Para(f"{k}. {name}" if numbered else name, 14, True))
        out.append(Para(pick(rng, PROSE, year=year)))
        if rng.random() < 0.4:
            out.append(Para(pick(rng, PROSE, year=year)))
    return out


def no_cover(view: View) -> list[Block]:
    view.meta.update(ente=None, title=None, kind=None)
    return []


def drop_objective_weights(view: View) -> None:
    for o in view.objectives:
        o["weight"] = None


def sections(view: View, rng: random.Random, hs: HeadingStyle, cols_for, *, styles: bool = False,
             font_only: bool = False, in_table: bool = False) -> list[Block]:
    """A heading per objective, then its indicators' table. ``cols_for(obj)`` gives its columns."""
    if not hs.weight_label:
        drop_objective_weights(view)
    wstyle = rng.randrange(4)
    out: list[Block] = []
    for i in view.walk():
        o, depth = view.objectives[i], min(view.depth(i), 2)
        lines = hs.lines(o, weight_text(o["weight"], wstyle))
        if in_table and o["indicators"]:
            lines, title_row = [], " ".join(lines)
        for k, line in enumerate(lines):
            if styles:
                out.append(Para(line, style=f"Heading {depth + 1}"))
            else:
                size = HEADING_SIZES[depth] if font_only or k == 0 else 10
                out.append(Para(line, size, bold=depth < 2 or not font_only))
        if o["indicators"]:
            cols: Columns = cols_for(o)
            rows = [cols.headers] + [cols.cells(ind, n, o["code"], rng) for n, ind in enumerate(o["indicators"], 1)]
            forget([o], cols.fields)
            if in_table:  # the objective as the table's first row, merged across
                out.append(Table([[title_row] + [""] * (len(cols.fields) - 1)] + rows, header=2, rows_across=[0]))
            else:
                out.append(Table(rows))
        if rng.random() < 0.15:
            out.append(Para(pick(rng, PROSE, year=view.meta.get("year") or 2024)))
    return out


def _label(o: dict, with_code: bool) -> str:
    return f"{o['code']} {o['title']}" if with_code and o["code"] else o["title"]


def tree_rows(view: View, rng: random.Random, roots: list[int], cols: Columns, with_code: bool) -> Table:
    """One row per indicator under Area | Strategico | Operativo columns, each objective written once
    on its first row and merged down over the rest."""
    depth = max(view.depth(i) for i in view.walk()) + 1
    levels = ("area", "strategic", "operational")[3 - depth:]
    header = [pick(rng, TREE_HEADERS[lvl]) for lvl in levels] + cols.headers
    rows: list[list[str]] = [header]
    owner: list[list[int | None]] = []

    def visit(i: int) -> None:
        o = view.objectives[i]
        chain = view.path(i)
        for n, ind in enumerate(o["indicators"], 1):
            row = chain + [None] * (depth - len(chain))
            owner.append(row)
            rows.append([""] * depth + cols.cells(ind, n, o["code"], rng))
        for c in o["children"]:
            visit(c)

    for r in roots:
        visit(r)
    spans = []
    for c in range(depth):
        r = 0
        while r < len(owner):
            end = r
            while end + 1 < len(owner) and owner[end + 1][c] == owner[r][c] and owner[r][c] is not None \
                    and owner[end + 1][:c] == owner[r][:c]:
                end += 1
            j = owner[r][c]
            rows[r + 1][c] = _label(view.objectives[j], with_code) if j is not None else "-"
            if end > r:
                spans.append((c, r + 1, end + 1))
            r = end + 1
    return Table(rows, spans=spans)


def tree(view: View, rng: random.Random, cols: Columns, *, per_root: bool, with_code: bool,
         sheets: bool = False) -> tuple[list[Block], set[int]]:
    drop_objective_weights(view)
    if not with_code:
        for o in view.objectives:
            o["code"] = None
    out: list[Block] = []
    groups = [[r] for r in view.roots] if per_root else [view.roots]
    for g in groups:
        if sheets:
            out.append(Break(sheet=(view.objectives[g[0]]["code"] or f"Area {len(out) + 1}")[:28]))
        out.append(tree_rows(view, rng, g, cols, with_code))
    forget(view.objectives, cols.fields)
    return out, {i for i in view.walk() if view.has_indicators(i)}


def kv_sheet(view: View, rng: random.Random, i: int, labels: dict[str, str], wstyle: int) -> Table:
    o = view.objectives[i]
    year = view.meta.get("year") or 2024
    rows = [[labels[o["level"]], o["title"]]]
    if o["code"]:
        rows.append([labels["code"], o["code"]])
    if o["parent_i"] is not None and labels["parent_on"]:
        rows.append([labels["parent"], view.ref(o["parent_i"])])
    if o["weight"] is not None:
        rows.append([labels["weight"], weight_text(o["weight"], wstyle)])
    for k, ind in enumerate(o["indicators"], 1):
        rows.append([labels["indicator"].format(k=k), ""])
        rows.append([labels["name"], ind["name"]])
        if ind.get("weight") is not None:
            rows.append([labels["ind_weight"], weight_text(ind["weight"], wstyle)])
        rows.append([labels["target"].format(year=year), ind.get("target") or ""])
        rows.append([labels["actual"], ind.get("actual") or ""])
    return Table(rows, header=0)


def kv_sheets(view: View, rng: random.Random, hs: HeadingStyle) -> list[Block]:
    """Areas as headings; every other objective a two-column label | value table."""
    labels = {k: rng.choice(v) for k, v in KV_LABELS.items()}
    labels.update({lvl: rng.choice(pool[:3]) for lvl, pool in TREE_HEADERS.items()})
    labels["strategic"], labels["operational"] = rng.choice([("Obiettivo strategico", "Obiettivo operativo"),
                                                             ("Obiettivo generale", "Obiettivo specifico")])
    labels["parent_on"] = rng.random() < 0.5
    wstyle = rng.randrange(4)
    hs.weight_label = hs.weight_label or "(peso {w})"
    out: list[Block] = []
    for i in view.walk():
        o = view.objectives[i]
        if view.depth(i) == 0 and o["level"] == "area" and not o["indicators"]:
            out += [Para(line, 14, True) for line in hs.lines(o, weight_text(o["weight"], wstyle))]
        else:
            out.append(kv_sheet(view, rng, i, labels, wstyle))
            out.append(Para(""))
    for o in view.objectives:
        for ind in o["indicators"]:
            for f in ("code", "unit", "source", "algorithm"):
                ind[f] = None
    return out


def plan_sheet(view: View, rng: random.Random, wstyle: int) -> Table:
    """Objectives and indicators as rows of one list: Codice | Livello | Descrizione | Peso | Target | Consuntivo."""
    names = {"area": rng.choice(["Area strategica", "Area", "AS"]),
             "strategic": rng.choice(["Obiettivo strategico", "OS", "Strategico"]),
             "operational": rng.choice(["Obiettivo operativo", "OO", "Operativo"])}
    ind_word = rng.choice(["Indicatore", "KPI", "IND"])
    year = view.meta.get("year") or 2024
    rows = [["Codice", rng.choice(["Livello", "Tipo", "Livello"]), rng.choice(["Descrizione", "Denominazione"])]
            + [pick(rng, HEADERS[f][:5], year=year) for f in ("weight", "target", "actual")]]
    for i in view.walk():
        o = view.objectives[i]
        rows.append([o["code"] or "", names[o["level"]], o["title"], weight_text(o["weight"], wstyle), "", ""])
        for n, ind in enumerate(o["indicators"], 1):
            ind["code"] = f"{o['code'] or 'I'}.{ind_word[:1]}{n}" if rng.random() < 0.5 or not ind.get("code") \
                else ind["code"]
            rows.append([ind["code"], ind_word, ind["name"], weight_text(ind.get("weight"), wstyle),
                         ind.get("target") or "", ind.get("actual") or ""])
    forget(view.objectives, ["code", "weight", "target", "actual"])
    return Table(rows)
