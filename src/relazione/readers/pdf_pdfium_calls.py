"""PDFium's C functions called with plain integers for handles and addresses.

pypdfium2's typed wrappers cost more per call than PDFium's own work (a typed pointer made for each
handle returned, each argument checked), and a page's characters, objects and path segments are
many; ``ctypes.cast`` to typed handles also leaves a reference cycle per call, garbage only the
cycle collector frees. The PDFium readers (glyphs, paths) bind the functions they call often here.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

VP, INT = ctypes.c_void_p, ctypes.c_int


def plain_call(function: Any, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """``function`` (a pypdfium2.raw one) with the C types given: integers in, integers out."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, VP).value)
