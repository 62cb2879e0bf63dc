"""Numbered headings without level words: the document's numbering read as the objectives' tree."""

from __future__ import annotations

from pathlib import Path

from relazione.extract.engine import extract
from relazione.extract.profiles import get_profile
from relazione.readers import read_document

DATA = Path(__file__).parent / "data" / "outline"


def _records(path: Path) -> dict:
    report = extract(read_document(path), get_profile("generic")).reports[0]
    return {
        "objectives": [(o.level, o.code, o.title, o.parent) for o in report.objectives],
        "indicators": [(i.objective, i.name, i.target, i.actual) for i in report.indicators],
    }


def test_numbers_with_indicator_tables_below_are_areas_strategic_and_operational_objectives() -> None:
    got = _records(DATA / "rovigo_relazione_numerata.txt")
    assert got["objectives"][:3] == [
        ("area", "1", "COMPETITIVITÀ DEL TERRITORIO", None),
        ("strategic", "1.1", "Sostenere lo sviluppo delle imprese", "1"),
        ("operational", "1.1.1", "Contributi alle imprese", "1.1"),
    ]
    assert [o[1] for o in got["objectives"]] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "2", "2.1", "2.1.1"]
    assert ("1.1.1", "Tempo medio di liquidazione", "<= 30 gg", "25 gg") in got["indicators"]
    assert len(got["indicators"]) == 5


def test_the_document_chapters_around_the_objectives_are_not_objectives() -> None:
    titles = [o[2] for o in _records(DATA / "rovigo_relazione_numerata.txt")["objectives"]]
    chapters = {"Presentazione", "Il contesto", "Gli obiettivi", "Albero della performance", "Conclusioni"}
    assert not chapters & set(titles)


def test_a_flat_numbered_list_is_not_an_outline(tmp_path: Path) -> None:
    doc = tmp_path / "lista.txt"
    doc.write_text(
        "Relazione sulla Performance 2024\n\n1. Premessa\nTesto.\n\n2. Risultati\n"
        "Indicatore\tPeso\tTarget\tConsuntivo\nTempo medio\t100%\t<= 30 gg\t25 gg\n\n3. Conclusioni\nFine.\n",
        encoding="utf-8")
    assert _records(doc)["objectives"] == []


def test_chapter_numbers_above_keyword_headings_stay_chapters(tmp_path: Path) -> None:
    doc = tmp_path / "capitoli.txt"
    doc.write_text(
        "3. Rendicontazione degli obiettivi\n\n3.1 Obiettivi strategici\n\n"
        "Obiettivo strategico 1.1 - Digitalizzazione\n"
        "Indicatore\tPeso\tTarget\tConsuntivo\nPratiche telematiche\t100%\t>= 90%\t95%\n\n"
        "3.2 Obiettivi operativi\n\nObiettivo operativo 1.1.1 - Fascicolo elettronico\n"
        "Indicatore\tPeso\tTarget\tConsuntivo\nFascicoli aperti\t100%\t>= 50\t60\n", encoding="utf-8")
    got = _records(doc)["objectives"]
    assert [(o[0], o[1]) for o in got] == [("strategic", "1.1"), ("operational", "1.1.1")]


def _heading_document(path: Path) -> Path:
    """Areas, strategic and operational objectives as Word Heading 1/2/3 with no code or level word,
    between chapters that hold no indicators."""
    from docx import Document as Word

    word = Word()
    word.add_paragraph("Camera di Commercio di Rovigo")
    word.add_paragraph("Relazione sulla Performance 2024")
    word.add_heading("Premessa", 1)
    word.add_paragraph("La Camera ha lavorato molto nel corso dell'anno.")
    tree = [("Competitività del territorio", "Sostenere lo sviluppo delle imprese",
             [("Contributi alle imprese", "Numero di imprese finanziate", ">= 100", "120"),
              ("Formazione per le imprese", "Ore di formazione erogate", ">= 200", "180")]),
            ("Efficienza dell'ente", "Digitalizzare i servizi",
             [("Fascicolo elettronico", "Pratiche telematiche", ">= 90%", "95%")])]
    for area, strategic, operationals in tree:
        word.add_heading(area, 1)
        word.add_heading(strategic, 2)
        for title, name, target, actual in operationals:
            word.add_heading(title, 3)
            table = word.add_table(rows=2, cols=4)
            for i, row in enumerate((("Indicatore", "Peso", "Target", "Consuntivo"), (name, "100%", target, actual))):
                for j, text in enumerate(row):
                    table.cell(i, j).text = text
    word.add_heading("Conclusioni", 1)
    word.add_paragraph("Tutto bene.")
    word.save(path)
    return path


def test_word_heading_styles_without_codes_give_the_tree(tmp_path: Path) -> None:
    got = _records(_heading_document(tmp_path / "titoli.docx"))
    assert [(o[0], o[2], o[3]) for o in got["objectives"]] == [
        ("area", "Competitività del territorio", None),
        ("strategic", "Sostenere lo sviluppo delle imprese", "Competitività del territorio"),
        ("operational", "Contributi alle imprese", "Sostenere lo sviluppo delle imprese"),
        ("operational", "Formazione per le imprese", "Sostenere lo sviluppo delle imprese"),
        ("area", "Efficienza dell'ente", None),
        ("strategic", "Digitalizzare i servizi", "Efficienza dell'ente"),
        ("operational", "Fascicolo elettronico", "Digitalizzare i servizi"),
    ]
    assert ("Fascicolo elettronico", "Pratiche telematiche", ">= 90%", "95%") in got["indicators"]
