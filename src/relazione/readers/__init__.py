"""Readers turn a file into a :class:`~relazione.blocks.Document` (one stream of blocks).

``read_document`` picks the reader by content, not by extension alone, so a mislabelled file still
gets a clear error. PDF and DOCX readers plug in here with the same signature
``(path: str, data: bytes) -> Document``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..blocks import Document
from ..errors import RelazioneError
from .text import read_text

Reader = Callable[[str, bytes], Document]
MAX_INPUT_BYTES = 200 * 1024 * 1024
# A report as text is well under 1 MB (the largest sample, three reports in one, is 380 KB); a text
# ten times larger is not a report, and reading it would take minutes, so it is refused.
MAX_TEXT_BYTES = 10 * 1024 * 1024


def _reader_for(path: Path, data: bytes) -> Reader:
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        from .pdf import read_pdf  # imported lazily: pdfplumber is slow to import

        return read_pdf
    if suffix in (".docx", ".docm") or (data.startswith(b"PK") and suffix not in (".txt", ".text", ".md")):
        from .docx import read_docx

        return read_docx
    return read_text


def read_document(path: Path) -> Document:
    try:
        if path.is_dir():
            raise RelazioneError(str(path), "is a directory, not a file")
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise RelazioneError(str(path), f"file larger than {MAX_INPUT_BYTES // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise RelazioneError(str(path), "no such file") from None
    except PermissionError:
        raise RelazioneError(str(path), "permission denied") from None
    if not data.strip():
        raise RelazioneError(str(path), "empty file")
    reader = _reader_for(path, data)
    if reader is read_text and len(data) > MAX_TEXT_BYTES:
        raise RelazioneError(str(path), f"text of {len(data) // 2**20} MB is too large for a report "
                                        f"(limit {MAX_TEXT_BYTES // 2**20} MB): split it")
    return reader(str(path), data)
