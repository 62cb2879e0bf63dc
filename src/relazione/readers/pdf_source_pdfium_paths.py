"""A PDFium page's ruling edges and images, from its page objects (form XObjects opened too).

Edges are pdfplumber's edge dicts, made as pdfplumber makes them from pdfminer's objects: a path of
two points is a line (horizontal if both ends are at one height, else vertical); any other path
gives one edge per segment, its closing segment included (a rectangle's four sides); only
horizontal and vertical ones matter to the table finder. Filled or stroked alike: a cell's
background rectangle rules a table as a drawn line does.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress, repeat
from operator import ne
from typing import Any, NamedTuple

from relazione.readers.pdf_pdfium_calls import INT, VP, plain_call

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 8  # forms nested deeper than this are not opened (a damaged file may loop)


class _Calls(NamedTuple):
    """PDFium's calls on page objects and path segments, their handles plain integers."""

    count_objects: Any
    get_object: Any
    kind: Any
    matrix: Any
    count_form_objects: Any
    get_form_object: Any
    count_segments: Any
    get_segment: Any
    segment_point: Any
    segment_kind: Any
    segment_closes: Any
    text: int
    image: int
    path: int
    form: int
    move_to: int
    fs_matrix: type  # the structure ``matrix`` fills


@lru_cache(maxsize=1)
def _calls() -> _Calls:
    """Every page object is asked its type, every path segment four things: called with integers
    (see ``pdf_pdfium_calls``)."""
    import pypdfium2.raw as raw

    return _Calls(plain_call(raw.FPDFPage_CountObjects, INT, VP), plain_call(raw.FPDFPage_GetObject, VP, VP, INT),
                  plain_call(raw.FPDFPageObj_GetType, INT, VP), plain_call(raw.FPDFPageObj_GetMatrix, INT, VP, VP),
                  plain_call(raw.FPDFFormObj_CountObjects, INT, VP),
                  plain_call(raw.FPDFFormObj_GetObject, VP, VP, ctypes.c_ulong),
                  plain_call(raw.FPDFPath_CountSegments, INT, VP), plain_call(raw.FPDFPath_GetPathSegment, VP, VP, INT),
                  plain_call(raw.FPDFPathSegment_GetPoint, INT, VP, VP, VP),
                  plain_call(raw.FPDFPathSegment_GetType, INT, VP), plain_call(raw.FPDFPathSegment_GetClose, INT, VP),
                  raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM,
                  raw.FPDF_SEGMENT_MOVETO, raw.FS_MATRIX)


def page_edges_and_images(page, left: float, top: float, with_edges: bool) -> tuple[list[dict], bool]:  # noqa: ANN001
    calls = _calls()
    state = _Walk(calls, left, top, with_edges)
    handle = ctypes.cast(page, VP).value
    n = calls.count_objects(handle)
    state.visit(map(calls.get_object, repeat(handle, n), range(n)), IDENTITY, 0)
    return state.edges, state.images


class _Walk:
    def __init__(self, calls: _Calls, left: float, top: float, with_edges: bool) -> None:
        self.calls, self.left, self.top, self.with_edges = calls, left, top, with_edges
        self.edges: list[dict] = []
        self.images = False
        # buffers PDFium writes into, made once per page, passed by address
        self.m, self.x, self.y = calls.fs_matrix(), ctypes.c_float(), ctypes.c_float()
        self.m_at, self.x_at, self.y_at = ctypes.addressof(self.m), ctypes.addressof(self.x), ctypes.addressof(self.y)

    def visit(self, objects: Iterable[int], outer: Matrix, depth: int) -> None:
        """A page's or a form's objects; most are text runs, of which only the type is asked (the types
        mapped over the objects, the text runs passed over without a step of this loop)."""
        calls = self.calls
        handles = list(objects)
        kinds = list(map(calls.kind, handles))
        for obj, kind in compress(zip(handles, kinds, strict=True), map(ne, kinds, repeat(calls.text))):
            if kind == calls.image:
                self.images = True
            elif kind == calls.path and self.with_edges:
                self._path(obj, _compose(self._matrix(obj), outer))
            elif kind == calls.form and depth < MAX_DEPTH:
                n = calls.count_form_objects(obj)
                self.visit(map(calls.get_form_object, repeat(obj, n), range(n)), _compose(self._matrix(obj), outer),
                           depth + 1)

    def _matrix(self, obj: int) -> Matrix:
        if not self.calls.matrix(obj, self.m_at):
            return IDENTITY
        m = self.m
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _path(self, obj: int, m: Matrix) -> None:
        for subpath in self._subpaths(obj):
            points = [self._to_page(m, p) for p in subpath]
            if len(points) == 2:
                self.edges.append(_edge(points[0], points[1], "line"))
            else:
                self.edges.extend(_edge(a, b, "curve_edge") for a, b in zip(points, points[1:], strict=False))

    def _to_page(self, m: Matrix, p: tuple[float, float]) -> tuple[float, float]:
        a, b, c, d, e, f = m
        x, y = p
        return a * x + c * y + e - self.left, self.top - (b * x + d * y + f)

    def _subpaths(self, obj: int) -> list[list[tuple[float, float]]]:
        """Each subpath's points (a closed one ends back at its start, as pdfminer's do)."""
        calls, x, y = self.calls, self.x, self.y
        out: list[list[tuple[float, float]]] = []
        for i in range(calls.count_segments(obj)):
            seg = calls.get_segment(obj, i)
            calls.segment_point(seg, self.x_at, self.y_at)
            point = (x.value, y.value)
            if not out or calls.segment_kind(seg) == calls.move_to:  # the first opens one, whatever its kind
                out.append([point])
            else:
                out[-1].append(point)
            if calls.segment_closes(seg) and out[-1][0] != point:
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


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer``: a point of a form's object, in the page's space."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
