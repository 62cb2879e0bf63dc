"""The Relazione's "Andamento negli anni": earlier years of the same ente (records or documents given with
--storico, or archived in the web app) shown under each objective, nothing when there is none."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
from docx import Document

from relazione.cli.main import main
from relazione.extract.pipeline import load_records
from relazione.records.model import Records, save
from relazione.records.values import display_value
from relazione.render.trend import Trend
from relazione.render.word import render_report
from relazione.scoring.aggregate import score_records
from trend_helpers import at_least_percent, earlier_year, shown_percent, trend_tables

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "cremona_mantova_pavia_relazione_2024.txt"
MANTOVA = 2  # the report of the sample with codes on every objective and indicator


@pytest.fixture(scope="module")
def years() -> tuple[Records, list[Records]]:
    records = load_records(SAMPLE)
    return score_records(records), [earlier_year(records, 2022, 0.5), earlier_year(records, 2023, 1.0)]


def test_relazione_shows_two_earlier_years_of_each_indicator(years) -> None:  # noqa: ANN001
    current, earlier = years
    report = current.reports[MANTOVA]
    data = render_report(report, trend=Trend.from_records(earlier, report))
    tables = trend_tables(data)
    ind = next(filter(at_least_percent, report.indicators))
    target = display_value(ind.target_value, ind.target)
    full, half = shown_percent(ind.target_value.value), shown_percent(ind.target_value.value / 2)
    assert tables[ind.name][:2] == [["2022", target, half, "50,00%"], ["2023", target, full, "100,00%"]]
    assert tables[ind.name][2] == ["2024", target, display_value(ind.actual_value, ind.actual),
                                   f"{ind.achievement:.2f}%".replace(".", ",")]
    # every indicator of an objective with a sheet has its table, and each objective its line of achievements
    assert len(tables) > 60 and all([r[0] for r in rows] == ["2022", "2023", "2024"] for rows in tables.values())
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert text.count("Grado di raggiungimento dell'obiettivo: 2022: ") >= 60


def test_no_trend_without_an_earlier_year_of_the_same_ente(years) -> None:  # noqa: ANN001
    current, earlier = years
    mantova, pavia = current.reports[MANTOVA], current.reports[3]
    for trend in (None, Trend.from_records([current], mantova), Trend.from_records(earlier[:0], mantova)):
        data = render_report(mantova, trend=trend)
        assert trend_tables(data) == {}
        assert "Andamento negli anni" not in "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    only_mantova = copy.deepcopy(earlier[0])
    only_mantova.reports = [only_mantova.reports[MANTOVA]]
    assert Trend.from_records([only_mantova], pavia) == Trend()  # another chamber's years are not this one's


def test_the_relazione_with_its_trend_reads_back_as_the_same_records(years, tmp_path) -> None:  # noqa: ANN001
    """The trend tables have no Peso/Algoritmo columns: the Relazione profile does not take them for indicators."""
    current, earlier = years
    report = current.reports[MANTOVA]
    path = tmp_path / "con_andamento.docx"
    path.write_bytes(render_report(report, trend=Trend.from_records(earlier, report)))
    back = load_records(path).reports[0].indicators
    assert [(i.name, i.actual) for i in back] == [(i.name, i.actual) for i in load_records(
        _plain(report, tmp_path)).reports[0].indicators]
    assert len(back) == len(report.indicators)


def _plain(report, tmp_path: Path) -> Path:  # noqa: ANN001
    path = tmp_path / "senza_andamento.docx"
    path.write_bytes(render_report(report))
    return path


def test_cli_render_takes_earlier_years_with_storico(years, tmp_path, capsys) -> None:  # noqa: ANN001
    current, earlier = years
    files = []
    for name, records in (("2024.json", current), ("2022.json", earlier[0]), ("2023.json", earlier[1])):
        files.append(tmp_path / name)
        save(records, files[-1])
    out = tmp_path / "mantova.docx"
    assert main(["render", str(files[0]), "--storico", str(files[1]), str(files[2]), "--report", "3",
                 "-o", str(out)]) == 0
    rows = next(iter(trend_tables(out.read_bytes()).values()))
    assert [r[0] for r in rows] == ["2022", "2023", "2024"]
    bad = tmp_path / "rotto.json"
    bad.write_text("{", encoding="utf-8")
    capsys.readouterr()
    assert main(["render", str(files[0]), "--storico", str(bad), "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rotto.json: non è un file JSON" in err
    assert not (tmp_path / "x.docx").exists()


def test_cli_warns_when_the_storico_holds_no_earlier_year(years, tmp_path, capsys) -> None:  # noqa: ANN001
    current, _ = years
    data = tmp_path / "2024.json"
    save(current, data)
    out = tmp_path / "mantova.docx"
    assert main(["render", str(data), "--storico", str(data), "--report", "3", "-o", str(out)]) == 0
    assert "nessun anno precedente al 2024 di Camera di Commercio di Mantova" in capsys.readouterr().err
    assert trend_tables(out.read_bytes()) == {}
