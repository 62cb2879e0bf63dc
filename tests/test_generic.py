"""The generic profile on documents of chambers no family profile knows (tests/data/generic/).

Each document is written in a layout real chambers use (tab dumps with an overview table, markdown
PIAO with pipe tables, column-aligned monitoring, an OCR'd PIRA with key-value indicator sheets,
single-line headings with numbered rows) and has hand-written expected records beside it
(``NAME.expected.json``). Extraction runs through the normal pipeline with automatic detection.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare import compare
from relazione.extract.detect import choose_profile
from relazione.extract.generic.walk import extract
from relazione.extract.pipeline import extract_file
from relazione.extract.profiles import get_profile
from relazione.readers import read_document
from relazione.readers.blocks import Document, Line, Provenance

DATA = Path(__file__).resolve().parent / "data" / "generic"
DOCUMENTS = sorted(p.name.removesuffix(".expected.json") for p in DATA.glob("*.expected.json"))


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    return {name: extract_file(DATA / f"{name}.txt").to_dict() for name in DOCUMENTS}


def _expected(name: str) -> dict:
    return json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))


def test_there_are_generic_documents() -> None:
    assert len(DOCUMENTS) >= 5


@pytest.mark.parametrize("name", DOCUMENTS)
def test_unknown_chambers_are_read_with_the_generic_profile(name: str, extracted: dict[str, dict]) -> None:
    assert extracted[name]["source"]["profile"] == "generic"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_generic_extraction_matches_the_expected_records(name: str, extracted: dict[str, dict]) -> None:
    result = compare(_expected(name), extracted[name])
    assert result.objectives_f1 == 1.0, result.problems
    assert result.indicators_f1 == 1.0, result.problems
    assert result.fields == 1.0, result.problems


@pytest.mark.parametrize("name", DOCUMENTS)
def test_objective_fields_and_report_metadata(name: str, extracted: dict[str, dict]) -> None:
    expected = _expected(name)["reports"][0]
    (report,) = extracted[name]["reports"]
    for key in ("ente", "kind", "year", "reference_date"):
        if key in expected:
            assert report[key] == expected[key], key
    got = {(o["level"], o["code"] or o["title"]): o for o in report["objectives"]}
    for e in expected["objectives"]:
        o = got[(e["level"], e["code"] or e["title"])]
        for key in ("parent", "weight", "score", "status", "responsible"):
            if key in e:
                assert o[key] == e[key], (e["code"], key)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_indicator_metadata_fields(name: str, extracted: dict[str, dict]) -> None:
    (report,) = extracted[name]["reports"]
    got = {(i["objective"], i["n"]): i for i in report["indicators"]}
    for e in _expected(name)["reports"][0]["indicators"]:
        for key in ("type", "unit", "algorithm", "source"):
            if key in e:
                assert got[(e["objective"], e["n"])][key] == e[key], (e["objective"], e["n"], key)


def test_running_text_mentioning_an_objective_opens_none(extracted: dict[str, dict]) -> None:
    # "Nel corso dell'anno l'obiettivo operativo 1.1.2 è stato rimodulato ..." precedes the real 1.1.2 sheet
    (report,) = extracted["lecco_relazione_tabs"]["reports"]
    titles = [o["title"] for o in report["objectives"] if o["code"] == "1.1.2"]
    assert titles == ["Voucher per la digitalizzazione"]


def test_overview_rows_give_way_to_the_detail_sheet_title(extracted: dict[str, dict]) -> None:
    (report,) = extracted["lecco_relazione_tabs"]["reports"]
    area = next(o for o in report["objectives"] if o["level"] == "area" and o["code"] == "1")
    assert area["title"] == "COMPETITIVITÀ DELLE IMPRESE DEL TERRITORIO"
    assert len([o for o in report["objectives"] if o["code"] == "1"]) == 1


def test_yearly_target_columns_give_the_report_years_target(extracted: dict[str, dict]) -> None:
    """ "Target 2024 | Target 2025 | Target 2026" in a 2025 report: the 2025 column is the target, the
    others go to ``targets`` by year; a table whose first year is the report year keeps it too."""
    expected = {(i["objective"], i["n"]): (i["target"], i["targets"])
                for i in _expected("pordenone_udine_monitoraggio_target_triennali")["reports"][0]["indicators"]}
    (report,) = extracted["pordenone_udine_monitoraggio_target_triennali"]["reports"]
    assert {(i["objective"], i["n"]): (i["target"], i["targets"]) for i in report["indicators"]} == expected
    (sassari,) = extracted["sassari_piao_markdown"]["reports"]
    assert [(i["target"], i["targets"]) for i in sassari["indicators"] if i["objective"] == "1.2.1"] == [
        ("≥ 4", {"2025": "≥ 5"}), ("≥ 50", {"2025": "≥ 60"})]


def test_integra_label_rows_in_a_markdown_relazione(extracted: dict[str, dict]) -> None:
    """ "Obiettivo strategico | OS 1.1 - Titolo (Peso: 100,00%)" label rows, score and verdict rows, and
    indicator rows coded under their objective ("OS 1.1 - Kpi 1 ...") that are no headings."""
    name = "mantova_relazione_integra_markdown"
    (report,) = extracted[name]["reports"]
    assert len([o for o in report["objectives"] if o["code"] == "1.1"]) == 1
    got = {(i["objective"], i["n"]): (i["code"], i["name"], i["weight"], i["type"]) for i in report["indicators"]}
    for e in _expected(name)["reports"][0]["indicators"]:
        assert got[(e["objective"], e["n"])] == (e["code"], e["name"], e["weight"], e["type"])


def test_objectives_without_a_code(extracted: dict[str, dict]) -> None:
    """ "Obiettivo strategico: Titolo", "Obiettivo operativo – Titolo" and a two-cell row: code null, the
    parent by position (its title); the overview table header and the prose mentioning "Obiettivo
    operativo" open nothing."""
    (report,) = extracted["chieti_pescara_relazione_senza_codici"]["reports"]
    expected = _expected("chieti_pescara_relazione_senza_codici")["reports"][0]["objectives"]
    assert [(o["level"], o["code"], o["title"], o["parent"]) for o in report["objectives"]] == [
        (e["level"], e["code"], e["title"], e["parent"]) for e in expected]


