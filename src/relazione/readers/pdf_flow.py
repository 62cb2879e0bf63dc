"""PDF pages -> one block stream: the document-level half of the PDF reader.

Each page arrives as placed items (text lines and tables with their geometry); here, over the
whole document:
1. page furniture goes: lines repeated at the top or bottom of most pages, page numbers;
2. a line wrapped by the layout is joined to the next one (a paragraph is one Line, as in text
   and Word), also across a page break;
3. a table continuing on the next page is stitched: its repeated header row dropped, a row cut
   by the page break rejoined;
4. a vertical gap taller than a line (an empty paragraph, an empty table row) marks the next
   block ``after_blank``, as a blank line does in text.

Wrapping is decided the way a greedy line breaker decides it: a line was broken by the layout
when the next line's first word would not have fitted in the space left at its end; and never
between lines set differently (size, weight): a heading's font sets it apart from its text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import regex as re

from relazione.readers.blocks import Block, Line, Row, Table
from relazione.readers.clean import clean_inline, collapse, join_wrapped
from relazione.readers.text import rows_to_tables

_PAGE_NUMBER = re.compile(r"^(?:pag(?:ina|\.)?\s*)?[-–]?\s*\d{1,4}\s*(?:di|/|of)?\s*\d{0,4}\s*[-–]?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
RUNNING_MIN_PAGES = 3
RUNNING_SHARE = 0.5
SPACE_EM = 0.4  # a space (Helvetica/Arial 0.278 em) plus slack for rounded glyph advances: joining errs towards wrapped
MAYBE_CUT = "\u2063"  # between two parts of what may be one word cut by a narrow column (see resolve_cuts)
BLANK_GAP = 0.8  # a vertical gap of this many line heights is an empty line
DEFAULT_PITCH = 1.15  # line pitch in ems when a document has too few lines to measure it


@dataclass(slots=True)
class TextLine:
    """A physical line of text with what joining needs: its extent and its first word's width.
    ``right`` is the edge a full line reaches (a column's right edge); None: the page's text edge.
    Its Line holds the raw text until the stream is built: markup spanning a wrap is cleaned whole."""

    line: Line
    top: float
    bottom: float
    x0: float
    x1: float
    first_word: float
    size: float
    right: float | None = None
    # what the reader knows of how the line ends (a typed page, ``pdf_typed``): None, nothing (the
    # geometry decides); True, its paragraph ends; False, it runs on, joined to the next by ``glue``
    ends: bool | None = None
    glue: str = " "


@dataclass(slots=True)
class TableBox:
    """A table with the geometry stitching needs: per column, the space left at the end of the last
    row's last line (None: empty cell) and, for the first two rows (the first may be a repeated
    header), the width of each cell's first word (0: empty cell)."""

    table: Table
    top: float
    bottom: float
    size: float
    slack: list[float | None] = field(default_factory=list)
    first_words: list[list[float]] = field(default_factory=list)  # for the first two rows
    gap_rows: set[int] = field(default_factory=set)  # indexes of rows that follow an empty row
    columns: list[list[float]] | None = None  # an unruled table's column extents, for its continuation


Item = TextLine | TableBox


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    items: list[Item]
    scanned: bool = False


def wrapped(slack: float | None, next_word: float, size: float) -> bool:
    """Would the next word have fitted in ``slack``? If not, the break was the layout's."""
    return slack is not None and next_word > 0 and slack < next_word + SPACE_EM * size


def same_font(a: Line, b: Line) -> bool:
    """Set alike? A bold or larger heading and the body text under it are two Lines, however the
    geometry looks; lines whose font is unknown are alike."""
    if a.font_size is not None and b.font_size is not None and abs(a.font_size - b.font_size) > 0.5:
        return False
    return a.bold is None or b.bold is None or a.bold == b.bold


def _capitals(text: str) -> bool:
    """Two words or more, every letter a capital: a title, a verdict ("OBIETTIVO CONSEGUITO")."""
    # most lines have a lower-case letter: in ASCII, where every letter has a case and nothing else
    # has one, ``isupper`` rules them out in one call (beyond it, "ⅰ" has a case and is no letter)
    if (text.isascii() and not text.isupper()) or len(text.split()) < 2:
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def starts_anew(prev: str, text: str) -> bool:
    """Does ``text`` start something new after ``prev`` though the geometry says "wrapped"? Where
    the case changes: a line in capitals and one starting a capitalised lower-case word (a title
    and the text under it, ``... DEL TERRITORIO`` / ``Definizione e ...``), or text in lower case
    and a line in capitals (``... del 2016`` / ``OBIETTIVO CONSEGUITO``)."""
    prev = prev.rstrip().rsplit("\n", 1)[-1][-60:]
    words = text.split()
    first = words[0] if words else ""
    if _capitals(prev):
        return len(first) > 1 and first[0].isupper() and first[1:].isalpha() and first[1:].islower()
    return any(c.islower() for c in prev) and _capitals(text)


