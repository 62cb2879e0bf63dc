"""How the coverage of an aggregate is said to a person (terminal and documents), in Italian."""

from __future__ import annotations

from relazione.records.model import Coverage
from relazione.scoring.methods import format_percent

NOT_AVAILABLE = "n.d."


def coverage_text(coverage: Coverage | None, children: str = "obiettivi") -> str:
    """ "aree valutabili 1 su 4, indicatori valutabili 14 su 43"; ``children`` names the child level."""
    if coverage is None:
        return ""
    parts = []
    if coverage.children:
        parts.append(f"{children} valutabili {coverage.children_scored} su {coverage.children}")
    if coverage.indicators:
        parts.append(f"indicatori valutabili {coverage.indicators_scored} su {coverage.indicators}")
    return ", ".join(parts) or "nessun indicatore"


def headline(value: float | None, coverage: Coverage | None) -> str:
    """The figure a person may quote: the percent when its coverage suffices, else "n.d."."""
    if coverage is not None and not coverage.sufficient:
        return NOT_AVAILABLE
    return format_percent(value)


def shortfall(coverage: Coverage | None, children: str = "obiettivi") -> str:
    """Why a headline is "n.d.", or "" when it is not: the counts and the chamber's minimum."""
    if coverage is None or coverage.sufficient:
        return ""
    return f"{coverage_text(coverage, children)}; minimo richiesto {coverage.minimum:g}%"


def children_noun(levels: set[str]) -> str:
    """What to call an aggregate's children: "aree" when they are all areas."""
    return "aree" if levels == {"area"} else "obiettivi"


def short_reason(coverage: Coverage | None, children: str = "obiettivi") -> str:
    """The reason for "n.d." short enough for a table cell: "indicatori valutabili 2/3"."""
    if coverage is None or coverage.sufficient:
        return ""
    if coverage.indicators == 0:
        return "nessun indicatore"
    if coverage.indicators_scored < coverage.indicators:
        return f"indicatori valutabili {coverage.indicators_scored}/{coverage.indicators}"
    return f"{children} valutabili {coverage.children_scored}/{coverage.children}"
