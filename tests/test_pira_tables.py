"""The pira_tables family on the PIRA sheets of the ex CCIAA Cremona (merged 2024 Relazione, D.P.C.M. 18/9/2012)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import sample
from merged_2024 import MERGED, extract_part, indicators_of, objective
from relazione.extract.engine import run_profile, split_parts
from relazione.extract.profiles import get_profile
from relazione.readers import read_document
from relazione.records.model import Report


@pytest.fixture(scope="module")
def extracted() -> tuple[Report, list]:
    return extract_part("cremona_pira")


@pytest.fixture(scope="module")
def report(extracted) -> Report:
    return extracted[0]



def test_one_strategic_objective_per_sheet_with_its_code_row(report):
    assert [(o.level, o.code, o.parent) for o in report.objectives] == [
        ("strategic", "011-005-001", None), ("strategic", "012-004-001", None), ("strategic", "016-005-001", None),
        ("strategic", "032-002-001", None), ("strategic", "032-003-001", None)]
    title = objective(report, "011-005-001").title
    assert title == "Innovazione, competitività del territorio e sviluppo del capitale umano"
    assert objective(report, "011-005-001").provenance.line == 665  # the Obiettivo | Titolo row


def test_sheet_rows_fill_the_objective_fields(report):
    obj = objective(report, "032-003-001")
    assert obj.mission == "032 - Servizi istituzionali e generali delle amministrazioni pubbliche"
    assert obj.programme == "003 - Servizi e affari generali per le amministrazioni di competenza"
    assert (obj.responsible, obj.resources) == ("Area 2", "€. 2.825.445,74")
    assert obj.description == "Razionalizzazione delle spese di funzionamento e aggiornamento del personale"
    assert obj.narrative == {"arco_temporale": "Triennio 2024-2026"}


def test_indicators_per_sheet_match_the_stated_count(extracted):
    report, warnings = extracted
    counts = [len(indicators_of(report, o.code)) for o in report.objectives]
    assert counts == [4, 3, 1, 2, 1]
    assert not [w for w in warnings if w.code == "indicator_count"]


def test_value_row_maps_by_header(report):
    ind = indicators_of(report, "011-005-001")[0]
    assert ind.name == "N. imprese assistite per la digitalizzazione e l'adozione di tecnologie 4.0 nell'anno"
    assert ind.description.startswith("Coinvolgimento delle imprese in attività di assistenza")
    assert (ind.type, ind.unit, ind.source) == (
        "Strategico", "Grado di coinvolgimento delle imprese in termini assoluti", "Osservatorio camerale / Movimprese")
    assert ind.target == "=>1,00"
    assert ind.actual == "1,31% equivalente a 325 imprese coinvolte/ 24.749 imprese attive)"


def test_n_plus_one_and_two_become_target_years(report):
    assert indicators_of(report, "011-005-001")[0].targets == {"2025": "=>1,00", "2026": "=>1,00"}
    assert indicators_of(report, "011-005-001")[2].targets == {"2025": "idem", "2026": "idem"}  # kept raw
    assert indicators_of(report, "032-002-001")[0].targets == {}  # empty cells omitted


def test_observed_value_of_the_report_year_is_the_result(report):
    (ind,) = indicators_of(report, "032-003-001")
    assert ind.actual == "21,97% al 31.12.2023 20,84 al 18/11/2024"
    assert ind.baseline is None


def test_further_measure_row_is_a_labelled_target_of_the_same_indicator(extracted):
    report, warnings = extracted
    second = indicators_of(report, "032-002-001")[1]
    assert second.targets == {"Eventuale contenzioso": "Assenza di contenzioso diretto"}
    assert second.actual == "Tutti gli atti previsti sono stati adottati nei termini di legge"
    assert [w.provenance.line for w in warnings if w.code == "extra_measure"] == [744]


def test_template_sheets_without_title_are_skipped_with_a_warning(extracted):
    report, warnings = extracted
    assert not any(o.code is None or o.title == "0" for o in report.objectives)
    assert [w.provenance.line for w in warnings if w.code == "empty_sheet"] == [762, 771]


def test_report_year_from_the_target_column_header(report):
    assert (report.kind, report.year) == ("pira", 2024)
    assert report.title == "Piano degli indicatori e dei risultati attesi di bilancio"


def test_missions_and_programmes_become_parents_when_the_profile_asks():
    doc = read_document(sample(MERGED))
    part, sub = next((p, s) for p, s in split_parts(doc, get_profile("cremona_mantova_pavia_2024"))
                     if p.profile == "cremona_pira")
    profile = get_profile(part.profile)
    settings = {**profile.settings, "mission_level": "area", "programme_level": "strategic",
                "objective_level": "operational"}
    (report,) = run_profile(sub, replace(profile, settings=settings)).reports
    areas = [(o.code, o.title) for o in report.objectives if o.level == "area"]
    assert areas == [("011", "Competitività delle imprese"), ("012", "Regolazione dei mercati"),
                     ("016", "Commercio internazionale ed internazionalizzazione del sistema produttivo"),
                     ("032", "Servizi istituzionali e generali delle amministrazioni pubbliche")]
    programmes = [(o.code, o.parent) for o in report.objectives if o.level == "strategic"]
    assert programmes == [("011-005", "011"), ("012-004", "012"), ("016-005", "016"), ("032-002", "032"),
                          ("032-003", "032")]
    assert objective(report, "011-005-001").parent == "011-005"


def test_pira_part_of_a_composite_is_dated_like_the_chamber_report_before_it():
    from relazione.extract.engine import run_composite

    doc = read_document(sample(MERGED))
    reports = run_composite(doc, get_profile("cremona_mantova_pavia_2024")).reports
    relazione, pira = (next(r for r in reports if r.ente == "Camera di Commercio di Cremona" and r.kind == kind)
                       for kind in ("relazione", "pira"))
    assert (pira.year, pira.reference_date) == (relazione.year, relazione.reference_date) == (2024, "2024-11-14")
