"""The work behind ``relazione score``, ``render`` and ``convert``: records in, scored records or Word out."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from relazione.cli.batch import FileResult, Job, collect_inputs, plan_jobs, run_batch
from relazione.errors import RelazioneError, os_problem, shown_path
from relazione.extract.pipeline import load_records
from relazione.fileio import refuse_existing
from relazione.readers.pdf_reading import DEFAULT_READING, PdfReading
from relazione.records.model import Records, Report, save
from relazione.scoring.aggregate import FULL_COVERAGE, score_records
from relazione.scoring.methods import get_method
from relazione.scoring.tree import records_tree, render_summary

if TYPE_CHECKING:
    from relazione.render.trend import Trend

DOCUMENT_SUFFIXES = (".docx", ".pdf")


def _method(name: str) -> str:
    try:
        get_method(name)
    except ValueError as exc:
        raise RelazioneError(None, str(exc)) from None
    return name


def score_file(path: Path, out: Path | None, *, method: str, force: bool, indicators: bool,
               min_coverage: float = FULL_COVERAGE, pdf_reading: PdfReading = DEFAULT_READING) -> int:
    if out is not None:
        refuse_existing(out, force)
    records = load_records(path, pdf_reading=pdf_reading)
    scored = score_records(records, method=_method(method), min_coverage=min_coverage)
    sys.stdout.write(records_tree(scored, bands=get_method(method).bands, indicators=indicators))
    if out is not None:
        save(scored, out, force=force)
        print(f"{shown_path(out)}: records con i punteggi calcolati scritti", file=sys.stderr)
    return 0


def _outputs_for(out: Path, records: Records, report_number: int | None) -> list[tuple[int, Path]]:
    """(report index, output path): one report -> OUT; several -> OUT_1.docx, OUT_2.docx ..."""
    n = len(records.reports)
    if n == 0:
        raise RelazioneError(records.source.path, "nessun report nei dati: niente da generare")
    if report_number is not None:
        if not 1 <= report_number <= n:
            raise RelazioneError(records.source.path, f"--report {report_number}: i dati contengono {n} report")
        return [(report_number - 1, out)]
    if n == 1:
        return [(0, out)]
    return [(i, out.with_name(f"{out.stem}_{i + 1}{out.suffix}")) for i in range(n)]


def _files_for(target: Path, pdf: bool) -> list[Path]:
    """What one report writes: OUT.pdf alone (-o x.pdf), OUT.docx and OUT.pdf (--pdf), or OUT.docx."""
    if target.suffix.lower() == ".pdf":
        return [target]
    return [target, target.with_suffix(".pdf")] if pdf else [target]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What ``render`` and ``convert`` were asked for: one value through single files and batch workers."""

    method: str = "integra"
    template: Path | None = None
    force: bool = False
    report_number: int | None = None
    min_coverage: float = FULL_COVERAGE
    pdf: bool = False
    kind: str | None = None  # --tipo: the document to produce, whatever the records' kind
    profile: str | None = None  # for documents extracted first
    pdf_reading: PdfReading = DEFAULT_READING  # how PDFs are read (--pdf-engine, --ocr)
    history: tuple[Path, ...] = ()  # --storico: earlier years' records or documents, for "Andamento negli anni"


def _as_pdf(docx: bytes, pdf: Path) -> tuple[bytes, bytes]:
    """LibreOffice works in a temporary folder: a failure there is still the user's PDF's error."""
    from relazione.office.pdf import docx_and_pdf

    try:
        return docx_and_pdf(docx, name=pdf.stem)
    except RelazioneError as exc:  # LibreOffice's failure names its temporary file: name the user's
        raise RelazioneError(pdf, exc.problem) from None
    except OSError as exc:
        raise RelazioneError(pdf, f"{os_problem(exc)} (nella cartella temporanea della conversione in PDF)") from None


