"""Brescia PIAO semester monitoring ("Rendicontazione semestrale performance" at 30 June).

Layout: the performance tree (twice) and an overview table of the indicators' yearly targets come
first; then one sheet per objective — heading line, title line(s), "Peso NN%", label rows
(Bilancio/PIRA, Centro di responsabilità, Risorse finanziarie), free text, the results table and
an optional proposal table of new targets and new ("NUOVO") indicators. Extra and new objectives
and the Azienda Speciale follow in the same sheet form; the national Unioncamere indicators close
the document and are not read.

The document is read in three steps:

1. headings split the row stream into blocks; a block with a sheet body (weight, label rows or an
   indicator table) is a sheet, the others are tree entries or restated headings;
2. the rows before the first sheet are searched for the overview table (yearly targets by
   objective code and indicator number);
3. each sheet gives one objective and its indicators (see :mod:`.brescia_piao_tables`); the
   overview's targets and names complete them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex as re
from rapidfuzz import fuzz

from relazione.extract.extraction import Extraction
from relazione.extract.families.brescia_piao_tables import Layout, RawIndicator, TableReader, layout_of, split_meta
from relazione.extract.headings import HeadingMatch, match_any, normalise_words
from relazione.extract.profiles import Profile
from relazione.extract.report_meta import report_metadata
from relazione.extract.tables import header_field
from relazione.readers.blocks import Document, Row
from relazione.readers.clean import join_wrapped, strip_bullet, strip_markup
from relazione.records.model import Indicator, Objective, Report, Warning_
from relazione.records.values import parse_number

_SHEET_LABELS = ("mission", "programme", "responsible", "resources", "description")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_EMPHASIS = re.compile(r"\*\*|__")
PHRASE_SIMILARITY = 88.0


@dataclass
class Sheet:
    """One heading and the rows up to the next heading."""

    heading: HeadingMatch
    row: Row
    start: int  # index of the heading row in the row stream
    title: str = ""
    weight: float | None = None
    fields: dict[str, str] = field(default_factory=dict)
    narrative: dict[str, str] = field(default_factory=dict)
    indicators: list[RawIndicator] = field(default_factory=list)
    has_body: bool = False


def extract(doc: Document, profile: Profile) -> Extraction:
    layout = layout_of(profile)
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    if report.title:
        report.title = plain(report.title)
    warnings: list[Warning_] = []
    rows = rows_until_end(list(doc.rows()), layout)
    sheets = read_sheets(rows, profile, layout, warnings)
    first_sheet = next((s for s in sheets if s.has_body), None)
    preamble = rows[: first_sheet.start] if first_sheet else rows
    overview = read_overview(preamble, layout)
    objectives = select_objectives(sheets, warnings)
    report.objectives = order_objectives(list(objectives.values()))
    report.indicators = build_indicators(sheets, objectives, overview, layout, warnings)
    return Extraction([report], warnings)


def plain(text: str) -> str:
    """Markup stripped over the whole joined text (bold markers wrapped across lines included)."""
    return " ".join(_EMPHASIS.sub(" ", strip_markup(text)).split())


@cache
def _normalised_phrases(phrases: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    """How much of a text to compare, and the phrases normalised: once per layout, not per line."""
    return max(len(p) for p in phrases) + 2, tuple(normalise_words(p) for p in phrases)


def starts_with(text: str, phrases: tuple[str, ...]) -> bool:
    """The text opens with one of the phrases (fuzzily: OCR and typing slips allowed)."""
    if not phrases:
        return False
    head, wanted = _normalised_phrases(phrases)
    words = normalise_words(text[:head])
    return any(fuzz.ratio(words[: len(w)], w, score_cutoff=PHRASE_SIMILARITY) >= PHRASE_SIMILARITY for w in wanted)


def rows_until_end(rows: list[Row], layout: Layout) -> list[Row]:
    for i, row in enumerate(rows):
        if len(row.cells) == 1 and starts_with(row.cells[0].text, layout.end_phrases):
            return rows[:i]
    return rows


# -- sheets ------------------------------------------------------------------------------------------
def heading_of(row: Row, profile: Profile) -> HeadingMatch | None:
    """Headings are lines of their own; a bulleted line quoting an objective is prose."""
    if len(row.cells) != 1:
        return None
    text = row.cells[0].text
    if strip_bullet(text) != text:
        return None
    return match_any(text, profile.headings)


def read_sheets(rows: list[Row], profile: Profile, layout: Layout, warnings: list[Warning_]) -> list[Sheet]:
    starts = [(i, m) for i, row in enumerate(rows) if (m := heading_of(row, profile))]
    sheets = []
    for k, (i, match) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(rows)
        sheet = Sheet(match, rows[i], i)
        read_body(sheet, rows[i + 1 : end], profile, layout, warnings)
        sheets.append(sheet)
    return sheets


def read_body(sheet: Sheet, body: list[Row], profile: Profile, layout: Layout,
              warnings: list[Warning_]) -> None:
    rule = profile.heading(sheet.heading.level)
    title_rows = take_title(sheet, body, profile, layout, rule.max_title_lines if rule else 3)
    tables = TableReader(layout, warnings)
    section: str | None = None
    narrative: dict[str, list[str]] = {}
    for row in body[title_rows:]:
        if tables.read(row):
            section = None
            continue
        texts = row.texts  # a new list at each access: once for the checks below
        if len(texts) == 1 and (name := narrative_section(texts[0], layout)):
            section = name
            continue
        if starts_with(" ".join(t for t in texts if t), layout.section_breaks):
            section = None
            continue
        if read_weight(sheet, row, layout) or read_labels(sheet, row, profile):
            section = None
            continue
        if section and len(texts) == 1:
            narrative.setdefault(section, []).append(texts[0])
            tables.read_reweighting(texts[0])
    sheet.narrative = {name: plain(" ".join(parts)) for name, parts in narrative.items()}
    sheet.indicators = tables.finish()
    sheet.has_body = sheet.weight is not None or bool(sheet.fields) or bool(sheet.indicators)


def take_title(sheet: Sheet, body: list[Row], profile: Profile, layout: Layout, max_lines: int) -> int:
    """The title: on the heading line, or the next lines up to a paragraph break, a weight or a label;
    a table row's first cell ends it (its other cells hold the weight). Returns the rows used."""
    if sheet.heading.title:
        sheet.title = plain(sheet.heading.title)
        return 0
    parts: list[str] = []
    used = 0
    for row in body[:max_lines]:
        first = row.texts[0]
        if not first or layout.weight.match(first) or label_field(first, profile):
            break
        if parts and row.after_blank:
            break
        parts.append(first)
        used += 1
        if len(row.texts) > 1:
            read_weight(sheet, row, layout)
            break
    sheet.title = plain(join_wrapped(parts))
    return used


