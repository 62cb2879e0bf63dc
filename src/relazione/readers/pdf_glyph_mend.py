"""PDFium's glyphs mended where they differ from pdfminer's: a ligature PDFium spells out in letters
sharing one box ("f", "l" for "ﬂ") is one glyph again, and spaces PDFium drops (it keeps one of
several in a row) come back, as pdfminer reads them: a typed page's columns are spaces, and the
glyphs of a typed page are counted. ``objs``: each glyph's text object (only a glyph following one
of its own object can be mended; looked up by index, of few glyphs).

Most pages have a case or two, so the mended page is made from the ``Glyphs`` lists directly: each
list cut at the cases, the slices between them copied whole, the glyphs to add spliced in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields
from itertools import chain, compress, count
from operator import eq

from relazione.readers.pdf_glyph_words import LIGATURES
from relazione.readers.pdf_source import Glyphs

SPELT_LIGATURES = {spelt: glyph for glyph, spelt in LIGATURES.items() if glyph not in "ﬅ"}
SPACE = re.compile(" ")
SPACE_SLACK = 0.05  # share of a space's width: a gap after a space this close to whole spaces held them
COLUMNS = [column.name for column in fields(Glyphs)]  # a glyph added is a tuple of these, in this order

Piece = slice | tuple  # of a mended page: a slice of the glyphs read, or one glyph added


def mend(glyphs: Glyphs, objs: Sequence[int]) -> Glyphs:
    """The rare cases, where a glyph follows another of its text object: a letter in the last glyph's
    box (a ligature PDFium spelt out) or a gap after a space (spaces PDFium dropped). Only the glyphs
    that may be one are looked at (a space's gap under 0.4 of its width is neither)."""
    cases = _cases(glyphs, objs)
    if not cases:
        return glyphs
    text = glyphs.text[:]  # ligatures are renamed in the copy: the glyphs given stay as they were
    pieces, gaps = _pieces(glyphs, text, cases)
    mended = _spliced(glyphs, pieces, text)
    return _fill_gaps(mended, gaps) if gaps else mended


def _cases(glyphs: Glyphs, objs: Sequence[int]) -> list[int]:
    """The glyphs that may need mending, found by maps over the page's glyphs and its spaces."""
    text, x0, x1 = glyphs.text, glyphs.x0, glyphs.x1
    same_box = compress(count(1), map(eq, x0[1:], x0))
    # found by re in the page's text (a glyph is one character): far faster than a test per glyph
    spaces = [space.start() for space in SPACE.finditer("".join(text[:-1]))]
    # a gap over 0.4 of the space's width (or over the width itself, a negative one): min() spelt out
    after_gap = [p + 1 for p in spaces if x0[p + 1] - x1[p] > (0.4 * w if (w := x1[p] - x0[p]) >= 0 else w)]
    return sorted({j for j in chain(same_box, after_gap) if objs[j] == objs[j - 1]})


def _pieces(glyphs: Glyphs, text: list[str], cases: list[int]) -> tuple[list[Piece], list[int]]:
    """The mended page as pieces, and where (in it) a glyph follows a space and a gap wider than a
    space, in one text object. Each case is mended against the last glyph kept: a ligature's second
    letter is not kept, so a third ("f", "f", "i") joins the first."""
    x0, x1 = glyphs.x0, glyphs.x1
    pieces: list[Piece] = []
    gaps: list[int] = []
    start = length = 0  # the first glyph not in a piece yet; the glyphs in the pieces
    last = 0
    for j in cases:
        pieces.append(slice(start, j))
        length += j - start
        if j > start:  # else the glyph before j was a case too: ``last`` is already the last kept
            last = j - 1
        if _ligature(text, x0, x1, last, j):
            start = j + 1  # one glyph drawn, spelt out by PDFium in letters
            continue
        start = j  # kept: j opens the next slice
        if text[last] == " ":
            spaces = _dropped_spaces(glyphs, last, x0[j], glyphs.upright[j])
            pieces += spaces
            length += len(spaces)
            if not spaces and x0[j] - x1[last] > x1[last] - x0[last]:
                gaps.append(length)
    pieces.append(slice(start, None))
    return pieces, gaps


def _ligature(text: list[str], x0: list[float], x1: list[float], last: int, j: int) -> bool:
    """A letter in the same box as the last glyph, making a ligature with it ("f" + "l": "ﬂ"): the last
    glyph becomes the ligature, as pdfminer reads it (a typed page counts glyphs)."""
    if x0[j] != x0[last] or x1[j] != x1[last]:
        return False
    found = SPELT_LIGATURES.get(LIGATURES.get(text[last], text[last]) + text[j])
    if found is not None:
        text[last] = found
    return found is not None


def _dropped_spaces(glyphs: Glyphs, space: int, next_x0: float, upright: bool) -> list[tuple]:
    """PDFium keeps one of several spaces in a row; the gap the others leave (in the same text object,
    whole spaces wide) gets them back, as pdfminer reads them: a typed page's columns are spaces."""
    x0, x1 = glyphs.x0[space], glyphs.x1[space]
    width = x1 - x0
    if width <= 0:
        return []
    gap = (next_x0 - x1) / width
    count = round(gap)
    if count < 1 or abs(gap - count) > SPACE_SLACK:
        return []
    top, bottom, size, bold = glyphs.top[space], glyphs.bottom[space], glyphs.size[space], glyphs.bold[space]
    return [(" ", x1 + i * width, x1 + (i + 1) * width, top, bottom, size, bold, upright) for i in range(count)]


def _fill_gaps(glyphs: Glyphs, gaps: list[int]) -> Glyphs:
    """A dropped space whose gap holds a glyph drawn later (a bullet "❖" set in the gap between the
    spaces around it): the space comes back just before the glyph after the gap, where the document
    set it, so the bullet stays a word of its own."""
    pieces: list[Piece] = []
    start = 0
    for index in gaps:
        if _holds_glyph(glyphs, index):
            space = index - 1
            width = glyphs.x1[space] - glyphs.x0[space]
            after = glyphs.x0[index]
            pieces += [slice(start, index), (" ", after - width, after, glyphs.top[space], glyphs.bottom[space],
                                             glyphs.size[space], glyphs.bold[space], glyphs.upright[index])]
            start = index
    pieces.append(slice(start, None))
    return _spliced(glyphs, pieces, glyphs.text)


def _holds_glyph(glyphs: Glyphs, index: int) -> bool:
    """Whether a glyph other than the space before ``index`` and the one at it is drawn in the gap
    between them, on the line of the one at it."""
    text, x0, x1, bottom = glyphs.text, glyphs.x0, glyphs.x1, glyphs.bottom
    left, right, line = x1[index - 1], x0[index], bottom[index]
    return any(x0[k] < right and x1[k] > left and abs(bottom[k] - line) < 1 and text[k].strip()
               for k in chain(range(index + 1, len(text)), range(index - 1)))


def _spliced(glyphs: Glyphs, pieces: list[Piece], text: list[str]) -> Glyphs:
    """The glyphs made of ``pieces`` (``text``: the names of the glyphs read)."""
    columns = [text, *(getattr(glyphs, name) for name in COLUMNS[1:])]
    return Glyphs(*(_joined(column, k, pieces) for k, column in enumerate(columns)))


def _joined(column: list, k: int, pieces: list[Piece]) -> list:
    """One list of the mended glyphs: slices of ``column``, and value ``k`` of each glyph added."""
    out = []
    for piece in pieces:
        if type(piece) is slice:
            out += column[piece]
        else:
            out.append(piece[k])
    return out
