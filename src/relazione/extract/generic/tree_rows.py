"""Rows of tree tables that name objectives rather than indicators: a row-level cell ("Strategico"), a
level column's cell ("1.1 Titolo", a code alone, a dash), a group row naming the level above
("PROCESSI INTERNI"), a total or a table's title row (nothing), a heading after a group-label cell."""

from __future__ import annotations

import regex as re

from relazione.extract.generic import tables as gt
from relazione.extract.generic import tree
from relazione.extract.generic.headings import find_heading
from relazione.extract.generic.labels import label_field
from relazione.extract.generic.objectives import State, close_title, open_objective, reopen
from relazione.extract.generic.outline_scan import numbered
from relazione.extract.headings import HeadingMatch
from relazione.extract.profiles import Profile
from relazione.readers.blocks import Provenance, Row
from relazione.readers.clean import join_wrapped
from relazione.records.model import LEVELS

_TOTAL = re.compile(r"[%=]|\d+\s*/\s*\d+")  # "% RAGGIUNGIMENTO OBIETTIVI: 200/2 = 100%": a total, no group


def heading_after_group_label(row: Row, profile: Profile) -> HeadingMatch | None:
    """ "PERFORMANCE DEGLI AMBITI | PROSP. 1: TITOLO | 100%": a label cell for a group of rows (merged down
    in the original) before a heading with a level word and a code."""
    filled = row.filled()
    if len(filled) < 2 or any(map(str.isdigit, filled[0].text)) or not filled[1].text[:1].isalpha() \
            or not any(map(str.isdigit, filled[1].text)):
        return None  # the heading's cell opens with its level word and holds its code
    if label_field(filled[0].text, profile):
        return None  # "Centro di responsabilità | Area 2": a label and its value, not a group of rows
    rest = [c.text for c in row.cells[row.cells.index(filled[1]):]]
    match, bare = find_heading(" ".join(t for t in rest if t), profile, (None, None), in_row=True, cells=rest)
    if match is None or bare or match.similarity < 90 or not re.search(r"\d|^[IVX]+$", match.code or ""):
        return None  # "Codice | Area strategica | Peso | ...": a header's words, no code
    return match


def objective_row(state: State, values: dict[str, str], prov: Provenance, profile: Profile) -> bool:
    """A row whose row-level cell names a level: an objective (code, title, weight), not an indicator."""
    level_text = values.pop(tree.ROW_LEVEL, None)
    level = tree.cell_level(level_text, profile.headings, last_words=True) if level_text else None
    if level is None or "name" not in values or "target" in values or "actual" in values:
        return False
    title = values["name"]
    code = values.get("code")
    open_in_table(state, HeadingMatch(level, code, title, 80.0), prov, profile)
    weight = gt.first_number(values.get("weight", ""))
    if weight is not None and state.current[level].weight is None:
        state.current[level].weight = weight
    return True


def tree_cell_objective(state: State, level: str, text: str, prov: Provenance, profile: Profile,
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
    open_in_table(state, match, prov, profile)


def _bare_code_cell(level: str, text: str, profile: Profile) -> HeadingMatch:
    """A level cell holding a code alone ("1.1", its title written elsewhere) names the objective by its
    code; any other text is the objective's title."""
    rule = profile.heading(level)
    if rule is not None and re.fullmatch(rf"\s*(?:{rule.code})\s*[.:]?\s*", text):
        return HeadingMatch(level, text.strip(" .:"), "", 80.0)
    return HeadingMatch(level, None, text, 80.0)


def group_row(state: State, values: dict[str, str], prov: Provenance, profile: Profile) -> bool:
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
        reopen(state, known)
        state.columns, state.last_columns = columns, last_columns
    else:
        open_in_table(state, HeadingMatch(upper, None, text, 80.0), prov, profile)
    return True


def _before_header(state: State, profile: Profile) -> bool:
    """Is the next row of the table a header row (this one is the title of the table it heads)?"""
    if state.table is None or state.row_index + 1 >= len(state.table.rows):
        return False
    return gt.header_of(state.table.rows[state.row_index + 1], None, profile.columns) is not None


def open_in_table(state: State, match: HeadingMatch, prov: Provenance, profile: Profile) -> None:
    """Open an objective named inside a table, the table's columns staying in force."""
    columns, last_columns = state.columns, state.last_columns
    open_objective(state, match, prov, profile, overview=False)
    close_title(state)
    state.columns, state.last_columns = columns, last_columns
