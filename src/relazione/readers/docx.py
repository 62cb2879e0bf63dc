"""Word reader (python-docx): paragraphs and tables in body order -> the block stream.

- Paragraphs keep their order with tables; a heading style ("Heading 2", "Titolo 2") or an outline
  level (outline level 0 is level 1), on the paragraph or its style, becomes ``Line.style_level``,
  strong heading evidence for extractors.
- Each Line also carries its font size (the size most of its characters have: run, else character
  style, else paragraph style and the styles it is based on, else the document default) and
  whether all its text is bold: the evidence left when headings differ only by font.
- Merged cells are read once: a horizontally merged cell (gridSpan) gives its text once and
  empty cells for the rest of its span, so columns stay aligned; a vertically merged
  continuation (vMerge) is empty.
- Nested tables follow their outer table as tables of their own.
- Text in content controls (w:sdt) is read; headers and footers are not (running text).
- Body paragraphs cut by tabs (a draft pasted from a text dump) are table rows, consecutive ones one
  table, exactly as the text reader treats tab-separated lines.
- An empty paragraph, or an all-empty table row, marks the next block ``after_blank`` (as a blank
  line does in text), so "a wrapped cell continues after a blank" reads the same in both.
Provenance: ``line`` is the paragraph or table-row ordinal in the body (Word has no stable pages).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

import regex as re

from relazione.errors import RelazioneError
from relazione.readers.blocks import Block, Cell, Document, Line, Provenance, Row, Table, sha256_of
from relazione.readers.clean import clean_inline
from relazione.readers.text import is_separator, split_row
from relazione.readers.zipguard import check_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|titolo|title|intestazione)\s*(\d)?$", re.IGNORECASE)
TAB_PARAGRAPHS = "docx-tabs"  # Table.origin of rows made from tab-separated paragraphs
_T = TypeVar("_T")


def read_docx(path: str, data: bytes) -> Document:
    check_package(path, data, part="word/document.xml", kind="un documento Word")
    import docx  # python-docx

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on damaged packages
        raise RelazioneError(path, f"file Word danneggiato ({exc.__class__.__name__})") from None
    styles = _Styles({s.style_id: s.name for s in word.styles if s.style_id}, word.styles.element)
    counter = _Counter()
    blocks = list(_body_blocks(word.element.body, styles, counter))
    return Document(path=path, format="docx", blocks=_merge_adjacent_tables(blocks), sha256=sha256_of(data))


class _Counter:
    """Paragraph/row ordinal, and whether a blank paragraph or row came just before."""

    def __init__(self) -> None:
        self.n = 0
        self.blank = False

    def take_blank(self) -> bool:
        blank, self.blank = self.blank, False
        return blank

    def next(self) -> Provenance:
        self.n += 1
        return Provenance(None, self.n)


def _body_blocks(container, styles: _Styles, counter: _Counter) -> Iterator[Block]:  # noqa: ANN001
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            block = _paragraph(child, styles, counter)
            if block is not None:
                yield block
        elif tag == f"{W}tbl":
            yield from _table(child, styles, counter)
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_blocks(content, styles, counter)


def _paragraph_text(p) -> str:  # noqa: ANN001
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append(" ")
    return "".join(parts)


# -- styles ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Props:
    """What a style (or the document defaults) says of the text it formats; None: it says nothing."""

    size: float | None = None
    bold: bool | None = None
    outline: int | None = None  # w:outlineLvl, 0-based (9: body text)
    based_on: str | None = None


def _on(el) -> bool:  # noqa: ANN001
    """A Word on/off property: present without a value is on."""
    return el.get(f"{W}val", "true").lower() not in ("0", "false", "off", "none")


def _int_val(el) -> int | None:  # noqa: ANN001
    try:
        return int(el.get(f"{W}val"))
    except (TypeError, ValueError):
        return None


def _run_props(rpr) -> tuple[float | None, bool | None]:  # noqa: ANN001
    """Size in points (w:sz counts half-points) and bold, from an rPr element (None: not set)."""
    if rpr is None:
        return None, None
    sz, b = rpr.find(f"{W}sz"), rpr.find(f"{W}b")
    half = _int_val(sz) if sz is not None else None
    return (half / 2 if half else None), (_on(b) if b is not None else None)


def _props_of(style) -> _Props:  # noqa: ANN001
    size, bold = _run_props(style.find(f"{W}rPr"))
    outline = style.find(f"{W}pPr/{W}outlineLvl")
    based = style.find(f"{W}basedOn")
    return _Props(size, bold, _int_val(outline) if outline is not None else None,
                  based.get(f"{W}val") if based is not None else None)


class _Styles:
    """The style sheet, each style resolved once through its ``basedOn`` chain (the nearest style
    that sets a property wins), so a paragraph costs a dict look-up. A character style's chain
    stops short of the document defaults: what it leaves unset comes from the paragraph style."""

    def __init__(self, names: dict[str, str], sheet) -> None:  # noqa: ANN001
        self.names = names
        self.raw: dict[str, _Props] = {}
        self.default_paragraph: str | None = None
        for style in sheet.iterchildren(f"{W}style"):
            sid = style.get(f"{W}styleId")
            if sid is None:
                continue
            self.raw[sid] = _props_of(style)
            if style.get(f"{W}type") == "paragraph" and _on_attr(style.get(f"{W}default")):
                self.default_paragraph = sid
        size, bold = _run_props(sheet.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
        self.defaults = _Props(size, bold)
        self.resolved: dict[str | None, _Props] = {None: _Props()}
        self.paragraphs: dict[str | None, _Props] = {}

    def props(self, sid: str | None) -> _Props:
        """The style's properties with what it inherits from the styles it is based on."""
        if sid in self.resolved:
            return self.resolved[sid]
        self.resolved[sid] = _Props()  # a basedOn cycle ends here
        own = self.raw.get(sid) if sid is not None else None
        if own is None:
            return self.resolved[sid]
        base = self.props(own.based_on)
        out = _Props(_first(own.size, base.size), _first(own.bold, base.bold), _first(own.outline, base.outline))
        self.resolved[sid] = out
        return out

    def paragraph(self, sid: str | None) -> _Props:
        """A paragraph style's properties, the document defaults filling what its chain leaves unset."""
        if sid not in self.paragraphs:
            own = self.props(sid)
            self.paragraphs[sid] = _Props(_first(own.size, self.defaults.size), _first(own.bold, self.defaults.bold),
                                          own.outline)
        return self.paragraphs[sid]


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def _first(value: _T | None, fallback: _T | None) -> _T | None:
    return value if value is not None else fallback


