"""Blocks as a Word document: direct formatting or heading styles, ruled tables, real vertical merges."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Pt

from .blocks import Block, Break, Para, Table


def _para(doc, p: Para) -> None:
    if p.style:
        doc.add_paragraph(p.text, style=p.style)
        return
    run = doc.add_paragraph().add_run(p.text)
    run.bold = p.bold or None
    run.font.size = Pt(p.size)


def _table(doc, t: Table) -> None:
    table = doc.add_table(rows=len(t.rows), cols=len(t.rows[0]))
    if t.ruled:
        table.style = "Table Grid"
    grid = [row.cells for row in table.rows]  # table.cell() rebuilds the grid on every call: slow
    for r, row in enumerate(t.rows):
        for c, text in enumerate(row):
            grid[r][c].text = text
            if r < t.header:
                for run in grid[r][c].paragraphs[0].runs:
                    run.bold = True
    for c, first, last in t.spans:
        grid[first][c].merge(grid[last][c])
    for r in t.rows_across:
        grid[r][0].merge(grid[r][-1])


def write_docx(blocks: list[Block], path: Path) -> Path:
    doc = docx.Document()
    for b in blocks:
        if isinstance(b, Para):
            _para(doc, b)
        elif isinstance(b, Table):
            _table(doc, b)
        elif isinstance(b, Break):
            doc.add_page_break()
    doc.save(str(path))
    return path
