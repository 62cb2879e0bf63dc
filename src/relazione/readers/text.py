"""Plain-text reader: PDF-to-text dumps, OCR output, layout dumps -> the block stream.

Tab-separated lines become table rows; consecutive rows form one table even across blank lines
(PDF dumps put wrapped cells on a later line after a blank one). Markdown pipe tables become
tables too, their separator rows dropped. Column-aligned blocks (cells separated by runs of
three or more spaces on several consecutive lines) become tables. Everything else is a Line with
its markup stripped.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

import regex as re

from relazione.errors import RelazioneError
from relazione.readers.blocks import Block, Cell, Document, Line, Provenance, Row, Table, sha256_of
from relazione.readers.clean import clean_inline

_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?[ ]*(?:[|\t]\s*:?-{2,}:?[ ]*)*[|\t]?\s*$")
_COLUMN_GAP = re.compile(r"\S(?: {3,})(?=\S)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MIN_ALIGNED_ROWS = 3


def decode(data: bytes, path: str) -> str:
    """Bytes -> str: BOMs honoured, UTF-8 first, then cp1252 (Windows Word exports), latin-1 last."""
    if not data.strip():
        raise RelazioneError(path, "file vuoto")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if _looks_binary(data):
        raise RelazioneError(path, "file binario, non testo (attesi .txt, .pdf, .docx o .xlsx)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def read_text(path: str, data: bytes) -> Document:
    text = decode(data, path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc = Document(path=path, format="text", sha256=sha256_of(data))
    doc.blocks = blocks_from_lines(lines)
    return doc


def is_separator(raw: str) -> bool:
    """A markdown table rule ("-- | ---", "--\t--"): PDF-to-text debris that carries nothing. A rule
    holds two dashes in a row: most lines do not, and are told so without the pattern."""
    return "--" in raw and bool(_MD_SEPARATOR.match(raw))


def split_row(raw: str) -> list[str] | None:
    """Cells of a table-looking line, or None for running text."""
    if "\t" in raw:
        return raw.split("\t")
    stripped = raw.strip()
    # a markdown row: framed by pipes, or at least two " | " separators (OCR sprinkles single pipes)
    if stripped.count("|") >= 2 and (
        (stripped.startswith("|") and stripped.endswith("|")) or stripped.count(" | ") >= 2
    ):
        return stripped.strip("|").split("|")
    return None


# "## Titolo": a markdown heading, its level the number of marks (heading evidence, like a Word style)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(\S.*?)\s*#*\s*$")


def _heading(raw: str) -> re.Match[str] | None:
    """The markdown heading ``raw`` is, if any (a line with no mark is told without the pattern)."""
    return _MD_HEADING.match(raw) if "#" in raw else None


def blocks_from_lines(lines: list[str], *, page: int | None = None, first_line: int = 1) -> list[Block]:
    """The text reader's core, reused by the PDF reader for each page's text."""
    blocks: list[Block] = []
    table: Table | None = None
    after_blank = False
    for offset, raw in enumerate(lines):
        number = first_line + offset
        prov = Provenance(page, number)
        raw = _CONTROL.sub("", raw)
        if not raw.strip():
            after_blank = True
            continue
        if is_separator(raw):
            continue  # markdown table rule: carries nothing
        cells = split_row(raw)
        if cells is not None:
            row = Row([Cell(clean_inline(c), prov) for c in cells], prov, after_blank=after_blank)
            if table is None:
                table = Table([], prov, origin="tabs")
                blocks.append(table)
            table.rows.append(row)
        else:
            table = None
            heading = _heading(raw)
            level = len(heading.group(1)) if heading else None
            text = clean_inline(heading.group(2) if heading else raw)
            blocks.append(Line(text, prov, after_blank=after_blank, style_level=level))
        after_blank = False
    return _aligned_to_tables(blocks, lines, page, first_line)


def rows_to_tables(blocks: list[Block], raw: Callable[[Line], bool]) -> list[Block]:
    """Lines that hold a text file's lines as they were (``raw``: a plain text printed to PDF, its
    tabs read back) read by this reader's rules: rows become tables, consecutive rows one table
    even across blank lines; markdown rules go; a markdown heading keeps its level.
    A printed line hides the tabs that end it, so lines between two rows of a table may be rows
    with empty cells: those after the last blank line before the next row are taken for rows,
    unless a blank line also stands between them and that row. In the samples, text between rows is
    set apart so and a row's title line is not (trailing tabs wrapping past the margin leave a
    blank-looking line after a row, never before it)."""
    out: list[Block] = []
    table: Table | None = None
    pending: list[Line] = []  # tab-less lines after a row, until it is known whether a row follows

    def settle(row: Row | None) -> None:
        nonlocal table
        if not pending:
            return
        tail = max((i for i, line in enumerate(pending) if line.after_blank), default=0)
        if row is None or (pending[tail].after_blank and row.after_blank):
            tail = len(pending)
        if tail:
            out.extend(pending[:tail])
            table = None
        if tail < len(pending):
            if table is None:
                table = Table([], pending[tail].prov, origin="tabs")
                out.append(table)
            table.rows.extend(Row([Cell(line.text, line.prov)], line.prov, line.after_blank) for line in pending[tail:])
        pending.clear()

    for block in blocks:
        if not isinstance(block, Line) or not raw(block):
            settle(None)
            table = None
            out.append(block)
            continue
        if is_separator(block.text):
            continue
        cells = split_row(block.text)
        if cells is None:
            heading = _heading(block.text)
            if heading:
                block.text, block.style_level = heading.group(2), len(heading.group(1))
            (pending if table is not None else out).append(block)
            continue
        row = Row([Cell(c, block.prov) for c in cells], block.prov, after_blank=block.after_blank)
        settle(row)
        if table is None:
            table = Table([], block.prov, origin="tabs")
            out.append(table)
        table.rows.append(row)
    settle(None)
    return out


def _aligned_to_tables(blocks: list[Block], lines: list[str], page: int | None, first_line: int) -> list[Block]:
    """Turn runs of column-aligned lines (3+ spaces between cells) into tables."""
    out: list[Block] = []
    run: list[Line] = []

    def flush() -> None:
        if len(run) >= MIN_ALIGNED_ROWS:
            out.append(_aligned_table(run, lines, first_line))
        else:
            out.extend(run)
        run.clear()

    for b in blocks:
        if isinstance(b, Line):
            raw = lines[b.prov.line - first_line] if b.prov.line is not None else b.text
            if _COLUMN_GAP.search(raw.strip()):
                run.append(b)
                continue
        flush()
        out.append(b)
    flush()
    return out


_ALIGNED_CELL = re.compile(r"\S+(?: {1,2}\S+)*")


def _aligned_table(run: list[Line], lines: list[str], first_line: int) -> Table:
    """Cells by position: each cell goes under the column of the widest line's cell it starts under, so
    an empty cell stays empty instead of pulling the cells after it one column to the left."""
    spans = [_cell_spans(lines[line.prov.line - first_line]) for line in run]  # type: ignore[operator]
    starts = [start for start, _ in max(spans, key=len)]
    rows = []
    for line, cells in zip(run, spans, strict=True):
        texts = [""] * len(starts)
        for start, text in cells:
            column = _column_at(start, starts)
            texts[column] = f"{texts[column]} {text}".strip()
        rows.append(Row([Cell(clean_inline(t), line.prov) for t in texts], line.prov))
    quality = 1.0 if len({len(c) for c in spans}) == 1 else 0.5
    return Table(rows, run[0].prov, origin="columns", quality=quality)


def _cell_spans(raw: str) -> list[tuple[int, str]]:
    """(start offset, text) of each cell of an aligned line: text runs separated by 3+ spaces."""
    return [(m.start(), m.group(0)) for m in _ALIGNED_CELL.finditer(raw.rstrip())]


def _column_at(start: int, starts: list[int]) -> int:
    """The column whose start is closest to a cell's start (cells may be right-aligned numbers)."""
    return min(range(len(starts)), key=lambda i: abs(starts[i] - start))