# -- page furniture ------------------------------------------------------------------------------
def _running_key(item: TextLine) -> tuple[str, int]:
    """Furniture repeats its text (page numbers aside) at the same height of the page."""
    return _DIGITS.sub("#", item.line.text.casefold()), round(item.top / 3)


def _is_page_number(line: Line) -> bool:
    """"Pagina 3 di 67", "- 3 -", "3/67" — and a bare number only when it is (near) the page's own
    number, so a value cell such as "30" ending a page is kept."""
    if not _PAGE_NUMBER.match(line.text):
        return False
    numbers = [int(n) for n in _DIGITS.findall(line.text)]
    page = line.prov.page or 0
    return len(numbers) > 1 or not line.text.strip().isdigit() or abs(numbers[0] - page) <= 2


def drop_running_text(pages: list[Page]) -> None:
    """Remove, among the first and last two items of each page, lines repeated at the same height
    on most pages (running headers and footers) and page numbers."""
    edges: Counter[tuple[str, int]] = Counter()
    for page in pages:
        lines = [i for i in page.items if isinstance(i, TextLine)]
        for key in {_running_key(line) for line in lines[:2] + lines[-2:]}:
            edges[key] += 1
    threshold = max(RUNNING_MIN_PAGES, RUNNING_SHARE * len(pages))
    running = {k for k, n in edges.items() if n >= threshold}
    for page in pages:
        n = len(page.items)
        page.items = [
            item for i, item in enumerate(page.items)
            if not (isinstance(item, TextLine) and (i < 2 or i >= n - 2)
                    and (_running_key(item) in running or _is_page_number(item.line)))
        ]


# -- the stream ----------------------------------------------------------------------------------
@dataclass(slots=True)
class _Frame:
    """Where content starts and ends on the pages of one size, and where full lines end."""

    top: float
    bottom: float
    right: float
    line_bottom: float  # the lowest a text line goes (a table's border may go lower)


def _frames(pages: list[Page]) -> dict[tuple[int, int], _Frame]:
    tops: dict[tuple[int, int], list[float]] = {}
    bottoms: dict[tuple[int, int], list[float]] = {}
    lines: dict[tuple[int, int], list[TextLine]] = {}
    for page in pages:
        key = _size_key(page)
        if page.items:
            tops.setdefault(key, []).append(page.items[0].top)
            bottoms.setdefault(key, []).append(max(i.bottom for i in page.items))
        lines.setdefault(key, []).extend(i for i in page.items if isinstance(i, TextLine) and i.right is None)
    return {key: _Frame(min(tops[key]), max(bottoms[key]), _text_right(lines.get(key, []), key[0]),
                        max((line.bottom for line in lines.get(key, [])), default=max(bottoms[key])))
            for key in tops}


def _pitch(pages: list[Page]) -> float:
    """Line pitch in ems, measured: the commonest distance between consecutive lines of one size."""
    steps: Counter[float] = Counter()
    for page in pages:
        lines = [i for i in page.items if isinstance(i, TextLine) and i.size]
        for a, b in zip(lines, lines[1:], strict=False):
            if a.size == b.size and 0 < b.top - a.top < 1.6 * a.size:
                steps[round((b.top - a.top) / a.size, 2)] += 1
    return steps.most_common(1)[0][0] if steps else DEFAULT_PITCH


def _text_right(lines: list[TextLine], width: float) -> float:
    """Where full lines end: the right margin, taken as wide as the left one (where most lines
    start; an outdented bullet is no margin). Not the longest
    line: in a document of short hard-broken lines (a layout dump) the longest line is no edge, and
    a URL overflowing into the margin is none either."""
    if not lines:
        return width
    left_margin = Counter(round(line.x0) for line in lines).most_common(1)[0][0]  # where most lines start
    return width - left_margin


def _size_key(page: Page) -> tuple[int, int]:
    return round(page.width), round(page.height)


