"""PDF reader (pdfplumber): text lines and tables per page -> the block stream.

Per page, as a chain of small steps:
1. tables: pdfplumber's finder on ruling lines; cells with None (merged) become empty, multi-line
   cell text is joined;
2. lines: the words outside those tables, grouped into lines; two-column pages are read column
   by column; a vertical gap larger than a line marks ``after_blank``;
3. pages with no ruled table but aligned text columns give column tables through the text
   reader's alignment rule, fed with pdfplumber's layout text;
then, over the document: running headers and footers (text repeated at the top or bottom of most
pages, "Pagina 3 di 67", bare page numbers) are removed, and a table that continues on the next
page (same column count, first thing on the page; a repeated header row dropped) is stitched.
Provenance: page number, and line number within the page.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from dataclasses import dataclass

import regex as re

from ..blocks import Block, Cell, Document, Line, Provenance, Row, Table
from ..errors import RelazioneError
from ..records import sha256_of
from ..text import clean_inline
from .text import blocks_from_lines

MAX_PAGES = 3000
_PAGE_NUMBER = re.compile(r"^(?:pag(?:ina|\.)?\s*)?[-–]?\s*\d{1,4}\s*(?:di|/|of)?\s*\d{0,4}\s*[-–]?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
RUNNING_MIN_PAGES = 3
CUT_ROW_TOLERANCE = 6.0  # points: a table ending this close to the lowest content bottom ran into the page end
RUNNING_SHARE = 0.5
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(slots=True)
class _PageRead:
    blocks: list[Block]
    scanned: bool = False
    end_bottom: float = 0.0  # bottom of the page's last block: a table reaching the content bottom was cut


@dataclass(slots=True)
class _Placed:
    """A block with its vertical position on the page, before numbering."""

    top: float
    bottom: float
    block: Block


def read_pdf(path: str, data: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise RelazioneError(path, "encrypted PDF: remove the password first (e.g. qpdf --decrypt)") from None
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise RelazioneError(path, f"damaged or truncated PDF ({exc.__class__.__name__})") from None
    with pdf:
        try:
            n_pages = len(pdf.pages)
            if n_pages > MAX_PAGES:
                raise RelazioneError(path, f"PDF has {n_pages} pages (more than {MAX_PAGES})")
            pages = [_read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
        except RelazioneError:
            raise
        except Exception as exc:
            raise RelazioneError(path, f"damaged PDF, cannot read its pages ({exc.__class__.__name__})") from None
    scanned = [n for n, page in enumerate(pages, start=1) if page.scanned]
    if scanned and len(scanned) == n_pages:
        raise RelazioneError(
            path, f"page {scanned[0]} has no text layer: scanned image; run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
        )
    page_blocks = _drop_running_text([page.blocks for page in pages])
    doc = Document(path=path, format="pdf", pages=n_pages, sha256=sha256_of(data))
    content_bottom = max((page.end_bottom for page in pages), default=0.0)
    cut = [page.end_bottom >= content_bottom - CUT_ROW_TOLERANCE for page in pages]
    doc.blocks = _stitch_tables(page_blocks, cut)
    for n in scanned:
        doc.notes.append(("scanned_page", f"page {n} has no text layer: scanned image; run OCR first, "
                                          "e.g. `ocrmypdf in.pdf out.pdf`", Provenance(n, None)))
    return doc


# -- one page -----------------------------------------------------------------------------------
def _read_page(page, number: int) -> _PageRead:  # noqa: ANN001
    if not page.chars:
        return _PageRead([], scanned=bool(page.images))
    tables = page.find_tables(TABLE_SETTINGS)
    placed = [_placed_table(t, number) for t in tables]
    placed = [p for p in placed if p is not None]
    bboxes = [t.bbox for t in tables]
    text_page = page.filter(lambda obj: not _inside_any(obj, bboxes)) if bboxes else page
    if not placed and _has_aligned_columns(text_page):
        return _PageRead(_layout_blocks(text_page, number))
    placed.extend(_placed_lines(text_page, number))
    placed.sort(key=lambda p: p.top)
    end_bottom = placed[-1].bottom if placed and isinstance(placed[-1].block, Table) else 0.0
    return _PageRead(_number_lines(placed, number), end_bottom=end_bottom)


def _inside_any(obj: dict, bboxes: list[tuple[float, float, float, float]]) -> bool:
    if obj.get("object_type") != "char":
        return False
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in bboxes)


def _placed_table(table, page_number: int) -> _Placed | None:  # noqa: ANN001
    rows = []
    for raw in table.extract():
        texts = [clean_inline((c or "").replace("\n", " ")) for c in raw]
        if any(texts):
            rows.append(texts)
    if not rows:
        return None
    prov = Provenance(page_number, None)
    block = Table([Row([Cell(t, prov) for t in r], prov) for r in rows], prov, origin="pdf")
    return _Placed(table.bbox[1], table.bbox[3], block)


def _column_split(page) -> float | None:  # noqa: ANN001
    """The x of a gutter splitting a two-column page, or None for a one-column page."""
    words = page.extract_words()
    if len(words) < 40:
        return None
    width = float(page.width)
    for frac in (0.5, 0.48, 0.52, 0.45, 0.55):
        gutter = width * frac
        crossing = sum(1 for w in words if w["x0"] < gutter < w["x1"])
        left = sum(1 for w in words if w["x1"] <= gutter)
        right = len(words) - left - crossing
        if crossing <= len(words) * 0.01 and min(left, right) >= len(words) * 0.3:
            return gutter
    return None


def _placed_lines(page, page_number: int) -> list[_Placed]:  # noqa: ANN001
    gutter = _column_split(page)
    if gutter is None:
        regions = [page]
    else:
        regions = [page.crop((page.bbox[0], page.bbox[1], gutter, page.bbox[3])),
                   page.crop((gutter, page.bbox[1], page.bbox[2], page.bbox[3]))]
    placed: list[_Placed] = []
    offset = 0.0
    for region in regions:
        for line in region.extract_text_lines(return_chars=False):
            text = clean_inline(line["text"])
            if text:
                # the right column is placed after the whole left one: reading order, not position
                placed.append(_Placed(line["top"] + offset, line["bottom"] + offset,
                                      Line(text, Provenance(page_number, None))))
        offset += float(page.height)
    return placed


def _has_aligned_columns(page) -> bool:  # noqa: ANN001
    text = page.extract_text(layout=True) or ""
    aligned = sum(1 for line in text.splitlines() if re.search(r"\S {4,}\S", line.strip()))
    return aligned >= 3


def _layout_blocks(page, page_number: int) -> list[Block]:  # noqa: ANN001
    """An unruled page: pdfplumber's layout text, with the text reader's aligned-columns rule."""
    text = page.extract_text(layout=True) or ""
    lines = [ln.rstrip() for ln in text.splitlines()]
    blocks = blocks_from_lines(lines, page=page_number)
    return _renumber(blocks)


def _renumber(blocks: list[Block]) -> list[Block]:
    """Line numbers within the page count the kept lines, as for ruled pages."""
    n = 0
    for b in blocks:
        if isinstance(b, Line):
            n += 1
            b.prov = Provenance(b.prov.page, n)
        else:
            for row in b.rows:
                n += 1
                row.prov = Provenance(row.prov.page, n)
                for cell in row.cells:
                    cell.prov = row.prov
            b.prov = b.rows[0].prov
            b.origin = "pdf-columns"
    return blocks


def _number_lines(placed: list[_Placed], page_number: int) -> list[Block]:
    """Number lines and rows down the page; mark a line after a gap taller than a line."""
    blocks: list[Block] = []
    n = 0
    prev_bottom: float | None = None
    for p in placed:
        if isinstance(p.block, Line):
            n += 1
            p.block.prov = Provenance(page_number, n)
            height = p.bottom - p.top
            p.block.after_blank = prev_bottom is not None and p.top - prev_bottom > max(height, 4.0)
        else:
            for row in p.block.rows:
                n += 1
                row.prov = Provenance(page_number, n)
                for cell in row.cells:
                    cell.prov = row.prov
            p.block.prov = p.block.rows[0].prov
        prev_bottom = p.bottom
        blocks.append(p.block)
    return blocks


# -- across pages -------------------------------------------------------------------------------
def _running_key(text: str) -> str:
    return _DIGITS.sub("#", text.casefold())


def _is_page_number(line: Line) -> bool:
    """"Pagina 3 di 67", "- 3 -", "3/67" — and a bare number only when it is (near) the page's own
    number, so a value cell such as "30" ending a page is kept."""
    m = _PAGE_NUMBER.match(line.text)
    if not m:
        return False
    numbers = [int(n) for n in _DIGITS.findall(line.text)]
    page = line.prov.page or 0
    return len(numbers) > 1 or not line.text.strip().isdigit() or abs(numbers[0] - page) <= 2


def _drop_running_text(pages: list[list[Block]]) -> list[list[Block]]:
    """Remove page furniture: the same first/last lines on most pages, and page numbers."""
    edges: Counter[str] = Counter()
    for blocks in pages:
        lines = [b for b in blocks if isinstance(b, Line)]
        for key in {_running_key(line.text) for line in lines[:2] + lines[-2:]}:
            edges[key] += 1
    threshold = max(RUNNING_MIN_PAGES, RUNNING_SHARE * len(pages))
    running = {k for k, n in edges.items() if n >= threshold}
    out = []
    for blocks in pages:
        kept = []
        for i, b in enumerate(blocks):
            at_edge = i < 2 or i >= len(blocks) - 2
            if isinstance(b, Line) and at_edge and (_running_key(b.text) in running or _is_page_number(b)):
                continue
            kept.append(b)
        out.append(kept)
    return out


def _stitch_tables(pages: list[list[Block]], cut: list[bool]) -> list[Block]:
    """Join a table continued on the next page. When the previous page's table ran to the page end
    and the continuation's first row has no label, that row is the rest of a row cut by the break:
    its cells are appended to the cut row's cells."""
    out: list[Block] = []
    for number, blocks in enumerate(pages):
        for i, b in enumerate(blocks):
            prev = out[-1] if out else None
            if i == 0 and isinstance(b, Table) and isinstance(prev, Table) and prev.n_cols == b.n_cols:
                rows = b.rows
                if prev.rows and rows and rows[0].texts == prev.rows[0].texts:
                    rows = rows[1:]  # the header row repeated on the new page
                if rows and not rows[0].texts[0] and number > 0 and cut[number - 1]:
                    _append_cells(prev.rows[-1], rows[0])
                    rows = rows[1:]
                elif rows and not rows[0].texts[0]:
                    rows[0].after_blank = True  # a new row without label: let extractors decide
                prev.rows.extend(rows)
                continue
            out.append(b)
    return out


def _append_cells(row: Row, rest: Row) -> None:
    for cell, more in zip(row.cells, rest.cells, strict=False):
        if more.text:
            cell.text = f"{cell.text} {more.text}".strip()
