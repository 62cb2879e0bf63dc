"""Indicator tables for the generic engine: header rows (one or two), data rows, wrapped rows.

What a table looks like comes from the profile's ``[columns]`` synonyms. Beyond the header mapping of
:mod:`relazione.extract.tables` this module handles what real chambers' tables do to a reader:

- a header split over two rows ("Valore | Valore" over "atteso | raggiunto");
- an ordinal in the name column ("1 | Tempo medio ...") when the header cell spans two columns;
- the name's trailing metadata "(tipologia: ... - unità di misura: ... - algoritmo di calcolo: ...)";
- a cell wrapped onto the next row (a row with no name after a blank line, or a name-only row
  that continues the previous name in lower case);
- yearly target columns ("Target 2024 | Target 2025 | Target 2026"): the report year's is the target,
  the others go to ``targets`` by year;
- the indicator's own code and weight in its name cell ("OS 1.1 - Kpi 1 Incidenza ... (Peso: 20,00%)").
"""

from __future__ import annotations

from dataclasses import replace

import regex as re

from relazione.extract.tables import ColumnMap, header_field, map_header, read_row
from relazione.readers.blocks import Cell, Row
from relazione.readers.clean import join_wrapped
from relazione.records.model import Indicator
from relazione.records.values import is_plain_quantity, parse_number, parse_value

_PERCENT = re.compile(r"(?P<n>-?\d+(?:\.\d{3})*(?:,\d+)?|-?\d+(?:\.\d+)?)\s*%?")
_ORDINAL = re.compile(r"^\s*(?:n\.?\s*)?\d{1,2}\s*[.)°]?\s*$", re.IGNORECASE)
_LEADING_ORDINAL = re.compile(r"^\s*\d{1,2}\s*[.)]\s+(?=\S)|^\s*\d{1,2}\s+(?=\p{Lu})")
_MAX_HEADER_CELL = 60
_YEAR = re.compile(r"\b(20\d\d)\b")
_RELATIVE_YEAR = re.compile(r"\bn\s*\+\s*(\d)\b", re.IGNORECASE)  # "anno n+1": the year after the base year
_YEAR_CELL = re.compile(r"^\s*(?:anno\s+)?(?:19|20)\d\d\s*$", re.IGNORECASE)
_TARGETS_PREFIX = "targets:"  # pseudo-field of a yearly target column: "targets:2025"
# "(Peso: 20,00%)" inside an indicator's name cell
_WEIGHT_IN_NAME = re.compile(r"\s*\(\s*peso\s*:?\s*(?P<w>\d+(?:[.,]\d+)?)\s*%?\s*\)", re.IGNORECASE)
# a leading indicator code: "OS 1.1 - Kpi 1", "OO 1.1.1 - Mis 1", "B3.2_01_rev2018", "EC05.1", "OC_TBS_01"
_LEADING_CODE = re.compile(
    r"^(?P<code>(?:[A-Z]{2,3}\s*)?\d+(?:\.\d+)*\s*[-–]\s*(?i:kpi|mis|ind)\.?\s*\d+"
    r"|(?=[A-Z]{1,3}[\d_])(?=\S*\d)[A-Z]{1,3}[A-Za-z\d]*(?:[._][A-Za-z\d]+)+|[A-Z]{1,3}\d{2,}(?:\.\d+)?)"
    r"\s+(?=\p{Lu})")
# "(tipologia: efficacia - unità di misura: numero - algoritmo di calcolo: ... - fonte dei dati: ...)"
_METADATA = re.compile(r"\s*\((?P<body>\s*(?:tipologia|tipo|unit[àa] di misura|algoritmo|fonte)\b[^()]*"
                       r"(?:\([^()]*\)[^()]*)*)\)\s*$", re.IGNORECASE)
_METADATA_KEYS = (
    ("type", re.compile(r"^(?:tipologia|tipo)\s*:\s*", re.IGNORECASE)),
    ("unit", re.compile(r"^unit[àa] di misura\s*:\s*", re.IGNORECASE)),
    ("algorithm", re.compile(r"^algoritmo(?: di calcolo)?\s*:\s*", re.IGNORECASE)),
    ("source", re.compile(r"^fonte(?: dei dati| dati)?\s*:\s*", re.IGNORECASE)),
)
_METADATA_SPLIT = re.compile(
    r"\s+[-–]\s+(?=(?:tipologia|tipo|unit[àa] di misura|algoritmo|fonte)\b)", re.IGNORECASE)


