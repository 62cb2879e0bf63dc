"""The Cremona relazione family: "Area Strategica 2024_01" / "Ob. Strategico 2024_01_01" /
"Ob. Operativo 2024_01_01_01" headings, each followed by its title line, an "Indicatori" line and a
Descrizione | Tipo | Valore Atteso | Valore Raggiunto | Note table, with a verdict line
("OBIETTIVO CONSEGUITO") and free commentary after each indicator row.

The PDF dump pads every line with tabs, so headings, tables and prose form one stream of rows
(``Document.rows``). The reader walks it once:

- a one-cell row matching a heading rule opens an objective; its title is the next one-cell row;
  one-cell rows before its indicators are its description;
- a header row (mapped with the profile's ``[columns]``) sets the columns; a table without header
  reuses the last header, or the profile's ``settings.default_columns`` when none was seen yet;
- a row with a name and a type or target cell is an indicator of the open objective;
- a row after a blank line right after an indicator row, with no type and no target, continues that
  row (the dump moves a cell's wrapped tail below a blank line, in the same columns);
- a one-cell row starting with a verdict (``settings.verdict``) is the status of the indicator
  above; the rest of that row and the other prose go to the objective's narrative.

An objective's status is its indicators' common verdict (none when they differ or one lacks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from relazione.extract.extraction import Extraction
from relazione.extract.headings import HeadingMatch, match_any
from relazione.extract.profiles import Profile
from relazione.extract.report_meta import report_metadata
from relazione.extract.tables import ColumnMap, map_header, read_row
from relazione.readers.blocks import Document, Row
from relazione.readers.clean import collapse, join_wrapped
from relazione.records.model import LEVELS, Indicator, Objective, Report, Warning_

MAX_HEADING_CHARS = 160  # a heading is short; long one-cell rows are prose that may quote a code
INDICATOR_EVIDENCE = ("type", "target")  # besides a name, a real indicator row fills one of these


@dataclass(frozen=True, slots=True)
class _Settings:
    indicators_label: str
    end: tuple[re.Pattern[str], ...]
    heading_flags: tuple[str, ...]
    verdict: re.Pattern[str] | None
    description_split: re.Pattern[str] | None
    code_separator: str
    narrative_key: str
    default_columns: ColumnMap | None

    @classmethod
    def of(cls, profile: Profile) -> _Settings:
        s = profile.settings
        verdict = s.get("verdict")
        split = s.get("description_split")
        defaults = s.get("default_columns", [])
        return cls(
            indicators_label=s.get("indicators_label", "Indicatori").casefold(),
            end=tuple(re.compile(p, re.IGNORECASE) for p in s.get("end", [])),
            heading_flags=tuple(s.get("heading_flags", [])),
            verdict=re.compile(verdict, re.IGNORECASE) if verdict else None,
            description_split=re.compile(split) if split else None,
            code_separator=s.get("code_separator", "_"),
            narrative_key=s.get("narrative_key", "risultati"),
            default_columns=ColumnMap(dict(enumerate(defaults)), dict(enumerate(defaults))) if defaults else None,
        )


@dataclass
class _State:
    report: Report
    settings: _Settings
    warnings: list[Warning_] = field(default_factory=list)
    open: Objective | None = None  # the deepest objective whose heading was read last
    awaiting_title: Objective | None = None
    in_indicators: bool = False  # past the objective's "Indicatori" line or first indicator row
    columns: ColumnMap | None = None
    last: Indicator | None = None  # the indicator the verdict and commentary rows refer to
    previous_was_indicator: bool = False
    text: dict[int, dict[str, list[str]]] = field(default_factory=dict)  # id(objective) -> field -> lines

    def add_text(self, obj: Objective, key: str, line: str) -> None:
        self.text.setdefault(id(obj), {}).setdefault(key, []).append(line)


def extract(doc: Document, profile: Profile) -> Extraction:
    report = Report(kind=profile.kind)
    report_metadata(report, doc, profile)
    state = _State(report, _Settings.of(profile))
    for row in doc.rows():
        if not row.filled():
            continue
        if any(p.search(row.filled()[0].text) for p in state.settings.end):
            break
        _on_row(state, row, profile)
    _finish(state)
    return Extraction([report], state.warnings)


def _on_row(state: _State, row: Row, profile: Profile) -> None:
    filled = row.filled()
    first = filled[0].text
    single = len(filled) == 1
    heading = match_any(first, profile.headings) if single and len(first) <= MAX_HEADING_CHARS else None
    if heading:
        _open_objective(state, heading, row)
        return
    if state.awaiting_title is not None and single:
        state.awaiting_title.title = first
        state.awaiting_title = None
        return
    was_indicator, state.previous_was_indicator = state.previous_was_indicator, False
    if state.open is None:
        return  # introduction before the first heading
    if single and first.casefold().rstrip(" :") == state.settings.indicators_label:
        state.in_indicators = True
        return
    header = map_header(row, profile.columns) if profile.columns else None
    if header:
        state.columns, state.in_indicators = header, True
        return
    columns = state.columns or state.settings.default_columns
    values = read_row(row, columns) if columns else {}
    verdict = state.settings.verdict.match(first) if state.settings.verdict and single else None
    if was_indicator and row.after_blank and not verdict and not any(k in values for k in INDICATOR_EVIDENCE):
        _continue_indicator(state.last, values or {"name": first})
        state.previous_was_indicator = True
        return
    if "name" in values and any(k in values for k in INDICATOR_EVIDENCE):
        _add_indicator(state, values, row)
        return
    if verdict:
        _take_verdict(state, verdict, first, row)
        return
    if not state.in_indicators:
        state.add_text(state.open, "description", " ".join(c.text for c in filled))
    else:
        state.add_text(state.open, state.settings.narrative_key, " ".join(c.text for c in filled))


# -- objectives ----------------------------------------------------------------------------------
def _open_objective(state: _State, heading: HeadingMatch, row: Row) -> None:
    _close_title(state)
    title = _strip_flags(heading.title, state.settings.heading_flags)
    obj = Objective(level=heading.level, title=title, code=heading.code, provenance=row.prov)
    obj.parent = _parent_of(state, obj)
    state.report.objectives.append(obj)
    state.open, state.awaiting_title = obj, None if title else obj
    state.in_indicators, state.last, state.previous_was_indicator = False, None, False


def _close_title(state: _State) -> None:
    if state.awaiting_title is not None:
        obj = state.awaiting_title
        state.warnings.append(Warning_("missing_title", f"nessun titolo dopo l'intestazione di {obj.ref}",
                                       obj.provenance))
        state.awaiting_title = None


def _strip_flags(title: str, flags: tuple[str, ...]) -> str:
    """Drop status flags printed after a code ("2024_01_03_01 NUOVO"): they are not the title."""
    words = title.split()
    while words and words[0].upper() in flags:
        words.pop(0)
    return " ".join(words)


def _parent_of(state: _State, obj: Objective) -> str | None:
    """The code one segment shorter (the numbering states the hierarchy even where a parent heading
    is missing); without a code, the nearest open objective of a higher level."""
    if obj.level == "area":
        return None
    if obj.code and state.settings.code_separator in obj.code:
        return obj.code.rsplit(state.settings.code_separator, 1)[0]
    depth = LEVELS.index(obj.level)
    above = (o for o in reversed(state.report.objectives) if LEVELS.index(o.level) < depth)
    return next((o.ref for o in above), None)


# -- indicators ----------------------------------------------------------------------------------
def _add_indicator(state: _State, values: dict[str, str], row: Row) -> None:
    assert state.open is not None
    name, description = _split_name(values.pop("name"), state.settings.description_split)
    n = sum(1 for i in state.report.indicators if i.objective == state.open.ref) + 1
    ind = Indicator(objective=state.open.ref, n=n, name=name, description=description, provenance=row.prov)
    for key, text in values.items():
        if key in ("type", "unit", "algorithm", "source", "baseline", "target", "actual", "deviation", "status"):
            setattr(ind, key, text)
    state.report.indicators.append(ind)
    state.last, state.in_indicators, state.previous_was_indicator = ind, True, True


def _split_name(text: str, split: re.Pattern[str] | None) -> tuple[str, str | None]:
    """The name is the first sentence when a description sentence follows ("... promozione. Misura ...")."""
    m = split.search(text) if split else None
    if not m:
        return text, None
    return text[: m.start()].strip(), text[m.end():].strip() or None


def _continue_indicator(ind: Indicator | None, values: dict[str, str]) -> None:
    if ind is None:
        return
    for key, text in values.items():
        if key == "note" or not hasattr(ind, key):
            continue
        current = getattr(ind, key)
        setattr(ind, key, join_wrapped([current, text]) if current else text)


def _take_verdict(state: _State, verdict: re.Match[str], text: str, row: Row) -> None:
    status = collapse(verdict.group(0)).rstrip(" :")
    if state.last is not None and state.last.status is None:
        state.last.status = status
    else:
        state.warnings.append(Warning_("verdict_without_indicator",
                                       f"giudizio {status!r} senza una riga di indicatore prima", row.prov))
    rest = text[verdict.end():].strip(" :")
    if rest and state.open is not None:
        state.add_text(state.open, state.settings.narrative_key, rest)


# -- finishing -----------------------------------------------------------------------------------
def _finish(state: _State) -> None:
    _close_title(state)
    report = state.report
    codes = {o.code for o in report.objectives}
    missing_parents: set[str] = set()
    for obj in report.objectives:
        texts = state.text.get(id(obj), {})
        if "description" in texts:
            obj.description = join_wrapped(texts.pop("description"))
        obj.narrative = {key: "\n".join(lines) for key, lines in texts.items()}
        obj.status = _common_status([i for i in report.indicators if i.objective == obj.ref])
        if obj.parent and obj.parent not in codes and obj.parent not in missing_parents:
            missing_parents.add(obj.parent)
            state.warnings.append(Warning_("parent_not_found", f"{obj.ref} appartiene a {obj.parent}, che non ha "
                                           "un proprio titolo nel documento", obj.provenance))


def _common_status(indicators: list[Indicator]) -> str | None:
    """The verdict every indicator of an objective shares (compared case-blind), else None."""
    verdicts = {i.status.casefold() if i.status else None for i in indicators}
    if len(verdicts) != 1 or None in verdicts:
        return None
    return indicators[-1].status
