"""The generic, profile-driven engine: headings segment the document, tables are read by headers.

It knows no document family. What it recognises comes from the profile: heading keywords and code
patterns per level, table-header synonyms per indicator field, row labels per objective field.
It walks the block stream once:

- a Line, or a table row whose joined text, matching a heading rule opens an objective (its title
  on the same line or the next lines); its parent is found by code prefix, else by position. Under a
  section heading ("OBIETTIVI STRATEGICI") a bare code ("1.1 Titolo", "1.1 | Titolo") is a heading of
  that level. An objective named again (overview table, then detail sheet) stays one record;
- a label line or row ("Peso 30%", "Valutazione obiettivo | Raggiunto") fills the current objective
  (:mod:`relazione.extract.generic.labels`);
- a table row matching the header synonyms starts an indicator table (:mod:`relazione.extract.generic.tables`);
  the rows after it become the current objective's indicators until a heading or a new header;
- key-value indicator sheets ("Indicatore | Tempo medio", "Target | 30 gg", "Consuntivo | 25 gg")
  give one indicator each, kept only when they state a weight, target or result
  (:mod:`relazione.extract.generic.sheets`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from relazione.extract.extraction import Extraction
from relazione.extract.generic import columns as infer
from relazione.extract.generic import summary, tree
from relazione.extract.generic import tables as gt
from relazione.extract.generic.columns import infer_columns
from relazione.extract.generic.headings import CODE_SEPARATORS, find_heading, infer_kind, outside_section, section_of
from relazione.extract.generic.labels import apply_label, label_field, label_value
from relazione.extract.generic.outline import plan_outline
from relazione.extract.generic.outline_scan import Key, numbered
from relazione.extract.generic.sheets import IndicatorSheet
from relazione.extract.headings import HeadingMatch, normalise_words
from relazione.extract.profiles import Profile
from relazione.extract.report_meta import head_text, report_metadata
from relazione.extract.tables import ColumnMap, header_field, map_header
from relazione.readers.blocks import Document, Line, Provenance, Row, Table
from relazione.readers.clean import join_wrapped
from relazione.records.model import LEVELS, Indicator, Objective, Report, Warning_
from relazione.records.values import parse_number

_WEIGHT_IN_TITLE = re.compile(
    r"[\(\[]?\s*[-–—,;]?\s*\bpeso(?:\s+(?:dell['’]\s*)?obiettivo)?\s*[:=]?\s*(?P<w>\d+(?:[.,]\d+)?)\s*%?\s*[\)\]]?",
    re.IGNORECASE)
_TOTAL = re.compile(r"[%=]|\d+\s*/\s*\d+")  # "% RAGGIUNGIMENTO OBIETTIVI: 200/2 = 100%": a total, no group
_PROSE_WORDS = 12  # a line of running text, not a heading or a note under a table
_ROWS_FOR_CONTENT = 40  # rows below a header whose cells name the columns its words do not
_TITLE_STOP_WORDS = {"INDICATORI", "INDICATORE", "DESCRIZIONE", "RISULTATI", "AZIONI", "KPI", "NOTE",
                     "INDICATORI DI PERFORMANCE", "INDICATORI DI RISULTATO", "TARGET"}


@dataclass
class _State:
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
    outside: bool = False  # in a section beside the plan (national indicators, individual objectives)
    named: dict[tuple[str, str], int] = field(default_factory=dict)  # (objective, indicator name) -> first table
    table_of: dict[int, int] = field(default_factory=dict)  # id(indicator) -> id(its table)
    table: Table | None = None  # the table being read, and the row: a header's columns are read from below it
    row_index: int = 0

    def deepest(self) -> Objective | None:
        for level in reversed(LEVELS):
            if level in self.current:
                return self.current[level]
        return None


def extract(doc: Document, profile: Profile) -> Extraction:
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    if report.kind is None:
        report.kind = infer_kind(report.title, head_text(doc, 80))
    state = _State(report, outline=plan_outline(doc, profile))
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Line):
            _on_line(state, block, profile, index)
        else:
            _on_table(state, block, profile, index)
    _close_title(state)
    report.indicators = summary.without_summary_tables(report, state.table_of)
    report.objectives = summary.without_empty_areas(report)
    _number_indicators(report)
    return Extraction([report], state.warnings)


# -- objectives ----------------------------------------------------------------------------------
def _on_line(state: _State, line: Line, profile: Profile, index: int) -> None:
    match, bare = find_heading(line.text, profile, (state.section, state.section_depth), in_row=False)
    by_numbering = match is None and index in state.outline
    if by_numbering:
        match = state.outline[index]
    if match and _names_the_untitled(state, match, line.text):
        return
    if match:
        state.outside = False
        _open_objective(state, match, line.prov, profile, overview=bare, by_numbering=by_numbering)
        return
    section = section_of(line.text)
    if section:
        _close_title(state)
        state.section, state.section_depth = section
        return
    if outside_section(line.text):
        _leave_tree(state)
        return
    if state.pending_title is not None and _take_title_line(state, line.text, line.after_blank, profile):
        return
    _close_title(state)
    state.section = None  # running text: the overview list under the section heading is over
    if line.style_level is not None:
        state.columns = None  # a section heading (Word heading style) ends the indicator table before it
    if _sheet_line(state, line.text, [line.text], line.prov, profile):
        return
    if _code_label(state, line.text, [line.text], profile) or \
            apply_label(state.deepest(), line.text, [line.text], line.prov, profile, state.warnings):
        return
    if len(line.text.split()) >= _PROSE_WORDS:
        state.columns = None  # running text: the table before it is over (one laid out alike continues it)


def _names_the_untitled(state: _State, match: HeadingMatch, text: str) -> bool:
    """ "Area Strategica 2024_01" then "MISSIONE 011: Competitività ...": a heading of the same level right
    under a coded heading still waiting for its title, with another code, is that title (two siblings
    never follow each other with nothing in between)."""
    pending = state.pending_title
    if pending is None or state.title_lines or pending.level != match.level or not pending.code \
            or match.code == pending.code or (match.level, match.code) in state.by_code:
        return False
    state.title_lines.append(text)
    _close_title(state)
    return True


def _leave_tree(state: _State) -> None:
    """A section of national indicators: no objective of the plan is open until the next heading names one,
    so the tables that follow give no indicators."""
    _close_title(state)
    state.sheet.end()
    state.current.clear()
    state.columns = state.last_columns = None
    state.outside = True


def _new_objective_row(state: _State, joined: str, row: Row, profile: Profile) -> bool:
    """In a section beside the plan, only a row naming an objective not read before takes the reading back
    to the plan; its rows restating the plan's objectives ("Prospettiva 1 ...") are no part of it."""
    match = find_heading(joined, profile, (None, None), in_row=True, cells=row.texts)[0]
    return match is not None and bool(match.code) and (match.level, match.code) not in state.by_code


