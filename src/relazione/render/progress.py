"""Semester monitoring speaks of progress, not year-end verdicts: "In linea" or "In ritardo" at the reference date.

An indicator is in line when it meets its stated interim target (the "30/6" column); without one, when it
already meets the year's target, or, for a cumulative quantity to reach ("almeno 150 N."), when the share of
the year's target reached is at least the share of the year elapsed. Rates, maxima and exact targets have no
pro-rata: not met at the reference date is late. An objective is in line when every indicator beneath it is.
"""

from __future__ import annotations

from datetime import date

from relazione.records.model import Indicator, Report
from relazione.records.values import parse_value
from relazione.scoring.methods import met

IN_LINEA, IN_RITARDO = "In linea", "In ritardo"
INTERIM_KEYS = ("30/6", "30/06", "semestr", "intermedi")


def is_semester(report: Report) -> bool:
    """A monitoring report (a Relazione's reference date may be the date of its act, not of its figures)."""
    return report.kind == "monitoraggio"


def elapsed_share(report: Report) -> float:
    """Share (0-1) of the year gone at the reference date: 30 June -> about one half."""
    if not report.reference_date:
        return 0.5  # a monitoraggio without a date is the semester one
    day = date.fromisoformat(report.reference_date)
    start, end = date(day.year, 1, 1), date(day.year + 1, 1, 1)
    return (day - start).days / (end - start).days


def _interim_target(ind: Indicator) -> str | None:
    return next((v for k, v in ind.targets.items() if any(key in k.casefold() for key in INTERIM_KEYS)), None)


def indicator_progress(ind: Indicator, elapsed: float) -> str | None:
    """IN_LINEA, IN_RITARDO, or None when there is nothing numeric to judge."""
    actual = ind.actual_value
    interim = parse_value(_interim_target(ind))
    if interim is not None and interim.op and interim.value is not None and actual and actual.value is not None:
        return IN_LINEA if met(interim.op, actual.value, interim.value) else IN_RITARDO
    if ind.achievement is None:
        return None
    if ind.achievement >= 100.0:
        return IN_LINEA
    target = ind.target_value
    cumulative = target is not None and target.op in (">=", ">") and target.unit != "%"
    return IN_LINEA if cumulative and ind.achievement >= 100.0 * elapsed - 1e-9 else IN_RITARDO


def aggregate_progress(states: list[str | None]) -> str | None:
    """An objective's progress from its indicators': late as soon as one is; None when none was judged."""
    judged = [s for s in states if s is not None]
    if not judged:
        return None
    late = judged.count(IN_RITARDO)
    return IN_LINEA if not late else f"{IN_RITARDO} (indicatori in ritardo: {late} su {len(judged)})"
