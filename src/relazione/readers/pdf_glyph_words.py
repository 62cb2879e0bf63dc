"""Glyphs -> words, as pdfplumber's ``extract_words(extra_attrs=["size"])`` makes them, for an engine
that gives glyphs only (PDFium): the same steps and tolerances, on ``Word`` glyphs instead of dicts
(pdfplumber's own extractor on dicts costs more than reading the whole page).

pdfplumber's steps: consecutive glyphs of one direction and font size form a group; a group's glyphs
cluster into lines by their top (3 pt apart at most, chained), each line is read left to right; a
word ends at a blank glyph, where the next glyph starts left of the last one's start or more than
3 pt after its end, or more than 3 pt above or below it. Ligatures are spelt out ("ﬁ" -> "fi").
Rotated glyphs (upright False) are read top to bottom in columns, as pdfplumber does.
"""

from __future__ import annotations

from relazione.readers.pdf_words import Word

TOLERANCE = 3.0  # pdfplumber's x_tolerance and y_tolerance
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def words_from_glyphs(glyphs: list[Word], upright: list[bool]) -> list[Word]:
    if not glyphs:
        return []
    out: list[Word] = []
    sizes = [g.size for g in glyphs]
    # where direction or size changes, found by one comprehension rather than a loop per glyph
    starts = [0, *[k for k, (a, b, c, d) in enumerate(zip(sizes, sizes[1:], upright, upright[1:], strict=False), 1)
                   if a != b or c != d], len(glyphs)]
    for i, j in zip(starts, starts[1:], strict=False):
        group = glyphs[i:j]
        out.extend(_line_words(group) if upright[i] else _column_words(group))
    return out


def _line_words(glyphs: list[Word]) -> list[Word]:
    """Upright glyphs: one sort by (line, x0, stream order) is pdfplumber's stable sort by line then
    by position in a line. A word's box is kept as its glyphs come (x0 never falls inside a word),
    not recomputed from a list per word: a page has thousands of words."""
    cluster = _clusters({g.top for g in glyphs})
    keyed = sorted([(cluster[g.top], g.x0, i, g) for i, g in enumerate(glyphs)])
    words: list[Word] = []
    texts: list[str] = []
    line = -1
    first = prev = None
    x1 = top = bottom = 0.0
    for k, x0, _, g in keyed:
        text = g.text
        if texts and (k != line or text.isspace() or x0 < prev.x0 or x0 > prev.x1 + TOLERANCE
                      or abs(g.top - prev.top) > TOLERANCE):
            words.append(_word(texts, first, x1, top, bottom))
            texts = []
        line = k
        if text.isspace():
            continue
        if texts:
            texts.append(text)
            x1 = g.x1 if g.x1 > x1 else x1
            top = g.top if g.top < top else top
            bottom = g.bottom if g.bottom > bottom else bottom
        else:
            texts, first, x1, top, bottom = [text], g, g.x1, g.top, g.bottom
        prev = g
    if texts:
        words.append(_word(texts, first, x1, top, bottom))
    return words


def _word(texts: list[str], first: Word, x1: float, top: float, bottom: float) -> Word:
    text = "".join(texts)
    if not text.isascii():
        text = "".join([LIGATURES.get(t, t) for t in texts])
    return Word(text, first.x0, x1, top, bottom, first.size, first.bold)


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
