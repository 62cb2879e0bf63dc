"""Scanned PDF pages read with Tesseract: a page rendered by PDFium, its words with their boxes.

The words come back as :class:`~relazione.readers.pdf_words.Word` in PDF points (top-left origin, as
pdfplumber's), so an OCR'd page goes through the same per-page steps as a text layer (lines, unruled
tables, two columns, the document flow). What OCR cannot give is replaced by estimates:
- font size: from the height of the Tesseract line the word is in (ascender to descender spans about
  ``GLYPH_EXTENT`` of the em), in half points; a line within ``SAME_SIZE`` of the page's body size
  is set in it: a box a few pixels taller (an all-capitals line, a comma) is no heading, while a
  heading set larger (20% and more, as headings are) still reads larger;
- bold: unknown (Tesseract's LSTM engine does not report it), so False.
Words Tesseract is unsure of (confidence below ``MIN_CONFIDENCE``) are dropped: mostly specks, stamps
and smudged print read as letters; "words" made only of rule characters (a table's "|") too.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from relazione.errors import RelazioneError
from relazione.readers.blocks import Provenance
from relazione.readers.pdf_words import Word

# On the scanned PIRA (8 pt) 200 and 300 dpi read the same words (recall 0.968 on 6 pages) and records, 200
# in 25% less time; 150 dpi, what 6-pt print is at 200, lost 1.3 points: 300 keeps small table print safe.
DPI = 300
MAX_PIXELS = 36_000_000  # an A2 page at 300 dpi; a larger page is rendered coarser, not into gigabytes
GLYPH_EXTENT = 0.92  # a line's box, top of "d" to bottom of "p", in ems (Arial 0.93, Times 0.90)
MIN_CONFIDENCE = 30  # on 6 PIRA pages, against 0: word precision 0.984 -> 0.988, recall 0.973 -> 0.972
SAME_SIZE = 0.1  # on the scanned PIRA (all 8 pt) line estimates spread over 7-8.5 pt at 300 dpi
RULES = frozenset("|¦[]_")  # a "word" made only of these is a table rule or an underline, read as letters
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-ita"
NOTE = "{pages} con OCR (confidenza media {conf:.0f}%): controllare codici e valori sul documento"


class OcrMode(StrEnum):
    """``--ocr``: which pages are read with OCR."""

    AUTO = "auto"  # the pages without a text layer
    SEMPRE = "sempre"  # every page, its text layer ignored (a bad text layer, mis-encoded fonts)
    MAI = "mai"  # none: pages without text are reported, as before OCR was available


@cache
def tesseract_languages() -> str | None:
    """The languages to read with ("ita+eng", or "eng" without the Italian data), None without Tesseract."""
    import pytesseract

    try:
        available = set(pytesseract.get_languages())
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return None
    wanted = [lang for lang in ("ita", "eng") if lang in available]
    return "+".join(wanted) or None


def require_tesseract(path: str, why: str) -> str:
    """The Tesseract languages, or a one-line error saying how to install it."""
    langs = tesseract_languages()
    if langs is None:
        raise RelazioneError(path, f"{why}: serve Tesseract (OCR), che non è installato; installarlo con "
                                   f"`{INSTALL}`")
    return langs


def ocr_reader(path: str, data: bytes, mode: OcrMode) -> OcrReader | None:
    """What reads pages of a PDF with OCR: none without Tesseract under ``auto`` (a scanned page is then
    a note saying how to install it); ``sempre`` without Tesseract is an error."""
    langs = require_tesseract(path, "--ocr sempre") if mode is OcrMode.SEMPRE else tesseract_languages()
    return OcrReader(path, data, langs) if langs else None


@dataclass(slots=True)
class OcrPage:
    """An OCR'd page: its size in points (as rendered: crop box, rotation applied) and its words."""

    number: int
    width: float
    height: float
    words: list[Word]
    confidence: float  # the mean confidence (0-100) of the words kept, for the note to the user


