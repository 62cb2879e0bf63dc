"""The generic, profile-driven engine: headings segment the document, tables are read by headers.

It knows no document family. What it recognises comes from the profile: heading keywords and code
patterns per level, table-header synonyms per indicator field, row labels per objective field.
It walks the block stream once:

- a Line, or a table row whose joined text, matching a heading rule opens an objective (its title
  on the same line or the next lines); its parent is found by code prefix, else by position. Under a
  section heading ("OBIETTIVI STRATEGICI") a bare code ("1.1 Titolo", "1.1 | Titolo") is a heading of
  that level. An objective named again (overview table, then detail sheet) stays one record
  (:mod:`relazione.extract.generic.objectives`; rows of tree tables naming objectives:
  :mod:`relazione.extract.generic.tree_rows`);
- a label line or row ("Peso 30%", "Valutazione obiettivo | Raggiunto") fills the current objective
  (:mod:`relazione.extract.generic.labels`);
- a table row matching the header synonyms starts an indicator table (:mod:`relazione.extract.generic.tables`);
  the rows after it become the current objective's indicators until a heading or a new header;
- key-value indicator sheets ("Indicatore | Tempo medio", "Target | 30 gg", "Consuntivo | 25 gg")
  give one indicator each, kept only when they state a weight, target or result
  (:mod:`relazione.extract.generic.sheets`);
- a kind of document arranging its objectives its own way (a PIRA: "Missione | 011 - ..." rows classify,
  "Obiettivo | Titolo | ..." then the code alone) is read by the profile's ``[kinds]``
  (:mod:`relazione.extract.generic.kinds`);
- a section of national indicators or individual objectives closes the plan's objectives; summary
  tables restating the detail sheets, and area words heading chapters, are dropped at the end
  (:mod:`relazione.extract.generic.summary`).
"""

from __future__ import annotations

import regex as re

from relazione.extract.extraction import Extraction
from relazione.extract.generic import columns as infer
from relazione.extract.generic import summary, tree
from relazione.extract.generic import tables as gt
from relazione.extract.generic.columns import infer_columns
from relazione.extract.generic.headings import find_heading, infer_kind, outside_section, section_of
from relazione.extract.generic.kinds import at_kind_level, kind_rule_of, read_kind_row
from relazione.extract.generic.labels import apply_label, label_field
from relazione.extract.generic.objectives import (
    State,
    close_title,
    code_label,
    leave_tree,
    names_the_untitled,
    open_objective,
    take_title_line,
)
from relazione.extract.generic.outline import outline_and_parents
from relazione.extract.generic.outline_scan import Key
from relazione.extract.generic.tree_rows import group_row, heading_after_group_label, objective_row, tree_cell_objective
from relazione.extract.headings import HeadingMatch, normalise_words
from relazione.extract.profiles import Profile
from relazione.extract.report_meta import head_text, report_metadata
from relazione.extract.tables import ColumnMap, map_header
from relazione.readers.blocks import Document, Line, Provenance, Row, Table
from relazione.records.model import Indicator, Objective, Report, Warning_
from relazione.records.values import parse_number

_PROSE_WORDS = 12  # a line of running text, not a heading or a note under a table
_ROWS_FOR_CONTENT = 40  # rows below a header whose cells name the columns its words do not


def extract(doc: Document, profile: Profile) -> Extraction:
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    if report.kind is None:
        report.kind = infer_kind(report.title, head_text(doc, 80))
    outline, parents = outline_and_parents(doc, profile)
    state = State(report, outline=outline, parent_codes=parents, kind_rule=kind_rule_of(doc, profile, report.kind))
    state.sheet.year = report.year
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Line):
            _on_line(state, block, profile, index)
        else:
            _on_table(state, block, profile, index)
    close_title(state)
    report.indicators = summary.without_summary_tables(report, state.table_of)
    report.objectives = summary.without_empty_areas(report)
    report.objectives = summary.without_bare_codes(report)
    _number_indicators(report)
    return Extraction([report], state.warnings)


