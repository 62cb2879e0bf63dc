"""What the office takes away: the documents, the Excel export, the data-collection workbook, and filled
workbooks back into the records. Bytes in memory (the archive stores them by sha256), made by the stages."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path, PurePath

from relazione.errors import RelazioneError
from relazione.records.model import Records, dumps

from .current import METHOD
from .names import display_name

KINDS = {"relazione": "Relazione sulla Performance", "monitoraggio": "Monitoraggio semestrale",
         "piano": "Piano della Performance"}
OUTPUT_TYPES = {**KINDS, "excel": "Esportazione Excel", "raccolta": "Raccolta dei valori (Excel)"}


def word_document(records: Records, report_number: int, kind: str, *, pdf: bool,
                  earlier: Sequence[Records] = ()) -> tuple[bytes, str]:
    """One report as the document ``kind`` (.docx, or .pdf with its Sommario filled: needs LibreOffice); a
    Relazione with the earlier years in ``earlier`` (records of the same ente) year by year."""
    from relazione.office.pdf import docx_and_pdf, require_libreoffice
    from relazione.render.trend import Trend
    from relazione.render.word import render_report

    report = copy.deepcopy(records.reports[report_number])
    report.kind = kind
    trend = Trend.from_records(earlier, report, method=METHOD) if kind == "relazione" else None
    data = render_report(report, method=METHOD, source=records.source.path, trend=trend)
    if not pdf:
        return data, ".docx"
    require_libreoffice(Path("documento.pdf"))
    return docx_and_pdf(data, name="documento")[1], ".pdf"


def excel_export(records: Records) -> bytes:
    from relazione.records.sheets import to_xlsx

    dumps(records)  # validated before anything is given out, as `extract --format xlsx` does
    return to_xlsx(records)


def collection_workbook(records: Records, period: str | None) -> bytes:
    from relazione.cycle.periods import PERIODS, default_period
    from relazione.cycle.raccolta import collect_groups
    from relazione.cycle.workbook import build_workbook

    if not any(r.indicators for r in records.reports):
        raise RelazioneError(None, "nessun indicatore nei dati: niente da raccogliere")
    first = records.reports[0]
    period = period or default_period(first)
    if period not in PERIODS:
        raise RelazioneError(None, f"periodo {period}: usare 30/06 o 31/12")
    groups = collect_groups(records, period, "area")
    return build_workbook(groups, period=period, year=first.year, ente=first.ente if len(records.reports) == 1
                          else None)


def import_workbooks(records: Records, paths: list[Path], names: list[str]) -> tuple[Records | None, list[str]]:
    """(records with the values, None when a problem stops it; the problems as Italian lines, file names as
    uploaded). As `relazione importa` without --parziale: nothing is taken while any problem remains."""
    from relazione.cycle.importa import apply, check_entries
    from relazione.cycle.read_workbook import read_raccolta

    shown = {p.name: display_name(n) for p, n in zip(paths, names, strict=True)}
    try:
        collected = [read_raccolta(p) for p in paths]
        periods = {c.period for c in collected}
        if len(periods) != 1:
            raise RelazioneError(None, "raccolte di periodi diversi: importarle a parte")
        period = periods.pop()
        entries = [e for c in collected for e in c.entries]
        outcome = check_entries(records, entries, period, records.source.path)
    except RelazioneError as exc:
        raise RelazioneError(shown.get(PurePath(exc.path or "").name, exc.path), exc.problem) from None
    problems = [f"{shown.get(p.file, p.file)}: {p.cell}: {p.message}" for p in outcome.problems]
    if problems:
        return None, problems[:40] + ([f"... e altri {len(problems) - 40}"] if len(problems) > 40 else [])
    imported = copy.deepcopy(records)
    apply(imported, outcome, period, approve=False)
    return imported, []

