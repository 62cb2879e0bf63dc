"""Second statements of indicators elsewhere in a document, kept for ``relazione check``.

The extractors keep one record per indicator, from its detail sheet. Reports also restate indicators:
an overview table at the front ("Indicatori più significativi: Indicatore | Target | Consuntivo", the
Brescia PIAO table of yearly targets) and narrative paragraphs saying a target was changed
("... l'indicatore "X" (da ≥ 270 a ≥ 245)"). Both are found here for every family, after extraction,
and stored as :class:`~relazione.records.model.Restatement` on the report so the check can compare them.

Only rows and sentences that name one of the report's indicators (fuzzily) are kept: this module never
creates indicators, it only records what another place of the document says about known ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex as re
from rapidfuzz import fuzz, process

from relazione.extract.headings import normalise_words
from relazione.extract.tables import ColumnMap, map_header
from relazione.readers.blocks import Document, Line, Provenance, Row, Table
from relazione.readers.clean import clean_inline
from relazione.records.model import Indicator, Report, Restatement
from relazione.records.values import parse_value

NAME_SIMILARITY = 90.0  # a table row names an indicator: names there are copied, with typos at most
NARRATIVE_SIMILARITY = 85.0  # narrative quotes names loosely ("in termini di" for "in tema di")
_INDICATOR_PREFIX = re.compile(r"^\s*(?:n\.\s*\d+\s*:|indicatore\s+\d+\s*(?:\(nuovo\))?\s*:?)\s*", re.IGNORECASE)
_SHORT_QUOTE = re.compile(r"[\"“”]([^\"“”\s]{1,5})[\"“”]")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_BETWEEN_QUOTES = re.compile(r"[^\"“”«»]+")
_VALUE = r"(?:[≥≤<>]\s*=?|=\s*[<>]?)?\s*-?\d[\d.]*(?:,\d+)?\s*(?:%|gg|giorni|n\.)?"
_CHANGE = re.compile(rf"\bda\s+(?P<old>{_VALUE})\s+a\s+(?P<new>{_VALUE})(?![\d,])", re.IGNORECASE)
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("Indicatore", "Indicatori", "Descrizione indicatore", "Nome indicatore", "KPI"),
    "target": ("Target", "Valore atteso", "Risultato atteso", "Target 2024", "Previsione"),
    "actual": ("Consuntivo", "Valore raggiunto", "Risultato", "Risultato conseguito", "Stato di realizzazione"),
}
MIN_FUZZY_NAME = 20
MAX_FUZZY_NAMES = 3000  # a real report has a few hundred indicators at most
NARRATIVE_WINDOW = 400  # characters around "da X a Y" searched for the quoted indicator name


@dataclass(slots=True)
class _Header:
    """Which cells of the rows below hold what. A table of yearly targets ("... | 2024 | 2025 | 2026")
    gives field ``target_year``: the whole year's target, which a semester report's own target (at 30/6)
    may rightly differ from."""

    columns: ColumnMap | None  # target/actual columns named by words
    year_column: int | None  # or: yearly targets, the report year's column

    @property
    def reads_rows(self) -> bool:
        return self.columns is not None or self.year_column is not None


def add_restatements(doc: Document, reports: list[Report]) -> None:
    """Fill ``restatements`` on each report from the rows and lines of ``doc`` that restate its indicators."""
    own_rows = {i.provenance for r in reports for i in r.indicators}
    rows: _TableRows | None = None
    for report in reports:
        if report.indicators:
            rows = rows if rows is not None else _TableRows(doc)
            finder = _Finder(report)
            report.restatements = finder.table_rows(rows, own_rows) + finder.narrative(doc)


class _TableRows:
    """The tables' rows of two or more filled cells (a Line, one cell, is never one), each mapped as a
    header when first asked: once for every report of the document, as the mapping does not depend on
    it, and only for the rows a report reads (most rows are indicators' own, see :meth:`_Finder.table_rows`)."""

    def __init__(self, doc: Document) -> None:
        self.rows = [row for block in doc.blocks if isinstance(block, Table) for row in block.rows
                     if len(row.filled()) >= 2]
        self._columns: list[ColumnMap | None | bool] = [False] * len(self.rows)  # False: not mapped yet

    def columns(self, index: int) -> ColumnMap | None:
        columns = self._columns[index]
        if columns is False:
            columns = self._columns[index] = map_header(self.rows[index], HEADER_SYNONYMS)
        return columns  # type: ignore[return-value]


class _Finder:
    def __init__(self, report: Report) -> None:
        self.report = report

    @cached_property
    def names(self) -> list[str]:
        """The indicators' names as rows and quotes are compared with them: normalised when a row or a
        sentence is first compared (in many documents none is)."""
        return [normalise_words(i.name) for i in self.report.indicators]

    @cached_property
    def exact(self) -> dict[str, list[int]]:
        exact: dict[str, list[int]] = {}
        for i, name in enumerate(self.names):
            exact.setdefault(name, []).append(i)
        return exact

    # -- overview tables -------------------------------------------------------------------------
    def table_rows(self, rows: _TableRows, own_rows: set[Provenance]) -> list[Restatement]:
        """Restatements in the rows that are no indicator's own, each read under the last header above it.
        A row that restates nothing where it stands (an indicator's own, or any row before a header) matters
        only if it is a header, and only to a row read after it: such rows are tried as headers (the last
        first) only when a row comes that is read."""
        found: list[Restatement] = []
        header = _Header(None, None)
        skipped: list[int] = []  # rows not tried since the last row read
        for index, row in enumerate(rows.rows):
            own = row.prov in own_rows
            if not own:
                header = self._last_header(rows, skipped) or header
                skipped.clear()
            if own or not header.reads_rows:
                skipped.append(index)
                continue
            new_header = self._header_of(row, rows.columns(index))
            if new_header is not None:
                header = new_header
                continue
            found.extend(self._row_restatements(row, header))
        return found

    def _last_header(self, rows: _TableRows, indices: list[int]) -> _Header | None:
        for index in reversed(indices):
            header = self._header_of(rows.rows[index], rows.columns(index))
            if header is not None:
                return header
        return None

    def _header_of(self, row: Row, columns: ColumnMap | None) -> _Header | None:
        """A header of yearly targets naming the report's year, else the row's mapping (``columns``) when
        it names a target column."""
        texts = row.texts
        years = [t for t in texts[1:] if t]
        if years and all(_YEAR.match(t) for t in years) and str(self.report.year) in texts[1:]:
            return _Header(None, texts.index(str(self.report.year), 1))
        return _Header(columns, None) if columns and columns.column_of("target") is not None else None

    def _row_restatements(self, row: Row, header: _Header) -> list[Restatement]:
        texts = row.texts
        name_col = header.columns.column_of("name") if header.columns else 0
        if name_col is None or name_col >= len(texts):
            return []
        name = clean_inline(_INDICATOR_PREFIX.sub("", texts[name_col])).rstrip("* ").strip()
        matches = self._indicators_named(name, NAME_SIMILARITY)
        if not matches:
            return []
        cells = {"target_year": header.year_column} if header.columns is None else {
            f: header.columns.column_of(f) for f in ("target", "actual")}
        stated = {f: clean_inline(texts[c]) for f, c in cells.items() if c is not None and c < len(texts)}
        ind = _best_candidate(matches, stated)
        out = [Restatement(ind.objective, "name", name, "overview", ind.n, provenance=row.prov)]
        out += [Restatement(ind.objective, f, v, "overview", ind.n, provenance=row.prov)
                for f, v in stated.items() if v]
        return out

    def _indicators_named(self, name: str, cutoff: float) -> list[Indicator]:
        key = normalise_words(name)
        if key in self.exact:
            return [self.report.indicators[i] for i in self.exact[key]]
        if len(key) < MIN_FUZZY_NAME or len(self.names) > MAX_FUZZY_NAMES:
            # short names ("n. aggiornamenti" vs "n. di aggiornamenti") match only exactly; and a
            # document with thousands of indicators is not a report: fuzzy search over it is quadratic
            return []
        hits = process.extract(key, self.names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        if not hits:
            return []
        best = max(score for _, score, _ in hits)
        return [self.report.indicators[i] for _, score, i in hits if score == best]

    # -- narrative target changes ----------------------------------------------------------------
    def narrative(self, doc: Document) -> list[Restatement]:
        found = []
        for block in doc.blocks:
            if isinstance(block, Line) and "da" in block.text:
                found.extend(self._changes_in(block))
        return found

    def _changes_in(self, line: Line) -> list[Restatement]:
        out = []
        text = _SHORT_QUOTE.sub(r"\1", line.text)  # nell'anno "n": inner quotes would pair the wrong marks
        for m in _CHANGE.finditer(text):
            ind = self._quoted_indicator(text, m.start(), m.end())
            if ind is not None:
                out.append(Restatement(ind.objective, "target", clean_inline(m.group("new")), "narrative", ind.n,
                                       previous=clean_inline(m.group("old")), provenance=line.prov))
        return out

    def _quoted_indicator(self, text: str, start: int, end: int) -> Indicator | None:
        """The indicator named nearest to the change: one sentence often lists several changes, each
        right after its name, or says "da X a Y il target dell'indicatore "name"". The text is cut at
        every quote mark rather than into quote pairs, since a lost closing quote would shift every
        pair after it; objective titles are quoted too, and name no indicator."""
        before, after = text[:start], text[end:]
        pieces = [(start - m.end(), m.group()) for m in _BETWEEN_QUOTES.finditer(before)]
        if not before.rstrip().endswith("("):  # "name" (da X a Y): the name is before the bracket
            pieces += [(m.start(), m.group()) for m in _BETWEEN_QUOTES.finditer(after)]
        for distance, piece in sorted(pieces):
            if distance > NARRATIVE_WINDOW:
                break
            key = normalise_words(piece.rstrip(" ("))
            if len(key) < MIN_FUZZY_NAME:
                continue
            hit = process.extractOne(key, self.names, scorer=fuzz.ratio, score_cutoff=NARRATIVE_SIMILARITY)
            if hit:
                return self.report.indicators[hit[2]]
        return None


def _best_candidate(candidates: list[Indicator], stated: dict[str, str]) -> Indicator:
    """Several indicators share the name (a system KPI under an objective and its parent): the one whose
    target the row repeats, else the first."""
    target = parse_value(stated.get("target") or stated.get("target_year"))
    for ind in candidates:
        if target and ind.target_value and target.value == ind.target_value.value and target.op == ind.target_value.op:
            return ind
    return candidates[0]
