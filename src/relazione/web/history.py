"""An indicator or an objective followed across the years archived for its ente: the same code, else (an
indicator) the same objective and number with a like name, else a like name or title."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from relazione.records.model import Indicator, Objective, Records, Report

from .archive import Archive

SAME_NAME = 85
Item = Objective | Indicator


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


def title_of(item: Item) -> str:
    return item.name if isinstance(item, Indicator) else item.title


def _matches(item: Item, other: Item) -> bool:
    if item.code and other.code:
        return item.code == other.code
    name = fuzz.token_set_ratio(title_of(item).casefold(), title_of(other).casefold())
    if isinstance(item, Indicator) and isinstance(other, Indicator):
        same_place = other.objective == item.objective and other.n == item.n
        return (same_place and name >= SAME_NAME - 15) or name >= SAME_NAME
    return name >= SAME_NAME


def _find(item: Item, report: Report) -> Item | None:
    candidates = report.indicators if isinstance(item, Indicator) else report.objectives
    return next((o for o in candidates if _matches(item, o)), None)


def _point(row, found: Item) -> Point:  # noqa: ANN001 - a sqlite3.Row
    if isinstance(found, Objective):
        return Point(row["year"], row["document_id"], row["kind"], None, None, None, None, found.achievement)
    t, a = found.target_value, found.actual_value
    return Point(row["year"], row["document_id"], row["kind"], found.target, found.actual,
                 t.value if t else None, a.value if a else None, found.achievement)


def follow(item: Item, ente: str, archive: Archive, records_of: Callable) -> list[Point]:  # noqa: ANN001
    """A point per archived report of the ente (with a year) that holds the record, oldest first."""
    points = []
    for row in archive.reports_of(ente):
        current = records_of(row["document_id"])
        if current is None or row["year"] is None or row["idx"] >= len(current.records.reports):
            continue
        found = _find(item, current.records.reports[row["idx"]])
        if found is not None:
            points.append(_point(row, found))
    return sorted(points, key=lambda p: (p.year, p.document_id))


def earlier_records(report: Report, doc_id: int, archive: Archive, records_of: Callable) -> list[Records]:  # noqa: ANN001
    """The records of the other archived documents holding a report of the same ente from an earlier year: what
    the Relazione's "Andamento negli anni" is made from."""
    if not report.ente or report.year is None:
        return []
    ids = sorted({row["document_id"] for row in archive.reports_of(report.ente)
                  if row["document_id"] != doc_id and row["year"] is not None and row["year"] < report.year})
    found = [records_of(d) for d in ids]
    return [current.records for current in found if current is not None]


def earlier_years(earlier: list[Records], report: Report) -> list[int]:
    """The years the Relazione's trend shows besides the report's own (what the user is told)."""
    from relazione.render.trend import is_earlier

    return sorted({r.year for records in earlier for r in records.reports if is_earlier(r, report) and r.year})