def _style_level(ppr, style: str | None, para: _Props, styles: _Styles) -> int | None:  # noqa: ANN001
    """The heading style's number; else the outline level, the paragraph's own or its style's
    (Word's navigation pane shows headings by it; 9 is body text)."""
    if style is not None:
        m = _HEADING_STYLE.match(styles.names.get(style, style).strip())
        if m:
            return int(m.group(1)) if m.group(1) else 1
    own = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    outline = _int_val(own) if own is not None else para.outline
    return outline + 1 if outline is not None and 0 <= outline <= 8 else None


def _font(p, para: _Props, styles: _Styles) -> tuple[float | None, bool | None]:  # noqa: ANN001
    """The size most of the paragraph's characters have, and whether all its text runs are bold:
    each run's own formatting, else its character style's, else the paragraph style's (``para``)."""
    sizes: dict[float, int] = {}
    bold, measured = True, False
    for run in p.iter(f"{W}r"):
        n = sum(len((t.text or "").strip()) for t in run.iterchildren(f"{W}t"))
        if not n:
            continue
        rpr = run.find(f"{W}rPr")
        size, is_bold = _run_props(rpr)
        rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
        char = styles.props(rstyle.get(f"{W}val")) if rstyle is not None else para
        size, is_bold = _first(size, _first(char.size, para.size)), _first(is_bold, _first(char.bold, para.bold))
        if size is not None:
            sizes[size] = sizes.get(size, 0) + n
        bold, measured = bold and bool(is_bold), True
    if not measured:  # text only in fields or elsewhere: nothing to say
        return None, None
    return (max(sizes, key=sizes.__getitem__) if sizes else None), bold


