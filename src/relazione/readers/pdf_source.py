"""What the PDF reader needs from a PDF library, page by page: the engine-specific part.

An engine (``pdf_source_pdfium``, the default, or ``pdf_source_plumber``) opens the file and hands
out :class:`SourcePage` objects one at a time, each released before the next is read, so memory does
not grow with the page count. A page gives its size, its glyphs (``Glyphs``, for the fixed-pitch pages of
``pdf_typed``), its words (``pdf_words.Word``, with font size and bold), whether it holds images,
and its ruling edges (pdfplumber's edge dicts, read by the one table finder in ``pdf_ruled``).
Everything after that is engine-free.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Literal, Protocol

from relazione.readers.pdf_words import Word

PdfEngine = Literal["pdfium", "pdfplumber"]
ENGINES: tuple[PdfEngine, ...] = ("pdfium", "pdfplumber")
DEFAULT_ENGINE: PdfEngine = "pdfium"


@dataclass(slots=True)
class Glyphs:
    """A page's characters (spaces too) in content order, as one list per attribute: an engine fills
    them in bulk, and the word grouping reads them, without an object per character (a page has
    thousands). Glyph ``i`` is ``text[i]``, ``x0[i]``... as a one-letter ``Word`` would hold them;
    ``upright[i]``: read left to right (False: rotated, read top to bottom)."""

    text: list[str] = field(default_factory=list)
    x0: list[float] = field(default_factory=list)
    x1: list[float] = field(default_factory=list)
    top: list[float] = field(default_factory=list)
    bottom: list[float] = field(default_factory=list)
    size: list[float] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)
    upright: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.text)

    def words(self, start: int = 0, end: int | None = None) -> list[Word]:
        """Glyphs ``start`` to ``end`` as one-letter words."""
        return list(map(Word, self.text[start:end], self.x0[start:end], self.x1[start:end], self.top[start:end],
                        self.bottom[start:end], self.size[start:end], self.bold[start:end]))

    @classmethod
    def of_words(cls, words: list[Word], upright: list[bool]) -> Glyphs:
        return cls([w.text for w in words], [w.x0 for w in words], [w.x1 for w in words], [w.top for w in words],
                   [w.bottom for w in words], [w.size for w in words], [w.bold for w in words], upright)


@dataclass(slots=True)
class SourcePage:
    number: int
    width: float
    height: float
    glyphs: Glyphs  # every character (spaces too) in content order; empty: no text layer
    has_images: bool
    edges: list[dict] = field(default_factory=list)  # pdfplumber-style edges: x0, x1, top, bottom, orientation...
    words_of: object = None  # () -> list[Word], called only when the page is not a typed one

    def words(self) -> list[Word]:
        return self.words_of()  # type: ignore[operator]


class PdfSource(AbstractContextManager, Protocol):
    page_count: int

    def pages(self, limit: int | None = None) -> Iterator[SourcePage]: ...