def read_weight(sheet: Sheet, row: Row, layout: Layout) -> bool:
    """"Peso 50%" in any cell; the first one stated is the objective's weight."""
    found = False
    for cell in row.texts:
        m = layout.weight.match(cell)
        if m:
            found = True
            if sheet.weight is None:
                sheet.weight = parse_number(m.group("value"))
    return found


def label_field(text: str, profile: Profile) -> str | None:
    name, _ = header_field(text[:80], profile.labels)
    return name


def read_labels(sheet: Sheet, row: Row, profile: Profile) -> bool:
    """Label rows ("Centro di responsabilità | value"), cells holding their own value ("Missione 011 –
    ...") and "Label: value" lines fill the sheet's fields; the first value stated wins."""
    found = False
    texts = row.texts
    if len(texts) == 1:
        label, sep, value = texts[0].partition(":")
        pairs = [(label_field(label, profile), value)] if sep and len(label) <= 60 else []
    else:
        value = " ".join(c for c in texts[1:] if c)
        pairs = [(label_field(texts[0], profile), value)]
        pairs += [(label_field(cell, profile), cell) for cell in texts[1:] if cell]
    for name, value in pairs:
        if name == "weight":
            found = True  # "Peso dell'obiettivo operativo": the label line of the weight
        elif name in _SHEET_LABELS and value.strip():
            found = True
            sheet.fields.setdefault(name, plain(value))
    return found


def narrative_section(text: str, layout: Layout) -> str | None:
    return next((name for name, phrases in layout.narrative.items() if starts_with(text, phrases)), None)


# -- overview table -----------------------------------------------------------------------------------
@dataclass
class OverviewIndicator:
    name: str
    targets: dict[str, str]


def read_overview(rows: list[Row], layout: Layout) -> dict[tuple[str, int], OverviewIndicator]:
    """Yearly targets by (objective code, indicator number). An objective row names the year columns
    ("OBIETTIVO STRATEGICO 1.1: title | 2024 | 2025 | 2026"); the strategic rows are the table's
    header, so an operational row's own year cell (once mistyped "2023") does not rename a column."""
    found: dict[tuple[str, int], OverviewIndicator] = {}
    code: str | None = None
    years: list[str] = []
    for row in rows:
        cells = row.texts
        m = layout.overview_code.match(cells[0])
        row_years = [c for c in cells[1:] if c]
        if m and row_years and all(_YEAR.match(y) for y in row_years):
            code = m.group("code")
            if code.count(".") == 1 or not years:
                years = cells[1:]
            continue
        m = layout.overview_indicator.match(cells[0])
        if m and code:
            targets = {years[i]: v for i, v in enumerate(cells[1:]) if v and i < len(years) and years[i]}
            found[(code, int(m.group("n")))] = OverviewIndicator(plain(m.group("name")), targets)
    return found


