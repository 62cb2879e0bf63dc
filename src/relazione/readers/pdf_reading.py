"""How a PDF is read, as one value: the commands' ``--pdf-engine`` and ``--ocr``, and how many pages.

Every function that may read a document takes this one ``pdf_reading`` argument (default: PDFium,
OCR of scanned pages only, every page), rather than a parameter per option threaded through each.
"""

from __future__ import annotations

from dataclasses import dataclass

from relazione.readers.pdf_ocr import OcrMode
from relazione.readers.pdf_source import DEFAULT_ENGINE, PdfEngine


@dataclass(frozen=True, slots=True)
class PdfReading:
    engine: PdfEngine = DEFAULT_ENGINE  # the library that reads the text layer
    ocr: OcrMode = OcrMode.AUTO  # which pages are read with OCR
    max_pages: int | None = None  # the first pages only (``detect`` needs no more); None: all


DEFAULT_READING = PdfReading()
