"""Label lines and rows for the generic engine: "Peso 30%", "Valutazione obiettivo | Raggiunto".

A line or row starting with one of the profile's ``[labels]`` fills that field of the open objective;
its value is the rest of the line, or the row's other cells.
"""

from __future__ import annotations

from relazione.extract.generic.tables import first_number
from relazione.extract.profiles import Profile
from relazione.readers.blocks import Provenance
from relazione.records.model import Objective, Warning_

_NUMERIC_FIELDS = ("weight", "score")
_LEADING_MARKS = "•-–*# "  # bullets and markdown marks before a label


def label_field(text: str, profile: Profile) -> str | None:
    """The objective field whose label starts ``text``, if any."""
    low = text.casefold().lstrip(_LEADING_MARKS)
    by_field, every_label = profile.casefolded_labels
    if not low.startswith(every_label):
        return None  # most lines and rows start with no label: one test, not one per field
    for field_name, labels in by_field:
        if low.startswith(labels):
            return field_name
    return None  # pragma: no cover - the test above found one


def apply_label(target: Objective | None, text: str, cells: list[str], prov: Provenance, profile: Profile,
                warnings: list[Warning_]) -> bool:
    """Fill a field of ``target`` (the open objective) from a label line or row; True when it was one.
    A field already filled keeps its first value."""
    field_name = label_field(text, profile)
    if field_name is None or target is None:
        return False
    value = label_value(text, cells, profile.labels[field_name])
    if not value or (field_name in _NUMERIC_FIELDS and not any(ch.isdigit() for ch in value)):
        return True  # a label whose value sits elsewhere ("Peso dell'obiettivo operativo")
    if field_name in _NUMERIC_FIELDS:
        parsed = first_number(value)
        if parsed is None:
            warnings.append(Warning_("bad_number", f"{field_name}: non è un numero: {value[:60]!r}", prov))
        elif getattr(target, field_name) is None:
            setattr(target, field_name, parsed)
    elif getattr(target, field_name) is None:
        setattr(target, field_name, value)
    return True


def label_value(text: str, cells: list[str], labels: tuple[str, ...]) -> str:
    filled = [c for c in cells if c]
    if len(filled) > 1:
        return " ".join(filled[1:])
    low = text.casefold()
    for label in labels:
        if low.lstrip(_LEADING_MARKS).startswith(label.casefold()):
            start = low.index(label.casefold()) + len(label)
            return text[start:].strip(" :=\t*")
    return ""
