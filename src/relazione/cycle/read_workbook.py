"""Read filled raccolta workbooks back: one Entry per row with a key, each cell's text as Excel shows it
and its address ("Area 2!J14"), so every problem can name the file, sheet and cell."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from relazione.cycle.layout import COLUMNS, FORMAT_ID, GUIDE_SHEET, META_SHEET, header
from relazione.errors import RelazioneError
from relazione.readers.clean import clean_inline
from relazione.readers.xlsx import cell_text

FILLED = ("value", "note", "issues", "new_target", "reason")


@dataclass(slots=True)
class Entry:
    """One row of a filled workbook: ``texts`` and ``cells`` by field ("value" -> "12,5", "Area 2!J14")."""

    key: str
    file: str
    sheet: str
    row: int
    texts: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)

    def where(self, name: str = "value") -> str:
        return self.cells.get(name) or f"{self.sheet}!{self.row}"


@dataclass(slots=True)
class Collected:
    period: str
    year: int | None
    entries: list[Entry]


def read_raccolta(path: Path) -> Collected:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(path.read_bytes()), data_only=True, read_only=True)
    except FileNotFoundError:
        raise RelazioneError(str(path), "file inesistente") from None
    except Exception as exc:  # openpyxl raises several types for a file that is not an .xlsx
        raise RelazioneError(str(path), f"non è una cartella di lavoro Excel (.xlsx) leggibile "
                                        f"({exc.__class__.__name__})") from None
    meta = _meta(wb, path)
    period = meta.get("periodo", "")
    year = int(meta["anno"]) if str(meta.get("anno", "")).isdigit() else None
    entries: list[Entry] = []
    for ws in wb.worksheets:
        if ws.title not in (GUIDE_SHEET, META_SHEET):
            entries.extend(_sheet_entries(ws, path.name, period))
    return Collected(period, year, entries)


def _meta(wb, path: Path) -> dict[str, str]:  # noqa: ANN001 - openpyxl Workbook
    if META_SHEET not in wb.sheetnames:
        raise RelazioneError(str(path), "non è una raccolta di 'relazione raccolta' (manca il foglio nascosto "
                                        f"{META_SHEET})")
    rows = wb[META_SHEET].iter_rows(values_only=True)
    meta = {str(r[0]): str(r[1] if r[1] is not None else "") for r in rows if len(r) >= 2}
    if meta.get("formato") != FORMAT_ID:
        raise RelazioneError(str(path), f"formato di raccolta sconosciuto ({meta.get('formato')!r})")
    return meta


def _columns(ws, period: str) -> dict[str, int]:  # noqa: ANN001 - openpyxl Worksheet
    """Field -> column index, found by the header text (so a column moved in Excel is still found)."""
    wanted = {header(c, period).casefold(): c.field for c in COLUMNS}
    found = {}
    for index, value in enumerate(next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())):
        name = wanted.get(str(value or "").strip().casefold())
        if name:
            found[name] = index
    return found


def _sheet_entries(ws, file: str, period: str) -> list[Entry]:  # noqa: ANN001 - openpyxl Worksheet
    columns = _columns(ws, period)
    if "key" not in columns:
        return []  # a sheet the office added: not part of the raccolta
    entries = []
    for row, cells in enumerate(ws.iter_rows(min_row=2), start=2):  # read-only mode: blank cells have no address
        key = cells[columns["key"]].value if columns["key"] < len(cells) else None
        if not key:
            continue
        entry = Entry(str(key).strip(), file, ws.title, row)
        for name in FILLED:
            index = columns.get(name)
            if index is None:
                continue
            entry.cells[name] = f"{ws.title}!{get_column_letter(index + 1)}{row}"
            cell = cells[index] if index < len(cells) else None
            if cell is not None and cell.value is not None:
                text = clean_inline(cell_text(cell.value, cell.number_format))
                if text:
                    entry.texts[name] = text
        entries.append(entry)
    return entries