# -- objectives ---------------------------------------------------------------------------------------
def select_objectives(sheets: list[Sheet], warnings: list[Warning_]) -> dict[tuple[str, str | None], Objective]:
    """One objective per (level, code): its first sheet; an area by the heading that opens the detail
    part (the one followed by a sheet); anything else by its first mention."""
    chosen: dict[tuple[str, str | None], Sheet] = {}
    for k, sheet in enumerate(sheets):
        key = (sheet.heading.level, sheet.heading.code)
        previous = chosen.get(key)
        opens_detail = k + 1 < len(sheets) and sheets[k + 1].has_body
        if previous is None or not previous.has_body and (sheet.has_body or opens_detail):
            chosen[key] = sheet
        elif sheet.has_body and previous.has_body:
            warnings.append(Warning_("duplicate_sheet", f"seconda scheda per {key[0]} {key[1]}: ignorata",
                                     sheet.row.prov))
    return {key: objective_of(sheet) for key, sheet in chosen.items()}


def objective_of(sheet: Sheet) -> Objective:
    code = sheet.heading.code
    level = sheet.heading.level
    parent = code.rsplit(".", 1)[0] if code and "." in code and level != "area" else None
    return Objective(level=level, title=sheet.title, code=code, parent=parent, weight=sheet.weight,
                     narrative=sheet.narrative, provenance=sheet.row.prov, **sheet.fields)


def code_key(code: str | None) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split(".")) if code and re.fullmatch(r"\d+(?:\.\d+)*", code) else ()


def order_objectives(objectives: list[Objective]) -> list[Objective]:
    """Tree order: areas, then each one's strategic objectives and their operational ones by code;
    objectives outside the tree (no parent, below area level) follow in document order."""
    in_tree = [o for o in objectives if (o.level == "area" or o.parent) and code_key(o.code)]
    others = [o for o in objectives if o not in in_tree]
    in_tree.sort(key=lambda o: code_key(o.code))
    others.sort(key=lambda o: (o.provenance.page or 0, o.provenance.line or 0))  # PDFs number lines per page
    return in_tree + others


# -- indicators ---------------------------------------------------------------------------------------
def build_indicators(sheets: list[Sheet], objectives: dict[tuple[str, str | None], Objective],
                     overview: dict[tuple[str, int], OverviewIndicator], layout: Layout,
                     warnings: list[Warning_]) -> list[Indicator]:
    indicators: list[Indicator] = []
    used: set[tuple[str, int]] = set()
    for sheet in sheets:
        obj = objectives.get((sheet.heading.level, sheet.heading.code))
        if obj is None or obj.provenance != sheet.row.prov:  # not the sheet the objective was taken from
            continue
        for raw in sheet.indicators:
            key = (obj.ref, raw.n)
            over = overview.get(key) if raw.code is None else None
            if over:
                used.add(key)
            indicators.append(indicator_of(raw, obj.ref, over, layout, warnings))
    for key in [k for k in overview if k not in used]:  # overview order: a set's order changes between runs
        warnings.append(Warning_("overview_only", f"l'indicatore {key[0]} #{key[1]} del quadro riassuntivo "
                                                 "non ha una riga nelle schede"))
    return indicators


def indicator_of(raw: RawIndicator, ref: str, over: OverviewIndicator | None, layout: Layout,
                 warnings: list[Warning_]) -> Indicator:
    name, meta = split_meta(plain(join_wrapped(raw.name_parts)), layout)
    if not name and over:
        name = over.name  # the sheet row lost its name cell: the overview still states it
    if not name:
        warnings.append(Warning_("indicator_without_name", f"{ref} #{raw.n}: nome non trovato", raw.prov))
    targets = dict(over.targets) if over else {}
    targets.update(raw.targets)
    values = {f: plain(join_wrapped(parts)) or None for f, parts in raw.values.items()}
    return Indicator(
        objective=ref, n=raw.n, name=name, code=raw.code, weight=raw.weight, targets=targets,
        target=values.get("target"), actual=values.get("actual"), baseline=values.get("baseline"),
        type=meta.get("type"), unit=meta.get("unit"), algorithm=meta.get("algorithm"), source=meta.get("source"),
        provenance=raw.prov,
    )
