"""The rows of a raccolta: one per indicator, with its objective path, grouped by area or by responsible."""

from __future__ import annotations

from dataclasses import dataclass

from relazione.cycle.periods import period_target, row_key
from relazione.records.model import Indicator, Objective, Report
from relazione.records.values import parse_value

NO_AREA = "Senza area"
NO_RESPONSIBLE = "Responsabile non indicato"
GROUPINGS = ("area", "responsabile")


@dataclass(slots=True)
class Row:
    key: str
    path: str  # "1 › 1.1 › 1.1.1"
    objective: str
    code: str
    name: str
    algorithm: str
    unit: str
    weight: float | None
    target: str
    check: str  # what the value cell accepts: "number", "boolean", "date" or "text"


def _chain(obj: Objective, refs: dict[str, Objective]) -> list[Objective]:
    """The objective and its ancestors, area first (a parent cycle is cut)."""
    chain = [obj]
    while chain[-1].parent in refs and refs[chain[-1].parent] not in chain:
        chain.append(refs[chain[-1].parent])
    return chain[::-1]


def value_check(target: str | None) -> str:
    value = parse_value(target)
    if value is None:
        return "text"
    if value.boolean is not None:
        return "boolean"
    if value.value is not None:
        return "number"
    return "date" if looks_like_date(value.text) else "text"


def looks_like_date(text: str) -> bool:
    parts = text.strip().split("/")
    return len(parts) == 3 and all(p.isdigit() for p in parts)


def _row(index: int, report: Report, ind: Indicator, chain: list[Objective], period: str) -> Row:
    target = period_target(ind, period) or ""
    own = chain[-1] if chain else None
    return Row(
        key=row_key(index, report, ind), path=" › ".join(o.code or "" for o in chain if o.code) or ind.objective,
        objective=own.title if own else ind.objective, code=ind.code or str(ind.n), name=ind.name,
        algorithm=ind.algorithm or "", unit=ind.unit or "", weight=ind.weight, target=target, check=value_check(target),
    )


def _group(chain: list[Objective], by: str) -> str:
    if by == "area":
        area = next((o for o in chain if o.level == "area"), None)
        return f"Area {area.code}" if area and area.code else (area.title if area else NO_AREA)
    return next((o.responsible for o in reversed(chain) if o.responsible), NO_RESPONSIBLE)


def grouped_rows(index: int, report: Report, period: str, by: str) -> dict[str, list[Row]]:
    """Group name -> rows, groups and rows in document order."""
    refs: dict[str, Objective] = {}
    for o in report.objectives:  # a ref stated twice: the first (an area before a later objective reusing its code)
        refs.setdefault(o.ref, o)
    groups: dict[str, list[Row]] = {}
    for ind in report.indicators:
        owner = refs.get(ind.objective)
        chain = _chain(owner, refs) if owner else []
        groups.setdefault(_group(chain, by), []).append(_row(index, report, ind, chain, period))
    return groups
