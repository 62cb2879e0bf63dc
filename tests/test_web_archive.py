"""The archive: its data folder, the schema's versions, files kept by content."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from relazione.errors import RelazioneError
from relazione.web import db
from relazione.web.archive import Archive
from relazione.web.datadir import default_data_dir


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG rule is Linux's")
def test_default_data_folder_follows_xdg_data_home(monkeypatch, tmp_path):  # noqa: ANN001
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "relazione"
    monkeypatch.setenv("XDG_DATA_HOME", "relativa/non/valida")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / ".local" / "share" / "relazione"


def test_a_new_archive_is_at_the_current_schema_version(tmp_path):  # noqa: ANN001
    Archive(tmp_path).open()
    with sqlite3.connect(tmp_path / db.DB_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == db.VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "extractions", "reports", "corrections", "verified", "outputs"} <= tables


def test_opening_twice_migrates_nothing_and_keeps_the_data(tmp_path):  # noqa: ANN001
    archive = Archive(tmp_path).open()
    archive.add_document("a.txt", ".txt", b"dati")
    assert Archive(tmp_path).open().document(1)["name"] == "a.txt"


def test_an_archive_of_a_newer_version_is_refused_untouched(tmp_path):  # noqa: ANN001
    Archive(tmp_path).open()
    with sqlite3.connect(tmp_path / db.DB_NAME) as conn:
        conn.execute(f"PRAGMA user_version = {db.VERSION + 1}")
    with pytest.raises(RelazioneError, match="archivio di una versione più recente"):
        Archive(tmp_path).open()


def test_a_file_that_is_no_database_is_a_one_line_error(tmp_path):  # noqa: ANN001
    (tmp_path / db.DB_NAME).write_bytes(b"questo non e' un database" * 100)
    with pytest.raises(RelazioneError, match="archivio illeggibile"):
        Archive(tmp_path).open()


def test_files_are_stored_by_content_not_by_name(tmp_path):  # noqa: ANN001
    archive = Archive(tmp_path).open()
    doc_id, _ = archive.add_document("../../segreto.txt", ".txt", b"contenuto")
    path = archive.document_file(archive.document(doc_id))
    assert path.parent.parent == tmp_path / "file" and path.read_bytes() == b"contenuto"
    assert "segreto" not in str(path)
    with pytest.raises(ValueError):
        archive.blob_path("../../etc/passwd")
