"""A PDF page's words and the physical lines they form (shared by the table readers and the text flow).

Each word carries its font size and whether its font is bold, so each text line can carry the
layout evidence headings are told apart by (``Line.font_size``, ``Line.bold``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

import regex as re

from relazione.readers.blocks import Line, Provenance
from relazione.readers.clean import clean_inline
from relazione.readers.pdf_flow import TextLine

_BOLD_FONT = re.compile(r"bold|black|heavy|demi|,b(?:i|old)?$|[-,]bd\b", re.IGNORECASE)
NEARLY_ALL = 0.9  # the share of a line's characters in bold that makes it a bold line


@lru_cache(maxsize=256)
def is_bold_font(fontname: str) -> bool:
    """Bold, by the font's name ("ABCDEE+Arial-BoldMT", "Arial,Bold", "Calibri,B", "Segoe-Semibold"):
    PDFs seldom say it otherwise, and a document has few fonts, so the answer is cached."""
    return bool(_BOLD_FONT.search(fontname))


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False

    @classmethod
    def of(cls, w: dict) -> Word:
        """From pdfplumber's word; bold by its first character's font (``return_chars``): asking
        for ``fontname`` as an extra attribute would cut a word where the font changes inside it
        ("**Target**:" read as "Target :")."""
        chars = w.get("chars")
        return cls(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                   float(w.get("size") or (w["bottom"] - w["top"])),
                   bool(chars) and is_bold_font(chars[0].get("fontname") or ""))

    @classmethod
    def of_glyph(cls, c: dict) -> Word:
        """One character (a space too) as a one-letter word: what a typed page is read from."""
        return cls(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                   float(c.get("size") or (c["bottom"] - c["top"])), is_bold_font(c.get("fontname") or ""))


@dataclass(slots=True)
class PhysLine:
    words: list[Word]
    top: float
    bottom: float
    size: float = 0.0  # its largest font size, kept as its words come in (asked for again and again)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


def group_lines(words: list[Word]) -> list[PhysLine]:
    """Words whose vertical extents overlap by most of their height form a line, read left to right."""
    if len(words) == 1:  # a table cell's number or code: nothing to sort
        return [PhysLine([words[0]], words[0].top, words[0].bottom, words[0].size)]
    if not words:
        return []
    in_line = in_one_line(words)
    if in_line is not None:
        first = in_line[0]
        return [PhysLine(in_line, first.top, first.bottom, max([w.size for w in in_line]))]
    lines: list[PhysLine] = []
    keys = [(round(w.top), w.x0) for w in words]  # keys made once, sorted by index: no call per comparison
    line = None
    for i in sorted(range(len(words)), key=keys.__getitem__):
        w = words[i]
        if line is not None and w.top < line.bottom - 0.5 * (w.bottom - w.top):
            line.words.append(w)
            if w.bottom > line.bottom:
                line.bottom = w.bottom
            if w.size > line.size:  # kept up while grouping: no second pass over each line's words
                line.size = w.size
            continue
        line = PhysLine([w], w.top, w.bottom, w.size)
        lines.append(line)
    for line in lines:
        line.words.sort(key=_X0)
    return lines


_X0 = attrgetter("x0")


def in_one_line(words: list[Word]) -> list[Word] | None:
    """Words of one top and bottom (a table cell's label in one font), left to right; None for others.
    They overlap by their whole height: one line, no keys to make and sort (a page's words fail the
    test at its second line)."""
    first = words[0]
    if first.bottom > first.top and all([w.top == first.top and w.bottom == first.bottom for w in words]):
        return sorted(words, key=_X0)
    return None


class WordIndex:
    """Words sorted by vertical centre (each computed once): the words of a box (a table, a row of
    cells) come by bisection, not by a scan of all the words. A word is in a box when its centre
    is, bounds included."""

    def __init__(self, words: list[Word], centres: list[float], places: list[int]) -> None:
        self.words, self.centres = words, centres  # both sorted by centre
        self.places = places  # each word's place in the list the index was made of
        self._bands: dict[tuple[float, float], Band] = {}

    @classmethod
    def of(cls, words: list[Word]) -> WordIndex:
        centres = [(w.top + w.bottom) / 2 for w in words]
        order = sorted(range(len(words)), key=centres.__getitem__)  # stable: ties keep the words' order
        return cls([words[i] for i in order], [centres[i] for i in order], order)

    def within(self, bbox: tuple[float, float, float, float]) -> WordIndex:
        """The index of the words inside ``bbox`` (a table's), still sorted."""
        x0, top, x1, bottom = bbox
        lo, hi = bisect_left(self.centres, top), bisect_right(self.centres, bottom)
        kept = [i for i, w in enumerate(self.words[lo:hi], lo) if x0 <= (w.x0 + w.x1) / 2 <= x1]
        return WordIndex([self.words[i] for i in kept], [self.centres[i] for i in kept], [self.places[i] for i in kept])

    def band(self, top: float, bottom: float) -> Band:
        """The words whose centre lies between ``top`` and ``bottom``: a row's, made once for its cells."""
        band = self._bands.get((top, bottom))
        if band is None:
            lo, hi = bisect_left(self.centres, top), bisect_right(self.centres, bottom)
            band = self._bands[top, bottom] = Band(self.words[lo:hi])
        return band


class Band:
    """The words of a band across the page (a row of cells), also sorted by horizontal centre: a
    cell's words by bisection, not a test of every word of the row for every cell."""

    def __init__(self, words: list[Word]) -> None:
        centres = [(w.x0 + w.x1) / 2 for w in words]
        self.words = words
        self.by_x = sorted(range(len(words)), key=centres.__getitem__)
        self.xs = [centres[i] for i in self.by_x]

    def inside(self, x0: float, x1: float) -> list[Word]:
        """The words whose centre lies between ``x0`` and ``x1``, in the band's (vertical) order."""
        lo, hi = bisect_left(self.xs, x0), bisect_right(self.xs, x1)
        if lo == hi:  # most cells of most tables are empty
            return []
        if hi - lo == 1:  # a number, a code: no order to restore
            return [self.words[self.by_x[lo]]]
        return [self.words[i] for i in sorted(self.by_x[lo:hi])]


def line_font(words: list[Word]) -> tuple[float, bool]:
    """The size most of the line's characters are set in, and whether nearly all are bold: a
    footnote mark or a bold lead-in word does not make a line small or bold."""
    exact: dict[float, int] = {}  # a plain dict: a Counter costs more than the rest of the line's reading
    bold = total = 0
    for w in words:
        n = len(w.text)
        exact[w.size] = exact.get(w.size, 0) + n
        total += n
        if w.bold:
            bold += n
    sizes: dict[float, int] = {}  # rounded once per size, not per word; in order of first use, as before
    for size, n in exact.items():
        size = round(size, 1)
        sizes[size] = sizes.get(size, 0) + n
    return max(sizes, key=sizes.__getitem__), bold >= NEARLY_ALL * total


def text_line(line: PhysLine, page_number: int) -> TextLine | None:
    text = " ".join([w.text for w in line.words])
    if not clean_inline(text):
        return None
    first = line.words[0]
    size, bold = line_font(line.words)
    return TextLine(Line(text, Provenance(page_number, None), font_size=size, bold=bold), line.top, line.bottom,
                    line.x0, line.x1, first.x1 - first.x0, line.size)
