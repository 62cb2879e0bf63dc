"""Tree tables: one table holding objectives and indicators together.

Two shapes, both read by the generic engine with the table's columns staying in force:

- level columns ("Area strategica | Obiettivo strategico | Obiettivo operativo | Indicatore | ..."): each
  row's level cells name its objectives, a cell left empty (merged down) keeping the one above;
- a row-level column ("Codice | Tipo | Descrizione | Peso | Target"): each row says what it is, an
  objective of some level ("Area strategica", "Strategico", "Obiettivo operativo") or an indicator.

The words that name a level are the profile's heading keywords (or a keyword's last word: "Strategico"
for "Obiettivo strategico"), so a chamber's vocabulary lives in its profile.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache, lru_cache

from relazione.extract.headings import keyword_similarity, normalise_words
from relazione.extract.profiles import HeadingRule
from relazione.extract.tables import ColumnMap
from relazione.readers.blocks import Row
from relazione.records.model import LEVELS

LEVEL_PREFIX = "level:"  # pseudo-field of a column naming objectives of one level: "level:strategic"
ROW_LEVEL = "row_level"  # pseudo-field of a column saying each row's level
MAX_HEADER_CELL = 60
MIN_SIMILARITY = 90
MIN_OBJECTIVE_ROWS = 2


def with_level_columns(columns: ColumnMap, row: Row, rules: tuple[HeadingRule, ...]) -> ColumnMap:
    """Columns whose header is a level's word become that level's column."""
    found: dict[int, str] = {}
    for i, cell in enumerate(row.cells):
        if i in columns.fields or not cell.text or len(cell.text) > MAX_HEADER_CELL:
            continue
        level = cell_level(cell.text, rules, last_words=False)
        if level is not None and level not in found.values():
            found[i] = level
    if not found:
        return columns
    fields = {**columns.fields, **{i: LEVEL_PREFIX + level for i, level in found.items()}}
    return replace(columns, fields=dict(sorted(fields.items())),
                   labels={**columns.labels, **{i: row.cells[i].text for i in found}})


def with_row_level_column(columns: ColumnMap, body: list[Row], rules: tuple[HeadingRule, ...]) -> ColumnMap:
    """The column (not the name's) whose cells name levels on some rows: objectives listed as rows."""
    if names_levels(columns):
        return columns
    name_col = columns.column_of("name")
    width = max((len(r.cells) for r in body), default=0)
    for i in range(width):
        if i == name_col or (i in columns.fields and columns.fields[i] not in ("type", "n", "code")):
            continue
        level_rows = [r for r in body if i < len(r.cells) and len(r.cells[i].text) <= MAX_HEADER_CELL
                      and cell_level(r.cells[i].text, rules, last_words=True)]
        levels = {cell_level(r.cells[i].text, rules, last_words=True) for r in level_rows}
        if len(level_rows) >= MIN_OBJECTIVE_ROWS and len(levels) >= 2 \
                and not any(has_values(r, columns) for r in level_rows):
            return replace(columns, fields={**columns.fields, i: ROW_LEVEL})
    return columns


def has_values(row: Row, columns: ColumnMap) -> bool:
    """Does the row state a target or a result? An objective's row in a plan list does not (an
    indicator typed "Strategico" in a table of indicators does)."""
    return any(columns.fields.get(i) in ("target", "actual") and c.text for i, c in enumerate(row.cells))


def names_levels(columns: ColumnMap) -> bool:
    """Does the table name objectives in columns of their own (a tree table)?"""
    return any(f.startswith(LEVEL_PREFIX) for f in columns.fields.values())


def level_cells(values: dict[str, str]) -> list[tuple[str, str]]:
    """(level, cell text) of a tree-table row's filled level cells, top level first; removed from values."""
    found = [(k.removeprefix(LEVEL_PREFIX), values.pop(k)) for k in list(values) if k.startswith(LEVEL_PREFIX)]
    return sorted(found, key=lambda pair: LEVELS.index(pair[0]))


@lru_cache(maxsize=1 << 14)
def cell_level(text: str, rules: tuple[HeadingRule, ...], last_words: bool) -> str | None:
    """The level a cell names: one of a level's keywords, or (``last_words``) a keyword's last word."""
    best, best_score = None, 0.0
    for rule in rules:
        score = keyword_similarity(text, rule.keywords)
        if score > best_score:
            best, best_score = rule.level, score
    if best is not None and best_score >= MIN_SIMILARITY:
        return best
    if not last_words:
        return None
    return _adjectives(rules).get(normalise_words(text))


@cache
def _adjectives(rules: tuple[HeadingRule, ...]) -> dict[str, str]:
    """"STRATEGICO" -> strategic: the word after the keywords' common noun ("Obiettivo strategico",
    "Obiettivo operativo"), which alone says the level in a row-level column. The noun is the first
    word most keywords of several levels share, so the vocabulary stays in the profile."""
    firsts = Counter(normalise_words(k).split()[0] for rule in rules for k in rule.keywords if len(k.split()) == 2)
    if not firsts:
        return {}
    noun = firsts.most_common(1)[0][0]
    found: dict[str, str] = {}
    for rule in rules:
        for keyword in rule.keywords:
            words = normalise_words(keyword).split()
            if len(words) == 2 and words[0] == noun:
                found.setdefault(words[1], rule.level)
    return found
