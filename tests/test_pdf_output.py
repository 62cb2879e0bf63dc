"""The PDF with a filled Sommario (LibreOffice headless), and a clear Italian error without LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from docx import Document

from relazione.cli.main import main
from relazione.records.model import Records, Source, save
from test_render import _report


@pytest.fixture
def records_file(tmp_path: Path) -> Path:
    path = tmp_path / "records.json"
    save(Records(Source(path="prova.txt"), reports=[_report()]), path)
    return path


def test_pdf_without_libreoffice_is_a_clear_error_and_writes_nothing(records_file, tmp_path, monkeypatch,
                                                                       capsys) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = tmp_path / "relazione.pdf"
    assert main(["render", str(records_file), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "serve LibreOffice" in err and "aggiorna il sommario all'apertura" in err and err.count("\n") == 1
    assert not out.exists()
    assert main(["render", str(records_file), "-o", str(tmp_path / "r.docx"), "--pdf"]) == 2
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_pdf_and_docx_carry_a_filled_sommario_with_page_numbers(records_file, tmp_path) -> None:
    out = tmp_path / "relazione.docx"
    assert main(["render", str(records_file), "-o", str(out), "--pdf"]) == 0
    with pdfplumber.open(out.with_suffix(".pdf")) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    sommario = next(text for text in pages if "Sommario" in text)
    listed = dict(re.findall(r"^(\d(?:\.\d)? [^\n.]+?)\s*\.{3,}\s*(\d+)$", sommario, re.MULTILINE))
    assert "1 Principali risultati raggiunti" in listed
    for heading, page in listed.items():  # each heading is on the page the Sommario gives
        assert heading in pages[int(page) - 1], heading
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "3.2 Obiettivi operativi\t" in docx_text
