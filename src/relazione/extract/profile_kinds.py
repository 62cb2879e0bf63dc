"""``[kinds.<kind>]`` of a profile: how one kind of document arranges its objectives, where that differs
from the common tree of areas, strategic and operational objectives.

A PIRA (DPCM 18/9/2012) is the case that needs it: its objectives are one level, coded by the budget's
mission and programme ("011-005-001"), and its "Missione" and "Programma" rows classify the objective
below them instead of opening a level. Keys:

- ``objective_level``: the level of the objectives a bare objective word ("Obiettivo", "Obiettivi")
  names in this kind of document;
- ``objective_words``: those bare words;
- ``classify``: objective field -> the words of a row or line that fill that field of the objectives
  below it ("Missione | 011 - Competitività delle imprese") and open no level;
- ``title_labels``: labels of an objective sheet's title row ("Obiettivo | Titolo | ..."), whose code
  may come on a row of its own below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relazione.extract import profile_checks as checks
from relazione.records.model import KINDS, LEVELS

KIND_KEYS = ("objective_level", "objective_words", "classify", "title_labels")
CLASSIFYING_FIELDS = ("mission", "programme", "responsible", "resources", "description")


@dataclass(frozen=True, slots=True)
class KindRule:
    kind: str
    objective_level: str | None = None
    objective_words: tuple[str, ...] = ()
    classify: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (objective field, words), in profile order
    title_labels: tuple[str, ...] = ()


def check_kinds(kinds: Any) -> None:
    """Every kind, key and value of ``[kinds]`` is known and of the right type (raises ``checks.Bad``)."""
    for kind, spec in checks.table(kinds, "kinds").items():
        where = f"kinds.{kind}"
        if kind not in KINDS:
            raise checks.Bad(f"tipo di documento sconosciuto '{where}'{checks.suggest(kind, KINDS)}")
        spec = checks.table(spec, where)
        checks.known_keys(spec, KIND_KEYS, where)
        level = spec.get("objective_level")
        if level is not None and checks.string(level, f"{where}.objective_level") not in LEVELS:
            raise checks.Bad(f"{where}.objective_level deve essere uno fra {', '.join(LEVELS)}, non {level!r}")
        for key in ("objective_words", "title_labels"):
            checks.string_list(spec.get(key, []), f"{where}.{key}")
        for field_name, words in checks.table(spec.get("classify", {}), f"{where}.classify").items():
            if field_name not in CLASSIFYING_FIELDS:
                raise checks.Bad(f"campo sconosciuto '{where}.classify.{field_name}'"
                                 f"{checks.suggest(field_name, CLASSIFYING_FIELDS)}")
            checks.string_list(words, f"{where}.classify.{field_name}")


def build_kinds(table: dict[str, Any]) -> dict[str, KindRule]:
    return {kind: KindRule(
        kind=kind,
        objective_level=spec.get("objective_level"),
        objective_words=tuple(spec.get("objective_words", ())),
        classify=tuple((f, tuple(words)) for f, words in spec.get("classify", {}).items()),
        title_labels=tuple(spec.get("title_labels", ())),
    ) for kind, spec in table.items()}
