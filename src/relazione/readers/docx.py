"""Word reader (python-docx): paragraphs and tables in body order -> the block stream.

- Paragraphs keep their order with tables; a heading style ("Heading 2", "Titolo 2") becomes
  ``Line.style_level``, strong heading evidence for extractors.
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

import regex as re

from ..blocks import Block, Cell, Document, Line, Provenance, Row, Table
from ..errors import RelazioneError
from ..records import sha256_of
from ..text import clean_inline
from .text import is_separator, split_row
from .zipguard import check_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|titolo|title|intestazione)\s*(\d)?$", re.IGNORECASE)
TAB_PARAGRAPHS = "docx-tabs"  # Table.origin of rows made from tab-separated paragraphs


def read_docx(path: str, data: bytes) -> Document:
    check_package(path, data, part="word/document.xml", kind="Word document")
    import docx  # python-docx

    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on damaged packages
        raise RelazioneError(path, f"damaged Word file ({exc.__class__.__name__})") from None
    styles = {s.style_id: s.name for s in word.styles if s.style_id}
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


def _body_blocks(container, styles: dict[str, str], counter: _Counter) -> Iterator[Block]:  # noqa: ANN001
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


def _style_level(p, styles: dict[str, str]) -> int | None:  # noqa: ANN001
    style = p.find(f"{W}pPr/{W}pStyle")
    if style is None:
        return None
    name = styles.get(style.get(f"{W}val"), style.get(f"{W}val") or "")
    m = _HEADING_STYLE.match(name.strip())
    if not m:
        return None
    return int(m.group(1)) if m.group(1) else 1


def _paragraph(p, styles: dict[str, str], counter: _Counter) -> Line | Table | None:  # noqa: ANN001
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
    level = _style_level(p, styles)
    cells = split_row(raw) if level is None else None
    if cells is not None and len(cells) > 1:
        row = Row([Cell(clean_inline(c), prov) for c in cells], prov, after_blank=counter.take_blank())
        return Table([row], prov, origin=TAB_PARAGRAPHS)
    return Line(text, prov, after_blank=counter.take_blank(), style_level=level)


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


def _table(tbl, styles: dict[str, str], counter: _Counter) -> Iterator[Block]:  # noqa: ANN001
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
