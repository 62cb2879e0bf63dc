"""``relazione nuovo-anno``: next year's plan from this year's records. The year moves on, each indicator's
target becomes the one stated for the new year in ``targets``, values, scores and verdicts are cleared;
indicators with no target for the new year are listed (terminal and warnings) for the office to fill.
The variations history stays on each indicator."""

from __future__ import annotations

import sys
from pathlib import Path

from relazione.errors import RelazioneError, shown_path
from relazione.extract.pipeline import load_records
from relazione.fileio import refuse_existing
from relazione.records.model import Indicator, Records, Report, Warning_, save
from relazione.records.values import parse_value

LIST_MAX = 40
NOT_PLANNED = ("", "//", "-", "—", "n.d.")  # how a plan's table says "no target this year"


def next_year(records: Records) -> list[tuple[Report, Indicator]]:
    """Turn the records into next year's plan in place; the indicators left without a target."""
    missing = []
    for report in records.reports:
        if report.year is None:
            raise RelazioneError(records.source.path, "l'anno del documento non è noto: niente da cui partire")
        report.year += 1
        _plan_report(report)
        for ind in report.indicators:
            if not _plan_indicator(ind, report.year):
                missing.append((report, ind))
    return missing


def _plan_report(report: Report) -> None:
    report.kind = "piano"
    report.title = f"Piano della performance {report.year}"
    report.reference_date = None
    report.summary = {}
    report.achievement = None
    report.restatements = []
    for obj in report.objectives:
        obj.score = obj.status = obj.achievement = None
        obj.narrative = {}


def _plan_indicator(ind: Indicator, year: int) -> bool:
    """The new year's target from ``targets``; later years kept, the past and the periods dropped."""
    stated = (ind.targets.get(str(year)) or "").strip()
    ind.target = None if stated in NOT_PLANNED else stated
    ind.target_value = parse_value(ind.target)
    ind.targets = {k: v for k, v in ind.targets.items() if k.isdigit() and int(k) >= year}
    ind.actual = ind.actual_value = ind.deviation = ind.status = ind.achievement = None
    ind.values = {}
    return ind.target is not None


def write_next_year(source: Path, out: Path, *, force: bool) -> int:
    refuse_existing(out, force)
    records = load_records(source)
    missing = next_year(records)
    records.warnings = [Warning_("no_target_next_year", f"Indicatore {i.objective} n.{i.n} {i.name!r}: nessun target "
                                 f"per il {r.year}, da compilare", i.provenance) for r, i in missing]
    save(records, out, force=force)
    years = sorted({r.year for r in records.reports if r.year})
    print(f"{shown_path(out)}: piano {', '.join(map(str, years))}, {sum(len(r.indicators) for r in records.reports)} "
          f"indicatori, {len(missing)} senza target per il nuovo anno", file=sys.stderr)
    for _, ind in missing[:LIST_MAX]:
        print(f"  {ind.objective} n.{ind.n} {ind.name[:70]!r}", file=sys.stderr)
    if len(missing) > LIST_MAX:
        print(f"  ... e altri {len(missing) - LIST_MAX}", file=sys.stderr)
    return 0