def test_codeless_heading_rules_reject_header_rows_and_prose() -> None:
    doc = _doc("Obiettivo strategico: Digitalizzazione (Peso: 40%)", "obiettivo operativo: da definire",
               "Obiettivo operativo della sezione è dare conto dei risultati.", "Obiettivo operativo: Indicatori",
               "Obiettivo strategico: Digitalizzazione")
    (report,) = extract(doc, get_profile("generic")).reports
    assert [(o.level, o.code, o.title, o.weight) for o in report.objectives] == [
        ("strategic", None, "Digitalizzazione", 40.0)]


def test_codeless_objective_named_again_is_one_record_only_under_the_same_parent() -> None:
    doc = _doc("Obiettivo strategico: Digitalizzazione", "Obiettivo operativo: Progetti finanziati",
               "Obiettivo strategico: Turismo", "Obiettivo operativo: Progetti finanziati",
               "Obiettivo strategico: Digitalizzazione (Peso: 40%)")
    (report,) = extract(doc, get_profile("generic")).reports
    assert [(o.title, o.parent, o.weight) for o in report.objectives] == [
        ("Digitalizzazione", None, 40.0), ("Progetti finanziati", "Digitalizzazione", None),
        ("Turismo", None, None), ("Progetti finanziati", "Turismo", None)]


def _doc(*lines: str) -> Document:
    return Document("mem.txt", "text", [Line(t, Provenance(None, i + 1)) for i, t in enumerate(lines)])


