"""The lines of a text, Word or Excel document around a record: what the reader read, with the record's line
marked, and the lines holding its title, target or result marked too."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from relazione.readers.blocks import Provenance

CONTEXT = 8
_CACHE: OrderedDict[str, list[tuple[str, Provenance]]] = OrderedDict()
_CACHE_SIZE = 4
_LOCK = threading.Lock()


@dataclass(frozen=True)
class SourceLine:
    where: str
    text: str
    marked: bool


def document_lines(path: Path) -> list[tuple[str, Provenance]]:
    """The document's lines as the reader gives them (kept for the last few documents: paging is instant)."""
    from relazione.readers import read_document

    key = str(path)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    lines = list(read_document(path).text_lines())
    with _LOCK:
        _CACHE[key] = lines
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return lines


def lines_around(lines: list[tuple[str, Provenance]], prov: Provenance, terms: list[str]) -> list[SourceLine]:
    """CONTEXT lines either side of the record's own line (same page and line)."""
    at = _position(lines, prov)
    if at is None:
        return []
    wanted = [t.casefold() for t in terms if t and len(t) > 1]
    out = []
    for text, where in lines[max(0, at - CONTEXT): at + CONTEXT + 1]:
        folded = text.casefold()
        marked = where == prov or any(t in folded for t in wanted)
        out.append(SourceLine(str(where), text, marked))
    return out


def _position(lines: list[tuple[str, Provenance]], prov: Provenance) -> int | None:
    if prov.line is None:
        return None
    for i, (_, where) in enumerate(lines):
        if where.page == prov.page and where.line is not None and where.line >= prov.line:
            return i
    return None