class _Stream:
    """Builds the block list, remembering the last item placed for joining and stitching."""

    def __init__(self, frames: dict[tuple[int, int], _Frame], pitch: float) -> None:
        self.frames = frames
        self.pitch = pitch
        self.blocks: list[Block] = []
        self.last: Item | None = None
        self.last_page: Page | None = None
        self.typed: set[int] = set()  # ids of the Lines holding a typed page's raw text

    def add_page(self, page: Page) -> None:
        frame = self.frames.get(_size_key(page))
        for index, item in enumerate(page.items):
            first = index == 0
            gap = self._gap_before(item, page, frame, first)
            if isinstance(item, TextLine):
                self._add_line(item, frame, gap, first)
            else:
                self._add_table(item, gap, first)
            self.last = item
        if page.items:
            self.last_page = page

    def _gap_before(self, item: Item, page: Page, frame: _Frame | None, first: bool) -> bool:
        """Was there an empty line before ``item``? At a page top: space above it, or room left at
        the previous page's end that the item would have fitted in."""
        height = self._line_height(item)
        if not first:
            return self.last is not None and item.top - self.last.bottom > BLANK_GAP * height
        if frame is None:
            return True
        if self.last is None:  # the document's start: blank only if something empty stood above
            return item.top - frame.top > BLANK_GAP * height
        bottom = frame.line_bottom if isinstance(self.last, TextLine) else frame.bottom
        room_left = bottom - self.last.bottom
        return item.top - frame.top > BLANK_GAP * height or room_left >= self._line_height(self.last)

    def _line_height(self, item: Item) -> float:
        """A line's pitch: font size plus leading (a blank line takes one)."""
        return item.size * self.pitch if item.size else max(item.bottom - item.top, 4.0)

    def _add_line(self, item: TextLine, frame: _Frame | None, gap: bool, first: bool) -> None:
        prev = self.last
        # at a page top the join test comes first: a paragraph running on is no blank
        if isinstance(prev, TextLine) and (first or not gap) and self._continues(prev, item, frame):
            joined = self.blocks[-1]
            assert isinstance(joined, Line)
            if prev.ends is None:
                joined.text = join_lines([joined.text, item.line.text])
            else:  # raw text: its tabs and spaces are read later, as a text file's
                joined.text += prev.glue + item.line.text
            return
        item.line.after_blank = gap
        self.blocks.append(item.line)
        if item.ends is not None:
            self.typed.add(id(item.line))

    @staticmethod
    def _continues(prev: TextLine, item: TextLine, frame: _Frame | None) -> bool:
        if prev.ends is not None:
            return not prev.ends and item.ends is not None
        if abs(prev.size - item.size) > 0.5 or item.x0 > prev.x0 + 3 * item.size or not same_font(prev.line, item.line):
            return False
        right = prev.right if prev.right is not None else (frame.right if frame else prev.x1)
        return wrapped(right - prev.x1, item.first_word, item.size)

    def _add_table(self, item: TableBox, gap: bool, first: bool) -> None:
        table = item.table
        prev = self.last
        prev_table = self.blocks[-1] if self.blocks else None
        continued = first and isinstance(prev, TableBox) and isinstance(prev_table, Table) \
            and prev_table.n_cols == table.n_cols
        cut = continued and self._ran_to_page_end(prev)
        for i in item.gap_rows:
            # an empty strip atop a continuation is the rest of the row the page break cut
            table.rows[i].after_blank = not (cut and i == 0)
        if continued:
            _stitch(prev_table, prev, item, cut=cut)
            return
        table.rows[0].after_blank = table.rows[0].after_blank or gap
        self.blocks.append(table)

    def _ran_to_page_end(self, prev: TableBox) -> bool:
        frame = self.frames.get(_size_key(self.last_page)) if self.last_page else None
        # no room left for two more lines: the layout, not the author, ended the table here
        return frame is not None and frame.bottom - prev.bottom < 2 * self._line_height(prev)


def _stitch(prev_table: Table, prev: TableBox, item: TableBox, *, cut: bool) -> None:
    """Append a continuation: drop its repeated header row; rejoin a row the page break cut, which
    is when every cell the continuation's first row fills continues a wrapped cell of the last row
    (or, the table having run to the page end, its label cell is empty)."""
    rows = item.table.rows
    first_words = item.first_words[0] if item.first_words else []
    if rows and prev_table.rows and _same_texts(rows[0], prev_table.rows[0]):
        rows = rows[1:]  # the header row repeated on the new page
        first_words = item.first_words[1] if len(item.first_words) > 1 else []
    if rows and first_words and _rest_of_cut_row(prev, rows[0], first_words, cut):
        _append_cells(prev_table.rows[-1], rows[0])
        rows = rows[1:]
    elif rows and not clean_inline(rows[0].texts[0]):
        rows[0].after_blank = True  # a label-less row: let extractors decide
    prev_table.rows.extend(rows)


def _same_texts(a: Row, b: Row) -> bool:
    return [clean_inline(t) for t in a.texts] == [clean_inline(t) for t in b.texts]


