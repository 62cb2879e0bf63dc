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
such headings; lines the profile's keyword rules read already are left to them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import accumulate

import regex as re

from . import generic_tables as gt
from .blocks import Cell, Document, Line, Row
from .generic_headings import find_heading, section_of
from .generic_labels import label_field
from .headings import HeadingMatch
from .profiles import HeadingRule, Profile
from .records import LEVELS
from .tables import header_field

# a numbering code: segments of 1-2 digits, a capital letter (optionally with digits), or a Roman numeral
_SEGMENT = r"(?:\d{1,3}|[A-Z]\d{0,2}|[IVX]{1,5}|[a-z])"
_CODE = rf"(?P<code>{_SEGMENT}(?:[.\-_]{_SEGMENT})*)"
_NUMBERED = re.compile(
    rf"^[\s#*_>•]*{_CODE}(?P<sep>[.)]?\s*[-–—:]?\s+|[.)]\s*)(?P<title>[\p{{L}}«\"'“(].{{2,}})$")
_CODE_PARTS = re.compile(r"[.\-_]")
_CODE_CELL = re.compile(rf"{_CODE}[.)]?")
_CODE_ALONE = re.compile(rf"[\s#*_>•]*{_CODE}[.)]?\s*")
_DIGITS_ONLY_TOP = re.compile(r"^\d{1,3}$")
_KEY_VALUE_INDICATOR = re.compile(r"^\W*(?:indicatore|kpi)\b[^:|\t]{0,16}(?:[:|\t]|$)", re.IGNORECASE)
_MAX_TITLE_CHARS = 250
# how sure a heading read from structure alone is (a keyword heading scores its fuzzy similarity): a code's
# numbering and the evidence under it agree more than a style does
_NUMBERED_SIMILARITY = 80.0
_STYLED_SIMILARITY = 70.0
_KEYWORD_HEADINGS_FOR_WORDS = 3  # this many level-word headings: the document names its levels in words
_VALUE_OR_DATE = re.compile(r"^(?:gg|giorni|mesi|anni|%|euro|€|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|"
                            r"agosto|settembre|ottobre|novembre|dicembre)\b", re.IGNORECASE)
_EVIDENCE_LABELS = ("weight", "score", "status")

Key = int | tuple[int, int]  # a Line's block index, or (table block index, row index)


@dataclass(frozen=True, slots=True)
class _Candidate:
    key: Key
    position: int  # order in the document, for scopes
    depth: int  # parts of the code, or the rank of the heading's style
    code: str | None
    title: str
    mark: str = ""  # what follows the number: "." in "1. Premessa", ")" in "1) Competitività"

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(_CODE_PARTS.split(self.code or ""))


def _segments(code: str) -> tuple[str, ...]:
    return tuple(_CODE_PARTS.split(code))


def _numbered_candidate(key: Key, position: int, code: str, title: str, text: str) -> _Candidate:
    after = text.lstrip(" \t#*_>•")[len(code):].lstrip(" ")
    mark = after[:1] if after[:1] in ".)-–:" else ""
    return _Candidate(key, position, len(_CODE_PARTS.split(code)), code, title, mark)


def numbered(text: str) -> tuple[str, str] | None:
    """(code, title) of a numbered heading-like line, or None. A bare single letter or Roman numeral
    needs a separator ("A. Titolo", "II) Titolo"): "A seguito di" is prose."""
    m = _NUMBERED.match(text)
    if m is None or len(text) > _MAX_TITLE_CHARS + 20:
        return None
    code, sep, title = m.group("code"), m.group("sep"), m.group("title").strip(" *_#")
    if len(code) <= 5 and not _DIGITS_ONLY_TOP.match(code) and "." not in code and not sep.strip():
        return None  # "A seguito", "I dati": a word, not a code
    if code[0].islower() or title.endswith((";", ",")) or len(title) > _MAX_TITLE_CHARS:
        return None
    if code.isdigit() and len(code) <= 2 and _VALUE_OR_DATE.match(title):
        return None  # "30 giorni", "8 ottobre": a value or a date, not a heading
    return code, title


def plan_outline(doc: Document, profile: Profile) -> dict[Key, HeadingMatch]:
    """The headings without level words the document's structure confirms, by block (or row) key:
    its numbering when it has one, else the style and font of its headings."""
    scan = _scan(doc, profile)
    plan = _plan(scan.numbered, scan, by_code=True)
    if not plan and _styles_decide(scan):
        plan = _plan(_ranked(scan.styled), scan, by_code=False)
    return plan


def _styles_decide(scan: _Scan) -> bool:
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
    scan = _scan(doc, profile)
    entries = _entries(scan.numbered, scan, by_code=True)
    by_style = _entries(_ranked(scan.styled), scan, by_code=False) if _styles_decide(scan) else []
    if any(e.level for e in entries):
        by_style = [replace(e, level=None, reason="numbering_first") for e in by_style]
    return sorted(entries + by_style, key=lambda e: e.position)


