"""Indicator tables of the Brescia PIAO sheets: the results table and the proposal table.

Results table: "Indicatore | peso | Risultato atteso ... | Stato di realizzazione ..."; a row is
"1 | name (tipologia: ...) | 40% | target | result" or, with number and name fused, "1 name | 40% |
...". A cell wrapped by the PDF conversion continues on a later row whose number cell is empty
("| (tipologia: ...) | | |") or holds the rest of the name; its cells extend the previous row's.
Values align to the header's value columns from the left: cells lost at the end are missing values.

Proposal table ("Eventuale proposta del Dirigente"): "Indicatori | Previsione al 30/6 |
Realizzazione al 30/6 | Previsione al 31/12 | Nuova previsione al 31/12". A numbered row gives
an existing indicator its proposed new target; a "NUOVO Indicatore N" row adds an indicator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from relazione.extract.headings import normalise_words
from relazione.extract.profiles import Profile
from relazione.extract.tables import header_field
from relazione.readers.blocks import Provenance, Row
from relazione.readers.clean import collapse, strip_bullet
from relazione.records.model import Warning_
from relazione.records.values import parse_number, parse_value

_NUMBER_CELL = re.compile(r"^\d{1,2}$")
_FUSED_NUMBER = re.compile(r"^(?P<n>\d{1,2})\s+(?P<name>\S.*)$")
_PROPOSAL_LABEL = re.compile(r"^(?:n\.?\s*)?(?P<n>\d{1,2})(?![\d.,/%])\s*[:.)]?\s*(?P<name>.*)$", re.IGNORECASE)
_DATE = re.compile(r"\b(\d{1,2}/\d{1,2})(?:/\d{2,4})?\b")
_DASHES = re.compile(r"^[-–—]*$")
_TYPE_END = re.compile(r"\s+[-–]\s+")
NEW_TARGET = "new_target"


@dataclass(frozen=True)
class Layout:
    """The profile's knowledge, compiled once."""

    columns: dict[str, tuple[str, ...]]
    column_order: tuple[str, ...]
    weight: re.Pattern[str]
    period_end: str
    new_target_key: str
    new_indicator: re.Pattern[str]
    new_indicator_code: str
    reweight: re.Pattern[str]
    meta: re.Pattern[str]
    meta_fields: dict[str, str]  # normalised label -> indicator field
    overview_code: re.Pattern[str]
    overview_indicator: re.Pattern[str]
    narrative: dict[str, tuple[str, ...]]
    section_breaks: tuple[str, ...]
    end_phrases: tuple[str, ...]


def layout_of(profile: Profile) -> Layout:
    s = profile.settings
    meta = s.get("meta", {})
    return Layout(
        columns={**profile.columns, NEW_TARGET: tuple(s.get("new_target_columns", []))},
        column_order=tuple(s.get("column_order", ["name", "weight", "baseline", "target", "actual"])),
        weight=re.compile(s["weight"], re.IGNORECASE),
        period_end=s.get("period_end", "31/12"),
        new_target_key=s.get("new_target_key", "nuova previsione"),
        new_indicator=re.compile(s.get("new_indicator", r"(?!)"), re.IGNORECASE),
        new_indicator_code=s.get("new_indicator_code", "{n}"),
        reweight=re.compile(s.get("reweight", r"(?!)"), re.IGNORECASE),
        meta=re.compile(r"\(?\s*\b(?P<label>" + "|".join(re.escape(v) for v in meta.values()) + r")\b\s*:?\s*",
                        re.IGNORECASE) if meta else re.compile(r"(?!)"),
        meta_fields={normalise_words(v): k for k, v in meta.items()},
        overview_code=re.compile(s["overview_code"]),
        overview_indicator=re.compile(s["overview_indicator"], re.IGNORECASE),
        narrative={k: tuple(v) for k, v in s.get("narrative", {}).items()},
        section_breaks=tuple(s.get("section_breaks", [])),
        end_phrases=tuple(s.get("end_phrases", [])),
    )


@dataclass
class RawIndicator:
    """An indicator as its rows state it; texts stay in parts until every wrapped row is read."""

    n: int
    prov: Provenance
    code: str | None = None
    name_parts: list[str] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)  # target / actual / baseline
    targets: dict[str, str] = field(default_factory=dict)
    weight: float | None = None


@dataclass
class Column:
    field: str
    label: str

    @property
    def date(self) -> str | None:
        m = _DATE.search(self.label)
        return m.group(1) if m else None


