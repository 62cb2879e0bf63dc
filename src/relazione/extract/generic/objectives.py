"""The generic engine's reading state and its objectives: opening one from a heading, its title on the
next lines, the same objective named again (overview, then detail sheet), its parent by code or position,
and the sections beside the plan's tree where no objective is open."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from relazione.extract.generic import tree
from relazione.extract.generic.headings import CODE_SEPARATORS, code_shape
from relazione.extract.generic.labels import label_field, label_value
from relazione.extract.generic.outline_scan import Key, code_segments
from relazione.extract.generic.sheets import IndicatorSheet
from relazione.extract.headings import HeadingMatch, is_garbage
from relazione.extract.profile_kinds import KindRule
from relazione.extract.profiles import Profile
from relazione.extract.tables import ColumnMap, header_field
from relazione.readers.blocks import Provenance, Row, Table
from relazione.readers.clean import join_wrapped
from relazione.records.model import LEVELS, Indicator, Objective, Report, Warning_
from relazione.records.values import parse_number

_WEIGHT_IN_TITLE = re.compile(
    r"[\(\[]?\s*[-–—,;]?\s*\bpeso(?:\s+(?:dell['’]\s*)?obiettivo)?\s*[:=]?\s*(?P<w>\d+(?:[.,]\d+)?)\s*%?\s*[\)\]]?",
    re.IGNORECASE)
_TITLE_STOP_WORDS = {"INDICATORI", "INDICATORE", "DESCRIZIONE", "RISULTATI", "AZIONI", "KPI", "NOTE",
                     "INDICATORI DI PERFORMANCE", "INDICATORI DI RISULTATO", "TARGET"}


@dataclass
class State:
    report: Report
    warnings: list[Warning_] = field(default_factory=list)
    current: dict[str, Objective] = field(default_factory=dict)  # level -> open objective
    by_code: dict[tuple[str, str], Objective] = field(default_factory=dict)  # (level, code) -> objective
    by_parts: dict[tuple[str, tuple[str, ...]], Objective] = field(default_factory=dict)  # (level, split code)
    by_title: dict[tuple[str, str, str], Objective] = field(default_factory=dict)  # no code: (level, parent, title)
    codeless_siblings: dict[tuple[str, str], list[Objective]] = field(default_factory=dict)  # no code: (level, parent)
    overview: set[int] = field(default_factory=set)  # ids of objectives named by an overview row or list
    n_indicators: dict[str, int] = field(default_factory=dict)  # objective ref -> indicators so far
    last: dict[str, Indicator] = field(default_factory=dict)  # objective ref -> its last indicator
    columns: ColumnMap | None = None
    last_columns: tuple[ColumnMap, int] | None = None  # the last header and its width: headerless tables
    header_row_before: bool = False  # the previous row was the header: its second line may follow
    previous_row: Row | None = None
    header_row: Row | None = None  # the row the current columns were read from
    section: str | None = None  # level announced by a section heading ("OBIETTIVI STRATEGICI")
    section_depth: int | None = None  # parts of the section heading's own number ("3.2 Obiettivi ...": 2)
    pending_title: Objective | None = None  # heading seen, title expected on the next line(s)
    title_lines: list[str] = field(default_factory=list)
    sheet: IndicatorSheet = field(default_factory=IndicatorSheet)  # key-value indicator sheet being read
    outline: dict[Key, HeadingMatch] = field(default_factory=dict)  # numbered headings without level words
    numbered_only: set[int] = field(default_factory=set)  # ids of objectives read from their numbering alone
    parent_codes: frozenset[tuple[str, ...]] = frozenset()  # codes (as parts) deeper headings continue
    outside: bool = False  # in a section beside the plan (national indicators, individual objectives)
    named: dict[tuple[int, str], int] = field(default_factory=dict)  # (id(objective), indicator name) -> 1st table
    table_of: dict[int, int] = field(default_factory=dict)  # id(indicator) -> id(its table)
    table: Table | None = None  # the table being read, and the row: a header's columns are read from below it
    row_index: int = 0
    kind_rule: KindRule | None = None  # the report's kind arranges its objectives its own way (a PIRA)
    classes: dict[str, str] = field(default_factory=dict)  # field -> value for the objectives below (mission)
    titled: set[int] = field(default_factory=set)  # ids of objectives opened by a title row, code below

    def deepest(self) -> Objective | None:
        for level in reversed(LEVELS):
            if level in self.current:
                return self.current[level]
        return None


def names_the_untitled(state: State, match: HeadingMatch, text: str) -> bool:
    """ "Area Strategica 2024_01" then "MISSIONE 011: Competitività ...": a heading of the same level right
    under a coded heading still waiting for its title, with a code of another shape (another
    classification) that no deeper heading continues, is that title. Two siblings coded alike ("Area 2",
    "AS1: ...") stay two, and so does a heading whose code its children continue ("AS 011" over "011-005")."""
    pending = state.pending_title
    if pending is None or state.title_lines or pending.level != match.level or not pending.code \
            or not match.code or code_shape(match.code) == code_shape(pending.code) \
            or (match.level, match.code) in state.by_code or code_segments(match.code) in state.parent_codes:
        return False
    state.title_lines.append(text)
    close_title(state)
    return True


def leave_tree(state: State) -> None:
    """A section of national indicators: no objective of the plan is open until the next heading names one,
    so the tables that follow give no indicators."""
    close_title(state)
    state.sheet.end()
    state.current.clear()
    state.columns = state.last_columns = None
    state.outside = True


def take_title_line(state: State, text: str, after_blank: bool, profile: Profile) -> bool:
    """Accumulate the title of a heading whose title sits on the following line(s)."""
    rule = profile.heading(state.pending_title.level) if state.pending_title else None
    if rule is None or len(state.title_lines) >= rule.max_title_lines:
        return False
    if state.title_lines and after_blank:
        return False
    if label_field(text, profile) or _is_title_stop(text, profile) or is_garbage(text):
        return False
    state.title_lines.append(text)
    return True


def _is_title_stop(text: str, profile: Profile) -> bool:
    """ "Indicatori", "Descrizione", a table header word: the title is over."""
    words = " ".join(re.sub(r"[^\p{L}\p{N}]+", " ", text).upper().split())
    if words in _TITLE_STOP_WORDS:
        return True
    return len(words) <= 30 and header_field(text, profile.columns)[1] >= 100


def close_title(state: State) -> None:
    if state.pending_title is not None and state.title_lines:
        set_title(state.pending_title, join_wrapped(state.title_lines))
    state.pending_title = None
    state.title_lines = []


def set_title(obj: Objective, title: str) -> None:
    weight = _WEIGHT_IN_TITLE.search(title)
    if weight and weight.start() > 0:
        obj.weight = obj.weight if obj.weight is not None else parse_number(weight.group("w"))
        title = (title[: weight.start()] + title[weight.end():]).strip(" -–—:;,")
    obj.title = title.strip(" #*_-–—:;|").strip()


def open_objective(state: State, match: HeadingMatch, prov: Provenance, profile: Profile, overview: bool,
                    by_numbering: bool = False) -> None:
    close_title(state)
    state.sheet.end()
    code = match.code
    level = match.level
    existing = state.by_code.get((level, code)) if code else None
    if existing is not None:
        name_again(state, existing, match, overview and not by_numbering, by_numbering)
        return
    obj = Objective(level=level, title="", code=code, provenance=prov, confidence=round(match.similarity / 100, 2))
    obj.parent = parent_of(state, level, code)
    _classify(state, obj)
    if match.title:
        set_title(obj, match.title)
    else:
        state.pending_title = obj
    if not code and obj.title:
        # the same title under another parent is another objective (Pavia repeats operational titles);
        # under the same parent, a title written again with a typo is the same objective (unless a code given
        # since, "Codice obiettivo | E.1", says the other is one of several objectives with like titles)
        key = (level, obj.parent or "", obj.title.casefold())
        siblings = state.codeless_siblings.setdefault(key[:2], [])
        named = state.by_title.get(key) or next(
            (o for o in siblings if not o.code and tree.same_title(o.title, obj.title)), None)
        if named is None:
            named = state.by_title[key] = obj
            siblings.append(obj)
        if named is not obj:  # a heading without a code named again (overview, then detail): one record
            named.weight = named.weight if named.weight is not None else obj.weight
            reopen(state, named)
            return
    state.report.objectives.append(obj)
    if overview:
        state.overview.add(id(obj))
    if by_numbering:
        state.numbered_only.add(id(obj))
    if code:
        state.by_code[(level, code)] = obj
        state.by_parts.setdefault((level, tuple(CODE_SEPARATORS.split(code))), obj)
    reopen(state, obj)


def _classify(state: State, obj: Objective) -> None:
    """An objective at the kind's level takes the classification read above it (mission, programme)."""
    rule = state.kind_rule
    if rule is None or obj.level != rule.objective_level:
        return
    for field_name, value in state.classes.items():
        setattr(obj, field_name, value)


