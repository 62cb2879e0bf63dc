"""Write a raccolta workbook with openpyxl: a protected sheet per group, the cells to fill unlocked and
validated by Excel itself, an "Istruzioni" sheet, a hidden key column and a hidden sheet naming the period."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from relazione.cycle.guide import guide_lines
from relazione.cycle.layout import COLUMNS, FORMAT_ID, GUIDE_SHEET, META_SHEET, header, letter
from relazione.cycle.rows import Row

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TO_FILL = PatternFill("solid", fgColor="FFF8C5")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
SHEET_NAME_MAX = 31
LINE_POINTS = 15  # one line of 11 pt text
ROW_POINTS_MAX = 409  # Excel's highest row
# Named styles, registered once per workbook: a style per cell would make openpyxl hash thousands of objects.
LOCKED, FILL_TEXT, FILL_NUMBER = "raccolta_bloccata", "raccolta_testo", "raccolta_numero"
_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (31 characters, none of []:*?/\\)."""
    base = " ".join(name.translate(_FORBIDDEN).split())[:SHEET_NAME_MAX].strip() or "Foglio"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[:SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def build_workbook(groups: dict[str, list[Row]], *, period: str, year: int | None, ente: str | None) -> bytes:
    wb = Workbook()
    _add_styles(wb)
    guide = wb.active
    guide.title = GUIDE_SHEET
    _write_guide(guide, period, year, ente)
    taken = {GUIDE_SHEET.casefold(), META_SHEET.casefold()}
    for name, rows in groups.items():
        _write_sheet(wb.create_sheet(sheet_title(name, taken)), name, rows, period)
    _write_meta(wb.create_sheet(META_SHEET), period, year, ente)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _add_styles(wb: Workbook) -> None:
    wb.add_named_style(NamedStyle(LOCKED, alignment=WRAP, border=BORDER))
    for name, number_format in ((FILL_TEXT, "@"), (FILL_NUMBER, "General")):
        wb.add_named_style(NamedStyle(name, alignment=WRAP, border=BORDER, fill=TO_FILL, number_format=number_format,
                                      protection=Protection(locked=False)))


def _write_meta(ws: Worksheet, period: str, year: int | None, ente: str | None) -> None:
    for row in (("formato", FORMAT_ID), ("periodo", period), ("anno", year or ""), ("ente", ente or "")):
        ws.append(row)
    ws.sheet_state = "veryHidden"


def _write_guide(ws: Worksheet, period: str, year: int | None, ente: str | None) -> None:
    width = 62  # fits a portrait A4 page at 100% (LibreOffice does not scale this sheet to fit)
    ws.column_dimensions["A"].width = width
    for i, line in enumerate(guide_lines(period, year, ente), start=1):
        cell = ws.cell(i, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[i].height = row_height([(line, width)])
        if i == 1:
            cell.font = Font(bold=True, size=14)
            ws.row_dimensions[i].height = 2 * LINE_POINTS
    ws.protection.sheet = True
    _print_setup(ws, landscape=False)


def _write_sheet(ws: Worksheet, group: str, rows: list[Row], period: str) -> None:
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(1, col, header(column, period))
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = BORDER
        ws.column_dimensions[cell.column_letter].width = column.width
    ws.row_dimensions[1].height = row_height([(header(c, period), c.width) for c in COLUMNS])
    for r, row in enumerate(rows, start=2):
        _write_row(ws, r, row)
    ws.column_dimensions["A"].hidden = True
    _validations(ws, rows)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{letter(COLUMNS[-1].field)}{len(rows) + 1}"
    _protect(ws)
    _print_setup(ws, landscape=True)
    ws.oddHeader.center.text = f"Raccolta al {period} - {group}"


def _write_row(ws: Worksheet, r: int, row: Row) -> None:
    values = {"key": row.key, "path": row.path, "objective": row.objective, "code": row.code, "name": row.name,
              "algorithm": row.algorithm, "unit": row.unit, "weight": row.weight, "target": row.target}
    ws.row_dimensions[r].height = row_height([(str(values.get(c.field) or ""), c.width) for c in COLUMNS
                                              if c.field != "key"] + [("", 1), ("", 1)])  # room to write
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(r, col, values.get(column.field))
        if not column.to_fill:
            cell.style = LOCKED
        else:  # text cells keep what is typed ("1.500" stays a text the import reads the Italian way)
            cell.style = FILL_NUMBER if column.field == "value" and row.check != "text" else FILL_TEXT


def row_height(cells: list[tuple[str, float]]) -> float:
    """Points for a row whose wrapped cells are (text, column width): Excel and LibreOffice keep the height
    stored in the file, so it is estimated here (about one character per unit of width), never too low."""
    lines = max((sum(-(-len(part) // max(1, int(width))) or 1 for part in text.split("\n")) for text, width in cells),
                default=1)
    return min(ROW_POINTS_MAX, max(2, lines) * LINE_POINTS)


def _validations(ws: Worksheet, rows: list[Row]) -> None:
    """Excel checks the value cells itself: SI/NO from a list, numbers and dates (a warning, so "n.d." still fits)."""
    rules = {
        "boolean": DataValidation(type="list", formula1='"SI,NO,n.d."', allow_blank=True, showErrorMessage=True,
                                  errorTitle="Valore non ammesso", error="Scegliere SI, NO oppure n.d."),
        "number": DataValidation(type="decimal", operator="between", formula1="-1000000000000",
                                 formula2="1000000000000", allow_blank=True, showErrorMessage=True,
                                 errorStyle="warning", errorTitle="Non è un numero",
                                 error="Scrivere un numero (es. 12,5 oppure 85%); n.d. se non disponibile."),
        "date": DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                               showErrorMessage=True, errorStyle="warning", errorTitle="Non è una data",
                               error="Scrivere una data (gg/mm/aaaa); n.d. se non disponibile."),
    }
    column = letter("value")
    for r, row in enumerate(rows, start=2):
        if row.check in rules:
            rules[row.check].add(f"{column}{r}")
    for rule in rules.values():
        if rule.sqref:
            ws.add_data_validation(rule)


def _protect(ws: Worksheet) -> None:
    """Sheet protection without password: only the yellow cells change; filters, sorting and widths still work."""
    p = ws.protection
    p.sheet = True
    p.autoFilter = False
    p.sort = False
    p.formatColumns = False
    p.formatRows = False


def _print_setup(ws: Worksheet, *, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if landscape:
        ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.4
