"""The Finding model: one inconsistency, with both values and both places, and an Italian message.

JSON shape (``{"findings": [...]}``): ``kind`` (added, removed, renamed, moved, changed, weight_sum,
duplicate, code, numbering, missing, verdict, score, restated, target_change, ...), ``severity``
(errore / avviso / nota), ``level`` (area / strategic / operational / indicator / report),
``objective`` (code or title), ``indicator`` (name or null), ``field`` (or null), ``old``, ``new``,
``message`` (Italian), ``provenance`` ({"old": where, "new": where}), plus ``report`` (the ente).

For two drafts "old" and "new" are the two drafts; for one draft, "old" is the other statement
(an overview table, a narrative paragraph, the computed value) and "new" is the record itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES = ("errore", "avviso", "nota")  # most serious first
LEVEL_WORDS = {"area": "area strategica", "strategic": "obiettivo strategico",
               "operational": "obiettivo operativo", "indicator": "indicatore", "report": "documento"}


@dataclass(slots=True)
class Finding:
    kind: str
    severity: str
    level: str
    objective: str | None
    message: str
    indicator: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None
    old_where: str | None = None
    new_where: str | None = None
    report: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def rank(self) -> int:
        return SEVERITIES.index(self.severity)

    def key(self) -> tuple[Any, ...]:
        """What the finding is about, without places: the same problem in two drafts has one key."""
        return (self.kind, self.level, self.objective, self.indicator, self.field, _plain(self.old),
                _plain(self.new))

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "severity": self.severity, "level": self.level, "report": self.report,
            "objective": self.objective, "indicator": self.indicator, "field": self.field,
            "old": self.old, "new": self.new, "message": self.message,
            "provenance": {"old": self.old_where, "new": self.new_where},
        }


def _plain(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def at_least(findings: list[Finding], severity: str) -> list[Finding]:
    """The findings as serious as ``severity`` or more."""
    limit = SEVERITIES.index(severity)
    return [f for f in findings if f.rank <= limit]


def ordered(findings: list[Finding]) -> list[Finding]:
    """Most serious first; within a severity, by kind, then in document order of the report."""
    return sorted(findings, key=lambda f: (f.rank, f.kind))


def fmt(value: Any) -> str:
    """A value as the Italian messages show it: 92.5 -> "92,5", None -> "—"."""
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(value)
