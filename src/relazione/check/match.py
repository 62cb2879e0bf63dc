"""Pairing the objectives and indicators of two drafts (or of a plan and its report).

Objectives: same level and code and the same title first; then the same title under another code
(a renumbering: a move, not a delete and an add); then the same code with another title (a rename);
then a close title (moved and reworded). Indicators, inside paired objectives: by code, by name,
by position with a similar name, by close name. Whatever is left was removed or added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz import fuzz

from relazione.extract.headings import normalise_words
from relazione.records.model import Indicator, Objective, Report

CLOSE_TITLE = 85.0  # renamed and renumbered at once: the title must still be nearly the same
SIMILAR_NAME = 60.0  # an indicator at the same position, reworded
T = TypeVar("T")


@dataclass
class Pairing:
    objectives: list[tuple[Objective, Objective]] = field(default_factory=list)
    removed_objectives: list[Objective] = field(default_factory=list)
    added_objectives: list[Objective] = field(default_factory=list)
    indicators: list[tuple[Indicator, Indicator]] = field(default_factory=list)
    removed_indicators: list[Indicator] = field(default_factory=list)
    added_indicators: list[Indicator] = field(default_factory=list)


def _pair(old: list[T], new: list[T],
          rules: Iterable[Callable[[T, T], bool]]) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Greedy pairing, rule by rule, in document order: earlier rules are stronger evidence."""
    left, right = list(old), list(new)
    pairs: list[tuple[T, T]] = []
    for rule in rules:
        for a in list(left):
            b = next((b for b in right if rule(a, b)), None)
            if b is not None:
                pairs.append((a, b))
                left.remove(a)
                right.remove(b)
    return pairs, left, right


def words(text: str | None) -> str:
    return normalise_words(text or "")


def _objective_rules() -> list[Callable[[Objective, Objective], bool]]:
    return [
        lambda a, b: a.level == b.level and a.code == b.code and words(a.title) == words(b.title),
        lambda a, b: a.level == b.level and bool(a.title) and words(a.title) == words(b.title),
        lambda a, b: a.level == b.level and a.code is not None and a.code == b.code,
        lambda a, b: a.level == b.level and fuzz.ratio(words(a.title), words(b.title)) >= CLOSE_TITLE,
    ]


def _indicator_rules() -> list[Callable[[Indicator, Indicator], bool]]:
    return [
        lambda a, b: a.code is not None and a.code == b.code and words(a.name) == words(b.name),
        lambda a, b: words(a.name) == words(b.name),
        lambda a, b: a.code is not None and a.code == b.code,
        lambda a, b: a.n == b.n and fuzz.ratio(words(a.name), words(b.name)) >= SIMILAR_NAME,
        lambda a, b: fuzz.ratio(words(a.name), words(b.name)) >= CLOSE_TITLE,
    ]


def pair_reports(old: Report, new: Report) -> Pairing:
    result = Pairing()
    result.objectives, result.removed_objectives, result.added_objectives = _pair(
        old.objectives, new.objectives, _objective_rules())
    new_ref = {a.ref: b.ref for a, b in result.objectives}
    old_by_obj = _by_objective(old.indicators)
    new_by_obj = _by_objective(new.indicators)
    left_old: list[Indicator] = []
    left_new: list[Indicator] = []
    for old_ref, inds in old_by_obj.items():
        pairs, gone, came = _pair(inds, new_by_obj.pop(new_ref.get(old_ref, "\0"), []), _indicator_rules())
        result.indicators += pairs
        left_old += gone
        left_new += came
    for inds in new_by_obj.values():
        left_new += inds
    # an indicator that changed objective: same code or same name elsewhere
    moved, left_old, left_new = _pair(left_old, left_new, _indicator_rules()[:3])
    result.indicators += moved
    result.removed_indicators, result.added_indicators = left_old, left_new
    return result


def _by_objective(indicators: list[Indicator]) -> dict[str, list[Indicator]]:
    out: dict[str, list[Indicator]] = {}
    for ind in indicators:
        out.setdefault(ind.objective, []).append(ind)
    return out


def pair_report_lists(old: list[Report],
                      new: list[Report]) -> tuple[list[tuple[Report, Report]], list[Report], list[Report]]:
    """Reports by ente, kind and year; then by position among those left."""
    return _pair(old, new, [
        lambda a, b: (a.ente, a.kind, a.year) == (b.ente, b.kind, b.year),
        lambda a, b: (a.ente, a.kind) == (b.ente, b.kind),
        lambda a, b: True,
    ])