def split_meta(text: str, layout: Layout) -> tuple[str, dict[str, str]]:
    """"Name (tipologia: x - unità di misura: y - ...)" -> name and {type: x, unit: y, ...}.
    Separators vary (":" missing, "-", "–", ","); each value runs to the next label."""
    marks = list(layout.meta.finditer(text))
    if not marks:
        return text, {}
    meta: dict[str, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        value = text[m.end(): end].strip(" -–,;")
        if k + 1 == len(marks) and value.endswith(")") and value.count(")") > value.count("("):
            value = value[:-1].rstrip(" -–,;")
        name = layout.meta_fields[normalise_words(m.group("label"))]
        if name == "type":
            value = _TYPE_END.split(value, maxsplit=1)[0]  # the type is a short phrase: "efficacia esterna"
        if value and name not in meta:
            meta[name] = value
    return text[: marks[0].start()].rstrip(" (-–"), meta


class TableReader:
    """Reads the indicator tables of one sheet, row by row."""

    def __init__(self, layout: Layout, warnings: list[Warning_]) -> None:
        self.layout = layout
        self.warnings = warnings
        self.indicators: list[RawIndicator] = []
        self.reweight: dict[int, float | None] = {}
        self.columns: list[Column] | None = None
        self.rows_read = 0
        self.current: RawIndicator | None = None
        self.name_cell = 0  # proposal rows: the cell holding the name (1 when it spilled out of the label)
        self.row_columns: list[Column] = []  # proposal rows: the columns of the cells after the name

    # -- dispatch ---------------------------------------------------------------------------------
    def read(self, row: Row) -> bool:
        """True when the row belongs to an indicator table (header, data, continuation, rule)."""
        if len(row.cells) == 1:
            self.columns = None  # a line of text ends the table
            return False
        header = self.header_of(row)
        if header:
            self.columns, self.rows_read, self.current = header, 0, None
            return True
        if self.columns is None:
            return False
        if all(_DASHES.match(c) for c in row.texts):
            return True  # a rule drawn with dashes
        if self.rows_read == 0 and self.continues_header(row):
            return True
        self.rows_read += 1
        if self.is_proposal:
            self.proposal_row(row)
        else:
            self.results_row(row)
        return True

    @property
    def is_proposal(self) -> bool:
        return any(c.field == NEW_TARGET for c in self.columns or [])

    @property
    def value_columns(self) -> list[Column]:
        return [c for c in self.columns or [] if c.field != "name"]

    def header_of(self, row: Row) -> list[Column] | None:
        """Every filled cell names a field, the first the indicator name; at least one more."""
        filled = [c for c in row.texts if c]
        if len(filled) < 2 or any(len(c) > 80 for c in filled):
            return None
        columns: list[Column] = []
        for text in filled:  # stops at the first cell naming no field: most rows are data
            field_name = header_field(text, self.layout.columns)[0]
            if field_name is None or (not columns and field_name != "name"):
                return None
            columns.append(Column(field_name, text))
        return columns

    def continues_header(self, row: Row) -> bool:
        """A header label wrapped onto the next row ("| Risultato atteso al 30/6/2024 | |"): merged back
        in the profile's column order, as its position in the wrapped row says nothing."""
        if row.texts[0]:
            return False
        extra = [Column(f, c) for c in row.texts if c and (f := header_field(c, self.layout.columns)[0])]
        if not extra or len(extra) != len([c for c in row.texts if c]):
            return False
        order = {f: i for i, f in enumerate(self.layout.column_order)}
        merged = (self.columns or []) + extra
        self.columns = sorted(merged, key=lambda c: order.get(c.field, len(order)))
        return True

    # -- results table ----------------------------------------------------------------------------
    def results_row(self, row: Row) -> None:
        cells = row.texts
        first = cells[0]
        expected = self.indicators[-1].n + 1 if self.indicators else 1
        if _NUMBER_CELL.match(first):
            rest = cells[1:]
            if rest and self.is_value_cell(rest[0]):  # the name cell is missing: values start at once
                self.open(int(first), row, "", rest)
            else:
                self.open(int(first), row, rest[0] if rest else "", rest[1:])
        elif (m := _FUSED_NUMBER.match(first)) and int(m.group("n")) == expected:
            self.open(int(m.group("n")), row, m.group("name"), cells[1:])
        elif self.current is None:
            self.warn("indicator_row_unread",
                      f"riga di tabella senza numero di indicatore: {collapse(' '.join(cells))[:60]}", row)
        elif not first:
            self.extend(self.current, cells[1] if len(cells) > 1 else "", cells[2:], self.value_columns)
        else:
            self.extend(self.current, first, cells[1:], self.value_columns)

    def is_value_cell(self, text: str) -> bool:
        """A weight where the name should be: "45%"."""
        columns = self.value_columns
        if not columns or columns[0].field != "weight":
            return False
        value = parse_value(text)
        return value is not None and value.value is not None and len(text) <= 8

    def open(self, n: int, row: Row, name: str, values: list[str]) -> None:
        self.current = RawIndicator(n=n, prov=row.prov)
        self.indicators.append(self.current)
        self.extend(self.current, name, values, self.value_columns)

    def extend(self, ind: RawIndicator, name: str, values: list[str], columns: list[Column],
               *, fill_only: bool = False) -> None:
        if name and not (fill_only and ind.name_parts):
            ind.name_parts.append(name)
        for column, text in zip(columns, values, strict=False):
            if text:
                self.put(ind, column, text, fill_only=fill_only)
        extra = [v for v in values[len(columns):] if v]
        if extra:
            self.warnings.append(Warning_("extra_cells", f"celle oltre l'intestazione ignorate: {extra}", ind.prov))

    def put(self, ind: RawIndicator, column: Column, text: str, *, fill_only: bool) -> None:
        """One cell into its field. Target columns dated before the period end are intermediate
        targets (kept in `targets` by date; the target itself when no year target is given)."""
        if column.field == "weight":
            value = parse_value(text)
            if ind.weight is None and value is not None and value.op is None:
                ind.weight = value.value
            return
        date = column.date
        if column.field == NEW_TARGET:
            key = collapse(f"{self.layout.new_target_key} {date or ''}")
            ind.targets[key] = text
            return
        if column.field == "target" and date and date != self.layout.period_end:
            if fill_only and date in ind.targets:
                return
            ind.targets[date] = f"{ind.targets[date]} {text}" if date in ind.targets else text
            ind.values.setdefault("@partial", []).append(text)
            return
        if fill_only and (column.field in ind.values or column.field == "target" and "@partial" in ind.values):
            return  # a proposal row completes an indicator, it never replaces what its sheet states
        ind.values.setdefault(column.field, []).append(text)

    # -- proposal table ---------------------------------------------------------------------------
    def proposal_row(self, row: Row) -> None:
        """Dashes mean "not stated" here ("-" under the 30/6 forecast of a yearly indicator)."""
        cells = ["" if _DASHES.match(c) else c for c in row.texts]
        if not cells[0] and self.current is not None:  # cells wrapped onto the next row (a page break)
            first = self.name_cell
            self.extend(self.current, cells[first] if first else "", cells[first + 1:], self.row_columns,
                        fill_only=self.current.code is None)
            return
        self.name_cell, self.row_columns = 0, self.value_columns
        new = self.layout.new_indicator.match(cells[0])
        if new:
            n = int(new.group("n"))
            name = cells[0][new.end():]
            if not name and len(cells) > 1:  # the name spilled into the first value column
                self.name_cell, self.row_columns = 1, self.row_columns[1:]
                name = cells[1]
            self.current = RawIndicator(n=n, prov=row.prov, code=self.layout.new_indicator_code.format(n=n))
            self.indicators.append(self.current)
            self.extend(self.current, name, cells[self.name_cell + 1:], self.row_columns)
            return
        m = _PROPOSAL_LABEL.match(cells[0])
        self.current = next((i for i in self.indicators if m and i.n == int(m.group("n")) and i.code is None), None)
        if self.current is None:
            self.warn("proposal_row_unread", f"riga di proposta per un indicatore sconosciuto: {cells[0][:60]}", row)
            return
        self.extend(self.current, m.group("name"), cells[1:], self.row_columns, fill_only=True)

    def read_reweighting(self, text: str) -> None:
        """A proposal bullet "indicatori n. 3, n. 4 e n. 5: 10%" re-weights the named indicators."""
        m = self.layout.reweight.match(strip_bullet(text))
        if m:
            weight = parse_number(m.group("value"))
            for n in re.findall(r"\d+", m.group("list")):
                self.reweight[int(n)] = weight

    # -- end --------------------------------------------------------------------------------------
    def finish(self) -> list[RawIndicator]:
        for ind in self.indicators:
            partial = ind.values.pop("@partial", None)
            if "target" not in ind.values and partial:
                ind.values["target"] = partial
            if ind.code is not None and ind.n in self.reweight:
                ind.weight = self.reweight[ind.n]  # a new indicator's weight is the proposal's re-weighting
        return self.indicators

    def warn(self, code: str, message: str, row: Row) -> None:
        self.warnings.append(Warning_(code, message, row.prov))
