"""The archive's operations: documents kept by content (sha256), extractions, corrections, outputs.

Files are stored under the data folder by their sha256, never by a name that came with a request; a request
names documents and outputs by their numeric id only."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from relazione.errors import RelazioneError
from relazione.records.model import Records, dumps

from . import db

FILES = "file"
# What may be uploaded: the readers' formats. The suffix is kept (readers look at it), the name never used.
SUFFIXES = (".pdf", ".docx", ".docm", ".xlsx", ".xlsm", ".txt", ".text", ".md")


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Archive:
    folder: Path

    def open(self) -> Archive:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / FILES).mkdir(exist_ok=True)
        db.migrate(self.folder)
        return self

    @contextmanager
    def conn(self) -> Iterator[sqlite3.Connection]:
        conn = db.connect(self.folder)
        try:
            yield conn
        finally:
            conn.close()

    # -- files by content ----------------------------------------------------------------------------------
    def blob_path(self, sha256: str, suffix: str = "") -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256) or suffix not in SUFFIXES + ("",):
            raise ValueError("not a stored file's name")  # the archive built these: anything else is a bug
        return self.folder / FILES / sha256[:2] / f"{sha256}{suffix}"

    def store_bytes(self, data: bytes, suffix: str = "") -> str:
        from relazione.fileio import write_atomic

        sha = hashlib.sha256(data).hexdigest()
        path = self.blob_path(sha, suffix)
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            try:
                write_atomic(path, data)
            except RelazioneError:
                if not path.exists():  # else the same bytes arrived twice at once: the other upload stored them
                    raise
        return sha

    # -- documents --------------------------------------------------------------------------------------------
    def add_document(self, name: str, suffix: str, data: bytes) -> tuple[int, bool]:
        """(id, new): the same bytes uploaded again are the same document."""
        sha = self.store_bytes(data, suffix)
        with self.conn() as c:
            row = c.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,)).fetchone()
            if row:
                return row["id"], False
            cur = c.execute("INSERT INTO documents (sha256, name, suffix, size, uploaded, status) "
                            "VALUES (?, ?, ?, ?, ?, 'in_coda')", (sha, name, suffix, len(data), now()))
            return int(cur.lastrowid or 0), True

    def document(self, doc_id: int) -> sqlite3.Row | None:
        with self.conn() as c:
            return c.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def documents(self) -> list[sqlite3.Row]:
        with self.conn() as c:
            return c.execute(
                "SELECT d.*, r.ente, r.year, r.kind, (SELECT count(*) FROM corrections k WHERE k.document_id = d.id)"
                " AS n_corrections FROM documents d LEFT JOIN extractions e ON e.id = (SELECT max(id) FROM "
                "extractions WHERE document_id = d.id) LEFT JOIN reports r ON r.extraction_id = e.id AND r.idx = 0"
                " ORDER BY r.ente, r.year DESC, d.id DESC").fetchall()

    def document_file(self, doc: sqlite3.Row) -> Path:
        return self.blob_path(doc["sha256"], doc["suffix"])

    def set_status(self, doc_id: int, status: str, error: str | None = None) -> None:
        with self.conn() as c:
            c.execute("UPDATE documents SET status = ?, error = ? WHERE id = ?", (status, error, doc_id))

    # -- extractions ------------------------------------------------------------------------------------------
    def add_extraction(self, doc_id: int, records: Records, origin: str = "estrazione") -> int:
        text = dumps(records)  # validated against the schema before it is kept
        with self.conn() as c:
            c.execute("BEGIN IMMEDIATE")
            cur = c.execute("INSERT INTO extractions (document_id, created, origin, records) VALUES (?, ?, ?, ?)",
                            (doc_id, now(), origin, text))
            ext_id = int(cur.lastrowid or 0)
            c.executemany("INSERT INTO reports (extraction_id, idx, ente, year, kind) VALUES (?, ?, ?, ?, ?)",
                          [(ext_id, i, r.ente, r.year, r.kind) for i, r in enumerate(records.reports)])
            c.execute("COMMIT")
        return ext_id

    def latest_records(self, doc_id: int) -> Records | None:
        with self.conn() as c:
            row = c.execute("SELECT records FROM extractions WHERE document_id = ? ORDER BY id DESC LIMIT 1",
                            (doc_id,)).fetchone()
        return Records.from_dict(json.loads(row["records"])) if row else None

    def reports_of(self, ente: str) -> list[sqlite3.Row]:
        """Every archived report of one ente, newest extraction of each document: for the history."""
        with self.conn() as c:
            return c.execute(
                "SELECT r.*, e.document_id FROM reports r JOIN extractions e ON e.id = r.extraction_id WHERE "
                "r.ente = ? AND e.id = (SELECT max(id) FROM extractions WHERE document_id = e.document_id) "
                "ORDER BY r.year", (ente,)).fetchall()

    # -- corrections and checks -------------------------------------------------------------------------------
    def add_correction(self, doc_id: int, record: str, field: str, old: str | None, new: str | None,
                       note: str | None) -> None:
        with self.conn() as c:
            c.execute("INSERT INTO corrections (document_id, record, field, old, new, at, note) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)", (doc_id, record, field, old, new, now(), note or None))

    def corrections(self, doc_id: int) -> list[sqlite3.Row]:
        with self.conn() as c:
            return c.execute("SELECT * FROM corrections WHERE document_id = ? ORDER BY id", (doc_id,)).fetchall()

    def set_verified(self, doc_id: int, record: str, verified: bool) -> None:
        with self.conn() as c:
            if verified:
                c.execute("INSERT OR REPLACE INTO verified (document_id, record, at) VALUES (?, ?, ?)",
                          (doc_id, record, now()))
            else:
                c.execute("DELETE FROM verified WHERE document_id = ? AND record = ?", (doc_id, record))

    def verified(self, doc_id: int) -> set[str]:
        with self.conn() as c:
            return {r["record"] for r in c.execute("SELECT record FROM verified WHERE document_id = ?", (doc_id,))}

    # -- outputs ----------------------------------------------------------------------------------------------
    def add_output(self, doc_id: int, kind: str, name: str, data: bytes) -> int:
        sha = self.store_bytes(data)
        with self.conn() as c:
            cur = c.execute("INSERT INTO outputs (document_id, kind, name, sha256, created) VALUES (?, ?, ?, ?, ?)",
                            (doc_id, kind, name, sha, now()))
            return int(cur.lastrowid or 0)

    def output(self, out_id: int) -> sqlite3.Row | None:
        with self.conn() as c:
            return c.execute("SELECT * FROM outputs WHERE id = ?", (out_id,)).fetchone()

    def outputs(self, doc_id: int) -> list[sqlite3.Row]:
        with self.conn() as c:
            return c.execute("SELECT * FROM outputs WHERE document_id = ? ORDER BY id DESC", (doc_id,)).fetchall()
