"""Blocks as a PDF page flow: wrapped paragraphs, tables with wrapped cells, ruled or not."""

from __future__ import annotations

from pathlib import Path

from .blocks import Block, Break, Para, Table
from .pdfwrite import PAGE_H, PAGE_W, Canvas, width, wrap

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
        """Each column at least as wide as its longest word; the rest shared by text length."""
        n = len(t.rows[0])
        body = [(r, row) for r, row in enumerate(t.rows) if r not in t.rows_across]
        least = [min(120.0, max(width(w, BODY, r < t.header) for r, row in body for w in
                                row[c].split() or [""])) + 2 * CELL_PAD + 3 for c in range(n)]
        if sum(least) >= USABLE:
            return [w * USABLE / sum(least) for w in least]
        need = [max(min(len(row[c]), 60) for _, row in body) + 4 for c in range(n)]
        spare = USABLE - sum(least)
        return [w + spare * k / sum(need) for w, k in zip(least, need, strict=True)]

    def table(self, t: Table) -> None:
        widths = self.widths(t)
        xs = [MARGIN + sum(widths[:k]) for k in range(len(widths) + 1)]
        starts = {(c, first): last for c, first, last in t.spans}
        merged_below = {(c, r) for c, first, last in t.spans for r in range(first, last)}
        merged_from = {(c, r) for c, first, last in t.spans for r in range(first + 1, last + 1)}
        cells = [[[] if (c, r) in merged_from else wrap(text, w - 2 * CELL_PAD, BODY, r < t.header)
                  for c, (text, w) in enumerate(zip(row, widths, strict=True))] for r, row in enumerate(t.rows)]
        for r in t.rows_across:
            cells[r] = [wrap(t.rows[r][0], USABLE - 2 * CELL_PAD, BODY, True)] + [[] for _ in widths[1:]]
        line_h = BODY * 1.2
        heights = [max([len(x) for c, x in enumerate(row) if (c, r) not in starts] or [1]) * line_h + 2 * CELL_PAD
                   for r, row in enumerate(cells)]
        for (c, first), last in starts.items():  # a merged label taller than its rows stretches the last one
            need = len(cells[first][c]) * line_h + 2 * CELL_PAD
            heights[last] += max(0.0, need - sum(heights[first:last + 1]))
        self.y += 6
        for r, row in enumerate(cells):
            label = max([len(row[c]) * line_h + 2 * CELL_PAD for c in range(len(row)) if (c, r) in starts] or [0])
            if self.y + max(heights[r], label) > PAGE_H - MARGIN:
                if t.ruled and r:  # a table broken over pages is closed and reopened by a full rule
                    self.c.line(xs[0], self.y, xs[-1], self.y)
                self.c.new_page()
                self.y = MARGIN
                if t.ruled and r:
                    self.c.line(xs[0], self.y, xs[-1], self.y)
            top, h = self.y, heights[r]
            for c, lines in enumerate(row):
                for k, line in enumerate(lines):
                    self.c.text(xs[c] + CELL_PAD, top + CELL_PAD + (k + 1) * line_h - 2, line, BODY,
                                r < t.header or r in t.rows_across)
            if t.ruled and r in t.rows_across:
                self.rules([xs[0], xs[-1]], top, h, 0, set(), set())
            elif t.ruled:
                self.rules(xs, top, h, r, merged_below, merged_from)
            elif r < t.header:
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


def write_pdf(blocks: list[Block], path: Path, inherited_box: bool = False) -> Path:
    """``inherited_box``: the page size on the page tree only (see ``pdfwrite.assemble``)."""
    flow = Flow()
    for b in blocks:
        if isinstance(b, Para):
            flow.para(b)
        elif isinstance(b, Table):
            flow.table(b)
        elif isinstance(b, Break) and flow.y > MARGIN:
            flow.c.new_page()
            flow.y = MARGIN
    path.write_bytes(flow.c.to_bytes(inherited_box))
    return path
