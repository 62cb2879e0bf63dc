"""Targets at or below zero: INTEGRA keeps its published figures but is flagged where its operator contradicts
it; every other method applies the operator to signed values (property tests over sign x operator x method)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relazione.records.model import Indicator, Objective, Report, Value
from relazione.scoring.aggregate import score_report
from relazione.scoring.methods import METHODS, indicator_achievement, met
from test_scoring import ind

OPS = (">=", ">", "<=", "<", "=")
OTHER_METHODS = sorted(name for name in METHODS if name != "integra")
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2))
signs = st.sampled_from((-1.0, 0.0, 1.0))
magnitudes = st.floats(min_value=0.01, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2))


def numeric(op: str, target: float, actual: float) -> Indicator:
    return Indicator(objective="1", n=1, name="indicatore", weight=100.0, target=f"{op} {target}", actual=f"{actual}",
                     target_value=Value(f"{op} {target}", op, target), actual_value=Value(f"{actual}", None, actual))


def scored(indicator: Indicator, method: str) -> tuple[Indicator, list[str]]:
    report = Report(objectives=[Objective("operational", "Op", code="1")], indicators=[indicator])
    codes = [w.code for w in score_report(report, method=method)]
    return report.indicators[0], codes


@pytest.mark.parametrize("method", OTHER_METHODS)
@given(op=st.sampled_from(OPS), sign=signs, size=magnitudes, actual=numbers)
def test_other_methods_score_100_when_the_operator_is_met_and_less_when_missed(
        method: str, op: str, sign: float, size: float, actual: float) -> None:
    target = sign * size
    score = indicator_achievement(numeric(op, target, actual), method=method)
    assert score is not None and 0.0 <= score <= 100.0
    if met(op, actual, target):
        assert score == 100.0
    elif actual != target:  # a strict operator missed at equality scores 100 by the spec: no shortfall
        assert score < 100.0


@pytest.mark.parametrize("method", OTHER_METHODS)
@given(op=st.sampled_from((">=", ">", "<=", "<")), sign=signs, size=magnitudes, a=numbers, b=numbers)
def test_other_methods_never_reward_moving_away_from_the_target(method: str, op: str, sign: float, size: float,
                                                                 a: float, b: float) -> None:
    target, (low, high) = sign * size, sorted((a, b))
    at_low = indicator_achievement(numeric(op, target, low), method=method)
    at_high = indicator_achievement(numeric(op, target, high), method=method)
    assert at_low is not None and at_high is not None
    assert at_low <= at_high if op in (">=", ">") else at_low >= at_high


@given(op=st.sampled_from(OPS), size=magnitudes, actual=numbers)
def test_integra_is_never_flagged_for_a_target_above_zero(op: str, size: float, actual: float) -> None:
    indicator, codes = scored(numeric(op, size, actual), "integra")
    assert indicator.signed_achievement is None and "operator_contradicted" not in codes


@pytest.mark.parametrize("other", OTHER_METHODS)
@given(op=st.sampled_from(OPS), sign=signs, size=magnitudes, actual=numbers)
def test_integra_agrees_with_the_signed_rule_or_is_flagged_with_it(other: str, op: str, sign: float, size: float,
                                                                   actual: float) -> None:
    target = sign * size
    indicator, codes = scored(numeric(op, target, actual), "integra")
    signed = indicator_achievement(numeric(op, target, actual), method=other)
    if indicator.achievement == pytest.approx(signed, abs=1e-6):
        assert indicator.signed_achievement is None and "operator_contradicted" not in codes
    else:
        assert indicator.signed_achievement == pytest.approx(signed, abs=1e-6)
        assert codes.count("operator_contradicted") == 1


def test_mantova_negative_payment_delay_keeps_integra_100_and_is_flagged() -> None:
    report = Report(objectives=[Objective("operational", "Op", code="1")],
                    indicators=[ind(">= -15,00 gg", "-18,07 gg", objective="1")])
    warnings = score_report(report)
    indicator = report.indicators[0]
    assert indicator.achievement == 100.0  # INTEGRA's published figure
    assert indicator.signed_achievement == pytest.approx(100 * (1 - 3.07 / 15), abs=1e-6)  # 79,53%
    flagged = [w for w in warnings if w.code == "operator_contradicted"]
    assert len(flagged) == 1 and "79,53%" in flagged[0].message and ">= -15,00 gg" in flagged[0].message


def test_bands_method_applies_the_operator_to_the_negative_target() -> None:
    assert indicator_achievement(ind(">= -15,00 gg", "-18,07 gg"), method="bands") == pytest.approx(79.533333)
    assert indicator_achievement(ind("<= -15 gg", "-10 gg"), method="bands") == pytest.approx(66.666667)
    assert indicator_achievement(ind("<= -15 gg", "-18,07 gg"), method="bands") == 100.0