def code_label(state: State, text: str, cells: list[str], profile: Profile) -> bool:
    """ "Codice obiettivo | 1.1.2" under an objective named without its code (a key-value sheet): the
    objective takes the code, and its parent by the code's numbering when the code says more."""
    if label_field(text, profile) != "code":
        return False
    obj = state.deepest()
    value = label_value(text, cells, profile.labels["code"]).strip(" .")
    if obj is None or obj.code or not value or len(value) > 30 or (obj.level, value) in state.by_code:
        return True
    if any(i.objective == obj.ref for i in state.report.indicators[-20:]):
        return True  # its indicators already name it by title
    assign_code(state, obj, value)
    return True


def assign_code(state: State, obj: Objective, code: str) -> None:
    """An objective named without its code takes it, and its parent by the code's numbering."""
    obj.code = code
    state.by_code[(obj.level, code)] = obj
    state.by_parts.setdefault((obj.level, tuple(CODE_SEPARATORS.split(code))), obj)
    obj.parent = parent_of(state, obj.level, code) if obj.level != LEVELS[0] else None


def name_again(state: State, existing: Objective, match: HeadingMatch, overview: bool,
                by_numbering: bool = False) -> None:
    """The same objective named again (overview, then detail sheet): one record, and the detail
    sheet's title wins over the overview's (a table row or a bare-code list line); a title read with a
    level's word or column wins over one read from the numbering alone (a chapter "4.1 Punti di forza")."""
    reopen(state, existing)
    if existing.parent is None and existing.level != LEVELS[0]:
        existing.parent = parent_of(state, existing.level, existing.code)  # the overview came before its parents
    replace = not existing.title or (id(existing) in state.overview and not overview) or \
        (id(existing) in state.numbered_only and not by_numbering and bool(match.title))
    if not replace:
        return
    state.overview.discard(id(existing))
    state.numbered_only.discard(id(existing))
    if match.title:
        set_title(existing, match.title)
    else:
        state.pending_title = existing


def reopen(state: State, obj: Objective) -> None:
    depth = LEVELS.index(obj.level)
    for level in LEVELS[depth:]:
        state.current.pop(level, None)
    state.current[obj.level] = obj
    state.columns = None
    state.header_row_before = False


def parent_of(state: State, level: str, code: str | None) -> str | None:
    depth = LEVELS.index(level)
    if depth == 0:
        return None
    if code:
        parts = tuple(CODE_SEPARATORS.split(code))
        for cut in range(len(parts) - 1, 0, -1):
            for parent_level in reversed(LEVELS[:depth]):
                parent = state.by_parts.get((parent_level, parts[:cut]))
                if parent is not None:
                    return parent.code
    for parent_level in reversed(LEVELS[:depth]):
        if parent_level in state.current:
            return state.current[parent_level].ref
    return None
