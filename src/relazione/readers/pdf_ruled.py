"""Ruled tables: found from a page's ruling edges (whichever engine read them) with pdfplumber's own
table logic, so both engines share it. Its steps (edges filtered, snapped and joined; their
intersections; cells from intersections; tables from cells) are redone here to give the same
edges, cells and tables in the same order, without their repeated work (edge dicts copied through
tuples at each move, edge sets rebuilt for each pair of points tried); ``tests/test_pdf_ruled.py``
holds each step to pdfplumber's own on real pages.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

BBox = tuple[float, float, float, float]
Point = tuple[float, float]
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_BBOX_OF = itemgetter("x0", "top", "x1", "bottom")  # pdfplumber's obj_to_bbox: an edge is known by its bbox


@dataclass(slots=True)
class RuledRow:
    cells: list[BBox | None]  # one per column of the table; None where a merged cell spans it


@dataclass(slots=True)
class RuledTable:
    """What the reader takes of pdfplumber's ``Table``: its ``bbox`` and ``rows``, made once (there,
    properties computed again at each use)."""

    bbox: BBox
    rows: list[RuledRow]


def find_ruled(edges: list[dict]) -> list[RuledTable]:
    """pdfplumber's ``TableFinder`` for the "lines" strategy, on edges given rather than read from a
    pdfplumber page."""
    from pdfplumber.table import TableSettings

    if not edges:
        return []
    s = TableSettings.resolve(TABLE_SETTINGS)
    v_masks, h_masks = _intersections(kept_edges(edges), s.intersection_x_tolerance, s.intersection_y_tolerance)
    return [_table(group) for group in _tables_of(_cells(v_masks, h_masks))]


def _table(cells: list[BBox]) -> RuledTable:
    """pdfplumber's ``Table.bbox`` and ``Table.rows``: a row per distinct cell top, in each a cell or
    None per distinct cell x0 of the table."""
    columns = sorted(set(map(itemgetter(0), cells)))
    rows = []
    for _, in_row in groupby(sorted(cells, key=itemgetter(1, 0)), key=itemgetter(1)):
        at = {cell[0]: cell for cell in in_row}
        rows.append(RuledRow([at.get(x) for x in columns]))
    bbox = (min(map(itemgetter(0), cells)), min(map(itemgetter(1), cells)),
            max(map(itemgetter(2), cells)), max(map(itemgetter(3), cells)))
    return RuledTable(bbox, rows)


def kept_edges(edges: list[dict]) -> list[dict]:
    """pdfplumber's first steps (``filter_edges``, ``merge_edges``, ``filter_edges``), the same edges
    in the same order, the same floats: edges too short dropped; those in line snapped to their
    mean; those on one line joined where they meet or nearly; the short ones dropped again. As
    pdfplumber does, without its copying each edge through tuples each time it moves or grows."""
    from pdfplumber.table import TableSettings

    s = TableSettings.resolve(TABLE_SETTINGS)
    prefilter = s.edge_min_length_prefilter
    vertical = [e for e in edges if e["orientation"] == "v" and e["height"] >= prefilter]
    horizontal = [e for e in edges if e["orientation"] == "h" and e["width"] >= prefilter]
    if s.snap_x_tolerance > 0 or s.snap_y_tolerance > 0:
        merged = _snapped(vertical, "x0", s.snap_x_tolerance) + _snapped(horizontal, "top", s.snap_y_tolerance)
    else:
        merged = vertical + horizontal
    lines: dict[tuple[str, float], list[dict]] = {}  # each edge's line asked for once, not to sort and again to group
    for edge in merged:
        lines.setdefault(_line_of(edge), []).append(edge)
    joined: list[dict] = []
    for orientation, at in sorted(lines):
        joined += _joined(lines[orientation, at], orientation,
                          s.join_x_tolerance if orientation == "h" else s.join_y_tolerance)
    return [e for e in joined if e["height" if e["orientation"] == "v" else "width"] >= s.edge_min_length]


def _line_of(edge: dict) -> tuple[str, float]:
    return ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"])


def _snapped(edges: list[dict], key: str, tolerance: float) -> list[dict]:
    """pdfplumber's ``snap_objects``: the distinct values of ``key`` clustered, each within
    ``tolerance`` of the one before; each cluster's edges (in their order, clusters by value) moved
    by the mean less their own value, ``key``'s companions too (a vertical edge's x1; a horizontal
    one's bottom, doctop, and y0/y1 the other way)."""
    cluster_of: dict[float, int] = {}
    n, last = -1, 0.0
    for x in sorted(set(map(itemgetter(key), edges))):
        if n < 0 or not x <= last + tolerance:  # pdfplumber's test, negated: a NaN opens a cluster there too
            n += 1
        cluster_of[x], last = n, x
    clusters: list[list[dict]] = [[] for _ in range(n + 1)]
    for edge in edges:
        clusters[cluster_of[edge[key]]].append(edge)
    moved: list[dict] = []
    for cluster in clusters:
        mean = sum(map(itemgetter(key), cluster)) / len(cluster)
        moved += [_moved(edge, key, mean - edge[key]) for edge in cluster]
    return moved


