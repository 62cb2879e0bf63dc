"""PDF reader: text lines and tables per page -> the block stream.

The PDF library is behind ``pdf_source`` (PDFium by default, pdfplumber on request): it gives each
page's glyphs, words and ruling edges. Per page (this module), as a chain of small steps over the
page's words:
1. ruled tables: pdfplumber's table logic on the ruling edges (``pdf_ruled.find_ruled``); merged
   cells (None) become empty, multi-line cell text is joined; all-empty rows are dropped, the row
   after one marked ``after_blank``;
2. text lines: the words outside those tables grouped into physical lines; a two-column page is
   read column by column (not a page whose right half is table cells);
3. unruled tables: found among those lines by text alignment (``pdf_unruled``); one that runs to
   the page's end is handed to the next page, whose first lines may continue its last row;
then the document-level steps in ``pdf_flow``: running headers/footers and page numbers removed,
wrapped lines joined into paragraphs, tables continuing on the next page stitched.
Provenance: page number, and physical line number within the page. Each Line carries its font
size and boldness (its first physical line's), the evidence for headings told apart by font alone.
A page without a text layer (a scan) is read with OCR (``pdf_ocr``, ``--ocr``): its words take steps
2-3 and the document-level ones like a text layer's, with provenance "p.N (OCR)".
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import compress

from relazione.errors import RelazioneError
from relazione.readers.blocks import Document, Provenance, sha256_of
from relazione.readers.pdf_flow import Item, Page, TableBox, TextLine, to_blocks
from relazione.readers.pdf_ocr import INSTALL, OcrMode, OcrPage, OcrReader, ocr_reader
from relazione.readers.pdf_progress import page_progress
from relazione.readers.pdf_reading import DEFAULT_READING, PdfReading
from relazione.readers.pdf_ruled import find_ruled
from relazione.readers.pdf_source import PdfEngine, PdfSource, SourcePage
from relazione.readers.pdf_tables import table_box
from relazione.readers.pdf_typed import fixed_pitch, settle_full_lines, typed_lines
from relazione.readers.pdf_unruled import Carried, chunks_of, find_unruled_tables
from relazione.readers.pdf_words import Word, WordIndex, group_lines

MAX_PAGES = 3000
TABULAR_SHARE = 0.2  # lines with column gaps in one half of a page that make it table cells, not a text column
SCANNED = ("la pagina {n} non ha testo: è un'immagine scansionata; passarla prima da un OCR, "
           "ad es. `ocrmypdf in.pdf out.pdf`")
SCANNED_NO_TESSERACT = ("la pagina {n} non ha testo: è un'immagine scansionata, e Tesseract (OCR) per leggerla non "
                        f"è installato: installarlo con `{INSTALL}`, o passare prima il PDF da un OCR "
                        "(ad es. `ocrmypdf in.pdf out.pdf`)")


def read_pdf(path: str, data: bytes, reading: PdfReading = DEFAULT_READING) -> Document:
    """The document's blocks; ``reading.max_pages``: the first pages only (``detect`` needs no more)."""
    with open_source(reading.engine, path, data) as source:
        n_pages = source.page_count
        if n_pages > MAX_PAGES:
            raise RelazioneError(path, f"il PDF ha {n_pages} pagine (più di {MAX_PAGES})")
        if n_pages == 0:
            raise RelazioneError(path, "il PDF non ha pagine")
        ocr = _Ocr(path, data, reading.ocr)
        try:
            with _no_cycle_collection():
                pages = _read_pages(path, source, min(n_pages, reading.max_pages or n_pages), ocr)
        finally:
            ocr.close()
    scanned = [page.number for page in pages if page.scanned]
    unread = SCANNED if reading.ocr is OcrMode.MAI else SCANNED_NO_TESSERACT
    if len(scanned) == len(pages):
        raise RelazioneError(path, unread.format(n=scanned[0]))
    if not any(page.items for page in pages):
        raise RelazioneError(path, "il PDF non ha testo in nessuna pagina")
    settle_full_lines([i for page in pages for i in page.items if isinstance(i, TextLine) and i.ends is not None])
    doc = Document(path=path, format="pdf", pages=n_pages, sha256=sha256_of(data))
    doc.blocks = to_blocks(pages)
    doc.notes.extend(("scanned_page", unread.format(n=n), Provenance(n, None)) for n in scanned)
    if ocr.reader is not None and ocr.reader.pages_read:
        doc.notes.append(ocr.reader.note())
    return doc


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pages read without Python's cycle collector: a page makes thousands of glyphs and words,
    which start its collections over and over, each walking every object still alive (the whole
    document read so far): 10-15% of a long PDF's reading. What they hold is freed by reference
    counting as before; pages release their memory when closed; the collector runs again after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def open_source(engine: PdfEngine, path: str, data: bytes) -> PdfSource:
    """The engine's source for this file; a damaged or protected file raises ``RelazioneError``."""
    if engine == "pdfplumber":
        from relazione.readers.pdf_source_plumber import PlumberSource

        return PlumberSource(path, data)
    from relazione.readers.pdf_source_pdfium import PdfiumSource, Unopened

    try:
        return PdfiumSource(path, data)
    except Unopened:
        return open_source("pdfplumber", path, data)


