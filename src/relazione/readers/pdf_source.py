"""What the PDF reader needs from a PDF library, page by page: the engine-specific part.

An engine (``pdf_source_pdfium``, the default, or ``pdf_source_plumber``) opens the file and hands
out :class:`SourcePage` objects one at a time, each released before the next is read, so memory does
not grow with the page count. A page gives its size, its glyphs (for the fixed-pitch pages of
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
class SourcePage:
    number: int
    width: float
    height: float
    glyphs: list[Word]  # every character (spaces too) in content order; empty: no text layer
    has_images: bool
    edges: list[dict] = field(default_factory=list)  # pdfplumber-style edges: x0, x1, top, bottom, orientation...
    words_of: object = None  # () -> list[Word], called only when the page is not a typed one

    def words(self) -> list[Word]:
        return self.words_of()  # type: ignore[operator]


class PdfSource(AbstractContextManager, Protocol):
    page_count: int

    def pages(self, limit: int | None = None) -> Iterator[SourcePage]: ...
