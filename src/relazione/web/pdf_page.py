"""A PDF page as a PNG, with the selected record's region highlighted.

Records carry page and line only, so the region is found on the page: the record's code and title (its
first words when the title wraps) are searched with PDFium's text search, then its target and result,
taking the occurrences nearest the title. Only the page asked for is opened and rendered: the first page of
a 137-page report shows as fast as the last.

PDFium is not thread-safe: every call goes through one lock."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable
from pathlib import Path

import pypdfium2 as pdfium

from relazione.errors import RelazioneError

SCALE = 1.5  # 108 dpi: a table's figures are readable in a browser column
Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points
_PDFIUM = threading.Lock()
MIN_WORDS = 3


def page_count(path: Path) -> int:
    with _PDFIUM:
        pdf = _open(path)
        try:
            return len(pdf)
        finally:
            pdf.close()


def render_page(path: Path, page_number: int, anchors: list[str], values: list[str]) -> bytes:
    """PNG of page ``page_number`` (1-based), boxes drawn around the anchor's and the values' occurrences."""
    with _PDFIUM:
        pdf = _open(path)
        try:
            if not 1 <= page_number <= len(pdf):
                raise RelazioneError(None, f"pagina {page_number} inesistente (il documento ne ha {len(pdf)})")
            page = pdf[page_number - 1]
            boxes = _record_boxes(page, anchors, values)
            image = page.render(scale=SCALE).to_pil()
            height = page.get_height()
            page.close()
        finally:
            pdf.close()
    return _png(image, [_to_pixels(b, height) for b in boxes])


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise RelazioneError(None, f"PDF illeggibile ({exc})") from None


def _record_boxes(page: pdfium.PdfPage, anchors: list[str], values: list[str]) -> list[Box]:
    text = page.get_textpage()
    try:
        anchor = _first_found(text, anchors)
        if not anchor:
            return []
        boxes = list(anchor)
        centre = _centre(anchor)
        for value in values:
            found = next((m for m in (_all_matches(text, v) for v in title_prefixes(value)) if m), [])
            if found:
                boxes.extend(min(found, key=lambda m: _distance(_centre(m), centre)))
        return boxes
    finally:
        text.close()


def _first_found(text: pdfium.PdfTextPage, anchors: list[str]) -> list[Box]:
    """The first anchor found (code and title first, shorter prefixes of the title after)."""
    for anchor in anchors:
        found = _all_matches(text, anchor)
        if found:
            return found[0]
    return []


def _all_matches(text: pdfium.PdfTextPage, term: str) -> list[list[Box]]:
    term = " ".join(term.split())
    if len(term) < 2:
        return []
    searcher = text.search(term, match_case=False)
    matches = []
    try:
        while (hit := searcher.get_next()) is not None and len(matches) < 50:
            start, count = hit
            n = text.count_rects(start, count)
            matches.append([text.get_rect(i) for i in range(n)])
    finally:
        searcher.close()
    return matches


def _centre(boxes: list[Box]) -> tuple[float, float]:
    left, bottom, right, top = boxes[0]
    return (left + right) / 2, (bottom + top) / 2


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Rows count more than columns: a table's figures sit on the title's row, to its right."""
    return abs(a[1] - b[1]) * 4 + abs(a[0] - b[0])


def title_prefixes(title: str) -> list[str]:
    """The text, then shorter prefixes of it: a title or value wrapped in its cell is found by its start."""
    words = title.split()
    out = [" ".join(words)]
    for n in (8, 5, MIN_WORDS):
        if len(words) > n:
            out.append(" ".join(words[:n]))
    return out


def _to_pixels(box: Box, page_height: float) -> tuple[int, int, int, int]:
    left, bottom, right, top = box
    pad = 2
    return (int(left * SCALE) - pad, int((page_height - top) * SCALE) - pad,
            int(right * SCALE) + pad, int((page_height - bottom) * SCALE) + pad)


def _png(image, boxes: Iterable[tuple[int, int, int, int]]) -> bytes:  # noqa: ANN001 - a PIL image
    from PIL import ImageDraw

    image = image.convert("RGB")
    overlay = ImageDraw.Draw(image, "RGBA")  # an RGBA pen on an RGB image blends: the text stays readable
    for box in boxes:
        overlay.rectangle(box, fill=(255, 210, 0, 90), outline=(200, 30, 30, 255), width=2)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    return buf.getvalue()
