"""Batch work over many files: ``relazione extract DIR/ -o OUTDIR/`` (and ``convert``).

Files run in parallel (``-j N``, default the core count), a bad file does not stop the others,
a progress bar shows on a terminal (plain lines in CI and pipes), and the run ends with a summary
table, also written as ``OUTDIR/summary.csv``. An output newer than its input is skipped unless
``--force``: re-running a migration only redoes what changed.

Interrupted (Ctrl-C, SIGTERM): no new file starts, the workers are stopped (a running file is
abandoned, its temporary output removed), the summary of what was done is written with the rest
marked "interrotto", and the command exits 130 (143 for SIGTERM). A second Ctrl-C while stopping
leaves at once. Workers ignore Ctrl-C themselves (the parent decides) and die with their parent.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from relazione.cli.interrupt import Interrupted, worker_setup
from relazione.errors import RelazioneError, shown_path
from relazione.fileio import write_atomic

INPUT_SUFFIXES = (".txt", ".text", ".pdf", ".docx", ".xlsx", ".xlsm")
SUMMARY_NAME = "summary.csv"
SUMMARY_HEADER = ["file", "profile", "objectives", "indicators", "warnings", "error"]
INTERRUPTED = "interrotto"


@dataclass(slots=True)
class Job:
    source: Path
    target: Path
    options: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class FileResult:
    source: Path
    profile: str = ""
    objectives: int = 0
    indicators: int = 0
    warnings: int = 0
    error: str = ""
    skipped: bool = False

    def row(self) -> list[object]:
        return [shown_path(self.source), self.profile, self.objectives, self.indicators, self.warnings, self.error]


Work = Callable[[Job], FileResult]


def collect_inputs(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(file, name relative to what the user gave) for every input; folders are walked."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
                if file.is_file() and file.suffix.lower() in INPUT_SUFFIXES and not hidden:
                    found.append((file, file.relative_to(path)))
        else:
            found.append((path, Path(path.name)))
    return found


def plan_jobs(inputs: list[tuple[Path, Path]], outdir: Path, suffix: str, options: dict[str, object]) -> list[Job]:
    jobs, seen = [], set()
    for source, relative in inputs:
        target = outdir / relative.with_suffix(suffix)
        if target in seen:  # a.pdf and a.docx in one folder: keep both outputs apart
            target = outdir / relative.with_name(f"{relative.name}{suffix}")
        seen.add(target)
        jobs.append(Job(source, target, options))
    return jobs


def is_up_to_date(job: Job) -> bool:
    try:
        return job.target.stat().st_mtime >= job.source.stat().st_mtime
    except OSError:  # absent, or unreadable: the job itself says what is wrong with the file
        return False


def skipped_result(job: Job) -> FileResult:
    """A skipped file still gets its figures in the summary, read back from its JSON output."""
    result = FileResult(job.source, skipped=True)
    if job.target.suffix == ".json":
        try:
            data = json.loads(job.target.read_text(encoding="utf-8"))
            result.profile = data["source"]["profile"]
            result.objectives = sum(len(r["objectives"]) for r in data["reports"])
            result.indicators = sum(len(r["indicators"]) for r in data["reports"])
            result.warnings = len(data.get("warnings", []))
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return result


def safe(work: Work, job: Job) -> FileResult:
    """Run one job; any failure becomes the file's error, so the batch keeps going."""
    try:
        job.target.parent.mkdir(parents=True, exist_ok=True)
        return work(job)
    except RelazioneError as exc:
        return FileResult(job.source, error=exc.problem)
    except OSError as exc:  # a full disk, a read-only folder ...: this file's error, the others go on
        return FileResult(job.source, error=RelazioneError.from_os(exc).problem)
    except MemoryError:
        return FileResult(job.source, error="memoria esaurita")
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a migration of hundreds
        return FileResult(job.source, error=f"errore interno ({exc.__class__.__name__}: {exc})")


