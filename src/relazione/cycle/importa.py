"""``relazione importa``: filled raccolta workbooks into the records. Every problem is reported at once;
nothing is written while any remains, unless ``--parziale`` (the valid rows are written, the rest listed)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from relazione.cycle.merge import merge_entry, narrate, set_period
from relazione.cycle.periods import row_key
from relazione.cycle.read_workbook import Entry, read_raccolta
from relazione.cycle.validate import Problem, conflicts, entry_problems
from relazione.errors import RelazioneError, shown_path
from relazione.fileio import refuse_existing
from relazione.records.model import Indicator, Records, Report, load, save

EXIT_OK, EXIT_PROBLEMS = 0, 1
LIST_MAX = 40  # indicators listed on the terminal; the count says how many more


@dataclass(slots=True)
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    valid: dict[str, list[Entry]] = field(default_factory=dict)  # key -> its rows, all without problems
    empty: list[tuple[Entry, Indicator]] = field(default_factory=list)
    absent: list[Indicator] = field(default_factory=list)  # in the records, in no workbook


def indicator_index(records: Records) -> dict[str, tuple[Report, Indicator]]:
    return {row_key(n, r, i): (r, i) for n, r in enumerate(records.reports) for i in r.indicators}


def _period(workbooks: list[Path]) -> tuple[str, list[Entry]]:
    period, entries = None, []
    for path in workbooks:
        collected = read_raccolta(path)
        if period not in (None, collected.period):
            raise RelazioneError(str(path), f"raccolta al {collected.period}, le altre al {period}: importarle a parte")
        period = collected.period
        entries.extend(collected.entries)
    if period is None:
        raise RelazioneError(None, "nessuna raccolta da importare")
    return period, entries


def check_entries(records: Records, entries: list[Entry], period: str, records_name: str) -> Outcome:
    index = indicator_index(records)
    by_key: dict[str, list[Entry]] = {}
    outcome = Outcome()
    if entries and not any(e.key in index for e in entries):
        raise RelazioneError(entries[0].file, f"nessuna riga corrisponde ai dati {records_name}: "
                                              "la raccolta viene da un altro piano o da un altro anno")
    for entry in entries:
        if entry.key not in index:
            outcome.problems.append(Problem(entry.file, f"{entry.sheet}!A{entry.row}", "riga di un indicatore che "
                                            f"non è nei dati {records_name} (altro piano o anno?)"))
            continue
        by_key.setdefault(entry.key, []).append(entry)
    for key, rows in by_key.items():
        found = [p for row in rows for p in entry_problems(row, index[key][1], period)] + conflicts(rows)
        outcome.problems.extend(found)
        if not found:
            outcome.valid[key] = rows
            if not any(row.texts.get("value") for row in rows):
                outcome.empty.append((rows[0], index[key][1]))
    outcome.absent = [i for k, (_, i) in index.items() if k not in by_key]
    return outcome


def apply(records: Records, outcome: Outcome, period: str, *, approve: bool) -> None:
    index = indicator_index(records)
    touched: set[int] = set()
    for key, rows in outcome.valid.items():
        report, ind = index[key]
        for row in rows:
            merge_entry(report, ind, row, period, approve=approve)
        touched.add(id(report))
    for report in records.reports:
        if id(report) in touched:
            set_period(report, period)
            narrate(report, period)


def import_workbooks(workbooks: list[Path], records_path: Path, out: Path, *, partial: bool, approve: bool,
                     force: bool) -> int:
    refuse_existing(out, force)
    records = load(records_path)
    period, entries = _period(workbooks)
    outcome = check_entries(records, entries, period, records_path.name)
    _report(outcome)
    if outcome.problems and not partial:
        raise RelazioneError(None, f"{len(outcome.problems)} problemi nelle raccolte: nessun dato scritto "
                                   "(correggerli, oppure --parziale per scrivere le righe valide)")
    apply(records, outcome, period, approve=approve)
    save(records, out, force=force)
    filled = len(outcome.valid) - len(outcome.empty)
    print(f"{shown_path(out)}: {filled} valori al {period} importati da {len(workbooks)} raccolte", file=sys.stderr)
    return EXIT_PROBLEMS if outcome.problems else EXIT_OK


def _report(outcome: Outcome) -> None:
    for problem in outcome.problems:
        print(f"relazione: errore: {problem}", file=sys.stderr)
    if outcome.empty:
        print(f"{len(outcome.empty)} indicatori lasciati vuoti:", file=sys.stderr)
        _list([f"{e.file}: {e.where()}  {i.objective} n.{i.n} {i.name[:60]!r}" for e, i in outcome.empty])
    if outcome.absent:
        print(f"{len(outcome.absent)} indicatori in nessuna raccolta:", file=sys.stderr)
        _list([f"{i.objective} n.{i.n} {i.name[:70]!r}" for i in outcome.absent])


def _list(lines: list[str]) -> None:
    for line in lines[:LIST_MAX]:
        print(f"  {line}", file=sys.stderr)
    if len(lines) > LIST_MAX:
        print(f"  ... e altri {len(lines) - LIST_MAX}", file=sys.stderr)