def _take_title_line(state: _State, text: str, after_blank: bool, profile: Profile) -> bool:
    """Accumulate the title of a heading whose title sits on the following line(s)."""
    rule = profile.heading(state.pending_title.level) if state.pending_title else None
    if rule is None or len(state.title_lines) >= rule.max_title_lines:
        return False
    if state.title_lines and after_blank:
        return False
    if label_field(text, profile) or _is_title_stop(text, profile):
        return False
    state.title_lines.append(text)
    return True


def _is_title_stop(text: str, profile: Profile) -> bool:
    """ "Indicatori", "Descrizione", a table header word: the title is over."""
    words = " ".join(re.sub(r"[^\p{L}\p{N}]+", " ", text).upper().split())
    if words in _TITLE_STOP_WORDS:
        return True
    return len(words) <= 30 and header_field(text, profile.columns)[1] >= 100


def _close_title(state: _State) -> None:
    if state.pending_title is not None and state.title_lines:
        _set_title(state.pending_title, join_wrapped(state.title_lines))
    state.pending_title = None
    state.title_lines = []


def _set_title(obj: Objective, title: str) -> None:
    weight = _WEIGHT_IN_TITLE.search(title)
    if weight and weight.start() > 0:
        obj.weight = obj.weight if obj.weight is not None else parse_number(weight.group("w"))
        title = (title[: weight.start()] + title[weight.end():]).strip(" -–—:;,")
    obj.title = title.strip(" #*_-–—:;|").strip()