def _rest_of_cut_row(prev: TableBox, row: Row, first_words: list[float], cut: bool) -> bool:
    texts = [clean_inline(t) for t in row.texts]
    if not cut or not any(texts):
        return False
    if not texts[0]:
        return True
    for col, text in enumerate(texts):
        if not text:
            continue
        slack = prev.slack[col] if col < len(prev.slack) else None
        if not wrapped(slack, first_words[col] if col < len(first_words) else 0.0, prev.size):
            return False
        above = prev.table.rows[-1].texts[col] if col < prev.table.n_cols else ""
        if starts_anew(above, text):
            return False
    return True


def _append_cells(row: Row, rest: Row) -> None:
    for cell, more in zip(row.cells, rest.cells, strict=False):
        if more.text:
            cell.text = join_lines([cell.text, more.text])


_GLUED_BREAK = re.compile(r"[^\s\\]\\$")


def join_lines(parts: list[str]) -> str:
    """Lines of one wrapped text joined: no space after a break the layout made at a backslash
    ("\\frac{\\" + "text{", a LaTeX remnant); else as ``join_wrapped``. (A break after a slash is
    ambiguous: "coinvolte/ 24.749" had its space.)"""
    if len(parts) == 1:  # a table cell's one line (most are): only its spaces to tidy, as join_wrapped would
        return collapse(parts[0])
    glued: list[str] = []
    for part in parts:
        part = part.strip()
        if glued and glued[-1].endswith("\\") and _GLUED_BREAK.search(glued[-1]):
            glued[-1] += part
        else:
            glued.append(part)
    return join_wrapped(glued)


_WORD = re.compile(r"\w+")
_INCOMPLETE_END = re.compile(r"[^\W\daeiouàèéìòóù]$|\d$", re.IGNORECASE)
_MAYBE_CUT = re.compile(rf"\w+{MAYBE_CUT}\w+")
_LAST_WORD = re.compile(r"\w+$")


def _texts(blocks: list[Block]) -> list[str]:
    texts = []
    for block in blocks:
        if isinstance(block, Line):
            texts.append(block.text)
        else:
            texts.extend(cell.text for row in block.rows for cell in row.cells)
    return texts


def resolve_cuts(blocks: list[Block]) -> None:
    """Decide the marked word cuts with the document's own words: "Implementa|zione" is glued when
    "implementazione" is written whole elsewhere and "implementa" and "zione" are not both words
    of the document; else the two parts stay two words ("Questionari di"), unless neither way is
    attested and the first part ends in a consonant or digit."""
    texts = _texts(blocks)
    if not any(MAYBE_CUT in t for t in texts):
        return
    # the words written whole: the marked parts themselves do not count. Found in all the texts at
    # once (no word runs over a line break), each distinct one casefolded once
    written = "\n".join([_MAYBE_CUT.sub(" ", t) if MAYBE_CUT in t else t for t in texts])
    vocabulary = {w.casefold() for w in set(_WORD.findall(written))}

    def glued(head: str, tail: str) -> bool:
        whole = (head + tail).casefold() in vocabulary
        both = head.casefold() in vocabulary and tail.casefold() in vocabulary
        # a number cut ("202" + "3"); else, no word of the document either way, a part ending as
        # no Italian word ends ("Mission", "231") is a cut one
        return (head[-1].isdigit() and tail[0].isdigit()) or (
            not both and (whole or bool(_INCOMPLETE_END.search(head))))

    def resolve(text: str) -> str:
        if MAYBE_CUT not in text:
            return text
        out, *rest = text.split(MAYBE_CUT)
        for part in rest:  # left to right: a glued word may be cut again ("Commiss|aria|le")
            head, tail = _LAST_WORD.search(out), _WORD.match(part)
            out += part if head and tail and glued(head.group(), tail.group()) else " " + part
        return out

    map_texts(blocks, resolve)


def map_texts(blocks: list[Block], fn: Callable[[str], str]) -> None:
    """Apply ``fn`` to the text of every line and every cell, in place; an empty text stays empty
    (``fn`` is not called: most cells of a sparse table are empty)."""
    for block in blocks:
        if isinstance(block, Line):
            block.text = fn(block.text) if block.text else block.text
        else:
            for row in block.rows:
                for cell in row.cells:
                    if cell.text:
                        cell.text = fn(cell.text)


def to_blocks(pages: list[Page]) -> list[Block]:
    drop_running_text(pages)
    stream = _Stream(_frames(pages), _pitch(pages))
    for page in pages:
        stream.add_page(page)
    blocks = rows_to_tables(stream.blocks, lambda line: id(line) in stream.typed)
    resolve_cuts(blocks)
    map_texts(blocks, clean_inline)  # raw until now: markup spanning a line or page break is cleaned whole
    return [b for b in blocks if not isinstance(b, Line) or b.text]

