"""Table parsing by headers: find the header row, map its cells to record fields, read rows.

Header cells are matched to fields through the profile's synonyms (Indicatore / Descrizione /
Nome indicatore -> name; Valore Atteso / Target 2024 -> target ...) with RapidFuzz, so "Peso %",
"peso" and "Peso indicatore" all land on ``weight``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from relazione.extract.headings import normalise_words
from relazione.readers.blocks import Row

MIN_HEADER_FIELDS = 2
MIN_HEADER_SIMILARITY = 88.0


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Header row -> {column index: field}; ``labels`` keeps each column's header text."""

    fields: dict[int, str]
    labels: dict[int, str]
    inferred: frozenset[int] = frozenset()  # columns named by their cells' content, not by header words

    def column_of(self, field: str) -> int | None:
        return next((i for i, f in self.fields.items() if f == field), None)


@cache
def _normalised_synonym(name: str) -> str:
    """Synonyms come from a handful of profiles and are compared with every cell: normalise once."""
    return normalise_words(name)


def header_field(cell: str, synonyms: dict[str, tuple[str, ...]]) -> tuple[str | None, float]:
    """The field a header cell names, by exact, prefix or fuzzy match of its synonyms."""
    words = normalise_words(cell)
    if not words:
        return None, 0.0
    return _field_of_words(words, tuple(synonyms.items()))


@lru_cache(maxsize=8192)
def _field_of_words(words: str, synonyms: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str | None, float]:
    """Cached: a document repeats its header cells, and every row is tried as a header."""
    exact, names, fields, positions = _synonym_index(synonyms)
    if words in exact:
        return exact[words], 100.0
    if not names:
        return None, 0.0
    scores = process.cdist([words], names, scorer=fuzz.ratio)[0]
    tokens = words.split(" ")
    for k in range(1, len(tokens)):  # "Risultato atteso 2024 (al 31/12)" starts with "Risultato atteso"
        prefix = " ".join(tokens[:k])
        if len(prefix) >= 4:
            for i in positions.get(prefix, ()):
                scores[i] = max(scores[i], 92.0)
    best = int(scores.argmax())  # the first of equal scores: the field listed first wins a tie
    score = float(scores[best])
    return (fields[best], score) if score >= MIN_HEADER_SIMILARITY else (None, score)


@cache
def _synonym_index(synonyms: tuple[tuple[str, tuple[str, ...]], ...]
                   ) -> tuple[dict[str, str], list[str], list[str], dict[str, list[int]]]:
    """Normalised synonyms in profile order: the exact lookup (first field wins), names with their fields,
    and each name's positions (for the prefix rule)."""
    exact: dict[str, str] = {}
    names: list[str] = []
    fields: list[str] = []
    for field, synonyms_of_field in synonyms:
        for name in synonyms_of_field:
            n = _normalised_synonym(name)
            if n:
                exact.setdefault(n, field)
                names.append(n)
                fields.append(field)
    positions: dict[str, list[int]] = {}
    for i, n in enumerate(names):
        positions.setdefault(n, []).append(i)
    return exact, names, fields, positions


@cache
def _letterless_names_nothing(synonyms: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    """Can a cell without letters ("1%", "≥ 2,00") name no field? It shares only the other characters
    of a synonym, so fuzz.ratio (200 * common / total length) stays below the threshold for every
    synonym with few of them ("TARGET AL 31 12": 87.5 at most); a synonym without letters could match."""
    _, names, _, _ = _synonym_index(synonyms)
    return all(200 * sum(not ch.isalpha() for ch in n) / (1 + len(n)) < MIN_HEADER_SIMILARITY for n in names)


@cache
def _first_words(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple({_normalised_synonym(n).split(" ")[0] for n in names if _normalised_synonym(n)})


def _may_name(row: Row, names: tuple[str, ...]) -> bool:
    """Cheap pre-check (one C-level fuzzy lookup per cell): does some cell start like one of the
    required column's names? Most rows of a long document are data, not headers."""
    firsts = _first_words(names)
    for cell in row.cells:
        if cell.text and len(cell.text) <= 80:
            word = normalise_words(cell.text[:40]).split(" ")[0]
            if word and process.extractOne(word, firsts, scorer=fuzz.ratio, score_cutoff=75) is not None:
                return True
    return False


def map_header(row: Row, synonyms: dict[str, tuple[str, ...]], required: str | None = "name",
               min_fields: int = MIN_HEADER_FIELDS) -> ColumnMap | None:
    """A ColumnMap when ``row`` is a header naming the ``required`` column (the indicator name, unless
    the layout puts the name elsewhere: ``required=None``) and at least one other field (``min_fields``
    in all: a caller that reads the other columns from their cells asks for the name alone)."""
    if required is not None and required in synonyms and not _may_name(row, synonyms[required]):
        return None
    letterless_name_nothing = _letterless_names_nothing(tuple(synonyms.items()))
    candidates = [(i, cell.text) for i, cell in enumerate(row.cells) if cell.text and len(cell.text) <= 80 and (
        not letterless_name_nothing or any(map(str.isalpha, cell.text)))]  # not "1%", "2,00": data (they name nothing)
    if len(candidates) < min_fields:
        return None  # a data row of one text cell and numbers: too few cells could name a field
    fields: dict[int, str] = {}
    labels: dict[int, str] = {}
    for i, text in candidates:
        field, _ = header_field(text, synonyms)
        if field and field not in fields.values():
            fields[i] = field
            labels[i] = text
    if len(fields) < min_fields or (required is not None and required not in fields.values()):
        return None
    return ColumnMap(fields, labels)


def read_row(row: Row, columns: ColumnMap) -> dict[str, str]:
    """Field -> text for one data row: each mapped column's cell, when the row has it and it is not empty."""
    texts = row.texts
    values = {}
    for i, field in columns.fields.items():
        if i < len(texts) and texts[i]:
            values[field] = texts[i]
    return values
