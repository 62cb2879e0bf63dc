"""Words -> physical lines -> text lines and unruled tables (found by text alignment).

A table without ruling lines is found as camelot's "stream" mode finds one, from the text alone:
1. each physical line is cut into chunks at gaps wider than ``GAP_EM`` (a word space is ~0.3 em;
   a column gap is wider, 1.4 em and more in the samples);
2. a run of lines is a table when at least two of its lines have several chunks and every line
   of the run keeps to the same columns: a column is the union of the x extents of the chunks
   that fall in it, and no chunk may overlap two columns (a prose line crossing a column gap ends
   the run, so paragraphs and two-column pages are no tables);
3. a line continues the row above when every chunk it has in a filled cell continues that cell as
   a greedy line breaker wraps it (the chunk's first word would not have fitted at the end of the
   cell's last line: the test of ``pdf_flow.wrapped``) and at least one does; else it starts a row.
   A single-cell line after the table's last multi-cell line that starts a row is text again;
4. the rows and columns become a grid of cell boxes read as a ruled table's cells are
   (``pdf_tables.table_box``: joined lines, words cut by a narrow column glued, stitching geometry).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relazione.readers.pdf_flow import BLANK_GAP, DEFAULT_PITCH, Item, TableBox, starts_anew, wrapped
from relazione.readers.pdf_tables import table_box
from relazione.readers.pdf_words import PhysLine, Word, WordIndex, text_line

GAP_EM = 1.0  # a gap this wide (in font sizes) between two words separates cells
MIN_ROWS = 2  # lines with several chunks a table needs
MAX_ROW_GAP = 2.5  # a vertical gap of this many line heights ends a table


# -- chunks and columns --------------------------------------------------------------------------
@dataclass(slots=True)
class Chunk:
    """Words of one line separated from their neighbours by a column-wide gap."""

    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def first_word(self) -> float:
        return self.words[0].x1 - self.words[0].x0


def chunks_of(line: PhysLine) -> list[Chunk]:
    out = [Chunk([line.words[0]])]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - prev.x1 > GAP_EM * max(prev.size, word.size):
            out.append(Chunk([word]))
        else:
            out[-1].words.append(word)
    return out


def place(columns: list[list[float]], chunks: list[Chunk]) -> list[int] | None:
    """The column of each chunk, widening ``columns`` (sorted [x0, x1] extents) in place; None when
    a chunk overlaps two columns or two chunks fall in one (the line does not keep to the columns).
    A chunk overlapping no column opens one."""
    trial = [c[:] for c in columns]
    for chunk in chunks:
        hits = [i for i, (x0, x1) in enumerate(trial) if chunk.x0 <= x1 and chunk.x1 >= x0]
        if len(hits) > 1:
            return None
        if hits:
            col = trial[hits[0]]
            col[0], col[1] = min(col[0], chunk.x0), max(col[1], chunk.x1)
        else:
            trial.append([chunk.x0, chunk.x1])
            trial.sort()
    if any(a[1] >= b[0] for a, b in zip(trial, trial[1:], strict=False)):
        return None  # a widened column reached its neighbour
    placed = [_column_of(trial, c) for c in chunks]
    if len(set(placed)) < len(placed):
        return None
    columns[:] = trial
    return placed


# -- rows ------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Row:
    lines: list[PhysLine] = field(default_factory=list)
    ends: dict[int, float] = field(default_factory=dict)  # column -> x1 of the cell's last line
    texts: dict[int, str] = field(default_factory=dict)  # column -> the cell's last line
    after_gap: bool = False
    multi: int = 0  # its lines with several cells
    rest: bool = False  # the rest of the row a page break cut (carried from the page before)


def _line_height(line: PhysLine) -> float:
    return line.size * DEFAULT_PITCH


def _text(chunk: Chunk) -> str:
    return " ".join(w.text for w in chunk.words)


def _continues(row: _Row, line: PhysLine, chunks: list[Chunk], cols: list[int], rights: list[float]) -> bool:
    """Every chunk in a filled cell wraps that cell on (and one does); chunks in empty cells ride
    along, but for the first column's: a label there starts a row."""
    filled = [(c, chunk) for c, chunk in zip(cols, chunks, strict=True) if c in row.ends]
    if cols[0] == 0 and 0 not in row.ends:
        return False
    return bool(filled) and all(
        wrapped(rights[c] - row.ends[c], chunk.first_word, line.size) and not starts_anew(row.texts[c], _text(chunk))
        for c, chunk in filled)


