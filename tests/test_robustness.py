"""The robustness corpus: hostile inputs, each giving a clear one-line error (exit 2, no output
file) or a correct result (exit 0, valid records) — never a traceback, never a partial output.

Every case runs the real command in a subprocess with an address-space limit, so a case that
blows up memory fails the test instead of the machine.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import zip_bytes

MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for one extraction
TIME_LIMIT = 120  # seconds


def _pdf(pages: int = 1, *, password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(user_password=password, owner_password=password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()



def _zip_bomb() -> bytes:
    """A .docx whose document.xml inflates to 1 GB of zeros (about 1 MB on disk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(1024):
                fh.write(chunk)
    return buf.getvalue()


def _nested_docx(depth: int) -> bytes:
    import docx

    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for level in range(depth):
        cell.text = f"livello {level}"
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    document.add_paragraph("OBIETTIVO OPERATIVO 1.1.1 Dopo le tabelle annidate")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _big_text(megabytes: int) -> bytes:
    block = ("OBIETTIVO OPERATIVO 1.1.{n}\nTitolo dell'obiettivo\nIndicatore\tPeso\tTarget\tConsuntivo\n"
             "Pratiche evase\t100%\t>= 80%\t85%\n")
    out = io.StringIO()
    n = 0
    while out.tell() < megabytes * 1024 * 1024:
        n += 1
        out.write(block.format(n=n))
    return out.getvalue().encode("utf-8")


TEMPLATE_CHARS = (
    "OBIETTIVO STRATEGICO 1.1\nQualità {{ ente }} & <servizi> {% if x %}\n"
    "OBIETTIVO OPERATIVO 1.1.1\nRiduzione dei tempi < 5 gg & {{ titolo }}\n"
    "Indicatore\tPeso\tTarget\tConsuntivo\nTempo {{medio}} <b>pratiche</b> & altro\t100%\t<= 5 gg\t{% 4 %}\n"
)

# name, file name, bytes (or a factory), what must happen: "error" with text in it, or "ok"
CASES: list[tuple[str, str, bytes | Callable[[], bytes], str]] = [
    ("empty text", "a.txt", b"", "error:file vuoto"),
    ("whitespace only", "a.txt", b" \n\t\n  \r\n", "error:file vuoto"),
    ("random binary", "a.txt", bytes(range(256)) * 40, "error:file binario"),
    ("NUL bytes in text", "a.txt", b"AREA STRATEGICA 1\x00\x00 Titolo\n" * 50, "error:file binario"),
    ("zero-byte pdf", "a.pdf", b"", "error:file vuoto"),
    ("zero-byte docx", "a.docx", b"", "error:file vuoto"),
    ("truncated pdf", "a.pdf", lambda: _pdf(3)[:300], "error:PDF"),
    ("pdf header only", "a.pdf", b"%PDF-1.7\n", "error:PDF"),
    ("encrypted pdf", "a.pdf", lambda: _pdf(1, password="segreta"), "error:PDF protetto"),
    ("300 blank pages", "a.pdf", lambda: _pdf(300), "error:non ha testo"),
    ("text named .pdf", "a.pdf", b"OBIETTIVO OPERATIVO 1.1.1 Titolo\n", "error:PDF"),
    ("pdf named .txt", "a.txt", lambda: _pdf(2), "error:non ha testo"),
    ("docx not a zip", "a.docx", b"this is not a zip archive at all" * 10, "error:non è un archivio zip"),
    ("zip not a docx", "a.docx", lambda: zip_bytes({"hello.txt": b"ciao"}), "error:non è un documento Word"),
    ("docx zip bomb", "a.docx", _zip_bomb, "error:supera 300 MB"),
    ("docx with broken xml", "a.docx",
     lambda: zip_bytes({"word/document.xml": b"<w:document", "[Content_Types].xml": b"<"}),
     "error:file Word danneggiato"),
    ("deeply nested tables", "a.docx", lambda: _nested_docx(60), "ok"),
    ("50 MB text", "a.txt", lambda: _big_text(50), "error:troppo grande per un documento"),
    ("5 MB text", "a.txt", lambda: _big_text(5), "ok"),
    ("9 MB single line", "a.txt", b"Peso 30% " * (9 * 1024 * 1024 // 9), "ok"),
    ("10000 tab cells", "a.txt", ("Indicatore\tPeso\t" + "x\t" * 10000 + "\n1\t2\n").encode(), "ok"),
    ("only tabs", "a.txt", b"\t\t\t\n\t\t\n", "error:file vuoto"),
    ("control characters", "a.txt",
     b"AREA\x07 STRATEGICA 1\x1b[31m\nTitolo\x0b area\n" + b"Testo della relazione.\n" * 20,
     "ok"),
    ("mixed encodings", "a.txt", "Qualità ".encode() + "attività".encode("cp1252") + b"\nPeso 30%\n", "ok"),
    ("utf-16 text", "a.txt", TEMPLATE_CHARS.encode("utf-16"), "ok"),
    ("template syntax and markup", "a.txt", TEMPLATE_CHARS.encode(), "ok"),
    ("repeated heading words", "a.txt", ("OBIETTIVO " * 20000 + "\n").encode(), "ok"),
    ("deep code", "a.txt", ("OBIETTIVO OPERATIVO " + ".".join(["1"] * 5000) + "\n").encode(), "ok"),
    ("html soup", "a.txt", b"<html><body>" + b"<div><p>" * 5000 + b"Peso 10%" + b"</p></div>" * 5000, "ok"),
    ("unbalanced markdown", "a.txt", b"**AREA STRATEGICA 1\n*Titolo\n| a | b\n|---\n", "ok"),
    ("json that is not records", "a.txt", b'{"reports": 3, "schema": "x"}', "ok"),
    ("lone surrogate escapes", "a.txt", b"OBIETTIVO OPERATIVO 1.1.1 \xed\xa0\x80 titolo\n", "ok"),
]


def run_extract(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    limit = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, "
        f"({MEMORY_LIMIT}, {MEMORY_LIMIT})); from relazione.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    return subprocess.run(
        [sys.executable, "-c", limit, "extract", str(src), "-o", str(out)],
        capture_output=True, text=True, timeout=TIME_LIMIT, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


@pytest.mark.parametrize(("name", "filename", "content", "expect"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input(tmp_path: Path, name: str, filename: str, content: bytes | Callable[[], bytes],
                       expect: str) -> None:
    src = tmp_path / filename
    src.write_bytes(content() if callable(content) else content)
    out = tmp_path / "out.json"
    result = run_extract(src, out)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    if expect.startswith("error:"):
        assert result.returncode == 2, (result.returncode, result.stderr[-500:])
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(src) in lines[0] and expect[6:] in lines[0], result.stderr
        assert not out.exists() and not list(tmp_path.glob(".out.json.*"))  # no partial output
    else:
        assert result.returncode == 0, result.stderr[-800:]
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["schema"] == "relazione.records/1"


def test_template_syntax_and_markup_survive_extraction(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(TEMPLATE_CHARS.encode())
    out = tmp_path / "out.json"
    assert run_extract(src, out).returncode == 0
    report = json.loads(out.read_text(encoding="utf-8"))["reports"][0]
    titles = [o["title"] for o in report["objectives"]]
    assert "Qualità {{ ente }} & <servizi> {% if x %}" in titles
    indicator = report["indicators"][0]
    assert indicator["name"] == "Tempo {{medio}} pratiche & altro"  # the <b> tag is markup, the rest text
    assert indicator["actual"] == "{% 4 %}"
