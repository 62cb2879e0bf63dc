"""Records of a file: read it, pick its profile (or take the one named), extract.

The one entry point every later stage uses to turn a document, or a records JSON, into records."""

from __future__ import annotations

from pathlib import Path

from relazione.extract.detect import choose_profile
from relazione.extract.engine import extract
from relazione.extract.profiles import get_profile
from relazione.readers import read_document
from relazione.readers.blocks import Document
from relazione.readers.pdf_reading import DEFAULT_READING, PdfReading
from relazione.records.model import Records, Warning_, load

GENERIC = "generic"
REPORT_SUFFIXES = (".txt", ".text", ".md", ".pdf", ".docx", ".docm", ".xlsx", ".xlsm")


def load_records(path: Path, profile_name: str | None = None, pdf_reading: PdfReading = DEFAULT_READING) -> Records:
    """Records from a JSON file, or extracted from a report (.txt/.pdf/.docx/.xlsx) first."""
    if path.suffix.lower() in REPORT_SUFFIXES:
        return extract_file(path, profile_name, pdf_reading)
    return load(path)


def extract_file(path: Path, profile_name: str | None = None, pdf_reading: PdfReading = DEFAULT_READING) -> Records:
    return extract_document(read_document(path, pdf_reading), profile_name)


def extract_document(doc: Document, profile_name: str | None = None) -> Records:
    """The records of a document read already: the named profile, else the detected one (the generic
    engine's reading instead when it holds more)."""
    if profile_name:
        return extract(doc, get_profile(profile_name))
    profile = choose_profile(doc)
    records = extract(doc, profile)
    if profile.name == GENERIC or _size(records)[0]:
        return records
    # The detected family found no indicator: its phrases matched but not its layout. The generic
    # engine reads the common vocabulary; its records are kept when they hold more.
    fallback = extract(doc, get_profile(GENERIC))
    if _size(fallback) <= _size(records):
        return records
    fallback.warnings.insert(0, Warning_(
        "fallback_generic",
        f"rilevato il profilo {profile.name!r}, che però non ha trovato indicatori: letto con 'generic'"))
    return fallback


def _size(records: Records) -> tuple[int, int]:
    """(indicators, objectives): what records hold, indicators first when two readings are compared."""
    return sum(len(r.indicators) for r in records.reports), sum(len(r.objectives) for r in records.reports)
