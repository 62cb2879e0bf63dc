"""Parse a raw target or result ("= > 80%", "Almeno 150", "27.000,00 N.", "SI") into a Value.

Italian numbers: dot for thousands, comma for decimals. A value is parsed only when the text is
plainly one quantity (an operator, one number, a unit, a few trailing words); prose, formulas and
dates stay text with everything else null. Never guess.
"""

from __future__ import annotations

import re as std_re

import regex as re

from relazione.readers.clean import clean_inline
from relazione.records.model import Value

# Operator spellings, longest first so "= >" wins over "=".
_OPS: list[tuple[str, str]] = [
    (r"\$?\\geq?\$?", ">="), (r"\$?\\leq?\$?", "<="),
    (r"[≥⩾]", ">="), (r"[≤⩽]", "<="),
    (r">\s*=|=\s*>", ">="), (r"<\s*=|=\s*<", "<="),
    (r"almeno|minimo|non\s+inferiore\s+a[l]?|pari\s+o\s+superiore\s+a|maggiore\s+o\s+uguale\s+a", ">="),
    (r"massimo|al\s+massimo|non\s+superiore\s+a[l]?|entro\s+(?=\d)|pari\s+o\s+inferiore\s+a|"
     r"minore\s+o\s+uguale\s+a", "<="),
    (r">|maggiore\s+(?:di|a)|superiore\s+a[l]?|oltre", ">"),
    (r"<|minore\s+(?:di|a)|inferiore\s+a[l]?", "<"),
    (r"=|pari\s+a[l]?|uguale\s+a", "="),
]
_OP_RE = re.compile(r"^\s*(?:" + "|".join(f"(?P<op{i}>{p})" for i, (p, _) in enumerate(_OPS)) + r")\s*",
                    re.IGNORECASE)
_NUMBER = r"[-+−–]?\s?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
_NUMBER_RE = re.compile(_NUMBER)
_UNITS: list[tuple[str, str]] = [
    (r"%|per\s*cento|percento", "%"),
    (r"gg\.?|giorni|gg\s+lavorativi", "gg"),
    (r"€|euro|eur", "€"),
    (r"n\.|n°|nr\.?|numero", "N."),
    (r"ore|h", "ore"),
    (r"mesi", "mesi"),
]
_UNIT_RE = re.compile(r"^\s*(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS)) + r")(?!\w)",
                      re.IGNORECASE)
# The spellings hold no capturing group of their own: the group that matched (lastgroup) names the spelling.
_OP_OF_GROUP = {f"op{i}": op for i, (_, op) in enumerate(_OPS)}
_UNIT_OF_GROUP = {f"u{i}": unit for i, (_, unit) in enumerate(_UNITS)}
_DIGIT = re.compile(r"\d")
_LEADING_UNIT_RE = re.compile(r"^\s*(?:€|euro|n\.|n°|nr\.?)\s*", re.IGNORECASE)
_BOOLEAN = {"si": True, "sì": True, "si'": True, "yes": True, "no": False}
_DATE_RE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{1,2}[.-]\d{1,2}[.-]\d{4}\b")
MAX_TRAILING_WORDS = 3
_THOUSANDS_ONLY = re.compile(r"\d{1,3}(?:\.\d{3})+")
# a whole number or a decimal one after a sign, maybe a percentage ("1%", ">= 12,5", "≤ 80 %"): no
# date, word, thousands dot or second number can be in it, so it is one quantity, read without the
# grammar below (most targets and results are). The standard library's re: for a pattern this plain
# its call costs a third of the regex module's.
_PLAIN_QUANTITY = std_re.compile(r"(?:([<>]=?|=[<>]?|[≥≤⩾⩽]) ?)?([0-9]+(?:,[0-9]+)?)( ?%)?")
_PLAIN_OPS = {">": ">", "<": "<", "=": "=", ">=": ">=", "=>": ">=", "≥": ">=", "⩾": ">=",
              "<=": "<=", "=<": "<=", "≤": "<=", "⩽": "<="}


def parse_number(text: str) -> float | None:
    """Italian-style number to float: "27.000,00" -> 27000.0, "7,5" -> 7.5, "1.500" -> 1500.0.

    A dot followed by exactly three digits is a thousands separator; otherwise it is a decimal
    point (PDF dumps of INTEGRA tables sometimes print "45.48").
    """
    t = text.strip().replace("−", "-").replace("–", "-").replace(" ", "")
    if not t:
        return None
    sign = -1.0 if t.startswith("-") else 1.0
    t = t.lstrip("+-")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif _THOUSANDS_ONLY.fullmatch(t):
        t = t.replace(".", "")
    try:
        return sign * float(t)
    except ValueError:
        return None


