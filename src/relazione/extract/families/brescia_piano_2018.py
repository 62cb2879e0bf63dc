"""Brescia Piano della Performance 2018, semester monitoring: a layout-preserving PDF-to-text dump.

The layout, as the profile ``extractors/brescia_piano_2018.toml`` describes it:

- the performance tree: ``AREA STRATEGICA n`` / ``OBIETTIVO STRATEGICO n.m`` / ``OBIETTIVO OPERATIVO
  n.m.k`` headings, each with its title on the next lines and, for areas and strategic objectives, a
  ``Valore=33,33`` weight (sometimes glued to a side label: ``Valore=33,33RELAZIONE``). The reading
  order is shuffled, so children are attached by numeric code, never by position;
- the weight table ("Pesi degli Obiettivi ..."): ``Obiettivo Operativo 3.1.1``, title, ``40,00%``;
- one sheet per operational objective: heading, title, ``Peso dell'obiettivo dirigenziale`` and
  ``Peso: 30 %``, an overview ("Prospettiva strategica", skipped), labelled prose sections, the
  ``INDICATORI`` blocks, then prose on the results whose paragraphs restart with ``Indicatore N:``
  (not indicators), proposals, costs and documentation;
- an indicator block: ``Indicatore N: name``, ``Tipo Indicatore: □X efficacia esterna □ ...``,
  ``Target storico di riferimento: Valore Target: Peso`` / ``al 30/6 al 31/12``, the value row
  (storico | 30/6 | 31/12 | peso, its cells one column after another and wrapped over lines: split
  into cells by :mod:`.brescia_piano_2018_values`), ``Risultati raggiunti ...`` and ``Scostamenti ...``.

The document is read line by line from :meth:`Document.text_lines`, so the same code reads the
block stream of the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex as re

from relazione.extract.extraction import Extraction
from relazione.extract.families.brescia_piano_2018_values import read_value_row, word_key
from relazione.extract.headings import match_any, match_heading
from relazione.extract.profiles import HeadingRule, Profile
from relazione.extract.report_meta import report_metadata
from relazione.readers.blocks import Document, Provenance
from relazione.readers.clean import collapse, join_paragraphs, join_wrapped
from relazione.records.model import Indicator, Objective, Report, Warning_
from relazione.records.values import parse_number

_VALORE = re.compile(r"^Valore\s*=\s*(?P<w>\d+(?:[.,]\d+)?)", re.IGNORECASE)
_SHEET_WEIGHT = re.compile(r"^Peso\s*:\s*(?P<w>\d+(?:[.,]\d+)?)\s*%", re.IGNORECASE)
_PERCENT_LINE = re.compile(r"^(?P<w>\d+(?:[.,]\d+)?)\s*%$")
_INDICATORS = re.compile(r"^INDICATORI(?:\s+DI\s+RISULTATO)?\s*:?$")
_INDICATOR = re.compile(r"^Indicatore\s*(?P<n>\d+)\s*:\s*(?P<name>.*)$", re.IGNORECASE)
_NEW_INDICATOR = re.compile(r"^NUOVO\s+INDICATORE$", re.IGNORECASE)
_TYPE = re.compile(r"^Tipo\s+Indicatore\s*:?\s*", re.IGNORECASE)
_BOX = re.compile(r"[□☐❑]\s*(?P<x>[xX☒]?)\s*(?P<label>[^□☐❑]+)")
_VALUES_HEADER = re.compile(r"^Target\s+storico\b", re.IGNORECASE)
_COLUMN_LABEL = re.compile(r"\bal\s+(?P<label>\d{1,2}/\d{1,2})\b", re.IGNORECASE)
_RESULT = re.compile(r"^Risultati?\s+raggiunt[oaie]\b\s*:?\s*", re.IGNORECASE)
_DEVIATION = re.compile(r"^Scostament[oi]\b\s*:?\s*", re.IGNORECASE)
_RESULTS_PROSE = re.compile(r"^Breve\s+descrizione\b", re.IGNORECASE)
_RESULTS_HEADING = re.compile(r"^Breve\s+descrizione\b.*?\bdell['’]obiettivo\b\s*", re.IGNORECASE)
SHEET_MARKER_WITHIN = 10  # lines between a sheet heading and its "Peso dell'obiettivo" line


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of the stream; ``cells`` keeps the cells of a table row (a PDF may deliver the value
    row as one), ``text`` is them joined by spaces."""

    cells: tuple[str, ...]
    prov: Provenance

    @property
    def text(self) -> str:
        return " ".join(self.cells)

    @property
    def tabbed(self) -> str:
        return "\t".join(self.cells)


