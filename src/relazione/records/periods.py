"""Optional indicator fields of the year's cycle (``relazione.cycle``): the value collected for each
period and the history of target changes. Part of the records contract (``relazione.records/1``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Measurement:
    """Optional (``relazione importa``): the value of one period collected in a raccolta workbook, with
    the cell it came from ("Area 2!J14" of ``source``) and the notes written beside it."""

    text: str
    source: str
    cell: str
    note: str | None = None
    issues: str | None = None  # criticità

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.source, "cell": self.cell, "note": self.note, "issues": self.issues}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Measurement:
        return cls(text=d["text"], source=d["source"], cell=d["cell"], note=d.get("note"), issues=d.get("issues"))


@dataclass(slots=True)
class Variation:
    """Optional: a change of an indicator's target, proposed (a raccolta's "nuovo target") or approved;
    the list on the indicator is its history: old, new, when (``date``, YYYY-MM-DD), why."""

    new: str
    date: str
    period: str  # the period whose collection proposed it ("30/06")
    old: str | None = None
    reason: str | None = None
    approved: bool = False
    source: str | None = None  # "raccolta.xlsx Area 2!M14"

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "date": self.date, "period": self.period, "reason": self.reason,
                "approved": self.approved, "source": self.source}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Variation:
        return cls(new=d["new"], date=d["date"], period=d["period"], old=d.get("old"), reason=d.get("reason"),
                   approved=bool(d.get("approved", False)), source=d.get("source"))