def _run(work: Work, jobs: list[Job], n_workers: int) -> Iterator[FileResult]:
    if n_workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield safe(work, job)
        return
    # multiprocessing.Pool, not concurrent.futures: an interrupted batch must stop its running
    # workers (Pool.terminate), not wait for them.
    import multiprocessing

    pool = multiprocessing.Pool(min(n_workers, len(jobs)), initializer=worker_setup)
    try:
        yield from pool.imap_unordered(functools.partial(safe, work), jobs)
        pool.close()
    finally:
        pool.terminate()  # after close(): the workers are idle; after an interruption: stopped now
        pool.join()


class Progress:
    """tqdm on a terminal; one plain line per file otherwise (CI logs, pipes)."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=sys.stderr, leave=False)

    def update(self, result: FileResult) -> None:
        self.done += 1
        state = "saltato (già aggiornato)" if result.skipped else (f"ERRORE: {result.error}" if result.error else "ok")
        if self.bar is not None:
            self.bar.set_postfix_str(shown_path(result.source.name)[:30])
            self.bar.update()
        else:
            print(f"[{self.done}/{self.total}] {shown_path(result.source)}: {state}", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def summary_table(results: list[FileResult]) -> str:
    header = ["file", "profilo", "obiettivi", "indicatori", "avvisi", "errore"]
    rows = [[shown_path(r.source.name), r.profile, str(r.objectives), str(r.indicators), str(r.warnings),
             r.error or ("(già aggiornato)" if r.skipped else "")] for r in results]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(header)]
    widths[-1] = len(header[-1])  # the error column is last: no padding needed
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    ok = sum(1 for r in results if not r.error)
    lines.append(f"{len(results)} file: {ok} ok, {len(results) - ok} con errore, "
                 f"{sum(1 for r in results if r.skipped)} già aggiornati")
    return "\n".join(lines)


def write_summary(results: list[FileResult], outdir: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(SUMMARY_HEADER)
    writer.writerows(r.row() for r in results)
    write_atomic(outdir / SUMMARY_NAME, buf.getvalue().encode("utf-8"), force=True)


def run_batch(work: Work, jobs: list[Job], outdir: Path, *, force: bool, n_workers: int | None) -> list[FileResult]:
    """Every job's result, in the jobs' order; raises Interrupted (after writing the summary of what
    was done) when the user or the system stops the batch."""
    outdir.mkdir(parents=True, exist_ok=True)
    n_workers = n_workers or os.cpu_count() or 1
    started = time.time()
    todo = [j for j in jobs if force or not is_up_to_date(j)]
    results = {j.source: skipped_result(j) for j in jobs if j not in todo}
    progress = Progress(len(jobs))
    for result in results.values():
        progress.update(result)
    try:
        with contextlib.closing(_run(work, todo, n_workers)) as stream:  # closing it stops the workers
            for result in stream:
                results[result.source] = result
                progress.update(result)
    except Interrupted:
        progress.close()
        _count_written(todo, results, started)
        try:
            _finish(jobs, results, outdir)
        except RelazioneError as exc:  # summary.csv unwritable: say so, and still stop as interrupted
            print(f"relazione: errore: {exc}", file=sys.stderr)
        raise
    progress.close()
    return _finish(jobs, results, outdir)


def _count_written(todo: list[Job], results: dict[Path, FileResult], started: float) -> None:
    """A worker stopped by the interruption may have put its complete output in place (writes are
    atomic) before its result reached us: that file is done, and the summary must say so."""
    for job in todo:
        try:
            written = job.source not in results and job.target.stat().st_mtime >= started
        except OSError:
            continue
        if written:
            results[job.source] = replace(skipped_result(job), skipped=False)


def _finish(jobs: list[Job], results: dict[Path, FileResult], outdir: Path) -> list[FileResult]:
    ordered = [results.get(j.source) or FileResult(j.source, error=INTERRUPTED) for j in jobs]
    print(summary_table(ordered))  # first: the table shows even where summary.csv cannot be written
    write_summary(ordered, outdir)
    return ordered
