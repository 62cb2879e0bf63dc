"""Headings without level words: the document's own numbering ("1.", "1.1", "1.1.1") read as a tree.

Many chambers number their objectives and never write "Area strategica" or "Obiettivo operativo". A
numbered line is then an objective only when the document says so with structure, not words:

- its number is a code ("1", "1.2", "1.2.3", "A.1", "II.3", "A1-S2"), followed by a title that starts
  with a letter, on a line (or in a row: a code cell then a title cell);
- its part of the document (up to the next number of the same or a shallower depth) holds what
  objectives hold: an indicator table, an objective's weight, a key-value indicator sheet;
- the depth of its number gives its level: the three deepest depths that hold such evidence are area,
  strategic and operational; shallower numbers are the document's chapters ("3. Gli obiettivi").
  With two depths, a top number with indicators of its own is a strategic objective (its children
  operational), otherwise an area. A lone top number among chapters with no evidence is a chapter.

:func:`plan_outline` runs once before the engine's walk and returns which blocks (or table rows) are
such headings; lines the profile's keyword rules read already are left to them. What it reads the
document from is :mod:`relazione.extract.generic.outline_scan`'s.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from itertools import accumulate

import regex as re

from relazione.extract.generic.outline_scan import Candidate, Key, Scan, scan_document
from relazione.extract.headings import HeadingMatch
from relazione.extract.profiles import Profile
from relazione.readers.blocks import Document
from relazione.records.model import LEVELS

# how sure a heading read from structure alone is (a keyword heading scores its fuzzy similarity): a code's
# numbering and the evidence under it agree more than a style does
_NUMBERED_SIMILARITY = 80.0
_STYLED_SIMILARITY = 70.0
_KEYWORD_HEADINGS_FOR_WORDS = 3  # this many level-word headings: the document names its levels in words

def plan_outline(doc: Document, profile: Profile) -> dict[Key, HeadingMatch]:
    """The headings without level words the document's structure confirms, by block (or row) key:
    its numbering when it has one, else the style and font of its headings."""
    return outline_and_parents(doc, profile)[0]


def outline_and_parents(doc: Document, profile: Profile) -> tuple[dict[Key, HeadingMatch], frozenset[tuple[str, ...]]]:
    """:func:`plan_outline`, and the codes (as parts) that deeper headings with level words continue
    ("011" for "011-005"): codes of parents, read in the same pass."""
    scan = scan_document(doc, profile)
    plan = _plan(scan.numbered, scan, by_code=True)
    if not plan and _styles_decide(scan):
        plan = _plan(_ranked(scan.styled), scan, by_code=False)
    parents = frozenset(parts[:cut] for parts in scan.anchors for cut in range(1, len(parts)))
    return plan, parents


def _styles_decide(scan: Scan) -> bool:
    """Styles and fonts give the tree only to a document that names no level: where level words head
    the objectives ("OS 1.1" over a bold title line), a bold line is a title, not a heading of its own."""
    return bool(scan.styled) and len(scan.keyword_headings) < _KEYWORD_HEADINGS_FOR_WORDS


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One candidate of the pre-pass and its fate, for ``relazione explain``: its level when kept, else
    why not: "no_evidence" (no indicator table, weight or sheet in its part of the document), "flat_list"
    (numbers that form no tree), "chapter" (a depth above the objectives'), "one_depth" (one depth
    only: a list), "numbering_first" (a styled heading in a document whose numbering decides)."""

    key: Key
    position: int
    code: str | None
    title: str
    depth: int
    by_code: bool  # numbered, else styled
    evidence: bool  # its part of the document (or a descendant's) holds objective evidence
    level: str | None
    reason: str


def explain_outline(doc: Document, profile: Profile) -> list[OutlineEntry]:
    """Every numbered and styled candidate in document order, kept or rejected, with the reason."""
    scan = scan_document(doc, profile)
    entries = _entries(scan.numbered, scan, by_code=True)
    by_style = _entries(_ranked(scan.styled), scan, by_code=False) if _styles_decide(scan) else []
    if any(e.level for e in entries):
        by_style = [replace(e, level=None, reason="numbering_first") for e in by_style]
    return sorted(entries + by_style, key=lambda e: e.position)


