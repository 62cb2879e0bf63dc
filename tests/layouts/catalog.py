"""The layouts: each combines a document structure, heading words, code style, table vocabulary
and an output format. ``build(view, rng)`` returns blocks and the objectives written (None = all)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from . import builders as b
from .blocks import Block, Break, Para, Table
from .codes import HeadingStyle, recode, retitle
from .source import View
from .tables import Columns

Built = tuple[list[Block], set[int] | None]


@dataclass(frozen=True)
class Layout:
    name: str
    fmt: str  # "txt", "md", "docx", "pdf", "xlsx"
    mode: str  # text tables: "tab", "md", "aligned"; "" for other formats
    build: Callable[[View, random.Random], Built]


def _start(view: View, rng: random.Random, codes: list[str], cover: float = 0.7, cases=("asis", "upper")) -> list:
    recode(view, rng.choice(codes))
    retitle(view, rng.choice(cases))
    return b.cover(view, rng) if rng.random() < cover else b.no_cover(view)


def _cols(view: View, rng: random.Random, per_level: bool = False, **kw) -> Callable[[dict], Columns]:
    year = view.meta.get("year")
    weight = kw.pop("weight", rng.random() < 0.8)
    one = Columns.pick(rng, year, weight=weight, **kw)
    if not per_level:
        return lambda o: one
    by_level = {lvl: Columns.pick(rng, year, weight=weight, **kw) for lvl in ("area", "strategic", "operational")}
    return lambda o: by_level[o["level"]]


def words_sections(view: View, rng: random.Random) -> Built:
    """'Area strategica 1 – Titolo' headings with synonyms, a table under each objective."""
    out = _start(view, rng, ["orig", "dotted", "letters", "hyphen"])
    hs = HeadingStyle.pick(rng, "words")
    return out + b.sections(view, rng, hs, _cols(view, rng, per_level=rng.random() < 0.5)), None


def numbered_sections(view: View, rng: random.Random) -> Built:
    """'1.', '1.1', '1.1.1' or 'I.1.a)' headings with no level words, after numbered document sections."""
    out = _start(view, rng, ["dotted", "roman", "letters", "dotted"], cover=1.0, cases=("asis", "sentence"))
    hs = HeadingStyle.pick(rng, "number")
    return out + b.sections(view, rng, hs, _cols(view, rng, unknown_words=rng.random() < 0.5)), None


def abbrev_sections(view: View, rng: random.Random) -> Built:
    """AS1 / OS1.1 / OO1.1.1 headings, titles often on the next line, a code column, unusual headers."""
    out = _start(view, rng, ["orig", "dotted"])
    hs = HeadingStyle.pick(rng, "abbrev")
    hs.next_line = rng.random() < 0.6
    return out + b.sections(view, rng, hs, _cols(view, rng, code=True, unknown_words=True)), None


def style_sections(view: View, rng: random.Random) -> Built:
    """Word Heading 1/2/3 styles, no codes, no level words."""
    out = _start(view, rng, ["none"])
    hs = HeadingStyle.pick(rng, "plain")
    return out + b.sections(view, rng, hs, _cols(view, rng), styles=True), None


def font_sections(view: View, rng: random.Random) -> Built:
    """Levels told apart by font size and bold only; sometimes a bare number before the title."""
    style = rng.choice(["none", "dotted", "none"])
    out = _start(view, rng, [style])
    hs = HeadingStyle.pick(rng, "plain" if style == "none" else "number")
    hs.next_line = False
    return out + b.sections(view, rng, hs, _cols(view, rng), font_only=True), None


def title_rows(view: View, rng: random.Random) -> Built:
    """Objectives with indicators named in their table's first row, merged across; the others as headings."""
    out = _start(view, rng, ["orig", "dotted", "hyphen", "roman"], cases=("asis", "upper", "sentence"))
    hs = HeadingStyle.pick(rng, rng.choice(["words", "abbrev", "words"]))
    hs.next_line = False
    if hs.kind == "abbrev" and any(o["code"] and "-" in o["code"] for o in view.objectives):
        hs.kind = "words"
    return out + b.sections(view, rng, hs, _cols(view, rng, per_level=True), in_table=True), None


