"""The year's cycle end to end on the Brescia PIAO 2024 sample: extract -> raccolta (30/06) -> a workbook
filled through openpyxl with bad cells -> importa refuses and names each cell -> fixed -> importa ->
monitoraggio .docx -> 31/12 values -> Relazione .docx with scores computed by hand -> nuovo-anno; the
Relazione read back gives the imported values and covers the plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document as WordDocument

from conftest import sample
from cycle_helpers import fill, indicator
from relazione.cli.main import main
from relazione.extract.pipeline import extract_file
from relazione.records.model import Records, load
from relazione.scoring.aggregate import score_records

# Three indicators scored by hand at 31/12 (spec/scoring.md): (objective, n) -> value written, expected percent.
#  2.1.1 #1 "Almeno 150", raised to "Almeno 280" by the approved 30/06 proposal: 120 / 280 = 42,857..%
#  3.1 #3 "Almeno 6 unità": 3 / 6 = 50%;  1.1 #1 "SI": NO -> 0%.
HAND_SCORED = {("2.1.1", 1): (120, 42.857142857142854), ("3.1", 3): (3, 50.0), ("1.1", 1): ("NO", 0.0)}


def _docx_text(path: Path) -> str:
    doc = WordDocument(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> dict[str, Path]:
    """Run the cycle once; each test checks one of its promises."""
    d = tmp_path_factory.mktemp("cycle")
    p = {name: d / name for name in ("plan.json", "r30.xlsx", "bad.xlsx", "ok.xlsx", "m.json", "monitoraggio.docx",
                                     "r31.xlsx", "f31.xlsx", "y.json", "relazione.docx", "piano.json", "check.json")}
    assert main(["extract", str(sample("brescia_piao_2024_semestrale.txt")), "-o", str(p["plan.json"])]) == 0
    assert main(["raccolta", str(p["plan.json"]), "-o", str(p["r30.xlsx"]), "--periodo", "30/06"]) == 0
    return p


def test_importa_names_every_bad_cell_and_writes_nothing(cycle, capsys) -> None:
    plan = load(cycle["plan.json"])
    bad = {("2.1.1", 1): {"value": "circa 30"}, ("1.1", 1): {"value": "forse"},
           ("2.2.2", 1): {"value": 900, "new_target": "Almeno 1.300"}}
    where = fill(cycle["r30.xlsx"], cycle["bad.xlsx"], plan, bad, period="30/06", everything=True)
    capsys.readouterr()
    assert main(["importa", str(cycle["bad.xlsx"]), "--in", str(cycle["plan.json"]), "-o", str(cycle["m.json"])]) == 2
    err = capsys.readouterr().err
    assert f"bad.xlsx: {where[('2.1.1', 1)]}: 'circa 30' non è un numero" in err
    assert f"bad.xlsx: {where[('1.1', 1)]}: 'forse' non è SI o NO" in err
    reason_cell = where[("2.2.2", 1)].replace("!J", "!N")
    assert f"bad.xlsx: {reason_cell}: nuovo target 'Almeno 1.300' senza motivazione" in err
    assert "3 problemi" in err and not cycle["m.json"].exists()


def _fill_30(cycle) -> dict[tuple[str, int], str]:
    plan = load(cycle["plan.json"])
    good = {("2.1.1", 1): {"value": 208, "note": "Tre edizioni del corso", "new_target": "Almeno 280",
                           "reason": "Domanda superiore al previsto"}, ("1.1", 1): {"value": "SI"}}
    return fill(cycle["r30.xlsx"], cycle["ok.xlsx"], plan, good, period="30/06", everything=True)


def test_fixed_workbook_imports_and_renders_the_monitoraggio(cycle) -> None:
    where = _fill_30(cycle)
    args = ["importa", str(cycle["ok.xlsx"]), "--in", str(cycle["plan.json"]), "-o", str(cycle["m.json"]), "--approva"]
    assert main(args) == 0
    records = load(cycle["m.json"])
    report = records.reports[0]
    assert (report.kind, report.reference_date) == ("monitoraggio", "2024-06-30")
    ind = indicator(records, "2.1.1", 1)
    assert ind.actual == "208" and ind.actual_value.value == 208
    assert (ind.values["30/06"].source, ind.values["30/06"].cell) == ("ok.xlsx", where[("2.1.1", 1)])
    assert [(v.old, v.new, v.date, v.approved) for v in ind.variations] == [("Almeno 150", "Almeno 280",
                                                                              "2024-06-30", True)]
    assert ind.target == "Almeno 280"
    assert next(o for o in report.objectives if o.code == "2.1.1").narrative["azioni"] == "Tre edizioni del corso"
    assert main(["render", str(cycle["m.json"]), "-o", str(cycle["monitoraggio.docx"])]) == 0
    assert "Almeno 280" in _docx_text(cycle["monitoraggio.docx"])  # the table of proposed variations


def test_importing_twice_gives_the_same_records(cycle, tmp_path) -> None:
    again = tmp_path / "again.json"
    assert main(["importa", str(cycle["ok.xlsx"]), "--in", str(cycle["m.json"]), "-o", str(again), "--approva"]) == 0
    first, second = json.loads(cycle["m.json"].read_text("utf-8")), json.loads(again.read_text("utf-8"))
    assert first == second


def test_year_end_relazione_scores_match_the_hand_computed_ones(cycle) -> None:
    assert main(["raccolta", str(cycle["m.json"]), "-o", str(cycle["r31.xlsx"])]) == 0  # 31/12 after a monitoraggio
    records = load(cycle["m.json"])
    cells = {ref: {"value": value} for ref, (value, _) in HAND_SCORED.items()}
    fill(cycle["r31.xlsx"], cycle["f31.xlsx"], records, cells, period="31/12", everything=True)
    assert main(["importa", str(cycle["f31.xlsx"]), "--in", str(cycle["m.json"]), "-o", str(cycle["y.json"])]) == 0
    year = load(cycle["y.json"])
    assert (year.reports[0].kind, year.reports[0].reference_date) == ("relazione", "2024-12-31")
    scored = score_records(year)
    for (objective, n), (_, percent) in HAND_SCORED.items():
        assert indicator(scored, objective, n).achievement == pytest.approx(percent, abs=1e-5)  # stored to 6 decimals
    assert main(["render", str(cycle["y.json"]), "-o", str(cycle["relazione.docx"])]) == 0
    text = _docx_text(cycle["relazione.docx"])
    assert "42,86%" in text and "50%" in text


def test_relazione_read_back_gives_the_imported_values_and_covers_the_plan(cycle) -> None:
    year = load(cycle["y.json"])
    back = extract_file(cycle["relazione.docx"])
    got = {(i.objective, i.n): i.actual for r in back.reports for i in r.indicators}
    for ind in year.reports[0].indicators:
        assert got.get((ind.objective, ind.n)) == ind.actual, (ind.objective, ind.n)
    main(["check", "--plan", str(cycle["plan.json"]), str(cycle["relazione.docx"]), "--format", "json",
          "-o", str(cycle["check.json"])])
    findings = json.loads(cycle["check.json"].read_text("utf-8"))["findings"]
    assert not [f for f in findings if f["kind"] == "missing"]


def test_check_plan_shows_an_approved_variation_as_a_documented_change(cycle) -> None:
    from relazione.check.plan import check_plan

    findings = check_plan(load(cycle["plan.json"]), load(cycle["y.json"]))
    change = next(f for f in findings if f.field == "target" and f.objective == "2.1.1")
    assert change.severity == "nota" and "variazione approvata il 2024-06-30" in change.message


def test_nuovo_anno_takes_next_year_targets_and_lists_the_missing(cycle, capsys) -> None:
    capsys.readouterr()
    assert main(["nuovo-anno", str(cycle["y.json"]), "-o", str(cycle["piano.json"])]) == 0
    plan: Records = load(cycle["piano.json"])
    report = plan.reports[0]
    assert (report.year, report.kind) == (2025, "piano")
    ind = indicator(plan, "1.1", 2)  # 2025 "SI", 2026 "//"
    assert (ind.target, ind.actual, ind.achievement, ind.targets) == ("SI", None, None, {"2025": "SI", "2026": "//"})
    missing = [w for w in plan.warnings if w.code == "no_target_next_year"]
    assert indicator(plan, "1.1.1", 1).target is None
    assert any("1.1.1 n.1" in w.message for w in missing)
    assert f"{len(missing)} senza target per il nuovo anno" in capsys.readouterr().err
