"""Scoring: the operator rules of spec/scoring.md, aggregation, verdicts, and the Mantova 2024 scores."""

from __future__ import annotations

import pytest

from conftest import sample
from relazione.extract.pipeline import extract_file
from relazione.records.model import Indicator, Objective, Report
from relazione.records.values import parse_number, parse_value
from relazione.scoring.aggregate import score_records, score_report
from relazione.scoring.methods import (
    FIXED_BANDS,
    format_percent,
    indicator_achievement,
    round_half_up,
    verdict_for,
)

TOLERANCE = 0.01 + 1e-9


def ind(target: str | None, actual: str | None, *, objective: str = "1.1.1", n: int = 1,
        weight: float | None = 100.0) -> Indicator:
    return Indicator(objective=objective, n=n, name=f"indicatore {n}", weight=weight, target=target, actual=actual,
                     target_value=parse_value(target), actual_value=parse_value(actual))


# -- one indicator: every operator rule ------------------------------------------------------------
@pytest.mark.parametrize(("target", "actual", "expected"), [
    (">= 80%", "90%", 100.0),            # met: 100, over-achievement earns nothing extra
    (">= 80%", "80%", 100.0),
    (">= 80%", "60%", 75.0),             # not met: a / t
    ("> 2 N.", "2 N.", 100.0),           # ">" not met at equality: a / t = 1
    ("> 4 N.", "3 N.", 75.0),
    ("<= 10 gg", "5 gg", 100.0),
    ("<= 35,00 %", "42,55 %", 78.428571),  # not met: 2 - a / t (Mantova 2.1 #2), not t / a (82.26)
    ("< 10 gg", "10 gg", 100.0),         # "<" at equality: 2 - 1 = 1
    ("< 10 gg", "15 gg", 50.0),
    ("= 100%", "100%", 100.0),
    ("= 100%", "86,67%", 86.67),         # 1 - |a - t| / |t|
    ("= 100%", "110%", 90.0),            # "=" penalises excess too
    ("= 0 N.", "0 N.", 100.0),
    ("= 0 N.", "3 N.", 0.0),             # a zero target not met: 0
    (">= 0 N.", "-2 N.", 0.0),
    (">= 10 N.", "-5 N.", 0.0),          # clipped at 0
    ("<= 10 gg", "30 gg", 0.0),          # 2 - 3 = -1, clipped at 0
    (">= -15,00 gg", "-18,07 gg", 100.0),  # Mantova's wrinkle: printed >=, really met; either way 100
    ("<= -1,00 %", "-73,12 %", 100.0),
    ("SI", "SI", 100.0),                 # SI/NO: met 100, not met 0
    ("SI", "NO", 0.0),
    ("NO", "NO", 100.0),
])
def test_operator_rules(target: str, actual: str, expected: float) -> None:
    assert indicator_achievement(ind(target, actual)) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(("target", "actual"), [
    ("Attuazione e rendicontazione", "Realizzato"),  # text target
    (">= 80%", "In corso di realizzazione"),          # non-numeric result
    ("3", "4"),                                       # bare number: minimum or maximum? never guess
    ("SI", "100%"),                                   # SI/NO target, numeric result
    (">= 80%", None),                                 # no result
    (None, "90%"),                                    # no target
])
def test_unscorable_indicator_is_null_with_a_warning(target: str | None, actual: str | None) -> None:
    assert indicator_achievement(ind(target, actual)) is None
    report = Report(objectives=[Objective("operational", "Obiettivo", code="1.1.1")], indicators=[ind(target, actual)])
    warnings = score_report(report)
    assert report.indicators[0].achievement is None
    assert report.objectives[0].achievement is None
    assert [w.code for w in warnings] == ["not_scorable"]


# -- aggregation ---------------------------------------------------------------------------------
def _tree() -> Report:
    objectives = [
        Objective("area", "Area", code="1", weight=40.0),
        Objective("strategic", "Strategico", code="1.1", parent="1", weight=100.0),
        Objective("operational", "Operativo A", code="1.1.1", parent="1.1", weight=75.0),
        Objective("operational", "Operativo B", code="1.1.2", parent="1.1", weight=25.0),
        Objective("area", "Area due", code="2", weight=60.0),
        Objective("strategic", "Strategico due", code="2.1", parent="2", weight=100.0),
    ]
    indicators = [
        ind(">= 100 N.", "50 N.", objective="1.1.1", n=1, weight=50.0),   # 50
        ind(">= 100 N.", "100 N.", objective="1.1.1", n=2, weight=50.0),  # 100 -> objective 75
        ind("SI", "SI", objective="1.1.2"),                               # 100
        ind("<= 10 gg", "12 gg", objective="1.1", weight=100.0),          # own indicator: 80
        ind("= 100%", "90%", objective="2.1"),                            # 90
    ]
    return Report(objectives=objectives, indicators=indicators)


def test_aggregation_operational_strategic_area_ente() -> None:
    report = _tree()
    assert score_report(report) == []
    by_code = {o.code: o.achievement for o in report.objectives}
    assert by_code["1.1.1"] == pytest.approx(75.0)
    assert by_code["1.1.2"] == pytest.approx(100.0)
    # strategic: 50% own indicators (80) + 50% operational children (0.75*75 + 0.25*100 = 81.25)
    assert by_code["1.1"] == pytest.approx(80.625)
    assert by_code["1"] == pytest.approx(80.625)
    assert by_code["2.1"] == by_code["2"] == pytest.approx(90.0)
    assert report.achievement == pytest.approx(0.4 * 80.625 + 0.6 * 90.0)


