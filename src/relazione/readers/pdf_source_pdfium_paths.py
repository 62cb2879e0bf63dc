"""A PDFium page's ruling edges and images, from its page objects (form XObjects opened too).

Edges are pdfplumber's edge dicts, made as pdfplumber makes them from pdfminer's objects: a path of
two points is a line (horizontal if both ends are at one height, else vertical); any other path
gives one edge per segment, its closing segment included (a rectangle's four sides); only
horizontal and vertical ones matter to the table finder. Filled or stroked alike: a cell's
background rectangle rules a table as a drawn line does.
"""

from __future__ import annotations

import ctypes

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 8  # forms nested deeper than this are not opened (a damaged file may loop)


def page_edges_and_images(page, left: float, top: float, with_edges: bool) -> tuple[list[dict], bool]:  # noqa: ANN001
    import pypdfium2.raw as raw

    state = _Walk(raw, left, top, with_edges)
    for i in range(raw.FPDFPage_CountObjects(page)):
        state.visit(raw.FPDFPage_GetObject(page, i), IDENTITY, 0)
    return state.edges, state.images


class _Walk:
    def __init__(self, raw, left: float, top: float, with_edges: bool) -> None:  # noqa: ANN001
        self.raw, self.left, self.top, self.with_edges = raw, left, top, with_edges
        self.edges: list[dict] = []
        self.images = False

    def visit(self, obj, outer: Matrix, depth: int) -> None:  # noqa: ANN001
        raw = self.raw
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            self.images = True
        elif kind == raw.FPDF_PAGEOBJ_PATH and self.with_edges:
            self._path(obj, _compose(_matrix(raw, obj), outer))
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_DEPTH:
            inner = _compose(_matrix(raw, obj), outer)
            for i in range(raw.FPDFFormObj_CountObjects(obj)):
                self.visit(raw.FPDFFormObj_GetObject(obj, i), inner, depth + 1)

    def _path(self, obj, m: Matrix) -> None:  # noqa: ANN001
        for subpath in _subpaths(self.raw, obj):
            points = [self._to_page(m, p) for p in subpath]
            if len(points) == 2:
                self.edges.append(_edge(points[0], points[1], "line"))
            else:
                self.edges.extend(_edge(a, b, "curve_edge") for a, b in zip(points, points[1:], strict=False))

    def _to_page(self, m: Matrix, p: tuple[float, float]) -> tuple[float, float]:
        a, b, c, d, e, f = m
        x, y = p
        return a * x + c * y + e - self.left, self.top - (b * x + d * y + f)


def _subpaths(raw, obj) -> list[list[tuple[float, float]]]:  # noqa: ANN001
    """Each subpath's points (a closed one ends back at its start, as pdfminer's do)."""
    out: list[list[tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        point = (x.value, y.value)
        if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO or not out:
            out.append([point])
        else:
            out[-1].append(point)
        if raw.FPDFPathSegment_GetClose(seg) and out[-1][0] != point:
            out[-1].append(out[-1][0])
    return out


def _edge(p0: tuple[float, float], p1: tuple[float, float], kind: str) -> dict:
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((p0[1], p1[1]))
    if kind == "line":
        orientation = "h" if p0[1] == p1[1] else "v"
    else:
        orientation = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def _matrix(raw, obj) -> Matrix:  # noqa: ANN001
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer``: a point of a form's object, in the page's space."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