def _rows(lines: list[PhysLine], split: list[list[Chunk]], placed: list[list[int]], rights: list[float],
          above: _Row | None = None) -> list[_Row]:
    """Lines grouped into rows; ``above``: the row cut by the page break, which the first lines may continue."""
    rows: list[_Row] = []
    for i, line in enumerate(lines):
        gap = i > 0 and line.top - lines[i - 1].bottom > BLANK_GAP * _line_height(line)
        last = rows[-1] if rows else above
        if gap or last is None or not _continues(last, line, split[i], placed[i], rights):
            rows.append(_Row(after_gap=gap))
        elif not rows:
            rows.append(_Row(ends=dict(above.ends), texts=dict(above.texts), rest=True))
        row = rows[-1]
        row.lines.append(line)
        row.multi += len(split[i]) > 1
        for c, chunk in zip(placed[i], split[i], strict=True):
            row.ends[c] = chunk.x1
            row.texts[c] = _text(chunk)
    return rows


def _rights(columns: list[list[float]], split: list[list[Chunk]], placed: list[list[int]]) -> list[float]:
    """Where each column's lines end when full. The longest line seen stops short of the edge (a word
    that did not fit went down), and in a column of short entries it is no edge at all: a column
    ends where the next begins, less the narrowest gap between two cells of one line."""
    gaps = [b.x0 - a.x1 for chunks in split for a, b in zip(chunks, chunks[1:], strict=False)]
    rights = [x1 for _, x1 in columns]
    if not gaps:
        return rights
    margin = min(gaps)
    for c in range(len(columns) - 1):
        rights[c] = max(rights[c], columns[c + 1][0] - margin)
    return rights


# -- the page -------------------------------------------------------------------------------------
BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class _GridRow:
    cells: list[BBox | None]


@dataclass(slots=True)
class UnruledTable:
    """What ``pdf_tables.table_box`` reads, as it reads a ruled table (``pdf_ruled.RuledTable``): a
    bounding box and rows of cell boxes (a row of None: an empty row, i.e. a vertical gap)."""

    bbox: BBox
    rows: list[_GridRow]


@dataclass(slots=True)
class Carried:
    """An unruled table that ran to the end of a page: its columns and its last row, which lines at
    the top of the next page may continue."""

    columns: list[list[float]]
    rights: list[float]
    row: _Row


def _grow(lines: list[PhysLine], split: list[list[Chunk]], start: int,
          columns: list[list[float]]) -> tuple[int, list[list[int]]]:
    """The run of lines from ``start`` that keeps to one set of columns (widened in place)."""
    end = start
    while end < len(lines):
        if end > start:
            gap = (lines[end].top - lines[end - 1].bottom) / _line_height(lines[end])
            # past an empty line only a row of several cells goes on, or one cell starting where a
            # column other than the first starts: a lone line at the margin there is a heading
            if gap > MAX_ROW_GAP or (gap > BLANK_GAP and len(split[end]) < 2
                                     and not any(abs(split[end][0].x0 - x0) < 2 for x0, _ in columns[1:])):
                break
        if place(columns, split[end]) is None:
            break
        end += 1
    # placed against the final columns: one opened later shifts the indexes of those right of it
    placed = [[_column_of(columns, chunk) for chunk in split[k]] for k in range(start, end)]
    return end, placed


def _column_of(columns: list[list[float]], chunk: Chunk) -> int:
    return next(i for i, (x0, x1) in enumerate(columns) if x0 <= chunk.x0 and chunk.x1 <= x1)