def _moved(edge: dict, key: str, shift: float) -> dict:
    """pdfplumber's ``move_object``, across (``key`` x0) or down (``key`` top). An edge alone in its
    cluster (most are) is its own mean: not moved, not copied (a NaN shift is no zero: moved there too)."""
    if not shift:
        return edge
    if key == "x0":
        return {**edge, "x0": edge["x0"] + shift, "x1": edge["x1"] + shift}
    out = {**edge, "top": edge["top"] + shift, "bottom": edge["bottom"] + shift}
    if "doctop" in edge:
        out["doctop"] = edge["doctop"] + shift
    if "y0" in edge:
        out["y0"], out["y1"] = edge["y0"] - shift, edge["y1"] - shift
    return out


def _joined(edges: list[dict], orientation: str, tolerance: float) -> list[dict]:
    """pdfplumber's ``join_edge_group``: edges of one line, by their start, each one starting within
    ``tolerance`` of the end of the one before extending it."""
    if len(edges) == 1:  # most rulings are alone on their line: nothing to join
        return edges
    start, end = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=itemgetter(start))
    joined = [ordered[0]]
    for edge in ordered[1:]:
        last = joined[-1]
        if edge[start] <= last[end] + tolerance:
            if edge[end] > last[end]:
                joined[-1] = _extended(last, end, edge[end])
        else:
            joined.append(edge)
    return joined


def _extended(edge: dict, end: str, value: float) -> dict:
    """pdfplumber's ``resize_object`` of an edge's end (x1 or bottom)."""
    if end == "x1":
        return {**edge, "x1": value, "width": value - edge["x0"]}
    diff = value - edge["bottom"]
    out = {**edge, "bottom": value, "height": edge["height"] + diff}
    if "y0" in edge:
        out["y0"] = edge["y0"] - diff
    return out


Masks = dict[Point, int]  # an intersection -> its edges of one direction, a bit per distinct edge bbox


def _intersections(edges: list[dict], x_tolerance: float, y_tolerance: float) -> tuple[Masks, Masks]:
    """pdfplumber's ``edges_to_intersections``, the same points (in the same order) and edges, each
    point's vertical and horizontal edges as bit masks: two points are joined when they share an
    edge (pdfplumber's ``edge_connects``, on sets of edge bboxes), which masks test with one ``&``.
    pdfplumber sorts the horizontal edges again for every vertical one and tries them all; here they
    are sorted once, and a vertical edge tries only those whose top is near its extent (bisected
    with a margin, then its own test, unchanged, decides)."""
    bit_of: dict[BBox, int] = {}

    def bit(edge: dict) -> int:
        return bit_of.setdefault(_BBOX_OF(edge), 1 << len(bit_of))

    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    tops = [h["top"] for h in h_edges]
    h_spans = [(h["top"], h["x0"], h["x1"]) for h in h_edges]  # read once, not per vertical edge tried
    h_bits = [bit(h) for h in h_edges]
    v_masks: Masks = {}
    h_masks: Masks = {}
    for v in v_edges:
        v_bit = bit(v)
        x, top, bottom = v["x0"], v["top"], v["bottom"]
        for k in range(bisect_left(tops, top - y_tolerance - 1), bisect_right(tops, bottom + y_tolerance + 1)):
            h_top, h_x0, h_x1 = h_spans[k]
            if top <= h_top + y_tolerance and bottom >= h_top - y_tolerance \
                    and x >= h_x0 - x_tolerance and x <= h_x1 + x_tolerance:
                vertex = (x, h_top)
                if vertex in v_masks:  # met again (edges in line not joined): one more edge there
                    v_masks[vertex] |= v_bit
                    h_masks[vertex] |= h_bits[k]
                else:
                    v_masks[vertex], h_masks[vertex] = v_bit, h_bits[k]
    return v_masks, h_masks


