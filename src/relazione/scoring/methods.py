"""Achievement scoring (grado di raggiungimento): indicators, objectives, areas and the ente.

The default method, ``integra``, is the rule of ``spec/scoring.md``, inferred from the scores the
Unioncamere INTEGRA application publishes. Methods are swappable (``METHODS``, ``register_method``):
a chamber with another rule adds one. Stated scores and verdicts (``score``, ``status``) are never
touched: what the tool computes goes in ``achievement``. A text or unparsable value gives null and
a warning, never a guess.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from relazione.records.model import Indicator, Value

RAGGIUNTO, PARZIALMENTE, NON_RAGGIUNTO = "Raggiunto", "Parzialmente raggiunto", "Non raggiunto"


@dataclass(frozen=True, slots=True)
class Band:
    """A verdict for achievements from ``minimum`` up (``inclusive``: ``>=``, else ``>``)."""

    label: str
    minimum: float
    inclusive: bool = True

    def admits(self, achievement: float) -> bool:
        return achievement >= self.minimum if self.inclusive else achievement > self.minimum


# INTEGRA's own bands are not published. These fit the Mantova 2024 verdicts: every operational
# objective at or above 95% is "Raggiunto" and every one below (92%, 86.67%, 77.71%, 67.23%) is
# "Parzialmente raggiunto"; one strategic objective (93.49%, "Raggiunto") disagrees, so the
# consistency check will show it.
INTEGRA_BANDS: tuple[Band, ...] = (Band(RAGGIUNTO, 95.0), Band(PARZIALMENTE, 50.0), Band(NON_RAGGIUNTO, -math.inf))
# The fixed bands many chambers write in their SMVP: raggiunto > 90%, parzialmente 70-90%, non raggiunto < 70%.
FIXED_BANDS: tuple[Band, ...] = (
    Band(RAGGIUNTO, 90.0, inclusive=False), Band(PARZIALMENTE, 70.0), Band(NON_RAGGIUNTO, -math.inf),
)

IndicatorRule = Callable[[Value, Value], float]


@dataclass(frozen=True, slots=True)
class ScoringMethod:
    """How a chamber scores: the rule for one indicator, how objectives mix their parts, the verdict bands."""

    name: str
    description: str
    indicator_rule: IndicatorRule
    # Share of an objective's own indicators when it also has child objectives (INTEGRA: 50/50).
    own_share: float = 0.5
    bands: tuple[Band, ...] = INTEGRA_BANDS
    label: str = ""  # how the Word reports name the method, in Italian


def _numbers(target: Value, actual: Value) -> tuple[float, float, str]:
    t, a, op = target.value, actual.value, target.op
    assert t is not None and a is not None and op is not None  # callers score only numeric, operated targets
    return t, a, op


def _settled(op: str, a: float, t: float) -> float | None:
    """What every rule agrees on: a met target is 1; an unmet target of zero is 0 (no ratio to take)."""
    if met(op, a, t):
        return 1.0
    return 0.0 if t == 0 else None


def integra_rule(target: Value, actual: Value) -> float:
    """Fraction (0..1, unclipped) for two numeric Values, per spec/scoring.md."""
    t, a, op = _numbers(target, actual)
    if (settled := _settled(op, a, t)) is not None:
        return settled
    if op in (">=", ">"):
        return a / t
    if op in ("<=", "<"):
        return 2 - a / t  # one minus the relative excess, not t / a
    return 1 - abs(a - t) / abs(t)


def signed_rule(target: Value, actual: Value) -> float:
    """Fraction (0..1, unclipped) with the operator applied to signed values: one minus the shortfall
    relative to |t|. For a target above zero it is integra_rule; at or below zero the ratio a / t
    inverts (">= -15 gg" with -18,07 gg gives 120% by ratio), this does not (79,53%)."""
    t, a, op = _numbers(target, actual)
    if (settled := _settled(op, a, t)) is not None:
        return settled
    if op in (">=", ">"):
        return 1 - (t - a) / abs(t)
    if op in ("<=", "<"):
        return 1 - (a - t) / abs(t)
    return 1 - abs(a - t) / abs(t)


def met(op: str, a: float, t: float) -> bool:
    return {">=": a >= t, ">": a > t, "<=": a <= t, "<": a < t, "=": a == t}[op]


METHODS: dict[str, ScoringMethod] = {}


def register_method(method: ScoringMethod) -> None:
    METHODS[method.name] = method


register_method(ScoringMethod(
    "integra", "INTEGRA (Unioncamere): spec/scoring.md, verdict bands 95/50", integra_rule,
    label="metodo INTEGRA (Unioncamere): media pesata dei gradi di raggiungimento degli indicatori, "
          "obiettivi strategici al 50% indicatori propri e 50% obiettivi operativi"))
register_method(ScoringMethod(
    "bands", "INTEGRA achievement, fixed verdict bands: > 90% raggiunto, 70-90% parzialmente", signed_rule,
    bands=FIXED_BANDS, label="metodo INTEGRA con fasce fisse: raggiunto oltre il 90%, parzialmente tra 70% e 90%, "
                             "non raggiunto sotto il 70%"))


def get_method(name: str) -> ScoringMethod:
    try:
        return METHODS[name]
    except KeyError:
        known = ", ".join(sorted(METHODS))
        raise ValueError(f"metodo di calcolo sconosciuto {name!r} (disponibili: {known})") from None


# -- one indicator --------------------------------------------------------------------------------
def why_unscorable(ind: Indicator) -> str | None:
    """The reason an indicator has no computed achievement, or None when it can be scored."""
    t, a = ind.target_value, ind.actual_value
    if t is None:
        return "manca il target"
    if a is None:
        return "manca il consuntivo"
    if t.boolean is not None:
        return None if a.boolean is not None else f"target SI/NO ma il consuntivo non è SI/NO ({a.text!r})"
    if t.value is None:
        return f"target testuale ({t.text!r})"
    if t.op is None:
        # "5" alone could be a minimum (events) or a maximum (days): reading it either way is a guess.
        return f"target senza operatore ({t.text!r}): minimo o massimo?"
    if a.value is None:
        return f"consuntivo non numerico ({a.text!r})"
    return None


def indicator_fraction(ind: Indicator, method: ScoringMethod, rule: IndicatorRule | None = None) -> float | None:
    if why_unscorable(ind) is not None:
        return None
    t, a = ind.target_value, ind.actual_value
    assert t is not None and a is not None
    if t.boolean is not None:
        return 1.0 if a.boolean == t.boolean else 0.0
    return min(1.0, max(0.0, (rule or method.indicator_rule)(t, a)))  # clipped per indicator


def signed_fraction(ind: Indicator, method: ScoringMethod) -> float | None:
    """The fraction with the operator applied to signed values, when ``method``'s own differs from it:
    the figure a reader checks against the printed operator. None when they agree (or nothing is scored)."""
    own, signed = indicator_fraction(ind, method), indicator_fraction(ind, method, signed_rule)
    if own is None or signed is None or abs(own - signed) <= 1e-9:
        return None
    return signed


def indicator_achievement(ind: Indicator, *, method: str = "integra") -> float | None:
    """Percent (0-100) achievement of one indicator; None when target or result is not numeric/SI-NO."""
    fraction = indicator_fraction(ind, get_method(method))
    return None if fraction is None else clean(fraction * 100)


# -- verdicts and display -------------------------------------------------------------------------
def verdict_for(achievement: float | None, *, bands: tuple[Band, ...] = INTEGRA_BANDS) -> str | None:
    """The Italian verdict of an achievement percent under ``bands`` (highest band first)."""
    if achievement is None:
        return None
    return next((b.label for b in bands if b.admits(achievement)), None)


def round_half_up(value: float, digits: int = 2) -> float:
    """Round as the reports print (97.775 -> 97.78), not banker's rounding."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def format_percent(value: float | None) -> str:
    """Italian display of an achievement: 96.4812 -> "96,48%"; None -> "n.d."."""
    if value is None:
        return "n.d."
    return f"{round_half_up(value):.2f}".replace(".", ",") + "%"


def clean(value: float) -> float:
    """Stored achievements keep full precision, without float noise (96.47999999999 -> 96.48)."""
    return round(value, 6)
