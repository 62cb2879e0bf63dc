"""Filling a raccolta the way a dirigente would, through openpyxl: cells found by the row's hidden key."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from relazione.cycle.layout import GUIDE_SHEET, META_SHEET, letter
from relazione.cycle.periods import row_key
from relazione.cycle.rows import value_check
from relazione.records.model import Indicator, Records


def indicator(records: Records, objective: str, n: int) -> Indicator:
    return next(i for i in records.reports[0].indicators if i.objective == objective and i.n == n)


def typical_value(target: str | None, period: str) -> object:
    """A plausible value for the target's kind: the target's number (met), SI, or a sentence."""
    from relazione.records.values import parse_value

    kind = value_check(target)
    if kind == "number":
        return parse_value(target).value
    return "SI" if kind == "boolean" else f"Attività in corso al {period}"


def fill(workbook: Path, out: Path, records: Records, cells: dict[tuple[str, int], dict[str, object]],
         *, period: str, everything: bool = False) -> dict[tuple[str, int], str]:
    """Write ``cells`` ((objective, n) -> field -> value) into the rows of those indicators; with
    ``everything`` every other row gets a typical value. Returns (objective, n) -> "Sheet!J14" of the value."""
    from relazione.cycle.periods import period_target

    report = records.reports[0]
    by_key = {row_key(0, report, i): i for i in report.indicators}
    wb = load_workbook(workbook)
    where = {}
    for ws in wb.worksheets:
        if ws.title in (GUIDE_SHEET, META_SHEET):
            continue
        for row in range(2, ws.max_row + 1):
            ind = by_key[ws[f"A{row}"].value]
            ref = (ind.objective, ind.n)
            where[ref] = f"{ws.title}!{letter('value')}{row}"
            values = cells.get(ref)
            if values is None and everything:
                values = {"value": typical_value(period_target(ind, period), period)}
            for name, value in (values or {}).items():
                ws[f"{letter(name)}{row}"] = value
    wb.save(out)
    return where
