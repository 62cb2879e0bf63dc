"""The machine, not the input: read-only folders, full disks, odd names, two runs racing for one output.

Each case runs the real command in a real process and wants one Italian line naming the user's path,
exit 2, and nothing left behind. Tests run as root in CI, and root ignores file permissions: a
permission is denied inside a user namespace (where root's power over files is gone), read-only and
full file systems are small tmpfs mounts in a private mount namespace (gone with the process); where
the machine allows neither, the test is skipped. RLIMIT_FSIZE gives a "full disk" anywhere.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import multiprocessing
import os
import queue
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import sample

TEXT = sample("brescia_piao_2024_semestrale.txt")
LATIN1 = os.fsdecode(b"perform\xe0nce")  # a Latin-1 name from an old share: not UTF-8
SHOWN = "perform\\xe0nce"  # how it reads in messages, summaries and the JSON


def relazione(*args: object, cwd: Path, wrap: list[str] | None = None, limit_bytes: int | None = None
              ) -> subprocess.CompletedProcess[bytes]:
    """The command in its own process (stdout/stderr as bytes: what a terminal would receive)."""
    def limit() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    cmd = [*(wrap or []), sys.executable, "-m", "relazione", *map(os.fsencode, args)]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=300, preexec_fn=limit, check=False)


def one_error_line(proc: subprocess.CompletedProcess[bytes], path: str, problem: str) -> None:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert err == f"relazione: errore: {path}: {problem}\n", err
    assert "errore interno" not in err and ".tmp" not in err


def _mounted(tmp_path: Path, options: str) -> list[str]:
    """A wrapper running a command with a fresh tmpfs (``options``) on tmp_path/mnt, seen by it alone."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare non disponibile")
    folder = tmp_path / "mnt"
    folder.mkdir(exist_ok=True)
    wrap = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
            f'mount -t tmpfs -o {options} tmpfs "{folder}" && "$@"; rc=$?; ls -A "{folder}" >&2; exit $rc', "-"]
    probe = subprocess.run([*wrap, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"nessun tmpfs montabile qui: {probe.stderr.decode(errors='replace').strip()}")
    return wrap


def test_read_only_folder_names_the_output_not_a_temporary_file(tmp_path: Path) -> None:
    wrap = _mounted(tmp_path, "ro")
    proc = relazione("extract", TEXT, "-o", "mnt/out.json", cwd=tmp_path, wrap=wrap)
    # the wrapper lists the folder after the command: empty
    one_error_line(proc, "mnt/out.json", "la cartella è in sola lettura")


def test_full_disk_names_the_output_and_leaves_no_partial_file(tmp_path: Path) -> None:
    wrap = _mounted(tmp_path, "size=64k")  # the JSON of the sample is about 350 KB
    proc = relazione("extract", TEXT, "-o", "mnt/out.json", cwd=tmp_path, wrap=wrap)
    one_error_line(proc, "mnt/out.json", "disco pieno: spazio esaurito")


def test_disk_full_at_the_third_of_four_documents_leaves_none_of_them(tmp_path: Path) -> None:
    """Four reports, four Word files of 92, 38, 127 and 111 KB: the first two fit in 200 KB, the third does not."""
    wrap = _mounted(tmp_path, "size=200k")
    records = sample("expected") / "cremona_mantova_pavia_relazione_2024.json"
    proc = relazione("render", records, "-o", "mnt/relazione.docx", cwd=tmp_path, wrap=wrap)
    one_error_line(proc, "mnt/relazione_3.docx", "disco pieno: spazio esaurito")


def test_file_size_limit_is_a_full_disk_and_leaves_nothing(tmp_path: Path) -> None:
    proc = relazione("extract", TEXT, "-o", "out.json", cwd=tmp_path, limit_bytes=64 * 1024)
    one_error_line(proc, "out.json", "disco pieno: il file supera la dimensione massima consentita")
    assert os.listdir(tmp_path) == []


def test_permission_denied_names_the_output_even_for_root(tmp_path: Path) -> None:
    folder = tmp_path / "sola_lettura"
    folder.mkdir()
    folder.chmod(0o555)
    # in a user namespace of its own, even root is just the owner of the folder, bound by its mode
    wrap = ["unshare", "--user"] if os.geteuid() == 0 else []
    if wrap and subprocess.run([*wrap, "true"], capture_output=True, check=False).returncode != 0:
        pytest.skip("nessun namespace utente: da root i permessi non si possono negare")
    try:
        proc = relazione("extract", TEXT, "-o", "sola_lettura/out.json", cwd=tmp_path, wrap=wrap)
        one_error_line(proc, "sola_lettura/out.json", "permesso negato")
        assert os.listdir(folder) == []
        records = tmp_path / "dati.json"
        shutil.copy(sample("expected") / "brescia_piao_2024_semestrale.json", records)
        records.chmod(0o000)
        proc = relazione("render", "dati.json", "-o", "out.docx", cwd=tmp_path, wrap=wrap)
        one_error_line(proc, "dati.json", "permesso negato")
    finally:
        folder.chmod(0o755)


def test_name_too_long_is_named_and_a_long_name_that_fits_is_written(tmp_path: Path) -> None:
    too_long = "a" * 300 + ".json"
    proc = relazione("extract", TEXT, "-o", too_long, cwd=tmp_path)
    one_error_line(proc, too_long, "nome del file troppo lungo")
    fits = "b" * 250 + ".json"  # the temporary file beside it must not be the one too long
    assert relazione("extract", TEXT, "-o", fits, cwd=tmp_path).returncode == 0
    assert os.listdir(tmp_path) == [fits]


def test_output_under_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "dati.json").write_text("{}", encoding="utf-8")
    proc = relazione("extract", TEXT, "-o", "dati.json/out.json", cwd=tmp_path)
    one_error_line(proc, "dati.json/out.json", "una parte del percorso non è una cartella")


