"""Batch extraction: folders walked, bad files reported while the others go on, summary.csv,
up-to-date outputs skipped unless --force, the same results with one worker or two."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES
from relazione.cli.main import main

BATCH_SAMPLES = ["brescia_pira_2020_ocr.txt", "brescia_pira_2020_ocr.docx", "brescia_piano_2018_semestrale.txt"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "2020").mkdir(parents=True)
    for name in BATCH_SAMPLES:
        shutil.copy(SAMPLES / name, src / "2020" / name)
    (src / "vuoto.txt").write_bytes(b"")
    (src / "rotto.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (src / "note.odt").write_bytes(b"ignored: not a supported extension")
    return src


def summary_rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8") as fh:
        return {Path(r["file"]).name: r for r in csv.DictReader(fh)}


def test_batch_keeps_going_past_bad_files_and_writes_a_correct_summary(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(folder), "-o", str(out), "-j", "1"]) == 2  # some files failed
    rows = summary_rows(out)
    assert set(rows) == {*BATCH_SAMPLES, "vuoto.txt", "rotto.pdf"}
    assert rows["vuoto.txt"]["error"] == "file vuoto"
    assert "PDF" in rows["rotto.pdf"]["error"]
    pira = rows["brescia_pira_2020_ocr.txt"]
    assert (pira["profile"], pira["objectives"], pira["indicators"]) == ("brescia_pira", "25", "37")
    outputs = sorted(p.name for p in (out / "2020").iterdir())  # folder structure kept
    assert len(outputs) == 3 and "brescia_pira_2020_ocr.json" in outputs  # same stem, .txt and .docx: both kept
    assert not (out / "vuoto.json").exists()


def test_rerun_skips_up_to_date_outputs_unless_forced(folder: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    main(["extract", str(folder / "2020"), "-o", str(out), "-j", "1"])
    target = out / "brescia_pira_2020_ocr.json"
    os.utime(target, (1, 1))  # older than its input: redone
    stamp = (out / "brescia_piano_2018_semestrale.json").stat().st_mtime_ns
    capsys.readouterr()
    assert main(["extract", str(folder / "2020"), "-o", str(out), "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert err.count("già aggiornato") == 2 and target.stat().st_mtime > 1
    assert (out / "brescia_piano_2018_semestrale.json").stat().st_mtime_ns == stamp
    assert summary_rows(out)["brescia_piano_2018_semestrale.txt"]["indicators"] == "38"  # read back from output
    main(["extract", str(folder / "2020"), "-o", str(out), "-j", "1", "--force"])
    assert "già aggiornato" not in capsys.readouterr().err


def test_two_workers_give_the_same_outputs_as_one(folder: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    main(["extract", str(folder / "2020"), "-o", str(one), "-j", "1"])
    main(["extract", str(folder / "2020"), "-o", str(two), "-j", "2"])
    for out in one.rglob("*.json"):
        assert out.read_bytes() == (two / out.relative_to(one)).read_bytes()


def test_output_file_for_a_folder_is_a_clear_error(folder: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out.json"
    out.write_text("{}", encoding="utf-8")
    assert main(["extract", str(folder), "-o", str(out)]) == 2
    assert "OUT deve essere una cartella" in capsys.readouterr().err


def test_convert_batch_writes_one_word_file_per_report_and_a_summary(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "word"
    assert main(["convert", str(folder / "2020"), "-o", str(out), "-j", "2"]) == 0
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".docx") == [
        "brescia_piano_2018_semestrale.docx", "brescia_pira_2020_ocr.docx", "brescia_pira_2020_ocr.txt.docx"]
    rows = summary_rows(out)
    assert rows["brescia_piano_2018_semestrale.txt"]["indicators"] == "38"
    assert not any(r["error"] for r in rows.values())
