"""Documents that are no performance report (tests/non_reports.py: English prose and charts, a bank statement,
a recipe, an invoice, minutes, a regulation, glyph garbage; text, Word and PDF) give an empty report and a
warning saying so, never records; the heading rules that let them through before are narrower."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from non_reports import write_all
from relazione.cli.main import main
from relazione.extract.engine import extract
from relazione.extract.generic.headings import find_heading
from relazione.extract.headings import match_any
from relazione.extract.profiles import get_profile
from relazione.readers import read_document

GENERIC = get_profile("generic")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_all(tmp_path_factory.mktemp("non_reports"))


def test_no_document_of_the_corpus_gives_records(corpus: list[Path]) -> None:
    assert len(corpus) >= 20 and {p.suffix for p in corpus} == {".txt", ".docx", ".pdf"}
    for path in corpus:
        records = extract(read_document(path), GENERIC)
        assert not any(r.objectives or r.indicators for r in records.reports), path.name
        assert records.reports and records.warnings[0].code == "not_a_report", path.name


def test_a_non_report_is_an_empty_report_with_an_italian_warning_and_strict_exits_1(
        corpus: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dashboard = next(p for p in corpus if p.name == "english_kpi.txt")  # "KPI | Target | Actual" tables
    out = tmp_path / "out.json"
    assert main(["extract", str(dashboard), "-o", str(out), "--strict"]) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(len(r["objectives"]), len(r["indicators"])) for r in data["reports"]] == [(0, 0)]
    assert data["warnings"][0]["message"].startswith("il documento non sembra una relazione/piano della performance")
    assert "non sembra una relazione" in capsys.readouterr().err


@pytest.mark.parametrize("line", ["as 2019", "as reported 2020", "os 2 forecast", "Oo 3 actual"])
def test_an_abbreviation_in_lower_case_is_no_level_word(line: str) -> None:
    assert match_any(line, GENERIC.headings) is None


@pytest.mark.parametrize(("line", "level"), [
    ("AS 1 Competitività", "area"), ("OS 1.1 Sostenere le imprese", "strategic"),
    ("OO 1.1.1 Bandi digitali", "operational"), ("O.S. 2.1 Servizi", "strategic")])
def test_an_abbreviation_in_capitals_before_a_code_is_a_heading(line: str, level: str) -> None:
    match = match_any(line, GENERIC.headings)
    assert match is not None and match.level == level


def test_a_short_word_one_letter_off_is_not_a_level_word() -> None:
    assert match_any("Prop. 1 Contributi alle imprese", GENERIC.headings) is None
    match = match_any("Prosp. 1 Clienti e territorio", GENERIC.headings)
    assert match is not None and (match.level, match.code) == ("area", "1")


@pytest.mark.parametrize("line", ["AS 1 (cid:21)(cid:22)(cid:23)", "OS 2 (cid:3)(cid:4) 12,5 % ## $$",
                                  "OO 1.1 ___ //// 12 34 ## ##"])
def test_glyph_garbage_is_never_a_title(line: str) -> None:
    assert find_heading(line, GENERIC, (None, None), in_row=False)[0] is None


def test_a_report_with_glyph_garbage_and_margin_text_keeps_only_its_objectives(tmp_path: Path) -> None:
    path = tmp_path / "relazione.txt"
    path.write_text("\n".join([
        "Relazione sulla Performance 2024", "Camera di Commercio di Valdimare", "",
        "AS O", "(cid:21)(cid:22)(cid:23)(cid:24)", "",
        "AREA STRATEGICA 1 - Competitività", "OBIETTIVO STRATEGICO 1.1 - Sostenere le filiere", "",
        "Indicatore\tTarget\tConsuntivo", "Imprese accompagnate\t>= 10\t12", "",
        "OS 2 (cid:3)(cid:4)(cid:5)", ""]) + "\n", encoding="utf-8")
    records = extract(read_document(path), GENERIC)
    (report,) = records.reports
    assert [(o.level, o.code, o.title) for o in report.objectives] == [
        ("area", "1", "Competitività"), ("strategic", "1.1", "Sostenere le filiere")]
    assert [i.name for i in report.indicators] == ["Imprese accompagnate"]
    assert "not_a_report" not in {w.code for w in records.warnings}