def _match_op(text: str) -> tuple[str | None, str]:
    if text[:1].isdigit():
        return None, text  # no operator starts with a digit, and most quantities start with their number
    m = _OP_RE.match(text)
    if not m:
        return None, text
    return _OP_OF_GROUP[m.lastgroup], text[m.end():]  # type: ignore[index]


def _match_unit(text: str) -> tuple[str | None, str]:
    if not text:
        return None, text  # most numbers end their text
    if text == "%":
        return "%", ""  # most others end with a percent sign: the long alternation need not be tried
    m = _UNIT_RE.match(text)
    if not m:
        return None, text
    return _UNIT_OF_GROUP[m.lastgroup], text[m.end():]  # type: ignore[index]


def is_plain_quantity(text: str) -> bool:
    """Does :func:`parse_value` read ``text`` as a quantity, told without parsing it? True only for a plain
    number, maybe after a sign (``_PLAIN_QUANTITY``); other quantities need the parse."""
    return _PLAIN_QUANTITY.fullmatch(text) is not None


def parse_value(raw: str | None) -> Value | None:
    """Raw cell text -> Value; None for an empty cell."""
    if raw is None:
        return None
    text = clean_inline(raw)
    if not text:
        return None
    plain = _PLAIN_QUANTITY.fullmatch(text)
    if plain is not None:
        op, number, percent = plain.groups()
        return Value(text, _PLAIN_OPS[op] if op else None, float(number.replace(",", ".")), "%" if percent else None)
    return parse_quantity(text)


def parse_quantity(text: str) -> Value:
    """A cleaned, non-empty text -> Value, by the whole grammar: operator words, units before or
    after the number, thousands dots, booleans; prose, dates and formulas stay text."""
    value = Value(text=text)
    key = text.strip(" .;:!").casefold()
    if key in _BOOLEAN:
        value.boolean = _BOOLEAN[key]
        return value
    if not _DIGIT.search(text):
        return value  # no digit, no number: a word or a label (most header and name cells)
    if ("/" in text or "." in text or "-" in text) and _DATE_RE.search(text):  # a date has one of these marks
        return value
    op, rest = _match_op(text)
    unit = None
    lead = None if rest[:1].isdigit() else _LEADING_UNIT_RE.match(rest)
    if lead:
        unit, _ = _match_unit(lead.group(0).strip())
        rest = rest[lead.end():]
    rest = rest.lstrip()
    m = _NUMBER_RE.match(rest)
    if not m:
        return value
    number = parse_number(m.group(0))
    tail = rest[m.end():]
    if number is None or (tail and _NUMBER_RE.search(tail)):
        return value  # two numbers: a formula, a range or prose — not one quantity
    tail_unit, tail = _match_unit(tail)
    unit = unit or tail_unit
    if len(tail.split()) > MAX_TRAILING_WORDS:
        return value
    value.op, value.value, value.unit = op, number, unit
    return value


def format_value(value: Value) -> str:
    """The inverse of parse_value for parsed quantities, in Italian notation."""
    if value.boolean is not None:
        return "SI" if value.boolean else "NO"
    if value.value is None:
        return value.text
    number = f"{value.value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    parts = [value.op or "", number, value.unit or ""]
    return " ".join(p for p in parts if p)


_SIGNS = {">=": "≥", "<=": "≤"}
NBSP = "\u00a0"  # operator, number and unit never part at the end of a line
_SIGN_SPELLINGS = re.compile(r"=\s*>|>\s*=|=\s*<|<\s*=")
_QUANTITY_ONLY = re.compile(r"^[\s≥≤<>=+\-−–\d.,%€°]*(?:gg\.?|giorni|n\.|n°|nr\.?|ore|mesi|euro|eur)?\s*\.?$",
                            re.IGNORECASE)


def _italian_number(x: float) -> str:
    """27000.0 -> "27.000", 97.784 -> "97,78": two decimals only when there are any."""
    text = f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text.removesuffix(",00")


def display_value(value: Value | None, text: str | None) -> str:
    """A target or result as documents print it, in one Italian style: "≥ 27.000 N.", "97,78%", "≤ -15 gg".

    Operator, number and unit are joined by no-break spaces. Only a text that is plainly one quantity is
    rewritten from its parsed value; any other text keeps its words, with ">=" and "<=" written as "≥"
    and "≤". Parsing the display gives the same value back.
    """
    if not text:
        return ""
    if value is None or value.value is None or value.boolean is not None or not _QUANTITY_ONLY.match(text):
        return _SIGN_SPELLINGS.sub(lambda m: "≥" if ">" in m.group() else "≤", text)
    number = _italian_number(value.value)
    unit = value.unit or ""
    quantity = f"{number}%" if unit == "%" else NBSP.join(p for p in (number, unit) if p)
    op = _SIGNS.get(value.op or "", value.op or "")
    return f"{op}{NBSP}{quantity}" if op else quantity
