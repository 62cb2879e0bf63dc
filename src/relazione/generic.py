"""The generic, profile-driven engine: headings segment the document, tables are read by headers.

It knows no document family. What it recognises comes from the profile: heading keywords and code
patterns per level, table-header synonyms per indicator field, row labels per objective field.
It walks the block stream once:

- a Line, or a table row whose joined text, matching a heading rule opens an objective (its title
  on the same line or the next lines); its parent is found by code prefix, else by position;
- a label line or row ("Peso 30%", "Valutazione obiettivo | Raggiunto") fills the current objective;
- a table row matching the header synonyms starts an indicator table; the rows after it become the
  current objective's indicators until a heading or a new header; a row with an empty name cell
  after a blank line continues the previous indicator (a cell wrapped onto the next line).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from .blocks import Block, Line, Provenance, Row, Table
from .engine import Extraction
from .headings import HeadingMatch, match_any
from .profiles import Profile
from .records import LEVELS, Indicator, Objective, Report, Warning_
from .report_meta import report_metadata
from .tables import ColumnMap, map_header, read_row
from .text import join_wrapped
from .values import parse_number

_WEIGHT_IN_TITLE = re.compile(r"\(?\s*peso\s*:?\s*(?P<w>\d+(?:[.,]\d+)?)\s*%?\s*\)?", re.IGNORECASE)
_PERCENT = re.compile(r"(?P<n>-?\d+(?:\.\d{3})*(?:,\d+)?|-?\d+(?:\.\d+)?)\s*%?")
_CODE_SEPARATORS = re.compile(r"[._\-]")


@dataclass
class _State:
    report: Report
    warnings: list[Warning_] = field(default_factory=list)
    current: dict[str, Objective] = field(default_factory=dict)  # level -> open objective
    by_code: dict[tuple[str, str], Objective] = field(default_factory=dict)  # (level, code) -> objective
    by_parts: dict[tuple[str, ...], Objective] = field(default_factory=dict)  # split code -> objective
    n_indicators: dict[str, int] = field(default_factory=dict)  # objective ref -> indicators so far
    columns: ColumnMap | None = None
    pending_title: Objective | None = None  # heading seen, title expected on the next line(s)
    title_lines: list[str] = field(default_factory=list)

    def deepest(self) -> Objective | None:
        for level in reversed(LEVELS):
            if level in self.current:
                return self.current[level]
        return None


def extract(doc, profile: Profile) -> Extraction:  # noqa: ANN001 - Document, kept loose for families
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    state = _State(report)
    for block in doc.blocks:
        if isinstance(block, Line):
            _on_line(state, block, profile)
        else:
            _on_table(state, block, profile)
    _close_title(state)
    _number_indicators(report)
    return Extraction([report], state.warnings)


# -- objectives ----------------------------------------------------------------------------------
def _on_line(state: _State, line: Line, profile: Profile) -> None:
    match = match_any(line.text, profile.headings)
    if match:
        _open_objective(state, match, line.prov, profile)
        return
    if state.pending_title is not None and _take_title_line(state, line, profile):
        return
    _close_title(state)
    if line.style_level is not None:
        state.columns = None  # a section heading (Word heading style) ends the indicator table before it
    _apply_label(state, line.text, [line.text], line.prov, profile)


def _take_title_line(state: _State, line: Line, profile: Profile) -> bool:
    """Accumulate the title of a heading whose title sits on the following line(s)."""
    rule = profile.heading(state.pending_title.level) if state.pending_title else None
    if rule is None or len(state.title_lines) >= rule.max_title_lines:
        return False
    if state.title_lines and line.after_blank:
        return False
    if _label_field(line.text, profile):
        return False
    state.title_lines.append(line.text)
    return True


def _close_title(state: _State) -> None:
    if state.pending_title is not None and state.title_lines:
        _set_title(state.pending_title, join_wrapped(state.title_lines))
    state.pending_title = None
    state.title_lines = []


def _set_title(obj: Objective, title: str) -> None:
    weight = _WEIGHT_IN_TITLE.search(title)
    if weight:
        obj.weight = obj.weight if obj.weight is not None else parse_number(weight.group("w"))
        title = (title[: weight.start()] + title[weight.end():]).strip(" -–:")
    obj.title = title


def _open_objective(state: _State, match: HeadingMatch, prov: Provenance, profile: Profile) -> None:
    _close_title(state)
    code = match.code
    level = match.level
    existing = state.by_code.get((level, code)) if code else None
    if existing is not None:
        # the same objective named again (overview then detail sheet): keep one record
        _reopen(state, existing)
        if not match.title:
            state.pending_title = existing if not existing.title else None
        return
    obj = Objective(level=level, title="", code=code, provenance=prov)
    obj.parent = _parent_of(state, level, code)
    if match.title:
        _set_title(obj, match.title)
    else:
        state.pending_title = obj
    state.report.objectives.append(obj)
    if code:
        state.by_code[(level, code)] = obj
        state.by_parts.setdefault(tuple(_CODE_SEPARATORS.split(code)), obj)
    _reopen(state, obj)


def _reopen(state: _State, obj: Objective) -> None:
    depth = LEVELS.index(obj.level)
    for level in LEVELS[depth:]:
        state.current.pop(level, None)
    state.current[obj.level] = obj
    state.columns = None


def _parent_of(state: _State, level: str, code: str | None) -> str | None:
    depth = LEVELS.index(level)
    if depth == 0:
        return None
    if code:
        parts = tuple(_CODE_SEPARATORS.split(code))
        for cut in range(len(parts) - 1, 0, -1):
            parent = state.by_parts.get(parts[:cut])
            if parent is not None and LEVELS.index(parent.level) < depth:
                return parent.code
    for parent_level in reversed(LEVELS[:depth]):
        if parent_level in state.current:
            return state.current[parent_level].ref
    return None


# -- labels --------------------------------------------------------------------------------------
def _label_field(text: str, profile: Profile) -> str | None:
    low = text.casefold().lstrip("•-– ")
    for field_name, labels in profile.labels.items():
        for label in labels:
            if low.startswith(label.casefold()):
                return field_name
    return None


def _apply_label(state: _State, text: str, cells: list[str], prov: Provenance, profile: Profile) -> bool:
    """Fill a field of the open objective from a label line or row; True when it was one."""
    field_name = _label_field(text, profile)
    target = state.deepest()
    if field_name is None or target is None:
        return False
    value = _label_value(text, cells, profile.labels[field_name])
    if not value or (field_name in ("weight", "score") and not any(ch.isdigit() for ch in value)):
        return True  # a label whose value sits elsewhere ("Peso dell'obiettivo operativo")
    if field_name in ("weight", "score"):
        number = _PERCENT.search(value)
        parsed = parse_number(number.group("n")) if number else None
        if parsed is None:
            state.warnings.append(Warning_("bad_number", f"{field_name} not a number: {value[:60]!r}", prov))
        elif getattr(target, field_name) is None:
            setattr(target, field_name, parsed)
    elif getattr(target, field_name) is None:
        setattr(target, field_name, value)
    return True


def _label_value(text: str, cells: list[str], labels: tuple[str, ...]) -> str:
    filled = [c for c in cells if c]
    if len(filled) > 1:
        return " ".join(filled[1:])
    low = text.casefold()
    for label in labels:
        if low.lstrip("•-– ").startswith(label.casefold()):
            start = low.index(label.casefold()) + len(label)
            return text[start:].strip(" :=\t")
    return ""


# -- tables --------------------------------------------------------------------------------------
def _on_table(state: _State, table: Table, profile: Profile) -> None:
    for row in table.rows:
        _on_row(state, row, profile)


def _on_row(state: _State, row: Row, profile: Profile) -> None:
    joined = " ".join(c.text for c in row.cells if c.text)
    if not joined:
        return
    match = match_any(joined, profile.headings)
    if match:
        _open_objective(state, match, row.prov, profile)
        return
    header = map_header(row, profile.columns) if profile.columns else None
    if header:
        _close_title(state)
        state.columns = header
        return
    if state.pending_title is not None and len(row.filled()) == 1:
        _take_title_line(state, Line(joined, row.prov, row.after_blank), profile)
        return
    _close_title(state)
    if _apply_label(state, joined, row.texts, row.prov, profile):
        return
    if state.columns is not None:
        _indicator_row(state, row, state.columns)


def _indicator_row(state: _State, row: Row, columns: ColumnMap) -> None:
    values = read_row(row, columns)
    owner = state.deepest()
    if owner is None or not values:
        return
    count = state.n_indicators.get(owner.ref, 0)
    if "name" not in values:
        if count and row.after_blank:
            _continue_indicator(_last_indicator(state.report, owner.ref), values)
        elif count and len(values) <= 1:
            return  # free text under the table (a note, a verdict line)
        else:
            state.warnings.append(Warning_("row_without_name", f"table row without indicator name under {owner.ref}",
                                           row.prov))
        return
    if len(row.filled()) == 1 and count:
        return  # a one-cell line of prose between rows, not an indicator
    ind = Indicator(objective=owner.ref, n=count + 1, name=values.pop("name"), provenance=row.prov)
    _fill(ind, values)
    state.report.indicators.append(ind)
    state.n_indicators[owner.ref] = count + 1


def _last_indicator(report: Report, ref: str) -> Indicator:
    return next(i for i in reversed(report.indicators) if i.objective == ref)


def _fill(ind: Indicator, values: dict[str, str]) -> None:
    for key, text in values.items():
        if key == "weight":
            number = _PERCENT.search(text)
            ind.weight = parse_number(number.group("n")) if number else None
        elif key == "n" or key == "note":
            continue
        elif hasattr(ind, key):
            setattr(ind, key, text)


def _continue_indicator(ind: Indicator, values: dict[str, str]) -> None:
    for key, text in values.items():
        if key in ("weight", "n", "note") or not hasattr(ind, key):
            continue
        current = getattr(ind, key)
        setattr(ind, key, join_wrapped([current, text]) if current else text)


def _number_indicators(report: Report) -> None:
    counts: dict[str, int] = {}
    for ind in report.indicators:
        counts[ind.objective] = counts.get(ind.objective, 0) + 1
        ind.n = counts[ind.objective]


__all__ = ["extract", "Block"]
