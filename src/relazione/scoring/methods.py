"""Achievement scoring (grado di raggiungimento): indicators, objectives, areas and the ente.

The default method, ``integra``, is the rule of ``spec/scoring.md``, inferred from the scores the
Unioncamere INTEGRA application publishes. Methods are swappable (``METHODS``, ``register_method``):
a chamber with another rule adds one. Stated scores and verdicts (``score``, ``status``) are never
touched: what the tool computes goes in ``achievement``. A text or unparsable value gives null and
a warning, never a guess.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from relazione.records.model import Indicator, Objective, Records, Report, Value, Warning_

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


def integra_rule(target: Value, actual: Value) -> float:
    """Fraction (0..1, unclipped) for two numeric Values, per spec/scoring.md."""
    t, a, op = target.value, actual.value, target.op
    assert t is not None and a is not None and op is not None
    if _met(op, a, t):
        return 1.0
    if t == 0:
        return 0.0
    if op in (">=", ">"):
        return a / t
    if op in ("<=", "<"):
        return 2 - a / t  # one minus the relative excess, not t / a
    return 1 - abs(a - t) / abs(t)


def _met(op: str, a: float, t: float) -> bool:
    return {">=": a >= t, ">": a > t, "<=": a <= t, "<": a < t, "=": a == t}[op]


METHODS: dict[str, ScoringMethod] = {}


def register_method(method: ScoringMethod) -> None:
    METHODS[method.name] = method


register_method(ScoringMethod(
    "integra", "INTEGRA (Unioncamere): spec/scoring.md, verdict bands 95/50", integra_rule,
    label="metodo INTEGRA (Unioncamere): media pesata dei gradi di raggiungimento degli indicatori, "
          "obiettivi strategici al 50% indicatori propri e 50% obiettivi operativi"))
register_method(ScoringMethod(
    "bands", "INTEGRA achievement, fixed verdict bands: > 90% raggiunto, 70-90% parzialmente", integra_rule,
    bands=FIXED_BANDS, label="metodo INTEGRA con fasce fisse: raggiunto oltre il 90%, parzialmente tra 70% e 90%, "
                             "non raggiunto sotto il 70%"))


def get_method(name: str) -> ScoringMethod:
    try:
        return METHODS[name]
    except KeyError:
        raise ValueError(f"unknown scoring method {name!r} (known: {', '.join(sorted(METHODS))})") from None


# -- one indicator --------------------------------------------------------------------------------
def _why_unscorable(ind: Indicator) -> str | None:
    """The reason an indicator has no computed achievement, or None when it can be scored."""
    t, a = ind.target_value, ind.actual_value
    if t is None:
        return "no target"
    if a is None:
        return "no result (consuntivo)"
    if t.boolean is not None:
        return None if a.boolean is not None else f"SI/NO target but the result is not SI/NO ({a.text!r})"
    if t.value is None:
        return f"text target ({t.text!r})"
    if t.op is None:
        # "5" alone could be a minimum (events) or a maximum (days): reading it either way is a guess.
        return f"target without operator ({t.text!r}): minimum or maximum?"
    if a.value is None:
        return f"non-numeric result ({a.text!r})"
    return None


def _indicator_fraction(ind: Indicator, method: ScoringMethod) -> float | None:
    if _why_unscorable(ind) is not None:
        return None
    t, a = ind.target_value, ind.actual_value
    assert t is not None and a is not None
    if t.boolean is not None:
        return 1.0 if a.boolean == t.boolean else 0.0
    return min(1.0, max(0.0, method.indicator_rule(t, a)))  # clipped per indicator


def indicator_achievement(ind: Indicator, *, method: str = "integra") -> float | None:
    """Percent (0-100) achievement of one indicator; None when target or result is not numeric/SI-NO."""
    fraction = _indicator_fraction(ind, get_method(method))
    return None if fraction is None else _clean(fraction * 100)


# -- aggregation ----------------------------------------------------------------------------------
def _weighted_mean(pairs: list[tuple[float | None, float]]) -> float | None:
    """Weighted mean of (weight, value); missing or all-zero weights mean equal weights."""
    if not pairs:
        return None
    weights = [w for w, _ in pairs]
    if any(w is None for w in weights) or sum(weights) <= 0:  # type: ignore[operator]
        return sum(v for _, v in pairs) / len(pairs)
    return sum(w * v for w, v in pairs) / sum(weights)  # type: ignore[operator]


@dataclass
class _Scorer:
    report: Report
    method: ScoringMethod
    warnings: list[Warning_]

    def __post_init__(self) -> None:
        self.by_ref = {o.ref: o for o in self.report.objectives}
        self.children: dict[str, list[Objective]] = {}
        for o in self.report.objectives:
            if o.parent is not None and o.parent in self.by_ref and o.parent != o.ref:
                self.children.setdefault(o.parent, []).append(o)
        self.indicators: dict[str, list[Indicator]] = {}
        for ind in self.report.indicators:
            self.indicators.setdefault(ind.objective, []).append(ind)
        self.done: dict[str, float | None] = {}

    def warn(self, code: str, message: str, where: Objective | Indicator) -> None:
        self.warnings.append(Warning_(code, message, where.provenance))

    def indicator(self, ind: Indicator) -> float | None:
        reason = _why_unscorable(ind)
        if reason is not None:
            if ind.target is not None or ind.actual is not None:
                self.warn("not_scorable", f"indicator {ind.objective}#{ind.n} ({ind.name[:60]}): {reason}", ind)
            ind.achievement = None
            return None
        fraction = _indicator_fraction(ind, self.method)
        assert fraction is not None
        ind.achievement = _clean(fraction * 100)
        return fraction * 100

    def part(self, owner: Objective, items: Iterable[tuple[float | None, float | None]], what: str) -> float | None:
        """Weighted mean of the scored items; unscored ones are left out, with a warning."""
        items = list(items)
        scored = [(w, v) for w, v in items if v is not None]
        if scored and len(scored) < len(items):
            self.warn("partial_score", f"objective {owner.ref}: {len(items) - len(scored)} of {len(items)} "
                      f"{what} without a computed achievement, scored on the others", owner)
        if scored and any(w is None for w, _ in scored) and any(w is not None for w, _ in scored):
            self.warn("weights_missing", f"objective {owner.ref}: some {what} have no weight; equal weights used",
                      owner)
        return _weighted_mean(scored)

    def objective(self, obj: Objective, seen: frozenset[str] = frozenset()) -> float | None:
        if obj.ref in self.done:
            return self.done[obj.ref]
        if obj.ref in seen:  # a parent cycle in hand-edited records: stop rather than recurse forever
            return None
        own = self.part(obj, ((i.weight, self.indicator(i)) for i in self.indicators.get(obj.ref, [])), "indicators")
        kids = self.part(obj, ((c.weight, self.objective(c, seen | {obj.ref})) for c in self.children.get(obj.ref, [])),
                         "child objectives")
        if own is not None and kids is not None:
            value: float | None = self.method.own_share * own + (1 - self.method.own_share) * kids
        else:
            value = own if own is not None else kids
        obj.achievement = None if value is None else _clean(value)
        self.done[obj.ref] = value
        return value

    def ente(self, area_weights: dict[str, float] | None) -> float | None:
        roots = [o for o in self.report.objectives if o.parent is None or o.parent not in self.by_ref]
        pairs = []
        for root in roots:
            weight = root.weight
            if area_weights is not None:
                weight = area_weights.get(root.code or "", area_weights.get(root.title))
            pairs.append((weight, self.objective(root)))
        for obj in self.report.objectives:  # objectives reachable only through a cycle
            self.objective(obj)
        scored = [(w, v) for w, v in pairs if v is not None]
        if len(scored) > 1 and any(w is None for w, _ in scored):
            self.warnings.append(Warning_("weights_missing", "area weights not all stated: the ente score "
                                          "weighs the areas equally"))
        value = _weighted_mean(scored)
        self.report.achievement = None if value is None else _clean(value)
        return value


def score_report(report: Report, *, method: str = "integra",
                 area_weights: dict[str, float] | None = None) -> list[Warning_]:
    """Fill ``achievement`` on the indicators, objectives and the report; return the warnings.

    ``area_weights`` maps an area's code (or title) to its weight; by default the areas' ``weight``.
    """
    warnings: list[Warning_] = []
    _Scorer(report, get_method(method), warnings).ente(area_weights)
    return warnings


def score_records(records: Records, *, method: str = "integra") -> Records:
    """A copy of the records with every report scored and the scoring warnings appended."""
    scored = Records.from_dict(records.to_dict())
    warnings = list(scored.warnings)
    for report in scored.reports:
        warnings.extend(score_report(report, method=method))
    return replace(scored, warnings=warnings)


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


def _clean(value: float) -> float:
    """Stored achievements keep full precision, without float noise (96.47999999999 -> 96.48)."""
    return round(value, 6)