def test_area_weights_override_and_stated_values_untouched() -> None:
    report = _tree()
    report.objectives[0].score, report.objectives[0].status = 12.0, "Raggiunto"
    score_report(report, area_weights={"1": 1.0, "2": 3.0})
    assert report.achievement == pytest.approx(0.25 * 80.625 + 0.75 * 90.0)
    assert (report.objectives[0].score, report.objectives[0].status) == (12.0, "Raggiunto")


def test_unscored_indicator_is_left_out_with_a_warning() -> None:
    report = Report(objectives=[Objective("operational", "Op", code="1")],
                    indicators=[ind(">= 10 N.", "5 N.", objective="1", n=1, weight=50.0),
                                ind(">= 10 N.", "in corso", objective="1", n=2, weight=50.0)])
    codes = [w.code for w in score_report(report)]
    assert codes == ["not_scorable", "partial_score"]
    assert report.objectives[0].achievement == pytest.approx(50.0)


def test_missing_weights_mean_equal_weights() -> None:
    report = Report(objectives=[Objective("operational", "Op", code="1")],
                    indicators=[ind(">= 10 N.", "5 N.", objective="1", n=1, weight=None),
                                ind(">= 10 N.", "10 N.", objective="1", n=2, weight=None)])
    score_report(report)
    assert report.objectives[0].achievement == pytest.approx(75.0)


def test_parent_cycle_does_not_recurse_forever() -> None:
    report = Report(objectives=[Objective("strategic", "A", code="a", parent="b"),
                                Objective("strategic", "B", code="b", parent="a")],
                    indicators=[ind(">= 10 N.", "5 N.", objective="a")])
    score_report(report)
    assert report.objectives[0].achievement is not None


def test_unknown_method_is_an_error() -> None:
    with pytest.raises(ValueError, match="metodo di calcolo sconosciuto"):
        score_report(Report(), method="nope")


# -- verdicts and display --------------------------------------------------------------------------
@pytest.mark.parametrize(("achievement", "integra", "fixed"), [
    (100.0, "Raggiunto", "Raggiunto"),
    (95.0, "Raggiunto", "Raggiunto"),
    (92.0, "Parzialmente raggiunto", "Raggiunto"),
    (90.0, "Parzialmente raggiunto", "Parzialmente raggiunto"),  # fixed bands: raggiunto is > 90
    (70.0, "Parzialmente raggiunto", "Parzialmente raggiunto"),
    (69.99, "Parzialmente raggiunto", "Non raggiunto"),
    (10.0, "Non raggiunto", "Non raggiunto"),
    (None, None, None),
])
def test_verdict_bands(achievement: float | None, integra: str | None, fixed: str | None) -> None:
    assert verdict_for(achievement) == integra
    assert verdict_for(achievement, bands=FIXED_BANDS) == fixed


def test_round_half_up_and_italian_percent() -> None:
    assert round_half_up(97.775) == 97.78      # banker's rounding would give 97.77 or 97.78 by float luck
    assert round_half_up(0.125) == 0.13
    assert format_percent(96.4812) == "96,48%"
    assert format_percent(None) == "n.d."


# -- the Mantova part of the merged 2024 Relazione: every published score ---------------------------
@pytest.fixture(scope="module")
def merged_records():
    return extract_file(sample("cremona_mantova_pavia_relazione_2024.txt"))


@pytest.fixture(scope="module")
def mantova(merged_records):
    scored = score_records(merged_records)
    return next(r for r in scored.reports if r.ente and "Mantova" in r.ente)


@pytest.mark.parametrize(("level", "count"), [("operational", 50), ("strategic", 12), ("area", 4)])
def test_mantova_computed_scores_reproduce_the_published_ones(mantova: Report, level: str, count: int) -> None:
    stated = [o for o in mantova.objectives if o.level == level and o.score is not None]
    assert len(stated) == count
    off = [(o.code, o.score, o.achievement) for o in stated
           if o.achievement is None or abs(o.achievement - o.score) > TOLERANCE]
    assert off == []


def test_mantova_ente_score(mantova: Report) -> None:
    stated = parse_number(mantova.summary["ENTE"].rstrip("%"))
    assert stated == 97.78
    assert mantova.achievement is not None
    assert abs(mantova.achievement - stated) <= TOLERANCE


def test_mantova_area_scores_in_the_summary(mantova: Report) -> None:
    areas = {o.code: o.achievement for o in mantova.objectives if o.level == "area"}
    for label, text in mantova.summary.items():
        if label.startswith("AS"):
            code = label[2:].split()[0]
            assert abs(areas[code] - parse_number(text.rstrip("%"))) <= TOLERANCE, label


def test_score_records_keeps_the_input_and_the_stated_fields(merged_records) -> None:
    scored = score_records(merged_records)
    assert all(o.achievement is None for r in merged_records.reports for o in r.objectives)
    before = [(o.score, o.status) for r in merged_records.reports for o in r.objectives]
    assert [(o.score, o.status) for r in scored.reports for o in r.objectives] == before
    assert len(scored.warnings) > len(merged_records.warnings)  # Cremona's text targets are reported
