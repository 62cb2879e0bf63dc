"""P.I.R.A. (Piano degli indicatori e dei risultati attesi di bilancio, DPCM 18/9/2012), also from OCR.

The form is the same for every chamber. An overview grid (Missione / Programma / Obiettivi rows)
comes first; then one sheet per operational objective:

    Missione <code> - <title>            -> area (the mission)
    Programma <code> - <title>           -> strategic objective (the programme, code MMM-PPP)
    [Obiettivo] Titolo <TITLE>           -> operational objective
    Descrizione / Arco temporale realizzazione / Centro di responsabilità / Risorse finanziarie
    MMM-PPP-NNN                          -> the objective's code, on its own line AFTER the header
    Nr indicatori associati <n>
    per indicator: Indicatore <n> <name>, Cosa misura <text>, the header row and the value row
    (read by :mod:`.pira_ocr_indicators`), then "Se altro, indicare qui" (x3).

An OCR of a scan breaks it in known ways, handled here by general rules: labels are matched fuzzily;
the merged "Obiettivo"/"Descrizione" row labels land inside the prose (removed where they start a line);
a title may lose its label ("== REVISIONE ...") and is then the first upper-case line after the
programme; an indicator's name may be printed before its "Indicatore N" label, or the label may be
missing altogether (the "Cosa misura" that follows still opens the indicator); code letters that OCR
swaps for digits (O -> 0, l/I/| -> 1) are repaired inside code-shaped tokens only.

Missions and programmes are taken from the sheets (a title printed differently on several sheets:
the most frequent wins). The overview grid is OCR-interleaved beyond reading; it is used only for a
mission listed there with no sheet of its own, whose title then comes from the grid when readable,
else from the national classification in the profile.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex as re

from relazione.extract.extraction import Extraction
from relazione.extract.families.pira_ocr_cells import Labels, TextLine, upper_case_line
from relazione.extract.families.pira_ocr_indicators import read_indicators
from relazione.extract.headings import normalise_words
from relazione.extract.profiles import Profile
from relazione.extract.report_meta import report_metadata
from relazione.readers.blocks import Document, Line, Provenance
from relazione.readers.clean import collapse, join_wrapped
from relazione.records.model import Indicator, Objective, Report, Warning_

_CODE_CHARS = "0-9OoIl|"
_CODE_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
_CODE_TITLE = re.compile(rf"^[\W_]*(?P<code>[{_CODE_CHARS}]{{3}})(?![\p{{L}}\p{{N}}])\s*[-–—.:]?\s*(?P<title>.*)$")
_GRID_CODE = re.compile(r"(?<![\p{L}\p{N}\-/])\d{3}(?:\s*/\s*\d{3})*(?![\p{N}\-])")
_TITLE_JUNK = " ‘’\"|.,;:-—_=[]"
PROGRAMME_WITHIN = 6  # lines after the mission in which the programme label must appear


@dataclass
class _Sheet:
    mission: tuple[str, str, Provenance]
    programme: tuple[str, str, Provenance]
    objective: Objective
    indicators: list[Indicator] = field(default_factory=list)
    stated_count: int | None = None


def extract(doc: Document, profile: Profile) -> Extraction:
    labels = Labels(profile)
    code_line = re.compile(rf"^\W*(?P<code>{profile.settings.get('code_pattern', '')})\W*$")
    lines = _text_lines(doc)
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    warnings: list[Warning_] = []
    starts = _sheet_starts(lines, labels)
    sheets = []
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=False):  # no sheets: nothing to read
        sheet = _read_sheet(lines[a:b], labels, code_line, warnings)
        if sheet is not None:
            sheets.append(sheet)
    if not sheets:
        warnings.append(Warning_("no_sheets",
                                 "nessuna scheda obiettivo del PIRA (Missione / Programma / Titolo) trovata"))
    grid = _grid_missions(lines[: starts[0]] if starts else lines, labels, profile, sheets, warnings)
    _assemble(report, sheets, grid)
    if report.reference_date is None:
        report.reference_date = next(  # the date first: a regex, where the header needs fuzzy scoring
            (d for line in lines if (d := labels.reference_date(line.text)) and labels.is_header_line(line.text)),
            None,
        )
    if report.year is None and report.reference_date:
        report.year = int(report.reference_date[:4])
    return Extraction([report], warnings)


def _text_lines(doc: Document) -> list[TextLine]:
    out = []
    for block in doc.blocks:
        if isinstance(block, Line):
            out.append(TextLine(block.text, (block.text,), block.prov, block.after_blank))
        else:
            for row in block.rows:
                cells = tuple(c for c in row.texts if c)
                if cells:
                    out.append(TextLine(" ".join(cells), cells, row.prov, row.after_blank))
    return out


# -- sheet boundaries and header -----------------------------------------------------------------
def _code_title(text: str) -> tuple[str, str] | None:
    """"011 - Competitivita' e sviluppo" -> ("011", "Competitivita' e sviluppo")."""
    m = _CODE_TITLE.match(text)
    if not m or sum(c.isdigit() for c in m["code"]) < 2:
        return None
    return m["code"].translate(_CODE_FIX), collapse(m["title"]).strip(_TITLE_JUNK)


def _labelled_value(lines: list[TextLine], i: int, rest: str) -> tuple[tuple[str, str] | None, int]:
    """Code and title after a Missione/Programma label: on its line, or on the next line."""
    found = _code_title(rest) if rest else None
    if found or rest:
        return found, i
    if i + 1 < len(lines):
        return _code_title(lines[i + 1].text), i + 1
    return None, i


def _sheet_starts(lines: list[TextLine], labels: Labels) -> list[int]:
    starts = []
    for i, line in enumerate(lines):
        rest = labels.match(line.text, "mission")
        if rest is None or len(_GRID_CODE.findall(rest)) > 1:
            continue  # the overview grid's row lists several missions
        value, after = _labelled_value(lines, i, rest)
        if value and any(labels.match(x.text, "programme") is not None
                         for x in lines[after + 1: after + 1 + PROGRAMME_WITHIN]):
            starts.append(i)
    return starts


def _read_sheet(lines: list[TextLine], labels: Labels, code_line: re.Pattern[str],
                warnings: list[Warning_]) -> _Sheet | None:
    mission, i = _labelled_value(lines, 0, labels.match(lines[0].text, "mission") or "")
    p = next(j for j in range(i + 1, len(lines)) if labels.match(lines[j].text, "programme") is not None)
    programme, i = _labelled_value(lines, p, labels.match(lines[p].text, "programme") or "")
    if mission is None or programme is None:
        warnings.append(Warning_("bad_sheet_header", "Missione o Programma senza codice", lines[0].prov))
        return None
    title, title_prov, i = _read_title(lines, i + 1, labels)
    if not title:
        warnings.append(Warning_("no_title", "scheda obiettivo senza titolo", lines[0].prov))
    period = _first(lines, i, lambda x: labels.match(x.text, "period") is not None)
    code_at = _first(lines, i, lambda x: bool(code_line.match(x.text)))
    end_of_header = code_at if code_at is not None else _first(
        lines, i, lambda x: labels.is_label(x.text, "count", "indicator", "measures"))
    end_of_header = len(lines) if end_of_header is None else end_of_header
    fields = _header_fields(lines, i, period if period is not None else end_of_header, end_of_header, labels)
    code = code_line.match(lines[code_at].text)["code"] if code_at is not None else None
    if code is None:
        warnings.append(Warning_("no_code", f"nessun codice obiettivo sotto la scheda di {title[:60]!r}", title_prov))
    else:
        code = re.sub(r"\s+", "", code).translate(_CODE_FIX).replace("–", "-").replace("—", "-")
    objective = Objective(
        level="operational", title=title or "", code=code, parent=f"{mission[0]}-{programme[0]}",
        mission=f"{mission[0]} - {mission[1]}", programme=f"{programme[0]} - {programme[1]}",
        provenance=title_prov, **fields,
    )
    if code and not code.startswith(objective.parent + "-"):
        warnings.append(Warning_("code_mismatch", f"obiettivo {code} stampato sotto il programma {objective.parent}",
                                 lines[code_at].prov))
    sheet = _Sheet((*mission, lines[0].prov), (*programme, lines[p].prov), objective)
    region = lines[end_of_header + (1 if code_at is not None else 0):]
    sheet.stated_count, sheet.indicators = read_indicators(region, labels, objective.ref, warnings)
    if sheet.stated_count is not None and sheet.stated_count != len(sheet.indicators):
        warnings.append(Warning_("indicator_count", f"{objective.ref}: {sheet.stated_count} indicatori dichiarati, "
                                 f"{len(sheet.indicators)} trovati", title_prov))
    return sheet


def _first(lines: list[TextLine], start: int, test) -> int | None:  # noqa: ANN001 - a predicate
    return next((j for j in range(start, len(lines)) if test(lines[j])), None)


def _read_title(lines: list[TextLine], i: int, labels: Labels) -> tuple[str, Provenance, int]:
    """The objective title: after a "Titolo" label (same line or next), else the first upper-case
    line (the label lost to OCR); upper-case lines that follow continue it."""
    parts: list[str] = []
    prov = lines[min(i, len(lines) - 1)].prov
    j = i
    while j < len(lines) and not parts:
        text = lines[j].text
        rest = labels.match(text, "title")
        if rest is None and labels.match(text, "objective", skip_words=0) is not None:
            rest = labels.match(labels.match(text, "objective", skip_words=0) or "", "title")
            if rest is None and len(normalise_words(text).split()) == 1:
                j += 1  # a lone "Obiettivo" row label
                continue
        if rest is not None:
            if not rest and j + 1 < len(lines):
                j += 1
                rest = lines[j].text
            parts.append(rest)
        elif upper_case_line(text):
            parts.append(text.lstrip(_TITLE_JUNK))
        elif labels.is_label(text, "description", "period") or j > i + 3:
            return "", prov, i
        prov = lines[j].prov
        j += 1
    if parts and upper_case_line(parts[0]):
        while j < len(lines) and upper_case_line(lines[j].text) and not labels.is_label(
                lines[j].text, "description", "period", "objective"):
            parts.append(lines[j].text)
            j += 1
    return join_wrapped(parts).strip(_TITLE_JUNK), prov, j


def _header_fields(lines: list[TextLine], i: int, period: int, end: int, labels: Labels) -> dict[str, str | None]:
    """Description, responsible and resources of a sheet (the period goes nowhere in the records)."""
    description = [_strip_row_labels(x.text, labels) for x in lines[i:period]]
    responsible_at = _first(lines[:end], period, lambda x: labels.match(x.text, "responsible") is not None)
    responsible = None
    resources_from = period + 1
    if responsible_at is not None:
        rest = labels.match(lines[responsible_at].text, "responsible") or ""
        resources_from = responsible_at + 1
        if not rest.strip(" .") and responsible_at + 1 < end and not labels.is_label(
                lines[responsible_at + 1].text, "resources"):
            rest = lines[responsible_at + 1].text
            resources_from += 1
        responsible = collapse(rest) or None
    resources = []
    for x in lines[resources_from:end]:
        rest = labels.match(x.text, "resources")
        resources.append(x.text if rest is None else rest)
    return {
        "description": join_wrapped(description) or None,
        "responsible": responsible,
        "resources": join_wrapped(resources) or None,
    }


def _strip_row_labels(text: str, labels: Labels) -> str:
    """Drop the merged "Obiettivo" / "Descrizione" row labels that OCR put at a prose line's start."""
    for key in ("objective", "description", "objective"):
        rest = labels.match(text, key, skip_words=0)
        if rest is not None:
            text = rest
    return text


