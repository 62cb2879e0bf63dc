"""The raccolta workbook and its import, case by case, on the Brescia PIAO 2024 sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import sample
from cycle_helpers import fill, indicator
from relazione.cli.main import main
from relazione.cycle.layout import letter
from relazione.extract.pipeline import extract_file
from relazione.records.model import load, save


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("raccolta")
    records = d / "plan.json"
    save(extract_file(sample("brescia_piao_2024_semestrale.txt")), records)
    workbook = d / "raccolta.xlsx"
    assert main(["raccolta", str(records), "-o", str(workbook), "--periodo", "30/06"]) == 0
    return records, workbook


def test_only_the_cells_to_fill_are_unlocked_and_excel_validates_the_values(plan) -> None:
    wb = load_workbook(plan[1])
    assert wb.sheetnames == ["Istruzioni", "Area 1", "Area 2", "Area 3", "_relazione"]
    assert wb["_relazione"].sheet_state == "veryHidden"
    ws = wb["Area 2"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.column_dimensions["A"].hidden and ws.freeze_panes == "C2"
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth) == ("landscape", 1)
    assert ws["I1"].value == "Target al 30/06" and ws["J1"].value == "Valore al 30/06"
    assert ws["E2"].protection.locked and not ws["J2"].protection.locked and not ws["N2"].protection.locked
    rules = {dv.type: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    records = load(plan[0])
    row = {ws[f"E{r}"].value: r for r in range(2, ws.max_row + 1)}
    boolean_row = row[indicator(records, "2.1", 2).name]  # target SI
    number_row = row[indicator(records, "2.1.1", 1).name]  # target "Almeno 150"
    assert f"J{boolean_row}" in rules["list"].split() and f"J{number_row}" in rules["decimal"].split()


def test_rows_sorted_in_excel_still_match_their_indicators(plan, tmp_path) -> None:
    records = load(plan[0])
    filled = tmp_path / "filled.xlsx"
    fill(plan[1], filled, records, {("2.1.1", 1): {"value": 208}, ("2.2.2", 1): {"value": "1.011"}}, period="30/06")
    wb = load_workbook(filled)
    ws = wb["Area 2"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    for r, values in enumerate(reversed(rows), start=2):  # the dirigente sorted the sheet the other way round
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value)
    wb.save(filled)
    out = tmp_path / "new.json"
    assert main(["importa", str(filled), "--in", str(plan[0]), "-o", str(out)]) == 0
    new = load(out)
    assert indicator(new, "2.1.1", 1).actual == "208"
    assert indicator(new, "2.2.2", 1).actual_value.value == 1011


def test_two_workbooks_giving_one_indicator_different_values_is_an_error(plan, tmp_path, capsys) -> None:
    records = load(plan[0])
    a, b, out = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "new.json"
    fill(plan[1], a, records, {("2.1.1", 1): {"value": 208}}, period="30/06")
    where = fill(plan[1], b, records, {("2.1.1", 1): {"value": 210}}, period="30/06")
    capsys.readouterr()
    assert main(["importa", str(a), str(b), "--in", str(plan[0]), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"b.xlsx: {where[('2.1.1', 1)]}: valore '210' diverso da '208'" in err and not out.exists()


def test_parziale_writes_the_valid_rows_and_lists_the_rest(plan, tmp_path, capsys) -> None:
    records = load(plan[0])
    filled, out = tmp_path / "filled.xlsx", tmp_path / "new.json"
    where = fill(plan[1], filled, records, {("2.1.1", 1): {"value": "circa 30"}, ("2.2.2", 1): {"value": 900}},
                 period="30/06")
    capsys.readouterr()
    assert main(["importa", str(filled), "--in", str(plan[0]), "-o", str(out), "--parziale"]) == 1
    err = capsys.readouterr().err
    assert f"{where[('2.1.1', 1)]}: 'circa 30' non è un numero" in err
    assert "indicatori lasciati vuoti" in err and f"{letter('value')}" in err
    new = load(out)
    assert indicator(new, "2.2.2", 1).actual == "900"
    assert indicator(new, "2.1.1", 1).actual == indicator(records, "2.1.1", 1).actual  # the bad cell left it alone
    assert indicator(new, "2.2.2", 1).values["30/06"].cell == where[("2.2.2", 1)]


def test_a_workbook_not_made_by_raccolta_is_a_one_line_error(plan, tmp_path, capsys) -> None:
    from openpyxl import Workbook

    other = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active.append(["Indicatore", "Valore"])
    wb.save(other)
    capsys.readouterr()
    assert main(["importa", str(other), "--in", str(plan[0]), "-o", str(tmp_path / "new.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("relazione: errore:") and "other.xlsx" in err and len(err.splitlines()) == 1


def test_one_workbook_per_responsible_in_a_folder(plan, tmp_path) -> None:
    folder = tmp_path / "per_responsabile"
    assert main(["raccolta", str(plan[0]), "-o", str(folder), "--per", "responsabile"]) == 0
    files = sorted(folder.glob("*.xlsx"))
    rows = sum(load_workbook(f).worksheets[1].max_row - 1 for f in files)
    assert len(files) > 10 and rows == len(load(plan[0]).reports[0].indicators)


def test_a_raccolta_of_another_year_is_a_one_line_error(plan, tmp_path, capsys) -> None:
    other_year = load(plan[0])
    other_year.reports[0].year = 2023
    records = tmp_path / "2023.json"
    save(other_year, records)
    capsys.readouterr()
    assert main(["importa", str(plan[1]), "--in", str(records), "-o", str(tmp_path / "new.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("relazione: errore: raccolta.xlsx: nessuna riga corrisponde ai dati 2023.json: la raccolta viene da "
                   "un altro piano o da un altro anno")
