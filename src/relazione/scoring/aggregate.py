"""Scoring a report: indicators up to operational and strategic objectives, areas and the ente.

The achievement of an aggregate is the weighted mean of whatever could be scored (INTEGRA's rule, which
the published figures follow); its ``coverage`` says how much that was, and whether it reaches the
chamber's minimum (``min_coverage``, default 100: everything) for the figure to be shown as a headline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from relazione.records.model import Coverage, Indicator, Objective, Records, Report, Warning_
from relazione.scoring.methods import (
    ScoringMethod,
    clean,
    format_percent,
    get_method,
    indicator_fraction,
    signed_fraction,
    why_unscorable,
)

FULL_COVERAGE = 100.0


@dataclass(frozen=True)
class _Result:
    """An objective's achievement, its coverage, and the indicators beneath it (by id: objectives that share a
    ref share their indicators, which must count once)."""

    value: float | None
    coverage: Coverage
    indicators: frozenset[int] = frozenset()
    scored: frozenset[int] = frozenset()


NOTHING = _Result(None, Coverage(0, 0, 0, 0, sufficient=False))


def _weighted_mean(pairs: list[tuple[float | None, float]]) -> float | None:
    """Weighted mean of (weight, value); missing or all-zero weights mean equal weights."""
    if not pairs:
        return None
    weights = [w for w, _ in pairs]
    if any(w is None for w in weights) or sum(weights) <= 0:  # type: ignore[operator]
        return sum(v for _, v in pairs) / len(pairs)
    return sum(w * v for w, v in pairs) / sum(weights)  # type: ignore[operator]


def _share(scored: int, total: int) -> float:
    return 100.0 if total == 0 else 100.0 * scored / total


def combine(value: float | None, own: list[Indicator], kids: list[_Result], minimum: float) -> _Result:
    """An aggregate's result from its own (scored) indicators and its children's results.

    A child counts as scored only when it is itself sufficient: a figure resting on an undefendable one is not
    defendable either.
    """
    indicators = frozenset(id(i) for i in own).union(*(k.indicators for k in kids))
    scored = frozenset(id(i) for i in own if i.achievement is not None).union(*(k.scored for k in kids))
    children_scored = sum(1 for k in kids if k.value is not None and k.coverage.sufficient)
    sufficient = (value is not None and _share(children_scored, len(kids)) >= minimum - 1e-9
                  and _share(len(scored), len(indicators)) >= minimum - 1e-9)
    coverage = Coverage(children_scored, len(kids), len(scored), len(indicators), sufficient, minimum)
    return _Result(value, coverage, indicators, scored)


@dataclass
class _Scorer:
    report: Report
    method: ScoringMethod
    warnings: list[Warning_]
    minimum: float = FULL_COVERAGE
    done: dict[str, _Result] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_ref = {o.ref: o for o in self.report.objectives}
        self.children: dict[str, list[Objective]] = {}
        for o in self.report.objectives:
            if o.parent is not None and o.parent in self.by_ref and o.parent != o.ref:
                self.children.setdefault(o.parent, []).append(o)
        self.indicators: dict[str, list[Indicator]] = {}
        for ind in self.report.indicators:
            self.indicators.setdefault(ind.objective, []).append(ind)

    def warn(self, code: str, message: str, where: Objective | Indicator) -> None:
        self.warnings.append(Warning_(code, message, where.provenance))

    def indicator(self, ind: Indicator) -> float | None:
        reason = why_unscorable(ind)
        ind.achievement = ind.signed_achievement = None
        if reason is not None:
            if ind.target is not None or ind.actual is not None:
                self.warn("not_scorable", f"indicatore {ind.objective}#{ind.n} ({ind.name[:60]}): {reason}", ind)
            return None
        fraction = indicator_fraction(ind, self.method)
        assert fraction is not None
        ind.achievement = clean(fraction * 100)
        self.flag_contradiction(ind)
        return fraction * 100

    def flag_contradiction(self, ind: Indicator) -> None:
        """INTEGRA's ratio on a target at or below zero can score what its operator says is missed: keep the
        method's figure (the published one) and say so, with the figure the operator gives."""
        signed = signed_fraction(ind, self.method)
        if signed is None:
            return
        ind.signed_achievement = clean(signed * 100)
        self.warn("operator_contradicted",
                  f"indicatore {ind.objective}#{ind.n} ({ind.name[:60]}): target {ind.target}, consuntivo "
                  f"{ind.actual}: il metodo {self.method.name} dà {format_percent(ind.achievement)}, ma l'operatore "
                  f"del target applicato ai valori con segno dà {format_percent(ind.signed_achievement)}", ind)

    def part(self, owner: Objective, items: Iterable[tuple[float | None, float | None]], what: str) -> float | None:
        """Weighted mean of the scored items; unscored ones are left out, with a warning."""
        items = list(items)
        scored = [(w, v) for w, v in items if v is not None]
        if scored and len(scored) < len(items):
            self.warn("partial_score", f"obiettivo {owner.ref}: {len(items) - len(scored)} {what} su {len(items)} "
                      "senza grado di raggiungimento calcolato: calcolato sugli altri", owner)
        if scored and any(w is None for w, _ in scored) and any(w is not None for w, _ in scored):
            self.warn("weights_missing", f"obiettivo {owner.ref}: alcuni {what} senza peso; usati pesi uguali",
                      owner)
        return _weighted_mean(scored)

    def objective(self, obj: Objective, seen: frozenset[str] = frozenset()) -> _Result:
        if obj.ref in self.done:  # scored already, or another objective with the same ref (same code or title)
            result = self.done[obj.ref]
            obj.achievement = None if result.value is None else clean(result.value)
            obj.coverage = result.coverage
            return result
        if obj.ref in seen:  # a parent cycle in hand-edited records: stop rather than recurse forever
            return NOTHING
        indicators = self.indicators.get(obj.ref, [])
        own_values = [self.indicator(i) for i in indicators]
        children = self.children.get(obj.ref, [])
        kids = [self.objective(c, seen | {obj.ref}) for c in children]
        own = self.part(obj, zip((i.weight for i in indicators), own_values, strict=True), "indicatori")
        mixed = self.part(obj, zip((c.weight for c in children), (k.value for k in kids), strict=True),
                          "obiettivi figli")
        if own is not None and mixed is not None:
            value: float | None = self.method.own_share * own + (1 - self.method.own_share) * mixed
        else:
            value = own if own is not None else mixed
        obj.achievement = None if value is None else clean(value)
        self.done[obj.ref] = combine(value, indicators, kids, self.minimum)
        obj.coverage = self.done[obj.ref].coverage
        return self.done[obj.ref]

    def ente(self, area_weights: dict[str, float] | None) -> float | None:
        roots = [o for o in self.report.objectives if o.parent is None or o.parent not in self.by_ref]
        weights, kids = [], []
        for root in roots:
            weight = root.weight
            if area_weights is not None:
                weight = area_weights.get(root.code or "", area_weights.get(root.title))
            weights.append(weight)
            kids.append(self.objective(root))
        for obj in self.report.objectives:  # objectives reachable only through a cycle
            self.objective(obj)
        scored = [(w, k.value) for w, k in zip(weights, kids, strict=True) if k.value is not None]
        if len(scored) > 1 and any(w is None for w, _ in scored):
            self.warnings.append(Warning_("weights_missing", "pesi delle aree non tutti indicati: il grado dell'ente "
                                          "pesa le aree in modo uguale"))
        value = _weighted_mean(scored)
        self.report.achievement = None if value is None else clean(value)
        self.report.coverage = combine(value, [], kids, self.minimum).coverage
        return value


def score_report(report: Report, *, method: str = "integra", area_weights: dict[str, float] | None = None,
                 min_coverage: float = FULL_COVERAGE) -> list[Warning_]:
    """Fill ``achievement`` and ``coverage`` on the indicators, objectives and the report; return the warnings.

    ``area_weights`` maps an area's code (or title) to its weight; by default the areas' ``weight``.
    ``min_coverage``: the percent of an aggregate's children and indicators that must be scorable for its
    figure to be a headline (the chamber's setting).
    """
    warnings: list[Warning_] = []
    _Scorer(report, get_method(method), warnings, min_coverage).ente(area_weights)
    return warnings


def score_records(records: Records, *, method: str = "integra", min_coverage: float = FULL_COVERAGE) -> Records:
    """A copy of the records with every report scored and the scoring warnings appended."""
    scored = Records.from_dict(records.to_dict())
    warnings = list(scored.warnings)
    for report in scored.reports:
        warnings.extend(score_report(report, method=method, min_coverage=min_coverage))
    return replace(scored, warnings=warnings)
