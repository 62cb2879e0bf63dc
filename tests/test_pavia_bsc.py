"""The Balanced Scorecard family on the ex CCIAA Pavia part of the merged 2024 Relazione (annex tables A and B)."""

from __future__ import annotations

import pytest

from merged_2024 import extract_part, indicators_of, objective
from relazione.records.model import Objective, Report


@pytest.fixture(scope="module")
def extracted() -> tuple[Report, list]:
    return extract_part("pavia_bsc")


@pytest.fixture(scope="module")
def report(extracted) -> Report:
    return extracted[0]


def operational(report: Report, title_start: str) -> list[Objective]:
    return [o for o in report.objectives if o.level == "operational" and o.title.startswith(title_start)]


def test_counts_per_level(report):
    levels = [o.level for o in report.objectives]
    assert (levels.count("area"), levels.count("strategic"), levels.count("operational")) == (4, 9, 31)
    assert len(report.indicators) == 55


def test_extraction_raises_no_warnings(extracted):
    assert extracted[1] == []


def test_report_metadata(report):
    assert (report.kind, report.year, report.reference_date) == ("relazione", 2024, "2024-12-31")


def test_summary_holds_ente_prospettive_and_units(report):
    assert report.summary["PERFORMANCE DI ENTE"] == "100%"
    assert report.summary["PROSP. 2: PROCESSI INTERNI"] == "100%"
    assert report.summary["Servizio Registro Imprese"] == "100%"
    assert len(report.summary) == 14


def test_prospettive_are_the_areas(report):
    areas = [o for o in report.objectives if o.level == "area"]
    assert [(a.code, a.title, a.score) for a in areas][1] == ("2", "PROCESSI INTERNI", 100.0)
    assert [a.code for a in areas] == ["1", "2", "3", "4"]


def test_strategic_titles_come_from_annex_b(report):
    title = "RAFFORZARE IL PROCESSO DI INTERNAZIONALIZZAZIONE DEL SISTEMA IMPRENDITORIALE"
    assert objective(report, "1.1").title == title
    assert objective(report, "1.2").title.startswith("FAR CRESCERE")  # "1.2 TITLE": no dash


def test_strategic_title_wrapped_over_a_page_break_is_joined(report):
    os21 = objective(report, "2.1")
    assert os21.title == ("MIGLIORARE L'EFFICIENZA DELLA STRUTTURA E ASSICURARE UN ADEGUATO LIVELLO DI EFFICACIA "
                          "DEI SERVIZI")
    assert os21.parent == "2"


def test_rows_without_strategic_code_belong_to_their_prospettiva(report):
    assert len(indicators_of(report, "2")) == 3


def test_kpi_name_continued_after_page_break(report):
    last = indicators_of(report, "1.1")[-1]
    assert last.name.endswith("delle imprese partecipanti a incontri d'affari fra buyer esteri - Paviaviluppo")
    assert last.provenance.line == 1926


def test_group_continued_after_page_break(report):
    assert len(indicators_of(report, "4.1")) == 4


def test_note_gives_baseline_and_verdict(report):
    first, second = indicators_of(report, "1.1")[:2]
    assert (first.baseline, first.target, first.actual) == ("81", "≥ 50", "51")
    assert (second.baseline, second.actual) == ("ND", None)
    assert second.status.startswith("NON VALUTABILE")
    assert indicators_of(report, "1.6")[0].baseline == "3,4"


def test_operational_row_is_one_objective_with_one_indicator(report):
    (oo,) = operational(report, "Ampiezza dell'attività di assessment")
    assert (oo.code, oo.parent, oo.score) == (None, "1.2", 100.0)
    (ind,) = indicators_of(report, oo.title)
    assert (ind.target, ind.actual) == ("≥ 80", "355")


def test_not_assessable_verdict_from_continued_note(report):
    (oo,) = operational(report, "Sostenere le mpmi pavese in materia di formazione lavoro")
    assert oo.score is None
    assert oo.status == "Non valutabile per carenza di domande non imputabile all'Ufficio istruttore"
    assert indicators_of(report, oo.title)[0].target == "≥ 80% ≥ 50%"


def test_eliminated_objective_keeps_its_verdict_and_no_result(report):
    (oo,) = operational(report, "Grado di soddisfazione del personale")
    assert oo.score is None and oo.status.startswith("Obiettivo eliminato")
    assert indicators_of(report, oo.title)[0].actual is None


def test_raw_multi_value_target_is_kept(report):
    (oo,) = operational(report, "N. corsi, webinar")
    assert indicators_of(report, oo.title)[0].target == "≥ 20 CCIAA ≥ 18 PVS"


def test_per_unit_tables_are_not_read(report):
    assert max(o.provenance.line for o in report.objectives) <= 2012
    assert len(operational(report, "Realizzazione progetti finanziati con risorse camerali")) == 4