def _plan(candidates: list[_Candidate], scan: _Scan, by_code: bool) -> dict[Key, HeadingMatch]:
    similarity = _NUMBERED_SIMILARITY if by_code else _STYLED_SIMILARITY
    return {e.key: HeadingMatch(e.level, e.code, e.title, similarity)
            for e in _entries(candidates, scan, by_code) if e.level}


def _entries(candidates: list[_Candidate], scan: _Scan, by_code: bool) -> list[OutlineEntry]:
    with_evidence = _with_evidence(candidates, scan.evidence, scan.keyword_headings)
    kept = _in_tree(with_evidence, scan.anchors) if by_code else _below_titles(with_evidence)
    levels = _levels_by_anchors(kept, scan.anchors) if by_code else {}
    levels = levels or _levels_by_depth(kept, candidates, scan.evidence)
    has_evidence, in_tree = {c.position for c in with_evidence}, {c.position for c in kept}
    chapters = {c.depth for c in kept if _is_chapter_depth(c.depth, kept, candidates)}

    def reason(c: _Candidate) -> str:
        if c.position not in has_evidence:
            return "no_evidence"
        if c.position not in in_tree:
            return "flat_list"
        return "" if c.depth in levels else "chapter" if levels or c.depth in chapters else "one_depth"

    return [OutlineEntry(c.key, c.position, c.code, c.title, c.depth, by_code, c.position in has_evidence,
                         levels.get(c.depth) if c.position in in_tree else None, reason(c)) for c in candidates]


def _ranked(styled: list[tuple[Key, int, tuple[float, ...], str]]) -> list[_Candidate]:
    """Styled headings with their style's rank as depth: Heading 1 above Heading 2, larger fonts above
    smaller ones, bold above plain at one size."""
    ranks = {style: rank for rank, style in enumerate(sorted({s for _, _, s, _ in styled}), start=1)}
    return [_Candidate(key, position, ranks[style], None, title) for key, position, style, title in styled]


@dataclass(slots=True)
class _Scan:
    """What the pre-pass saw, in document order (positions count lines and table rows)."""

    numbered: list[_Candidate] = field(default_factory=list)
    styled: list[tuple[Key, int, tuple[float, ...], str]] = field(default_factory=list)  # key, position, style
    evidence: list[int] = field(default_factory=list)  # indicator headers, weights, indicator sheets
    keyword_headings: list[int] = field(default_factory=list)  # headings the profile's level words read
    anchors: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)  # code parts -> level, where


def _scan(doc: Document, profile: Profile) -> _Scan:
    """Numbered candidates, styled candidates (a Word heading style or a larger or bold font, no number),
    the positions holding objective evidence, and the headings the keyword rules read (the evidence after
    one of those is its own; their codes anchor the numbers that extend them)."""
    scan = _Scan()
    body_size = doc.body_font_size()
    position = 0
    for b, block in enumerate(doc.blocks):
        rows = [(b, Row([Cell(block.text, block.prov)], block.prov))] if isinstance(block, Line) \
            else [((b, r), row) for r, row in enumerate(block.rows)]
        previous: Row | None = None
        for key, row in rows:
            position += 1
            starts_table = key == b or key[1] < 2 or row.after_blank  # type: ignore[index]
            kind, found = _classify(row, previous, starts_table, profile)
            if kind == "numbered":
                first = next(c.text for c in row.cells if c.text)
                scan.numbered.append(_numbered_candidate(key, position, *found, first))  # type: ignore[misc]
            elif kind == "keyword":
                scan.keyword_headings.append(position)
                level, code = found  # type: ignore[misc]
                if code:
                    scan.anchors.setdefault(_segments(code), (level, position))
            elif kind == "evidence":
                scan.evidence.append(position)
            elif isinstance(block, Line):
                style = _heading_style(block, body_size, profile)
                if style is not None:
                    scan.styled.append((key, position, style, block.text.strip(" *_#")))
            previous = row
    return scan


def _heading_style(line: Line, body_size: float | None, profile: Profile) -> tuple[float, ...] | None:
    """A sort key for a line set as a heading (lower is higher in the tree), or None for body text."""
    text = line.text.strip(" *_#")
    if not text or len(text) > _MAX_TITLE_CHARS or text.endswith((".", ":", ";", ",")) or not text[0].isalpha():
        return None
    if label_field(text, profile) or header_field(text, profile.columns)[1] >= 90:
        return None  # "Indicatori", "Peso 30%": a label over a table, not a heading
    size, bold = line.font_size, line.bold
    if line.style_level is not None:
        return (float(line.style_level), 0.0, 0.0)
    if size and body_size and (size >= body_size + 1 or (bold and size >= body_size - 0.5 and len(text) <= 150)):
        return (10.0, -size, 0.0 if bold else 1.0)
    return None


@cache
def _keyword_start(rules: tuple[HeadingRule, ...]) -> re.Pattern[str]:
    """A cheap test before the fuzzy one: does the text start (after a number or marks) with one of
    the profile's level words? Checking every line fuzzily would double the engine's time."""
    words = sorted({k for rule in rules for k in rule.keywords}, key=len, reverse=True)
    alternation = "|".join(r"\s*".join(map(re.escape, w.split())) for w in words) or "(?!)"
    return re.compile(rf"^[\W\d_]{{0,12}}(?:{alternation})(?![\p{{Ll}}])", re.IGNORECASE)