# -- objectives ----------------------------------------------------------------------------------


def _on_line(state: State, line: Line, profile: Profile, index: int) -> None:
    if read_kind_row(state, line.text, [line.text], line.prov, profile):
        return
    match, bare = find_heading(line.text, profile, (state.section, state.section_depth), in_row=False)
    match = at_kind_level(match, line.text, state.kind_rule)
    by_numbering = match is None and index in state.outline
    if by_numbering:
        match = state.outline[index]
    if match and names_the_untitled(state, match, line.text):
        return
    if match:
        state.outside = False
        open_objective(state, match, line.prov, profile, overview=bare, by_numbering=by_numbering)
        return
    section = section_of(line.text)
    if section:
        close_title(state)
        state.section, state.section_depth = section
        return
    if outside_section(line.text):
        leave_tree(state)
        return
    if state.pending_title is not None and take_title_line(state, line.text, line.after_blank, profile):
        return
    close_title(state)
    state.section = None  # running text: the overview list under the section heading is over
    if line.style_level is not None:
        state.columns = None  # a section heading (Word heading style) ends the indicator table before it
    if _sheet_line(state, line.text, [line.text], line.prov, profile):
        return
    if code_label(state, line.text, [line.text], profile) or \
            apply_label(state.deepest(), line.text, [line.text], line.prov, profile, state.warnings):
        return
    if len(line.text.split()) >= _PROSE_WORDS:
        state.columns = None  # running text: the table before it is over (one laid out alike continues it)


def _new_objective_row(state: State, joined: str, row: Row, profile: Profile) -> bool:
    """In a section beside the plan, only a row naming an objective not read before takes the reading back
    to the plan; its rows restating the plan's objectives ("Prospettiva 1 ...") are no part of it."""
    match = find_heading(joined, profile, (None, None), in_row=True, cells=row.texts)[0]
    return match is not None and bool(match.code) and (match.level, match.code) not in state.by_code


# -- key-value indicator sheets ------------------------------------------------------------------


def _sheet_line(state: State, text: str, cells: list[str], prov: Provenance, profile: Profile) -> bool:
    """Read a line or row into the open key-value indicator sheet; True when it belonged to one."""
    return state.sheet.read(text, cells, prov, state.deepest(), profile.columns, lambda ind: _add_indicator(state, ind))


# -- tables --------------------------------------------------------------------------------------


def _on_table(state: State, table: Table, profile: Profile, index: int) -> None:
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


def _on_row(state: State, row: Row, profile: Profile, key: Key) -> None:
    joined = " ".join(c.text for c in row.cells if c.text)
    if not joined or (state.outside and not _new_objective_row(state, joined, row, profile)):
        return
    state.outside = False
    if state.columns is not None and tree.names_levels(state.columns) and not _header_row(state, row, profile):
        _indicator_row(state, row, state.columns, profile)  # a tree table: its level cells name the objectives
        return
    texts = row.texts  # a new list at each access: once for the row's readers below (none changes it)
    if read_kind_row(state, joined, texts, row.prov, profile):
        return
    match, _ = find_heading(joined, profile, (state.section, state.section_depth), in_row=True, cells=texts)
    match = at_kind_level(match, joined, state.kind_rule)
    if match is None:
        match = heading_after_group_label(row, profile)
    by_numbering = match is None and key in state.outline
    if by_numbering:
        match = state.outline[key]
    if match and names_the_untitled(state, match, joined):
        return
    if match:
        open_objective(state, match, row.prov, profile, overview=True, by_numbering=by_numbering)
        _rest_of_heading_row(state, row, match, profile)
        return
    state.section = None
    if _header_row(state, row, profile):
        return
    if state.pending_title is not None and _title_row(state, row, profile):
        return
    close_title(state)
    if _sheet_line(state, joined, texts, row.prov, profile):
        return
    if code_label(state, joined, texts, profile) or \
            apply_label(state.deepest(), joined, texts, row.prov, profile, state.warnings):
        return
    if state.columns is not None:
        _indicator_row(state, row, state.columns, profile)


