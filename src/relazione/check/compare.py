"""When two statements of a value or a name say the same thing, whatever their formatting.

">= 75,00%" and ">=75 %" are the same target; "27.000 n." and ">= 27.000,00 N." are not (the operator
differs); "≥ 20 CCIAA" restates part of "≥ 20 CCIAA ≥ 18 PVS". Names are compared as words: case,
punctuation and spacing do not count.
"""

from __future__ import annotations

from relazione.extract.headings import normalise_words
from relazione.records.model import Value
from relazione.records.values import parse_value

WEIGHT_TOLERANCE = 0.01


def same_text(a: str | None, b: str | None) -> bool:
    return normalise_words(a or "") == normalise_words(b or "")


def same_number(a: float | None, b: float | None, tolerance: float = 1e-9) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tolerance


def same_value(a: str | None, b: str | None, *, partial: bool = False) -> bool:
    """Two raw targets or results state the same thing. ``partial``: one may restate a part of the
    other (a summary table quoting the first of two targets)."""
    if a is None or b is None:
        return (a or None) is None and (b or None) is None
    va, vb = parse_value(a), parse_value(b)
    if va is None or vb is None:
        return va is None and vb is None
    if _is_quantity(va) and _is_quantity(vb):
        return _same_quantity(va, vb)
    na, nb = normalise_words(a), normalise_words(b)
    if na == nb:
        return True
    return partial and bool(na) and bool(nb) and (na in nb or nb in na)


def _is_quantity(v: Value) -> bool:
    return v.boolean is not None or v.value is not None


def _same_quantity(a: Value, b: Value) -> bool:
    if a.boolean is not None or b.boolean is not None:
        return a.boolean == b.boolean
    if not same_number(a.value, b.value):
        return False
    if (a.op or "=") != (b.op or "=") and a.op is not None and b.op is not None:
        return False
    return a.unit is None or b.unit is None or a.unit == b.unit
