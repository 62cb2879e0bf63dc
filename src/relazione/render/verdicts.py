"""Which verdict a document shows for an objective, and in which colour: one rule for tables, lists and charts.

The rule: the verdict computed from the figure shown (the method's bands), so that the same figure always
reads the same way in one document. When the document itself stated another verdict, both are shown and
the stated one is marked ("Parzialmente raggiunto (dichiarato: Raggiunto)"); the colour follows the computed
one, as the figure does. Without a computed figure (text indicators, or coverage below the minimum) the stated
verdict is shown, marked as stated, else "n.d." with the reason ("n.d. (indicatori valutabili 2/3)").
"""

from __future__ import annotations

from dataclasses import dataclass

from relazione.records.model import Objective
from relazione.scoring.coverage import short_reason
from relazione.scoring.methods import Band, verdict_for


def verdict_colour(verdict: str | None) -> str:
    """green / amber / red from an Italian verdict, stated or computed."""
    low = (verdict or "").casefold()
    if not low or low.startswith("n.d."):
        return "none"
    if "non " in low or low.startswith("non"):
        return "red"
    if "parzial" in low or "ritardo" in low:
        return "amber"
    if "raggiunt" in low or "conseguit" in low or "realizzat" in low or "in linea" in low:
        return "green"
    return "none"


@dataclass(frozen=True, slots=True)
class Shown:
    """A verdict as the document prints it: the text, its colour, and the stated verdict when it disagrees."""

    text: str
    colour: str
    stated_differs: str = ""  # the stated verdict, when it disagrees with the computed one


def computed_verdict(obj: Objective, bands: tuple[Band, ...]) -> str | None:
    """The method's verdict of the objective's figure, None when there is no figure one may quote."""
    if obj.coverage is not None and not obj.coverage.sufficient:
        return None
    return verdict_for(obj.achievement, bands=bands)


def objective_verdict(obj: Objective, bands: tuple[Band, ...], children: str = "obiettivi") -> Shown:
    return shown_verdict(computed_verdict(obj, bands), obj.status, short_reason(obj.coverage, children))


def shown_verdict(computed: str | None, stated: str | None, reason: str = "") -> Shown:
    """The rule of this module for one computed and one stated verdict (either may be missing)."""
    if computed is None:
        if stated:
            return Shown(f"{stated} (dichiarato)", verdict_colour(stated))
        return Shown(f"n.d. ({reason})" if reason else "n.d.", "none")
    if stated and verdict_colour(stated) != verdict_colour(computed):
        return Shown(f"{computed} (dichiarato: {stated})", verdict_colour(computed), stated)
    return Shown(computed, verdict_colour(computed))
