"""A PIRA read by the generic engine (generic.toml ``[kinds.pira]``): its objectives are one level,
classified by mission and programme, and its indicator sheets put the values in a small table under the
name. Documents written here in the national form, as text and as Word tables."""

from __future__ import annotations

from pathlib import Path

from relazione.extract.engine import extract
from relazione.extract.profiles import get_profile
from relazione.readers import read_document
from relazione.records.model import Report

HEADER = ["Tipologia", "Unità di misura", "Algoritmo di calcolo", "Fonte dei dati", "Risultato atteso anno 2025",
          "Risultato conseguito", "Risultato atteso anno n+1", "Risultato atteso anno n+2"]
SHEETS = [
    ("021", "Tutela del lavoro", "007", "Sicurezza nei cantieri", "021-007-001", "Cantieri sicuri",
     [("Ispezioni svolte", "Numero di ispezioni", ">= 40", "52", ">= 45", ">= 50"),
      ("Tempo medio di verbale", "Giorni medi", "<= 15 gg", "12 gg", "<= 14 gg", "<= 13 gg")]),
    ("021", "Tutela del lavoro", "009", "Formazione degli addetti", "021-009-001", "Addetti formati",
     [("Corsi erogati", "Numero di corsi", "10", "11", "idem", "idem")]),
]


def _rows() -> list[list[str]]:
    rows = [["Piano degli indicatori e dei risultati attesi di bilancio 2025"],
            ["Camera di Commercio di Valdimare"],
            ["Missione", "021", "Tutela del lavoro"], ["Programma", "007", "Sicurezza nei cantieri", "009",
                                                        "Formazione degli addetti"],
            ["Obiettivi", "021-007-001", "Cantieri sicuri", "021-009-001", "Addetti formati"]]
    for mission, m_title, programme, p_title, code, title, indicators in SHEETS:
        rows += [["Missione", f"{mission} - {m_title}", ""], ["Programma", f"{programme} - {p_title}", ""],
                 ["Obiettivo", "Titolo", title], ["", "Centro di responsabilità", "Area Servizi"], [code, "", ""],
                 ["", "Nr indicatori associati", str(len(indicators))]]
        for name, measures, target, actual, next1, next2 in indicators:
            rows += [["Indicatore", name, ""], ["Cosa misura", measures, ""], HEADER,
                     ["Strategico", "Numero", measures, "Interna", target, actual, next1, next2]]
    return rows


def _read(path: Path) -> Report:
    (report,) = extract(read_document(path), get_profile("generic")).reports
    return report


def _check(report: Report) -> None:
    assert report.kind == "pira"
    assert [(o.level, o.code, o.title, o.parent) for o in report.objectives] == [
        ("strategic", "021-007-001", "Cantieri sicuri", None), ("strategic", "021-009-001", "Addetti formati", None)]
    first = report.objectives[0]
    assert (first.mission, first.programme) == ("021 - Tutela del lavoro", "007 - Sicurezza nei cantieri")
    assert report.objectives[1].programme == "009 - Formazione degli addetti"
    got = [(i.objective, i.n, i.name, i.description, i.type, i.target, i.actual, i.targets)
           for i in report.indicators]
    assert got == [
        ("021-007-001", 1, "Ispezioni svolte", "Numero di ispezioni", "Strategico", ">= 40", "52",
         {"2026": ">= 45", "2027": ">= 50"}),
        ("021-007-001", 2, "Tempo medio di verbale", "Giorni medi", "Strategico", "<= 15 gg", "12 gg",
         {"2026": "<= 14 gg", "2027": "<= 13 gg"}),
        ("021-009-001", 1, "Corsi erogati", "Numero di corsi", "Strategico", "10", "11",
         {"2026": "idem", "2027": "idem"})]


def test_pira_missions_and_programmes_classify_the_objectives_of_a_tab_separated_sheet(tmp_path: Path) -> None:
    path = tmp_path / "valdimare_pira.txt"
    path.write_text("\n".join("\t".join(r) for r in _rows()) + "\n", encoding="utf-8")
    _check(_read(path))


def test_pira_sheets_in_word_tables_read_alike(tmp_path: Path) -> None:
    from docx import Document as Word

    word = Word()
    for row in _rows():
        if len(row) == 1:
            word.add_paragraph(row[0])
            continue
        table = word.add_table(rows=1, cols=len(row))
        for cell, text in zip(table.rows[0].cells, row, strict=True):
            cell.text = text
    path = tmp_path / "valdimare_pira.docx"
    word.save(str(path))
    _check(_read(path))


def test_a_pira_whose_programmes_continue_the_mission_code_keeps_them_as_levels(tmp_path: Path) -> None:
    path = tmp_path / "collina_pira.txt"
    path.write_text("\n\n".join([
        "Piano degli indicatori e dei risultati attesi di bilancio 2025", "Camera di Commercio di Collina",
        "Missione 021 - Tutela del lavoro", "Programma 021-007 - Sicurezza nei cantieri",
        "Obiettivo operativo 021-007-001 - Cantieri sicuri",
        "Indicatore\tTarget\tConsuntivo\nIspezioni svolte\t>= 40\t52"]) + "\n", encoding="utf-8")
    report = _read(path)
    assert [(o.level, o.code, o.parent) for o in report.objectives] == [
        ("area", "021", None), ("strategic", "021-007", "021"), ("operational", "021-007-001", "021-007")]
    assert report.objectives[2].mission is None


def test_missione_and_programma_rows_classify_only_in_a_pira(tmp_path: Path) -> None:
    path = tmp_path / "collina_piano.txt"
    path.write_text("\n\n".join([
        "Piano della Performance 2025-2027", "Camera di Commercio di Collina",
        "Missione 021 - Tutela del lavoro", "Obiettivo strategico 021.1 - Cantieri sicuri",
        "Indicatore\tTarget\tConsuntivo\nIspezioni svolte\t>= 40\t52"]) + "\n", encoding="utf-8")
    report = _read(path)
    assert [(o.level, o.code) for o in report.objectives] == [("area", "021"), ("strategic", "021.1")]
