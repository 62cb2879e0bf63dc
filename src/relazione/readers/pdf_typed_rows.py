"""A typed page's glyphs grouped into physical lines (rows), straight from the ``Glyphs`` lists.

A typed page has thousands of glyphs and each is a one-letter word: making a ``Word`` per glyph and
grouping them with the general word code cost more than the rest of the page's reading. Here the
glyphs stay in their lists, in runs that share one top and bottom, taken in (rounded top, x0) order
and cut into rows by ``pdf_words.group_lines``' rule (a glyph joins the current line when its top lies
above the line's bottom by more than half its height). A typed page draws each line left to right at
its own top, so its runs are found in content order and each row is a slice of the lists; any other
page has its glyph indices sorted once, as group_lines sorts its words. Each row keeps its glyphs'
texts and x extents, in x order, with what the line's ``TextLine`` needs (extent, largest size, font
by ``pdf_words.line_font``'s rule).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, compress, groupby, pairwise
from operator import gt, itemgetter, ne

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
    text = glyphs.text
    return [_row(glyphs, parts, top, bottom) for parts, top, bottom in _lines(_runs(glyphs))
            if any(map(str.strip, map(text.__getitem__, chain.from_iterable(parts))))]  # not spaces only


Run = tuple[Sequence[int], float, float]  # glyph indices next in (rounded top, x0) order, their one top and bottom


def _runs(glyphs: Glyphs) -> list[Run]:
    """The glyphs in (rounded top, x0) order, as group_lines sorts them, cut where top or bottom changes."""
    runs = _content_runs(glyphs)
    if runs is not None:
        return runs
    top, bottom = glyphs.top, glyphs.bottom
    keys = list(zip(map(round, top), glyphs.x0, strict=True))
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return [(list(run), t, b) for (t, b), run in groupby(order, key=list(zip(top, bottom, strict=True)).__getitem__)]


def _content_runs(glyphs: Glyphs) -> list[Run] | None:
    """The same runs found without sorting every glyph, when the page allows (a typed page does: each
    line is drawn left to right at one top): cut the content order where x0 goes back, then where top
    or bottom changes; when no two runs share a rounded top, sorting the runs by it sorts the glyphs.
    Else None."""
    top, x0 = glyphs.top, glyphs.x0
    n = len(top)
    if not n:
        return []
    backs = [0, *compress(range(1, n), map(gt, x0, x0[1:])), n]
    starts = [k for start, end in pairwise(backs) for k in _level_starts(glyphs, start, end)]
    rounded = [round(top[k]) for k in starts]
    if len(set(rounded)) < len(rounded):
        return None
    ends = [*starts[1:], n]
    return [(range(starts[k], ends[k]), top[starts[k]], glyphs.bottom[starts[k]])
            for k in sorted(range(len(starts)), key=rounded.__getitem__)]


def _level_starts(glyphs: Glyphs, start: int, end: int) -> list[int]:
    """Where glyphs ``start`` to ``end`` (x0 rising) start anew in top or bottom: at ``start`` only
    when they share one top and one bottom, as a typed page's line does (told without comparing
    each glyph with the next)."""
    tops, bottoms = glyphs.top[start:end], glyphs.bottom[start:end]
    if tops.count(tops[0]) == len(tops) and bottoms.count(bottoms[0]) == len(bottoms):
        return [start]
    starts = {start}
    starts.update(compress(range(start + 1, end), map(ne, tops, tops[1:])),
                  compress(range(start + 1, end), map(ne, bottoms, bottoms[1:])))
    return sorted(starts)


def _lines(runs: list[Run]) -> list[tuple[list[Sequence[int]], float, float]]:
    """The runs cut into lines, with each line's top and bottom, by group_lines' rule: a glyph joins
    the current line when its top lies above the line's bottom by more than half its height. All of a
    run but its first glyph answer the rule alike, once the first has joined or opened a line."""
    lines: list[tuple[list[Sequence[int]], float, float]] = []
    line: list[Sequence[int]] = []
    line_top = line_bottom = 0.0
    for run, t, b in runs:
        half = 0.5 * (b - t)
        joins = bool(line) and t < line_bottom - half
        if joins:
            line_bottom = max(line_bottom, b)
        if t < (line_bottom if joins else b) - half or len(run) == 1:  # the rest join as well
            parts, alone = [run], []
        else:  # each of the rest opens a line, and the next one fails the rule against it as well
            parts, alone = [run[:1]], [run[k:k + 1] for k in range(1, len(run))]
        if joins:
            line += parts
        else:
            if line:
                lines.append((line, line_top, line_bottom))
            line, line_top, line_bottom = parts, t, b
        for glyph in alone:
            lines.append((line, line_top, line_bottom))
            line, line_top, line_bottom = [glyph], t, b
    if line:
        lines.append((line, line_top, line_bottom))
    return lines


def _row(glyphs: Glyphs, parts: list[Sequence[int]], top: float, bottom: float) -> Row:
    """A line's glyphs in x order (as group_lines leaves its words) and its font."""
    if len(parts) == 1 and isinstance(parts[0], range):  # one run in content order: its x0 already rise
        cut = slice(parts[0].start, parts[0].stop)
        texts, x0, x1 = glyphs.text[cut], glyphs.x0[cut], glyphs.x1[cut]
        sizes, bolds = glyphs.size[cut], glyphs.bold[cut]
    else:
        indices = sorted(chain.from_iterable(parts), key=glyphs.x0.__getitem__)  # stable: as group_lines
        pick = itemgetter(*indices) if len(indices) > 1 else lambda values: (values[indices[0]],)
        texts, x0, x1 = list(pick(glyphs.text)), list(pick(glyphs.x0)), list(pick(glyphs.x1))
        sizes, bolds = list(pick(glyphs.size)), list(pick(glyphs.bold))
    if sizes.count(sizes[0]) == len(sizes) and bolds.count(bolds[0]) == len(bolds):  # one font: most lines
        return Row(texts, x0, x1, top, bottom, sizes[0], round(sizes[0], 1), bool(bolds[0]))
    inked = list(map(str.strip, texts))  # '' for a space
    font_size, bold = _font(list(compress(texts, inked)), list(compress(sizes, inked)), list(compress(bolds, inked)))
    return Row(texts, x0, x1, top, bottom, max(sizes), font_size, bold)


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
