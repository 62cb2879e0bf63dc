"""The value parser: Italian numbers, operators, units, booleans; prose never guessed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relazione.records.model import Value
from relazione.records.values import (
    _PLAIN_QUANTITY,
    format_value,
    is_plain_quantity,
    parse_number,
    parse_quantity,
    parse_value,
)


@pytest.mark.parametrize(
    ("raw", "op", "value", "unit"),
    [
        ("= > 80%", ">=", 80.0, "%"),
        ("> = 100%", ">=", 100.0, "%"),
        ("≥ 3,00 N.", ">=", 3.0, "N."),
        ("$\\geq 3,00$ N.", ">=", 3.0, "N."),
        ("Almeno 150", ">=", 150.0, None),
        ("almeno 1 bando", ">=", 1.0, None),
        ("Minimo 3", ">=", 3.0, None),
        ("=< 120 giorni", "<=", 120.0, "gg"),
        ("< = 20 giorni", "<=", 20.0, "gg"),
        ("<= 25,00 gg", "<=", 25.0, "gg"),
        ("< -1", "<", -1.0, None),
        ("= 0,00 N.", "=", 0.0, "N."),
        (">= 27.000,00 N.", ">=", 27000.0, "N."),
        ("€ 6.900.000,00", None, 6900000.0, "€"),
        ("1.500 posizioni", None, 1500.0, None),
        ("7,5%", None, 7.5, "%"),
        ("100%", None, 100.0, "%"),  # a percent sign alone after the number: the fast path
        ("-0,57 %", None, -0.57, "%"),
        ("28.133,00 N.", None, 28133.0, "N."),
    ],
)
def test_quantities_parse_to_operator_number_and_unit(raw: str, op: str | None, value: float, unit: str | None) -> None:
    parsed = parse_value(raw)
    assert parsed is not None
    assert (parsed.op, parsed.value, parsed.unit) == (op, value, unit)
    assert parsed.text == raw.replace("$\\geq 3,00$", "≥3,00") or parsed.text


@pytest.mark.parametrize(("raw", "boolean"), [("SI", True), ("Sì", True), ("si", True), ("NO", False)])
def test_si_no_parse_to_boolean(raw: str, boolean: bool) -> None:
    parsed = parse_value(raw)
    assert parsed is not None and parsed.boolean is boolean and parsed.value is None


@pytest.mark.parametrize(
    "raw",
    [
        "In corso di realizzazione",
        "3.441/24.846*100=13,84%",  # a formula: two numbers, not one quantity
        "30/06/2024",  # a date
        "99,81% al 31/12/2023 86,71% SU PREVENTIVO 2024 ASSESTATO",
        "Obiettivo previsto per il 2024: realizzazione di almeno 3 eventi di grande rilievo sul territorio",
    ],
)
def test_prose_formulas_and_dates_stay_text(raw: str) -> None:
    parsed = parse_value(raw)
    assert parsed is not None
    assert parsed.value is None and parsed.op is None and parsed.boolean is None
    assert parsed.text


def test_empty_cell_is_no_value() -> None:
    assert parse_value("") is None
    assert parse_value("   ") is None
    assert parse_value(None) is None


def test_dot_with_three_digits_is_thousands_otherwise_decimal() -> None:
    assert parse_number("1.500") == 1500.0
    assert parse_number("45.48") == 45.48
    assert parse_number("27.000,00") == 27000.0


@given(
    st.sampled_from([">=", "<=", "=", ">", "<", None]),
    st.decimals(min_value=-10**7, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["%", "gg", "N.", "€", None]),
)
def test_parse_of_format_is_identity(op: str | None, number, unit: str | None) -> None:  # noqa: ANN001
    original = Value(text="", op=op, value=float(number), unit=unit)
    parsed = parse_value(format_value(original))
    assert parsed is not None
    assert (parsed.op, parsed.unit) == (op, unit)
    assert parsed.value == pytest.approx(float(number), abs=0.005)


@given(st.text(max_size=200))
def test_any_text_parses_without_exception(raw: str) -> None:
    parsed = parse_value(raw)
    assert parsed is None or isinstance(parsed, Value)


@given(st.from_regex(_PLAIN_QUANTITY.pattern, fullmatch=True))
def test_a_plain_number_cell_is_a_quantity_as_parse_value_reads_it(text: str) -> None:
    """is_plain_quantity says so without parsing (holds_quantities decides on it): parse_value must agree."""
    assert is_plain_quantity(text)
    value = parse_value(text)
    assert value is not None and value.value is not None


@given(st.from_regex(_PLAIN_QUANTITY.pattern, fullmatch=True))
def test_a_plain_quantity_is_read_as_the_whole_grammar_reads_it(text: str) -> None:
    """The shortcut for plain quantities (">= 12,5%", "80", "≤ 3 %") gives the Value the full parse gives."""
    assert parse_value(text) == parse_quantity(text)


@pytest.mark.parametrize("text", ["=> 5", "=< 5", "⩾ 5", "⩽ 5", "= 5", "< 5%", "> 0,5 %", "007"])
def test_each_sign_of_a_plain_quantity_is_the_grammars(text: str) -> None:
    assert parse_value(text) == parse_quantity(text)
    assert parse_value(text).value is not None
