"""The text reader: tables from tabs, pipes and aligned columns; markup; encodings; bad bytes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relazione.errors import RelazioneError
from relazione.readers.blocks import Line, Table
from relazione.readers.text import read_text


def blocks_of(text: str | bytes) -> list:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_text("x.txt", data).blocks


def test_tab_separated_lines_become_one_table_with_line_provenance() -> None:
    blocks = blocks_of("Titolo\nIndicatore\tpeso\tTarget\n1\t40%\tSI\n")
    assert isinstance(blocks[0], Line) and blocks[0].text == "Titolo"
    table = blocks[1]
    assert isinstance(table, Table) and table.origin == "tabs"
    assert [r.texts for r in table.rows] == [["Indicatore", "peso", "Target"], ["1", "40%", "SI"]]
    assert table.rows[1].cells[2].prov.line == 3


def test_wrapped_row_after_blank_line_stays_in_the_table_and_is_marked() -> None:
    blocks = blocks_of("A\tB\tC\n1\tName starts\tx\n\n\tcontinues here\t\n")
    table = blocks[0]
    assert isinstance(table, Table) and len(table.rows) == 3
    assert table.rows[2].after_blank and table.rows[2].texts[1] == "continues here"


def test_html_and_markdown_remnants_are_stripped() -> None:
    blocks = blocks_of("**AREA STRATEGICA 1**\n<p>Testo <i>in corsivo</i> &amp; altro</p>\n")
    assert [b.text for b in blocks] == ["AREA STRATEGICA 1", "Testo in corsivo & altro"]


def test_markdown_pipe_table_drops_its_separator_row() -> None:
    blocks = blocks_of("| Indicatore | Target |\n| --- | --- |\n| Tempo medio | <= 5 gg |\n")
    assert len(blocks) == 1 and isinstance(blocks[0], Table)
    assert [r.texts for r in blocks[0].rows] == [["Indicatore", "Target"], ["Tempo medio", "<= 5 gg"]]


def test_column_aligned_layout_becomes_a_table() -> None:
    text = (
        "Indicatore              Target      Consuntivo\n"
        "Tempo medio pratiche    <= 5 gg     4,2 gg\n"
        "Imprese coinvolte       >= 100      130\n"
    )
    blocks = blocks_of(text)
    assert len(blocks) == 1 and isinstance(blocks[0], Table) and blocks[0].origin == "columns"
    assert blocks[0].rows[1].texts == ["Tempo medio pratiche", "<= 5 gg", "4,2 gg"]


def test_cp1252_text_is_decoded() -> None:
    blocks = blocks_of("Qualità dell'attività – 50%".encode("cp1252"))
    assert blocks[0].text == "Qualità dell'attività – 50%"


def test_utf8_bom_and_utf16_are_decoded() -> None:
    assert blocks_of(b"\xef\xbb\xbfPeso 30%")[0].text == "Peso 30%"
    assert blocks_of("Peso 30%".encode("utf-16"))[0].text == "Peso 30%"


def test_crlf_line_ends_count_lines_like_lf() -> None:
    blocks = blocks_of("uno\r\n\r\ntre\r\n")
    assert [(b.text, b.prov.line) for b in blocks] == [("uno", 1), ("tre", 3)]


@pytest.mark.parametrize(("data", "problem"), [(b"", "file vuoto"), (b"  \n\n", "file vuoto"),
                                               (b"\x00\x01\x02binary\x00", "file binario")])
def test_empty_and_binary_input_raise_one_clear_error(data: bytes, problem: str) -> None:
    with pytest.raises(RelazioneError, match=problem):
        read_text("bad.txt", data)


@given(st.text(max_size=400))
def test_any_text_reads_without_exception(text: str) -> None:
    try:
        doc = read_text("fuzz.txt", text.encode("utf-8"))
    except RelazioneError:
        return
    assert all(isinstance(b, Line | Table) for b in doc.blocks)
