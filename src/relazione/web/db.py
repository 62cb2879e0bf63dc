"""The archive's SQLite database: one file in the data folder (a backup is a copy of the folder).

The schema is versioned by ``PRAGMA user_version``: each entry of MIGRATIONS takes the database one version
up, in one transaction, so an upgrade of the package upgrades an old archive the first time it is opened.
Never edit a published migration: append a new one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from relazione.errors import RelazioneError

DB_NAME = "archivio.sqlite"

MIGRATIONS: tuple[str, ...] = (
    # 1: documents (stored by sha256), extractions (records JSON as read), the reports they hold (ente, year,
    #    kind: for following an indicator across years), corrections (versioned changes, never overwrites),
    #    records marked as checked, generated outputs.
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        suffix TEXT NOT NULL,
        size INTEGER NOT NULL,
        uploaded TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT
    );
    CREATE TABLE extractions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        created TEXT NOT NULL,
        origin TEXT NOT NULL,
        records TEXT NOT NULL
    );
    CREATE TABLE reports (
        extraction_id INTEGER NOT NULL REFERENCES extractions(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        ente TEXT,
        year INTEGER,
        kind TEXT,
        PRIMARY KEY (extraction_id, idx)
    );
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        record TEXT NOT NULL,
        field TEXT NOT NULL,
        old TEXT,
        new TEXT,
        at TEXT NOT NULL,
        note TEXT
    );
    CREATE TABLE verified (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        record TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (document_id, record)
    );
    CREATE TABLE outputs (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX extractions_by_document ON extractions(document_id);
    CREATE INDEX corrections_by_document ON corrections(document_id);
    """,
)
VERSION = len(MIGRATIONS)


def connect(folder: Path) -> sqlite3.Connection:
    """A new connection (one per request or job: sqlite3 connections stay in their thread)."""
    conn = sqlite3.connect(folder / DB_NAME, timeout=30, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def migrate(folder: Path) -> int:
    """Bring the archive to VERSION; a database written by a newer version is refused, not damaged."""
    conn = connect(folder)
    try:
        conn.execute("PRAGMA journal_mode = WAL")  # readers (the pages) do not wait for the extraction's writes
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current > VERSION:
            raise RelazioneError(str(folder / DB_NAME), f"archivio di una versione più recente del programma "
                                                        f"(schema {current}, questo programma arriva a {VERSION}): "
                                                        "aggiornare relazione")
        for version in range(current, VERSION):
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        return VERSION
    except sqlite3.DatabaseError as exc:
        raise RelazioneError(str(folder / DB_NAME), f"archivio illeggibile ({exc})") from None
    finally:
        conn.close()


def _statements(script: str) -> list[str]:
    """executescript() would commit first; one statement at a time keeps the migration in its transaction."""
    return [s.strip() for s in script.split(";") if s.strip()]
