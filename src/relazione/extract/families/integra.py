"""INTEGRA (Unioncamere) Relazione sulla Performance: sheets of label rows plus indicator tables.

The layout, as the profile ``extractors/integra.toml`` describes it:

- section 1: headline figures, one ``label | NN,NN%`` row each (ENTE, AS1 - ..., units) -> ``summary``;
- section 3.1: an area header row ``AS1 - title`` (its description on the next one-cell row), then one
  sheet per strategic objective: ``Obiettivo strategico | OS 1.1 - title (Peso: 100,00%)``, label rows
  (Descrizione, Programma, Risorse, Risultato misurato obiettivo, Valutazione obiettivo) and an
  indicator table (``Indicatore | Algoritmo | Target | Consuntivo | Scostamento``);
- section 3.2: one-cell group rows ``OS 1.1 - title`` (the parent), then operational sheets alike;
- section 3.3: ``PESO | AMBITO STRATEGICO | VALUTAZIONE``: the area weights and scores.

Headings are matched on the joined cells of a row with the core heading matcher; the 3.0 tree (several
headings per row) is skipped because area and group headers must stand alone on their row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from relazione.extract.extraction import Extraction
from relazione.extract.headings import HeadingMatch, match_heading
from relazione.extract.profiles import HeadingRule, Profile
from relazione.extract.report_meta import report_metadata
from relazione.extract.tables import ColumnMap, header_field, map_header, read_row
from relazione.readers.blocks import Document, Provenance, Row
from relazione.readers.clean import collapse
from relazione.records.model import Indicator, Objective, Report, Warning_
from relazione.records.values import parse_number


def texts(row: Row) -> list[str]:
    """The non-empty cells of a row."""
    return [c.text for c in row.cells if c.text]


def joined(row: Row) -> str:
    return " ".join(texts(row))


@dataclass(frozen=True)
class Layout:
    """The profile's knowledge, compiled once."""

    area: HeadingRule
    strategic: HeadingRule
    operational: HeadingRule
    group: HeadingRule
    glued_code: re.Pattern[str]
    weight: re.Pattern[str]
    type: re.Pattern[str]
    common_marker: re.Pattern[str]
    indicator_codes: tuple[re.Pattern[str], ...]
    description_start: re.Pattern[str] | None
    source: re.Pattern[str]
    percent: re.Pattern[str]
    columns: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, ...]]
    area_table: dict[str, tuple[str, ...]]
    reference_year_end: bool


def layout_of(profile: Profile) -> Layout:
    s = profile.settings
    group = s.get("group_heading", {})
    starts = s.get("description_starts", [])
    return Layout(
        area=profile.required_heading("area"),
        strategic=profile.required_heading("strategic"),
        operational=profile.required_heading("operational"),
        group=HeadingRule("strategic", tuple(group.get("keywords", ["OS"])), group.get("code", r"\d+(?:\.\d+)+")),
        glued_code=re.compile(s.get("glued_code", r"^(?P<prefix>[A-Z]{2})(?=\d)")),
        weight=re.compile(s["weight"], re.IGNORECASE),
        type=re.compile(s["type"], re.IGNORECASE),
        common_marker=re.compile(s.get("common_marker", r"(?!)")),
        indicator_codes=tuple(re.compile(p) for p in s.get("indicator_code", [])),
        description_start=(
            re.compile(r"(?<=\S\s+)\b(?:" + "|".join(re.escape(w) for w in starts) + r")\b") if starts else None
        ),
        source=re.compile(s["source"], re.IGNORECASE),
        percent=re.compile(s["percent"]),
        columns=profile.columns,
        labels=profile.labels,
        area_table={k: tuple(v) for k, v in s.get("area_table", {}).items()},
        reference_year_end=bool(s.get("reference_year_end", False)),
    )


@dataclass
class State:
    report: Report
    layout: Layout
    warnings: list[Warning_] = field(default_factory=list)
    area: Objective | None = None
    group: str | None = None  # code of the 3.2 group heading: the parent of the sheets below it
    current: Objective | None = None  # the sheet being read
    columns: ColumnMap | None = None  # the open indicator table's header
    described: Objective | None = None  # the header whose description may follow on the next row
    area_table: ColumnMap | None = None
    area_figures: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)  # code -> weight, score
    by_code: dict[str, Objective] = field(default_factory=dict)

    def warn(self, code: str, message: str, prov: Provenance) -> None:
        self.warnings.append(Warning_(code, message, prov))


