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

from itertools import compress, count
from operator import ne

from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_words import Word

TOLERANCE = 3.0  # pdfplumber's x_tolerance and y_tolerance
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def words_from_glyphs(glyphs: Glyphs) -> list[Word]:
    if not glyphs:
        return []
    out: list[Word] = []
    sizes, upright = glyphs.size, glyphs.upright
    # where direction or size changes, found by C-level maps rather than a loop per glyph
    changes = {*compress(count(1), map(ne, sizes[1:], sizes)), *compress(count(1), map(ne, upright[1:], upright))}
    starts = [0, *sorted(changes), len(glyphs)]
    for i, j in zip(starts, starts[1:], strict=False):
        out.extend(_line_words(glyphs, i, j) if upright[i] else _column_words(glyphs.words(i, j)))
    return out


def _line_words(glyphs: Glyphs, start: int, end: int) -> list[Word]:
    """Upright glyphs ``start`` to ``end``: one sort by (line, x0, stream order) is pdfplumber's stable
    sort by line then by position in a line, its keys zipped from the glyphs' lists in bulk. A
    word's box is kept as its glyphs come (x0 never falls inside a word, nor left of the last
    glyph's start on one line), not recomputed from a list per word: a page has thousands."""
    text, x0s, x1s, tops, bottoms = glyphs.text, glyphs.x0, glyphs.x1, glyphs.top, glyphs.bottom
    cluster = _clusters(set(tops[start:end]))
    keyed = sorted(zip(map(cluster.__getitem__, tops[start:end]), x0s[start:end], range(start, end), strict=True))
    words: list[Word] = []
    texts: list[str] = []
    line = first = -1
    prev_x1 = prev_top = x1 = top = bottom = 0.0
    for k, x0, i in keyed:
        t = text[i]
        if t.isspace():
            if texts:
                words.append(_word(texts, glyphs, first, x1, top, bottom))
                texts = []
            continue
        if texts and (k != line or x0 > prev_x1 + TOLERANCE or abs(tops[i] - prev_top) > TOLERANCE):
            words.append(_word(texts, glyphs, first, x1, top, bottom))
            texts = []
        line = k
        if texts:
            texts.append(t)
            x1 = x1s[i] if x1s[i] > x1 else x1
            top = tops[i] if tops[i] < top else top
            bottom = bottoms[i] if bottoms[i] > bottom else bottom
        else:
            texts, first, x1, top, bottom = [t], i, x1s[i], tops[i], bottoms[i]
        prev_x1, prev_top = x1s[i], tops[i]
    if texts:
        words.append(_word(texts, glyphs, first, x1, top, bottom))
    return words


def _word(texts: list[str], glyphs: Glyphs, first: int, x1: float, top: float, bottom: float) -> Word:
    text = "".join(texts)
    if not text.isascii():
        text = "".join([LIGATURES.get(t, t) for t in texts])
    return Word(text, glyphs.x0[first], x1, top, bottom, glyphs.size[first], glyphs.bold[first])


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
