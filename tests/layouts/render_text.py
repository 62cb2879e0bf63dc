"""Blocks as plain text: tables tab-separated, as markdown pipes, aligned with spaces, or as
``label: value`` lines (two-column sheets)."""

from __future__ import annotations

from pathlib import Path

from .blocks import Block, Break, Para, Table


def _table(t: Table, mode: str) -> list[str]:
    rows = [[" ".join(c.split()) for c in r] for r in t.rows]
    if mode == "tab":
        return ["\t".join(r).rstrip() for r in rows]
    if mode == "colon":  # label: value lines, an empty value a label alone
        return [f"{r[0]}: {r[1]}" if r[1] else r[0] for r in rows] if len(rows[0]) == 2 and not t.header \
            else ["\t".join(r).rstrip() for r in rows]
    if mode == "md":
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        if t.header:
            lines.insert(t.header, "|" + "|".join("---" for _ in rows[0]) + "|")
        return lines
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["   ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def _para(p: Para, mode: str) -> str:
    if mode == "md" and (p.style or p.bold):
        level = int(p.style[-1]) if p.style else (1 if p.size >= 15 else 2 if p.size >= 12 else 3)
        return "#" * level + " " + p.text
    return p.text


def write_text(blocks: list[Block], path: Path, mode: str) -> Path:
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, Table):
            lines += [""] + _table(b, mode) + [""]
        elif isinstance(b, Para):
            lines.append(_para(b, mode))
        elif isinstance(b, Break):
            lines += ["", "\f" if mode == "tab" else ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
