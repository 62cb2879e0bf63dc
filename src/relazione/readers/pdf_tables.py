"""Tables (ruled ones found by ``pdf_ruled``, unruled ones by ``pdf_unruled``) read into TableBoxes:
cell texts from the page's words.

Cells are read from the words whose centre lies in the cell (not with pdfplumber's own
``extract``), so each cell also yields the geometry stitching needs: the space left at the end of
its last line, the width of its first word. Lines inside a cell are joined as wrapped text; a word
broken because it was wider than the column ("Implementa" + "zione") is glued back: the greedy
breaker cuts a word only when it fills a line alone, and the cut falls where the next letter would
not fit (see ``_fills_line_alone``).
"""

from __future__ import annotations

from dataclasses import dataclass

from relazione.readers.blocks import Cell, Provenance, Row, Table
from relazione.readers.clean import clean_inline, collapse
from relazione.readers.pdf_flow import MAYBE_CUT, TableBox, join_lines
from relazione.readers.pdf_words import PhysLine, WordIndex, group_lines, in_one_line

BBox = tuple[float, float, float, float]
CUT_LETTERS = 1.5


@dataclass(slots=True)
class CellRead:
    text: str  # raw: cleaned once the table is whole (markup may span a page break)
    slack: float | None  # None: an empty cell
    first_word: float


def read_cell(bbox: BBox | None, index: WordIndex, size: float) -> CellRead:
    words = index.band(bbox[1], bbox[3]).inside(bbox[0], bbox[2]) if bbox is not None else []
    if not words or bbox is None:
        return CellRead("", None, 0.0)
    if len(words) == 1:  # a number or a code (most cells): one line of one word, no lines to group or join
        word = words[0]
        text_right = _text_right(bbox, word.x0, size)
        return CellRead(collapse(word.text), text_right - word.x1, word.x1 - word.x0)  # collapse: join_lines' own
    in_line = in_one_line(words)
    if in_line is not None:  # a name in one line (most): no lines to group or join
        first = in_line[0]
        text_right = _text_right(bbox, first.x0, size)
        text = collapse(" ".join([w.text for w in in_line]))  # collapse: join_lines' own
        return CellRead(text, text_right - in_line[-1].x1, first.x1 - first.x0)
    lines = group_lines(words)
    text_right = _text_right(bbox, min([w.x0 for w in words]), size)
    parts: list[str] = []
    prev: PhysLine | None = None
    for line in lines:
        text = " ".join([w.text for w in line.words])
        if prev is not None and _fills_line_alone(prev, line, text_right):
            parts[-1] += MAYBE_CUT + text  # the document's own words decide (pdf_flow.resolve_cuts)
        else:
            parts.append(text)
        prev = line
    first = lines[0].words[0]
    return CellRead(join_lines(parts), text_right - lines[-1].x1, first.x1 - first.x0)


def _text_right(bbox: BBox, left: float, size: float) -> float:
    """Where the cell's lines may end: its right side less the padding its leftmost word shows on
    the left (a font size at most)."""
    padding = left - bbox[0]
    padding = 0.0 if padding < 0.0 else padding  # max and min, spelt out: no two calls per cell
    return bbox[2] - (size if size < padding else padding)


def _fills_line_alone(prev: PhysLine, line: PhysLine, text_right: float) -> bool:
    """A lone word filling its line, the next line's first letter not fitting after it (an average
    letter, with slack for a narrow one and for the padding guessed): the breaker may have cut a
    word wider than the column. Geometry alone cannot tell "Questionari" + "di" from "Mission" + "e";
    the pair is marked and decided by ``pdf_flow.resolve_cuts`` from the words of the whole document."""
    if len(prev.words) != 1:
        return False
    nxt = line.words[0]
    letter = (nxt.x1 - nxt.x0) / max(len(nxt.text), 1)
    return text_right - prev.x1 < CUT_LETTERS * letter and nxt.text[:1].isalnum()


def table_box(table, index: WordIndex, page_number: int) -> TableBox | None:  # noqa: ANN001
    """The table's non-empty rows (an all-empty row marks the next ``after_blank``) and the geometry
    of its first two and last rows; ``index``: the words inside the table's bbox."""
    prov = Provenance(page_number, None)
    _, top, _, bottom = table.bbox
    size = _median([w.size for w in index.words]) or 8.0
    rows: list[Row] = []
    reads: list[list[CellRead]] = []
    gap_rows: set[int] = set()
    for pl_row in table.rows:
        cells = [read_cell(bbox, index, size) for bbox in pl_row.cells]
        if not any(c.text and clean_inline(c.text) for c in cells):  # no words: no text to clean
            gap_rows.add(len(rows))  # an empty row: the next one follows a blank, as in text
            continue
        rows.append(Row([Cell(c.text, prov) for c in cells], prov))
        reads.append(cells)
    if not rows:
        return None
    gap_rows.discard(len(rows))
    box = TableBox(Table(rows, prov, origin="pdf"), top, bottom, size, gap_rows=gap_rows)
    box.slack = [c.slack for c in reads[-1]]
    box.first_words = [[c.first_word for c in cells] for cells in reads[:2]]
    return box


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2] if values else 0.0
