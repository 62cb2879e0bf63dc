"""The figures a rendered document states: coverage under every headline, n.d. below the minimum, scores the
operator contradicts flagged, stated and computed verdicts both shown and coloured alike, progress at 30/6."""

from __future__ import annotations

import io

import pytest
from docx import Document

from conftest import sample
from relazione.extract.pipeline import extract_file
from relazione.records.model import Indicator, Objective, Report
from relazione.records.values import parse_value
from relazione.render.context import FILLS, ContextBuilder
from relazione.render.progress import IN_LINEA, IN_RITARDO, indicator_progress
from relazione.render.verdicts import shown_verdict, verdict_colour
from relazione.render.word import render_report
from relazione.scoring.aggregate import score_records, score_report
from relazione.scoring.methods import INTEGRA_BANDS


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


@pytest.fixture(scope="module")
def merged():
    return score_records(extract_file(sample("cremona_mantova_pavia_relazione_2024.txt")))


@pytest.fixture(scope="module")
def mantova(merged) -> Report:
    return next(r for r in merged.reports if r.ente and "Mantova" in r.ente)


@pytest.fixture(scope="module")
def mantova_text(mantova) -> str:
    return _text(render_report(mantova))


def test_mantova_headline_states_its_coverage(mantova_text: str) -> None:
    assert "Grado di raggiungimento complessivo dell'ente nell'anno 2024: 97,78% (Raggiunto)." in mantova_text
    assert "Copertura del calcolo: aree valutabili 4 su 4, indicatori valutabili 112 su 112." in mantova_text


def test_cremona_headline_is_nd_with_the_reason_not_one_area(merged) -> None:
    cremona = merged.reports[0]
    assert cremona.ente and "Cremona" in cremona.ente and cremona.achievement == 100.0  # the old headline
    text = _text(render_report(cremona))
    assert "nell'anno 2024: n.d. (non calcolabile:" in text
    assert "Copertura del calcolo: obiettivi valutabili 1 su 5, indicatori valutabili 14 su 43." in text
    assert "100,00% (Raggiunto)" not in text


def test_mantova_negative_target_is_flagged_in_the_document(mantova_text: str) -> None:
    assert "100,00% (ma l'operatore dà 79,53%)" in mantova_text


def test_stated_verdict_against_computed_is_shown_marked_and_coloured_by_the_computed_one(mantova) -> None:
    builder = ContextBuilder(mantova, INTEGRA_BANDS)
    sheets = {o.code: builder.sheet(o) for o in mantova.objectives if o.level == "strategic"}
    os21 = sheets["2.1"]  # published 93,49% "Raggiunto": below INTEGRA's 95% band
    assert os21["valutazione"] == "Parzialmente raggiunto (dichiarato: Raggiunto)"
    assert os21["sfondo"] == FILLS["amber"] and os21["dichiarata_diversa"] == "Raggiunto"
    # one rule everywhere: the colour always follows the computed verdict the text starts with
    for sheet in sheets.values():
        assert sheet["colore"] == verdict_colour(sheet["valutazione"].split(" (")[0])
    tree = {row["codice"]: row for row in builder.tree_rows()}
    assert tree["2.1"]["valutazione"] == os21["valutazione"] and tree["2.1"]["sfondo"] == os21["sfondo"]


def test_same_figure_reads_the_same_verdict(mantova) -> None:
    builder = ContextBuilder(mantova, INTEGRA_BANDS)
    by_figure: dict[str, set[str]] = {}
    for obj in mantova.objectives:
        sheet = builder.sheet(obj)
        by_figure.setdefault(sheet["punteggio"], set()).add(sheet["valutazione"].split(" (")[0])
    assert all(len(verdicts) == 1 for verdicts in by_figure.values())


def test_without_a_computed_figure_the_stated_verdict_is_marked_as_stated() -> None:
    assert shown_verdict(None, "Raggiunto").text == "Raggiunto (dichiarato)"
    assert shown_verdict(None, None, "indicatori valutabili 1/2").text == "n.d. (indicatori valutabili 1/2)"
    assert shown_verdict("Raggiunto", "OBIETTIVO CONSEGUITO").text == "Raggiunto"  # same verdict, other words


def _ind(target: str, actual: str, targets: dict[str, str] | None = None) -> Indicator:
    indicator = Indicator(objective="1", n=1, name="i", target=target, actual=actual, targets=targets or {},
                          target_value=parse_value(target), actual_value=parse_value(actual))
    score_report(Report(objectives=[Objective("operational", "Op", code="1")], indicators=[indicator]))
    return indicator


@pytest.mark.parametrize(("target", "actual", "targets", "expected"), [
    ("Almeno 150", "208", {}, IN_LINEA),                     # the year's target already met
    ("Almeno 4 focus", "3 focus", {}, IN_LINEA),             # 75% of a cumulative target by mid-year
    ("Almeno 10 N.", "3 N.", {}, IN_RITARDO),                # 30% by mid-year
    ("Almeno 10 N.", "3 N.", {"30/6": "Almeno 3"}, IN_LINEA),  # the stated interim target decides
    ("Almeno 10 N.", "6 N.", {"30/6": "Almeno 7"}, IN_RITARDO),
    (">= 90%", "80%", {}, IN_RITARDO),                       # a rate has no pro-rata
    ("<= 5 gg", "6 gg", {}, IN_RITARDO),
    ("Realizzazione", "in corso", {}, None),                 # nothing numeric to judge
])
def test_semester_progress_of_an_indicator(target: str, actual: str, targets: dict[str, str],
                                           expected: str | None) -> None:
    assert indicator_progress(_ind(target, actual, targets), 0.5) == expected


def test_monitoring_document_speaks_of_progress_not_year_end_verdicts() -> None:
    objectives = [Objective("operational", "Eventi", code="1"), Objective("operational", "Tempi", code="2")]
    report = Report(ente="Camera di Commercio di Prova", kind="monitoraggio", year=2024, reference_date="2024-06-30",
                    objectives=objectives, indicators=[_ind("Almeno 10 N.", "6 N."), _ind("<= 5 gg", "6 gg")])
    report.indicators[1].objective = "2"
    score_report(report)
    text = _text(render_report(report))
    assert "60,00% del target annuale (in linea)" in text and "80,00% del target annuale (in ritardo)" in text
    assert "In linea" in text and "In ritardo (indicatori in ritardo: 1 su 1)" in text
    assert "Raggiunto" not in text and "Parzialmente" not in text
