"""One indicator followed across the years archived for its ente: the same code, else the same objective and
number with a like name, else the same name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from relazione.records.model import Indicator, Report

from .archive import Archive

SAME_NAME = 85


@dataclass(frozen=True)
class Point:
    year: int
    document_id: int
    kind: str | None
    target_text: str | None
    actual_text: str | None
    target: float | None
    actual: float | None
    achievement: float | None


def _matches(ind: Indicator, other: Indicator) -> bool:
    if ind.code and other.code:
        return ind.code == other.code
    name = fuzz.token_set_ratio(ind.name.casefold(), other.name.casefold())
    return (other.objective == ind.objective and other.n == ind.n and name >= SAME_NAME - 15) or name >= SAME_NAME


def _find(ind: Indicator, report: Report) -> Indicator | None:
    return next((o for o in report.indicators if _matches(ind, o)), None)


def follow(ind: Indicator, ente: str, archive: Archive, records_of: Callable) -> list[Point]:  # noqa: ANN001
    """A point per archived report of the ente (with a year) that holds the indicator, oldest first."""
    points = []
    for row in archive.reports_of(ente):
        current = records_of(row["document_id"])
        if current is None or row["year"] is None or row["idx"] >= len(current.records.reports):
            continue
        found = _find(ind, current.records.reports[row["idx"]])
        if found is None:
            continue
        t, a = found.target_value, found.actual_value
        points.append(Point(row["year"], row["document_id"], row["kind"], found.target, found.actual,
                            t.value if t else None, a.value if a else None, found.achievement))
    return sorted(points, key=lambda p: (p.year, p.document_id))
