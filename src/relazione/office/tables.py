"""Tables that fit their page: column widths from what the cells hold, rows that never split.

Word and LibreOffice both honour a fixed layout (grid and cell widths). Each column gets at least the
width of its longest word or number, so nothing breaks mid-word ("Consunti|vo") or mid-number; what is
left of the usable width goes to the columns whose text would otherwise wrap most.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from relazione.office.fonts import text_width_cm

TWIPS_PER_CM = 1440 / 2.54
CELL_PADDING_CM = 0.45  # Word's default cell margins (0,19 cm each side) and a little air
SHRINK, SHRINK_STEPS = 0.94, 4  # a table too wide for its words is set smaller, down to about 80%
_BREAKS = re.compile(r"[ \t\n\u2003]+")  # where a line may break: not at a no-break space
# trPr children that must come after cantSplit (the schema fixes their order; Word refuses others)
_AFTER_CANT_SPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")


@dataclass(slots=True)
class Column:
    least: float = 0.0  # cm: the longest word or number
    wanted: float = 0.0  # cm: the longest line unwrapped


def usable_widths(doc) -> list[tuple[object, int]]:  # noqa: ANN001
    """(table element, usable width of its section in twips) for every table in the body, in order."""
    sections = list(doc.sections)
    found, index = [], 0
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            s = sections[min(index, len(sections) - 1)]
            found.append((child, int((s.page_width - s.left_margin - s.right_margin) / 635)))
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1
    return found


def _run_size(p, default_pt: float) -> float:  # noqa: ANN001
    sz = p.find(f".//{qn('w:rPr')}/{qn('w:sz')}")
    return int(sz.get(qn("w:val"))) / 2 if sz is not None else default_pt


def _is_bold(p) -> bool:  # noqa: ANN001
    b = p.find(f".//{qn('w:rPr')}/{qn('w:b')}")
    return b is not None and b.get(qn("w:val")) not in ("0", "false")


def _span(tc) -> int:  # noqa: ANN001
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return int(span.get(qn("w:val"))) if span is not None else 1


def _measure(tbl, n_cols: int, default_pt: float) -> list[Column]:  # noqa: ANN001
    columns = [Column() for _ in range(n_cols)]
    for tr in tbl.findall(qn("w:tr")):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            span = _span(tc)
            if span == 1 and col < n_cols:
                for p in tc.iter(qn("w:p")):
                    text = "".join(t.text or "" for t in p.iter(qn("w:t")))
                    size, bold = _run_size(p, default_pt), _is_bold(p)
                    words = [text_width_cm(w, size, bold=bold) for w in _BREAKS.split(text)] or [0.0]
                    columns[col].least = max(columns[col].least, max(words) + CELL_PADDING_CM)
                    columns[col].wanted = max(columns[col].wanted, text_width_cm(text, size, bold=bold)
                                              + CELL_PADDING_CM)
            col += span
    return columns


def allocate(columns: list[Column], usable_cm: float) -> list[float]:
    """Widths that fill ``usable_cm``: every column its longest word, the rest where lines are longest."""
    least = [c.least for c in columns]
    spare = usable_cm - sum(least)
    if spare <= 0:
        return [w * usable_cm / sum(least) for w in least]
    need = [max(c.wanted - c.least, 0.0) for c in columns]
    if sum(need) <= spare:  # everything on one line: share out what is left in proportion
        wanted = [c.least + n for c, n in zip(columns, need, strict=True)]
        return [w * usable_cm / sum(wanted) for w in wanted]
    return [c.least + n * spare / sum(need) for c, n in zip(columns, need, strict=True)]


def _shrink_fonts(tbl, scale: float, default_pt: float) -> None:  # noqa: ANN001
    for p in tbl.iter(qn("w:p")):
        size = math.floor(_run_size(p, default_pt) * scale * 2) / 2  # whole half-points, never rounded up
        for r in p.iter(qn("w:r")):
            rpr = r.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                r.insert(0, rpr)
            sz = rpr.find(qn("w:sz"))
            if sz is None:
                sz = OxmlElement("w:sz")
                rpr.append(sz)
            sz.set(qn("w:val"), str(int(size * 2)))


def _apply(tbl, widths_cm: list[float], usable: int) -> None:  # noqa: ANN001
    twips = [int(w * TWIPS_PER_CM) for w in widths_cm]
    twips[twips.index(max(twips))] -= max(sum(twips) - usable, 0)  # rounding never pushes past the margin
    tbl.tblPr.autofit = False
    tbl_w = tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl.tblPr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(twips)))
    tbl_w.set(qn("w:type"), "dxa")
    for grid_col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=False):
        grid_col.set(qn("w:w"), str(w))
    for tr in tbl.findall(qn("w:tr")):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            span = _span(tc)
            tc.width = Twips(sum(twips[col:col + span]))
            col += span


def keep_rows_whole(tbl) -> None:  # noqa: ANN001
    """No row split across pages (w:cantSplit, placed where the schema wants it)."""
    for tr in tbl.findall(qn("w:tr")):
        tr_pr = tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is not None:
            continue
        el = OxmlElement("w:cantSplit")
        later = [c for c in tr_pr if c.tag in {qn(t) for t in _AFTER_CANT_SPLIT}]
        if later:
            later[0].addprevious(el)
        else:
            tr_pr.append(el)


def repeat_header(tbl) -> None:  # noqa: ANN001
    """The first row repeats at the top of every page the table runs onto."""
    tr_pr = tbl.findall(qn("w:tr"))[0].get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(OxmlElement("w:tblHeader"))


def shade(tc, fill: str) -> None:  # noqa: ANN001
    """A cell's background colour (hex RGB)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().append(shd)


def fit_tables(doc, default_pt: float = 10.0) -> None:  # noqa: ANN001
    """Every top-level table of ``doc``: widths from content within its section, rows kept whole."""
    for tbl, usable in usable_widths(doc):
        n_cols = len(tbl.tblGrid.findall(qn("w:gridCol")))
        if n_cols == 0:
            continue
        usable_cm = Twips(usable).cm
        columns = _measure(tbl, n_cols, default_pt)
        for _ in range(SHRINK_STEPS):  # smaller type before breaking words
            if sum(c.least for c in columns) <= usable_cm:
                break
            _shrink_fonts(tbl, SHRINK, default_pt)
            columns = _measure(tbl, n_cols, default_pt)
        _apply(tbl, allocate(columns, usable_cm), usable)
        keep_rows_whole(tbl)
