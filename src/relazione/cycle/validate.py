"""Check the entries of filled workbooks against the records: every problem at once, each with its file,
sheet and cell ("raccolta.xlsx: Area 2!J14: 'circa 30' non è un numero")."""

from __future__ import annotations

from dataclasses import dataclass

from relazione.cycle.periods import period_target
from relazione.cycle.read_workbook import Entry
from relazione.cycle.rows import looks_like_date, value_check
from relazione.records.model import Indicator
from relazione.records.values import parse_value

NOT_AVAILABLE = {"n.d.", "n.d", "nd", "n/d", "non disponibile"}


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    cell: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.cell}: {self.message}"


def is_not_available(text: str) -> bool:
    return text.strip().casefold() in NOT_AVAILABLE


def value_problem(text: str, ind: Indicator, period: str) -> str | None:
    """Why a value does not fit the indicator's target (a number, SI/NO), or None when it fits."""
    if is_not_available(text):
        return None
    kind = value_check(period_target(ind, period))
    value = parse_value(text)
    if kind == "number" and (value is None or value.value is None):
        return f"'{text}' non è un numero"
    if kind == "boolean" and (value is None or value.boolean is None):
        return f"'{text}' non è SI o NO"
    if kind == "date" and not looks_like_date(text):
        return f"'{text}' non è una data (gg/mm/aaaa)"
    return None


def entry_problems(entry: Entry, ind: Indicator, period: str) -> list[Problem]:
    problems = []
    value = entry.texts.get("value")
    if value:
        why = value_problem(value, ind, period)
        if why:
            problems.append(Problem(entry.file, entry.where("value"), why))
    proposal, reason = entry.texts.get("new_target"), entry.texts.get("reason")
    if proposal and not reason:
        problems.append(Problem(entry.file, entry.where("reason"), f"nuovo target '{proposal}' senza motivazione"))
    if reason and not proposal:
        problems.append(Problem(entry.file, entry.where("new_target"), "motivazione senza nuovo target proposto"))
    if proposal and value_check(period_target(ind, period)) == "number" and parse_value(proposal).value is None:
        problems.append(Problem(entry.file, entry.where("new_target"), f"'{proposal}' non è un target numerico"))
    return problems


def same_text(a: str | None, b: str | None) -> bool:
    """Two cells say the same thing: equal text, or the same parsed number."""
    if (a or "") == (b or ""):
        return True
    va, vb = parse_value(a), parse_value(b)
    return bool(va and vb and va.value is not None and va.value == vb.value and va.boolean == vb.boolean)


def conflicts(entries: list[Entry]) -> list[Problem]:
    """Two rows (two workbooks, or a row copied) giving one indicator different values or proposals."""
    problems = []
    first = entries[0]
    for other in entries[1:]:
        for name, what in (("value", "valore"), ("new_target", "nuovo target")):
            a, b = first.texts.get(name), other.texts.get(name)
            if a and b and not same_text(a, b):
                problems.append(Problem(other.file, other.where(name), f"{what} '{b}' diverso da '{a}' "
                                        f"dato per lo stesso indicatore in {first.file}: {first.where(name)}"))
    return problems
