"""Several reports in one document, found from the document's own signals (no composite profile).

A merged document (the reports of several former chambers, a chamber's Relazione followed by its
PIRA tables) read as one would give one report holding every chamber's objectives. It is cut at the
covers (:mod:`relazione.extract.report_covers`) that start a report: objectives follow the cover, and

- it names another chamber than the report before it, or
- its title is followed by objective codes beginning again: the first coded heading after it is one
  already seen, at the top level ("Area Strategica 2024_01", "Missione 011" again). Codes restated
  deeper in a report (a closing list of operational objectives) begin nothing. A title alone is not
  enough: "Monitoraggio ..." and "Rendicontazione ..." also title objectives and chapters.

A chamber named again on a cover without a title (a running header, "EX CCIAA PV" over a table)
starts nothing. A leading part with no objectives (the merged chamber's own cover and introduction)
belongs to no report. With fewer than two reports the document is left whole: a single report reads
exactly as it did.
"""

from __future__ import annotations

from dataclasses import replace

from relazione.extract.generic.headings import find_heading
from relazione.extract.profiles import Profile
from relazione.extract.report_covers import Cover, any_cover_line, find_covers, same_ente
from relazione.extract.report_meta import ente_in, head_text
from relazione.readers.blocks import Document, Table
from relazione.records.model import LEVELS

Heading = tuple[str, str | None]  # (level, code)
_OPENING_LINES = 12  # a part's cover and the lines right under it


def _headings(doc: Document, profile: Profile) -> tuple[list[list[Heading]], set[int]]:
    """The objective headings of each block, as the generic engine recognises them out of context,
    and the lines that are headings awaiting their title on the next line."""
    found: list[list[Heading]] = []
    untitled: set[int] = set()
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            matches = [find_heading(" ".join(c for c in row.texts if c), profile, (None, None), in_row=True,
                                    cells=row.texts)[0] for row in block.rows]
        else:
            matches = [find_heading(block.text, profile, (None, None), in_row=False)[0]]
            if matches[0] is not None and not matches[0].title:
                untitled.add(i)
        found.append([(m.level, m.code) for m in matches if m is not None])
    return found, untitled


class _Seen:
    """The coded headings before a point of the document, gathered once as the walk moves on."""

    def __init__(self, heads: list[list[Heading]]) -> None:
        self.heads, self.upto, self.codes, self.top = heads, 0, set[Heading](), len(LEVELS)

    def restarts(self, start: int, after: list[Heading]) -> bool:
        for block in self.heads[self.upto:start]:
            self.codes.update(h for h in block if h[1])
            self.top = min([self.top, *(LEVELS.index(level) for level, _ in block)])
        self.upto = max(self.upto, start)
        first = next((h for h in after if h[1]), None)
        return first is not None and first in self.codes and LEVELS.index(first[0]) == self.top


def _merge(pending: Cover | None, cover: Cover) -> Cover:
    """A cover whose lines lie apart ("Camera di Commercio di X", a page of prose, the title) is one,
    unless the two name different chambers."""
    if pending is None or (pending.ente and cover.ente and pending.ente != cover.ente):
        return cover
    return replace(cover, start=pending.start, ente=cover.ente or pending.ente, title=cover.title or pending.title)


def report_starts(doc: Document, profile: Profile) -> list[int]:
    """Indices of the blocks where a report starts (a leading part without objectives left out)."""
    if not any_cover_line(doc, profile, 0):
        return [0]  # no cover inside the document: spare a large one the reading of every heading
    heads, untitled = _headings(doc, profile)
    covers = find_covers(doc, profile, {i for i, h in enumerate(heads) if h}, untitled)
    ends = [c.start for c in covers[1:]] + [len(doc.blocks)]
    starts, ente, pending, seen = [0], None, None, _Seen(heads)
    for found, end in zip(covers, ends, strict=False):
        cover, pending = _merge(pending, found), None
        after = [h for b in range(cover.start, end) for h in heads[b]]
        if not after:
            pending = cover  # nothing of its own yet: the top of the next cover, perhaps
            continue
        new = (cover.ente and not same_ente(cover.ente, ente)) \
            or (cover.title and seen.restarts(cover.start, after))
        if new and cover.start > starts[-1]:
            starts.append(cover.start)
        ente = cover.ente or ente
    return [s for s, e in zip(starts, starts[1:] + [len(doc.blocks)], strict=True)
            if s > 0 or any(heads[b] for b in range(s, e))]


def split_reports(doc: Document, profile: Profile) -> list[Document]:
    """The document cut into its reports, each a Document with that report's blocks; the document
    itself when it holds one report."""
    starts = report_starts(doc, profile)
    if len(starts) < 2:
        return [doc]
    bounds = starts[1:] + [len(doc.blocks)]
    return [replace(doc, blocks=doc.blocks[s:e]) for s, e in zip(starts, bounds, strict=True)]


def part_ente(part: Document, profile: Profile) -> str | None:
    """The chamber a report after the first names in its opening lines ("Addendum ... della ex Camera
    di Commercio di X"); None when they name none: an annex (a PIRA after its Relazione) belongs to the
    chamber before it, whatever chamber its tables mention further down."""
    return ente_in(head_text(part, _OPENING_LINES), profile)