def extract(doc: Document, profile: Profile) -> Extraction:
    layout = layout_of(profile)
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    if report.reference_date is None and report.year and layout.reference_year_end:
        report.reference_date = f"{report.year}-12-31"
    state = State(report, layout)
    for row in doc.rows():
        read(state, row)
    apply_area_figures(state)
    return Extraction([report], state.warnings)


# -- dispatch --------------------------------------------------------------------------------------
def read(state: State, row: Row) -> None:
    if not texts(row):
        return
    if read_area_table(state, row):
        return
    heading = sheet_heading(state.layout, row)
    if heading:
        open_sheet(state, heading, row)
        return
    if not state.by_code and read_summary(state, row):
        return  # section 1 precedes every sheet
    if row.after_blank:
        state.columns = None  # a blank line ends a sheet's indicator table
    columns = map_header(row, state.layout.columns)
    if columns and state.current is not None:
        state.columns = columns
        return
    if state.columns is not None and state.current is not None:
        read_indicator(state, row)
        return
    if state.current is not None and read_label(state, row):
        return
    if len(texts(row)) == 1:
        read_standalone(state, row)


def unglue(layout: Layout, text: str) -> str:
    return layout.glued_code.sub(r"\g<prefix> ", text)


def sheet_heading(layout: Layout, row: Row) -> HeadingMatch | None:
    """A sheet opens on a row whose first cell names the level ("Obiettivo strategico | OS 1.1 - ...")."""
    if len(texts(row)) < 2:
        return None
    text = unglue(layout, joined(row))
    return match_heading(text, layout.strategic) or match_heading(text, layout.operational)


def read_standalone(state: State, row: Row) -> None:
    """A one-cell row: an area header, a 3.2 group header, or the description under either."""
    layout = state.layout
    (cell,) = texts(row)
    text = unglue(layout, cell)
    area = match_heading(text, layout.area)
    if area and area.title:
        open_area(state, area, row)
        return
    group = match_heading(text, layout.group)
    if group and group.title:
        state.group = group.code
        state.current = None
        state.columns = None
        parent = state.by_code.get(group.code or "")
        if parent is None:
            state.warn("unknown_group", f"il gruppo operativo {group.code} non corrisponde a nessuna scheda strategica",
                       row.prov)
        state.described = parent
        return
    if state.described is not None and state.described.description is None:
        state.described.description = cell
    state.described = None


# -- section 1 ---------------------------------------------------------------------------------------
def read_summary(state: State, row: Row) -> bool:
    """``label | NN,NN%`` rows: the stated headline figures."""
    filled = texts(row)
    if len(filled) != 2 or not state.layout.percent.match(filled[1]):
        return False
    label, value = filled
    state.report.summary[label] = value
    area = match_heading(unglue(state.layout, label), state.layout.area)
    if area and area.code:
        weight, _ = state.area_figures.get(area.code, (None, None))
        state.area_figures[area.code] = (weight, percent_value(state.layout, value))
    return True


# -- section 3.3 -------------------------------------------------------------------------------------
def read_area_table(state: State, row: Row) -> bool:
    """``PESO | AMBITO STRATEGICO | VALUTAZIONE`` and the rows under it: area weights and scores."""
    layout = state.layout
    if not layout.area_table:
        return False
    if state.area_table is None or row.after_blank:
        columns = map_header(row, layout.area_table)
        state.area_table = columns if columns and {"weight", "score"} & set(columns.fields.values()) else None
        return state.area_table is not None
    values = read_row(row, state.area_table)
    area = match_heading(unglue(layout, values.get("name", "")), layout.area)
    if not (area and area.code):
        state.area_table = None  # the table is over: prose or another table follows
        return False
    state.area_figures[area.code] = (
        percent_value(layout, values.get("weight", "")),
        percent_value(layout, values.get("score", "")),
    )
    return True


def apply_area_figures(state: State) -> None:
    for code, (weight, score) in state.area_figures.items():
        area = state.by_code.get(code)
        if area is None or area.level != "area":
            state.warn("area_figure", f"dati per l'area {code} ma nessuna scheda d'area", Provenance())
            continue
        if weight is not None:
            area.weight = weight
        if score is not None:
            area.score = score


# -- objectives ----------------------------------------------------------------------------------------
def open_area(state: State, heading: HeadingMatch, row: Row) -> None:
    area = Objective(level="area", title=heading.title, code=heading.code, provenance=row.prov)
    add_objective(state, area)
    state.area = area
    state.current = None
    state.columns = None
    state.group = None
    state.described = area


