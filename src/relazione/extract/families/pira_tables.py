"""PIRA tables (Piano degli indicatori e dei risultati attesi di bilancio, D.P.C.M. 18/9/2012) read
from a text or PDF dump whose cells are kept: the national template, one sheet per objective.

    Missione   | 011 - Competitività delle imprese
    Programma  | 005 - Promozione e attuazione di politiche ...
    Obiettivo  | Titolo | <title>
               | Descrizione | ... ; Arco temporale realizzazione ; Centro di responsabilità ;
               | Risorse finanziarie | € ...
    011-005-001                                  <- the objective code, on its own row
               | Nr indicatori associati | 4
    Indicatore | <name>
    Cosa misura | <description>
    Tipologia | Unità di misura | Algoritmo di calcolo | Fonte dei dati | Risultato atteso anno 2024 |
        Risultato conseguito | Risultato atteso anno n+1 | Risultato atteso anno n+2
    <one value row; further rows under the same header are extra measures of the same indicator>

Row labels come from the profile (``[labels]`` for objective fields, ``[settings]`` for the sheet
structure); header cells from ``[columns]``, except the yearly target columns, recognised by the
``settings.target_year`` / ``settings.target_offset`` patterns: the report year's column is the
target, the others go to ``targets`` by year. An overview matrix ("Missione | 011 | ... | 012 | ...")
is not a sheet; its "Obiettivi" row only lends codes to sheets that print none.

Objectives are recorded at ``settings.objective_level``; with ``settings.mission_level`` /
``programme_level`` set, missions and programmes become parent records too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from relazione.extract.extraction import Extraction
from relazione.extract.headings import normalise_words
from relazione.extract.profiles import Profile
from relazione.extract.report_meta import report_metadata
from relazione.extract.tables import map_header
from relazione.readers.blocks import Document, Provenance, Row
from relazione.readers.clean import collapse
from relazione.records.model import Indicator, Objective, Report, Warning_

INDICATOR_FIELDS = ("type", "unit", "algorithm", "source", "baseline", "actual")
MIN_HEADER_FIELDS = 3


@dataclass
class _Sheet:
    """One objective sheet while it is read: the objective, its indicators, the stated count."""

    objective: Objective
    indicators: list[Indicator] = field(default_factory=list)
    stated_count: int | None = None
    context: dict[str, Provenance] = field(default_factory=dict)  # where its Missione / Programma rows are
    filled: set[int] = field(default_factory=set)  # id() of indicators whose value row was read


@dataclass
class _Header:
    """A value-table header: column -> indicator field, or column -> target label ("2025")."""

    fields: dict[int, str]
    targets: dict[int, str]
    target_column: int | None


@dataclass
class _State:
    profile: Profile
    report: Report
    warnings: list[Warning_] = field(default_factory=list)
    mission: str | None = None
    programme: str | None = None
    context: dict[str, Provenance] = field(default_factory=dict)
    sheet: _Sheet | None = None
    header: _Header | None = None
    indicator: Indicator | None = None
    overview_codes: dict[str, str] = field(default_factory=dict)  # normalised title -> code

    def setting(self, key: str, default: object = None) -> object:
        return self.profile.settings.get(key, default)

    def is_label(self, text: str, key: str) -> bool:
        labels = self.setting(key, [])
        return _names(text, [labels] if isinstance(labels, str) else labels)


def _names(label: str, labels: object) -> bool:
    """True when a row label is one of ``labels`` (whole label, case and punctuation aside)."""
    words = normalise_words(label)
    return any(words == normalise_words(lab) for lab in labels)


def _labelled(label: str, table: dict[str, object]) -> str | None:
    """The key of ``table`` (key -> labels) whose labels name this row label."""
    return next((key for key, labels in table.items() if _names(label, labels)), None)


def extract(doc: Document, profile: Profile) -> Extraction:
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    state = _State(profile, report)
    for row in doc.rows():
        if row.filled():
            _on_row(state, row)
    _close_sheet(state)
    return Extraction([report], state.warnings)


def _on_row(state: _State, row: Row) -> None:
    cells = [c.text for c in row.filled()]
    label = cells[0]
    if state.is_label(label, "overview_objectives"):
        _read_overview(state, cells[1:])
        return
    field_name = _objective_field(state, label)
    if field_name in ("mission", "programme"):
        if len(cells) == 2:  # a sheet's own row; the overview matrix lists several pairs
            _set_context(state, field_name, cells[1], row.prov)
        return
    if state.is_label(label, "objective") and len(cells) >= 2 and state.is_label(cells[1], "title"):
        _open_sheet(state, cells[2] if len(cells) > 2 else "", row.prov)
        return
    if state.sheet is None:
        return
    header = _read_header(state, row)
    if header:
        state.header = header
        return
    if len(cells) == 1 and re.fullmatch(str(state.setting("code", r"\d{3}-\d{3}-\d{3}")), label):
        if state.sheet.objective.code is None:
            state.sheet.objective.code = label
        return
    if state.is_label(label, "count"):
        count = cells[1] if len(cells) > 1 else ""
        state.sheet.stated_count = int(count) if count.isdigit() else None
        return
    if state.is_label(label, "indicator"):
        _open_indicator(state, " ".join(cells[1:]), row.prov)
        return
    if state.is_label(label, "measures"):
        if state.indicator is not None:
            state.indicator.description = " ".join(cells[1:]) or None
        return
    section = _narrative_section(state, label)
    if section is not None:
        if len(cells) > 1:
            state.sheet.objective.narrative[section] = " ".join(cells[1:])
        return
    if field_name is not None and len(cells) > 1:
        if getattr(state.sheet.objective, field_name) is None:
            setattr(state.sheet.objective, field_name, " ".join(cells[1:]))
        return
    if state.header is not None and state.indicator is not None:
        _read_values(state, row)
        return
    if field_name is None:
        state.warnings.append(Warning_("unread_row", f"riga del PIRA non capita: {' | '.join(cells)[:80]!r}",
                                       row.prov))


def _objective_field(state: _State, label: str) -> str | None:
    """The objective field a row label names, by the profile's ``[labels]``."""
    return _labelled(label, dict(state.profile.labels))