@dataclass(slots=True)
class OcrReader:
    """Reads pages of one PDF with OCR, opening it with PDFium when the first page is asked for."""

    path: str
    data: bytes
    langs: str
    # (page number, mean confidence) of each page read: the note needs no more, and keeping the pages'
    # words here would hold every OCR'd page in memory until the end of the document
    pages_read: list[tuple[int, float]] = field(default_factory=list)
    _pdf: object | None = None

    def page(self, index: int, n_pages: int) -> OcrPage:
        """Page ``index`` (0-based) of ``n_pages`` read with OCR."""
        import pytesseract

        _progress(index + 1, n_pages)
        image, scale = self._render(index)
        try:
            words, confidence = _words(image, self.langs, 1 / scale)
        except (pytesseract.TesseractError, OSError) as exc:  # Tesseract killed or out of memory
            raise RelazioneError(self.path, f"OCR della pagina {index + 1} non riuscito ({exc})") from None
        result = OcrPage(index + 1, image.width / scale, image.height / scale, words, confidence)
        self.pages_read.append((result.number, result.confidence))
        return result

    def _render(self, index: int):  # noqa: ANN202 - a PIL image and its pixels a point
        import pypdfium2 as pdfium

        if self._pdf is None:
            self._pdf = pdfium.PdfDocument(self.data)
        page = self._pdf[index]  # type: ignore[index]
        try:
            width, height = page.get_size()
            scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
            return page.render(scale=scale, grayscale=True).to_pil(), scale
        finally:
            page.close()

    def note(self) -> tuple[str, str, Provenance]:
        """The note (a warning of the records) that says which pages were read by OCR, and how surely."""
        numbers = [number for number, _ in self.pages_read]
        pages = f"La pagina {numbers[0]} letta" if len(numbers) == 1 else f"{len(numbers)} pagine lette"
        conf = sum(confidence for _, confidence in self.pages_read) / len(numbers)
        return "ocr_pages", NOTE.format(pages=pages, conf=conf), Provenance(numbers[0], None, ocr=True)

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()  # type: ignore[attr-defined]
            self._pdf = None
        _progress_done(bool(self.pages_read))


def _words(image, langs: str, scale: float) -> tuple[list[Word], float]:  # noqa: ANN001 - a PIL image
    """The page's words in points (``scale``: points a pixel) and their mean confidence."""
    import pytesseract

    # Tesseract's own threads fight each other on a busy machine: one thread read the sample 3x faster
    # on 2 cores under load (9.0 -> 3.2 s a page). A limit the user set is kept.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang=langs, output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], tuple[int, int]] = {}  # (block, paragraph, line) -> (top, height)
    words: list[Word] = []
    confidences: list[float] = []
    for i, level in enumerate(data["level"]):
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if level == 4:  # a line: its box comes before its words
            lines[key] = (data["top"][i], data["height"][i])
            continue
        text, conf = data["text"][i].strip(), float(data["conf"][i])
        if level != 5 or not text or conf < MIN_CONFIDENCE or set(text) <= RULES:
            continue
        # a word spans its line's height, as a text layer's words span their font's: "nel" and "Piano"
        # then share top and bottom, and lines and table rows group as they do from a text layer
        top, height = lines.get(key, (data["top"][i], data["height"][i]))
        left = data["left"][i]
        size = round(height * scale / GLYPH_EXTENT * 2) / 2
        words.append(Word(text, left * scale, (left + data["width"][i]) * scale, top * scale,
                          (top + height) * scale, size))
        confidences.append(conf)
    _snap_to_body(words)
    return words, sum(confidences) / len(confidences) if confidences else 0.0


def _snap_to_body(words: list[Word]) -> None:
    """Sizes near the page's body size (the one most characters have) become it."""
    chars: dict[float, int] = {}
    for w in words:
        chars[w.size] = chars.get(w.size, 0) + len(w.text)
    if not chars:
        return
    body = max(chars, key=chars.__getitem__)
    for w in words:
        if abs(w.size - body) <= SAME_SIZE * body:
            w.size = body


def _progress(number: int, total: int) -> None:
    """One message per page on a terminal: OCR takes seconds a page, and nothing else moves meanwhile."""
    if sys.stderr.isatty():
        print(f"\rrelazione: OCR della pagina {number} di {total}...", end="", file=sys.stderr, flush=True)


def _progress_done(any_page: bool) -> None:
    if any_page and sys.stderr.isatty():
        print(file=sys.stderr)