# -- missions and programmes ------------------------------------------------------------------------
def _majority(entries: list[tuple[str, Provenance]]) -> tuple[str, Provenance]:
    """The title printed most often (OCR damage and local variants lose the vote), first on ties."""
    counts = Counter(normalise_words(t) for t, _ in entries)
    best = max(counts.values())
    return next(e for e in entries if counts[normalise_words(e[0])] == best)


def _grid_missions(lines: list[TextLine], labels: Labels, profile: Profile, sheets: list[_Sheet],
                   warnings: list[Warning_]) -> list[tuple[tuple[str, str, Provenance], list[tuple[str, str]]]]:
    """Missions the overview grid lists and no sheet prints, with their programmes."""
    with_sheets = {s.mission[0] for s in sheets}
    mission_row = next((x for x in lines if (r := labels.match(x.text, "mission", 0)) is not None
                        and len(_GRID_CODE.findall(r)) > 1), None)
    if mission_row is None:
        return []
    rest = labels.match(mission_row.text, "mission", 0) or ""
    codes = _GRID_CODE.findall(rest)
    titles = re.split(_GRID_CODE, rest)[1:]
    programme_row = next((x for x in lines if (r := labels.match(x.text, "programme", 0)) is not None
                          and _GRID_CODE.findall(r)), None)
    groups = _GRID_CODE.findall(labels.match(programme_row.text, "programme", 0) or "") if programme_row else []
    known_missions = profile.settings.get("missions", {})
    known_programmes = profile.settings.get("programmes", {})
    out = []
    for k, code in enumerate(codes):
        before = codes[k - 1] if k else None
        after = codes[k + 1] if k + 1 < len(codes) else None
        if code in with_sheets or (before and before >= code) or (after and after <= code):
            continue  # printed on a sheet, or out of the grid's ascending order: an OCR misreading
        title = _grid_title(titles[k], known_missions.get(code), code, mission_row.prov, warnings)
        programmes = []
        if len(groups) == len(codes):
            for p in re.split(r"\s*/\s*", groups[k]):
                key = f"{code}-{p}"
                programmes.append((key, known_programmes.get(key) or key))
        out.append(((code, title, mission_row.prov), programmes))
    return out