def _narrative_section(state: _State, label: str) -> str | None:
    """Sheet rows kept as named text (``settings.narrative``: section -> labels), e.g. the time frame."""
    return _labelled(label, dict(state.setting("narrative", {})))


# -- missions, programmes, objectives ------------------------------------------------------------
def _set_context(state: _State, field_name: str, value: str, prov: Provenance) -> None:
    """A Missione / Programma row opens a new sheet context (it precedes the Obiettivo row)."""
    _close_sheet(state)
    value = collapse(value)
    if field_name == "mission":
        state.mission, state.programme = value, None
        state.context = {"mission": prov}
    else:
        state.programme = value
        state.context["programme"] = prov


def _leading_code(value: str | None) -> tuple[str | None, str]:
    """"011 - Competitività delle imprese" -> ("011", "Competitività delle imprese")."""
    m = re.match(r"\s*(\d{3})\s*[-–]?\s*(.*)$", value or "")
    return (m.group(1), m.group(2).strip()) if m else (None, value or "")


def _context_codes(obj: Objective) -> tuple[str | None, str | None]:
    """The mission code ("011") and programme code ("011-005") of a sheet."""
    mission, programme = _leading_code(obj.mission)[0], _leading_code(obj.programme)[0]
    return mission, f"{mission}-{programme}" if mission and programme else None


def _open_sheet(state: _State, title: str, prov: Provenance) -> None:
    _close_sheet(state)
    level = str(state.setting("objective_level", "strategic"))
    obj = Objective(level=level, title=collapse(title), mission=state.mission, programme=state.programme,
                    provenance=prov)
    mission, programme = _context_codes(obj)
    if state.setting("programme_level"):
        obj.parent = programme
    elif state.setting("mission_level"):
        obj.parent = mission
    state.sheet = _Sheet(obj, context=dict(state.context))
    state.header = state.indicator = None


def _add_parents(state: _State, sheet: _Sheet) -> None:
    """Mission and programme records (when the profile asks for them) for a sheet that is kept."""
    mission, programme = _context_codes(sheet.objective)
    wanted = [("mission", mission, sheet.objective.mission, None),
              ("programme", programme, sheet.objective.programme,
               mission if state.setting("mission_level") else None)]
    for key, code, text, parent in wanted:
        level = state.setting(f"{key}_level")
        if not level or code is None or any(o.level == level and o.code == code for o in state.report.objectives):
            continue
        state.report.objectives.append(Objective(level=str(level), title=_leading_code(text)[1], code=code,
                                                 parent=parent, provenance=sheet.context.get(key, Provenance())))


