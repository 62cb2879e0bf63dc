"""The xlsx and csv for people: numbers with units in their own columns, percentages as percentages, Italian
level names, the computed grado di raggiungimento, reports told apart, decimal commas in the csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import sample
from relazione.cli.main import main
from relazione.records.model import Indicator, Objective, Records, Report, Source
from relazione.records.sheets import to_csv, to_xlsx
from relazione.records.values import parse_value
from relazione.scoring.aggregate import score_records


def _records() -> Records:
    def report(title: str) -> Report:
        return Report(ente="Camera di Commercio di Prova", kind="relazione", title=title, year=2024, objectives=[
            Objective("area", "Competitività", code="1", weight=40.0),
            Objective("operational", "Sportelli", code="1.1", parent="1", weight=100.0, score=87.5, status="Parziale"),
        ], indicators=[Indicator(objective="1.1", n=1, name="Pratiche evase", weight=33.33, target=">= 1.200 N.",
                                 actual="1.050,5 N.", target_value=parse_value(">= 1.200 N."),
                                 actual_value=parse_value("1.050,5 N."))])
    return score_records(Records(Source("prova.txt"), [report("Relazione 2024"), report("Addendum")]))


def _sheet(data: bytes, name: str) -> list[dict[str, object]]:
    ws = load_workbook(io.BytesIO(data))[name]
    header = [c.value for c in ws[1]]
    return [{h: c for h, c in zip(header, row, strict=True)} for row in ws.iter_rows(min_row=2)]


def test_xlsx_targets_results_and_deviations_are_numbers_with_units_in_their_own_columns() -> None:
    row = _sheet(to_xlsx(_records()), "Indicatori")[0]
    assert row["Target"].value == ">= 1.200 N."  # the document's text stays
    target = (row["Target: operatore"].value, row["Target: valore"].value, row["Target: unità"].value)
    assert target == (">=", 1200, "N.")
    assert (row["Consuntivo: valore"].value, row["Consuntivo: unità"].value) == (1050.5, "N.")
    assert row["Scostamento"].value is None  # not stated: computed result minus target
    assert (row["Scostamento: valore"].value, row["Scostamento: unità"].value) == (-149.5, "N.")
    assert row["Target: valore"].number_format == "#,##0.00"


def test_xlsx_weights_and_scores_are_percentages() -> None:
    data = to_xlsx(_records())
    indicator = _sheet(data, "Indicatori")[0]
    assert indicator["Peso"].value == pytest.approx(0.3333) and indicator["Peso"].number_format == "0.00%"
    assert indicator["Grado di raggiungimento calcolato"].value == pytest.approx(1050.5 / 1200)
    assert indicator["Grado di raggiungimento calcolato"].number_format == "0.00%"
    objective = _sheet(data, "Obiettivi")[1]
    assert objective["Punteggio dichiarato"].value == pytest.approx(0.875)
    assert objective["Grado di raggiungimento calcolato"].value == pytest.approx(1050.5 / 1200)
    assert (objective["Indicatori valutabili"].value, objective["Indicatori"].value) == (1, 1)


def test_xlsx_levels_are_named_in_italian_and_reports_are_told_apart() -> None:
    rows = _sheet(to_xlsx(_records()), "Obiettivi")
    assert [r["Livello"].value for r in rows[:2]] == ["Area strategica", "Obiettivo operativo"]
    assert [(r["N. documento"].value, r["Titolo del documento"].value) for r in rows[::2]] == [
        (1, "Relazione 2024"), (2, "Addendum")]
    assert rows[0]["Documento"].value == "Relazione sulla performance"


def test_csv_has_decimal_commas_and_percent_signs_for_italian_excel() -> None:
    text = to_csv(_records()).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert row["Target: valore"] == "1200" and row["Consuntivo: valore"] == "1050,5"
    assert row["Scostamento: valore"] == "-149,5"
    assert row["Peso"] == "33,33%" and row["Grado di raggiungimento calcolato"] == "87,54%"
    assert "." not in row["Consuntivo: valore"]


def test_extracted_xlsx_of_the_merged_seed_carries_the_computed_and_the_flagged_figures(tmp_path: Path) -> None:
    out = tmp_path / "merged.xlsx"
    assert main(["extract", str(sample("cremona_mantova_pavia_relazione_2024.txt")), "-o", str(out)]) == 0
    rows = _sheet(out.read_bytes(), "Indicatori")
    assert len({r["N. documento"].value for r in rows}) == 5  # five reports, told apart
    delay = next(r for r in rows if r["Target"].value == ">= -15,00 gg")
    assert (delay["Target: valore"].value, delay["Consuntivo: valore"].value) == (-15, -18.07)
    assert delay["Grado di raggiungimento calcolato"].value == 1  # INTEGRA's figure ...
    assert delay["Grado con l'operatore sui valori con segno"].value == pytest.approx(0.795333, abs=1e-6)  # flagged
