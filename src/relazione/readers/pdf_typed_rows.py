"""A typed page's glyphs grouped into physical lines (rows), straight from the ``Glyphs`` lists.

A typed page has thousands of glyphs and each is a one-letter word: making a ``Word`` per glyph and
grouping them with the general word code cost more than the rest of the page's reading. Here the
glyphs stay in their lists: their indices are sorted once by (rounded top, x0) and cut into rows by
``pdf_words.group_lines``' rule (a glyph joins the current line when its top lies above the line's
bottom by more than half its height), and each row keeps its glyphs' texts and x extents, in x order,
with what the line's ``TextLine`` needs (extent, largest size, font by ``pdf_words.line_font``'s rule).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import compress, groupby
from operator import itemgetter

from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_words import NEARLY_ALL


@dataclass(slots=True)
class Row:
    texts: list[str]  # the glyphs' texts, left to right
    x0: list[float]
    x1: list[float]
    top: float  # the top of the glyph that opened the line, as group_lines keeps it
    bottom: float  # the lowest bottom
    size: float  # the largest glyph's size (spaces too)
    font_size: float  # the size most inked characters are set in
    bold: bool  # nearly all inked characters bold


def rows(glyphs: Glyphs) -> list[Row]:
    """The page's lines with ink, top to bottom, each read left to right."""
    ink = list(map(str.strip, glyphs.text))  # '' for a space: a line of spaces only is no line
    return [_row(glyphs, indices, top, bottom, ink) for indices, top, bottom in _group(glyphs)
            if any(map(ink.__getitem__, indices))]


def _group(glyphs: Glyphs) -> list[tuple[list[int], float, float]]:
    """Glyph indices per line, with the line's top and bottom: group_lines' rule, taken a run of
    glyphs at a time where they share one top and bottom (most of a typed line does), which all
    answer the rule as its first one's line left them."""
    top, bottom = glyphs.top, glyphs.bottom
    keys = list(zip(map(round, top), glyphs.x0, strict=True))
    lines: list[tuple[list[int], float, float]] = []
    line: list[int] = []
    line_top = line_bottom = 0.0
    for (t, b), run in groupby(sorted(range(len(keys)), key=keys.__getitem__),
                               key=list(zip(top, bottom, strict=True)).__getitem__):
        half = 0.5 * (b - t)
        first, *rest = run
        if line and t < line_bottom - half:
            line.append(first)
            line_bottom = max(line_bottom, b)
        else:
            if line:
                lines.append((line, line_top, line_bottom))
            line, line_top, line_bottom = [first], t, b
        if t < line_bottom - half:  # the line's bottom no longer moves: the rest join it
            line += rest
            continue
        for i in rest:  # each opens a line, and the next one fails the rule against it as well
            lines.append((line, line_top, line_bottom))
            line, line_top, line_bottom = [i], t, b
    if line:
        lines.append((line, line_top, line_bottom))
    return lines


def _row(glyphs: Glyphs, indices: list[int], top: float, bottom: float, ink: list[str]) -> Row:
    indices.sort(key=glyphs.x0.__getitem__)  # stable: glyphs at one x stay in (rounded top) order
    pick = itemgetter(*indices) if len(indices) > 1 else lambda values: (values[indices[0]],)
    inked = list(compress(indices, map(ink.__getitem__, indices)))
    font_size, bold = _font([glyphs.text[i] for i in inked], [glyphs.size[i] for i in inked],
                            [glyphs.bold[i] for i in inked])
    return Row(list(pick(glyphs.text)), list(pick(glyphs.x0)), list(pick(glyphs.x1)), top, bottom,
               max(pick(glyphs.size)), font_size, bold)


def _font(texts: list[str], sizes: list[float], bolds: list[bool]) -> tuple[float, bool]:
    """``pdf_words.line_font`` over lists: sizes and bold counted per character, counted in bulk
    when every glyph is one character (a ligature spelt out is two)."""
    total = sum(map(len, texts))
    if total == len(texts):  # counted in order of first use, as line_font's dict is
        exact: dict[float, int] = {sizes[0]: total} if sizes.count(sizes[0]) == total else Counter(sizes)
        bold = sum(map(bool, bolds))
    else:
        exact, bold = {}, 0
        for text, size, is_bold in zip(texts, sizes, bolds, strict=True):
            exact[size] = exact.get(size, 0) + len(text)
            bold += len(text) if is_bold else 0
    rounded: dict[float, int] = {}
    for size, n in exact.items():
        size = round(size, 1)
        rounded[size] = rounded.get(size, 0) + n
    return max(rounded, key=rounded.__getitem__), bold >= NEARLY_ALL * total
