"""Extraction of files to outputs: the work behind ``relazione extract``.

One input file with an output file is the simple case: errors stop the command (exit 2). A folder,
or several inputs, is a batch (:mod:`relazione.cli.batch`): outputs go into the output folder, files
run in parallel, and a bad file is reported in the summary while the others go on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from relazione.cli.batch import FileResult, Job, collect_inputs, plan_jobs, run_batch
from relazione.errors import RelazioneError, shown_path
from relazione.extract.pipeline import extract_file
from relazione.readers.pdf_reading import DEFAULT_READING, PdfReading
from relazione.records.export import EXTENSIONS, FOR_PEOPLE, write_records
from relazione.records.model import Records

EXIT_OK, EXIT_WARNINGS, EXIT_BAD_INPUT = 0, 1, 2
MAX_WARNINGS_SHOWN = 5


def format_for(out: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    return {".xlsx": "xlsx", ".csv": "csv"}.get(out.suffix.lower(), "json")


def _refuse_records(inputs: list[Path]) -> None:
    """A records JSON is already extracted: the user meant another command."""
    for path in inputs:
        if path.suffix.lower() == ".json":
            raise RelazioneError(str(path), "è un file di dati già estratto: per il documento Word usare "
                                            "`relazione render`, per controllarlo `relazione validate`")


def _refuse_suffix(out: Path, fmt: str | None) -> None:
    """extract writes records; a Word or PDF output name means the user wanted convert."""
    if fmt is None and out.suffix.lower() in (".docx", ".doc", ".pdf", ".odt"):
        raise RelazioneError(str(out), "extract scrive dati (.json, .xlsx, .csv): per un documento Word o PDF "
                                       "usare `relazione convert`")


def is_batch(inputs: list[Path], out: Path) -> bool:
    return len(inputs) > 1 or any(p.is_dir() for p in inputs) or out.is_dir()


def summary_line(path: Path, records: Records) -> str:
    n_obj = sum(len(r.objectives) for r in records.reports)
    n_ind = sum(len(r.indicators) for r in records.reports)
    line = (f"{shown_path(path)}: profilo {records.source.profile}, {len(records.reports)} report, "
            f"{n_obj} obiettivi, {n_ind} indicatori")
    if records.warnings:
        n_warn = len(records.warnings)
        line += f", {n_warn} {'avviso' if n_warn == 1 else 'avvisi'}"
    return line


def print_summary(path: Path, records: Records) -> None:
    print(summary_line(path, records), file=sys.stderr)
    for w in records.warnings[:MAX_WARNINGS_SHOWN]:
        print(f"  avviso {w.code} ({w.provenance}): {w.message}", file=sys.stderr)
    if len(records.warnings) > MAX_WARNINGS_SHOWN:
        more = len(records.warnings) - MAX_WARNINGS_SHOWN
        print(f"  ... {'un altro avviso' if more == 1 else f'altri {more} avvisi'} nel file scritto", file=sys.stderr)


def _for(records: Records, fmt: str) -> Records:
    """The sheets for people carry the computed grado di raggiungimento: score them (the JSON stays as read)."""
    from relazione.scoring.aggregate import score_records

    return score_records(records) if fmt in FOR_PEOPLE else records


def extract_job(job: Job) -> FileResult:
    """One file of a batch (a top-level function: worker processes must be able to import it)."""
    records = extract_file(job.source, job.options.get("profile"), job.options["pdf_reading"])  # type: ignore[arg-type]
    write_records(_for(records, str(job.options["format"])), job.target, str(job.options["format"]), force=True)
    return FileResult(
        job.source, profile=records.source.profile,
        objectives=sum(len(r.objectives) for r in records.reports),
        indicators=sum(len(r.indicators) for r in records.reports), warnings=len(records.warnings),
    )


def extract_files(inputs: list[Path], out: Path, *, fmt: str | None, profile_name: str | None,
                  force: bool, strict: bool, jobs: int | None = None, pdf_reading: PdfReading = DEFAULT_READING) -> int:
    _refuse_records(inputs)
    if not is_batch(inputs, out):
        _refuse_suffix(out, fmt)
        records = extract_file(inputs[0], profile_name, pdf_reading)
        write_records(_for(records, format_for(out, fmt)), out, format_for(out, fmt), force=force)
        print_summary(inputs[0], records)
        return EXIT_WARNINGS if strict and records.warnings else EXIT_OK
    if out.exists() and not out.is_dir():
        raise RelazioneError(str(out), "con più documenti o una cartella, OUT deve essere una cartella")
    fmt = fmt or "json"
    plan = plan_jobs(collect_inputs(inputs), out, EXTENSIONS[fmt], {"format": fmt, "profile": profile_name,
                                                                     "pdf_reading": pdf_reading})
    if not plan:
        raise RelazioneError(str(inputs[0]), "nessun documento da leggere (.txt, .pdf, .docx, .xlsx)")
    results = run_batch(extract_job, plan, out, force=force, n_workers=jobs)
    if any(r.error for r in results):
        return EXIT_BAD_INPUT
    return EXIT_WARNINGS if strict and any(r.warnings for r in results) else EXIT_OK