def test_latin1_file_name_end_to_end(tmp_path: Path) -> None:
    shutil.copy(TEXT, tmp_path / f"{LATIN1}.txt")
    proc = relazione("extract", f"{LATIN1}.txt", "-o", f"{LATIN1}.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode("utf-8").startswith(f"{SHOWN}.txt: profilo brescia_piao, 1 report, 39 obiettivi")
    data = json.loads((tmp_path / f"{LATIN1}.json").read_bytes())
    assert data["source"]["path"] == f"{SHOWN}.txt"
    for args in (("extract", f"{LATIN1}.txt", "-o", f"{LATIN1}.xlsx"),
                 ("render", f"{LATIN1}.json", "-o", f"{LATIN1}.docx"),
                 ("check", f"{LATIN1}.json", "--format", "json", "-o", f"{LATIN1}_verifica.json"),
                 ("detect", f"{LATIN1}.txt")):
        proc = relazione(*args, cwd=tmp_path)
        assert proc.returncode in (0, 1), (args, proc.stderr)
        assert b"errore" not in proc.stderr and b"\\udc" not in proc.stdout + proc.stderr, args
    assert {f"{LATIN1}.xlsx", f"{LATIN1}.docx", f"{LATIN1}_verifica.json"} <= set(os.listdir(tmp_path))
    again = relazione("extract", f"{LATIN1}.txt", "-o", f"{LATIN1}.json", cwd=tmp_path)
    one_error_line(again, f"{SHOWN}.json", "il file esiste già; usare --force per sovrascriverlo")


def test_latin1_file_name_in_a_batch_keeps_every_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TEXT, folder / f"{LATIN1}.txt")
    shutil.copy(TEXT, folder / "piao.txt")
    long_input = "c" * 251 + ".txt"  # fits; its output, .json, is one character too long
    shutil.copy(TEXT, folder / long_input)
    proc = relazione("extract", "in", "-o", "out", "-j", "2", cwd=tmp_path)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "errore interno" not in out + err
    assert f"{SHOWN}.txt" in out and "3 file: 2 ok, 1 con errore" in out
    assert sorted(os.listdir(tmp_path / "out")) == sorted([f"{LATIN1}.json", "piao.json", "summary.csv"])
    with (tmp_path / "out" / "summary.csv").open(encoding="utf-8") as fh:
        errors = {Path(r["file"]).name: r["error"] for r in csv.DictReader(fh)}
    assert errors == {f"{SHOWN}.txt": "", "piao.txt": "", long_input: "nome del file troppo lungo"}


