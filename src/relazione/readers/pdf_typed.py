"""A plain text printed to PDF (a .txt opened in Writer and printed): each page's lines back as the
text file's lines, tabs and spaces included, so the text reader's rules read them.

Such a page is set in one fixed-pitch font (every glyph as wide as the next: what makes it a typed
page, and what this module needs), each text line a paragraph. Three things the printing hid are
read back from the glyphs' boxes:
1. a tab is no glyph: it is a jump to the next tab stop (every ``TAB_STOP_CM`` from the left
   margin), so a gap no space glyph fills is a tab: as many as the stops it crosses (an empty
   cell), one at least; a space is a glyph, so runs of spaces come back as they were;
2. a line longer than the page wraps onto the next at the margin, the space it broke at hanging
   at its end as a glyph, or lost past the margin when the line is full; a tab that does not fit
   wraps too, the next line starting with a jump to a stop. Any other line ends its paragraph:
   a line that ends short without a trailing space was the end of a text line;
3. glyphs with no gap between them are one word, whatever the PDF library made of them
   ("intermedio" + tab + "2024" has a gap narrower than a word gap).
The output is one ``TextLine`` per physical line with its raw text and how it ends (``ends``,
``glue``); ``pdf_flow`` joins the wrapped ones (across a page break too) and turns the rows into
tables by the text reader's rule. Only glyph boxes are used, from whichever library reads the PDF.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress
from operator import ne, sub

import regex as re

from relazione.readers.blocks import Line, Provenance
from relazione.readers.pdf_flow import TextLine, starts_anew
from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_typed_rows import Row, rows

TAB_STOP_CM = 1.25  # Writer's default tab stops
POINTS_PER_CM = 72 / 2.54
FIXED_SHARE = 0.95  # glyphs as wide as the commonest glyph that make a page typed
MIN_GLYPHS = 40  # fewer glyphs say nothing about the font
PREFIX_SHARE = 6  # the first 1/6 of a page's glyphs tell most proportional pages at once
WINDOW = 1.05  # widths within +-2% of one pitch differ by a ratio up to 1.02/0.98 (1.041); with slack
TOLERANCE = 0.3  # points: glyph positions are exact in a typed page; a gap narrower is none


def fixed_pitch(glyphs: Glyphs) -> float | None:
    """The width of every glyph of a page set in one fixed-pitch font, else None. Spaces count:
    drawn spaces as wide as letters are the mark of a typed page."""
    if len(glyphs) < MIN_GLYPHS or " " not in glyphs.text:
        return None
    widths = _head_widths(glyphs)
    if _proportional(widths, len(glyphs)):
        return None
    head = widths.total()  # the glyphs counted: the rest follow
    rest = list(map(sub, glyphs.x1[head:], glyphs.x0[head:]))
    common = max(widths, key=widths.__getitem__)
    if widths[common] + rest.count(common) >= FIXED_SHARE * len(glyphs):  # most typed pages: nothing to count
        pitch = round(common, 1)  # over half the glyphs have it: no other width can be commoner
        return pitch if pitch > 0 else None
    widths.update(rest)  # still in order of first use
    rounded = _rounded(widths)
    pitch = max(rounded, key=rounded.__getitem__)
    alike = sum(n for w, n in rounded.items() if abs(w - pitch) <= 0.02 * pitch)
    return pitch if pitch > 0 and alike >= FIXED_SHARE * len(glyphs) else None


def _rounded(widths: Counter[float]) -> dict[float, int]:
    """Glyphs per width to 0.1 pt, in order of first use: rounded once per exact width (a typed page
    has few, and rounding a float to a digit costs more than counting it)."""
    rounded: dict[float, int] = {}
    for width, n in widths.items():
        width = round(width, 1)
        rounded[width] = rounded.get(width, 0) + n
    return rounded


def _head_widths(glyphs: Glyphs) -> Counter[float]:
    """The exact widths of the page's first glyphs (a sixth, ``MIN_GLYPHS`` at least), counted."""
    head = max(MIN_GLYPHS, len(glyphs) // PREFIX_SHARE)
    return Counter(map(sub, glyphs.x1[:head], glyphs.x0[:head]))


def _proportional(head: Counter[float], total: int) -> bool:
    """Surely not a typed page, from the widths of its first glyphs (``head``) only (most pages are not
    typed, and counting every glyph's width costs): a typed page has at most 5% of its ``total`` glyphs
    off the pitch, so its first glyphs, but for those 5%, fit in one width window of +-2% around the
    pitch; when no window holds that many of them, no pitch can make the whole page typed. Else the
    whole count decides."""
    sample = sorted((width, n) for width, n in _rounded(head).items() if width > 0)  # a pitch is > 0; few widths
    needed = head.total() - (1 - FIXED_SHARE) * total - 1  # -1: slack for float sums
    widest = start = below = upto = 0
    for width, n in sample:  # the most widths within one window of ratio WINDOW, counted per width
        while width > sample[start][0] * WINDOW:
            below += sample[start][1]
            start += 1
        upto += n
        widest = max(widest, upto - below)
    return widest < needed


def typed_lines(glyphs: Glyphs, pitch: float, width: float, page_number: int) -> list[TextLine]:
    """The page's physical lines, each as the raw text it was printed from, with how it ends."""
    lines = rows(glyphs)
    if not lines:
        return []
    margin = min(line.x0[0] for line in lines)
    page = _Page(margin, width - margin, pitch, TAB_STOP_CM * POINTS_PER_CM)
    gaps = [_gaps(line) for line in lines]
    firsts = [_first_word(line, line_gaps) for line, line_gaps in zip(lines, gaps, strict=True)]
    out = []
    for i, line in enumerate(lines):
        below = (lines[i + 1], firsts[i + 1]) if i + 1 < len(lines) else None
        item = _text_line(line, gaps[i], page, page_number, firsts[i])
        item.ends, item.glue = page.ending(line, below)
        out.append(item)
    return out


def settle_full_lines(lines: list[TextLine]) -> None:
    """A full line (its space pushed past the margin) either wrapped or ended a text line that was
    exactly as long as the page is wide; the document's own lines decide: it ends its paragraph
    when the word opening the next line ("Programma", a code such as 000-000-000) opens paragraphs
    elsewhere in the document more often than it goes on from a wrapped line. ``lines``: every
    typed line of the document, in order."""
    full = [i for i, line in enumerate(lines[:-1]) if line.ends is False and line.glue == " "]
    if not full:
        return
    openings = [_opening(below.line.text) for below in lines[1:]]  # of the line below each line
    opens: Counter[str] = Counter()
    goes_on: Counter[str] = Counter()
    for line, word in zip(lines, openings, strict=False):
        if line.ends:
            opens[word] += 1
        elif line.glue == "":  # a hanging space: wrapped for certain
            goes_on[word] += 1
    for i in full:
        if opens[openings[i]] > goes_on[openings[i]]:
            lines[i].ends = True


_DIGIT = re.compile(r"\d")


def _opening(text: str) -> str:
    """The first word of a line, its digits as 0: the shape of a code or a number."""
    words = text.split(maxsplit=1)
    return _DIGIT.sub("0", words[0]) if words else ""


class _Page:
    """A typed page's frame: its margins, glyph width and tab stops."""

    def __init__(self, margin: float, right: float, pitch: float, stop: float) -> None:
        self.margin, self.right, self.pitch, self.stop = margin, right, pitch, stop

    def next_stop(self, x: float) -> float:
        """The first tab stop right of ``x`` (a tab at a stop goes on to the next)."""
        k = int((x - self.margin + TOLERANCE) // self.stop) + 1
        return self.margin + k * self.stop

    def fill(self, start: float, end: float) -> str:
        """What a gap with no glyph in it held: a tab per stop it crosses, and one at least (Writer
        moves a tab that starts a hair past a stop by one glyph's width only; spaces are glyphs)."""
        tabs, x = 0, start
        while (stop := self.next_stop(x)) <= end + TOLERANCE:
            tabs += 1
            x = stop
        return "\t" * max(tabs, 1)

    def ending(self, line: Row, below: tuple[Row, float] | None) -> tuple[bool, str]:
        """(ends its paragraph, what joins it to the next line if not): a hanging space means a
        wrap (the space is in the text); a full line had its space pushed past the margin; a line
        whose next tab stop lies past the margin wrapped its tab when the line below starts on a stop.
        ``below``: the next line and the width of its first word."""
        last, last_x1 = line.texts[-1], line.x1[-1]
        # the first word below would not have fitted here (a trailing space in the text hangs too)
        no_room = below is None or last_x1 + below[1] > self.right + TOLERANCE
        if last == " " or (_in_word_hyphen(line.texts) and no_room):
            return not no_room, ""
        if last_x1 + self.pitch > self.right + TOLERANCE:  # a full line: ends only where the case says so
            return below is not None and starts_anew("".join(line.texts), "".join(below[0].texts)), " "
        # a tab and the word after it that did not fit went down together, to the first stop
        if below is not None and below[0].x0[0] > self.margin + TOLERANCE \
                and self.next_stop(last_x1) + below[1] > self.right + TOLERANCE:
            return False, ""
        return True, ""


def _text_line(line: Row, gaps: list[int], page: _Page, page_number: int, first_word: float) -> TextLine:
    """The line's text: its glyphs' texts, each gap no glyph fills given back as the tabs it held."""
    texts, x0, x1 = line.texts, line.x0, line.x1
    parts: list[str] = []
    if x0[0] - page.margin > TOLERANCE:  # an indent
        parts.append(page.fill(page.margin, x0[0]))
    done = 0
    for k in gaps:
        parts += ("".join(texts[done:k]), page.fill(x1[k - 1], x0[k]))
        done = k
    parts.append("".join(texts[done:]))
    return TextLine(Line("".join(parts), Provenance(page_number, None), font_size=line.font_size, bold=line.bold),
                    line.top, line.bottom, x0[0], x1[-1], first_word, line.size)


def _gaps(line: Row) -> list[int]:
    """The glyphs (past the first) that start after a gap wider than the tolerance. Most lines have
    none: each glyph starts where the one before ends, told by comparing the lists whole; else only
    the few glyphs that do not are measured."""
    x0, x1 = line.x0, line.x1
    if x0[1:] == x1[:-1]:
        return []
    return [k for k in compress(range(1, len(x0)), map(ne, x0[1:], x1)) if x0[k] - x1[k - 1] > TOLERANCE]


def _in_word_hyphen(texts: list[str]) -> bool:
    """A line ending in a hyphen inside a word ("Kalia-"), where a line may break; a dash
    standing alone ("2017/2018 -") breaks at the space after it, which would hang."""
    return len(texts) > 1 and texts[-1] == "-" and texts[-2].strip() != ""


def _first_word(line: Row, gaps: list[int]) -> float:
    """The width of the line's first word (glyphs up to the first gap or space)."""
    end = len(line.texts)
    if " " in line.texts[1:]:
        end = line.texts.index(" ", 1)
    if gaps and gaps[0] < end:
        end = gaps[0]
    return line.x1[end - 1] - line.x0[0]
