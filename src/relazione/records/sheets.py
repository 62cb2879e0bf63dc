"""The records as sheets for people: the xlsx (Obiettivi, Indicatori) and the csv for Italian Excel.

Values keep the document's text, and beside it the numbers Excel can compute with: operator, value and unit of
targets, results and deviations in their own columns, weights and scores as percentages (number formats), the
computed grado di raggiungimento (when the records are scored), Italian level names, and each report of a file
told apart by its number and title.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from relazione.records.model import Indicator, Objective, Records, Report, Value
from relazione.records.values import parse_value

LEVEL_NAMES = {"area": "Area strategica", "strategic": "Obiettivo strategico", "operational": "Obiettivo operativo"}
KIND_NAMES = {"relazione": "Relazione sulla performance", "monitoraggio": "Monitoraggio", "piano": "Piano",
              "pira": "PIRA"}
TEXT, NUMBER, PERCENT, INTEGER = "text", "number", "percent", "integer"
NUMBER_FORMATS = {NUMBER: "#,##0.00", PERCENT: "0.00%", INTEGER: "0"}


@dataclass(frozen=True, slots=True)
class Row:
    """One objective or indicator with the report it belongs to (``number``: 1-based, in file order)."""

    report: Report
    number: int
    item: Any


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    get: Callable[[Row], Any]
    width: int
    kind: str = TEXT


def _percent(value: float | None) -> float | None:
    """A percent figure (50.0) as Excel holds percentages (0.5)."""
    return None if value is None else value / 100


def _deviation(ind: Indicator) -> Value | None:
    """The stated deviation when it is a number, else result minus target when both are numbers in one unit."""
    stated = parse_value(ind.deviation)
    if stated is not None and stated.value is not None:
        return stated
    t, a = ind.target_value, ind.actual_value
    if t is None or a is None or t.value is None or a.value is None or (t.unit and a.unit and t.unit != a.unit):
        return None
    return Value(text="", value=round(a.value - t.value, 6), unit=t.unit or a.unit)


def _value_columns(label: str, value: Callable[[Indicator], Value | None], *, op: bool = False) -> list[Column]:
    columns = [Column(f"{label}: operatore", lambda r: (value(r.item) or Value("")).op, 8)] if op else []
    return columns + [
        Column(f"{label}: valore", lambda r: (value(r.item) or Value("")).value, 12, NUMBER),
        Column(f"{label}: unità", lambda r: (value(r.item) or Value("")).unit, 8),
    ]


def _coverage(obj: Objective, which: str) -> int | None:
    return None if obj.coverage is None else getattr(obj.coverage, which)


REPORT_COLUMNS = [
    Column("Ente", lambda r: r.report.ente, 28),
    Column("Documento", lambda r: KIND_NAMES.get(r.report.kind or "", r.report.kind), 16),
    Column("N. documento", lambda r: r.number, 6, INTEGER),
    Column("Titolo del documento", lambda r: r.report.title, 30),
]
PLACE_COLUMNS = [Column("Pagina", lambda r: r.item.provenance.page, 7, INTEGER),
                 Column("Riga", lambda r: r.item.provenance.line, 7, INTEGER)]
OBJECTIVE_COLUMNS = REPORT_COLUMNS + [
    Column("Livello", lambda r: LEVEL_NAMES.get(r.item.level, r.item.level), 20),
    Column("Codice", lambda r: r.item.code, 14),
    Column("Titolo", lambda r: r.item.title, 60),
    Column("Padre", lambda r: r.item.parent, 12),
    Column("Peso", lambda r: _percent(r.item.weight), 9, PERCENT),
    Column("Punteggio dichiarato", lambda r: _percent(r.item.score), 11, PERCENT),
    Column("Stato dichiarato", lambda r: r.item.status, 18),
    Column("Grado di raggiungimento calcolato", lambda r: _percent(r.item.achievement), 14, PERCENT),
    Column("Indicatori valutabili", lambda r: _coverage(r.item, "indicators_scored"), 11, INTEGER),
    Column("Indicatori", lambda r: _coverage(r.item, "indicators"), 10, INTEGER),
] + PLACE_COLUMNS
INDICATOR_COLUMNS = REPORT_COLUMNS + [
    Column("Obiettivo", lambda r: r.item.objective, 14),
    Column("N.", lambda r: r.item.n, 5, INTEGER),
    Column("Codice", lambda r: r.item.code, 14),
    Column("Indicatore", lambda r: r.item.name, 60),
    Column("Peso", lambda r: _percent(r.item.weight), 9, PERCENT),
    Column("Tipologia", lambda r: r.item.type, 16),
    Column("Baseline", lambda r: r.item.baseline, 16),
    Column("Target", lambda r: r.item.target, 22),
    *_value_columns("Target", lambda i: i.target_value, op=True),
    Column("Consuntivo", lambda r: r.item.actual, 22),
    *_value_columns("Consuntivo", lambda i: i.actual_value),
    Column("Scostamento", lambda r: r.item.deviation, 12),
    *_value_columns("Scostamento", _deviation),
    Column("Stato dichiarato", lambda r: r.item.status, 18),
    Column("Grado di raggiungimento calcolato", lambda r: _percent(r.item.achievement), 14, PERCENT),
    # set only when the method's figure contradicts the printed operator (INTEGRA on a target at or below zero)
    Column("Grado con l'operatore sui valori con segno", lambda r: _percent(r.item.signed_achievement), 14, PERCENT),
] + PLACE_COLUMNS


def rows(records: Records, which: str) -> Iterator[Row]:
    for number, report in enumerate(records.reports, start=1):
        for item in getattr(report, which):
            yield Row(report, number, item)


def to_xlsx(records: Records) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, which, columns in (("Obiettivi", "objectives", OBJECTIVE_COLUMNS),
                                  ("Indicatori", "indicators", INDICATOR_COLUMNS)):
        ws = wb.create_sheet(title)
        ws.append([c.header for c in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows(records, which):
            ws.append([c.get(row) for c in columns])
        for i, column in enumerate(columns, start=1):
            letter = ws.cell(1, i).column_letter
            ws.column_dimensions[letter].width = column.width
            if column.kind in NUMBER_FORMATS:
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = NUMBER_FORMATS[column.kind]
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def italian_number(value: float, *, decimals: int | None = None) -> str:
    """27000.5 -> "27000,5" (no thousands separator: Italian Excel reads it as a number)."""
    text = f"{value:.{decimals}f}" if decimals is not None else f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def csv_cell(value: Any, kind: str) -> Any:
    """A value as Italian Excel reads it from a csv: decimal commas, percentages as "50,00%"."""
    if value is None or kind in (TEXT, INTEGER) or isinstance(value, str):
        return "" if value is None else value
    if kind == PERCENT:
        return italian_number(value * 100, decimals=2) + "%"
    return italian_number(value)


def to_csv(records: Records) -> bytes:
    """The indicators, one per row (``;``, UTF-8 with BOM, decimal commas: Italian Excel opens it as it is)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow([c.header for c in INDICATOR_COLUMNS])
    for row in rows(records, "indicators"):
        writer.writerow([csv_cell(c.get(row), c.kind) for c in INDICATOR_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")
