"""Merge the checked entries of a period into the records. Everything is set, never appended, so importing
the same workbooks twice gives the same records.

- the value: ``Indicator.values[period]`` (text, workbook and cell, notes) and ``actual``/``actual_value``;
  the stated deviation, verdict and scores of the source document no longer hold and are cleared;
- notes and criticità: the owning objective's narrative "azioni" and "criticita";
- a proposed target: a ``Variation`` of the period (one per period, replaced on re-import) and the
  monitoraggio's "nuova previsione 31/12"; approved (``--approva``), it becomes the indicator's target;
- the report: kind and reference date of the period (a monitoraggio at 30/06, a relazione at 31/12).
"""

from __future__ import annotations

from relazione.cycle.periods import PROPOSAL_LABEL, period_date, period_kind, period_target
from relazione.cycle.read_workbook import Entry
from relazione.records.model import Indicator, Measurement, Report, Variation
from relazione.records.values import parse_value

TITLES = {"30/06": "Monitoraggio semestrale degli obiettivi al 30/06/{year}",
          "31/12": "Relazione sulla performance {year}"}


def merge_entry(report: Report, ind: Indicator, entry: Entry, period: str, *, approve: bool) -> None:
    texts = entry.texts
    if texts.get("value") or texts.get("note") or texts.get("issues"):
        ind.values[period] = Measurement(text=texts.get("value", ""), source=entry.file, cell=entry.where("value"),
                                         note=texts.get("note"), issues=texts.get("issues"))
    if texts.get("value"):
        ind.actual = texts["value"]
        ind.actual_value = parse_value(ind.actual)
        ind.deviation = ind.status = None
        ind.achievement = None
    if texts.get("new_target"):
        _propose(report, ind, entry, period, approve=approve)


def _propose(report: Report, ind: Indicator, entry: Entry, period: str, *, approve: bool) -> None:
    earlier = next((v for v in ind.variations if v.period == period), None)
    old = earlier.old if earlier else period_target(ind, period)
    approved = approve or bool(earlier and earlier.approved)  # an approval is not undone by a re-import
    variation = Variation(new=entry.texts["new_target"], date=period_date(period, report.year), period=period,
                          old=old, reason=entry.texts.get("reason"), approved=approved,
                          source=f"{entry.file} {entry.where('new_target')}")
    ind.variations = [v for v in ind.variations if v.period != period] + [variation]
    ind.targets[PROPOSAL_LABEL] = variation.new
    if variation.approved:
        apply_target(ind, variation.new, report.year)


def apply_target(ind: Indicator, new: str, year: int | None) -> None:
    """An approved variation: the year's target becomes ``new`` (and its label in ``targets`` with it)."""
    ind.target = new
    ind.target_value = parse_value(new)
    for label in (str(year), "31/12"):
        if label in ind.targets:
            ind.targets[label] = new


def set_period(report: Report, period: str) -> None:
    """The report becomes the period's document; stated figures of the source document are cleared."""
    report.kind = period_kind(period)
    report.reference_date = period_date(period, report.year)
    report.title = TITLES[period].format(year=report.year or "")
    report.summary = {}
    report.achievement = None
    for obj in report.objectives:
        obj.score = obj.status = obj.achievement = None


def narrate(report: Report, period: str) -> None:
    """Each objective's "azioni" and "criticita" from its indicators' notes of the period."""
    by_objective: dict[str, list[Indicator]] = {}
    for ind in report.indicators:
        if period in ind.values:
            by_objective.setdefault(ind.objective, []).append(ind)
    for obj in report.objectives:
        inds = by_objective.get(obj.ref, [])
        for key, attr in (("azioni", "note"), ("criticita", "issues")):
            parts = [(i.name, getattr(i.values[period], attr)) for i in inds if getattr(i.values[period], attr)]
            if parts:
                obj.narrative[key] = parts[0][1] if len(parts) == 1 else " ".join(f"{n}: {t}" for n, t in parts)
