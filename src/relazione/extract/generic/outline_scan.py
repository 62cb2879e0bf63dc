"""The outline pre-pass's reading of a document: numbered lines, styled lines, objective evidence.

One walk over the blocks (lines and table rows) records, in document order, what
:mod:`relazione.extract.generic.outline`
decides on: lines that start with a code ("1.2 Titolo", "I.1)", a code cell then a title cell), lines set
as headings (a Word heading style, a larger or bold font), where the evidence of objectives sits (an
indicator table's header, an objective's weight, a key-value indicator sheet), and the headings the
profile's level words read (their codes anchor the numbers that extend them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex as re

from relazione.extract.generic import tables as gt
from relazione.extract.generic.headings import find_heading, section_of
from relazione.extract.generic.labels import label_field
from relazione.extract.profiles import HeadingRule, Profile
from relazione.extract.tables import header_field
from relazione.readers.blocks import Cell, Document, Line, Row

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
_VALUE_OR_DATE = re.compile(r"^(?:gg|giorni|mesi|anni|%|euro|€|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|"
                            r"agosto|settembre|ottobre|novembre|dicembre)\b", re.IGNORECASE)
_EVIDENCE_LABELS = ("weight", "score", "status")

Key = int | tuple[int, int]  # a Line's block index, or (table block index, row index)


@dataclass(frozen=True, slots=True)
class Candidate:
    key: Key
    position: int  # order in the document, for scopes
    depth: int  # parts of the code, or the rank of the heading's style
    code: str | None
    title: str
    mark: str = ""  # what follows the number: "." in "1. Premessa", ")" in "1) Competitività"

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(_CODE_PARTS.split(self.code or ""))


def code_segments(code: str) -> tuple[str, ...]:
    return tuple(_CODE_PARTS.split(code))


def numbered_candidate(key: Key, position: int, code: str, title: str, text: str) -> Candidate:
    after = text.lstrip(" \t#*_>•")[len(code):].lstrip(" ")
    mark = after[:1] if after[:1] in ".)-–:" else ""
    return Candidate(key, position, len(_CODE_PARTS.split(code)), code, title, mark)


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


@dataclass(slots=True)
class Scan:
    """What the pre-pass saw, in document order (positions count lines and table rows)."""

    numbered: list[Candidate] = field(default_factory=list)
    styled: list[tuple[Key, int, tuple[float, ...], str]] = field(default_factory=list)  # key, position, style
    evidence: list[int] = field(default_factory=list)  # indicator headers, weights, sheets (see scan_document)
    keyword_headings: list[int] = field(default_factory=list)  # headings the profile's level words read
    anchors: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)  # code parts -> level, where


def scan_document(doc: Document, profile: Profile) -> Scan:
    """Numbered candidates, styled candidates (a Word heading style or a larger or bold font, no number),
    the positions holding objective evidence, and the headings the keyword rules read (the evidence after
    one of those is its own; their codes anchor the numbers that extend them).

    Evidence counts only in a candidate's part of the document, which starts at the candidate: table rows
    before the first candidate are not tried for it (in a document whose headings all carry level words,
    none is). Lines are, as a line of evidence is no styled candidate."""
    scan = Scan()
    body_size = doc.body_font_size()
    position = 0
    for b, block in enumerate(doc.blocks):
        rows = [(b, Row([Cell(block.text, block.prov)], block.prov))] if isinstance(block, Line) \
            else [((b, r), row) for r, row in enumerate(block.rows)]
        previous: Row | None = None
        for key, row in rows:
            position += 1
            starts_table = key == b or key[1] < 2 or row.after_blank  # type: ignore[index]
            evidence_counts = isinstance(block, Line) or bool(scan.numbered or scan.styled)
            kind, found = _classify(row, previous, starts_table, profile, evidence_counts)
            if kind == "numbered":
                first = next(c.text for c in row.cells if c.text)
                scan.numbered.append(numbered_candidate(key, position, *found, first))  # type: ignore[misc]
            elif kind == "keyword":
                scan.keyword_headings.append(position)
                level, code = found  # type: ignore[misc]
                if code:
                    scan.anchors.setdefault(code_segments(code), (level, position))
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


def _classify(row: Row, previous: Row | None, starts_table: bool, profile: Profile,
              evidence_counts: bool) -> tuple[str, tuple[str, str] | None]:
    """("numbered", (code, title)), ("keyword", (level, code)), ("evidence", None) or ("", None); a row is
    tried as evidence only when ``evidence_counts``."""
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
    if evidence_counts and (_is_evidence_text(filled[0], profile)
                            or (starts_table and _is_header(row, previous, profile))):
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


