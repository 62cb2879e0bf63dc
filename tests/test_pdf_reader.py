"""The PDF reader: stitched tables, page furniture, wrapped lines, and damaged inputs.

Small PDFs are written by hand here (one Helvetica text object per line), so each test controls
exactly what is on the page; the split table is the committed LibreOffice fixture.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import assert_bad_input, sample
from layouts.pdfwrite import PAGE_H, PAGE_W, assemble, escape
from relazione.readers import read_document
from relazione.readers.blocks import Document, Line, Table

FONT_SIZE = 10



def make_pdf(pages: list[list[tuple[float, float, str]]]) -> bytes:
    """A minimal valid PDF: each page a list of (x, y-from-top, text) in Helvetica 10 pt."""
    return assemble(["".join(f"BT /F1 {FONT_SIZE} Tf {x:.1f} {PAGE_H - y:.1f} Td ({escape(t)}) Tj ET\n"
                             for x, y, t in lines) for lines in pages], {"F1": "Helvetica"})


def read_pdf_bytes(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Document:
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path)


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Line)]


# -- tables ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def split_table() -> Document:
    return read_document(sample("tables_split_across_pages.pdf"))


def test_a_table_over_three_pages_is_one_table_with_its_header_once(split_table: Document) -> None:
    assert split_table.pages == 3
    tables = [b for b in split_table.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    rows = tables[0].rows
    assert rows[0].texts == ["Indicatore", "Peso", "Target 2024", "Consuntivo 2024"]
    assert len(rows) == 121  # the header and 120 data rows: repeated headers dropped, no row split
    assert sum(1 for r in rows if r.texts[0] == "Indicatore") == 1
    assert [r.texts[0] for r in rows[1:]] == [f"Indicatore numero {i} sulla qualità dei servizi" for i in range(1, 121)]
    assert rows[120].texts[2:] == [">= 120,00%", "121,00%"]
    assert {r.prov.page for r in rows} == {1, 2, 3}


def test_a_ruled_sample_reads_multi_line_cells_whole() -> None:
    doc = read_document(sample("brescia_piao_2024_semestrale.pdf"))
    cells = [c.text for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]
    # a cell wrapped over two lines in the PDF (and one cut by a page break) is one cell text
    assert "Indicatore 2: Aggiornamento e pubblicazione dei contenuti previsti nel PTPCT" in cells
    assert not any(c.startswith("contenuti previsti nel PTPCT") for c in cells)


# -- page furniture and wrapped lines -----------------------------------------------------------
def _page_with_furniture(number: int, body: list[str]) -> list[tuple[float, float, str]]:
    lines = [(50, 40, "Camera di Commercio di Lodi - Relazione 2023")]
    lines += [(50, 100 + 30 * number + 14 * i, text) for i, text in enumerate(body)]
    lines.append((280, 800, f"Pagina {number} di 4"))
    return lines


def test_running_header_and_page_numbers_are_removed(tmp_path: Path) -> None:
    pages = [_page_with_furniture(n, [f"Contenuto della pagina {n}", "OBIETTIVO OPERATIVO 1.1.1"]) for n in range(1, 5)]
    doc = read_pdf_bytes(tmp_path, make_pdf(pages))
    lines = texts(doc)
    assert not any("Relazione 2023" in t or t.startswith("Pagina") for t in lines)
    assert lines.count("OBIETTIVO OPERATIVO 1.1.1") == 4  # repeated body text is not furniture
    assert [t for t in lines if t.startswith("Contenuto")] == [f"Contenuto della pagina {n}" for n in range(1, 5)]


def _width(text: str) -> float:
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Helvetica"][1]
    return sum(widths.get(ch, 556) for ch in text) * FONT_SIZE / 1000


def _words_to_fill(width: float, next_word: str) -> str:
    """A line filled as a greedy line breaker fills it, ``next_word`` being the one that did not fit."""
    words, line, i = ["valutazione", "della", "performance", "organizzativa", "annuale"], "", 0
    while _width(f"{line} {words[i % len(words)]}") < width:
        line = f"{line} {words[i % len(words)]}".strip()
        i += 1
    assert _width(f"{line} {next_word}") > width
    return line


def test_a_paragraph_wrapped_by_the_layout_is_one_line_and_short_lines_stay_apart(tmp_path: Path) -> None:
    full = _words_to_fill(PAGE_W - 100, "ricontestualizzazione")
    body = [
        (50, 100, full),  # reaches the right margin: the layout wrapped it
        (50, 112, "ricontestualizzazione qui."),
        (50, 124, "Breve riga."),  # ends far from the margin: a hard break
        (50, 136, "Altra riga."),
        (50, 162, "Dopo una riga vuota."),
    ]
    doc = read_pdf_bytes(tmp_path, make_pdf([body]))
    lines = [b for b in doc.blocks if isinstance(b, Line)]
    assert [ln.text for ln in lines] == [
        f"{full} ricontestualizzazione qui.", "Breve riga.", "Altra riga.", "Dopo una riga vuota."]
    assert [ln.after_blank for ln in lines] == [False, False, False, True]


# -- damaged inputs: one-line error, exit 2, no output --------------------------------------------
def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(make_pdf([[(50, 100, "Segreto")]])))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="chiave", owner_password="chiave")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _truncated_pdf() -> bytes:
    data = sample("brescia_pira_2020_ocr.pdf").read_bytes()
    return data[: len(data) // 3]


BAD_PDFS = {
    "truncated": (_truncated_pdf, "PDF"),
    "encrypted": (_encrypted_pdf, "PDF protetto"),
    "blank_300_pages": (lambda: make_pdf([[] for _ in range(300)]), "non ha testo"),
    "zero_pages": (lambda: make_pdf([]), "non ha pagine"),
}


@pytest.mark.parametrize("case", sorted(BAD_PDFS))
def test_a_damaged_pdf_is_a_one_line_error_with_exit_2_and_no_output(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, message = BAD_PDFS[case]
    src = tmp_path / f"{case}.pdf"
    src.write_bytes(make())
    assert_bad_input(src, message, capsys)


def test_a_scanned_page_in_a_text_pdf_is_a_note_not_an_error(tmp_path: Path) -> None:
    doc = read_pdf_bytes(tmp_path, make_pdf([[(50, 100, "OBIETTIVO STRATEGICO 1.1")], []]))
    assert texts(doc) == ["OBIETTIVO STRATEGICO 1.1"]
    assert doc.pages == 2 and doc.notes == []  # a blank page without images is no scan


# -- unruled tables (hand-written PDF: no ruling lines, columns only by alignment) ------------------
def _greedy(text: str, width: float) -> list[str]:
    """``text`` broken into lines as a greedy line breaker breaks it for a column ``width`` wide."""
    lines = [""]
    for word in text.split():
        candidate = f"{lines[-1]} {word}".strip()
        if _width(candidate) <= width or not lines[-1]:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


UNRULED_COLUMNS = (50, 300, 370, 460)  # x of each column; the first is 240 pt wide
UNRULED_ROWS = [
    ("Indicatore", "Peso", "Target", "Consuntivo"),
    ("Numero di imprese assistite nella compilazione delle pratiche telematiche del registro", "40%", ">= 90%",
     "95%"),
    ("Tempi medi di evasione delle istanze", "30%", "<= 5 gg", "4 gg"),
    ("Grado di soddisfazione degli utenti rilevato con questionario online alla chiusura della pratica", "30%",
     ">= 80%", "85,5%"),
]


def _unruled_table_lines(top: float, pitch: float = 12) -> tuple[list[tuple[float, float, str]], float]:
    lines, y = [], top
    for row in UNRULED_ROWS:
        name_lines = _greedy(row[0], UNRULED_COLUMNS[1] - UNRULED_COLUMNS[0] - 12)
        lines.append((UNRULED_COLUMNS[0], y, name_lines[0]))
        lines += [(x, y, value) for x, value in zip(UNRULED_COLUMNS[1:], row[1:], strict=True)]
        for more in name_lines[1:]:
            y += pitch
            lines.append((UNRULED_COLUMNS[0], y, more))
        y += pitch
    return lines, y


def test_an_unruled_table_is_read_from_text_alignment_with_its_wrapped_cells(tmp_path: Path) -> None:
    paragraph = _words_to_fill(PAGE_W - 100, "ricontestualizzazione")
    table, end = _unruled_table_lines(150)
    page = [(50, 100, "Risultati conseguiti nel 2024"), (50, 112, paragraph), (50, 124, "ricontestualizzazione."),
            *table, (50, end + 14, "Breve nota sotto la tabella.")]
    doc = read_pdf_bytes(tmp_path, make_pdf([page]))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert [r.texts for r in tables[0].rows] == [list(row) for row in UNRULED_ROWS]
    assert texts(doc) == ["Risultati conseguiti nel 2024", f"{paragraph} ricontestualizzazione.",
                          "Breve nota sotto la tabella."]  # prose around the table stays prose


def test_an_unruled_table_cut_by_a_page_break_goes_on_with_the_rest_of_its_row(tmp_path: Path) -> None:
    table, end = _unruled_table_lines(0)
    table = [(x, y + PAGE_H - 40 - end, t) for x, y, t in table]  # down to the page's foot
    last = max(y for _, y, _ in table)
    first = [line for line in table if line[1] < last]
    rest = [(x, 60, t) for x, y, t in table if y == last]  # the last name's last line goes over
    assert len(rest) == 1 and rest[0][0] == UNRULED_COLUMNS[0]
    doc = read_pdf_bytes(tmp_path, make_pdf([first, rest + [(50, 120, "Testo della pagina seguente.")]]))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert [r.texts for r in tables[0].rows] == [list(row) for row in UNRULED_ROWS]
    assert texts(doc) == ["Testo della pagina seguente."]


def test_prose_and_two_column_pages_are_no_unruled_tables(tmp_path: Path) -> None:
    sentence = "la camera di commercio ha realizzato le iniziative previste dal piano della performance "
    column = _greedy(sentence * 8, 220)
    two_columns = [(50, 100 + 12 * i, t) for i, t in enumerate(column)]
    two_columns += [(320, 100 + 12 * i, t) for i, t in enumerate(column)]
    spaced = [(50, 100, "Totale complessivo:"), (200, 100, "euro 1.000"), (50, 112, paragraph := _words_to_fill(
        PAGE_W - 100, "ricontestualizzazione")), (50, 124, "ricontestualizzazione.")]
    doc = read_pdf_bytes(tmp_path, make_pdf([two_columns, spaced]))
    assert not any(isinstance(b, Table) for b in doc.blocks)
    assert texts(doc)[-2:] == ["Totale complessivo: euro 1.000", f"{paragraph} ricontestualizzazione."]
