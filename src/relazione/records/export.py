"""Writers for extracted records: JSON (the contract), xlsx and csv (for people)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from relazione.fileio import write_atomic
from relazione.records.model import Records, dumps

EXTENSIONS = {"json": ".json", "xlsx": ".xlsx", "csv": ".csv"}

# "Documento" tells apart the reports of one chamber in one file (a Relazione and its PIRA tables)
OBJECTIVE_COLUMNS = [
    ("Ente", "ente", 28), ("Documento", "kind", 13), ("Livello", "level", 12), ("Codice", "code", 14),
    ("Titolo", "title", 60),
    ("Padre", "parent", 12), ("Peso", "weight", 8), ("Punteggio", "score", 10), ("Stato", "status", 18),
    ("Pagina", "page", 7), ("Riga", "line", 7),
]
INDICATOR_COLUMNS = [
    ("Ente", "ente", 28), ("Documento", "kind", 13), ("Obiettivo", "objective", 14), ("N.", "n", 5),
    ("Codice", "code", 14),
    ("Indicatore", "name", 60), ("Peso", "weight", 8), ("Tipologia", "type", 16), ("Baseline", "baseline", 16),
    ("Target", "target", 22), ("Consuntivo", "actual", 22), ("Scostamento", "deviation", 12),
    ("Stato", "status", 18), ("Pagina", "page", 7), ("Riga", "line", 7),
]


def _rows(records: Records, which: str, columns: list[tuple[str, str, int]]) -> list[list[object]]:
    rows: list[list[object]] = []
    for report in records.reports:
        for item in getattr(report, which):
            values = {"ente": report.ente, "kind": report.kind, "page": item.provenance.page,
                      "line": item.provenance.line}
            rows.append([values[k] if k in values else getattr(item, k) for _, k, _ in columns])
    return rows


def to_xlsx(records: Records) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, which, columns in (("Obiettivi", "objectives", OBJECTIVE_COLUMNS),
                                  ("Indicatori", "indicators", INDICATOR_COLUMNS)):
        ws = wb.create_sheet(title)
        ws.append([c[0] for c in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in _rows(records, which, columns):
            ws.append(row)
        for i, (_, _, width) in enumerate(columns, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = width
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_csv(records: Records) -> bytes:
    """The indicators, one per row, with their objective's level and title (Excel-friendly ';')."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow([c[0] for c in INDICATOR_COLUMNS])
    writer.writerows(_rows(records, "indicators", INDICATOR_COLUMNS))
    return buf.getvalue().encode("utf-8-sig")


def write_records(records: Records, out: Path, fmt: str, *, force: bool) -> None:
    if fmt == "json":
        data = dumps(records).encode("utf-8")
    elif fmt == "xlsx":
        dumps(records)  # validates before anything is written
        data = to_xlsx(records)
    else:
        dumps(records)
        data = to_csv(records)
    write_atomic(out, data, force=force)
