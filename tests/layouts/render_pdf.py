"""Blocks as a PDF page flow: wrapped paragraphs, tables with wrapped cells, ruled or not."""

from __future__ import annotations

from pathlib import Path

from .blocks import Block, Break, Para, Table
from .pdfwrite import PAGE_H, PAGE_W, Canvas, wrap

MARGIN, CELL_PAD, BODY = 50, 3, 8.5
USABLE = PAGE_W - 2 * MARGIN


class Flow:
    def __init__(self) -> None:
        self.c = Canvas()
        self.y = MARGIN

    def room(self, h: float) -> None:
        if self.y + h > PAGE_H - MARGIN:
            self.c.new_page()
            self.y = MARGIN

    def para(self, p: Para) -> None:
        size = p.size
        lines = wrap(p.text, USABLE, size, p.bold) if p.text else [""]
        self.y += size * 0.6
        for line in lines:
            self.room(size * 1.3)
            self.y += size * 1.25
            self.c.text(MARGIN, self.y, line, size, p.bold)
        self.y += size * 0.3

    def widths(self, t: Table) -> list[float]:
        n = len(t.rows[0])
        need = [max(min(len(r[c]), 60) for r in t.rows) + 4 for c in range(n)]
        return [USABLE * w / sum(need) for w in need]

    def table(self, t: Table) -> None:
        widths = self.widths(t)
        xs = [MARGIN + sum(widths[:k]) for k in range(len(widths) + 1)]
        merged_below = {(c, r) for c, first, last in t.spans for r in range(first, last)}
        merged_from = {(c, r) for c, first, last in t.spans for r in range(first + 1, last + 1)}
        self.y += 6
        for r, row in enumerate(t.rows):
            bold = r < t.header
            cells = [[] if (c, r) in merged_from else wrap(text, w - 2 * CELL_PAD, BODY, bold)
                     for c, (text, w) in enumerate(zip(row, widths, strict=True))]
            h = max(len(x) for x in cells) * BODY * 1.2 + 2 * CELL_PAD
            if self.y + h > PAGE_H - MARGIN:
                self.c.new_page()
                self.y = MARGIN
            top = self.y
            for c, lines in enumerate(cells):
                for k, line in enumerate(lines):
                    self.c.text(xs[c] + CELL_PAD, top + CELL_PAD + (k + 1) * BODY * 1.2 - 2, line, BODY, bold)
            if t.ruled:
                self.rules(xs, top, h, r, merged_below, merged_from)
            elif bold:
                self.c.line(xs[0], top + h, xs[-1], top + h)
            self.y = top + h
        self.y += 8

    def rules(self, xs: list[float], top: float, h: float, r: int, below: set, above: set) -> None:
        for c in range(len(xs) - 1):
            if (c, r) not in above:
                self.c.line(xs[c], top, xs[c + 1], top)
            if (c, r) not in below:
                self.c.line(xs[c], top + h, xs[c + 1], top + h)
        for x in xs:
            self.c.line(x, top, x, top + h)


def write_pdf(blocks: list[Block], path: Path) -> Path:
    flow = Flow()
    for b in blocks:
        if isinstance(b, Para):
            flow.para(b)
        elif isinstance(b, Table):
            flow.table(b)
        elif isinstance(b, Break) and flow.y > MARGIN:
            flow.c.new_page()
            flow.y = MARGIN
    path.write_bytes(flow.c.to_bytes())
    return path
