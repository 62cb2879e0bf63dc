"""``relazione raccolta``: the data-collection workbook(s) of a period from records or a document."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path

import regex as re

from relazione.cycle.periods import PERIODS, default_period
from relazione.cycle.rows import GROUPINGS, Row, grouped_rows
from relazione.cycle.workbook import build_workbook
from relazione.errors import RelazioneError, shown_path
from relazione.extract.pipeline import load_records
from relazione.fileio import refuse_existing, write_all, write_atomic
from relazione.records.model import Records

FILE_STEM_MAX = 60


@dataclass(frozen=True, slots=True)
class Meta:
    """What the hidden sheet of every workbook of one raccolta says."""

    period: str
    year: int | None
    ente: str | None


def collect_groups(records: Records, period: str, by: str) -> dict[str, list[Row]]:
    """Every report's groups; with several reports (a merged document) each group names its ente."""
    several = len(records.reports) > 1
    groups: dict[str, list[Row]] = {}
    for index, report in enumerate(records.reports):
        for name, rows in grouped_rows(index, report, period, by).items():
            label = f"{report.ente or 'Ente'} - {name}" if several else name
            groups.setdefault(label, []).extend(rows)
    return groups


def file_stem(name: str) -> str:
    """A responsible's or area's name as a file name: "Area Promozione" -> "area_promozione"."""
    return re.sub(r"[^\p{L}\p{N}]+", "_", name.casefold()).strip("_")[:FILE_STEM_MAX] or "raccolta"


def write_raccolta(source: Path, out: Path, *, period: str | None, by: str, force: bool) -> list[Path]:
    records = load_records(source)
    if not records.reports or not any(r.indicators for r in records.reports):
        raise RelazioneError(str(source), "nessun indicatore nei dati: niente da raccogliere")
    if by not in GROUPINGS:
        raise RelazioneError(None, f"--per {by}: usare area o responsabile")
    first = records.reports[0]
    period = period or default_period(first)
    if period not in PERIODS:
        raise RelazioneError(None, f"--periodo {period}: usare 30/06 o 31/12")
    meta = Meta(period, first.year, first.ente if len(records.reports) == 1 else None)
    groups = collect_groups(records, period, by)
    if out.suffix.casefold() != ".xlsx":
        return _write_folder(out, groups, meta, force=force)
    write_atomic(out, build_workbook(groups, period=period, year=meta.year, ente=meta.ente), force=force)
    _say(out, sum(len(rows) for rows in groups.values()), len(groups), period)
    return [out]


def _write_folder(folder: Path, groups: dict[str, list[Row]], meta: Meta, *, force: bool) -> list[Path]:
    """One workbook per group (each responsible fills their own), in ``folder``."""
    if folder.exists() and not folder.is_dir():
        raise RelazioneError(str(folder), "non è una cartella: per un solo file usare un nome .xlsx")
    targets = _unique_files(folder, list(groups))
    for target in targets.values():
        refuse_existing(target, force)
    books = {target: build_workbook({name: groups[name]}, period=meta.period, year=meta.year, ente=meta.ente)
             for name, target in targets.items()}
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        write_all(books.items(), force=force)  # all the workbooks or none
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    for name, target in targets.items():
        _say(target, len(groups[name]), 1, meta.period)
    return list(targets.values())


def _unique_files(folder: Path, names: list[str]) -> dict[str, Path]:
    """A file per group; names cut to the same stem get _2, _3 ..."""
    taken: set[str] = set()
    out = {}
    for name in names:
        stem, n = file_stem(name), 2
        candidate = stem
        while candidate in taken:
            candidate, n = f"{stem}_{n}", n + 1
        taken.add(candidate)
        out[name] = folder / f"{candidate}.xlsx"
    return out


def _say(out: Path, n_rows: int, n_sheets: int, period: str) -> None:
    sheets = "1 foglio" if n_sheets == 1 else f"{n_sheets} fogli"
    print(f"{shown_path(out)}: {n_rows} indicatori in {sheets} da compilare (valori al {period})", file=sys.stderr)