def _plan(candidates: list[Candidate], scan: Scan, by_code: bool) -> dict[Key, HeadingMatch]:
    similarity = _NUMBERED_SIMILARITY if by_code else _STYLED_SIMILARITY
    return {e.key: HeadingMatch(e.level, e.code, e.title, similarity)
            for e in _entries(candidates, scan, by_code) if e.level}


def _entries(candidates: list[Candidate], scan: Scan, by_code: bool) -> list[OutlineEntry]:
    with_evidence = _with_evidence(candidates, scan.evidence, scan.keyword_headings)
    kept = _in_tree(with_evidence, scan.anchors) if by_code else _below_titles(with_evidence)
    levels = _levels_by_anchors(kept, scan.anchors) if by_code else {}
    levels = levels or _levels_by_depth(kept, candidates, scan.evidence)
    has_evidence, in_tree = {c.position for c in with_evidence}, {c.position for c in kept}
    chapters = {c.depth for c in kept if _is_chapter_depth(c.depth, kept, candidates)}

    def reason(c: Candidate) -> str:
        if c.position not in has_evidence:
            return "no_evidence"
        if c.position not in in_tree:
            return "flat_list"
        return "" if c.depth in levels else "chapter" if levels or c.depth in chapters else "one_depth"

    return [OutlineEntry(c.key, c.position, c.code, c.title, c.depth, by_code, c.position in has_evidence,
                         levels.get(c.depth) if c.position in in_tree else None, reason(c)) for c in candidates]


def _ranked(styled: list[tuple[Key, int, tuple[float, ...], str]]) -> list[Candidate]:
    """Styled headings with their style's rank as depth: Heading 1 above Heading 2, larger fonts above
    smaller ones, bold above plain at one size."""
    ranks = {style: rank for rank, style in enumerate(sorted({s for _, _, s, _ in styled}), start=1)}
    return [Candidate(key, position, ranks[style], None, title) for key, position, style, title in styled]


def _with_evidence(candidates: list[Candidate], evidence: list[int], keyword_headings: list[int]) -> list[Candidate]:
    """Candidates whose part of the document (their own text, or a descendant's) holds objective
    evidence. A candidate's own text ends at the next candidate or keyword heading: under "3.2 Gli
    obiettivi operativi" the tables belong to the "Obiettivo operativo 1.1.1" headings below it."""
    counts = [0, *accumulate(1 for _ in evidence)]

    def evidence_between(start: int, end: int) -> int:
        return counts[bisect_left(evidence, end)] - counts[bisect_left(evidence, start)]

    own = []
    for i, c in enumerate(candidates):
        end = candidates[i + 1].position if i + 1 < len(candidates) else 10**12
        k = bisect_left(keyword_headings, c.position)
        if k < len(keyword_headings):
            end = min(end, keyword_headings[k])
        own.append(evidence_between(c.position, end) > 0)
    has_evidence = [False] * len(candidates)
    open_chain: list[int] = []  # the candidate being read and its ancestors
    for i, c in enumerate(candidates):
        while open_chain and candidates[open_chain[-1]].depth >= c.depth:
            open_chain.pop()
        open_chain.append(i)
        if own[i]:
            for a in open_chain:
                has_evidence[a] = True
    return [c for c, ok in zip(candidates, has_evidence, strict=True) if ok]


def _anchor(c: Candidate, anchors: dict[tuple[str, ...], tuple[str, int]], cut: int) -> str | None:
    """The level of the keyword heading whose code the candidate's first ``cut`` parts are, when that
    heading comes before it (a parent precedes its children)."""
    found = anchors.get(c.segments[:cut])
    return found[0] if found is not None and found[1] < c.position else None


