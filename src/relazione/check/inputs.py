"""Reading a draft for ``check``: records JSON as it is, any document (text, PDF, DOCX) extracted
(``extract.pipeline.load_records``); a folder or an unknown kind of file is a clear error."""

from __future__ import annotations

from pathlib import Path

from relazione.errors import RelazioneError
from relazione.extract.pipeline import REPORT_SUFFIXES, load_records
from relazione.readers.pdf_reading import DEFAULT_READING, PdfReading
from relazione.records.model import Records


def load_draft(path: Path, profile: str | None = None, pdf_reading: PdfReading = DEFAULT_READING) -> Records:
    if path.is_dir():
        raise RelazioneError(str(path), "è una cartella, non una bozza")
    suffix = path.suffix.lower()
    if suffix != ".json" and suffix not in REPORT_SUFFIXES:
        kind = suffix or "(no extension)"
        raise RelazioneError(str(path), f"tipo di file {kind} non gestito: usare .json, .txt, .pdf, .docx o .xlsx")
    return load_records(path, profile, pdf_reading)


def where(path: str, prov: object) -> str:
    """"bozza.txt l.1020": the file and the place in it, as every finding shows it."""
    name = Path(path).name
    text = str(prov)
    return name if text == "?" else f"{name} {text}"
