"""The PDF of a Word document, by LibreOffice headless, with the Sommario filled with page numbers.

Two conversions: the first with the Sommario's entries and placeholder page numbers (so it already takes
its final room), to learn on which page each heading falls; the second with those numbers. The .docx
returned holds the same filled Sommario (Word still rebuilds it on opening).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import regex as re

from relazione.errors import RelazioneError
from relazione.office.toc import Entry, fill_toc, headings_after_toc

CONVERT_TIMEOUT_S = 300
NO_LIBREOFFICE = ("per scrivere il PDF serve LibreOffice (comando soffice), che non è installato: scrivere il .docx "
                  "e aprirlo in Word, che aggiorna il sommario all'apertura")
_SPACE = re.compile(r"\s+")


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_libreoffice(out: Path) -> str:
    found = libreoffice()
    if found is None:
        raise RelazioneError(str(out), NO_LIBREOFFICE)
    return found


def _convert(docx: bytes, soffice: str, folder: Path, name: str) -> bytes:
    """One headless conversion, with its own LibreOffice profile (a running LibreOffice is left alone)."""
    src = folder / f"{name}.docx"
    src.write_bytes(docx)
    profile = (folder / "profilo").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
           str(folder), str(src)]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise RelazioneError(name, f"LibreOffice non è riuscito a scrivere il PDF ({exc.__class__.__name__})") from None
    pdf = folder / f"{name}.pdf"
    if not pdf.exists():
        raise RelazioneError(name, "LibreOffice non ha scritto il PDF")
    return pdf.read_bytes()


def _pages_text(pdf: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [_SPACE.sub("", page.extract_text() or "") for page in doc.pages]


def heading_pages(pdf: bytes, entries: list[Entry]) -> list[Entry]:
    """Each heading's page: searched in order, from the page of the heading before it (the Sommario
    itself lists them on an earlier page, so the search starts after the first page holding them all)."""
    pages = _pages_text(pdf)
    keys = [_SPACE.sub("", e.text)[:60] for e in entries]
    first = next((i + 1 for i, text in enumerate(pages) if all(k in text for k in keys[:3])), 0)
    found, at = [], first
    for entry, key in zip(entries, keys, strict=True):
        page = next((i for i in range(at, len(pages)) if key in pages[i]), None)
        if page is not None:
            at = page
        found.append(Entry(entry.level, entry.text, str(page + 1) if page is not None else ""))
    return found


def _with_toc(docx: bytes, entries: list[Entry]) -> bytes:
    from docx import Document

    doc = Document(io.BytesIO(docx))
    fill_toc(doc, entries)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def docx_and_pdf(docx: bytes, *, name: str = "documento") -> tuple[bytes, bytes]:
    """(the .docx with its Sommario filled, the PDF) of a rendered document."""
    from docx import Document

    soffice = require_libreoffice(Path(f"{name}.pdf"))
    entries = headings_after_toc(Document(io.BytesIO(docx)))
    with tempfile.TemporaryDirectory(prefix="relazione-pdf-") as tmp:
        folder = Path(tmp)
        if not entries:
            return docx, _convert(docx, soffice, folder, "documento")
        draft = _with_toc(docx, entries)
        pages = heading_pages(_convert(draft, soffice, folder, "bozza"), entries)
        final = _with_toc(docx, pages)
        return final, _convert(final, soffice, folder, "documento")
