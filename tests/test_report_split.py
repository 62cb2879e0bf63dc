"""Several reports in one document, found by the generic engine with no composite profile
(:mod:`relazione.extract.report_split`): a new chamber's cover or a new title over restarting codes starts a
report; prose mentions, running headers and single-report documents stay one report."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import sample
from relazione.extract.pipeline import extract_file
from relazione.extract.profiles import get_profile
from relazione.extract.report_split import split_reports
from relazione.readers import read_document

GENERIC_DATA = Path(__file__).resolve().parent / "data" / "generic"
SINGLE_SAMPLES = ["brescia_piao_2024_semestrale.txt", "brescia_piano_2018_semestrale.txt", "brescia_pira_2020_ocr.txt"]


def _chamber(city: str, title: str, areas: list[tuple[str, str]]) -> str:
    lines = [f"Camera di Commercio di {city}", "", title, ""]
    for n, (area, objective) in enumerate(areas, start=1):
        lines += [f"AREA STRATEGICA {n} - {area}", "",
                  f"OBIETTIVO STRATEGICO {n}.1 - {objective}", "",
                  "Indicatore\tTarget\tConsuntivo",
                  f"Iniziative realizzate per {objective.lower()}\t>= {n + 2}\t{n + 3}", ""]
    return "\n".join(lines) + "\n\n"


def _read(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path, "generic").to_dict()


def _codes(report: dict, level: str) -> list[str]:
    return [o["code"] for o in report["objectives"] if o["level"] == level]


def test_two_chambers_in_one_text_give_two_reports(tmp_path: Path) -> None:
    text = _chamber("Borgoalto", "Relazione sulla Performance 2024",
                    [("Competitività", "Sostenere le filiere"), ("Servizi", "Semplificare i procedimenti")])
    text += _chamber("Valdimare", "Relazione sulla Performance 2024",
                     [("Territorio", "Promuovere il turismo"), ("Efficienza", "Ridurre i tempi di pagamento")])
    reports = _read(tmp_path, text)["reports"]
    assert [r["ente"] for r in reports] == ["Camera di Commercio di Borgoalto", "Camera di Commercio di Valdimare"]
    assert [r["kind"] for r in reports] == ["relazione", "relazione"]
    assert _codes(reports[0], "strategic") == ["1.1", "2.1"] == _codes(reports[1], "strategic")
    assert reports[0]["objectives"][1]["title"] == "Sostenere le filiere"
    assert reports[1]["objectives"][1]["title"] == "Promuovere il turismo"
    assert [len(r["indicators"]) for r in reports] == [2, 2]


def test_a_new_title_over_restarting_codes_starts_a_report(tmp_path: Path) -> None:
    first = _chamber("Borgoalto", "Relazione sulla Performance 2023", [("Competitività", "Sostenere le filiere")])
    second = "Piano della Performance 2024\n\n" + _chamber("Borgoalto", "", [("Digitale", "Diffondere lo SPID")])
    second = second.replace("Camera di Commercio di Borgoalto\n\n\n\n", "")
    reports = _read(tmp_path, first + second)["reports"]
    assert [r["kind"] for r in reports] == ["relazione", "piano"]
    assert [r["ente"] for r in reports] == ["Camera di Commercio di Borgoalto"] * 2
    assert [o["title"] for o in reports[1]["objectives"]] == ["Digitale", "Diffondere lo SPID"]


def test_prose_mentions_and_running_headers_stay_one_report(tmp_path: Path) -> None:
    text = _chamber("Borgoalto", "Relazione sulla Performance 2024", [("Competitività", "Sostenere le filiere")])
    text += ("Nel 2024 la Camera di Commercio di Valdimare ha approvato con la Camera di Commercio di Borgoalto "
             "un accordo per i servizi associati.\n\n")
    text += "Camera di Commercio di Borgoalto\n\n" + "\n".join(  # a page header over the detail: codes again
        ["AREA STRATEGICA 1 - Competitività", "", "OBIETTIVO STRATEGICO 1.1 - Sostenere le filiere", "",
         "Indicatore\tTarget\tConsuntivo", "Imprese accompagnate\t>= 10\t12", ""])
    text += "\nCamera di Commercio di Borgoalto\n\nAREA STRATEGICA 2 - Servizi\n"
    (report,) = _read(tmp_path, text)["reports"]
    assert report["ente"] == "Camera di Commercio di Borgoalto"
    assert _codes(report, "area") == ["1", "2"]


@pytest.fixture(scope="module")
def merged() -> list[dict]:
    return extract_file(sample("cremona_mantova_pavia_relazione_2024.txt"), "generic").to_dict()["reports"]


def test_the_merged_sample_read_generically_gives_each_chamber_its_reports(merged: list[dict]) -> None:
    assert [(r["ente"].rsplit(" ", 1)[-1], r["kind"]) for r in merged] == [
        ("Cremona", "relazione"), ("Cremona", "pira"), ("Mantova", "relazione"), ("Pavia", "relazione"),
        ("Cremona", "relazione"),  # the addendum with Cremona's final values, as the composite profile reads it
    ]
    assert all(r["year"] == 2024 for r in merged)
    assert merged[0]["reference_date"] == "2024-11-14"


def test_each_report_of_the_merged_sample_holds_its_own_objectives(merged: list[dict]) -> None:
    cremona, pira, mantova, pavia, addendum = merged
    assert {"2024_01_01", "2024_04_02"} <= set(_codes(cremona, "strategic"))
    assert "1.1" not in _codes(cremona, "strategic")
    integra = {f"{a}.{b}" for a, b in [(1, 1), (2, 1), (2, 2), (3, 1), (3, 2), (3, 3), (3, 4), (4, 1), (4, 2), (4, 3),
                                       (4, 4), (4, 5)]}
    assert set(_codes(mantova, "strategic")) == integra
    assert _codes(mantova, "area") == ["1", "2", "3", "4"]
    assert not any(c and c.startswith("2024_") for c in _codes(mantova, "operational") + _codes(pavia, "operational"))
    # the PIRA's objectives are one level, classified by mission and programme (generic.toml [kinds.pira])
    assert _codes(pira, "strategic") == ["011-005-001", "012-004-001", "016-005-001", "032-002-001", "032-003-001"]
    assert _codes(pira, "area") == _codes(pira, "operational") == []
    assert len(pira["indicators"]) == 11
    assert _codes(addendum, "strategic") == ["2024_04_02"]


@pytest.mark.parametrize("path", [sample(n) for n in SINGLE_SAMPLES] + sorted(GENERIC_DATA.glob("*.txt")),
                         ids=lambda p: p.name)
def test_a_document_with_one_report_is_left_whole(path: Path) -> None:
    doc = read_document(path)
    (part,) = split_reports(doc, get_profile("generic"))
    assert part is doc
