"""Readers turn a file into a :class:`~relazione.readers.blocks.Document` (one stream of blocks).

``read_document`` picks the reader by content, not by extension alone, so a mislabelled file still
gets a clear error. PDF, DOCX and XLSX readers plug in here with the same signature
``(path: str, data: bytes) -> Document``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from relazione.errors import RelazioneError, shown_path
from relazione.readers.blocks import Document
from relazione.readers.pdf_reading import DEFAULT_READING, PdfReading
from relazione.readers.text import read_text
from relazione.readers.xlsx import is_ods, read_ods, read_xlsx
from relazione.readers.zipguard import zip_names

Reader = Callable[[str, bytes], Document]
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls")  # .xls: the reader says to save it as .xlsx
ODS_SUFFIXES = (".ods", ".ots")
WORD_SUFFIXES = (".docx", ".docm")
MAX_INPUT_BYTES = 200 * 1024 * 1024
# A report as text is well under 1 MB (the largest sample, three reports in one, is 380 KB); a text
# ten times larger is not a report, and reading it would take minutes, so it is refused.
MAX_TEXT_BYTES = 10 * 1024 * 1024


def _reader_for(path: Path, data: bytes, pdf_reading: PdfReading) -> Reader:
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        from relazione.readers.pdf import read_pdf  # imported lazily: the PDF libraries are slow to import

        return partial(read_pdf, reading=pdf_reading)
    if suffix in ODS_SUFFIXES or is_ods(data):
        return read_ods
    if data.startswith(b"PK") or suffix in XLSX_SUFFIXES + WORD_SUFFIXES:
        office = _office_reader(suffix, data)
        if office is not None:
            return office
    return read_text


def _office_reader(suffix: str, data: bytes) -> Reader | None:
    """The zip's content decides (a workbook named .docx is still a workbook); a zip without either
    main part, or a file that is no zip, goes by its extension to the reader that names the problem."""
    names = zip_names(data) or set()
    if "xl/workbook.xml" in names:
        return read_xlsx
    if "word/document.xml" not in names and suffix in XLSX_SUFFIXES:
        return read_xlsx
    if "word/document.xml" in names or suffix not in (".txt", ".text", ".md"):
        from relazione.readers.docx import read_docx

        return read_docx
    return None


def read_document(path: Path, pdf_reading: PdfReading = DEFAULT_READING) -> Document:
    """The document of ``path``; ``pdf_reading``: how a PDF is read (engine, OCR, first pages only)."""
    try:
        if path.is_dir():
            raise RelazioneError(str(path), "è una cartella, non un file")
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise RelazioneError(str(path), f"file più grande di {MAX_INPUT_BYTES // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise RelazioneError(path, "file inesistente") from None
    except OSError as exc:  # permission, a name too long, a disk that fails ...
        raise RelazioneError.from_os(exc, path) from None
    if not data.strip():
        raise RelazioneError(str(path), "file vuoto")
    reader = _reader_for(path, data, pdf_reading)
    if reader is read_text and len(data) > MAX_TEXT_BYTES:
        raise RelazioneError(str(path), f"un testo di {len(data) // 2**20} MB è troppo grande per un documento "
                                        f"di performance (limite {MAX_TEXT_BYTES // 2**20} MB): dividerlo")
    # readers name the file only in messages and provenance: give them the name as it can be shown and
    # written (a Latin-1 name from an old share would otherwise break every JSON, Word or Excel output)
    return reader(shown_path(path), data)
