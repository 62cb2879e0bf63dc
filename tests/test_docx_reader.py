"""The Word reader: heading styles, merged cells read once, nested tables, damaged inputs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument

from conftest import SAMPLES, assert_bad_input
from relazione.extract.pipeline import extract_file
from relazione.readers import read_document
from relazione.readers.blocks import Document, Line, Table


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> Document:
    doc = WordDocument()
    doc.add_heading("AREA STRATEGICA 1", level=1)
    doc.add_heading("OBIETTIVO STRATEGICO 1.1", level=2)
    doc.add_paragraph("Testo normale")
    table = doc.add_table(rows=3, cols=3)
    for c, text in enumerate(("Indicatore", "Peso", "Target")):
        table.cell(0, c).text = text
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Imprese assistite"  # gridSpan 2
    table.cell(1, 2).text = ">= 100"
    table.cell(2, 2).merge(table.cell(1, 2))  # vMerge: the continuation reads empty
    table.cell(2, 0).text = "Tempo medio"
    inner = table.cell(2, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "annidata"
    inner.cell(0, 1).text = "42"
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    doc.save(path)
    return read_document(path)


def test_heading_styles_become_style_levels(word: Document) -> None:
    lines = [b for b in word.blocks if isinstance(b, Line)]
    assert [(ln.text, ln.style_level) for ln in lines] == [
        ("AREA STRATEGICA 1", 1), ("OBIETTIVO STRATEGICO 1.1", 2), ("Testo normale", None)]


def test_merged_cells_are_read_once_and_columns_stay_aligned(word: Document) -> None:
    outer = [b for b in word.blocks if isinstance(b, Table)][0]
    assert [r.texts for r in outer.rows] == [
        ["Indicatore", "Peso", "Target"],
        ["Imprese assistite", "", ">= 100"],
        ["Tempo medio", "", ""],
    ]


def test_a_nested_table_follows_its_outer_table(word: Document) -> None:
    tables = [b for b in word.blocks if isinstance(b, Table)]
    assert len(tables) == 2 and tables[1].rows[0].texts == ["annidata", "42"]
    assert word.blocks.index(tables[1]) == word.blocks.index(tables[0]) + 1


def _zip_without_word(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a Word document")


BAD_DOCX = {
    "not_a_zip": (lambda p: p.write_bytes(b"PK\x03\x04 this is not really a zip" * 10), "non è un archivio zip"),
    "zip_not_docx": (_zip_without_word, "non è un documento Word"),
    "zero_bytes": (lambda p: p.write_bytes(b""), "file vuoto"),
}


@pytest.mark.parametrize("case", sorted(BAD_DOCX))
def test_a_damaged_docx_is_a_one_line_error_with_exit_2_and_no_output(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, message = BAD_DOCX[case]
    src = tmp_path / f"{case}.docx"
    make(src)
    assert_bad_input(src, message, capsys)


def test_word_draft_with_tab_separated_paragraphs_reads_like_the_text(tmp_path: Path) -> None:
    """A draft pasted from a text dump into Word keeps its tables as tab-separated paragraphs."""
    from test_parity import differences

    stem = "cremona_mantova_pavia_relazione_2024"
    document = WordDocument()
    for line in (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8").split("\n"):
        document.add_paragraph("".join(ch for ch in line if ch == "\t" or ord(ch) >= 32))
    draft = tmp_path / "bozza.docx"
    document.save(draft)
    found = differences(extract_file(SAMPLES / f"{stem}.txt"), extract_file(draft), "docx-tabs")
    assert not found, "\n".join(found[:20])
