"""Objectives of a kind of document with an arrangement of its own (the profile's ``[kinds.<kind>]``,
:mod:`relazione.extract.profile_kinds`), as a PIRA:

- a classifying row or line ("Missione | 011 - Competitività delle imprese") fills that field of the
  objectives below it and opens no level. Only a code of one segment classifies: a programme coded
  "011-005", which the objectives' codes continue, is a node of the code tree and stays a heading;
- the bare objective word ("Obiettivo 011-005-001", "Obiettivi | 011-005-...") names the kind's level;
- a title row ("Obiettivo | Titolo | Innovazione ...") opens an objective whose code may follow on a row
  of its own ("011-005-001"); an objective of that code named before (the overview grid) is the same one.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import regex as re

from relazione.extract.generic.objectives import State, assign_code, close_title, open_objective, reopen
from relazione.extract.headings import HeadingMatch, keyword_similarity, normalise_words
from relazione.extract.profile_kinds import KindRule
from relazione.extract.profiles import Profile
from relazione.readers.blocks import Document, Provenance
from relazione.records.model import Objective

# "011", "005 -Promozione", "011 | Competitività": a code of one segment; "011-005" continues another code
_ONE_SEGMENT_CODE = re.compile(r"^\W*\d{1,4}(?![\d.,_/]|\s*[-–]\s*\d)")
_NESTED_CODE = re.compile(r"^\W*\d{1,4}\s*[-–._/]\s*\d")
_SIMILARITY = 85  # OCR-tolerant: "MlSSIONE", "PR0GRAMMA"
_HAS_WORDS = re.compile(r"\p{L}{2}")


def kind_rule_of(doc: Document, profile: Profile, kind: str | None) -> KindRule | None:
    """The profile's rule for the report's kind, where the document keeps its classifying words out of the
    code tree: a "Programma 011-005" anywhere makes missions and programmes nodes of the tree (areas and
    strategic objectives, their objectives below them), which the common reading of headings reads."""
    rule = profile.kinds.get(kind or "")
    if rule is None or not rule.classify:
        return rule
    for row in doc.rows():
        filled = [c.text for c in row.filled()]
        text = " ".join(filled)
        if any((value := _value_after(text, filled, words)) and _NESTED_CODE.match(value)
               for _, words in rule.classify):
            return None
    return rule


def read_kind_row(state: State, text: str, cells: list[str], prov: Provenance, profile: Profile) -> bool:
    """Read a line or row by the kind's rules; True when it was one of its classifying, title or code rows."""
    rule = state.kind_rule
    if rule is None:
        return False
    filled = [c for c in cells if c]
    classified = _classification(text, filled, rule)
    if classified is not None:
        close_title(state)
        state.sheet.end()
        state.classes[classified[0]] = classified[1]
        return True
    title = _sheet_title(text, filled, rule)
    if title is not None and rule.objective_level:
        open_objective(state, HeadingMatch(rule.objective_level, None, title, 90.0), prov, profile, overview=False)
        state.titled.add(id(state.current[rule.objective_level]))
        return True
    return _lone_code(state, filled, profile)


def at_kind_level(match: HeadingMatch | None, text: str, rule: KindRule | None) -> HeadingMatch | None:
    """ "Obiettivo 011-005-001" in a PIRA: the bare objective word names the kind's level of objectives."""
    if match is None or rule is None or not rule.objective_level or match.level == rule.objective_level:
        return match
    prefix = text[: text.find(match.code)] if match.code and match.code in text else text
    if normalise_words(prefix) in _words(rule.objective_words):
        return replace(match, level=rule.objective_level)
    return match


def _classification(text: str, filled: list[str], rule: KindRule) -> tuple[str, str] | None:
    for field_name, words in rule.classify:
        value = _value_after(text, filled, words)
        if value is not None and _ONE_SEGMENT_CODE.match(value):
            return field_name, value
    return None


def _sheet_title(text: str, filled: list[str], rule: KindRule) -> str | None:
    """The title of "Obiettivo | Titolo | ..." (or "Titolo | ...", the merged "Obiettivo" cell lost)."""
    if len(filled) >= 3 and normalise_words(filled[0]) in _words(rule.objective_words):
        filled = filled[1:]
        text = " ".join(filled)
    title = _value_after(text, filled, rule.title_labels)
    return title if title is not None and _HAS_WORDS.search(title) else None


def _value_after(text: str, filled: list[str], words: tuple[str, ...]) -> str | None:
    """What follows one of ``words`` (OCR-tolerant) opening a row (its key cell) or a line, else None."""
    if len(filled) >= 2:
        return " ".join(filled[1:]) if keyword_similarity(filled[0], words) >= _SIMILARITY else None
    tokens = text.split()
    for word in words:
        n = len(word.split())
        if len(tokens) > n and keyword_similarity(" ".join(tokens[:n]), (word,)) >= _SIMILARITY:
            return " ".join(tokens[n:]).lstrip(":|.-–— ").strip() or None
    return None


def _lone_code(state: State, filled: list[str], profile: Profile) -> bool:
    """ "011-005-001" alone under an objective opened by its title row: the objective's code."""
    obj = state.deepest()
    if len(filled) != 1 or obj is None or obj.code or id(obj) not in state.titled:
        return False
    rule = profile.heading(obj.level)
    if rule is None or not re.fullmatch(rf"\s*(?:{rule.code})\s*", filled[0]):
        return False
    code = filled[0].strip()
    named = state.by_code.get((obj.level, code))
    if named is None:
        assign_code(state, obj, code)
        return True
    _merge_into(state, obj, named)
    return True


def _merge_into(state: State, detail: Objective, named: Objective) -> None:
    """The objective of a title row is one named before by its code (the overview grid): one record, with
    the detail sheet's title and fields."""
    state.report.objectives.remove(detail)
    for field_name in ("title", "mission", "programme", "description", "responsible", "resources", "weight"):
        value = getattr(detail, field_name)
        if value not in (None, "") and (field_name == "title" or id(named) in state.overview
                                         or getattr(named, field_name) is None):
            setattr(named, field_name, value)
    state.overview.discard(id(named))
    for key, obj in list(state.by_title.items()):
        if obj is detail:
            state.by_title[key] = named
    close_title(state)
    reopen(state, named)


@cache
def _words(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise_words(w) for w in words)
