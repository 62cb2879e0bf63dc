"""PDFium's glyphs mended where they differ from pdfminer's: a ligature PDFium spells out in letters
sharing one box ("f", "l" for "ﬂ") is one glyph again, and spaces PDFium drops (it keeps one of
several in a row) come back, as pdfminer reads them: a typed page's columns are spaces, and the
glyphs of a typed page are counted. ``objs``: each glyph's text object (only a glyph following one
of its own object can be mended).
"""

from __future__ import annotations

from itertools import chain, compress, count
from operator import eq

from relazione.readers.pdf_glyph_words import LIGATURES
from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_words import Word

SPELT_LIGATURES = {spelt: glyph for glyph, spelt in LIGATURES.items() if glyph not in "ﬅ"}
SPACE_SLACK = 0.05  # share of a space's width: a gap after a space this close to whole spaces held them


def mend(glyphs: Glyphs, objs: list) -> Glyphs:
    """The rare cases, where a glyph follows another of its text object: a letter in the last glyph's
    box (a ligature PDFium spelt out) or a gap after a space (spaces PDFium dropped). Only the glyphs
    that may be one are looked at (a space's gap under 0.4 of its width is neither)."""
    cases = _cases(glyphs, objs)
    return Glyphs.of_words(*_mended(glyphs.words(), glyphs.upright, cases)) if cases else glyphs


def _cases(glyphs: Glyphs, objs: list) -> list[int]:
    """The glyphs that may need mending, found by maps over the page's glyphs and its spaces."""
    text, x0, x1 = glyphs.text, glyphs.x0, glyphs.x1
    same_box = compress(count(1), map(eq, x0[1:], x0))
    spaces = compress(count(), map(" ".__eq__, text[:-1]))
    after_gap = [p + 1 for p in spaces if x0[p + 1] - x1[p] > min(0.4 * (x1[p] - x0[p]), x1[p] - x0[p])]
    return sorted({j for j in chain(same_box, after_gap) if objs[j] == objs[j - 1]})


def _mended(glyphs: list[Word], upright: list[bool], cases: list[int]) -> tuple[list[Word], list[bool]]:
    """The glyphs mended at each case, the others taken as they are, a slice at a time."""
    out: list[Word] = []
    flags: list[bool] = []
    gaps: list[int] = []  # glyphs after a space and a gap wider than a space, in one text object
    start = 0
    for j in cases:
        out.extend(glyphs[start:j])
        flags.extend(upright[start:j])
        start = j + 1
        last, glyph = out[-1], glyphs[j]  # out[-1]: the last glyph kept (a ligature's letters are not)
        if glyph.x0 == last.x0 and _ligature(last, glyph):
            continue  # one glyph drawn, spelt out by PDFium in letters
        if last.text == " ":
            spaces = _dropped_spaces(last, glyph)
            out.extend(spaces)
            flags.extend([upright[j]] * len(spaces))
            if not spaces and glyph.x0 - last.x1 > last.x1 - last.x0:
                gaps.append(len(out))
        out.append(glyph)
        flags.append(upright[j])
    out.extend(glyphs[start:])
    flags.extend(upright[start:])
    return _fill_gaps(out, flags, gaps) if gaps else (out, flags)


def _ligature(last: Word, glyph: Word) -> bool:
    """A letter in the same box as the last glyph, making a ligature with it ("f" + "l": "ﬂ"): the last
    glyph becomes the ligature, as pdfminer reads it (a typed page counts glyphs)."""
    if glyph.x0 != last.x0 or glyph.x1 != last.x1:
        return False
    found = SPELT_LIGATURES.get(LIGATURES.get(last.text, last.text) + glyph.text)
    if found is not None:
        last.text = found
    return found is not None


def _fill_gaps(glyphs: list[Word], upright: list[bool], gaps: list[int]) -> tuple[list[Word], list[bool]]:
    """A dropped space whose gap holds a glyph drawn later (a bullet "❖" set in the gap between the
    spaces around it): the space comes back just before the glyph after the gap, where the document
    set it, so the bullet stays a word of its own."""
    out, flags, start = [], [], 0
    for index in gaps:
        space, after = glyphs[index - 1], glyphs[index]
        if any(g.x0 < after.x0 and g.x1 > space.x1 and abs(g.bottom - after.bottom) < 1 and g.text.strip()
               for g in glyphs[index + 1:] + glyphs[: index - 1]):
            width = space.x1 - space.x0
            out.extend(glyphs[start:index])
            flags.extend(upright[start:index])
            out.append(Word(" ", after.x0 - width, after.x0, space.top, space.bottom, space.size, space.bold))
            flags.append(upright[index])
            start = index
    out.extend(glyphs[start:])
    flags.extend(upright[start:])
    return out, flags


def _dropped_spaces(space: Word, glyph: Word) -> list[Word]:
    """PDFium keeps one of several spaces in a row; the gap the others leave (in the same text object,
    whole spaces wide) gets them back, as pdfminer reads them: a typed page's columns are spaces."""
    width = space.x1 - space.x0
    if width <= 0:
        return []
    gap = (glyph.x0 - space.x1) / width
    count = round(gap)
    if count < 1 or abs(gap - count) > SPACE_SLACK:
        return []
    return [Word(" ", space.x1 + i * width, space.x1 + (i + 1) * width, space.top, space.bottom, space.size, space.bold)
            for i in range(count)]
