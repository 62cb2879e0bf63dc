"""The command line: outputs, formats, exit codes, and one-line errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import sample
from relazione.cli.main import main

GENERIC_REPORT = (
    "Camera di Commercio di Lodi\nRelazione sulla performance 2023\n\n"
    "AREA STRATEGICA 1\nCompetitività delle imprese\n\n"
    "OBIETTIVO STRATEGICO 1.1\nDigitalizzazione\nPeso 60%\n\n"
    "OBIETTIVO OPERATIVO 1.1.1\nPunto Impresa Digitale\nPeso: 100%\n"
    "Indicatore\tPeso\tTarget\tConsuntivo\n"
    "Imprese assistite\t50%\t>= 100\t130\n"
    "Tempo medio di risposta\t50%\t<= 5 gg\t4 gg\n"
)


def run(*args: str) -> int:
    return main(list(args))


def test_extract_writes_valid_json_with_the_expected_structure(tmp_path: Path) -> None:
    src = tmp_path / "lodi.txt"
    src.write_text(GENERIC_REPORT, encoding="utf-8")
    out = tmp_path / "out.json"
    assert run("extract", str(src), "-o", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    report = data["reports"][0]
    assert data["source"]["profile"] == "generic"
    assert report["ente"] == "Camera di Commercio di Lodi" and report["year"] == 2023
    assert [(o["level"], o["code"], o["parent"], o["weight"]) for o in report["objectives"]] == [
        ("area", "1", None, None), ("strategic", "1.1", "1", 60.0), ("operational", "1.1.1", "1.1", 100.0)]
    first = report["indicators"][0]
    assert (first["objective"], first["n"], first["name"], first["weight"]) == ("1.1.1", 1, "Imprese assistite", 50.0)
    assert first["target_value"] == {"op": ">=", "value": 100.0, "unit": None, "boolean": None, "text": ">= 100"}
    assert first["provenance"] == {"page": None, "line": 15}


def test_existing_output_is_not_overwritten_without_force(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = tmp_path / "lodi.txt"
    src.write_text(GENERIC_REPORT, encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("keep me", encoding="utf-8")
    assert run("extract", str(src), "-o", str(out)) == 2
    assert out.read_text(encoding="utf-8") == "keep me"
    assert "usare --force" in capsys.readouterr().err
    assert run("extract", str(src), "-o", str(out), "--force") == 0


def test_xlsx_has_two_sheets_with_headers_and_frozen_row(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    src = tmp_path / "lodi.txt"
    src.write_text(GENERIC_REPORT, encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert run("extract", str(src), "-o", str(out)) == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["Obiettivi", "Indicatori"]
    ws = wb["Indicatori"]
    assert ws["H1"].value == "Indicatore" and ws["H2"].value == "Imprese assistite"
    assert ws["B1"].value == "Documento" and ws["B2"].value == "Relazione sulla performance"
    assert ws.freeze_panes == "A2" and ws.column_dimensions["H"].width == 60


def test_several_inputs_write_one_output_each_into_a_directory(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(GENERIC_REPORT, encoding="utf-8")
    b.write_text(GENERIC_REPORT, encoding="utf-8")
    out = tmp_path / "out"
    assert run("extract", str(a), str(b), "-o", str(out), "--format", "csv") == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.csv", "summary.csv"]
    assert "Imprese assistite" in (out / "a.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file vuoto"),
        (b"\x00\x01\x02\x03" * 100, "file binario"),
        (b'{"hello": 1}', None),  # JSON that is not records, given to extract: text without structure
    ],
)
def test_bad_input_gives_a_one_line_error_or_an_empty_report(
    tmp_path: Path, capsys: pytest.CaptureFixture, content: bytes, message: str | None
) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(content)
    out = tmp_path / "out.json"
    code = run("extract", str(src), "-o", str(out))
    err = capsys.readouterr().err
    if message:
        assert code == 2 and not out.exists()
        assert err.count("\n") == 1 and message in err and str(src) in err
    else:
        assert code == 0 and "not_a_report" in out.read_text(encoding="utf-8")


def test_text_with_no_structure_gives_an_empty_report_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "lettera.txt"
    src.write_text("Gentile dottoressa,\nle invio la documentazione richiesta.\nCordiali saluti\n", encoding="cp1252")
    out = tmp_path / "out.json"
    assert run("extract", str(src), "-o", str(out), "--strict") == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["warnings"][0]["code"] == "not_a_report"  # a letter: no word of a performance report
    assert "non sembra una relazione/piano della performance" in data["warnings"][0]["message"]


def test_validate_rejects_json_that_is_not_records(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"reports": "nope"}', encoding="utf-8")
    assert run("validate", str(bad)) == 2
    err = capsys.readouterr().err
    assert "non è un file di dati di relazione" in err and err.count("\n") == 1


def test_missing_file_and_unknown_profile_are_clear_errors(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run("extract", str(tmp_path / "nope.pdf"), "-o", str(tmp_path / "o.json")) == 2
    assert "file inesistente" in capsys.readouterr().err
    src = sample("brescia_pira_2020_ocr.txt")
    assert run("extract", str(src), "-o", str(tmp_path / "o.json"), "--profile", "nope") == 2
    assert "profilo sconosciuto 'nope'" in capsys.readouterr().err


def test_detect_prints_the_chosen_profile_and_every_score(capsys: pytest.CaptureFixture) -> None:
    assert run("detect", str(sample("brescia_pira_2020_ocr.txt"))) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(": brescia_pira")
    assert any(line.split()[-1] == "generic" for line in out[1:])


@pytest.mark.parametrize("command", ["extract", "detect", "validate", "profiles"])
def test_every_subcommand_has_help(command: str) -> None:
    result = subprocess.run([sys.executable, "-m", "relazione", command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "uso:" in result.stdout


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "relazione", "--version"], capture_output=True, text=True)
    assert result.stdout.startswith("relazione ")


def test_a_detected_family_that_reads_no_indicator_falls_back_to_generic(tmp_path: Path) -> None:
    # the phrases of the Brescia PIAO family, but another chamber's layout
    src = tmp_path / "lodi_monitoraggio.txt"
    src.write_text(
        "Camera di Commercio di Lodi\n"
        "Rendicontazione semestrale performance al 30 giugno 2024 - Piano integrato di attività e organizzazione\n"
        "Risultati conseguiti al 30/6 e Stato di realizzazione al 30/6\n\n"
        "Obiettivo strategico 1.1 - Digitalizzazione delle imprese (Peso: 60%)\n"
        "Obiettivo operativo 1.1.1 - Punto impresa digitale (Peso: 100%)\n"
        "Indicatore\tPeso\tTarget\tConsuntivo\nImprese assistite\t100%\t>= 100\t130\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    assert run("extract", str(src), "-o", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"]["profile"] == "generic" and data["warnings"][0]["code"] == "fallback_generic"
    assert [i["name"] for i in data["reports"][0]["indicators"]] == ["Imprese assistite"]


def test_a_word_output_name_for_extract_names_the_command_that_writes_word(tmp_path: Path, capsys) -> None:
    src = tmp_path / "lodi.txt"
    src.write_text(GENERIC_REPORT, encoding="utf-8")
    assert run("extract", str(src), "-o", str(tmp_path / "lodi.docx")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "relazione convert" in err and not (tmp_path / "lodi.docx").exists()


def test_records_given_to_extract_point_to_render(tmp_path: Path, capsys) -> None:
    src = tmp_path / "lodi.txt"
    src.write_text(GENERIC_REPORT, encoding="utf-8")
    assert run("extract", str(src), "-o", str(tmp_path / "lodi.json")) == 0
    capsys.readouterr()
    assert run("extract", str(tmp_path / "lodi.json"), "-o", str(tmp_path / "again.json")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "relazione render" in err and not (tmp_path / "again.json").exists()


@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_folder_where_records_are_expected_is_a_one_line_error(command: str, tmp_path: Path, capsys) -> None:
    args = [command, str(tmp_path)] + (["-o", str(tmp_path / "x.docx")] if command == "render" else [])
    assert run(*args) == 2
    err = capsys.readouterr().err
    assert err == f"relazione: errore: {tmp_path}: è una cartella, non un file di dati (.json)\n"


def test_help_and_command_line_errors_are_in_italian(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["extract"])
    err = capsys.readouterr().err
    assert "uso: relazione extract" in err and "errore: mancano gli argomenti obbligatori" in err
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "mostra questo aiuto ed esce" in out and "usage" not in out and "show this help" not in out


def test_a_data_output_name_for_convert_names_extract_and_a_template_that_is_no_docx_is_one_line(
        tmp_path: Path, capsys) -> None:
    src = tmp_path / "lodi.txt"
    src.write_text(GENERIC_REPORT, encoding="utf-8")
    assert run("convert", str(src), "-o", str(tmp_path / "lodi.json")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "relazione extract" in err and not (tmp_path / "lodi.json").exists()
    assert run("convert", str(src), "-o", str(tmp_path / "lodi.docx"), "-t", str(src)) == 2
    err = capsys.readouterr().err
    assert err == f"relazione: errore: {src}: non è un modello Word (.docx) leggibile (BadZipFile)\n"