def _close_sheet(state: _State) -> None:
    sheet, state.sheet = state.sheet, None
    state.header = state.indicator = None
    if sheet is None:
        return
    obj = sheet.objective
    if not re.search(r"\p{L}", obj.title) and not sheet.indicators:
        # the template's unused sheets (Missione 033 "Fondi da ripartire", Titolo "0")
        state.warnings.append(Warning_("empty_sheet", f"scheda obiettivo senza titolo né indicatori, saltata "
                                       f"({obj.mission or '?'})", obj.provenance))
        return
    if obj.code is None:
        obj.code = state.overview_codes.get(normalise_words(obj.title))
    _add_parents(state, sheet)
    state.report.objectives.append(obj)
    for n, ind in enumerate(sheet.indicators, start=1):
        ind.objective, ind.n = obj.ref, n
    state.report.indicators.extend(sheet.indicators)
    if sheet.stated_count is not None and sheet.stated_count != len(sheet.indicators):
        state.warnings.append(Warning_("indicator_count", f"{obj.ref}: la scheda dichiara {sheet.stated_count} "
                                       f"indicatori, ne sono stati letti {len(sheet.indicators)}", obj.provenance))


def _read_overview(state: _State, cells: list[str]) -> None:
    """The overview's "Obiettivi" row: code, title, code, title ..."""
    code_re = str(state.setting("code", r"\d{3}-\d{3}-\d{3}"))
    for code, title in zip(cells, cells[1:], strict=False):
        if re.fullmatch(code_re, code):
            state.overview_codes[normalise_words(title)] = code


# -- indicators ----------------------------------------------------------------------------------
def _open_indicator(state: _State, name: str, prov: Provenance) -> None:
    assert state.sheet is not None
    state.indicator = Indicator(objective="", n=len(state.sheet.indicators) + 1, name=collapse(name), provenance=prov)
    state.sheet.indicators.append(state.indicator)
    state.header = None


def _read_header(state: _State, row: Row) -> _Header | None:
    """A value-table header: ordinary columns by the profile's synonyms, yearly targets by pattern."""
    mapped = map_header(row, state.profile.columns, required=None)
    fields = dict(mapped.fields) if mapped else {}
    targets: dict[int, str] = {}
    target_column = None
    year_re = re.compile(str(state.setting("target_year", r"atteso\D{0,20}(?P<year>20\d\d)")), re.IGNORECASE)
    offset_re = re.compile(str(state.setting("target_offset", r"atteso.*\bn\s*\+\s*(?P<offset>\d)")), re.IGNORECASE)
    base = state.report.year
    for i, cell in enumerate(row.texts):
        offset, year = offset_re.search(cell), year_re.search(cell)
        if not (offset or year):
            continue
        fields.pop(i, None)
        if year:
            base = base or int(year.group("year"))
            if int(year.group("year")) == base and target_column is None:
                target_column = i
                continue
            targets[i] = year.group("year")
        else:
            targets[i] = f"n+{offset.group('offset')}"  # resolved below once the base year is known
    if len(fields) + len(targets) + (target_column is not None) < MIN_HEADER_FIELDS:
        return None
    if base:
        state.report.year = state.report.year or base
        targets = {i: str(base + int(t[2:])) if t.startswith("n+") else t for i, t in targets.items()}
    _observed_in_report_year_is_actual(fields, row, base)
    return _Header(fields, targets, target_column)


def _observed_in_report_year_is_actual(fields: dict[int, str], row: Row, year: int | None) -> None:
    """"Ultimo risultato osservato 2024" in a 2024 PIRA is the result, not a baseline, when the
    header has no result column of its own."""
    if year is None or "actual" in fields.values():
        return
    for i, name in fields.items():
        if name == "baseline" and str(year) in row.texts[i]:
            fields[i] = "actual"
            return


def _read_values(state: _State, row: Row) -> None:
    assert state.sheet is not None and state.indicator is not None and state.header is not None
    ind, header, texts = state.indicator, state.header, row.texts

    def cell(i: int | None) -> str | None:
        return collapse(texts[i]) or None if i is not None and i < len(texts) else None

    if id(ind) not in state.sheet.filled:
        state.sheet.filled.add(id(ind))
        for i, name in header.fields.items():
            if name in INDICATOR_FIELDS and cell(i):
                setattr(ind, name, cell(i))
        ind.target = cell(header.target_column)
        for i, label in header.targets.items():
            if cell(i):
                ind.targets[label] = cell(i)
        return
    # A further row under the same header: another measure of the same indicator ("Se altro,
    # indicare qui | Eventuale contenzioso | ..."), labelled by its unit-of-measure cell.
    label_column = next((i for i, f in header.fields.items() if f == "unit"), None)
    label, target = cell(label_column), cell(header.target_column)
    if label and target:
        ind.targets[label] = target
    state.warnings.append(Warning_("extra_measure", f"{ind.name[:40]!r}: un'altra riga di misura "
                                   f"({label or '?'}) tenuta solo come target, senza il suo risultato", row.prov))
