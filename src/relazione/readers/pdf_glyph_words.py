"""Glyphs -> words, as pdfplumber's ``extract_words(extra_attrs=["size"])`` makes them, for an engine
that gives glyphs only (PDFium): the same steps and tolerances, on ``Glyphs`` lists instead of dicts
(pdfplumber's own extractor on dicts costs more than reading the whole page).

pdfplumber's steps: consecutive glyphs of one direction and font size form a group; a group's glyphs
cluster into lines by their top (3 pt apart at most, chained), each line is read left to right; a
word ends at a blank glyph, where the next glyph starts left of the last one's start or more than
3 pt after its end, or more than 3 pt above or below it. Ligatures are spelt out ("ﬁ" -> "fi").
Rotated glyphs (upright False) are read top to bottom in columns, as pdfplumber does.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate, compress, count, groupby
from operator import gt, lt, ne

from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_words import Word

TOLERANCE = 3.0  # pdfplumber's x_tolerance and y_tolerance
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def words_from_glyphs(glyphs: Glyphs) -> list[Word]:
    if not glyphs:
        return []
    out: list[Word] = []
    for i, j in _groups(glyphs):
        out.extend(_line_words(glyphs, i, j) if glyphs.upright[i] else _column_words(glyphs.words(i, j)))
    return out


def _groups(glyphs: Glyphs) -> list[tuple[int, int]]:
    """The runs of consecutive glyphs of one direction and font size, as (start, end)."""
    sizes, upright = glyphs.size, glyphs.upright
    first = sizes[0]
    # a page mostly has one size and direction: two counts (C loops on the lists) tell, and no pair
    # need be compared (first == first: a NaN size is unequal to itself, so it is a change each time)
    if first == first and sizes.count(first) == len(sizes) and upright.count(upright[0]) == len(upright):
        return [(0, len(glyphs))]
    changes = {*compress(count(1), map(ne, sizes[1:], sizes)), *compress(count(1), map(ne, upright[1:], upright))}
    starts = [0, *sorted(changes), len(glyphs)]
    return list(zip(starts, starts[1:], strict=False))


def _line_words(glyphs: Glyphs, start: int, end: int) -> list[Word]:
    """Upright glyphs ``start`` to ``end``, read in pdfplumber's order (by line, then x0, then stream
    order), piece by piece of the stream (``_reading_pieces``). Within a piece the line and the top
    stay the same, so a word ends there at a blank or a gap only; where pieces meet, a change of
    line or a step in the top ends it too. A word's box is kept as its glyphs come (x0 never falls
    within a word), not recomputed from a list per word: a page has thousands."""
    text, x0s, x1s, tops, bottoms = (values[start:end] for values in (
        glyphs.text, glyphs.x0, glyphs.x1, glyphs.top, glyphs.bottom))
    stream = list(_stream_pieces(tops, x0s))
    line_of = _clusters({tops[piece.start] for piece in stream})  # a piece's glyphs share its top: no set of all
    words: list[Word] = []
    texts: list[str] = []
    line = first = -1
    prev_x1 = prev_top = x1 = top = bottom = 0.0
    tolerance = TOLERANCE
    for piece in _reading_pieces(stream, line_of, tops, x0s):
        piece_top = tops[piece.start]
        if texts and (line_of[piece_top] != line or abs(piece_top - prev_top) > TOLERANCE):
            words.append(_word(texts, glyphs, start + first, x1, top, bottom))
            texts = []
        line, prev_top = line_of[piece_top], piece_top
        for i in piece:  # every glyph of the page: each test and lookup here counts
            t = text[i]
            if t.isspace():
                if texts:
                    words.append(_word(texts, glyphs, start + first, x1, top, bottom))
                    texts = []
                continue
            right = x1s[i]
            if texts and not x0s[i] > prev_x1 + tolerance:  # the word goes on (no gap)
                texts.append(t)
                if right > x1:
                    x1 = right
                if piece_top < top:
                    top = piece_top
                if bottoms[i] > bottom:
                    bottom = bottoms[i]
            else:
                if texts:
                    words.append(_word(texts, glyphs, start + first, x1, top, bottom))
                texts, first, x1, top, bottom = [t], i, right, piece_top, bottoms[i]
            prev_x1 = right
    if texts:
        words.append(_word(texts, glyphs, start + first, x1, top, bottom))
    return words


def _word(texts: list[str], glyphs: Glyphs, first: int, x1: float, top: float, bottom: float) -> Word:
    text = "".join(texts)
    if not text.isascii():
        text = "".join([LIGATURES.get(t, t) for t in texts])
    return Word(text, glyphs.x0[first], x1, top, bottom, glyphs.size[first], glyphs.bold[first])


def _reading_pieces(stream: list[range], line_of: dict[float, int], top: list[float],
                    x0: list[float]) -> list[range]:
    """The reading order: the pieces of the stream (``_stream_pieces``) sorted by their first glyph,
    as one sort of all glyphs would put them; content streams mostly draw a line left to right, so
    the pieces are few and long.
    Pieces of one line that overlap (text drawn twice, slightly shifted) are sorted glyph by glyph."""
    def first_glyph(piece: range) -> tuple[int, float, int]:
        return line_of[top[piece.start]], x0[piece.start], piece.start

    def last_glyph(piece: range) -> tuple[int, float, int]:
        return line_of[top[piece.start]], x0[piece[-1]], piece[-1]

    pieces = sorted(stream, key=first_glyph)
    firsts, lasts = list(map(first_glyph, pieces)), list(map(last_glyph, pieces))
    if any(map(lt, firsts[1:], lasts)):  # a piece starts before the one sorted ahead of it ends
        tangled = {b[0] for a, b in zip(lasts, firsts[1:], strict=False) if b < a}  # their lines
        kept = [piece for piece in pieces if line_of[top[piece.start]] not in tangled]
        glyphs = [range(i, i + 1) for piece in pieces if line_of[top[piece.start]] in tangled for i in piece]
        pieces = sorted([*kept, *glyphs], key=first_glyph)
    return pieces


def _stream_pieces(top: list[float], x0: list[float]) -> Iterator[range]:
    """The stream cut where the top changes (runs of one top, found by ``groupby``) or x0 goes back
    (looked for only in the runs whose x0s are not already sorted: few)."""
    start = 0
    for stop in accumulate(len(list(run)) for _, run in groupby(top)):
        x0s = x0[start:stop]
        if x0s == sorted(x0s):
            yield range(start, stop)
        else:
            cuts = [start, *compress(count(start + 1), map(gt, x0s, x0s[1:])), stop]
            yield from map(range, cuts, cuts[1:])
        start = stop


def _column_words(glyphs: list[Word]) -> list[Word]:
    """Rotated glyphs, read top to bottom in columns: sorted by (column, (top, bottom), stream order)."""
    cluster = _clusters({g.x0 for g in glyphs})
    keyed = sorted([(cluster[g.x0], (g.top, g.bottom), i, g) for i, g in enumerate(glyphs)])
    words: list[Word] = []
    current: list[Word] = []
    line = -1
    for k, _, _, g in keyed:
        if k != line:
            if current:
                words.append(_merge(current))
            current, line = [], k
        if g.text.isspace():
            if current:
                words.append(_merge(current))
            current = []
            continue
        if current and _begins_column_word(current[-1], g):
            words.append(_merge(current))
            current = [g]
            continue
        current.append(g)
    if current:
        words.append(_merge(current))
    return words


def _clusters(values: set[float]) -> dict[float, int]:
    """Each value's cluster: sorted values chain into one while each is within the tolerance of the last."""
    index: dict[float, int] = {}
    k, last = -1, None
    for v in sorted(values):
        if last is None or v > last + TOLERANCE:
            k += 1
        index[v] = k
        last = v
    return index


def _begins_column_word(prev: Word, cur: Word) -> bool:
    """pdfplumber's test for rotated glyphs, read top to bottom."""
    return cur.top < prev.top or cur.top > prev.bottom + TOLERANCE or abs(cur.x0 - prev.x0) > TOLERANCE


def _merge(glyphs: list[Word]) -> Word:
    first = glyphs[0]
    if len(glyphs) == 1:
        return Word(LIGATURES.get(first.text, first.text), first.x0, first.x1, first.top, first.bottom,
                    first.size, first.bold)
    text = "".join([g.text for g in glyphs])
    if not text.isascii():
        text = "".join([LIGATURES.get(g.text, g.text) for g in glyphs])
    return Word(text, min([g.x0 for g in glyphs]), max([g.x1 for g in glyphs]), min([g.top for g in glyphs]),
                max([g.bottom for g in glyphs]), first.size, first.bold)
