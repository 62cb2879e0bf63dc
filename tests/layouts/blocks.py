"""What a layout produces before it is written in a format: paragraphs, tables, breaks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    text: str
    size: float = 10
    bold: bool = False
    style: str | None = None  # a Word style name ("Heading 1"); None = direct formatting


@dataclass
class Table:
    rows: list[list[str]]
    header: int = 1  # header rows, written bold
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (column, first row, last row) merged
    ruled: bool = True
    rows_across: list[int] = field(default_factory=list)  # rows whose first cell is merged across the table


@dataclass
class Break:
    sheet: str | None = None  # a new page; in a workbook a new sheet with this name


Block = Para | Table | Break