def _open_objective(state: _State, match: HeadingMatch, prov: Provenance, profile: Profile, overview: bool,
                    by_numbering: bool = False) -> None:
    _close_title(state)
    state.sheet.end()
    code = match.code
    level = match.level
    existing = state.by_code.get((level, code)) if code else None
    if existing is not None:
        _name_again(state, existing, match, overview and not by_numbering, by_numbering)
        return
    obj = Objective(level=level, title="", code=code, provenance=prov, confidence=round(match.similarity / 100, 2))
    obj.parent = _parent_of(state, level, code)
    if match.title:
        _set_title(obj, match.title)
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
            _reopen(state, named)
            return
    state.report.objectives.append(obj)
    if overview:
        state.overview.add(id(obj))
    if by_numbering:
        state.numbered_only.add(id(obj))
    if code:
        state.by_code[(level, code)] = obj
        state.by_parts.setdefault((level, tuple(CODE_SEPARATORS.split(code))), obj)
    _reopen(state, obj)


def _code_label(state: _State, text: str, cells: list[str], profile: Profile) -> bool:
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
    obj.code = value
    state.by_code[(obj.level, value)] = obj
    state.by_parts.setdefault((obj.level, tuple(CODE_SEPARATORS.split(value))), obj)
    obj.parent = _parent_of(state, obj.level, value) if obj.level != LEVELS[0] else None
    return True


def _name_again(state: _State, existing: Objective, match: HeadingMatch, overview: bool,
                by_numbering: bool = False) -> None:
    """The same objective named again (overview, then detail sheet): one record, and the detail
    sheet's title wins over the overview's (a table row or a bare-code list line); a title read with a
    level's word or column wins over one read from the numbering alone (a chapter "4.1 Punti di forza")."""
    _reopen(state, existing)
    if existing.parent is None and existing.level != LEVELS[0]:
        existing.parent = _parent_of(state, existing.level, existing.code)  # the overview came before its parents
    replace = not existing.title or (id(existing) in state.overview and not overview) or \
        (id(existing) in state.numbered_only and not by_numbering and bool(match.title))
    if not replace:
        return
    state.overview.discard(id(existing))
    state.numbered_only.discard(id(existing))
    if match.title:
        _set_title(existing, match.title)
    else:
        state.pending_title = existing


def _reopen(state: _State, obj: Objective) -> None:
    depth = LEVELS.index(obj.level)
    for level in LEVELS[depth:]:
        state.current.pop(level, None)
    state.current[obj.level] = obj
    state.columns = None
    state.header_row_before = False


def _parent_of(state: _State, level: str, code: str | None) -> str | None:
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


# -- key-value indicator sheets ------------------------------------------------------------------
def _sheet_line(state: _State, text: str, cells: list[str], prov: Provenance, profile: Profile) -> bool:
    """Read a line or row into the open key-value indicator sheet; True when it belonged to one."""
    return state.sheet.read(text, cells, prov, state.deepest(), profile.columns, lambda ind: _add_indicator(state, ind))


# -- tables --------------------------------------------------------------------------------------
def _on_table(state: _State, table: Table, profile: Profile, index: int) -> None:
    state.previous_row = None
    if state.columns is not None and table.rows and _other_table(table.rows[0], state.last_columns, profile):
        state.columns = None  # "DATA | Iscritti | Partecipanti": another table, not more indicator rows
    if state.columns is None and state.last_columns and table.rows and state.deepest() is not None:
        columns, width = state.last_columns
        first = table.rows[0]
        if len(first.cells) == width and len(first.filled()) >= 3 and not gt.is_header_like(first):
            state.columns = columns  # a table continuing the layout of the last one, without its header
    state.table = table
    for r, row in enumerate(table.rows):
        state.row_index = r
        _on_row(state, row, profile, (index, r))
        state.previous_row = row


def _other_table(first: Row, last_columns: tuple[ColumnMap, int] | None, profile: Profile) -> bool:
    """A table whose first row is a header of other columns (short words, no quantity, not ours, not as
    wide as the indicator table before it)."""
    if last_columns is None or len(first.cells) == last_columns[1] or len(first.filled()) < 2:
        return False
    return gt.is_header_like(first) and not gt.holds_quantities(first) and \
        gt.header_of(first, None, profile.columns) is None


