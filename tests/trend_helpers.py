"""Helpers of the trend tests: earlier years made from one reading, and the trend tables read back."""

from __future__ import annotations

import copy
import io

from docx import Document
from docx.oxml.ns import qn

from relazione.records.model import Indicator, Records
from relazione.records.values import display_value, parse_value

TREND_HEADER = ["Anno", "Target", "Consuntivo", "Grado di raggiungimento"]


def at_least_percent(ind: Indicator) -> bool:
    t, a = ind.target_value, ind.actual_value
    return bool(t and a and t.op == ">=" and t.unit == "%" and t.value and a.value is not None)


def shown_percent(value: float) -> str:
    """A percentage as a document of the office writes it, and as the Relazione then prints it."""
    text = f"{value:g}%".replace(".", ",")
    return display_value(parse_value(text), text)


def earlier_year(records: Records, year: int, share_of_target: float) -> Records:
    """The same reading dated ``year``, every "≥ x%" indicator at ``share_of_target`` of its target."""
    older = copy.deepcopy(records)
    for report in older.reports:
        report.year = year
        for ind in filter(at_least_percent, report.indicators):
            text = f"{ind.target_value.value * share_of_target:g}%".replace(".", ",")
            ind.actual, ind.actual_value = text, parse_value(text)  # as the office would have typed it
    return older


def trend_tables(data: bytes) -> dict[str, list[list[str]]]:
    """Indicator name (the paragraph before the table) -> the rows of its "Andamento negli anni" table."""
    found = {}
    for table in Document(io.BytesIO(data)).tables:
        rows = [[c.text for c in r.cells] for r in table.rows]
        if rows[0] == TREND_HEADER:
            caption = table._tbl.getprevious()
            found["".join(t.text or "" for t in caption.iter(qn("w:t")))] = rows[1:]
    return found