def _read_pages(path: str, source: PdfSource, count: int, ocr: _Ocr) -> list[Page]:
    pages: list[Page] = []
    carried: Carried | None = None  # an unruled table that ran to the end of the page before
    try:
        with page_progress(path, count) as advance:
            for page in source.pages(count):
                if (ocr_page := ocr.page(page, count)) is not None:
                    read, carried = _read_ocr_page(ocr_page, carried)
                else:
                    read, carried = _read_page(page, carried)
                pages.append(read)
                advance()
    except RelazioneError:
        raise
    except Exception as exc:
        raise RelazioneError(path, f"PDF danneggiato, pagine illeggibili ({exc.__class__.__name__})") from None
    return pages


# -- pages read with OCR ------------------------------------------------------------------------
class _Ocr:
    """The pages ``--ocr`` asks for, read with OCR; the reader is made at the first of them, so a text
    PDF never looks for Tesseract."""

    def __init__(self, path: str, data: bytes, mode: OcrMode) -> None:
        self.path, self.data, self.mode = path, data, mode
        self.reader: OcrReader | None = None
        self._looked = False

    def page(self, page: SourcePage, count: int) -> OcrPage | None:
        """``sempre``: every page; ``auto``: a page with images and no text layer (a blank page is no scan)."""
        if self.mode is OcrMode.MAI or (self.mode is OcrMode.AUTO and (page.glyphs or not page.has_images)):
            return None
        if not self._looked:
            self.reader, self._looked = ocr_reader(self.path, self.data, self.mode), True
        return None if self.reader is None else self.reader.page(page.number - 1, count)

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()


def _read_ocr_page(ocr: OcrPage, carried: Carried | None) -> tuple[Page, Carried | None]:
    """An OCR'd page: its words placed as a text layer's (no ruled tables: OCR gives no ruling lines)."""
    result = Page(ocr.number, ocr.width, ocr.height, [])
    result.items, carried = page_items(ocr.words, [], ocr.width, ocr.number, carried, ocr=True)
    return result, carried


# -- one page -----------------------------------------------------------------------------------
def _read_page(page: SourcePage, carried: Carried | None) -> tuple[Page, Carried | None]:
    result = Page(page.number, page.width, page.height, [])
    if not page.glyphs:  # no text layer, and no OCR asked for or possible
        result.scanned = page.has_images
        return result, None
    pitch = fixed_pitch(page.glyphs)
    if pitch is not None:  # a plain text printed: its lines are read back as the text's
        result.items = list(typed_lines(page.glyphs, pitch, page.width, page.number))
        _number(result.items, page.number)
        return result, None
    result.items, carried = page_items(page.words(), page.edges, page.width, page.number, carried)
    return result, carried