def _paragraph(p, styles: _Styles, counter: _Counter) -> Line | Table | None:  # noqa: ANN001
    """A Line; or, for a body paragraph whose text is cut by tabs (a draft pasted from text), a
    one-row table, as the text reader makes of a tab-separated line."""
    raw = _paragraph_text(p)
    prov = counter.next()
    text = clean_inline(raw)
    if not text:
        counter.blank = True
        return None
    if is_separator(raw):
        return None  # a markdown table rule pasted from a text dump, dropped as the text reader does
    ppr = p.find(f"{W}pPr")
    pstyle = ppr.find(f"{W}pStyle") if ppr is not None else None
    style = pstyle.get(f"{W}val") if pstyle is not None else None
    para = styles.paragraph(style if style is not None else styles.default_paragraph)
    level = _style_level(ppr, style, para, styles)
    cells = split_row(raw) if level is None else None
    if cells is not None and len(cells) > 1:
        row = Row([Cell(clean_inline(c), prov) for c in cells], prov, after_blank=counter.take_blank())
        return Table([row], prov, origin=TAB_PARAGRAPHS)
    size, bold = _font(p, para, styles)
    return Line(text, prov, after_blank=counter.take_blank(), style_level=level, font_size=size, bold=bold)


def _cell_text(tc) -> str:  # noqa: ANN001
    """A cell's paragraphs joined by spaces; nested tables are left for their own block."""
    paragraphs = [_paragraph_text(p) for p in tc.iterchildren(f"{W}p")]
    for sdt in tc.iterchildren(f"{W}sdt"):
        paragraphs.extend(_paragraph_text(p) for p in sdt.iter(f"{W}p"))
    return clean_inline(" ".join(paragraphs))


def _grid_span(tc) -> int:  # noqa: ANN001
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(span.get(f"{W}val", "1")) if span is not None else 1


def _is_vmerge_continuation(tc) -> bool:  # noqa: ANN001
    vmerge = tc.find(f"{W}tcPr/{W}vMerge")
    return vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue"


def _table(tbl, styles: _Styles, counter: _Counter) -> Iterator[Block]:  # noqa: ANN001
    rows: list[Row] = []
    nested: list[Block] = []
    for tr in tbl.iterchildren(f"{W}tr"):
        prov = counter.next()
        cells: list[Cell] = []
        for tc in _row_cells(tr):
            text = "" if _is_vmerge_continuation(tc) else _cell_text(tc)
            cells.append(Cell(text, prov))
            cells.extend(Cell("", prov) for _ in range(_grid_span(tc) - 1))
            for inner in tc.iterchildren(f"{W}tbl"):
                nested.extend(_table(inner, styles, counter))
        if not any(c.text for c in cells):
            counter.blank = True
            continue
        rows.append(Row(cells, prov, after_blank=counter.take_blank()))
    if rows:
        yield Table(rows, rows[0].prov, origin="docx")
    yield from nested


def _row_cells(tr) -> Iterator:  # noqa: ANN001
    for child in tr.iterchildren():
        if child.tag == f"{W}tc":
            yield child
        elif child.tag == f"{W}sdt":  # a content control wrapping cells
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from content.iterchildren(f"{W}tc")


def _merge_adjacent_tables(blocks: list[Block]) -> list[Block]:
    """Word splits one logical table when a row is deleted or pasted: adjacent tables with the same
    column count and no text between them are one table."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if isinstance(b, Table) and isinstance(prev, Table) and prev.origin == b.origin:
            same_grid = b.origin == "docx" and prev.n_cols == b.n_cols
            if same_grid or b.origin == TAB_PARAGRAPHS:  # tab rows: one table, as in a text file
                prev.rows.extend(b.rows)
                continue
        out.append(b)
    return out