def _grid_title(text: str, standard: str | None, code: str, prov: Provenance, warnings: list[Warning_]) -> str:
    text = collapse(text)
    readable = len(text) >= 5 and sum(c.isalpha() or c in " ',’" for c in text) >= 0.95 * len(text)
    if readable:
        return text
    warnings.append(Warning_("grid_only_mission", f"la missione {code} è solo nella griglia riassuntiva, con un titolo "
                             f"illeggibile ({text[:40]!r})" + ("" if standard else " e sconosciuto"), prov))
    return standard or text


def _assemble(report: Report, sheets: list[_Sheet], grid: list) -> None:  # noqa: ANN001
    """Areas, programmes and objectives in the order mission > programme > objective, by code."""
    missions: dict[str, list[tuple[str, Provenance]]] = {}
    programmes: dict[str, list[tuple[str, Provenance]]] = {}
    for s in sheets:
        missions.setdefault(s.mission[0], []).append((s.mission[1], s.mission[2]))
        programmes.setdefault(s.objective.parent, []).append((s.programme[1], s.programme[2]))
    for (code, title, prov), progs in grid:
        missions[code] = [(title, prov)]
        for key, ptitle in progs:
            programmes[key] = [(ptitle, prov)]
    for m in sorted(missions):
        title, prov = _majority(missions[m])
        report.objectives.append(Objective("area", title, code=m, provenance=prov))
        for p in sorted(k for k in programmes if k.startswith(m + "-")):
            title, prov = _majority(programmes[p])
            report.objectives.append(Objective("strategic", title, code=p, parent=m, provenance=prov))
            for s in sheets:
                if s.objective.parent == p:
                    report.objectives.append(s.objective)
                    report.indicators.extend(s.indicators)
