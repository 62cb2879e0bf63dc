"""What a report's reading holds that is no part of its tree: summary tables, and area words heading chapters.

Summary tables: "Indicatori più significativi" near the start of a report gathers indicators that the
detail sheets state again under their own objectives. Read where it stands, its rows would all belong to
the objective open there (the last area of the summary above it).

A table is a summary when most of its rows name indicators that other tables give to objectives deeper
than the one it stands under, spread over several of them: its rows are dropped, the detail sheets'
statements kept. (An objective restating one or two of its children's indicators is no summary.)

Chapters: an area heading with neither an objective nor an indicator under it, coded unlike the areas
that have them ("Missione 012", "Asse 2" heading the narrative of a management report among areas coded
"2024_01"), is no area of the plan.
"""

from __future__ import annotations

from collections import defaultdict

from relazione.extract.generic.headings import code_shape
from relazione.extract.headings import normalise_words
from relazione.records.model import LEVELS, Indicator, Report

MIN_ROWS = 3
MIN_SHARE = 0.6  # of the table's rows named again deeper
MIN_OBJECTIVES = 3  # the deeper objectives they are named under
KEY_WORDS = 4  # a summary shortens names ("... fascicolo economico*" for "... fascicolo elettronico d'impresa")


def without_summary_tables(report: Report, table_of: dict[int, int]) -> list[Indicator]:
    """The report's indicators less the rows of its summary tables."""
    depth = {o.ref: LEVELS.index(o.level) for o in report.objectives}
    by_table: dict[int, list[Indicator]] = defaultdict(list)
    for ind in report.indicators:
        if id(ind) in table_of:
            by_table[table_of[id(ind)]].append(ind)
    owners_by_name: dict[str, set[str]] | None = None  # read only for a table that may be a summary
    dropped: set[int] = set()
    for rows in by_table.values():
        if not _may_be_summary(rows, depth):
            continue
        owners_by_name = owners_by_name if owners_by_name is not None else _owners_by_name(report)
        if _is_summary(rows, owners_by_name, depth):
            dropped.update(id(ind) for ind in rows)
    return [ind for ind in report.indicators if id(ind) not in dropped] if dropped else report.indicators


def _may_be_summary(rows: list[Indicator], depth: dict[str, int]) -> bool:
    """The tests that need no names: enough rows, one owner, and enough objectives deeper than it in the
    report (a table under the deepest level, the usual place of indicators, is never a summary)."""
    owner = rows[0].objective
    if len(rows) < MIN_ROWS or any(ind.objective != owner for ind in rows) or owner not in depth:
        return False
    return sum(1 for d in depth.values() if d > depth[owner]) >= MIN_OBJECTIVES


def _owners_by_name(report: Report) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for ind in report.indicators:
        owners[_key(ind.name)].add(ind.objective)
    return owners


def _is_summary(rows: list[Indicator], owners_by_name: dict[str, set[str]], depth: dict[str, int]) -> bool:
    """Most rows named again under several objectives deeper than the table's owner (rows that passed
    :func:`_may_be_summary`)."""
    owner = rows[0].objective
    deeper: set[str] = set()
    named_again = 0
    for ind in rows:
        others = {o for o in owners_by_name[_key(ind.name)] if depth.get(o, -1) > depth[owner]}
        named_again += bool(others)
        deeper |= others
    return named_again >= MIN_SHARE * len(rows) and len(deeper) >= MIN_OBJECTIVES


def _key(name: str) -> str:
    """The first words of an indicator's name: how a summary row and a detail sheet name it alike."""
    return " ".join(normalise_words(name).split()[:KEY_WORDS])


def without_empty_areas(report: Report) -> list:
    """The report's objectives less its empty areas coded unlike the areas holding objectives or indicators
    ("Missione 012" among "Area Strategica 2024_01"; an empty "Area 2" beside a full "Area 1" stays)."""
    parents = {o.parent for o in report.objectives if o.parent} | {i.objective for i in report.indicators}
    areas = [o for o in report.objectives if o.level == LEVELS[0]]
    shapes = {code_shape(o.code) for o in areas if o.ref in parents}
    empty = {id(o) for o in areas if o.ref not in parents and o.code and code_shape(o.code) not in shapes}
    if not empty or not shapes:
        return report.objectives
    return [o for o in report.objectives if id(o) not in empty]


def without_bare_codes(report: Report) -> list:
    """The report's objectives less those that are a code alone: no title, no child, no indicator ("AS O", a
    margin text turned sideways, over a line of glyph garbage)."""
    parents = {o.parent for o in report.objectives if o.parent} | {i.objective for i in report.indicators}
    return [o for o in report.objectives if o.title.strip() or o.ref in parents]