def render_records(records: Records, out: Path, options: RenderOptions) -> int:
    from relazione.fileio import write_all
    from relazione.office.pdf import require_libreoffice
    from relazione.render.word import render_report

    if options.kind:  # the document the user asks for (a plan's records as the Piano, ...), whatever was read
        for report in records.reports:
            report.kind = options.kind
    if out.suffix.lower() not in DOCUMENT_SUFFIXES:
        raise RelazioneError(str(out), "render e convert scrivono documenti Word (.docx) o PDF (.pdf): per i dati "
                                       "(.json, .xlsx, .csv) usare `relazione extract`")
    plan = _outputs_for(out, records, options.report_number)
    files = {target: _files_for(target, options.pdf) for _, target in plan}
    for paths in files.values():
        for path in paths:
            refuse_existing(path, options.force)
            if path.suffix.lower() == ".pdf":
                require_libreoffice(path)
    method = _method(options.method)
    earlier = [load_records(p, None, options.pdf_reading) for p in options.history]
    scored = score_records(records, method=method, min_coverage=options.min_coverage)
    outputs: dict[Path, bytes] = {}
    for index, target in plan:  # every document in memory first: a failed write leaves none of them
        data = render_report(scored.reports[index], template=options.template, method=method,
                             source=Path(records.source.path).name,
                             trend=_trend(earlier, scored.reports[index], method))
        if any(p.suffix.lower() == ".pdf" for p in files[target]):
            docx, pdf_data = _as_pdf(data, target.with_suffix(".pdf"))
            outputs |= {p: (pdf_data if p.suffix.lower() == ".pdf" else docx) for p in files[target]}
        else:
            outputs[target] = data
    write_all(outputs.items(), force=options.force)
    for index, target in plan:
        _say_rendered(target, scored.reports[index])
    return 0


def _trend(earlier: list[Records], report: Report, method: str) -> Trend | None:
    """The earlier years of a Relazione (--storico); a warning when the files hold none of its ente's."""
    from relazione.render.trend import Trend

    if not earlier or report.kind not in (None, "relazione"):
        return None
    trend = Trend.from_records(earlier, report, method=method)
    if not trend.indicators and not trend.objectives:
        print(f"attenzione: --storico: nessun anno precedente al {report.year or '?'} di "
              f"{report.ente or 'questo ente'} nei file indicati: la Relazione esce senza andamento",
              file=sys.stderr)
    return trend


def _say_rendered(target: Path, report: Report) -> None:
    print(f"{shown_path(target)}: {report.ente or 'documento'} {report.year or ''}, "
          f"{len(report.objectives)} obiettivi, {len(report.indicators)} indicatori", file=sys.stderr)
    if report.kind != "piano":  # a plan has targets, not results: no figures to sum up
        print("\n".join(render_summary(report)), file=sys.stderr)


def render_file(path: Path, out: Path, options: RenderOptions) -> int:
    """``render`` (records JSON) and ``convert`` (a legacy report: extract, score, render) in one."""
    return render_records(load_records(path, options.profile, options.pdf_reading), out, options)


def convert_job(job: Job) -> FileResult:
    """One file of a ``convert`` batch: extract, score, render (a top-level function for worker processes)."""
    options = job.options["render"]
    assert isinstance(options, RenderOptions)
    records = load_records(job.source, options.profile, options.pdf_reading)
    render_records(records, job.target, options)
    return FileResult(
        job.source, profile=records.source.profile,
        objectives=sum(len(r.objectives) for r in records.reports),
        indicators=sum(len(r.indicators) for r in records.reports), warnings=len(records.warnings),
    )


def convert_files(inputs: list[Path], out: Path, options: RenderOptions, *, jobs: int | None) -> int:
    """``convert`` of one report (errors stop it), or of folders and several files (a batch)."""
    from relazione.cli.extract_files import is_batch

    if not is_batch(inputs, out):
        return render_file(inputs[0], out, options)
    if out.exists() and not out.is_dir():
        raise RelazioneError(str(out), "con più documenti o una cartella, OUT deve essere una cartella")
    if options.pdf:
        from relazione.office.pdf import require_libreoffice

        require_libreoffice(out)
    _method(options.method)  # a bad method is one error, not one per file
    # each job writes its own file; up-to-date outputs are skipped by the batch unless --force
    per_file = replace(options, force=True, report_number=None)
    plan = plan_jobs(collect_inputs(inputs), out, ".docx", {"render": per_file})
    if not plan:
        raise RelazioneError(str(inputs[0]), "nessun documento da leggere (.txt, .pdf, .docx, .xlsx)")
    results = run_batch(convert_job, plan, out, force=options.force, n_workers=jobs)
    return 2 if any(r.error for r in results) else 0
