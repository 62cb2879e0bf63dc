"""Coverage: every aggregate says how much of it could be scored; below the chamber's minimum its headline is n.d."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relazione.cli.main import main
from relazione.records.model import Objective, Records, Report, Source, dumps, load
from relazione.records.values import parse_value
from relazione.scoring.aggregate import score_report
from relazione.scoring.coverage import headline, short_reason, shortfall
from relazione.scoring.tree import report_tree
from test_scoring import ind


def _two_areas() -> Report:
    """Area 1 fully scorable; area 2 has one numeric indicator and one with a text result."""
    return Report(objectives=[
        Objective("area", "Area uno", code="1", weight=50.0),
        Objective("operational", "Operativo uno", code="1.1", parent="1"),
        Objective("area", "Area due", code="2", weight=50.0),
        Objective("operational", "Operativo due", code="2.1", parent="2"),
    ], indicators=[
        ind(">= 10 N.", "10 N.", objective="1.1"),
        ind(">= 10 N.", "5 N.", objective="2.1", n=1, weight=50.0),
        ind(">= 10 N.", "in corso", objective="2.1", n=2, weight=50.0),
    ])


def test_every_aggregate_counts_its_scorable_children_and_indicators() -> None:
    report = _two_areas()
    score_report(report)
    cov = {o.code: o.coverage for o in report.objectives}
    assert (cov["1.1"].indicators_scored, cov["1.1"].indicators, cov["1.1"].sufficient) == (1, 1, True)
    assert (cov["2.1"].indicators_scored, cov["2.1"].indicators, cov["2.1"].sufficient) == (1, 2, False)
    assert (cov["2"].children_scored, cov["2"].children, cov["2"].sufficient) == (0, 1, False)
    ente = report.coverage
    assert (ente.children_scored, ente.children, ente.indicators_scored, ente.indicators) == (1, 2, 2, 3)


def test_headline_below_the_default_coverage_is_nd_with_the_reason_but_the_records_keep_the_figure() -> None:
    report = _two_areas()
    score_report(report)
    assert report.achievement == pytest.approx(75.0)  # INTEGRA's mean of what could be scored, kept for the records
    assert headline(report.achievement, report.coverage) == "n.d."
    assert shortfall(report.coverage, "aree") == ("aree valutabili 1 su 2, indicatori valutabili 2 su 3; "
                                                   "minimo richiesto 100%")


def test_a_lower_minimum_set_by_the_chamber_lets_the_headline_through() -> None:
    report = _two_areas()
    score_report(report, min_coverage=50.0)
    assert report.coverage.sufficient
    assert headline(report.achievement, report.coverage) == "75,00%"
    assert shortfall(report.coverage) == ""


def test_objective_without_indicators_or_children_is_not_sufficient() -> None:
    report = Report(objectives=[Objective("area", "Vuota", code="1")])
    score_report(report)
    assert report.objectives[0].coverage.sufficient is False
    assert headline(report.achievement, report.coverage) == "n.d."


def test_objectives_sharing_a_title_count_their_indicators_once() -> None:
    report = Report(objectives=[Objective("area", "Area", code="1"),
                                Objective("operational", "Stesso titolo", parent="1"),
                                Objective("operational", "Stesso titolo", parent="1")],
                    indicators=[ind(">= 1 N.", "1 N.", objective="Stesso titolo")])
    score_report(report)
    assert (report.coverage.indicators_scored, report.coverage.indicators) == (1, 1)


def test_coverage_round_trips_through_the_records_json_and_is_absent_until_scored(tmp_path: Path) -> None:
    report = _two_areas()
    unscored = json.loads(dumps(Records(Source("x.json"), [report])))
    assert "coverage" not in unscored["reports"][0] and "coverage" not in unscored["reports"][0]["objectives"][0]
    score_report(report)
    path = tmp_path / "scored.json"
    path.write_text(dumps(Records(Source("x.json"), [report])), encoding="utf-8")
    back = load(path).reports[0]
    assert back.coverage == report.coverage
    assert [o.coverage for o in back.objectives] == [o.coverage for o in report.objectives]


def test_terminal_tree_states_coverage_and_nd() -> None:
    report = _two_areas()
    score_report(report)
    lines = report_tree(report, bands=())
    assert lines[1].startswith("ENTE  calcolato n.d.  [aree valutabili 1 su 2, indicatori valutabili 2 su 3; "
                               "sotto la copertura minima 100%]")
    assert any("Area uno" in line and "calcolato 100,00%" in line and "[obiettivi valutabili 1 su 1" in line
               for line in lines)


def test_cli_score_minimum_coverage_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "r.json"
    records.write_text(dumps(Records(Source("r.json"), [_two_areas()])), encoding="utf-8")
    assert main(["score", str(records)]) == 0
    assert "ENTE  calcolato n.d." in capsys.readouterr().out
    assert main(["score", str(records), "--copertura-minima", "50"]) == 0
    assert "ENTE  calcolato 75,00%" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["score", str(records), "--copertura-minima", "150"])
    assert "da 0 a 100" in capsys.readouterr().err


def test_unparsed_values_do_not_count_as_scorable() -> None:
    text_target = ind("Realizzazione del progetto", "Realizzato", objective="1")
    assert parse_value(text_target.target).value is None
    report = Report(objectives=[Objective("operational", "Op", code="1")], indicators=[text_target])
    score_report(report)
    assert report.objectives[0].coverage.indicators_scored == 0


def test_table_cells_get_a_short_reason_for_nd() -> None:
    report = _two_areas()
    report.objectives.append(Objective("area", "Area vuota", code="3"))
    score_report(report)
    cov = {o.code: o.coverage for o in report.objectives}
    assert short_reason(cov["2.1"]) == "indicatori valutabili 1/2"
    assert short_reason(cov["3"]) == "nessun indicatore"
    assert short_reason(cov["1.1"]) == ""