def _on_row(state: _State, row: Row, profile: Profile, key: Key) -> None:
    joined = " ".join(c.text for c in row.cells if c.text)
    if not joined or (state.outside and not _new_objective_row(state, joined, row, profile)):
        return
    state.outside = False
    if state.columns is not None and tree.names_levels(state.columns) and not _header_row(state, row, profile):
        _indicator_row(state, row, state.columns, profile)  # a tree table: its level cells name the objectives
        return
    match, _ = find_heading(joined, profile, (state.section, state.section_depth), in_row=True, cells=row.texts)
    if match is None:
        match = _heading_after_group_label(row, profile)
    by_numbering = match is None and key in state.outline
    if by_numbering:
        match = state.outline[key]
    if match and _names_the_untitled(state, match, joined):
        return
    if match:
        _open_objective(state, match, row.prov, profile, overview=True, by_numbering=by_numbering)
        _rest_of_heading_row(state, row, match, profile)
        return
    state.section = None
    if _header_row(state, row, profile):
        return
    if state.pending_title is not None and _title_row(state, row, profile):
        return
    _close_title(state)
    if _sheet_line(state, joined, row.texts, row.prov, profile):
        return
    if _code_label(state, joined, row.texts, profile) or \
            apply_label(state.deepest(), joined, row.texts, row.prov, profile, state.warnings):
        return
    if state.columns is not None:
        _indicator_row(state, row, state.columns, profile)


def _heading_after_group_label(row: Row, profile: Profile) -> HeadingMatch | None:
    """ "PERFORMANCE DEGLI AMBITI | PROSP. 1: TITOLO | 100%": a label cell for a group of rows (merged down
    in the original) before a heading with a level word and a code."""
    filled = row.filled()
    if len(filled) < 2 or any(ch.isdigit() for ch in filled[0].text):
        return None
    rest = [c.text for c in row.cells[row.cells.index(filled[1]):]]
    match, bare = find_heading(" ".join(t for t in rest if t), profile, (None, None), in_row=True, cells=rest)
    return match if match is not None and match.code and not bare and match.similarity >= 90 else None


def _rest_of_heading_row(state: _State, row: Row, match: HeadingMatch, profile: Profile) -> None:
    """A heading row's other cells: "1.1.1 Titolo | Peso 30%" or an overview row "1.1 | Titolo | 30%"."""
    filled = [c.text for c in row.filled()]
    if len(filled) < 2:
        return
    last = filled[-1]
    obj = state.deepest()
    if obj is None or obj.weight is not None:
        return
    if label_field(last, profile) == "weight" or re.fullmatch(r"\d{1,3}(?:[.,]\d+)?\s*%", last):
        obj.weight = gt.first_number(last)
        if obj.title.endswith(last):
            obj.title = obj.title[: -len(last)].strip(" -–—:;|")


def _header_row(state: _State, row: Row, profile: Profile) -> bool:
    if not profile.columns:
        return False
    just_after_header = state.header_row_before and state.columns is not None and state.header_row is not None
    state.header_row_before = False
    if just_after_header:
        combined = gt.second_header_row(row, state.header_row, state.columns,  # type: ignore[arg-type]
                                        profile.columns)
        if combined is not None:
            _set_columns(state, combined, row, profile)
            return True
    header = gt.header_of(row, None if just_after_header else state.previous_row, profile.columns)
    if header is None:
        header = _header_by_content(state, row, profile)
    if header is None or gt.holds_quantities(row):
        return False  # "≥ 80% | 100%": a data row, whatever words its other cells share with a header
    _close_title(state)
    state.sheet.end()
    _set_columns(state, header, row, profile)
    state.header_row_before = True
    return True


def _header_by_content(state: _State, row: Row, profile: Profile) -> ColumnMap | None:
    """A header naming only the indicator ("Indicatore | Soglia | Rilevazione") whose other columns the
    cells below show: a header when they give at least one more field."""
    if state.table is None or state.columns is not None or state.deepest() is None or not gt.is_header_like(row):
        return None  # inside a table already read, a row of short cells is data
    named = map_header(row, profile.columns, min_fields=1)
    if named is None:
        return None
    body = state.table.rows[state.row_index + 1: state.row_index + 1 + _ROWS_FOR_CONTENT]
    inferred = infer_columns(named, row, body)
    return inferred if len(inferred.fields) > len(named.fields) else None


