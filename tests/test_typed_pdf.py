"""A plain text printed to PDF (opened in Writer, printed): its lines come back as the text's lines.

The small PDFs here are typed as Writer types a .txt: Courier 10 pt (every glyph 6 pt wide, as
Liberation Mono), spaces drawn as glyphs, a tab a jump to the next stop every 1.25 cm from the
margin, a line too long for the page wrapped at a space (the space left hanging) or at a tab (the
next line starting at the first stop). The committed ``*_typed.pdf`` samples are the sample texts
printed by LibreOffice itself (``scripts/make_fixtures.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare import compare
from conftest import SAMPLES
from layouts.pdfwrite import PAGE_H, PAGE_W, assemble, escape
from relazione.extract.pipeline import extract_file
from relazione.readers import read_document
from relazione.readers.blocks import Document, Line, Table
from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_typed import fixed_pitch

SIZE, GLYPH = 10, 6.0  # Courier 10 pt: every glyph 0.6 em
MARGIN, STOP, PITCH = 56.7, 1.25 * 72 / 2.54, 11.35
RIGHT = PAGE_W - MARGIN


def typed(lines: list[str]) -> bytes:
    """The PDF Writer prints from these text lines (tabs and wraps as the module docstring says)."""
    ops: list[str] = []
    y = 60.0
    for text in lines:
        x = MARGIN
        for token in _tokens(text):
            if token == "\t":
                x = MARGIN + (int((x - MARGIN + 0.3) // STOP) + 1) * STOP
                if x > RIGHT:  # the tab does not fit: it goes down, to the first stop
                    y, x = y + PITCH, MARGIN + STOP
                continue
            word = token.rstrip(" ")
            if x > MARGIN + STOP * 0.5 and x + len(word) * GLYPH > RIGHT:
                y, x = y + PITCH, MARGIN
            drawn = token if x + len(token) * GLYPH <= RIGHT else word  # a space past the margin is not drawn
            ops.append(f"BT /F1 {SIZE} Tf {x:.2f} {PAGE_H - y:.2f} Td ({escape(drawn)}) Tj ET")
            x += len(token) * GLYPH
        y += PITCH
    return assemble(["\n".join(ops)], {"F1": "Courier"})


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for part in text.split("\t"):
        out.extend(w + " " for w in part.split(" "))
        out[-1] = out[-1][:-1]
        out.append("\t")
    return [t for t in out[:-1] if t]


def read(tmp_path: Path, lines: list[str]) -> Document:
    path = tmp_path / "typed.pdf"
    path.write_bytes(typed(lines))
    return read_document(path)


def shape(doc: Document) -> list[object]:
    return [b.text if isinstance(b, Line) else [r.texts for r in b.rows] for b in doc.blocks]


def test_tab_separated_rows_come_back_as_one_table_of_cells(tmp_path: Path) -> None:
    doc = read(tmp_path, [
        "OBIETTIVO STRATEGICO 1.1: SVILUPPO\t2024\t2025\t2026",
        "Indicatore 1: Partecipazione al CSS e ad iniziative correlate\tSI\tSI\tSI",
        "Indicatore 2: una riga breve\t\t100%",  # an empty cell: two tabs, two stops crossed
    ])
    assert shape(doc) == [[
        ["OBIETTIVO STRATEGICO 1.1: SVILUPPO", "2024", "2025", "2026"],
        ["Indicatore 1: Partecipazione al CSS e ad iniziative correlate", "SI", "SI", "SI"],
        ["Indicatore 2: una riga breve", "", "100%"],
    ]]
    assert all(b.origin == "tabs" for b in doc.blocks if isinstance(b, Table))


def test_a_row_wrapped_at_a_space_and_at_a_tab_is_one_row(tmp_path: Path) -> None:
    long_title = ("Indicatore 3: Realizzazione di iniziative di promozione delle attività di composizione "
                  "negoziata, in ottica di prevenzione della crisi d'impresa")
    doc = read(tmp_path, [f"{long_title}\tSI\tSI\tSI", "Indicatore 4: dopo\t100%"])
    assert shape(doc) == [[[long_title, "SI", "SI", "SI"], ["Indicatore 4: dopo", "100%"]]]


def test_text_lines_end_where_the_text_did_not_where_the_geometry_allows_a_wrap(tmp_path: Path) -> None:
    # the first line ends close enough to the margin that its next word would not have fitted: only
    # the missing hanging space says it was a line of its own
    first = "Centro di responsabilita DIRIGENTE AREA PROMOZIONE E REGOLAZIONE DEL MERCATO"
    wrapped = "Una frase lunga che non sta in una sola riga della pagina stampata e va a capo da sola."
    doc = read(tmp_path, [first, "Bilancio 2020:", wrapped])
    assert shape(doc) == [first, "Bilancio 2020:", wrapped]


def test_a_line_between_rows_is_a_row_whose_trailing_tabs_the_print_hid(tmp_path: Path) -> None:
    doc = read(tmp_path, [
        "Descrizione\tTipo\tValore",
        "Ob. Operativo 2024_01_01_01\t\t",  # trailing tabs: nothing to see
        "Attuazione del bando\tOPERATIVO\t4",
        "",
        "Un paragrafo tra due tabelle.",
        "",
        "Descrizione\tTipo\tValore",
    ])
    assert shape(doc) == [
        [["Descrizione", "Tipo", "Valore"], ["Ob. Operativo 2024_01_01_01"],
         ["Attuazione del bando", "OPERATIVO", "4"]],
        "Un paragrafo tra due tabelle.",
        [["Descrizione", "Tipo", "Valore"]],
    ]


TYPED = sorted(p.stem.removesuffix("_typed") for p in SAMPLES.glob("*_typed.pdf"))


@pytest.mark.parametrize("stem", TYPED)
def test_a_sample_printed_from_its_text_reads_within_005_of_the_text(stem: str) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    text = compare(expected, extract_file(SAMPLES / f"{stem}.txt").to_dict())
    printed = compare(expected, extract_file(SAMPLES / f"{stem}_typed.pdf").to_dict())
    for measure in ("objectives_f1", "indicators_f1", "fields"):
        assert getattr(printed, measure) >= getattr(text, measure) - 0.05, (measure, printed.problems[:10])


def _widths(*runs: tuple[str, float, int]) -> Glyphs:
    """Glyphs one after the other: (text, width, how many) per run."""
    texts = [text for text, _, n in runs for _ in range(n)]
    widths = [width for _, width, n in runs for _ in range(n)]
    x0 = [10.0 * k for k in range(len(texts))]
    x1 = [x + w for x, w in zip(x0, widths, strict=True)]
    n = len(texts)
    return Glyphs(texts, x0, x1, [0.0] * n, [10.0] * n, [10.0] * n, [False] * n, [True] * n)


def test_the_pitch_is_the_commonest_width_to_a_tenth_of_a_point() -> None:
    assert fixed_pitch(_widths(("a", 6.0, 95), (" ", 6.0, 3), ("W", 9.0, 2))) == 6.0
    assert fixed_pitch(_widths(("a", 6.0, 95), ("W", 9.0, 5))) is None  # no space drawn
    assert fixed_pitch(_widths(("a", 6.0, 90), (" ", 6.0, 3), ("W", 9.0, 7))) is None  # 7% off the pitch
    # no exact width is that of 95% of the glyphs: widths within 2% of the commonest count with it
    assert fixed_pitch(_widths(("a", 6.0, 30), (" ", 6.0, 10), ("b", 6.04, 30), ("c", 6.1, 28), ("W", 9.0, 2))) == 6.0
    assert fixed_pitch(_widths(("a", 6.04, 40), (" ", 6.0, 10), ("b", 6.1, 50))) == 6.0  # a tie: the first used
    assert fixed_pitch(_widths(("a", 6.0, 20), (" ", 4.0, 20), ("W", 9.0, 60))) is None  # the first glyphs tell