def test_force_refuses_to_replace_a_symlink_or_a_fifo(tmp_path: Path) -> None:
    kept = tmp_path / "altro.json"
    kept.write_text("{}", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(kept)
    os.mkfifo(tmp_path / "fifo.json")
    for name, kind in (("link.json", "un collegamento simbolico"), ("fifo.json", "una fifo (pipe con nome)")):
        proc = relazione("extract", TEXT, "-o", name, "--force", cwd=tmp_path)
        one_error_line(proc, name, f"è {kind}, non un file da sovrascrivere: scrivo solo file normali")
    assert kept.read_text(encoding="utf-8") == "{}"
    assert (tmp_path / "link.json").is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["altro.json", "fifo.json", "link.json"]


def _race(folder: str, me: int, rounds: int, start: multiprocessing.synchronize.Barrier,
          wins: multiprocessing.Queue) -> None:
    from relazione.errors import RelazioneError
    from relazione.fileio import write_atomic

    for n in range(rounds):
        start.wait()  # both writers reach the same new name at the same moment
        try:
            write_atomic(Path(folder) / f"out_{n}.json", f"writer {me}\n".encode() * 50_000)
            wins.put((n, me))
        except RelazioneError as exc:
            assert exc.problem.startswith("il file esiste già"), exc


def test_two_writers_racing_for_a_new_output_exactly_one_wins_each_round(tmp_path: Path) -> None:
    rounds = 30
    ctx = multiprocessing.get_context("fork")
    start, wins = ctx.Barrier(2), ctx.Queue()
    writers = [ctx.Process(target=_race, args=(str(tmp_path), me, rounds, start, wins)) for me in (1, 2)]
    for w in writers:
        w.start()
    for w in writers:  # a few small messages in the queue: joining first cannot block on it
        w.join(120)
        assert w.exitcode == 0
    won = []
    with contextlib.suppress(queue.Empty):
        while True:
            won.append(wins.get(timeout=1))
    rounds_won = sorted(n for n, _ in won)
    assert rounds_won == list(range(rounds)), won  # every round: one winner, never two
    for n, me in won:  # and the file is the winner's, whole
        assert (tmp_path / f"out_{n}.json").read_bytes() == f"writer {me}\n".encode() * 50_000
    assert sorted(os.listdir(tmp_path)) == sorted(f"out_{n}.json" for n in range(rounds))


def test_two_commands_writing_the_same_output_one_succeeds_the_other_is_told(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "relazione", "extract", str(TEXT), "-o", "out.json"]
    runs = [subprocess.Popen(cmd, cwd=tmp_path, stderr=subprocess.PIPE) for _ in range(2)]
    results = sorted((p.wait(300), p.stderr.read().decode("utf-8")) for p in runs)
    for p in runs:
        p.stderr.close()
    assert [rc for rc, _ in results] == [0, 2], results
    assert results[1][1] == "relazione: errore: out.json: il file esiste già; usare --force per sovrascriverlo\n"
    assert os.listdir(tmp_path) == ["out.json"]


def test_without_hard_links_a_new_output_is_still_claimed_exclusively(tmp_path: Path, monkeypatch) -> None:
    """FAT on a USB stick, some network shares: link() says EPERM; the name is claimed with O_EXCL."""
    from relazione.errors import RelazioneError
    from relazione.fileio import write_atomic

    def no_links(src: str, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted", src)

    monkeypatch.setattr(os, "link", no_links)
    write_atomic(tmp_path / "out.json", b"complete")
    assert (tmp_path / "out.json").read_bytes() == b"complete"
    with pytest.raises(RelazioneError, match="out.json: il file esiste già"):
        write_atomic(tmp_path / "out.json", b"other")
    assert os.listdir(tmp_path) == ["out.json"]


def test_a_stop_while_the_temporary_file_is_made_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    """A batch's worker is stopped with SIGTERM at any moment, also inside mkstemp after it made the
    file and before it returned its name: the stop must still remove the file. The signal is sent
    just as the file is opened; the handler is the workers'."""
    import signal

    from relazione.cli.interrupt import _exit_cleanly
    from relazione.fileio import write_atomic

    real_open = os.open

    def stopped_here(path: str, flags: int, mode: int = 0o777) -> int:
        fd = real_open(path, flags, mode)
        os.kill(os.getpid(), signal.SIGTERM)
        return fd

    previous = signal.signal(signal.SIGTERM, _exit_cleanly)
    try:
        monkeypatch.setattr(os, "open", stopped_here)
        with pytest.raises(SystemExit):
            write_atomic(tmp_path / "out.json", b"complete")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert os.listdir(tmp_path) == []
