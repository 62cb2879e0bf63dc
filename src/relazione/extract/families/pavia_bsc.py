"""Balanced Scorecard Relazione (ex CCIAA Pavia): headline figures in section 1, objectives in annexes.

- Section 1: ``label | NN%`` rows (ente, prospettive, units) -> ``summary``; the prospettive are the
  areas (code = prospettiva number, score = the stated %).
- Allegato A (strategic): ``code | KPI | measure | target | result | % | NOTE``. The OS code is written on
  the first row of its group only; prospettiva header rows (text in the first cell only) reset it, so
  rows of a prospettiva without OS codes belong to the area itself. A row holding only a name cell
  continues the previous KPI name across a page break. Each row is one indicator of its OS.
- Allegato B (operational, "OBIETTIVI OPERATIVI DI ENTE"): ``OS code - title | OO title | indicator |
  target | result | % | NOTE``; one row is one OO (no code) with its single indicator; the % is the OO
  score. The first cell gives the OS titles (wrapping over a page break); a row holding only a NOTE
  continues the previous one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re
from rapidfuzz import fuzz

from relazione.extract.extraction import Extraction
from relazione.extract.families.integra import joined, texts
from relazione.extract.headings import match_heading, normalise_words
from relazione.extract.profiles import Profile
from relazione.extract.report_meta import report_metadata
from relazione.readers.blocks import Document, Line, Provenance, Row, Table
from relazione.readers.clean import join_wrapped
from relazione.records.model import Indicator, Objective, Report, Warning_
from relazione.records.values import parse_number

HEADER_SIMILARITY = 85.0
AREA_TITLE_SIMILARITY = 85.0


@dataclass(frozen=True)
class Layout:
    settings: dict
    percent: re.Pattern[str]
    os_code: re.Pattern[str]
    os_heading: re.Pattern[str]
    baseline: re.Pattern[str]
    verdict: re.Pattern[str]
    empty: frozenset[str]


def layout_of(profile: Profile) -> Layout:
    s = profile.settings
    return Layout(
        settings=s,
        percent=re.compile(s["percent"]),
        os_code=re.compile(s["os_code"]),
        os_heading=re.compile(s["os_heading"]),
        baseline=re.compile(s["baseline"]),
        verdict=re.compile(s["verdict"]),
        empty=frozenset(s.get("empty_values", [])),
    )


@dataclass
class State:
    profile: Profile
    layout: Layout
    report: Report
    warnings: list[Warning_] = field(default_factory=list)
    areas: list[Objective] = field(default_factory=list)
    strategic: dict[str, Objective] = field(default_factory=dict)
    operational: list[Objective] = field(default_factory=list)

    def warn(self, code: str, message: str, prov: Provenance) -> None:
        self.warnings.append(Warning_(code, message, prov))

    def add_indicator(self, owner: str, prov: Provenance, **fields: str | None) -> Indicator:
        n = 1 + sum(1 for i in self.report.indicators if i.objective == owner)
        indicator = Indicator(objective=owner, n=n, name=fields.pop("name") or "", provenance=prov, **fields)
        self.report.indicators.append(indicator)
        return indicator


def extract(doc: Document, profile: Profile) -> Extraction:
    layout = layout_of(profile)
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    if report.reference_date is None and report.year and layout.settings.get("reference_year_end"):
        report.reference_date = f"{report.year}-12-31"
    state = State(profile, layout, report)
    read_summary(state, doc)
    strategic = find_table(doc, lambda t: is_strategic_header(layout, t))
    operational = find_table(doc, lambda t: True, after=layout.settings["operational_after"])
    if strategic is None:
        state.warn("no_strategic_table", "nessuna tabella intestata agli obiettivi strategici", Provenance())
    else:
        read_strategic_table(state, strategic)
    if operational is None:
        state.warn("no_operational_table", "nessuna tabella degli obiettivi operativi", Provenance())
    else:
        read_operational_table(state, operational)
    report.objectives = state.areas + sorted(state.strategic.values(), key=code_key) + state.operational
    for os_ in state.strategic.values():
        if not os_.title:
            state.warn("strategic_title", f"titolo non trovato per l'obiettivo strategico {os_.code}", os_.provenance)
    return Extraction([report], state.warnings)


def code_key(obj: Objective) -> tuple[int, ...]:
    return tuple(int(p) for p in (obj.code or "0").split(".") if p.isdigit())


# -- locating the tables ------------------------------------------------------------------------------
def find_table(doc: Document, accept, after: str | None = None) -> Table | None:  # noqa: ANN001
    """The first table accepted, after the first text line matching ``after`` when given."""
    armed = after is None
    pattern = re.compile(after, re.IGNORECASE) if after else None
    for block in doc.blocks:
        if isinstance(block, Line):
            armed = armed or bool(pattern and pattern.search(block.text))
        elif armed and accept(block):
            return block
    return None


def like(cell: str, label: str) -> bool:
    return fuzz.ratio(normalise_words(cell), normalise_words(label)) >= HEADER_SIMILARITY


def is_strategic_header(layout: Layout, table: Table) -> bool:
    row = table.rows[0]
    cells = [c for c in row.texts if c]
    return (
        bool(cells) and like(cells[0], layout.settings["strategic_header"])
        and not any(like(c, layout.settings["operational_header"]) for c in cells)
    )


def is_header_row(layout: Layout, row: Row) -> bool:
    filled = texts(row)
    return bool(filled) and like(filled[0], layout.settings["strategic_header"])


def cells_by_name(row: Row, columns: dict[str, int]) -> dict[str, str]:
    cells = row.texts
    return {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}


# -- section 1 ---------------------------------------------------------------------------------------
def read_summary(state: State, doc: Document) -> None:
    """``label | NN%`` rows of the table after the section 1 heading; prospettive become areas."""
    table = find_table(doc, lambda t: True, after=state.layout.settings["summary_heading"])
    if table is None:
        state.warn("no_summary", "nessuna tabella dei risultati complessivi", Provenance())
        return
    area_rule = state.profile.heading("area")
    for row in table.rows:
        filled = texts(row)
        if len(filled) < 2 or not state.layout.percent.match(filled[-1]):
            continue
        label, value = filled[-2], filled[-1]
        state.report.summary[label] = value
        heading = match_heading(label, area_rule) if area_rule else None
        if heading and heading.code and heading.title:
            state.areas.append(Objective(level="area", title=heading.title, code=heading.code,
                                         score=percent_value(state.layout, value), provenance=row.prov))


def area_named(state: State, text: str) -> Objective | None:
    """The area whose title a prospettiva header row repeats (OCR-tolerant)."""
    words = normalise_words(text)
    best = max(state.areas, key=lambda a: fuzz.ratio(words, normalise_words(a.title)), default=None)
    if best is not None and fuzz.ratio(words, normalise_words(best.title)) >= AREA_TITLE_SIMILARITY:
        return best
    return None


# -- Allegato A ----------------------------------------------------------------------------------------
def read_strategic_table(state: State, table: Table) -> None:
    layout = state.layout
    columns = layout.settings["strategic_columns"]
    area: Objective | None = None
    owner: Objective | None = None  # the OS (or the area, when its rows carry no OS code)
    last: Indicator | None = None
    for row in table.rows:
        if not texts(row) or is_header_row(layout, row):
            continue
        cells = cells_by_name(row, columns)
        only = [name for name, text in cells.items() if text]
        if only == ["code"]:  # a prospettiva header row
            area = area_named(state, cells["code"])
            if area is None:
                state.warn("unknown_area", f"la riga di prospettiva non nomina un'area: {cells['code']!r}", row.prov)
            owner, last = area, None
            continue
        if only == ["name"] and last is not None:  # a KPI name continued after a page break
            last.name = join_wrapped([last.name, cells["name"]])
            continue
        if cells["code"]:
            owner = strategic_objective(state, cells["code"], area, row.prov)
        if owner is None or not cells["name"]:
            state.warn("strategic_row", f"riga non letta: {joined(row)[:80]!r}", row.prov)
            continue
        last = state.add_indicator(
            owner.ref, row.prov, name=cells["name"], algorithm=cells["algorithm"] or None,
            target=stated(layout, cells["target"]), actual=stated(layout, cells["actual"]),
            baseline=baseline(layout, cells["note"]), status=verdict(layout, cells["note"]),
        )


def strategic_objective(state: State, text: str, area: Objective | None, prov: Provenance) -> Objective | None:
    m = state.layout.os_code.match(text)
    if not m:
        state.warn("strategic_code", f"non è un codice di obiettivo: {text!r}", prov)
        return None
    code = m.group("code")
    if code not in state.strategic:
        parent = area.code if area else code.split(".")[0]
        state.strategic[code] = Objective(level="strategic", title="", code=code, parent=parent, provenance=prov)
    return state.strategic[code]


# -- Allegato B ----------------------------------------------------------------------------------------
def read_operational_table(state: State, table: Table) -> None:
    layout = state.layout
    columns = layout.settings["operational_columns"]
    current_os: Objective | None = None
    last: Objective | None = None
    note = ""
    for row in table.rows:
        if not texts(row) or is_header_row(layout, row):
            continue
        cells = cells_by_name(row, columns)
        if cells["strategic"]:
            current_os = strategic_heading(state, cells["strategic"], current_os, row.prov)
        if not cells["title"]:
            if cells["note"] and last is not None:  # a NOTE continued after a page break
                note = join_wrapped([note, cells["note"]])
                last.status = verdict(layout, note) or last.status
            continue
        if current_os is None:
            state.warn("operational_row", f"obiettivo prima di qualsiasi codice strategico: {joined(row)[:80]!r}",
                       row.prov)
            continue
        note = cells["note"]
        last = Objective(level="operational", title=cells["title"], parent=current_os.code,
                         score=percent_value(layout, cells["score"]), status=verdict(layout, note),
                         provenance=row.prov)
        state.operational.append(last)
        state.add_indicator(last.ref, row.prov, name=cells["name"], target=stated(layout, cells["target"]),
                            actual=stated(layout, cells["actual"]))


def strategic_heading(state: State, text: str, current: Objective | None, prov: Provenance) -> Objective | None:
    """``1.1 - TITLE`` opens an OS group; text without a code continues the title of the open one."""
    m = state.layout.os_heading.match(text)
    if not m:
        if current is not None:
            current.title = join_wrapped([current.title, text])
        return current
    code, title = m.group("code"), m.group("title").strip()
    obj = state.strategic.get(code)
    if obj is None:
        obj = Objective(level="strategic", title="", code=code, parent=code.split(".")[0], provenance=prov)
        state.strategic[code] = obj
    if obj.title and normalise_words(obj.title) != normalise_words(title):
        state.warn("strategic_title", f"{code} ha un altro titolo: {title!r}", prov)
    else:
        obj.title = title
    return obj


# -- cell values ---------------------------------------------------------------------------------------
def stated(layout: Layout, text: str) -> str | None:
    return text if text and text not in layout.empty else None


def percent_value(layout: Layout, text: str) -> float | None:
    m = layout.percent.match(text.strip())
    return parse_number(m.group("value")) if m else None


def baseline(layout: Layout, note: str) -> str | None:
    m = layout.baseline.search(note)
    return m.group("value").strip() if m else None


def verdict(layout: Layout, note: str) -> str | None:
    m = layout.verdict.search(note)
    return m.group(0).strip() if m else None