class _Grid:
    """The intersections by column (their sorted order) and by row, each known by its place in that
    order: their edge masks in lists, a point's own coordinates hashed only to find a cell's far
    corner (a dict lookup by a tuple of floats costs several list reads)."""

    def __init__(self, v_masks: Masks, h_masks: Masks) -> None:
        points = self.points = sorted(v_masks)  # by x, then by y: a point's next below is the next one in its column
        self.place = {pt: k for k, pt in enumerate(points)}
        self.v = [v_masks[pt] for pt in points]
        self.h = [h_masks[pt] for pt in points]
        self.column_end: list[int] = []  # a point -> the place after its column's last point
        self.row_at: list[tuple[list[int], int]] = []  # a point -> its row (places by x) and its place there
        rows: dict[float, list[int]] = {}
        column_start = 0
        for k, (x, y) in enumerate(points):
            row = rows.setdefault(y, [])
            self.row_at.append((row, len(row)))
            row.append(k)
            if x != points[column_start][0]:  # a new column: the one before ends here
                self.column_end += [k] * (k - column_start)
                column_start = k
        self.column_end += [len(points)] * (len(points) - column_start)

    def smallest_cell(self, k: int) -> BBox | None:
        """pdfplumber's ``find_smallest_cell`` from the point at place ``k``: the first point below it
        and point right of it, both joined to it, whose corner is joined to both; the points below
        tried one by one, as there. Points of one column can only share a vertical edge, of one row a
        horizontal one."""
        v, h, points = self.v, self.h, self.points
        end = self.column_end[k]
        row, j = self.row_at[k]
        if k + 1 == end or j + 1 == len(row):  # nothing below or nothing right: no cell (no search)
            return None
        b, r = k + 1, row[j + 1]  # most cells: the next point below and the next right
        if v[k] & v[b] and h[k] & h[r]:
            corner = self.place.get((points[r][0], points[b][1]))
            if corner is not None and v[corner] & v[r] and h[corner] & h[b]:
                return points[k][0], points[k][1], points[r][0], points[b][1]
        right: list[int] | None = None
        for b in range(k + 1, end):
            if not v[k] & v[b]:
                continue
            if right is None:
                right = [r for r in row[j + 1:] if h[k] & h[r]]
            for r in right:
                corner = self.place.get((points[r][0], points[b][1]))
                if corner is not None and v[corner] & v[r] and h[corner] & h[b]:
                    return points[k][0], points[k][1], points[r][0], points[b][1]
        return None


def _cells(v_masks: Masks, h_masks: Masks) -> list[BBox]:
    """pdfplumber's ``intersections_to_cells``, the same cells in the same order, without its cost:
    it rebuilds each point's edge set per pair of points it tries and scans all later points for
    those below and right of each one; here each point's edges are masks made once and the points
    below and right come from its column and its row."""
    grid = _Grid(v_masks, h_masks)
    return [cell for k in range(len(grid.points)) if (cell := grid.smallest_cell(k)) is not None]


def _tables_of(cells: list[BBox]) -> list[list[BBox]]:
    """pdfplumber's ``cells_to_tables``: passes over the cells left, each taking into the current
    table the cells that share a corner with it (its first cell: the first left); a pass that takes
    none closes the table. The cells left are kept by filtering, not removed one by one (a list scan
    each); tables sorted by their top-left cell, single-cell ones dropped."""
    tables: list[list[BBox]] = []
    current: list[BBox] = []
    corners: set[Point] = set()
    remaining = cells
    while remaining:
        before = len(current)
        left: list[BBox] = []
        for cell in remaining:
            x0, top, x1, bottom = cell
            mine = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or not corners.isdisjoint(mine):
                corners.update(mine)
                current.append(cell)
            else:
                left.append(cell)
        remaining = left
        if len(current) == before:
            tables.append(current)
            current, corners = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
