"""Layout evidence on Lines: font size, bold and declared heading level, from Word and PDF.

Documents whose headings carry no level words ("Area", "Obiettivo") are told apart only by font
size and weight; the readers hand that evidence on. Word files are built with python-docx, PDFs
written by hand with the standard Helvetica and Helvetica-Bold (no embedding needed), so each test
controls exactly how every line is set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from pdfminer.fontmetrics import FONT_METRICS

from conftest import sample
from layouts.pdfwrite import PAGE_H, PAGE_W, assemble, escape
from relazione.readers import read_document
from relazione.readers.blocks import Document, Line, Provenance


def lines(doc: Document) -> list[Line]:
    return [b for b in doc.blocks if isinstance(b, Line)]


def save(word, tmp_path: Path, name: str = "doc.docx") -> Document:  # noqa: ANN001
    path = tmp_path / name
    word.save(path)
    return read_document(path)


# -- Word: fonts -------------------------------------------------------------------------------------
def _add(word, text: str, size: float | None = None, bold: bool | None = None):  # noqa: ANN001, ANN202
    paragraph = word.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size is not None:
        run.font.size = Pt(size)
    return paragraph


@pytest.fixture(scope="module")
def fonts_only(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """Headings set by hand in bold 16 pt and bold 13 pt, body 11 pt: no heading style anywhere."""
    word = WordDocument()
    _add(word, "Sostegno alle imprese", 16, True)
    _add(word, "Digitalizzazione", 13, True)
    _add(word, "Il progetto ha coinvolto 120 imprese del territorio.", 11)
    mixed = _add(word, "Nota: ", 11, True)
    mixed.add_run("il dato è provvisorio.").font.size = Pt(11)
    _add(word, "Testo con la dimensione del documento.")  # no run size: the default style's
    return save(word, tmp_path_factory.mktemp("fonts"))


def test_word_headings_set_by_hand_carry_their_size_and_weight(fonts_only: Document) -> None:
    got = [(ln.text, ln.font_size, ln.bold, ln.style_level) for ln in lines(fonts_only)]
    assert got == [
        ("Sostegno alle imprese", 16.0, True, None),
        ("Digitalizzazione", 13.0, True, None),
        ("Il progetto ha coinvolto 120 imprese del territorio.", 11.0, False, None),
        ("Nota: il dato è provvisorio.", 11.0, False, None),  # a bold lead-in is no bold line
        ("Testo con la dimensione del documento.", 11.0, False, None),  # python-docx's default: 11 pt
    ]
    assert fonts_only.body_font_size() == 11.0


def test_word_size_and_bold_come_through_the_style_chain(tmp_path: Path) -> None:
    word = WordDocument()
    section = word.styles.add_style("Sezione", WD_STYLE_TYPE.PARAGRAPH)
    section.base_style = word.styles["Normal"]
    section.font.bold, section.font.size = True, Pt(14)
    sub = word.styles.add_style("Sottosezione", WD_STYLE_TYPE.PARAGRAPH)
    sub.base_style = section
    sub.font.size = Pt(12)  # bold inherited from Sezione
    strong = word.styles.add_style("Forte", WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    word.add_paragraph("Area uno", style="Sezione")
    word.add_paragraph("Ambito uno", style="Sottosezione")
    word.add_paragraph().add_run("Tutto in stile forte", style="Forte")
    plain = word.add_paragraph("Testo", style="Sottosezione")
    plain.runs[0].bold = False  # the run's own formatting wins over its style's
    got = [(ln.text, ln.font_size, ln.bold) for ln in lines(save(word, tmp_path))]
    assert got == [("Area uno", 14.0, True), ("Ambito uno", 12.0, True),
                   ("Tutto in stile forte", 11.0, True), ("Testo", 12.0, False)]


# -- Word: outline levels ---------------------------------------------------------------------------
def _outline(element, level: int) -> None:  # noqa: ANN001
    """Set w:outlineLvl on a paragraph's or a style's pPr."""
    ppr = element.get_or_add_pPr()
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(level))
    ppr.append(lvl)


def test_word_outline_levels_on_plain_paragraphs_are_style_levels(tmp_path: Path) -> None:
    word = WordDocument()
    for text, level in (("Prima parte", 0), ("Capitolo", 1), ("Corpo dichiarato", 9)):
        _outline(word.add_paragraph(text)._p, level)
    styled = word.styles.add_style("Titoletto", WD_STYLE_TYPE.PARAGRAPH)
    _outline(styled.element, 2)
    word.add_paragraph("Dal suo stile", style="Titoletto")
    word.add_paragraph("Testo normale")
    word.add_heading("Titolo con stile", level=2)  # the heading style still says 2
    got = [(ln.text, ln.style_level) for ln in lines(save(word, tmp_path))]
    assert got == [("Prima parte", 1), ("Capitolo", 2), ("Corpo dichiarato", None), ("Dal suo stile", 3),
                   ("Testo normale", None), ("Titolo con stile", 2)]


# -- PDF --------------------------------------------------------------------------------------------

def make_pdf(items: list[tuple[float, float, str, float, bool]]) -> bytes:
    """A one-page PDF: each item (x, y-from-top, text, size, bold) in Helvetica or Helvetica-Bold."""
    ops = (f"BT /{'F2' if bold else 'F1'} {size:g} Tf {x:.1f} {PAGE_H - y:.1f} Td ({escape(t)}) Tj ET\n"
           for x, y, t, size, bold in items)
    return assemble(["".join(ops)])


def read_pdf_items(tmp_path: Path, items: list[tuple[float, float, str, float, bool]]) -> Document:
    path = tmp_path / "doc.pdf"
    path.write_bytes(make_pdf(items))
    return read_document(path)


def wrap(text: str, size: float, width: float = PAGE_W - 100) -> list[str]:
    """Greedy line breaking in Helvetica, as a word processor breaks a paragraph between margins
    of 50 pt: each line but the last is full, the next word would not have fitted."""
    advance = FONT_METRICS["Helvetica"][1]
    out: list[str] = []
    for word in text.split():
        trial = f"{out[-1]} {word}" if out else word
        if out and sum(advance.get(c, 556) for c in trial) * size / 1000 <= width:
            out[-1] = trial
        else:
            out.append(word)
    return out


BODY = wrap("La Camera di commercio ha sostenuto la competitività delle imprese del territorio con bandi dedicati "
            "alla digitalizzazione, alla transizione ecologica e all'internazionalizzazione delle piccole e medie "
            "imprese della provincia, con servizi di accompagnamento e formazione.", 10)


def test_a_pdf_bold_large_heading_and_its_body_are_separate_lines(tmp_path: Path) -> None:
    items = [(50, 80, "Sostegno alle imprese", 16, True)]
    items += [(50, 110 + 12 * i, text, 10, False) for i, text in enumerate(BODY)]
    doc = read_pdf_items(tmp_path, items)
    got = [(ln.text, ln.font_size, ln.bold) for ln in lines(doc)]
    assert got == [("Sostegno alle imprese", 16.0, True), (" ".join(BODY), 10.0, False)]  # the body joined
    assert doc.body_font_size() == 10.0
    assert lines(doc)[1].prov == Provenance(1, 2)  # a joined paragraph is where its first line is


@pytest.mark.parametrize("bold", [True, False])
def test_a_pdf_heading_in_body_size_is_kept_apart_by_its_weight_alone(tmp_path: Path, bold: bool) -> None:
    """A heading as long as a full body line: by geometry alone the line after it continues it."""
    heading, body = wrap("Obiettivo strategico: sostenere la competitività delle imprese del territorio "
                         "provinciale attraverso bandi e servizi dedicati.", 11.5)
    items = [(50, 80, heading, 11.5, bold), (50, 94, body, 11.5, False)]
    got = [(ln.text, ln.bold) for ln in lines(read_pdf_items(tmp_path, items))]
    if bold:
        assert got == [(heading, True), (body, False)]
    else:  # the control: set alike, the two are one paragraph
        assert got == [(f"{heading} {body}", False)]


def test_a_pdf_line_mostly_in_one_size_has_that_size(tmp_path: Path) -> None:
    """A footnote mark in a smaller size (its own word) does not make the line small."""
    items = [(50, 80, "Risultato raggiunto nel primo semestre", 10, False), (232, 77, "1", 6, False)]
    (line,) = lines(read_pdf_items(tmp_path, items))
    assert line.text.startswith("Risultato raggiunto") and line.font_size == 10.0 and line.bold is False


# -- real samples -----------------------------------------------------------------------------------
def test_the_readers_give_font_evidence_on_the_samples() -> None:
    word = read_document(sample("brescia_piao_2024_semestrale.docx"))
    assert all(ln.font_size is not None for ln in lines(word))
    assert word.body_font_size() is not None
    pdf = read_document(sample("tables_split_across_pages.pdf"))
    assert lines(pdf) and all(ln.font_size is not None and ln.bold is not None for ln in lines(pdf))


def test_plain_text_has_no_font_evidence(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("AREA STRATEGICA 1\nTesto\n", encoding="utf-8")
    doc = read_document(path)
    assert all(ln.font_size is None and ln.bold is None for ln in lines(doc))
    assert doc.body_font_size() is None
