"""Columns by content: what a table's cells hold names the columns its header words do not.

A chamber's header may say "Soglia", "Rilevazione" or nothing at all over a column. The engine maps
the header words it knows (:mod:`relazione.extract.tables`), then reads the cells of the other columns:

- target: most cells state a threshold, an operator or "almeno" before a number ("≥ 80%", "Almeno 3");
- weight: numbers of at most 100 adding up to 100 per objective (or a whole multiple of 100 over a
  table of several objectives);
- actual: after the target column, cells holding one quantity or a yes/no (the result is stated the
  way the target is, without the operator).

Only columns the header left unmapped are inferred, and each field once; a table whose header names
the indicator only ("Indicatore | Soglia | Rilevazione") becomes readable this way.
"""

from __future__ import annotations

from relazione.extract.tables import ColumnMap
from relazione.readers.blocks import Row
from relazione.records.values import parse_value

MIN_SHARE = 0.6  # of a column's filled cells that must look the part
WEIGHT_TOLERANCE = 0.5
CONTENT_PENALTY = 0.25
NO_VALUES_PENALTY = 0.2


def infer_columns(columns: ColumnMap, header: Row, body: list[Row]) -> ColumnMap:
    """``columns`` with the fields the cells of its unmapped columns show."""
    fields, labels = dict(columns.fields), dict(columns.labels)
    width = max([len(header.cells), *(len(r.cells) for r in body)], default=0)
    name_col = columns.column_of("name")
    for i in range(width):
        if i in fields or i == name_col:
            continue
        cells = [r.cells[i].text for r in body if i < len(r.cells) and r.cells[i].text]
        field = _field_of(cells, set(fields.values()), i, fields)
        if field is not None:
            fields[i] = field
            labels[i] = header.cells[i].text if i < len(header.cells) else ""
    if fields == columns.fields:
        return columns
    inferred = columns.inferred | {i for i in fields if i not in columns.fields}
    return ColumnMap(dict(sorted(fields.items())), labels, frozenset(inferred))


def realigned(columns: ColumnMap, header: Row, body: list[Row]) -> ColumnMap:
    """A header whose labels sit one cell left of their columns (a merged first cell written once, the
    last header cell empty): the cells under "target" hold no thresholds while those one column right do.
    Every column after the first is moved right by one."""
    target = columns.column_of("target")
    if target is None or target == 0 or (header.cells and header.cells[-1].text):
        return columns
    here, right = _threshold_share(body, target), _threshold_share(body, target + 1)
    if here >= MIN_SHARE or right < MIN_SHARE:
        return columns
    first = min(columns.fields)
    moved = {(i + 1 if i > first else i): f for i, f in columns.fields.items()}
    labels = {(i + 1 if i > first else i): t for i, t in columns.labels.items()} | {first + 1: ""}  # the gap
    return ColumnMap(moved, labels, frozenset(i + 1 if i > first else i for i in columns.inferred))


def _threshold_share(body: list[Row], index: int) -> float:
    cells = [r.cells[index].text for r in body if index < len(r.cells) and r.cells[index].text]
    values = [parse_value(c) for c in cells]
    return sum(1 for v in values if v is not None and v.op) / len(cells) if cells else 0.0


def confidence_of(filled: set[str], columns: ColumnMap) -> float:
    """An indicator's confidence: 1 when header words named every column it was read from, less for a
    column named by its content, less again when it has neither target nor result."""
    by_content = {columns.fields[i] for i in columns.inferred} & filled
    confidence = 1.0 - CONTENT_PENALTY * bool(by_content)
    if not filled & {"target", "actual"}:
        confidence -= NO_VALUES_PENALTY
    return round(confidence, 2)


def _field_of(cells: list[str], taken: set[str], index: int, fields: dict[int, str]) -> str | None:
    if len(cells) < 1:
        return None
    values = [parse_value(c) for c in cells]
    quantities = [v for v in values if v is not None and (v.value is not None or v.boolean is not None)]
    with_operator = [v for v in quantities if v.op]
    if "target" not in taken and len(with_operator) >= MIN_SHARE * len(cells):
        return "target"
    target_col = next((i for i, f in fields.items() if f == "target"), None)
    values_after = any(f in ("target", "actual") and i < index for i, f in fields.items())
    if "weight" not in taken and not values_after and _weights(values, len(cells)):
        return "weight"  # before the values: a column of 100% results after the target is no weight
    if "actual" not in taken and target_col is not None and index > target_col \
            and len(quantities) >= MIN_SHARE * len(cells):
        return "actual"
    return None


def _weights(values: list, n_cells: int) -> bool:  # noqa: ANN001 - Values
    numbers = [v.value for v in values if v is not None and v.value is not None and not v.op]
    if len(numbers) < n_cells or not numbers or any(not 0 < n <= 100 for n in numbers):
        return False
    total = sum(numbers)
    return total >= 100 - WEIGHT_TOLERANCE and abs(total / 100 - round(total / 100)) * 100 <= WEIGHT_TOLERANCE
