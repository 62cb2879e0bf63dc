"""Shared fixtures: the bundled samples and their hand-reviewed expected records."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def sample(name: str) -> Path:
    return SAMPLES / name


def expected_records(stem: str) -> dict:
    return json.loads((SAMPLES / "expected" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture
def tmp_out(tmp_path: Path) -> Path:
    return tmp_path / "out.json"


def assert_bad_input(src: Path, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Reading ``src`` fails with ``message`` naming the file; the command prints one line, exits 2,
    writes nothing."""
    from relazione.cli.main import main
    from relazione.errors import RelazioneError
    from relazione.readers import read_document

    with pytest.raises(RelazioneError) as info:
        read_document(src)
    assert message in str(info.value) and src.name in str(info.value)
    out = src.parent / "out.json"
    assert main(["extract", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("relazione: errore:") and "Traceback" not in err
    assert not out.exists()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip archive holding ``files`` (name -> content): Word and Excel files are zips."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()