def is_header_like(row: Row) -> bool:
    """Short cells only, two or more of them: what a header row (or its second half) looks like."""
    filled = row.filled()
    return len(filled) >= 2 and all(len(c.text) <= _MAX_HEADER_CELL for c in filled)


def holds_quantities(row: Row) -> bool:
    """Does a cell state a quantity ("≥ 80%", "12,5", "SI")? Header cells are words (a year excepted).
    The shortest cells are tried first: a quantity is short, and a data row is then decided before its
    long name cell is parsed."""
    for text in sorted((c.text for c in row.cells if c.text), key=len):
        if _YEAR_CELL.match(text):
            continue
        if is_plain_quantity(text):  # a data row's shortest cell mostly is: no parsing to decide it
            return True
        value = parse_value(text)
        if value is not None and (value.value is not None or value.boolean is not None):
            return True
    return False


def header_of(row: Row, previous: Row | None, synonyms: dict[str, tuple[str, ...]]) -> ColumnMap | None:
    """The row's ColumnMap; when it names too little alone, the previous row and this one read as
    one header split over two lines ("Valore" over "atteso")."""
    columns = map_header(row, synonyms)
    if columns is not None:
        return columns
    if previous is None or not is_header_like(previous) or not is_header_like(row):
        return None
    return map_header(_stacked(previous, row), synonyms)


def second_header_row(row: Row, header: Row, columns: ColumnMap,
                      synonyms: dict[str, tuple[str, ...]]) -> ColumnMap | None:
    """The header's second line ("| % | atteso | raggiunto" under "Indicatore | Peso | Valore | Valore"),
    read just after the header: the combined header when it names at least the same fields, else None
    (the row is data)."""
    name_col = columns.column_of("name")
    if name_col is None or not is_header_like(row):
        return None
    if name_col < len(row.cells) and row.cells[name_col].text:
        return None  # a name: a data row
    combined = map_header(_stacked(header, row), synonyms)
    if combined is None or not set(columns.fields.values()) < set(combined.fields.values()):
        return None
    return combined


def _stacked(top: Row, bottom: Row) -> Row:
    width = max(len(top.cells), len(bottom.cells))
    texts = []
    for i in range(width):
        a = top.cells[i].text if i < len(top.cells) else ""
        b = bottom.cells[i].text if i < len(bottom.cells) else ""
        texts.append(f"{a} {b}".strip())
    return Row([Cell(t, top.prov) for t in texts], top.prov)


def row_values(row: Row, columns: ColumnMap) -> dict[str, str]:
    """Field -> text, the name taken from the next unlabelled cell when its own cell is an ordinal."""
    values = read_row(row, columns)
    name_col = columns.column_of("name")
    if name_col is None:
        return values
    name = values.get("name", "")
    nxt = name_col + 1
    if (not name or _ORDINAL.match(name)) and nxt < len(row.cells) and nxt not in columns.fields \
            and row.cells[nxt].text and not _ORDINAL.match(row.cells[nxt].text):
        values["name"] = row.cells[nxt].text
    elif name and _ORDINAL.match(name):
        values.pop("name")  # a lone number is a numbering cell, never an indicator's name
    if "name" in values:
        values["name"] = _LEADING_ORDINAL.sub("", values["name"]) or values["name"]
    return values


def without_extra_ordinal(row: Row, width: int | None) -> Row:
    """ "2 | Name | 25% | 20 | 19" under a four-column header: the ordinal took a cell of its own (the
    header's first cell spans it), so the row is read from its second cell."""
    if width is None or len(row.cells) != width + 1 or not _ORDINAL.match(row.cells[0].text or "x"):
        return row
    return Row(row.cells[1:], row.prov, after_blank=row.after_blank)


def with_year_targets(columns: ColumnMap, row: Row, synonyms: dict[str, tuple[str, ...]]) -> ColumnMap:
    """Two or more target columns labelled by year: each becomes a "targets:YEAR" column (the header
    mapping kept only the first as the target)."""
    labels = {i: c.text for i, c in enumerate(row.cells) if c.text}
    labels.update(columns.labels)
    targets = {i: text for i, text in labels.items()
               if columns.fields.get(i) in (None, "target") and header_field(text, synonyms)[0] == "target"}
    base = next((int(m.group(1)) for m in map(_YEAR.search, targets.values()) if m), None)
    yearly = {i: year for i, text in targets.items() if (year := _label_year(text, base))}
    if len(yearly) < 2:
        return columns
    fields = {**columns.fields, **{i: _TARGETS_PREFIX + y for i, y in yearly.items()}}
    return replace(columns, fields=dict(sorted(fields.items())),
                   labels={**columns.labels, **{i: labels[i] for i in yearly}})


