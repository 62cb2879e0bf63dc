"""Checks within one draft: weights, codes, numbering, missing parts, stated against computed
verdicts and scores, and second statements (overview tables, narrative target changes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex as re

from relazione.check.compare import WEIGHT_TOLERANCE, same_text, same_value
from relazione.check.findings import Finding, fmt
from relazione.check.inputs import where
from relazione.check.verdicts import verdict_findings
from relazione.records.model import Indicator, Objective, Records, Report

_SHAPE_DIGITS = re.compile(r"\d+")
_SEPARATORS = "._-"
_OBJECTIVE_CODE_IN_INDICATOR = re.compile(r"^(?:O[OS]\s*)?(?P<code>\d+(?:\.\d+)+)(?![\d.]*\d)")
MIN_CODES_FOR_SHAPE = 3


def check_records(records: Records, method: str = "integra") -> list[Finding]:
    findings: list[Finding] = []
    for report in records.reports:
        findings += check_report(report, records.source.path, method)
    return findings


def check_report(report: Report, path: str, method: str = "integra") -> list[Finding]:
    ctx = _Context(report, path)
    found = [*weight_sums(ctx), *duplicates(ctx), *code_shapes(ctx), *numbering(ctx), *missing_parts(ctx),
             *restated(ctx), *verdict_findings(report, path, method)]
    for f in found:
        f.report = report.ente
    return found


class _Context:
    def __init__(self, report: Report, path: str) -> None:
        self.report = report
        self.path = path
        self.by_ref = {o.ref: o for o in report.objectives}
        self.children: dict[str | None, list[Objective]] = {}
        for o in report.objectives:
            self.children.setdefault(o.parent if o.parent in self.by_ref else None, []).append(o)
        self.indicators: dict[str, list[Indicator]] = {}
        for i in report.indicators:
            self.indicators.setdefault(i.objective, []).append(i)

    def at(self, item: Objective | Indicator) -> str:
        return where(self.path, item.provenance)

    def indicator(self, ref: str, n: int | None) -> Indicator | None:
        return next((i for i in self.indicators.get(ref, []) if i.n == n), None)


# -- weights ----------------------------------------------------------------------------------------
def weight_sums(ctx: _Context) -> Iterator[Finding]:
    """Sibling weights sum to 100 (or, where the document writes shares of the whole, to the parent's
    weight: Brescia 2018 strategic objectives 23,33 + 10 = area 33,33)."""
    for parent_ref, kids in ctx.children.items():
        for level in ("area", "strategic", "operational"):
            group = [k for k in kids if k.level == level]
            parent = ctx.by_ref.get(parent_ref) if parent_ref else None
            if parent is not None and _cousins_sum_to_100(ctx, parent, level):
                continue  # weights given per manager across the area (Brescia 2018: 2.1.x + 2.2.x = 100)
            yield from _weight_group(ctx, group, parent, level)
    for ref, inds in ctx.indicators.items():
        yield from _weight_group(ctx, inds, ctx.by_ref.get(ref), "indicator")


def _weight_group(ctx: _Context, items: list, parent: Objective | None, level: str) -> Iterator[Finding]:
    weights = [i.weight for i in items if i.weight is not None]
    if not weights or len(items) < 1:
        return
    owner = parent.ref if parent else None
    if len(weights) < len(items):
        unweighted = [_label(i) for i in items if i.weight is None]
        yield Finding("missing", "avviso", level, owner, field="weight", new_where=ctx.at(items[0]),
                      message=f"Pesi mancanti per {len(unweighted)} di {len(items)} elementi"
                              f"{_under(parent)}: {', '.join(unweighted[:5])}.")
        return
    total = sum(weights)
    targets = [100.0] + ([parent.weight] if parent is not None and parent.weight is not None else [])
    if all(abs(total - t) > WEIGHT_TOLERANCE for t in targets):
        listed = " + ".join(f"{fmt(w)}" for w in weights)
        yield Finding("weight_sum", "errore", level, owner, field="weight", old=100.0, new=round(total, 4),
                      new_where=ctx.at(items[0]),
                      message=f"I pesi{_under(parent)} sommano a {fmt(total)} invece di 100 ({listed}).")


def _cousins_sum_to_100(ctx: _Context, parent: Objective, level: str) -> bool:
    grandparent = ctx.by_ref.get(parent.parent or "")
    if grandparent is None:
        return False
    cousins = [k for p in ctx.children.get(grandparent.ref, []) for k in ctx.children.get(p.ref, [])
               if k.level == level]
    weights = [k.weight for k in cousins]
    return bool(weights) and None not in weights and abs(sum(weights) - 100.0) <= WEIGHT_TOLERANCE  # type: ignore[arg-type]


def _under(parent: Objective | None) -> str:
    return f" sotto {parent.ref}" if parent else " di primo livello"


def _label(item: Objective | Indicator) -> str:
    if isinstance(item, Indicator):
        return f"{item.objective}#{item.n}"
    return item.ref


# -- codes --------------------------------------------------------------------------------------------
def duplicates(ctx: _Context) -> Iterator[Finding]:
    seen: dict[tuple[str, str], Objective] = {}
    for o in ctx.report.objectives:
        if o.code is None:
            continue
        first = seen.setdefault((o.level, o.code), o)
        if first is not o:
            yield Finding("duplicate", "errore", o.level, o.code, field="code", old=first.title, new=o.title,
                          old_where=ctx.at(first), new_where=ctx.at(o),
                          message=f"Codice {o.code} usato due volte ({first.title!r} e {o.title!r}).")
    for ref, inds in ctx.indicators.items():
        codes = Counter(i.code for i in inds if i.code)
        for code, count in codes.items():
            if count > 1:
                twice = [i for i in inds if i.code == code]
                yield Finding("duplicate", "avviso", "indicator", ref, indicator=twice[1].name, field="code",
                              old=twice[0].name, new=twice[1].name, old_where=ctx.at(twice[0]),
                              new_where=ctx.at(twice[1]),
                              message=f"Codice indicatore {code!r} ripetuto nell'obiettivo {ref}.")


def code_shapes(ctx: _Context) -> Iterator[Finding]:
    """A code written unlike all the others of its level ("1.2.a", "2024_1_01" among "2024_01_01")."""
    for level in ("area", "strategic", "operational"):
        coded = [o for o in ctx.report.objectives if o.level == level and o.code]
        shapes = Counter(_shape(o.code) for o in coded)
        if len(coded) < MIN_CODES_FOR_SHAPE:
            continue
        usual, count = shapes.most_common(1)[0]
        if count < MIN_CODES_FOR_SHAPE:
            continue
        for o in coded:
            if shapes[_shape(o.code)] == 1 and not _is_digits_variant(o.code, usual):
                yield Finding("code", "avviso", o.level, o.code, field="code", new=o.code, new_where=ctx.at(o),
                              message=f"Codice {o.code!r} scritto diversamente dagli altri dello stesso livello "
                                      f"(di solito {usual.replace('9', 'n')}).")


def _shape(code: str | None) -> str:
    return _SHAPE_DIGITS.sub("9", code or "")


def _is_digits_variant(code: str | None, usual: str) -> bool:
    """Numbers of another width are still well formed: the shape only compares separators and letters."""
    return _shape(code) == usual


def numbering(ctx: _Context) -> Iterator[Finding]:
    """A child's code continues its parent's (1.2.1 under 1.2, 011-005-001 under 011-005), and an
    indicator code naming an objective names its own ("OO 1.1.8 - Kpi 1" under 1.1.9 does not)."""
    for o in ctx.report.objectives:
        parent = ctx.by_ref.get(o.parent or "")
        if o.code and parent and parent.code and not any(o.code.startswith(parent.code + s) for s in _SEPARATORS):
            yield Finding("numbering", "errore", o.level, o.code, field="parent", old=parent.code, new=o.code,
                          old_where=ctx.at(parent), new_where=ctx.at(o),
                          message=f"Il codice {o.code} non segue la numerazione del padre {parent.code}.")
    for ind in ctx.report.indicators:
        m = _OBJECTIVE_CODE_IN_INDICATOR.match(ind.code or "")
        obj = ctx.by_ref.get(ind.objective)
        if m and obj and obj.code and m.group("code") != obj.code:
            yield Finding("numbering", "avviso", "indicator", obj.code, indicator=ind.name, field="code",
                          old=obj.code, new=ind.code, new_where=ctx.at(ind),
                          message=f"L'indicatore {ind.code!r} porta il codice di un altro obiettivo "
                                  f"ma è nella scheda di {obj.code}.")


# -- missing parts -----------------------------------------------------------------------------------------
def missing_parts(ctx: _Context) -> Iterator[Finding]:
    for o in ctx.report.objectives:
        if o.level != "area" and not ctx.indicators.get(o.ref) and not ctx.children.get(o.ref):
            yield Finding("missing", "avviso", o.level, o.ref, field="indicators", new_where=ctx.at(o),
                          message=f"L'obiettivo {o.ref} non ha indicatori.")
    needs_result = ctx.report.kind != "piano"
    for ind in ctx.report.indicators:
        if not ind.target:
            yield Finding("missing", "avviso", "indicator", ind.objective, indicator=ind.name, field="target",
                          new_where=ctx.at(ind), message=f"Indicatore {_label(ind)} senza target.")
        if needs_result and not ind.actual:
            yield Finding("missing", "avviso", "indicator", ind.objective, indicator=ind.name, field="actual",
                          new_where=ctx.at(ind), message=f"Indicatore {_label(ind)} senza risultato (consuntivo).")


# -- second statements in the same document ---------------------------------------------------------------
def restated(ctx: _Context) -> Iterator[Finding]:
    semester = bool(ctx.report.reference_date) and not str(ctx.report.reference_date).endswith("-12-31")
    for s in ctx.report.restatements:
        ind = ctx.indicator(s.objective, s.indicator)
        if ind is None:
            continue
        there = where(ctx.path, s.provenance)
        if s.context == "narrative":
            yield from _narrative_change(ctx, s, ind, there)
        elif s.field == "name" and not same_text(s.value, ind.name):
            yield Finding("restated", "nota", "indicator", ind.objective, indicator=ind.name, field="name",
                          old=s.value, new=ind.name, old_where=there, new_where=ctx.at(ind),
                          message=f"Indicatore {_label(ind)} chiamato in due modi: {s.value!r} e {ind.name!r}.")
        elif s.field in ("target", "actual") or (s.field == "target_year" and not semester):
            yield from _restated_value(ctx, s.field, s.value, ind, there)


def _restated_value(ctx: _Context, field: str, value: str, ind: Indicator, there: str) -> Iterator[Finding]:
    mine = ind.actual if field == "actual" else ind.target
    if mine and not same_value(value, mine, partial=True):
        what = "risultato" if field == "actual" else "target"
        yield Finding("restated", "avviso", "indicator", ind.objective, indicator=ind.name,
                      field="actual" if field == "actual" else "target", old=value, new=mine,
                      old_where=there, new_where=ctx.at(ind),
                      message=f"Indicatore {_label(ind)}: {what} {value!r} in un punto del documento, "
                              f"{mine!r} nella scheda di dettaglio.")


def _narrative_change(ctx: _Context, s, ind: Indicator, there: str) -> Iterator[Finding]:
    if ind.target and not same_value(s.value, ind.target):
        yield Finding("target_change", "avviso", "indicator", ind.objective, indicator=ind.name, field="target",
                      old=s.value, new=ind.target, old_where=there, new_where=ctx.at(ind),
                      message=f"Il testo dice che il target dell'indicatore {_label(ind)} è passato da "
                              f"{s.previous!r} a {s.value!r}, ma la tabella riporta {ind.target!r}.")
