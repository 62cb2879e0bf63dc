"""The ruled-table finder redoes pdfplumber's steps for speed: it must give pdfplumber's own edges,
cells and tables, in its order, on the ruling lines of real pages."""

from __future__ import annotations

import random
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.table import (
    Table,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import filter_edges

from relazione.readers.pdf_ruled import TABLE_SETTINGS, _cells, _intersections, _tables_of, find_ruled, kept_edges
from relazione.readers.pdf_source_pdfium import PdfiumSource

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _kept_and_intersections(edges: list[dict]) -> tuple[list[dict], dict]:
    s = TableSettings.resolve(TABLE_SETTINGS)
    kept = kept_edges(edges)
    return kept, edges_to_intersections(kept, s.intersection_x_tolerance, s.intersection_y_tolerance)


@pytest.mark.parametrize("name", ["tables_split_across_pages.pdf", "brescia_piao_2024_semestrale.pdf"])
def test_intersections_cells_and_tables_of_real_ruling_lines_are_pdfplumbers_own(name: str) -> None:
    path = SAMPLES / name
    checked = 0
    with PdfiumSource(str(path), path.read_bytes()) as source:
        for page in source.pages(12):
            kept, points = _kept_and_intersections(page.edges)
            s = TableSettings.resolve(TABLE_SETTINGS)
            v_masks, h_masks = _intersections(kept, s.intersection_x_tolerance, s.intersection_y_tolerance)
            assert list(v_masks) == list(h_masks) == list(points)  # the same points, in pdfplumber's order
            cells = _cells(v_masks, h_masks)
            assert cells == intersections_to_cells(points)
            assert _tables_of(cells) == cells_to_tables(cells)
            theirs = [Table(None, group) for group in cells_to_tables(cells)]
            for table, their in zip(find_ruled(page.edges), theirs, strict=True):  # what the reader takes of them
                assert table.bbox == their.bbox
                assert [row.cells for row in table.rows] == [row.cells for row in their.rows]
            checked += len(cells)
    assert checked > 20  # the pages had tables to compare


def test_cells_sharing_no_corner_make_separate_tables_in_page_order() -> None:
    lower = [(0.0, 50.0, 10.0, 60.0), (10.0, 50.0, 20.0, 60.0)]
    upper = [(30.0, 0.0, 40.0, 10.0), (30.0, 10.0, 40.0, 20.0)]
    lone = [(100.0, 100.0, 110.0, 110.0)]
    cells = lower + lone + upper
    assert _tables_of(cells) == cells_to_tables(cells) == [upper, lower]


def _pdfplumbers_kept_edges(edges: list[dict]) -> list[dict]:
    s = TableSettings.resolve(TABLE_SETTINGS)
    base = filter_edges(edges, "v", min_length=s.edge_min_length_prefilter) \
        + filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = merge_edges(base, snap_x_tolerance=s.snap_x_tolerance, snap_y_tolerance=s.snap_y_tolerance,
                         join_x_tolerance=s.join_x_tolerance, join_y_tolerance=s.join_y_tolerance)
    return filter_edges(merged, min_length=s.edge_min_length)


@pytest.mark.parametrize("name", ["tables_split_across_pages.pdf", "brescia_piao_2024_semestrale.pdf"])
def test_edges_kept_are_pdfplumbers_own_in_its_order(name: str) -> None:
    path = SAMPLES / name
    with PdfiumSource(str(path), path.read_bytes()) as source:
        for page in source.pages(12):
            kept = kept_edges(page.edges)
            assert kept == _pdfplumbers_kept_edges(page.edges)
            assert [list(e) for e in kept] == [list(e) for e in _pdfplumbers_kept_edges(page.edges)]  # key order
    with pdfplumber.open(path) as pdf:  # pdfplumber's own edges: y0 and y1 moved as well
        for page in pdf.pages[:3]:
            assert kept_edges(page.edges) == _pdfplumbers_kept_edges(page.edges)


def _ruling(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": "h" if top == bottom else "v"}


def test_cells_and_tables_of_broken_grids_are_pdfplumbers_own() -> None:
    """Grids with rulings missing here and there (merged cells, open sides, separate blocks): the
    cells need more than the next point below and right, and must still be pdfplumber's."""
    rng = random.Random(7)
    s = TableSettings.resolve(TABLE_SETTINGS)
    checked = 0
    for _ in range(300):
        xs = sorted(rng.sample(range(0, 200, 10), rng.randint(3, 7)))
        ys = sorted(rng.sample(range(0, 200, 10), rng.randint(3, 7)))
        edges = [_ruling(a, y, b, y) for y in ys for a, b in zip(xs, xs[1:], strict=False) if rng.random() < 0.8]
        edges += [_ruling(x, a, x, b) for x in xs for a, b in zip(ys, ys[1:], strict=False) if rng.random() < 0.8]
        kept, points = _kept_and_intersections(edges)
        v_masks, h_masks = _intersections(kept, s.intersection_x_tolerance, s.intersection_y_tolerance)
        cells = _cells(v_masks, h_masks)
        assert cells == intersections_to_cells(points)
        assert _tables_of(cells) == cells_to_tables(cells)
        checked += len(cells)
    assert checked > 1000
