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

import regex as re
from rapidfuzz import fuzz

from relazione.extract.headings import keyword_similarity, normalise_words
from relazione.extract.profiles import HeadingRule
from relazione.extract.tables import ColumnMap
from relazione.readers.blocks import Row
from relazione.records.model import LEVELS, Objective

LEVEL_PREFIX = "level:"  # pseudo-field of a column naming objectives of one level: "level:strategic"
ROW_LEVEL = "row_level"  # pseudo-field of a column saying each row's level
MAX_HEADER_CELL = 60
MIN_SIMILARITY = 90
MIN_OBJECTIVE_ROWS = 2
_PLURAL_ENDINGS = re.compile(r"(?:HE|I|E)\b", re.IGNORECASE)  # "STRATEGICHE", "OBIETTIVI", "AREE"
_SINGULAR = {"HE": "A", "I": "O", "E": "A"}
_ACCENT_AS_APOSTROPHE = re.compile(r"([AEIOUaeiou])['’](?!\p{L})")  # "ATTIVITA'" for "ATTIVITÀ" in capitals
_ACCENTED = dict(zip("AEIOUaeiou", "ÀÈÌÒÙàèìòù", strict=True))
_CONNECTIVES = frozenset((
    "di", "del", "della", "dello", "dei", "degli", "delle", "e", "ed", "per", "con", "a", "al", "alla", "ai", "agli",
    "alle", "da", "dal", "dalla", "in", "nel", "nella", "nei", "nelle", "su", "sul", "sulla", "tra", "fra", "il", "lo",
    "la", "i", "gli", "le", "un", "una"))


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


def with_name_beside_level(columns: ColumnMap, header: Row, body: list[Row]) -> ColumnMap:
    """ "OBIETTIVI STRATEGICI" written over two cells, a code and an unlabelled column: when the unlabelled
    column's text changes on rows whose level cell is empty (merged down), it describes each row, not the
    objective: it is the indicator's name, and the column headed as the name holds its measure."""
    name_col = columns.column_of("name")
    levels = [i for i, f in columns.fields.items() if f.startswith(LEVEL_PREFIX)]
    if name_col is None or not levels:
        return columns
    beside = max(levels) + 1
    label = columns.labels[beside] if beside in columns.labels else \
        (header.cells[beside].text if beside < len(header.cells) else "")
    if beside >= name_col or beside in columns.fields or label:
        return columns
    rows = [r for r in body if name_col < len(r.cells) and r.cells[name_col].text]
    filled = [r for r in rows if r.cells[beside].text]
    per_row = [r for r in filled if not r.cells[max(levels)].text]
    if len(filled) < 0.8 * len(rows) or not per_row:
        return columns
    fields = {**columns.fields, beside: "name"}
    if "algorithm" in columns.fields.values():
        del fields[name_col]
    else:
        fields[name_col] = "algorithm"
    return replace(columns, fields=dict(sorted(fields.items())), labels={**columns.labels, beside: ""})


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


def same_title(a: str, b: str) -> bool:
    """The same objective's title written twice (capitals, accents as apostrophes, spacing aside)."""
    return fuzz.ratio(normalise_words(a), normalise_words(b)) >= MIN_SIMILARITY


def title_cut_short(current: Objective, text: str, after_blank: bool) -> bool:
    """A level cell without a code after a page break, under an objective whose title stops on a word no
    title ends with ("MIGLIORARE L'EFFICIENZA DELLA" / "STRUTTURA E ..."): the rest of that title."""
    words = current.title.split()
    return after_blank and bool(current.code) and bool(words) and words[-1].casefold() in _CONNECTIVES


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
    singular = _singular(_ACCENT_AS_APOSTROPHE.sub(lambda m: _ACCENTED[m.group(1)], text))
    for rule in rules:
        score = max(keyword_similarity(text, rule.keywords), keyword_similarity(singular, rule.keywords))
        if score > best_score:
            best, best_score = rule.level, score
    if best is not None and best_score >= MIN_SIMILARITY:
        return best
    if not last_words:
        return None
    return _adjectives(rules).get(normalise_words(text))


def _singular(text: str) -> str:
    """A column header names its level in the plural ("Obiettivi operativi", "Aree strategiche"): the
    keywords' singular, word by word (a final accent written as an apostrophe restored before)."""
    return _PLURAL_ENDINGS.sub(lambda m: _SINGULAR[m.group(0).upper()], text)


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
