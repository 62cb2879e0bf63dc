"""PIRA sheets, the indicators: the region after a sheet's header, one indicator per "Cosa misura".

Per indicator the form prints ``Indicatore <n> <name>``, ``Cosa misura <text>``, the header row and the
value row (read by :mod:`.pira_ocr_fragments` and :mod:`.pira_ocr_cells`), then "Se altro, indicare
qui" (x3). OCR may print the name before its "Indicatore N" label or lose the label altogether, so
"Cosa misura" is what opens an indicator; "Nr indicatori associati <n>" states how many to expect.
"""

from __future__ import annotations

import regex as re

from relazione.extract.families.pira_ocr_cells import Labels, TextLine, upper_case_line
from relazione.extract.families.pira_ocr_fragments import read_row
from relazione.readers.blocks import Provenance
from relazione.readers.clean import collapse, join_wrapped
from relazione.records.model import Indicator, Warning_

_NUMBER_ONLY = re.compile(r"^\W*\d{1,2}\W*$")
_INDICATOR_NUMBER = re.compile(r"^(?P<n>\d{1,2})(?!\d)\W*")


def _kind(line: TextLine, labels: Labels) -> str | None:
    """Which of the form's indicator labels opens the line, if any: the region is cut at them."""
    text = line.text
    if labels.match(text, "measures", skip_words=0) is not None:
        return "measures"
    if labels.match(text, "other", skip_words=0) is not None:
        return "other"
    if labels.match(text, "count", skip_words=0) is not None:
        return "count"
    rest = labels.match(text, "indicator", skip_words=0)
    if rest is not None and (not rest or _INDICATOR_NUMBER.match(rest) or len(line.cells) > 1):
        return "indicator"
    return None


def read_indicators(region: list[TextLine], labels: Labels, objective: str,
                     warnings: list[Warning_]) -> tuple[int | None, list[Indicator]]:
    kinds = [_kind(x, labels) for x in region]
    stated = _stated_count(region, kinds, labels)
    measures = [j for j, k in enumerate(kinds) if k == "measures"]
    indicators: list[Indicator] = []
    cursor, closed = 0, True
    for pos, c in enumerate(measures):
        limit = measures[pos + 1] if pos + 1 < len(measures) else len(region)
        name, prov = _indicator_name(region, kinds, cursor, c, closed, labels)
        header_start = next((j for j in range(c + 1, limit) if labels.is_header_line(region[j].text)), None)
        if header_start is None:
            warnings.append(Warning_("no_indicator_header", f"{objective}: l'indicatore {name[:50]!r} non ha "
                                     "l'intestazione Tipologia ... Valore a Consuntivo", region[c].prov))
            cursor, closed = limit, False
            indicators.append(Indicator(objective, len(indicators) + 1, name, provenance=prov))
            continue
        header_end = header_start
        while header_end + 1 < limit and labels.is_header_line(region[header_end + 1].text):
            header_end += 1
        zone_end = next((j for j in range(header_end + 1, limit) if kinds[j] in ("other", "indicator")), limit)
        zone = region[header_end + 1: zone_end]
        description = join_wrapped([labels.match(region[c].text, "measures", 0) or ""]
                                   + [x.text for x in region[c + 1: header_start]])
        row, illegible = read_row(region[header_start], zone, labels)
        for key, debris in illegible.items():
            warnings.append(Warning_(f"illegible_{key}", f"{objective}: {key} dell'indicatore {name[:50]!r} non "
                                     f"distinguibile dalle altre colonne ({debris[:40]!r}): lasciato vuoto",
                                     region[header_end].prov))
        cursor = zone_end
        notes = []
        while cursor < limit and kinds[cursor] == "other":
            notes.append(_other_note(region[cursor].text, labels))
            cursor += 1
        closed = cursor > zone_end
        indicator = Indicator(objective, len(indicators) + 1, name, description=description or None,
                              provenance=prov, **row.values)
        _use_other_note(indicator, [n for n in notes if n], warnings)
        if not row.values:
            warnings.append(Warning_("no_values", f"{objective}: valori dell'indicatore {name[:50]!r} illeggibili",
                                     region[header_end].prov))
        indicators.append(indicator)
    return stated, indicators


def _stated_count(region: list[TextLine], kinds: list[str | None], labels: Labels) -> int | None:
    at = next((j for j, k in enumerate(kinds) if k == "count"), None)
    if at is None:
        return None
    rest = labels.match(region[at].text, "count", skip_words=0) or ""
    if not rest and at + 1 < len(region) and _NUMBER_ONLY.match(region[at + 1].text):
        rest = region[at + 1].text
    m = re.search(r"\d+", rest)
    return int(m.group()) if m else None


def _indicator_name(region: list[TextLine], kinds: list[str | None], cursor: int, measures: int, closed: bool,
                    labels: Labels) -> tuple[str, Provenance]:
    """The name between the previous indicator and "Cosa misura": the text of the "Indicatore N"
    label line and the lines after it; lines printed before the label belong to it too when the
    previous indicator was closed by its "Se altro" row (the name is then printed above its label)."""
    label_at = next((j for j in range(measures - 1, cursor - 1, -1) if kinds[j] == "indicator"), None)
    loose = [j for j in range(cursor, label_at if label_at is not None else measures)
             if kinds[j] is None and not _NUMBER_ONLY.match(region[j].text)]
    if label_at is not None and not closed:
        loose = []
    parts = [region[j].text for j in loose]
    if label_at is not None:
        rest = labels.match(region[label_at].text, "indicator", skip_words=0) or ""
        parts.append(_INDICATOR_NUMBER.sub("", rest, count=1))
        parts += [region[j].text for j in range(label_at + 1, measures) if kinds[j] is None]
    first = loose[0] if loose else label_at if label_at is not None else measures
    return _fix_upper_case_ocr(join_wrapped(parts)), region[first].prov


def _fix_upper_case_ocr(text: str) -> str:
    """"|" for "I" in upper-case text: "PER | PAGAMENTI" -> "PER I PAGAMENTI", "DE|" -> "DEI"."""
    return re.sub(r"(?<=\p{Lu}|\s)\|(?=\s|\p{Lu}|$)", "I", text) if upper_case_line(text) else text


def _other_note(text: str, labels: Labels) -> str:
    """What follows the last "Se altro, indicare qui" on a line: the note in the Consuntivo column."""
    rest = text
    while (nxt := labels.match(rest, "other", skip_words=0)) is not None and nxt != rest:
        rest = nxt
    return collapse(rest)


def _use_other_note(indicator: Indicator, notes: list[str], warnings: list[Warning_]) -> None:
    """A consuntivo the OCR reduced to one letter ("Sl N") is unreadable: the note the form's
    "Se altro" row gives in the Consuntivo column states the result instead."""
    if indicator.actual and len(indicator.actual.strip()) == 1 and notes:
        warnings.append(Warning_("illegible_actual", f"{indicator.objective}#{indicator.n}: consuntivo "
                                 f"{indicator.actual!r} illeggibile; usata la nota 'Se altro'", indicator.provenance))
        indicator.actual = notes[-1]