def _classify(row: Row, previous: Row | None, starts_table: bool,
              profile: Profile) -> tuple[str, tuple[str, str] | None]:
    """("numbered", (code, title)), ("keyword", None), ("evidence", None) or ("", None)."""
    filled = [c.text for c in row.filled()]
    if not filled:
        return "", None
    joined = " ".join(filled)
    if len(filled) <= 3 and _keyword_start(profile.headings).match(joined):
        match = find_heading(joined, profile, (None, None), in_row=len(filled) > 1, cells=row.texts)[0]
        if match is not None:
            return "keyword", (match.level, match.code or "")
    found = _candidate(filled, profile)
    if found:
        return "numbered", found
    if _is_evidence_text(filled[0], profile) or (starts_table and _is_header(row, previous, profile)):
        return "evidence", None
    return "", None


def _candidate(filled: list[str], profile: Profile) -> tuple[str, str] | None:
    """ "1.2 Titolo" alone on a line or in a row, or "1.2 | Titolo [| 30%]": a code in a cell of its own.
    A code alone ("I.1)") is a candidate with an empty title: the engine reads the title on the next lines."""
    if len(filled) == 1:
        if _CODE_ALONE.fullmatch(filled[0]):
            return _CODE_ALONE.fullmatch(filled[0]).group("code"), ""
        return None if section_of(filled[0]) else numbered(filled[0])
    if len(filled) > 3 or not _CODE_CELL.fullmatch(filled[0]) or label_field(filled[1], profile):
        return None
    return numbered(f"{filled[0].rstrip('.)')}. {filled[1]}")


def _is_header(row: Row, previous: Row | None, profile: Profile) -> bool:
    """An indicator table's header. Only a table's first rows are tried: headers open tables, and
    trying every row would cost as much as the engine's own walk."""
    if not profile.columns or len(row.filled()) < 2:
        return False
    return gt.header_of(row, previous, profile.columns) is not None


def _is_evidence_text(text: str, profile: Profile) -> bool:
    return label_field(text, profile) in _EVIDENCE_LABELS or bool(_KEY_VALUE_INDICATOR.match(text))


def _with_evidence(candidates: list[_Candidate], evidence: list[int], keyword_headings: list[int]) -> list[_Candidate]:
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


def _anchor(c: _Candidate, anchors: dict[tuple[str, ...], tuple[str, int]], cut: int) -> str | None:
    """The level of the keyword heading whose code the candidate's first ``cut`` parts are, when that
    heading comes before it (a parent precedes its children)."""
    found = anchors.get(c.segments[:cut])
    return found[0] if found is not None and found[1] < c.position else None


def _levels_by_anchors(kept: list[_Candidate], anchors: dict[tuple[str, ...], tuple[str, int]]) -> dict[int, str]:
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


def _in_tree(kept: list[_Candidate], anchors: dict[tuple[str, ...], tuple[str, int]]) -> list[_Candidate]:
    """Numbers that form a tree: a deeper number under a kept number of the depth above whose code it
    extends ("1.2" under "1", "1.2.3" under "1.2"), and the top numbers that have such children. A flat
    list ("1. ..., 2. ...") is no outline of objectives: lists of anything are numbered so."""
    by_segments = {c.segments for c in kept}
    nested = {c.position for c in kept
              if c.depth > 1 and (c.segments[:-1] in by_segments or _anchor(c, anchors, c.depth - 1))}
    parents = {c.segments[:-1] for c in kept if c.position in nested}
    return [c for c in kept if c.position in nested or c.segments in parents]


def _below_titles(kept: list[_Candidate]) -> list[_Candidate]:
    """Styled headings under the document's own titles: the largest fonts that appear once ("Camera di
    Commercio di X", the report's title) enclose everything, and are no area."""
    while kept:
        top = min(c.depth for c in kept)
        at_top = [c for c in kept if c.depth == top]
        if len(at_top) > 1 or len({c.depth for c in kept}) <= 2:
            return kept
        kept = [c for c in kept if c.depth != top]
    return kept


def _levels_by_depth(kept: list[_Candidate], candidates: list[_Candidate], evidence: list[int]) -> dict[int, str]:
    depths = sorted({c.depth for c in kept})
    depths = [d for d in depths if not _is_chapter_depth(d, kept, candidates)]
    if len(depths) >= len(LEVELS):
        return dict(zip(depths[-len(LEVELS):], LEVELS, strict=True))
    if len(depths) < 2:
        return {}  # one depth under the chapters: a numbered list, not a tree of objectives
    top = "strategic" if _top_has_own_evidence(depths[0], kept, evidence) else "area"
    return {depths[0]: top, depths[1]: LEVELS[LEVELS.index(top) + 1]}


def _is_chapter_depth(depth: int, kept: list[_Candidate], candidates: list[_Candidate]) -> bool:
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


def _top_has_own_evidence(depth: int, kept: list[_Candidate], evidence: list[int]) -> bool:
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
