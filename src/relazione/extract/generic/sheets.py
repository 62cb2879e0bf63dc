"""Key-value indicator sheets for the generic engine: "Indicatore: Tempo medio" then "Target: 30 gg",
"Consuntivo: 25 gg" (lines, or two-cell rows) describe one indicator.

The keys after the indicator's name are matched with the profile's ``[columns]`` synonyms. The values
may also sit in a small table under the name: a header row naming no name column ("Tipologia | Unità di
misura | ... | Risultato atteso anno 2024 | Risultato conseguito | ... anno n+1") and the one row of
values below it (a PIRA's indicator sheet). A sheet becomes an indicator only once it states a weight,
target or result (an "Indicatore: ..." line alone may be prose).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex as re

from relazione.extract.generic.tables import (
    first_number,
    holds_quantities,
    observed_in_year,
    row_values,
    split_metadata,
    take_year_targets,
    with_year_targets,
)
from relazione.extract.tables import ColumnMap, header_field, map_header
from relazione.readers.blocks import Cell, Provenance, Row
from relazione.records.model import Indicator, Objective

_KEY_VALUE_LINE = re.compile(r"^\W*(?P<key>[\p{L}][\p{L}\p{N}'’ .()/%]{1,40}?)\s*[:=]\s*(?P<value>\S.*)$")
_INDICATOR_KEY = re.compile(r"^\W*(?:nome\s+|descrizione\s+)?(?:indicatore|kpi)(?:\s+(?:n\.?\s*)?\d+)?\W*$",
                            re.IGNORECASE)
_INDICATOR_MARKER = re.compile(r"^\W*(?:indicatore|kpi)\s*(?:n\.?\s*)?\d{1,2}\W*$", re.IGNORECASE)
MIN_KEY_SIMILARITY = 90  # a looser match would read any "Word: text" line of prose as a sheet row


@dataclass
class IndicatorSheet:
    """The sheet being read: its indicator, and whether that indicator was kept already."""

    indicator: Indicator | None = None
    kept: bool = False
    expect_name: bool = False  # an "Indicatore n. k" line was read: the next name key starts the indicator
    columns: ColumnMap | None = None  # the header of the sheet's row of values, read just before it
    year: int | None = None  # the report's year: which of yearly target columns is the target

    def end(self) -> None:
        self.indicator = None
        self.kept = False
        self.expect_name = False
        self.columns = None

    def read(self, text: str, cells: list[str], prov: Provenance, owner: Objective | None,
             synonyms: dict[str, tuple[str, ...]], keep: Callable[[Indicator], None]) -> bool:
        """Read one line or row; True when it belonged to a sheet. ``keep`` receives the indicator
        the first time it states a value."""
        if owner is not None and synonyms and _INDICATOR_MARKER.match(text):
            self.end()
            self.expect_name = True  # "INDICATORE 3" alone: its name follows under a name key
            return True
        if self.indicator is not None and owner is not None and self._values_table(cells, prov, synonyms, keep):
            return True
        pair = _key_value(text, cells)
        if pair is None or owner is None or not synonyms:
            self.end()
            return False
        key, value = pair
        if self.indicator is None and not self.expect_name and not _INDICATOR_KEY.match(key):
            return False  # no sheet open, nor a name key awaited: the key's field does not matter (most rows)
        field_name, score = header_field(key, synonyms)
        if _INDICATOR_KEY.match(key) or (self.expect_name and field_name == "name" and score >= MIN_KEY_SIMILARITY):
            self.expect_name = False
            if value.strip():
                self._start(owner, value.strip(), prov)
            return True
        if self.indicator is None:
            return False
        if not value.strip() and field_name is not None:
            return True  # "Valore raggiunto |" with nothing stated yet
        if field_name is None or field_name in ("name", "n") or score < MIN_KEY_SIMILARITY:
            self.end()
            return False
        self._set(field_name, value.strip(), keep)
        return True

    def _values_table(self, cells: list[str], prov: Provenance, synonyms: dict[str, tuple[str, ...]],
                      keep: Callable[[Indicator], None]) -> bool:
        """The header of the sheet's values (no name column), or the row of values under it."""
        row = Row([Cell(t, prov) for t in cells], prov)
        if self.columns is not None:
            values = row_values(row, self.columns)
            self.columns = None
            if not values:
                return False
            targets = take_year_targets(values, self.year)
            for field_name, value in values.items():
                self._set(field_name, value, keep)
            if self.indicator is not None and not self.indicator.targets:
                self.indicator.targets = targets
            return True
        if len(row.filled()) < 3 or holds_quantities(row):
            return False
        columns = map_header(row, synonyms, required=None, min_fields=3)
        if columns is None or "name" in columns.fields.values():
            return False
        self.columns = observed_in_year(with_year_targets(columns, row, synonyms), self.year)
        return True

    def _start(self, owner: Objective, value: str, prov: Provenance) -> None:
        name, metadata = split_metadata(value)
        self.indicator = Indicator(objective=owner.ref, n=0, name=name, provenance=prov)
        for key, text in metadata.items():
            setattr(self.indicator, key, text)
        self.kept = False

    def _set(self, field_name: str, value: str, keep: Callable[[Indicator], None]) -> None:
        ind = self.indicator
        assert ind is not None
        if field_name == "weight":
            ind.weight = first_number(value)
        elif field_name != "note" and hasattr(ind, field_name) and not getattr(ind, field_name):
            setattr(ind, field_name, value)
        if not self.kept and (ind.weight is not None or ind.target or ind.actual):
            keep(ind)
            self.kept = True


def _key_value(text: str, cells: list[str]) -> tuple[str, str] | None:
    """("Target", "30 gg") from a two-cell row or a "Target: 30 gg" line."""
    filled = [c for c in cells if c]
    if len(filled) >= 2:
        return filled[0], " ".join(filled[1:])
    if len(cells) >= 2 and filled and cells[0] == filled[0]:
        return filled[0], ""  # a key whose value cell is empty
    m = _KEY_VALUE_LINE.match(text)
    return (m.group("key"), m.group("value")) if m else None