def observed_in_year(columns: ColumnMap, year: int | None) -> ColumnMap:
    """ "Ultimo risultato osservato 2024" in a report on 2024, with no result column: the value observed in
    the report's own year is its result, not a baseline."""
    baseline = columns.column_of("baseline")
    if year is None or baseline is None or columns.column_of("actual") is not None:
        return columns
    stated = _YEAR.search(columns.labels.get(baseline, ""))
    if stated is None or int(stated.group(1)) < year:
        return columns
    return replace(columns, fields={**columns.fields, baseline: "actual"})


def _label_year(label: str, base: int | None) -> str | None:
    """The year a target column names: "Target 2025", or "Risultato atteso anno n+1" after a column of 2024."""
    year = _YEAR.search(label)
    if year:
        return year.group(1)
    relative = _RELATIVE_YEAR.search(label)
    return str(base + int(relative.group(1))) if relative and base else None


def take_year_targets(values: dict[str, str], year: int | None) -> dict[str, str]:
    """The yearly target cells of a row: the report year's becomes the target (else the first one),
    the others are returned by year."""
    yearly = {k.removeprefix(_TARGETS_PREFIX): values.pop(k) for k in list(values) if k.startswith(_TARGETS_PREFIX)}
    if not yearly or "target" in values:
        return yearly
    key = str(year) if str(year) in yearly else next(iter(yearly))
    values["target"] = yearly.pop(key)
    return yearly


def new_indicator(ref: str, n: int, values: dict[str, str], prov,  # noqa: ANN001 - Provenance
                  year: int | None = None) -> Indicator:
    targets = take_year_targets(values, year)
    name, metadata = split_metadata(values.pop("name"))
    name, weight = _weight_in_name(name)
    code = _LEADING_CODE.match(name)
    if code and "code" not in values:
        values["code"] = code.group("code")
        name = name[code.end():]
    ind = Indicator(objective=ref, n=n, name=name, provenance=prov, targets=targets)
    if "weight" not in values:
        ind.weight = weight
    for key, text in {**metadata, **values}.items():
        if key == "weight":
            ind.weight = first_number(text)
        elif key in ("n", "note"):
            continue
        elif hasattr(ind, key):
            setattr(ind, key, text)
    return ind


def _weight_in_name(name: str) -> tuple[str, float | None]:
    if "(" not in name:  # the pattern's bracket: most names have none, and are not searched
        return name, None
    m = _WEIGHT_IN_NAME.search(name)
    if m is None or m.start() == 0:
        return name, None
    return (name[: m.start()] + name[m.end():]).strip(), parse_number(m.group("w"))


def first_number(text: str) -> float | None:
    """The first number of a weight or score cell ("30%", "Peso 30,00 %"), or None."""
    number = _PERCENT.search(text)
    return parse_number(number.group("n")) if number else None


def split_metadata(name: str) -> tuple[str, dict[str, str]]:
    """"Tempo medio (tipologia: efficienza - unità di misura: giorni)" -> name and {type, unit}."""
    if "(" not in name:  # the pattern's bracket: most names have none, and are not searched
        return name, {}
    m = _METADATA.search(name)
    if not m or m.start() == 0:
        return name, {}
    found: dict[str, str] = {}
    for part in _METADATA_SPLIT.split(m.group("body").strip()):
        for key, label in _METADATA_KEYS:
            if label.match(part):
                found[key] = label.sub("", part).strip(" -–;")
                break
    return (name[: m.start()].strip(), found) if found else (name, {})


def continues_name(row: Row, values: dict[str, str], columns: ColumnMap, previous: Indicator | None) -> bool:
    """A row holding only a lower-case name fragment, under a table of several fields, after an
    indicator with values: the previous name wrapped onto a row of its own."""
    if previous is None or set(values) != {"name"} or len(columns.fields) < 3:
        return False
    first = values["name"][:1]
    has_values = any(getattr(previous, f) for f in ("target", "actual", "weight"))
    return has_values and (row.after_blank or (first.isalpha() and first.islower()))


def continue_indicator(ind: Indicator, values: dict[str, str]) -> None:
    for key, text in values.items():
        if key in ("weight", "n", "note") or not hasattr(ind, key):
            continue
        current = getattr(ind, key)
        setattr(ind, key, join_wrapped([current, text]) if current else text)