def tree_table(per_root: bool, sheets: bool = False) -> Callable[[View, random.Random], Built]:
    def build(view: View, rng: random.Random) -> Built:
        out = _start(view, rng, ["orig", "dotted", "hyphen"], cover=0.0 if sheets else 0.6)
        cols = Columns.pick(rng, view.meta.get("year"), weight=rng.random() < 0.8, code=False)
        blocks, written = b.tree(view, rng, cols, per_root=per_root, with_code=rng.random() < 0.8, sheets=sheets)
        return out + blocks, written

    build.__doc__ = "A tree table: Area | Strategico | Operativo | indicator columns, objectives merged down."
    return build


def kv_layout(view: View, rng: random.Random) -> Built:
    """Per objective a label | value sheet with repeated 'Indicatore n. k' blocks."""
    out = _start(view, rng, ["orig", "dotted", "letters"])
    hs = HeadingStyle.pick(rng, rng.choice(["words", "number"]))
    return out + b.kv_sheets(view, rng, hs), None


def sheet_per_area(view: View, rng: random.Random) -> Built:
    """A worksheet per area (after a cover sheet, sometimes): heading rows and an indicator table under each
    objective."""
    cover = _start(view, rng, ["orig", "dotted"], cover=0.5)
    hs = HeadingStyle.pick(rng, rng.choice(["words", "abbrev"]))
    blocks = b.sections(view, rng, hs, _cols(view, rng))
    out: list[Block] = [Break(sheet="Frontespizio"), *cover] if cover else []
    for blk in blocks:
        if isinstance(blk, Para) and blk.size == b.HEADING_SIZES[0]:
            out.append(Break(sheet=f"Area {sum(isinstance(x, Break) for x in out) + 1}"))
        out.append(blk)
    return out, None


def plan_list(view: View, rng: random.Random) -> Built:
    """Codice | Livello | Descrizione | Peso | Target | Consuntivo: objectives and indicators as rows."""
    recode(view, rng.choice(["orig", "dotted", "letters"]))
    b.no_cover(view)
    return [b.plan_sheet(view, rng, rng.randrange(4))], None


def unruled(build: Callable[[View, random.Random], Built]) -> Callable[[View, random.Random], Built]:
    def wrapped(view: View, rng: random.Random) -> Built:
        blocks, written = build(view, rng)
        for blk in blocks:
            if isinstance(blk, Table):
                blk.ruled = False
        return blocks, written

    wrapped.__doc__ = (build.__doc__ or "") + " Tables without rules."
    return wrapped


LAYOUTS = {lay.name: lay for lay in [
    Layout("txt_words_tabs", "txt", "tab", words_sections),
    Layout("md_numbered_pipes", "md", "md", numbered_sections),
    Layout("txt_abbrev_aligned", "txt", "aligned", abbrev_sections),
    Layout("txt_tree_table", "txt", "tab", tree_table(per_root=False)),
    Layout("md_title_rows", "md", "md", title_rows),
    Layout("txt_keyvalue", "txt", "tab", kv_layout),
    Layout("txt_keyvalue_colon", "txt", "colon", kv_layout),
    Layout("docx_heading_styles", "docx", "", style_sections),
    Layout("docx_font_only", "docx", "", font_sections),
    Layout("docx_words_codes", "docx", "", abbrev_sections),
    Layout("docx_title_rows", "docx", "", title_rows),
    Layout("docx_tree_merged", "docx", "", tree_table(per_root=True)),
    Layout("docx_keyvalue", "docx", "", kv_layout),
    Layout("pdf_words_ruled", "pdf", "", words_sections),
    Layout("pdf_font_unruled", "pdf", "", unruled(font_sections)),
    Layout("pdf_numbered_ruled", "pdf", "", numbered_sections),
    Layout("pdf_title_rows", "pdf", "", title_rows),
    Layout("pdf_keyvalue", "pdf", "", kv_layout),
    Layout("pdf_tree_merged", "pdf", "", tree_table(per_root=False)),
    Layout("xlsx_sheet_per_area", "xlsx", "", sheet_per_area),
    Layout("xlsx_tree_merged", "xlsx", "", tree_table(per_root=True, sheets=True)),
    Layout("xlsx_plan_list", "xlsx", "", plan_list),
]}
