"""The two collection periods of a year and what each one means in the records.

30/06 is the semester monitoring: the value goes to ``actual`` of a ``monitoraggio`` report dated 30 June
(as the extractor reads a semester report), the period's target is the one labelled "30/6" where the plan
states it, else the year's. 31/12 is the year's result: ``actual`` of a ``relazione`` dated 31 December,
against the year's target. Either way the value is also kept in ``Indicator.values`` under the period.
"""

from __future__ import annotations

import hashlib

from relazione.records.model import Indicator, Report

PERIODS = ("30/06", "31/12")
_DATE = {"30/06": "06-30", "31/12": "12-31"}
_KIND = {"30/06": "monitoraggio", "31/12": "relazione"}
_TARGET_LABELS = {"30/06": ("30/6", "30/06"), "31/12": ("31/12",)}
PROPOSAL_LABEL = "nuova previsione 31/12"  # the monitoraggio's label for a proposed year target


def default_period(report: Report) -> str:
    """The next collection: 30/06 for a plan, 31/12 once the semester has been reported (or for anything else)."""
    return "30/06" if report.kind == "piano" else "31/12"


def period_date(period: str, year: int | None) -> str:
    return f"{year or 0:04d}-{_DATE[period]}"


def period_kind(period: str) -> str:
    return _KIND[period]


def period_target(ind: Indicator, period: str) -> str | None:
    """The target the value of ``period`` is measured against."""
    for label in _TARGET_LABELS[period]:
        if ind.targets.get(label):
            return ind.targets[label]
    return ind.target


def row_key(index: int, report: Report, ind: Indicator) -> str:
    """A stable key per indicator (report's position, ente, year, objective, n): rows still match when
    reordered or filtered."""
    raw = f"{index}|{report.ente or ''}|{report.year or ''}|{ind.objective}|{ind.n}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]