def open_sheet(state: State, heading: HeadingMatch, row: Row) -> None:
    layout = state.layout
    code = re.sub(r"\s+", ".", heading.code or "") or None
    title, weight = take_metadata(layout.weight, heading.title)
    obj = Objective(level=heading.level, title=title, code=code, weight=percent_number(weight),
                    provenance=row.prov)
    obj.parent = parent_of(state, obj, row.prov)
    add_objective(state, obj)
    state.current = obj
    state.columns = None
    state.described = None


def parent_of(state: State, obj: Objective, prov: Provenance) -> str | None:
    """The enclosing header (area for a strategic sheet, 3.2 group for an operational one); the
    code prefix when there is none. A disagreement is reported, the header wins."""
    prefix = obj.code.rsplit(".", 1)[0] if obj.code and "." in obj.code else None
    area = state.area.code if state.area else None
    stated = area if obj.level == "strategic" else state.group
    if stated and prefix and stated != prefix:
        state.warn("parent_mismatch", f"{obj.level} {obj.code} si trova sotto {stated}", prov)
    return stated or prefix


def add_objective(state: State, obj: Objective) -> None:
    if obj.code in state.by_code:
        state.warn("duplicate_code", f"{obj.level}: il codice {obj.code} compare due volte", obj.provenance)
    state.report.objectives.append(obj)
    if obj.code:
        state.by_code.setdefault(obj.code, obj)


def read_label(state: State, row: Row) -> bool:
    """``Descrizione | text`` style rows fill the open sheet's fields."""
    label, *values = texts(row)
    field_name, _ = header_field(label, state.layout.labels)
    if field_name is None:
        return False
    value = " ".join(values) or None
    obj = state.current
    assert obj is not None
    if field_name == "score":
        obj.score = percent_value(state.layout, value or "")
        if value and obj.score is None:
            state.warn("score", f"punteggio illeggibile {value!r}", row.prov)
    else:
        setattr(obj, field_name, value)
    return True


# -- indicators ----------------------------------------------------------------------------------------
def read_indicator(state: State, row: Row) -> None:
    layout = state.layout
    assert state.current is not None and state.columns is not None
    values = read_row(row, state.columns)
    cell = values.get("name", "")
    text, weight = take_metadata(layout.weight, cell)
    text, kind = take_metadata(layout.type, text)
    text = layout.common_marker.sub("", text)
    code, text = split_code(layout, text)
    if weight is None and code is None:
        state.warn("indicator_row", f"riga di una tabella di indicatori non letta: {joined(row)[:80]!r}", row.prov)
        return
    name, description = split_description(layout, text)
    algorithm, source = take_source(layout, values.get("algorithm"))
    owner = state.current.ref
    n = 1 + sum(1 for i in state.report.indicators if i.objective == owner)
    state.report.indicators.append(Indicator(
        objective=owner, n=n, name=name, code=code, description=description, weight=percent_number(weight),
        type=kind or None, algorithm=algorithm, source=source, target=values.get("target"),
        actual=values.get("actual"), deviation=values.get("deviation"), provenance=row.prov,
    ))


def take_metadata(pattern: re.Pattern[str], text: str) -> tuple[str, str | None]:
    """Remove "(Peso: 30,00%)"-style metadata from a text; return the rest and the value."""
    m = pattern.search(text)
    if not m:
        return text, None
    return collapse(text[: m.start()] + " " + text[m.end():]), m.group("value")


def split_code(layout: Layout, text: str) -> tuple[str | None, str]:
    for pattern in layout.indicator_codes:
        m = pattern.match(text)
        if m:
            return m.group("code"), text[m.end():].strip()
    return None, text


def split_description(layout: Layout, text: str) -> tuple[str, str | None]:
    """Name and description share a cell: the description opens with a known word, or repeats the name."""
    words = text.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        name = " ".join(words[:half])
        return name, name
    m = layout.description_start.search(text) if layout.description_start else None
    if m:
        return text[: m.start()].rstrip(), text[m.start():]
    return text, None


def take_source(layout: Layout, algorithm: str | None) -> tuple[str | None, str | None]:
    if not algorithm:
        return None, None
    m = layout.source.search(algorithm)
    if not m:
        return algorithm, None
    return algorithm[: m.start()].rstrip() or None, m.group("value").strip() or None


# -- numbers -----------------------------------------------------------------------------------------
def percent_number(raw: str | None) -> float | None:
    return parse_number(raw) if raw else None


def percent_value(layout: Layout, raw: str) -> float | None:
    m = layout.percent.match(raw.strip())
    return parse_number(m.group("value")) if m else None
