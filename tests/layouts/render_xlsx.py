"""Blocks as a workbook: headings as bold cells, tables as cell ranges, merged cells, a sheet per break."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from .blocks import Block, Break, Para, Table


def write_xlsx(blocks: list[Block], path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Obiettivi"
    row, fresh = 1, True
    for b in blocks:
        if isinstance(b, Break):
            if not fresh:
                ws = wb.create_sheet()
            ws.title = b.sheet or f"Foglio{len(wb.sheetnames)}"
            row, fresh = 1, True
            continue
        fresh = False
        if isinstance(b, Para):
            if b.text:
                ws.cell(row, 1, b.text).font = Font(bold=b.bold or bool(b.style), size=b.size)
            row += 1
        elif isinstance(b, Table):
            for r, cells in enumerate(b.rows):
                for c, text in enumerate(cells):
                    if text:
                        ws.cell(row + r, c + 1, text).font = Font(bold=r < b.header)
            for c, first, last in b.spans:
                ws.merge_cells(start_row=row + first, start_column=c + 1, end_row=row + last, end_column=c + 1)
            for r in b.rows_across:
                ws.merge_cells(start_row=row + r, start_column=1, end_row=row + r, end_column=len(b.rows[0]))
            row += len(b.rows) + 1
    wb.save(str(path))
    return path
