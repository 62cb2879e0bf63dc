"""The same report as text, DOCX and PDF yields the same records.

Objectives and indicators are compared field by field after normalisation (case, whitespace,
quotes); a difference fails the test naming the record and the field, e.g.
``pdf: indicator 1.1#2 target: '>= 80%' != '>= 8O%'``.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import pytest

from conftest import SAMPLES
from relazione.extract.pipeline import extract_file
from relazione.records.model import Records

STEMS = sorted(p.stem for p in (SAMPLES / "expected").glob("*.json"))
UNRULED = sorted(p.stem.removesuffix("_unruled") for p in SAMPLES.glob("*_unruled.pdf"))
OBJECTIVE_FIELDS = ("level", "code", "title", "parent", "weight", "score", "status")
INDICATOR_FIELDS = ("objective", "n", "code", "name", "weight", "target", "actual", "status")


def normalise(value: object) -> object:
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


@cache
def records_of(stem: str, ext: str) -> Records:
    return extract_file(SAMPLES / f"{stem}.{ext}")


def differences(base: Records, other: Records, label: str) -> list[str]:
    found = []
    if len(base.reports) != len(other.reports):
        return [f"{label}: {len(other.reports)} reports instead of {len(base.reports)}"]
    for r, (a, b) in enumerate(zip(base.reports, other.reports, strict=True)):
        for kind, fields, items_a, items_b in (("objective", OBJECTIVE_FIELDS, a.objectives, b.objectives),
                                               ("indicator", INDICATOR_FIELDS, a.indicators, b.indicators)):
            if len(items_a) != len(items_b):
                found.append(f"{label}: report {r + 1} has {len(items_b)} {kind}s instead of {len(items_a)}")
            for x, y in zip(items_a, items_b, strict=False):
                key = x.code or x.title[:30] if kind == "objective" else f"{x.objective}#{x.n}"
                for name in fields:
                    if normalise(getattr(x, name)) != normalise(getattr(y, name)):
                        found.append(f"{label}: {kind} {key} {name}: {getattr(x, name)!r} != {getattr(y, name)!r}")
    return found


@pytest.mark.parametrize("stem", STEMS)
def test_docx_gives_the_same_records_as_text(stem: str) -> None:
    found = differences(records_of(stem, "txt"), records_of(stem, "docx"), "docx")
    assert not found, "\n".join(found[:30])


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_gives_the_same_records_as_text(stem: str) -> None:
    found = differences(records_of(stem, "txt"), records_of(stem, "pdf"), "pdf")
    assert not found, "\n".join(found[:30])


@pytest.mark.parametrize("stem", UNRULED)
def test_an_unruled_pdf_gives_the_same_records_as_text(stem: str) -> None:
    """The same document with table borders removed: its tables are found by text alignment alone."""
    found = differences(records_of(stem, "txt"), records_of(f"{stem}_unruled", "pdf"), "unruled pdf")
    assert not found, "\n".join(found[:30])
