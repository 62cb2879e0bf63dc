"""Earlier years of the same ente, for the Relazione's "Andamento negli anni": each indicator's target, result and
achievement, and each objective's achievement, per year, found by the key that follows a record across years.

The key is the one the web app's history uses first: the code, else the normalised title; an indicator's
within its objective's (its code or title). Only Relazioni count (a plan has no results, a monitoring no
year-end ones). Earlier reports are scored with the same method as the current one, so a
year's figure reads the same way whichever document it came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import regex as re

from relazione.records.model import Indicator, Objective, Records, Report
from relazione.records.values import display_value
from relazione.scoring.aggregate import score_records

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class YearValues:
    """One record in one year, as the document prints it."""

    year: int
    target: str
    actual: str
    achievement: float | None


@dataclass
class Trend:
    """Record key -> its values in the earlier years, oldest first. Empty: no earlier year was given."""

    indicators: dict[Key, list[YearValues]] = field(default_factory=dict)
    objectives: dict[Key, list[YearValues]] = field(default_factory=dict)

    @classmethod
    def from_records(cls, earlier: Iterable[Records], report: Report, *, method: str = "integra") -> Trend:
        """The trend of ``report`` from the reports of the same ente in ``earlier`` dated before its year."""
        trend = cls()
        if report.year is None:
            return trend
        for records in earlier:
            for past in score_records(records, method=method).reports:
                if is_earlier(past, report):
                    trend.add(past)
        for rows in (*trend.indicators.values(), *trend.objectives.values()):
            rows.sort(key=lambda v: v.year)
        return trend

    def add(self, past: Report) -> None:
        year = past.year or 0
        for obj in past.objectives:
            _put(self.objectives.setdefault(objective_key(obj), []), YearValues(year, "", "", obj.achievement))
        for ind in past.indicators:
            _put(self.indicators.setdefault(indicator_key(ind), []), of_indicator(ind, year))

    def of(self, item: Objective | Indicator) -> list[YearValues]:
        if isinstance(item, Indicator):
            return self.indicators.get(indicator_key(item), [])
        return self.objectives.get(objective_key(item), [])


def _put(rows: list[YearValues], values: YearValues) -> None:
    """One row a year: the first report given for a year holds it (a file given twice adds nothing)."""
    if all(r.year != values.year for r in rows):
        rows.append(values)


def of_indicator(ind: Indicator, year: int) -> YearValues:
    return YearValues(year, display_value(ind.target_value, ind.target), display_value(ind.actual_value, ind.actual),
                      ind.achievement)


def normalised(text: str | None) -> str:
    """Case, punctuation and spacing aside: "Tempo medio  di pagamento." == "tempo medio di pagamento"."""
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def objective_key(obj: Objective) -> Key:
    return (obj.level, "code", normalised(obj.code)) if obj.code else (obj.level, "title", normalised(obj.title))


def indicator_key(ind: Indicator) -> Key:
    """Within its objective: the same code recurs under a strategic objective and its operational one, and names
    such as "Grado di realizzazione" under many objectives."""
    own = ("code", normalised(ind.code)) if ind.code else ("name", normalised(ind.name))
    return (normalised(ind.objective), *own)


def is_earlier(past: Report, report: Report) -> bool:
    return (past.kind in (None, "relazione") and past.year is not None and report.year is not None
            and past.year < report.year and same_ente(past.ente, report.ente))


def same_ente(one: str | None, other: str | None) -> bool:
    """A report without the ente named is taken as the same chamber's: the user gave it as its earlier year."""
    return not one or not other or normalised(one) == normalised(other)