def _set_columns(state: _State, columns: ColumnMap, row: Row, profile: Profile) -> None:
    columns = tree.with_level_columns(gt.with_year_targets(columns, row, profile.columns), row, profile.headings)
    if state.table is not None:
        body = state.table.rows[state.row_index + 1: state.row_index + 1 + _ROWS_FOR_CONTENT]
        columns = infer.realigned(columns, row, body)
        columns = tree.with_row_level_column(infer_columns(columns, row, body), body, profile.headings)
        columns = tree.with_name_beside_level(columns, row, body)
    state.columns = columns
    state.header_row = row
    state.last_columns = (columns, len(row.cells))


def _title_row(state: _State, row: Row, profile: Profile) -> bool:
    """The title of a heading seen just before, in a row: "TITOLO | Peso 20%" or a one-cell row."""
    filled = [c.text for c in row.filled()]
    if not _take_title_line(state, filled[0], row.after_blank, profile):
        return False
    rest = filled[1:]
    if not rest:
        return True
    obj = state.pending_title
    _close_title(state)
    tail = " ".join(rest)
    is_label = apply_label(state.deepest(), tail, [tail], row.prov, profile, state.warnings)
    if not is_label and obj is not None and obj.weight is None and re.fullmatch(r"\d{1,3}(?:[.,]\d+)?\s*%", tail):
        obj.weight = parse_number(tail.rstrip("% "))
    return True


def _indicator_row(state: _State, row: Row, columns: ColumnMap, profile: Profile) -> None:
    width = state.last_columns[1] if state.last_columns else None
    values = gt.row_values(gt.without_extra_ordinal(row, width), columns)
    if _objective_row(state, values, row.prov, profile) or _group_row(state, values, row.prov, profile):
        return
    for level, text in tree.level_cells(values):
        _tree_cell_objective(state, level, text, row.prov, profile, row.after_blank)
    owner = state.deepest()
    if owner is None or not values:
        return
    count = state.n_indicators.get(owner.ref, 0)
    previous = state.last.get(owner.ref)
    if "name" not in values:
        if previous is not None and row.after_blank:
            gt.continue_indicator(previous, values)
        elif count and len(values) <= 1:
            return  # free text under the table (a note, a verdict line)
        else:
            state.warnings.append(Warning_("row_without_name", f"table row without indicator name under {owner.ref}",
                                           row.prov))
        return
    if len(row.filled()) == 1 and count and not gt.continues_name(row, values, columns, previous):
        return  # a one-cell line of prose between rows, not an indicator
    if gt.continues_name(row, values, columns, previous):
        gt.continue_indicator(previous, values)  # type: ignore[arg-type]
        return
    ind = gt.new_indicator(owner.ref, count + 1, values, row.prov, state.report.year)
    if _restated(state, ind):
        return  # a per-unit or summary table naming the indicator again: the first statement is the record
    ind.confidence = infer.confidence_of(set(values), columns)
    state.table_of[id(ind)] = id(state.table)
    _add_indicator(state, ind)


def _objective_row(state: _State, values: dict[str, str], prov: Provenance, profile: Profile) -> bool:
    """A row whose row-level cell names a level: an objective (code, title, weight), not an indicator."""
    level_text = values.pop(tree.ROW_LEVEL, None)
    level = tree.cell_level(level_text, profile.headings, last_words=True) if level_text else None
    if level is None or "name" not in values or "target" in values or "actual" in values:
        return False
    title = values["name"]
    code = values.get("code")
    _open_in_table(state, HeadingMatch(level, code, title, 80.0), prov, profile)
    weight = gt.first_number(values.get("weight", ""))
    if weight is not None and state.current[level].weight is None:
        state.current[level].weight = weight
    return True


