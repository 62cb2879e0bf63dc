"""What the generic engine and every family module return: the reports read and the warnings raised.

Its own module so the engine can import the readers it dispatches to, and they this, with no cycle."""

from __future__ import annotations

from dataclasses import dataclass, field

from relazione.records.model import Report, Warning_


@dataclass(slots=True)
class Extraction:
    reports: list[Report] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
