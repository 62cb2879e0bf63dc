"""The records a page shows and a document is made from: the latest reading with the corrections applied."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort

from relazione.records.model import Records
from relazione.scoring.aggregate import score_records

from .archive import Archive
from .corrections import Unapplied, apply_all

METHOD = "integra"


@dataclass
class Current:
    records: Records
    unapplied: list[Unapplied]


def current_records(archive: Archive, doc_id: int) -> Current | None:
    records = archive.latest_records(doc_id)
    if records is None:
        return None
    changes = [(c["record"], c["field"], c["new"]) for c in archive.corrections(doc_id)]
    unapplied = apply_all(records, changes)
    return Current(score_records(records, method=METHOD), unapplied)


def document_or_404(archive: Archive, doc_id: int):  # noqa: ANN201 - a sqlite3.Row
    doc = archive.document(doc_id)
    if doc is None:
        abort(404, "documento inesistente nell'archivio")
    return doc


def records_or_404(archive: Archive, doc_id: int) -> Current:
    """The document's current records; 404 for a document not in the archive, or not read yet."""
    document_or_404(archive, doc_id)
    found = current_records(archive, doc_id)
    if found is None:
        abort(404, "il documento non è ancora stato letto")
    return found
