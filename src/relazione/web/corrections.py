"""Corrections: versioned changes to one field of one record, validated, and applied again after every reading.

A correction never overwrites the extraction: the archive keeps what was read and the list of changes
(old, new, when, note); the records a page shows or a document is made from are the reading with the
changes applied in order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from relazione.records.model import Indicator, Objective, Records
from relazione.records.values import parse_number, parse_value

from .records_view import index

# Field -> Italian label; only these can be corrected from the page.
INDICATOR_FIELDS = {"name": "Indicatore", "weight": "Peso (%)", "target": "Target", "actual": "Consuntivo",
                    "unit": "Unità di misura", "status": "Giudizio dichiarato"}
OBJECTIVE_FIELDS = {"title": "Titolo", "weight": "Peso (%)", "status": "Giudizio dichiarato"}
MAX_TEXT = 1000
NOT_AVAILABLE = ("n.d.", "nd", "n.d", "non disponibile")


class InvalidValue(ValueError):
    """An entered value the field cannot take; the message is Italian, for the page."""


def fields_of(item: Objective | Indicator) -> dict[str, str]:
    return INDICATOR_FIELDS if isinstance(item, Indicator) else OBJECTIVE_FIELDS


def shown(item: Objective | Indicator, name: str) -> str:
    """A field as the form shows it (a weight as an Italian number)."""
    value = getattr(item, name)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def normalise(item: Objective | Indicator, name: str, raw: str) -> str | None:
    """The entered text checked for the field: None clears it; InvalidValue says what is wrong, in Italian."""
    if name not in fields_of(item):
        raise InvalidValue(f"il campo {name!r} non si può correggere")
    text = " ".join(raw.split())
    if name == "title" and isinstance(item, Objective) and not item.code:
        # without a code the title is what indicators and corrections point at: changing it would orphan them
        raise InvalidValue("questo obiettivo non ha codice ed è riconosciuto dal titolo: il titolo non si cambia qui")
    if len(text) > MAX_TEXT:
        raise InvalidValue(f"testo troppo lungo (più di {MAX_TEXT} caratteri)")
    if not text:
        if name in ("name", "title"):
            raise InvalidValue("il titolo non può essere vuoto")
        return None
    if name == "weight":
        number = parse_number(text.rstrip("%").strip())
        if number is None or not 0 <= number <= 100:
            raise InvalidValue(f"peso non valido ({text!r}): un numero da 0 a 100, per esempio 25 o 12,5")
        return f"{number:g}".replace(".", ",")
    if name in ("target", "actual"):
        return _checked_value(text)
    return text


def _checked_value(text: str) -> str:
    if text.casefold() in NOT_AVAILABLE:
        return text
    value = parse_value(text)
    if value is None or (value.value is None and value.boolean is None):
        raise InvalidValue(f"valore non riconosciuto ({text!r}): scrivere un numero con l'eventuale operatore e "
                           "unità (>= 80%, <= 15 gg, 1.500), oppure SI/NO, oppure n.d.")
    return text


def set_field(item: Objective | Indicator, name: str, text: str | None) -> None:
    """Write a checked value into the record, keeping the parsed forms the scoring reads in step."""
    if name == "weight":
        setattr(item, name, parse_number(text) if text else None)
        return
    setattr(item, name, text)
    if isinstance(item, Indicator) and name in ("target", "actual"):
        setattr(item, f"{name}_value", parse_value(text) if text else None)


@dataclass(frozen=True)
class Unapplied:
    """A correction whose record a new reading no longer has (kept, shown, never lost)."""

    record: str
    field: str
    new: str | None


def apply_all(records: Records, corrections: Iterable[tuple[str, str, str | None]]) -> list[Unapplied]:
    """Apply (record key, field, new) changes in order; the ones whose record is gone are returned."""
    records_by_key = index(records)
    missing = []
    for key, name, new in corrections:
        found = records_by_key.get(key)
        if found is None or name not in fields_of(found[1]):
            missing.append(Unapplied(key, name, new))
            continue
        set_field(found[1], name, new)
    return missing
