"""Report metadata (ente, title, year, reference date) from the profile's ``[report]`` patterns.

Each key holds one regex or a list, tried in order on the start of the document:
``ente`` (named group ``city`` -> "Camera di Commercio di <City>", or group ``ente`` used as is),
``title`` (group ``title`` or the whole match), ``year`` (group ``year``), ``reference_date``
(groups ``d``, ``m`` — a number or an Italian month name — and ``y``).
"""

from __future__ import annotations

from functools import cache
from itertools import islice

import regex as re

from relazione.extract.profiles import Profile
from relazione.readers.blocks import Document
from relazione.readers.clean import collapse
from relazione.records.model import Report

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
         "ottobre", "novembre", "dicembre"]
    )
}
DEFAULT_HEAD_LINES = 300


def patterns(profile: Profile, key: str) -> list[str]:
    value = profile.report.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def _search(profile: Profile, key: str, text: str) -> re.Match[str] | None:
    for pattern in patterns(profile, key):
        m = _compiled(pattern).search(text)
        if m:
            return m
    return None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A profile's pattern compiled once: finding it in the regex module's own cache costs several times
    what a search of a short head text does (a dozen patterns are tried on every report)."""
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE)


def month_number(token: str) -> int | None:
    token = token.strip().casefold()
    if token.isdigit():
        n = int(token)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(token)


def iso_date(d: str, m: str, y: str) -> str | None:
    month = month_number(m)
    if month is None or not d.isdigit() or not y.isdigit():
        return None
    year = int(y) + (2000 if len(y) == 2 else 0)
    day = int(d)
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def ente_name(m: re.Match[str]) -> str:
    """The chamber an ``ente`` pattern found: the same name whether a cover says "CCIAA PAVIA" or
    "Camera di Commercio di Pavia", so that two mentions of one chamber compare equal."""
    groups = m.groupdict()
    if groups.get("city"):
        return f"Camera di Commercio di {collapse(groups['city']).title()}"
    return collapse(groups.get("ente") or m.group(0))


def ente_in(text: str, profile: Profile) -> str | None:
    m = _search(profile, "ente", text)
    return ente_name(m) if m else None


def head_text(doc: Document, n_lines: int) -> str:
    return "\n".join(text for text, _ in islice(doc.text_lines(), n_lines))


def report_metadata(report: Report, doc: Document, profile: Profile) -> None:
    """Fill the report fields the profile's patterns find; leave the others as they are."""
    text = head_text(doc, int(profile.report.get("head_lines", DEFAULT_HEAD_LINES)))
    m = _search(profile, "ente", text)
    if m and report.ente is None:
        report.ente = ente_name(m)
    m = _search(profile, "title", text)
    if m and report.title is None:
        # a pattern may span lines of the head text (a cover title set over three lines)
        report.title = " ".join((m.groupdict().get("title") or m.group(0)).split())
    m = _search(profile, "year", text)
    if m and report.year is None:
        report.year = int(m.group("year"))
    m = _search(profile, "reference_date", text)
    if m and report.reference_date is None:
        report.reference_date = iso_date(m.group("d"), m.group("m"), m.group("y"))
    if report.year is None and report.reference_date:
        report.year = int(report.reference_date[:4])
