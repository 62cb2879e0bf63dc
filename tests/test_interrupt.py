"""Stopping a batch: Ctrl-C (to the whole process group, as a terminal sends it) and SIGTERM.

Each test runs the real command on copies of a sample in a new session, so signals reach only it."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import sample

N_FILES = 16
WAIT = 30  # seconds: a stopped batch must be gone well before this


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(N_FILES):
        shutil.copy(sample("brescia_piao_2024_semestrale.txt"), src / f"piao_{i:02}.txt")
    return src


def _start(folder: Path, out: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "relazione", "extract", str(folder), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    line = proc.stderr.readline()  # the first file done: the workers are busy with the next ones
    assert line.startswith("[1/"), line
    return proc


def _group_gone(pgid: int) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def _summary(out: Path) -> dict[str, str]:
    with (out / "summary.csv").open(encoding="utf-8") as fh:
        return {Path(r["file"]).name: r["error"] for r in csv.DictReader(fh)}


def test_ctrl_c_stops_the_batch_writes_what_was_done_and_leaves_nothing_behind(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _start(folder, out)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=WAIT)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and stderr.rstrip().endswith("relazione: interrotto")
    rows = _summary(out)
    done = [name for name, error in rows.items() if not error]
    stopped = [name for name, error in rows.items() if error == "interrotto"]
    assert len(rows) == N_FILES and done and stopped and len(done) + len(stopped) == N_FILES
    assert "interrotto" in stdout  # the summary table on the terminal says it too
    assert sorted(p.stem for p in out.glob("*.json")) == sorted(Path(n).stem for n in done)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
    assert _group_gone(proc.pid)  # no worker outlives the command


def test_a_second_ctrl_c_exits_at_once(folder: Path, tmp_path: Path) -> None:
    proc = _start(folder, tmp_path / "out")
    os.killpg(proc.pid, signal.SIGINT)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=WAIT)
    assert proc.returncode == 130 and "Traceback" not in stderr
    assert _group_gone(proc.pid)


def test_sigterm_to_the_command_alone_stops_its_workers_too(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _start(folder, out)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=WAIT)
    assert proc.returncode == 143 and "Traceback" not in stderr
    assert "interrotto" in _summary(out).values()
    assert _group_gone(proc.pid)
