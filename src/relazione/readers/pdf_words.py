"""A PDF page's words and the physical lines they form (shared by the table readers and the text flow)."""

from __future__ import annotations

from dataclasses import dataclass

from ..blocks import Line, Provenance
from ..text import clean_inline
from .pdf_flow import TextLine


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @classmethod
    def of(cls, w: dict) -> Word:
        return cls(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                   float(w.get("size") or (w["bottom"] - w["top"])))


@dataclass(slots=True)
class PhysLine:
    words: list[Word]
    top: float
    bottom: float

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)


def group_lines(words: list[Word]) -> list[PhysLine]:
    """Words whose vertical extents overlap by most of their height form a line, read left to right."""
    lines: list[PhysLine] = []
    for w in sorted(words, key=lambda w: (round(w.top), w.x0)):
        line = lines[-1] if lines else None
        if line is not None and w.top < line.bottom - 0.5 * (w.bottom - w.top):
            line.words.append(w)
            line.bottom = max(line.bottom, w.bottom)
            continue
        lines.append(PhysLine([w], w.top, w.bottom))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def text_line(line: PhysLine, page_number: int) -> TextLine | None:
    text = " ".join(w.text for w in line.words)
    if not clean_inline(text):
        return None
    first = line.words[0]
    return TextLine(Line(text, Provenance(page_number, None)), line.top, line.bottom, line.x0, line.x1,
                    first.x1 - first.x0, line.size)