def _levels_by_anchors(kept: list[Candidate], anchors: dict[tuple[str, ...], tuple[str, int]]) -> dict[int, str]:
    """Depth -> level from the keyword headings the numbers extend: under "Obiettivo strategico 1.1",
    "1.1.1 Titolo" is one level further down."""
    votes: dict[int, Counter[str]] = {}
    for c in kept:
        for cut in range(c.depth - 1, 0, -1):
            level = _anchor(c, anchors, cut)
            if level is not None:
                index = LEVELS.index(level) + c.depth - cut
                if index < len(LEVELS):
                    votes.setdefault(c.depth, Counter())[LEVELS[index]] += 1
                break
    return {depth: counter.most_common(1)[0][0] for depth, counter in votes.items()}


def _in_tree(kept: list[Candidate], anchors: dict[tuple[str, ...], tuple[str, int]]) -> list[Candidate]:
    """Numbers that form a tree: a deeper number under a kept number of the depth above whose code it
    extends ("1.2" under "1", "1.2.3" under "1.2"), and the top numbers that have such children. A flat
    list ("1. ..., 2. ...") is no outline of objectives: lists of anything are numbered so."""
    by_segments = {c.segments for c in kept}
    nested = {c.position for c in kept
              if c.depth > 1 and (c.segments[:-1] in by_segments or _anchor(c, anchors, c.depth - 1))}
    parents = {c.segments[:-1] for c in kept if c.position in nested}
    return [c for c in kept if c.position in nested or c.segments in parents]


def _below_titles(kept: list[Candidate]) -> list[Candidate]:
    """Styled headings under the document's own titles: the largest fonts that appear once ("Camera di
    Commercio di X", the report's title) enclose everything, and are no area."""
    while kept:
        top = min(c.depth for c in kept)
        at_top = [c for c in kept if c.depth == top]
        if len(at_top) > 1 or len({c.depth for c in kept}) <= 2:
            return kept
        kept = [c for c in kept if c.depth != top]
    return kept


def _levels_by_depth(kept: list[Candidate], candidates: list[Candidate], evidence: list[int]) -> dict[int, str]:
    depths = sorted({c.depth for c in kept})
    depths = [d for d in depths if not _is_chapter_depth(d, kept, candidates)]
    if len(depths) >= len(LEVELS):
        return dict(zip(depths[-len(LEVELS):], LEVELS, strict=True))
    if len(depths) < 2:
        return {}  # one depth under the chapters: a numbered list, not a tree of objectives
    top = "strategic" if _top_has_own_evidence(depths[0], kept, evidence) else "area"
    return {depths[0]: top, depths[1]: LEVELS[LEVELS.index(top) + 1]}


def _is_chapter_depth(depth: int, kept: list[Candidate], candidates: list[Candidate]) -> bool:
    """A depth holding one kept number among siblings with no evidence ("1. Premessa", "2. Contesto",
    "3. Gli obiettivi") numbers the document's chapters, not its objectives."""
    at_depth = [c for c in kept if c.depth == depth]
    if len(at_depth) != 1 or depth == max(c.depth for c in kept):
        return False
    one = at_depth[0]
    siblings = [c for c in candidates if c.depth == depth and c.segments[:-1] == one.segments[:-1]
                and _numbering_style(c.segments[-1]) == _numbering_style(one.segments[-1]) and c.mark == one.mark]
    return len(siblings) > 1


def _numbering_style(segment: str) -> str:
    """ "3" and "4" number alike, "I" and "A" otherwise: chapters "1., 2." are no siblings of an area "I"
    (nor, by their mark, of an area "1)")."""
    if segment.isdigit():
        return "digits"
    if re.fullmatch(r"[IVX]+", segment):
        return "roman"
    return "upper" if segment.isupper() else "lower"


def _top_has_own_evidence(depth: int, kept: list[Candidate], evidence: list[int]) -> bool:
    """Does a number of this depth hold evidence before its first child (an indicator table of its own)?"""
    ordered = sorted(kept, key=lambda c: c.position)
    for i, c in enumerate(ordered):
        if c.depth != depth:
            continue
        nxt = ordered[i + 1].position if i + 1 < len(ordered) else 10**12
        j = bisect_left(evidence, c.position)
        if j < len(evidence) and evidence[j] < nxt:
            return True
    return False
