"""The Piano della Performance in Word: next year's plan (nuovo-anno) rendered with the targets of its three years."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument

from conftest import sample
from relazione.cli.main import main
from relazione.records.model import load


def _cells(path: Path) -> list[list[str]]:
    return [[c.text for c in row.cells] for t in WordDocument(str(path)).tables for row in t.rows]


def test_next_years_plan_renders_as_a_piano_with_the_three_years_targets(tmp_path: Path, capsys) -> None:
    records = tmp_path / "piao.json"
    assert main(["extract", str(sample("brescia_piao_2024_semestrale.txt")), "-o", str(records)]) == 0
    plan = tmp_path / "piano_2025.json"
    assert main(["nuovo-anno", str(records), "-o", str(plan)]) == 0
    out = tmp_path / "piano_2025.docx"
    assert main(["render", str(plan), "-o", str(out)]) == 0  # a plan's records choose the Piano by themselves
    capsys.readouterr()

    doc = WordDocument(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Piano della Performance 2025-2027" in text and "2 Obiettivi strategici" in text
    assert "Grado di raggiungimento" not in text and "None" not in text and "{{" not in text
    rows = _cells(out)
    assert ["Indicatore", "Peso", "Algoritmo", "Target 2025", "Target 2026", "Target 2027"] in rows
    # an indicator with a 2026 target in the records shows it in its own column, beside the 2025 one
    report = load(plan).reports[0]
    ind = next(i for i in report.indicators if i.targets.get("2026") and i.target)
    row = next(r for r in rows if r[0] == ind.name)
    assert row[3] and row[4] == ind.targets["2026"]


def test_tipo_piano_renders_any_records_as_a_plan(tmp_path: Path, capsys) -> None:
    records = tmp_path / "piao.json"
    assert main(["extract", str(sample("brescia_piao_2024_semestrale.txt")), "-o", str(records)]) == 0
    out = tmp_path / "piano.docx"
    assert main(["render", str(records), "-o", str(out), "--tipo", "piano"]) == 0
    assert "grado di raggiungimento dell'ente" not in capsys.readouterr().err  # a plan has no results to sum up
    text = "\n".join(p.text for p in WordDocument(str(out)).paragraphs)
    assert "Piano della Performance 2024-2026" in text
