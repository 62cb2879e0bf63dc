"""Report covers: the short lines of their own that open a report inside a longer document.

A cover line names a chamber ("Camera di Commercio di X", "CCIAA X", "Camera di Commercio" over a
line holding the city) or is a report title ("Relazione sulla Performance 2024", "Piano degli
indicatori e risultati attesi"), by the profile's ``[report]`` patterns, so that new vocabulary goes
to the profile, not here. What is no cover line, because reports mention chambers and titles all the
time: a chamber named in running prose (the line says more than the name), a line in the middle of a
paragraph (a wrapped title or sentence), a numbered chapter ("3.1 Rendicontazione degli obiettivi"),
a table-of-contents entry, the title line of an objective heading just above. Cover lines close
together make one cover; the same cover on many pages is a running header, and no cover.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from relazione.extract.profiles import Profile
from relazione.extract.report_meta import ente_name, patterns
from relazione.readers.blocks import Document, Line, Table

_SHORT_LINE = 90  # a cover line is short; prose lines are longer
_TITLE_SHARE = 0.6  # the title is most of its line ("La Relazione sulla Performance 2024 – ex")
_EXTRA_LETTERS = 3  # an ente line holds the name and at most "ex"; a title has at most "La" before it
_COVER_GAP = 6  # text lines between two lines of one cover
_ABBREVIATION = 3  # "EX CCIAA PV": a province code stands for its city
_RUNNING_HEADER = 3  # a cover repeated this often is a page header
_TOC = re.compile(r"\.{4,}|…{2,}|\t\s*\d{1,3}\s*$")
_NUMBERED = re.compile(r"^\W*(?:\d+(?:\.\d+)*|[IVX]+)(?:\s*[.)–—-]\s*|\s+)\p{L}")
_LETTER = re.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class Cover:
    start: int  # index of its first block
    ente: str | None  # the chamber a line of its own names
    title: str | None  # the report title a line of its own gives
    key: tuple[str, ...]  # its lines, normalised: a running header repeats them


def same_ente(a: str, b: str | None) -> bool:
    """One chamber, whether named in full or by its province code ("Pavia", "PV")."""
    if b is None:
        return False
    a, b = sorted((a.casefold().split(" di ")[-1], b.casefold().split(" di ")[-1]), key=len)
    if a == b:
        return True
    return len(a) <= _ABBREVIATION and a[0] == b[0] and re.search(".*?".join(map(re.escape, a)), b) is not None


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _ente_line(text: str, following: str, profile: Profile) -> str | None:
    """The chamber a line names when the line is nothing but that name (or "Camera di Commercio"
    over a line holding only the city)."""
    for source in (text, f"{text}\n{following}"):
        for pattern in patterns(profile, "ente"):
            m = re.search(pattern, source, re.IGNORECASE | re.MULTILINE)
            if m and m.start() <= len(text) and _letters(source[: m.start()] + source[m.end():]) <= _EXTRA_LETTERS:
                return ente_name(m)
    return None


def _title_line(text: str, profile: Profile) -> str | None:
    """A report title set on a line of its own: capitalised, opening the line and most of it (prose
    wrapping after "monitoraggio" is no title)."""
    first = _LETTER.search(text)
    if first is None or not first.group().isupper():
        return None
    for pattern in patterns(profile, "title"):
        m = re.search(pattern, text, re.IGNORECASE)
        opens = _letters(text[: m.start()]) <= _EXTRA_LETTERS if m else False
        if m and opens and _letters(m.group(0)) >= _TITLE_SHARE * _letters(text):
            return " ".join(m.group(0).split())
    return None


def _cover_line(doc: Document, i: int, profile: Profile, above: bool) -> tuple[str | None, str | None] | None:
    """(ente, title) of a cover line; ``above``: the block before is a cover line (a cover's second
    line need not open a paragraph)."""
    block = doc.blocks[i]
    if not isinstance(block, Line):
        return None
    text = block.text.strip()
    if not (block.after_blank or i == 0 or above):
        return None  # the middle of a paragraph
    if len(text) > _SHORT_LINE or _TOC.search(text) or _NUMBERED.match(text):
        return None
    after = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
    ente = _ente_line(text, after.text.strip() if isinstance(after, Line) else "", profile)
    title = _title_line(text, profile)
    return (ente, title) if ente or title else None


def any_cover_line(doc: Document, profile: Profile, after: int) -> bool:
    """Whether a cover may start past block ``after`` (a cheap first look: a cover's first line opens a
    paragraph, and no heading is read)."""
    return any(_cover_line(doc, i, profile, False) for i in range(after + 1, len(doc.blocks)))


def find_covers(doc: Document, profile: Profile, headed: set[int], untitled: set[int]) -> list[Cover]:
    """The document's covers. ``headed``: blocks holding objective headings (a cover ends before
    them); ``untitled``: heading lines whose title is on the next line ("OBIETTIVO OPERATIVO 3.1.4"
    over "MONITORAGGIO E COORDINAMENTO ...", an objective's title and no cover)."""
    groups: list[list[tuple[int, str | None, str | None]]] = []
    line, last = 0, -_COVER_GAP - 1  # text lines so far (a table counts its rows); the last cover line
    for i, block in enumerate(doc.blocks):
        line += len(block.rows) if isinstance(block, Table) else 1
        if i in headed:
            last = -_COVER_GAP - 1
        above = bool(groups) and groups[-1][-1][0] == i - 1
        found = None if i - 1 in untitled else _cover_line(doc, i, profile, above)
        if found is None:
            continue
        if groups and line - last <= _COVER_GAP:
            groups[-1].append((i, *found))
        else:
            groups.append([(i, *found)])
        last = line
    covers = [Cover(g[0][0], next((e for _, e, _ in g if e), None), next((t for *_, t in g if t), None),
                    tuple(" ".join(doc.blocks[i].text.casefold().split()) for i, _, _ in g)) for g in groups]
    return [c for c in covers if sum(o.key == c.key for o in covers) < _RUNNING_HEADER]
