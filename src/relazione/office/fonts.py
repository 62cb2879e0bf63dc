"""How wide a text is in Arial (Liberation Sans on LibreOffice has the same metrics), to size table columns.

Widths are Helvetica's published AFM advance widths (Arial is metric-compatible), in 1/1000 em; letters
with accents take their base letter's width; anything else the width of a digit.
"""

from __future__ import annotations

import unicodedata

_REGULAR = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015,
     667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
     667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333,
     556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556,
     500, 722, 500, 500, 500, 334, 260, 334, 584), strict=True))
_WIDE_SYMBOLS = {"≥": 584, "≤": 584, "€": 556, "–": 556, "—": 1000, "’": 222, "“": 333, "”": 333, "°": 400,
                 "…": 1000, "\u2003": 1000}
BOLD_FACTOR = 1.1  # Arial Bold is about a tenth wider than Arial
PT_PER_CM = 72 / 2.54


def _advance(char: str) -> int:
    if char in _REGULAR:
        return _REGULAR[char]
    if char in _WIDE_SYMBOLS:
        return _WIDE_SYMBOLS[char]
    base = unicodedata.normalize("NFD", char)[:1]
    return _REGULAR.get(base, 556)


def text_width_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The printed width of ``text`` on one line."""
    em = sum(_advance(c) for c in text) / 1000
    return em * size_pt * (BOLD_FACTOR if bold else 1.0) / PT_PER_CM