def _table_of(lines: list[PhysLine], split: list[list[Chunk]], columns: list[list[float]],
              placed: list[list[int]], carried: Carried | None) -> tuple[UnruledTable, int, Carried] | None:
    """The table a run of lines holds and how many of the lines it takes; None if it is no table.
    Rows after the last multi-cell row are text (a short paragraph under a table is no row), except
    the rest of a row cut by the page break."""
    rights = _rights(columns, split, placed)
    if carried is not None:  # measured on more lines
        rights = [max(a, x1) for a, (_, x1) in zip(carried.rights, columns, strict=False)] \
            + rights[len(carried.rights):]
    rows = _rows(lines, split, placed, rights, carried.row if carried else None)
    keep = max((i + 1 for i, row in enumerate(rows) if row.multi), default=0)
    if carried is not None:
        if not rows[0].rest and not rows[0].multi:
            return None  # the page goes on with something else
        keep = max(keep, 1)
    rows = rows[:keep]
    if not rows or len(columns) < 2 or (carried is None and sum(row.multi for row in rows) < MIN_ROWS):
        return None
    grid: list[_GridRow] = []
    for row in rows:
        if row.after_gap and grid:
            grid.append(_GridRow([None] * len(columns)))
        top, bottom = row.lines[0].top - 0.1, row.lines[-1].bottom + 0.1
        grid.append(_GridRow([(x0, top, right, bottom) for (x0, _), right in zip(columns, rights, strict=True)]))
    bbox = (columns[0][0], rows[0].lines[0].top, max(rights), rows[-1].lines[-1].bottom)
    return UnruledTable(bbox, grid), sum(len(row.lines) for row in rows), Carried(columns, rights, rows[-1])


def find_unruled_tables(lines: list[PhysLine], page_number: int,
                        carried: Carried | None = None) -> tuple[list[Item], Carried | None]:
    """The page's lines as text lines and unruled tables, in page order; and the table that ends
    the page, if one does (``carried``: the one that ended the page before, which the first body
    line may continue; a running header or footer apart from the body by a gap is no body)."""
    index: WordIndex | None = None  # the page's words, indexed once a table is tried
    split = [chunks_of(line) for line in lines]
    body_start, body_end = _body(lines)
    items: list[Item] = []
    last: Carried | None = None
    i = 0
    while i < len(lines):
        tries = [carried] if carried is not None and i in (0, body_start) else []
        tries += [None] if len(split[i]) > 1 else []
        if tries and index is None:
            index = WordIndex.of([w for line in lines for w in line.words])
        found = next((f for above in tries if (f := _table_at(lines, split, i, above, index, page_number))), None)
        if found is not None:
            carried = None
            items.append(found[0])
            i += found[1]
            last = found[2] if i >= body_end else None
            continue
        item = text_line(lines[i], page_number)
        if item is not None:
            items.append(item)
        i += 1
    return items, last


def _table_at(lines: list[PhysLine], split: list[list[Chunk]], i: int, above: Carried | None, index: WordIndex,
              page_number: int) -> tuple[TableBox, int, Carried] | None:
    """The table starting at line ``i`` (continuing ``above``), how many lines it takes, its last row."""
    columns = [c[:] for c in above.columns] if above else []
    end, placed = _grow(lines, split, i, columns)
    found = _table_of(lines[i:end], split[i:end], columns, placed, above) if end > i else None
    box = table_box(found[0], index.within(found[0].bbox), page_number) if found else None
    if found is None or box is None:
        return None
    box.columns = columns
    return box, found[1], found[2]


def _body(lines: list[PhysLine]) -> tuple[int, int]:
    """The first and past-the-last line of the page body: up to two lines at the top or bottom set
    apart by a gap (a running header or footer, a page number) are left out."""
    def apart(i: int) -> bool:  # a gap between line i-1 and line i
        return lines[i].top - lines[i - 1].bottom > BLANK_GAP * _line_height(lines[i])

    start = next((i for i in (1, 2) if i < len(lines) and apart(i)), 0)
    end = next((len(lines) - k for k in (1, 2) if len(lines) - k > start and apart(len(lines) - k)), len(lines))
    return start, end