def _tree_cell_objective(state: _State, level: str, text: str, prov: Provenance, profile: Profile,
                         after_blank: bool = False) -> None:
    """A tree table's level cell ("1.1 Sostenere le imprese"): the objective it names becomes the open
    one at its level, the table's columns staying in force. A dash says the row has no objective of
    that level: its indicator belongs to the level above."""
    if not re.sub(r"[\s\-–—/.]|n\.?a\.?", "", text, flags=re.IGNORECASE):
        for deeper in LEVELS[LEVELS.index(level):]:
            state.current.pop(deeper, None)
        return
    match = find_heading(text, profile, (None, None), in_row=False)[0]
    if match is None or match.level != level or not match.code:
        code_title = numbered(text)  # "A1 Titolo": the column says the level, the cell its code and title
        match = HeadingMatch(level, *code_title, 80.0) if code_title else _bare_code_cell(level, text, profile)
    current = state.current.get(level)
    if current is not None and (current.code or current.title.casefold()) == (match.code or match.title.casefold()):
        return
    if current is not None and not match.code and tree.title_cut_short(current, text, after_blank):
        current.title = join_wrapped([current.title, text])  # the title went on past a page break
        return
    _open_in_table(state, match, prov, profile)


def _bare_code_cell(level: str, text: str, profile: Profile) -> HeadingMatch:
    """A level cell holding a code alone ("1.1", its title written elsewhere) names the objective by its
    code; any other text is the objective's title."""
    rule = profile.heading(level)
    if rule is not None and re.fullmatch(rf"\s*(?:{rule.code})\s*[.:]?\s*", text):
        return HeadingMatch(level, text.strip(" .:"), "", 80.0)
    return HeadingMatch(level, None, text, 80.0)


def _group_row(state: _State, values: dict[str, str], prov: Provenance, profile: Profile) -> bool:
    """A tree-table row holding nothing but a title in a level column whose other cells are codes
    ("PROCESSI INTERNI" over rows "2.1 | indicator ..."): a group row naming the objective of the
    level above, which opens again (the same title read before) or is new."""
    cells = tree.level_cells(dict(values))
    if len(cells) != 1 or len(values) != 1:
        return False
    level, text = cells[0]
    if _TOTAL.search(text) or _before_header(state, profile):
        return True  # a total ("% RAGGIUNGIMENTO OBIETTIVI: 200/2 = 100%") or the title of the table below
    depth = LEVELS.index(level)
    if depth == 0 or _bare_code_cell(level, text, profile).code or numbered(text):
        return False
    upper = LEVELS[depth - 1]
    known = next((o for o in state.report.objectives if o.level == upper and tree.same_title(o.title, text)), None)
    if known is not None:
        columns, last_columns = state.columns, state.last_columns
        _reopen(state, known)
        state.columns, state.last_columns = columns, last_columns
    else:
        _open_in_table(state, HeadingMatch(upper, None, text, 80.0), prov, profile)
    return True


def _before_header(state: _State, profile: Profile) -> bool:
    """Is the next row of the table a header row (this one is the title of the table it heads)?"""
    if state.table is None or state.row_index + 1 >= len(state.table.rows):
        return False
    return gt.header_of(state.table.rows[state.row_index + 1], None, profile.columns) is not None


def _open_in_table(state: _State, match: HeadingMatch, prov: Provenance, profile: Profile) -> None:
    """Open an objective named inside a table, the table's columns staying in force."""
    columns, last_columns = state.columns, state.last_columns
    _open_objective(state, match, prov, profile, overview=False)
    _close_title(state)
    state.columns, state.last_columns = columns, last_columns


def _restated(state: _State, ind: Indicator) -> bool:
    """Was an indicator of this objective with this name read from another table already?"""
    key = (ind.objective, normalise_words(ind.name))
    table = id(state.table)
    first = state.named.setdefault(key, table)
    return first != table


def _add_indicator(state: _State, ind: Indicator) -> None:
    count = state.n_indicators.get(ind.objective, 0) + 1
    ind.n = count
    state.n_indicators[ind.objective] = count
    state.last[ind.objective] = ind
    state.report.indicators.append(ind)


def _number_indicators(report: Report) -> None:
    counts: dict[str, int] = {}
    for ind in report.indicators:
        counts[ind.objective] = counts.get(ind.objective, 0) + 1
        ind.n = counts[ind.objective]