def text_line(text: str, prov: Provenance) -> TextLine | None:
    cells = tuple(c for c in (collapse(part) for part in text.split("\t")) if c)
    return TextLine(cells, prov) if cells else None


@dataclass(frozen=True)
class Layout:
    """The profile's knowledge, compiled once."""

    area: HeadingRule
    strategic: HeadingRule
    operational: HeadingRule
    sheet_marker: str
    weight_table: str | None
    title_labels: tuple[str, ...]
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    extra_sections: tuple[tuple[str, tuple[str, ...]], ...]
    results_end: tuple[str, ...]
    history_phrases: tuple[tuple[str, ...], ...]

    @property
    def headings(self) -> tuple[HeadingRule, ...]:
        return (self.area, self.strategic, self.operational)


def _sections(spec: list[list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((key, tuple(labels)) for key, *labels in spec)


def layout_of(profile: Profile) -> Layout:
    s = profile.settings
    return Layout(
        area=profile.required_heading("area"),
        strategic=profile.required_heading("strategic"),
        operational=profile.required_heading("operational"),
        sheet_marker=s["sheet_marker"],
        weight_table=s.get("weight_table"),
        title_labels=tuple(s.get("title_labels", ())),
        sections=_sections(s.get("sections", [])),
        extra_sections=_sections(s.get("extra_sections", [])),
        results_end=tuple(s.get("results_end", ())),
        history_phrases=tuple(tuple(word_key(w) for w in p.split()) for p in s.get("history_phrases", ())),
    )


@dataclass
class State:
    report: Report
    layout: Layout
    warnings: list[Warning_] = field(default_factory=list)
    by_code: dict[str, Objective] = field(default_factory=dict)
    table_weights: dict[str, tuple[float, Provenance]] = field(default_factory=dict)

    def warn(self, code: str, message: str, prov: Provenance | None = None) -> None:
        self.warnings.append(Warning_(code, message, prov or Provenance()))

    def objective(self, level: str, code: str, prov: Provenance) -> Objective:
        obj = self.by_code.get(code)
        if obj is None:
            obj = Objective(level=level, title="", code=code, provenance=prov)
            self.by_code[code] = obj
        return obj


def extract(doc: Document, profile: Profile) -> Extraction:
    layout = layout_of(profile)
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    state = State(report, layout)
    lines = [line for text, prov in doc.text_lines() if (line := text_line(text, prov))]
    sheets = sheet_starts(lines, layout)
    first_sheet = sheets[0] if sheets else len(lines)
    table = _find(lines, (layout.weight_table,), 0, first_sheet) if layout.weight_table else None
    read_tree(state, lines[: first_sheet if table is None else table])
    if table is not None:
        read_weight_table(state, lines[table:first_sheet])
    for start, end in zip(sheets, [*sheets[1:], len(lines)], strict=False):  # no sheets: nothing to read
        read_sheet(state, lines[start:end])
    finish(state)
    return Extraction([report], state.warnings)


def _starts_with(text: str, label: str) -> bool:
    """The line opens with ``label`` as whole words (case-insensitive)."""
    return _label_pattern(label).match(text) is not None


@cache
def _label_pattern(label: str) -> re.Pattern[str]:
    """Labels come from the profile and are tried on every line: escape and compile each once."""
    return re.compile(re.escape(label) + r"(?!\w)", re.IGNORECASE)


def _find(lines: list[TextLine], labels: tuple[str, ...], start: int, end: int) -> int | None:
    return next((i for i in range(start, end) if any(_starts_with(lines[i].text, lb) for lb in labels)), None)


def sheet_starts(lines: list[TextLine], layout: Layout) -> list[int]:
    """Operational headings followed closely by the sheet marker, before any other heading: the sheets."""
    headings = [i for i, line in enumerate(lines) if match_heading(line.text, layout.operational)]
    starts = []
    for i, following in zip(headings, [*headings[1:], len(lines)], strict=False):
        end = min(following, i + 1 + SHEET_MARKER_WITHIN)
        if _find(lines, (layout.sheet_marker,), i + 1, end) is not None:
            starts.append(i)
    return starts


# -- the tree and the weight table -----------------------------------------------------------------
def read_tree(state: State, lines: list[TextLine]) -> None:
    """Headings with their titles and ``Valore=`` weights; whatever follows a weight is a side label."""
    obj: Objective | None = None
    title: list[str] = []
    rule: HeadingRule | None = None
    for line in lines:
        heading = match_any(line.text, state.layout.headings)
        if heading is not None:
            _set_title(obj, title)
            obj = state.objective(heading.level, heading.code, line.prov)
            rule = getattr(state.layout, heading.level)
            title = [heading.title] if heading.title else []
            continue
        if obj is None:
            continue  # the root "Obiettivo di qualità dell'Ente=100" and the cover
        value = _VALORE.match(line.text)
        if value:
            obj.weight = parse_number(value.group("w"))
            _set_title(obj, title)
            obj, title = None, []
        elif rule is not None and len(title) < rule.max_title_lines:
            title.append(line.text)
    _set_title(obj, title)


def _set_title(obj: Objective | None, lines: list[str]) -> None:
    if obj is not None and not obj.title and lines:
        obj.title = join_wrapped(lines)


def read_weight_table(state: State, lines: list[TextLine]) -> None:
    """``Obiettivo Operativo 3.1.1`` / title / ``40,00%``: kept to check (or stand in for) the sheets."""
    code: str | None = None
    title: list[str] = []
    where = Provenance()
    for line in lines:
        heading = match_heading(line.text, state.layout.operational)
        if heading is not None:
            code, title, where = heading.code, [heading.title] if heading.title else [], line.prov
            continue
        if code is None:
            continue  # manager names and "Totale ... 100,00%"
        percent = _PERCENT_LINE.match(line.text)
        if percent:
            state.table_weights[code] = (parse_number(percent.group("w")), line.prov)
            _set_title(state.objective("operational", code, where), title)
            code = None
        else:
            title.append(line.text)


# -- a sheet ---------------------------------------------------------------------------------------
def read_sheet(state: State, lines: list[TextLine]) -> None:
    layout = state.layout
    heading = match_heading(lines[0].text, layout.operational)
    obj = state.objective("operational", heading.code, lines[0].prov)
    obj.provenance = lines[0].prov
    marker = _find(lines, (layout.sheet_marker,), 1, len(lines))
    title = join_wrapped([heading.title] + [ln.text for ln in lines[1:marker]])
    for label in layout.title_labels:
        if _starts_with(title, label):
            title = title[len(label):].strip()
    if title:
        obj.title = title
    weight_at = next((i for i in range(marker + 1, len(lines)) if _SHEET_WEIGHT.match(lines[i].text)), None)
    if weight_at is None:
        state.warn("weight_missing", f"scheda {obj.code}: manca 'Peso: NN %' dopo {layout.sheet_marker!r}",
                   obj.provenance)
        weight_at = marker
    else:
        obj.weight = parse_number(_SHEET_WEIGHT.match(lines[weight_at].text).group("w"))
    indicators = next((i for i in range(weight_at, len(lines)) if _INDICATORS.match(lines[i].text)), len(lines))
    results = next((i for i in range(indicators, len(lines)) if _RESULTS_PROSE.match(lines[i].text)), len(lines))
    end = _find(lines, layout.results_end, results, len(lines))
    read_sections(state, obj, lines[weight_at + 1 : indicators])
    read_indicators(state, obj, lines[indicators + 1 : results])
    prose = _RESULTS_HEADING.sub("", join_paragraphs([ln.text for ln in lines[results : end or len(lines)]]), count=1)
    if prose:
        obj.narrative["risultati"] = prose


def read_sections(state: State, obj: Objective, lines: list[TextLine]) -> None:
    """Labelled paragraphs. Each section is looked for only as the next one expected, then the extras."""
    sections, extras = state.layout.sections, state.layout.extra_sections
    texts: dict[str, list[str]] = {}
    key: str | None = None
    expected = 0
    for line in lines:
        found = _section_start(line.text, sections[expected : expected + 1] if expected < len(sections) else extras)
        if found is not None:
            key, rest = found
            texts.setdefault(key, []).append(rest)  # a repeated label ("Valore economico") adds on
            expected += expected < len(sections)
        elif key is not None:
            texts[key].append(line.text)
    for key, parts in texts.items():
        if key in ("description", "responsible"):
            setattr(obj, key, join_wrapped(parts) or None)
        elif text := join_paragraphs(parts):
            obj.narrative[key] = text


def _section_start(text: str, sections: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, str] | None:
    for key, labels in sections:
        for label in labels:
            if _starts_with(text, label):
                return key, text[len(label) :].lstrip(" :")
    return None


# -- indicator blocks ------------------------------------------------------------------------------
def read_indicators(state: State, obj: Objective, lines: list[TextLine]) -> None:
    blocks: list[list[TextLine]] = []
    for line in lines:
        if _INDICATOR.match(line.text):
            blocks.append([line])
        elif _NEW_INDICATOR.match(line.text):
            continue  # "NUOVO INDICATORE": a marker in front of the next block
        elif blocks:
            blocks[-1].append(line)
    for block in blocks:
        read_indicator(state, obj, block)


def _index(block: list[TextLine], pattern: re.Pattern[str], start: int) -> int | None:
    return next((i for i in range(start, len(block)) if pattern.match(block[i].text)), None)


def read_indicator(state: State, obj: Objective, block: list[TextLine]) -> None:
    head = _INDICATOR.match(block[0].text)
    where = block[0].prov
    at_type = _index(block, _TYPE, 1)
    at_header = _index(block, _VALUES_HEADER, at_type or 1)
    at_result = _index(block, _RESULT, at_header or 1)
    at_deviation = _index(block, _DEVIATION, at_result or 1)
    if None in (at_type, at_header, at_result, at_deviation):
        state.warn("indicator_unparsed", f"{obj.code}: all'indicatore {head.group('n')} mancano le righe "
                   "Tipo Indicatore / Target storico / Risultati raggiunti / Scostamenti", where)
        return
    n = sum(1 for i in state.report.indicators if i.objective == obj.code) + 1
    if int(head.group("n")) != n:
        state.warn("indicator_number", f"{obj.code}: l'indicatore stampato come {head.group('n')} è il {n}°", where)
    name = join_wrapped([head.group("name")] + [ln.text for ln in block[1:at_type]])
    ind = Indicator(objective=obj.code, n=n, name=name, provenance=where)
    ind.type = indicator_type(" ".join(ln.text for ln in block[at_type:at_header]))
    labels = _COLUMN_LABEL.findall(" ".join(ln.text for ln in block[at_header : at_header + 2]))
    start = at_header + (2 if at_header + 1 < at_result and _COLUMN_LABEL.search(block[at_header + 1].text) else 1)
    if len(labels) < 1:
        state.warn("columns_unknown",
                   f"{obj.code}/{n}: manca l'intestazione 'al 30/6 al 31/12'; valori letti come target", where)
        labels = ["target"]
    row = read_value_row([ln.tabbed for ln in block[start:at_result]], labels, state.report.year,
                         state.layout.history_phrases)
    ind.weight, ind.baseline, ind.targets = row.weight, row.baseline, row.targets
    ind.target = row.targets.get(labels[-1])
    for note in row.notes:
        state.warn(note[0], f"{obj.code}/{n}: {note[1]}", where)
    ind.actual = _field(block, at_result, at_deviation, _RESULT)
    ind.deviation = _field(block, at_deviation, len(block), _DEVIATION)
    state.report.indicators.append(ind)


def _field(block: list[TextLine], start: int, end: int, label: re.Pattern[str]) -> str | None:
    first = label.sub("", block[start].text, count=1)
    return join_wrapped([first] + [ln.text for ln in block[start + 1 : end]]) or None


def indicator_type(text: str) -> str | None:
    """The checked boxes ("□X efficacia esterna □ efficacia interna" -> "efficacia esterna")."""
    text = _TYPE.sub("", text, count=1)
    checked = [collapse(m.group("label")) for m in _BOX.finditer(text) if m.group("x")]
    return ", ".join(c for c in checked if c) or None


# -- assembly --------------------------------------------------------------------------------------
def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


def finish(state: State) -> None:
    """Order the objectives by code (parents first), attach parents by code, check the weights."""
    by_code = state.by_code
    for code, obj in sorted(by_code.items(), key=lambda item: _code_key(item[0])):
        if "." in code:
            parent = code.rsplit(".", 1)[0]
            if parent in by_code:
                obj.parent = parent
            else:
                state.warn("parent_missing", f"{obj.level} {code}: nessun obiettivo {parent} nell'albero",
                           obj.provenance)
        table = state.table_weights.get(code)
        if table is not None:
            if obj.weight is None:
                obj.weight = table[0]
            elif abs(obj.weight - table[0]) > 0.01:
                state.warn("weight_mismatch", f"{code}: peso {obj.weight:g} nella scheda ma "
                           f"{table[0]:g} nella tabella dei pesi", table[1])
        if not obj.title:
            state.warn("title_missing", f"{obj.level} {code}: titolo non trovato", obj.provenance)
        state.report.objectives.append(obj)
    for obj in state.report.objectives:
        weights = [i.weight for i in state.report.indicators if i.objective == obj.code]
        if weights and (None in weights or abs(sum(weights) - 100) > 0.01):
            state.warn("indicator_weights", f"{obj.code}: i pesi degli indicatori {weights} non sommano a 100",
                       obj.provenance)