def page_items(words: list[Word], edges: list[dict], width: float, number: int,
               carried: Carried | None, ocr: bool = False) -> tuple[list[Item], Carried | None]:
    """A page's tables and lines, numbered, from its words and ruling edges, whatever gave them: an
    engine's text layer, or OCR of a scanned page (words, no edges)."""
    tables = find_ruled(edges)
    boxes: list[TableBox] = []
    free = words
    if tables:
        index = WordIndex.of(words)
        inside = [index.within(t.bbox) for t in tables]
        boxes = [box for t, words_in in zip(tables, inside, strict=True)
                 if (box := table_box(t, words_in, number)) is not None]
        free = _outside(words, inside)
    items, carried = _place(free, boxes, width, number, carried)
    _number(items, number, ocr)
    return items, carried


def _outside(words: list[Word], inside: list[WordIndex]) -> list[Word]:
    """The words in none of the indexes (made of ``words``), in the page's order, as lines are grouped
    from: marked by their places, no set of them to build and test."""
    outside = [True] * len(words)
    for words_in in inside:
        for place in words_in.places:
            outside[place] = False
    return list(compress(words, outside))


def _place(free: list[Word], boxes: list[TableBox], width: float, number: int,
           carried: Carried | None) -> tuple[list[Item], Carried | None]:
    """Steps 2-3 of a page: its words outside ruled tables as lines, columns and unruled tables."""
    items: list[Item] = list(boxes)
    gutter = _column_split(free, width)
    if gutter is None:
        found, carried = find_unruled_tables(group_lines(free), number, carried)
        items.extend(found)
        items.sort(key=lambda i: i.top)
        if boxes and max(b.bottom for b in boxes) > max((i.bottom for i in found), default=0.0):
            carried = None  # a ruled table ends the page
    else:
        # the right column comes after the whole left one: reading order, not position
        left = [w for w in free if w.x1 <= gutter]
        right = [w for w in free if w.x1 > gutter]
        items.extend(_as_column(find_unruled_tables(group_lines(left), number)[0]))
        items.sort(key=lambda i: i.top)
        items.extend(sorted(_as_column(find_unruled_tables(group_lines(right), number)[0]), key=lambda i: i.top))
        carried = None
    return items, carried


def _as_column(items: list[Item]) -> list[Item]:
    """Lines of one column of a two-column page: full lines end at the column's right edge."""
    right = max((i.x1 for i in items if isinstance(i, TextLine)), default=0.0)
    for item in items:
        if isinstance(item, TextLine):
            item.right = right
    return items


def _column_split(words: list[Word], width: float) -> float | None:
    """The x of a gutter splitting a two-column page, or None for a one-column page."""
    if len(words) < 40:
        return None
    for frac in (0.5, 0.48, 0.52, 0.45, 0.55):
        gutter = width * frac
        counts = _left_and_crossing(words, gutter, len(words) * 0.01)
        if counts is None:
            continue
        left, crossing = counts
        right = len(words) - left - crossing
        if min(left, right) >= len(words) * 0.3 and not _tabular([w for w in words if w.x0 >= gutter]):
            return gutter
    return None


def _left_and_crossing(words: list[Word], gutter: float, most: float) -> tuple[int, int] | None:
    """How many words end left of the gutter and how many cross it, in one pass; None as soon as
    more than ``most`` cross it (no gutter): on a one-column page, after a few lines."""
    left = crossing = 0
    for w in words:
        if w.x1 <= gutter:
            left += 1
        elif w.x0 < gutter:
            crossing += 1
            if crossing > most:
                return None
    return left, crossing


def _tabular(words: list[Word]) -> bool:
    """Are these lines cells rather than a column of text? A text column's lines have no gap wider
    than a column gap inside them; an unruled table's value columns do."""
    lines = group_lines(words)
    return sum(len(chunks_of(line)) > 1 for line in lines) > TABULAR_SHARE * len(lines)


def _number(items: list[Item], page_number: int, ocr: bool = False) -> None:
    """Number lines and table rows down the page (physical lines, before any joining)."""
    n = 0
    for item in items:
        if isinstance(item, TextLine):
            n += 1
            item.line.prov = Provenance(page_number, n, ocr)
            continue
        for row in item.table.rows:
            n += 1
            row.prov = Provenance(page_number, n, ocr)
            for cell in row.cells:
                cell.prov = row.prov
        item.table.prov = item.table.rows[0].prov