def _rest_of_heading_row(state: State, row: Row, match: HeadingMatch, profile: Profile) -> None:
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


def _header_row(state: State, row: Row, profile: Profile) -> bool:
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
    if gt.holds_quantities(row):
        return False  # "≥ 80% | 100%": a data row, whatever words its other cells share with a header
    header = gt.header_of(row, None if just_after_header else state.previous_row, profile.columns)
    if header is None:
        header = _header_by_content(state, row, profile)
    if header is None:
        return False
    close_title(state)
    state.sheet.end()
    _set_columns(state, header, row, profile)
    state.header_row_before = True
    return True


def _header_by_content(state: State, row: Row, profile: Profile) -> ColumnMap | None:
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


def _set_columns(state: State, columns: ColumnMap, row: Row, profile: Profile) -> None:
    columns = tree.with_level_columns(gt.with_year_targets(columns, row, profile.columns), row, profile.headings)
    if state.table is not None:
        body = state.table.rows[state.row_index + 1: state.row_index + 1 + _ROWS_FOR_CONTENT]
        columns = infer.realigned(columns, row, body)
        columns = tree.with_row_level_column(infer_columns(columns, row, body), body, profile.headings)
        columns = tree.with_name_beside_level(columns, row, body)
    state.columns = columns
    state.header_row = row
    state.last_columns = (columns, len(row.cells))


def _title_row(state: State, row: Row, profile: Profile) -> bool:
    """The title of a heading seen just before, in a row: "TITOLO | Peso 20%" or a one-cell row."""
    filled = [c.text for c in row.filled()]
    if not take_title_line(state, filled[0], row.after_blank, profile):
        return False
    rest = filled[1:]
    if not rest:
        return True
    obj = state.pending_title
    close_title(state)
    tail = " ".join(rest)
    is_label = apply_label(state.deepest(), tail, [tail], row.prov, profile, state.warnings)
    if not is_label and obj is not None and obj.weight is None and re.fullmatch(r"\d{1,3}(?:[.,]\d+)?\s*%", tail):
        obj.weight = parse_number(tail.rstrip("% "))
    return True


def _indicator_row(state: State, row: Row, columns: ColumnMap, profile: Profile) -> None:
    width = state.last_columns[1] if state.last_columns else None
    values = gt.row_values(gt.without_extra_ordinal(row, width), columns)
    if objective_row(state, values, row.prov, profile) or group_row(state, values, row.prov, profile):
        return
    for level, text in tree.level_cells(values):
        tree_cell_objective(state, level, text, row.prov, profile, row.after_blank)
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
            state.warnings.append(Warning_("row_without_name",
                                           f"riga di tabella senza nome di indicatore sotto {owner.ref}", row.prov))
        return
    if len(row.filled()) == 1 and count and not gt.continues_name(row, values, columns, previous):
        return  # a one-cell line of prose between rows, not an indicator
    if gt.continues_name(row, values, columns, previous):
        gt.continue_indicator(previous, values)  # type: ignore[arg-type]
        return
    ind = gt.new_indicator(owner.ref, count + 1, values, row.prov, state.report.year)
    if _restated(state, owner, ind):
        return  # a per-unit or summary table naming the indicator again: the first statement is the record
    ind.confidence = infer.confidence_of(set(values), columns)
    state.table_of[id(ind)] = id(state.table)
    _add_indicator(state, ind)


def _restated(state: State, owner: Objective, ind: Indicator) -> bool:
    """Was an indicator of this objective with this name read from another table already?"""
    key = (id(owner), normalise_words(ind.name))  # by identity: an OS and an OO may share a title
    table = id(state.table)
    first = state.named.setdefault(key, table)
    return first != table


def _add_indicator(state: State, ind: Indicator) -> None:
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