def test_glued_abbreviations_and_ocr_damaged_keywords_are_headings() -> None:
    doc = _doc("AS1 - Competitività", "OBIETTlVO STRATEGIC0 1.2 Internazionalizzazione", "OO1.2.1: Export")
    (report,) = extract(doc, get_profile("generic")).reports
    assert [(o.level, o.code, o.title, o.parent) for o in report.objectives] == [
        ("area", "1", "Competitività", None),
        ("strategic", "1.2", "Internazionalizzazione", "1"),
        ("operational", "1.2.1", "Export", "1.2"),
    ]


def test_bare_codes_are_headings_only_under_a_section_heading() -> None:
    doc = _doc("1.1 Premessa metodologica", "OBIETTIVI OPERATIVI", "2.1.1 Tempestività del Registro",
               "2.1.2 Mediazione e arbitrato", "Il paragrafo che segue descrive il contesto.",
               "3.1.1 Un elenco numerato del testo")
    (report,) = extract(doc, get_profile("generic")).reports
    assert [(o.level, o.code) for o in report.objectives] == [("operational", "2.1.1"), ("operational", "2.1.2")]


def test_key_value_indicator_sheet_without_values_is_not_an_indicator() -> None:
    doc = _doc("Obiettivo operativo 1.1.1 - Bandi", "Indicatore 1: Azioni di sensibilizzazione",
               "Nel primo semestre sono stati realizzati 13 eventi.", "Indicatore: Imprese finanziate",
               "Peso: 40%", "Target: >= 80", "Consuntivo: 92")
    (report,) = extract(doc, get_profile("generic")).reports
    assert [(i.name, i.weight, i.target, i.actual) for i in report.indicators] == [
        ("Imprese finanziate", 40.0, ">= 80", "92")]
    assert report.objectives[0].weight is None  # the indicator's "Peso" is not the objective's


def test_weights_stated_in_heading_titles() -> None:
    doc = _doc("Obiettivo strategico 2.1 – Qualità dei servizi (Peso: 30%)",
               "Obiettivo operativo 2.1.1 - Tempi certi - peso obiettivo: 45")
    (report,) = extract(doc, get_profile("generic")).reports
    assert [(o.title, o.weight) for o in report.objectives] == [("Qualità dei servizi", 30.0), ("Tempi certi", 45.0)]


def test_a_word_document_of_an_unknown_chamber(tmp_path: Path) -> None:
    """The same structure as a Word file: heading paragraphs and a real table."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Camera di Commercio di Como")
    document.add_paragraph("Relazione sulla performance 2023")
    document.add_heading("Obiettivo strategico 1.1 – Sostenere la digitalizzazione delle imprese", level=2)
    document.add_heading("Obiettivo operativo 1.1.1 – Servizi del Punto Impresa Digitale", level=3)
    table = document.add_table(rows=3, cols=4)
    for r, cells in enumerate([("Indicatore", "Peso", "Target", "Consuntivo"),
                               ("Assessment digitali realizzati", "60%", ">= 100", "112"),
                               ("Eventi formativi organizzati", "40%", ">= 10", "9")]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    path = tmp_path / "como.docx"
    document.save(path)
    records = extract_file(path)
    assert records.source.profile == "generic"
    (report,) = records.reports
    assert (report.ente, report.kind, report.year) == ("Camera di Commercio di Como", "relazione", 2023)
    assert [(o.level, o.code, o.parent) for o in report.objectives] == [
        ("strategic", "1.1", None), ("operational", "1.1.1", "1.1")]
    assert [(i.objective, i.name, i.weight, i.target, i.actual) for i in report.indicators] == [
        ("1.1.1", "Assessment digitali realizzati", 60.0, ">= 100", "112"),
        ("1.1.1", "Eventi formativi organizzati", 40.0, ">= 10", "9")]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_detection_chooses_generic(name: str) -> None:
    assert choose_profile(read_document(DATA / f"{name}.txt")).name == "generic"
