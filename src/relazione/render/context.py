"""The variables the Word templates see: one scored Report turned into Italian display values.

Variable names are Italian because chambers edit the templates in Word (docs/templates.md lists
them). Values are plain strings, lists and dicts; docxtpl escapes them when it renders.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from relazione import __version__
from relazione.readers.clean import LIST_ITEM, strip_bullet
from relazione.records.model import Indicator, Objective, Report
from relazione.records.values import display_value
from relazione.render.progress import INTERIM_KEYS, aggregate_progress, elapsed_share, indicator_progress, is_semester
from relazione.render.trend import Trend, of_indicator
from relazione.render.verdicts import Shown, objective_verdict, shown_verdict, verdict_colour
from relazione.scoring.coverage import children_noun, coverage_text, headline, short_reason
from relazione.scoring.methods import Band, format_percent, round_half_up, verdict_for
from relazione.scoring.tree import MISMATCH, contradiction_note, ente_children_noun, heading_of

FILLS = {"green": "C8E6C9", "amber": "FFE082", "red": "FFCDD2", "none": "FFFFFF"}
MONTHS_SHORT = "{d}/{m}"
KEY_INDICATORS_MAX = 15
PROPOSAL_KEYS = ("nuova", "propost", "rimodul", "revision")


def percent_text(value: float | None) -> str | None:
    """15.0 -> "15%", 33.3333 -> "33,33%"; None stays None (the template hides the row)."""
    if value is None:
        return None
    text = f"{round_half_up(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def _number(value: float) -> str:
    return f"{round_half_up(value):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def computed_deviation(ind: Indicator) -> str:
    """Actual minus target when both are numbers ("+2,10 gg"), else empty: never guessed."""
    t, a = ind.target_value, ind.actual_value
    if t is None or a is None or t.value is None or a.value is None or t.boolean is not None:
        return ""
    diff = a.value - t.value
    sign = "+" if diff > 0 else ""
    unit = f" {t.unit}" if t.unit else ""
    return f"{sign}{_number(diff)}{unit}"


def display_score(obj: Objective) -> float | None:
    return obj.achievement if obj.achievement is not None else obj.score


def score_text(obj: Objective) -> str:
    """The figure of an objective as the document prints it: "n.d." below the minimum coverage; the stated
    score beside the computed one when they differ ("96,48% (dichiarato 100,00%)")."""
    shown = headline(display_score(obj), obj.coverage)
    if obj.achievement is not None and obj.score is not None and abs(obj.score - obj.achievement) > MISMATCH:
        return f"{shown} (dichiarato {format_percent(obj.score)})"
    return shown


class ContextBuilder:
    """Builds the template variables of one report; one instance per rendering."""

    def __init__(self, report: Report, bands: tuple[Band, ...], trend: Trend | None = None) -> None:
        self.report = report
        self.bands = bands
        self.trend = trend or Trend()
        self.refs = {o.ref: o for o in report.objectives}
        self.children: dict[str | None, list[Objective]] = {}
        for o in report.objectives:
            parent = o.parent if o.parent in self.refs and o.parent != o.ref else None
            self.children.setdefault(parent, []).append(o)
        self.indicators = _indicators_by_objective(report)
        self._sheets: dict[int, dict[str, Any]] = {}  # each objective's sheet is built once, shown in several places
        self.semester = is_semester(report)
        self.elapsed = elapsed_share(report)

    # -- items -------------------------------------------------------------------------------------
    def indicator(self, ind: Indicator) -> dict[str, Any]:
        grado, note = format_percent(ind.achievement), contradiction_note(ind)
        if self.semester:
            progress = indicator_progress(ind, self.elapsed)
            grado, verdict = (f"{grado} del target annuale ({progress.lower()})" if progress else grado), progress
        else:
            verdict = verdict_for(ind.achievement, bands=self.bands)
        return {
            "nome": ind.name, "codice": ind.code or "", "peso": percent_text(ind.weight) or "",
            "algoritmo": ind.algorithm or "", "target": display_value(ind.target_value, ind.target),
            "consuntivo": display_value(ind.actual_value, ind.actual),
            "scostamento": ind.deviation or computed_deviation(ind),
            "grado": f"{grado} (ma l'operatore dà {format_percent(ind.signed_achievement)})" if note else grado,
            "sfondo": FILLS[verdict_colour(verdict)],
            "intermedio": _target_like(ind, INTERIM_KEYS), "proposta": _target_like(ind, PROPOSAL_KEYS),
            "avviso_operatore": note, "triennio": plan_targets(ind, self.report.year),
        }

    def beneath(self, obj: Objective) -> list[Indicator]:
        """Every indicator of the objective and of its descendants."""
        found = list(self.indicators.get(id(obj), []))
        for child, _ in self.walk(obj.ref):
            found.extend(self.indicators.get(id(child), []))
        return found

    def verdict(self, obj: Objective, noun: str) -> Shown:
        """Year-end: the verdict rule of render/verdicts.py; semester: progress (in linea / in ritardo)."""
        if not self.semester:
            return objective_verdict(obj, self.bands, noun)
        sufficient = obj.coverage is None or obj.coverage.sufficient
        progress = aggregate_progress([indicator_progress(i, self.elapsed) for i in self.beneath(obj)])
        return shown_verdict(progress if sufficient else None, None, short_reason(obj.coverage, noun))

    def sheet(self, obj: Objective) -> dict[str, Any]:
        if id(obj) not in self._sheets:
            self._sheets[id(obj)] = self._build_sheet(obj)
        return self._sheets[id(obj)]

    def _build_sheet(self, obj: Objective) -> dict[str, Any]:
        noun = children_noun({c.level for c in self.children.get(obj.ref, [])})
        verdict = self.verdict(obj, noun)
        shown = headline(display_score(obj), obj.coverage)
        return {
            "livello": obj.level, "codice": obj.code or "", "titolo": obj.title, "intestazione": heading_of(obj),
            "peso": percent_text(obj.weight), "descrizione": obj.description, "programma": obj.programme,
            "responsabile": obj.responsible, "punteggio": score_text(obj),
            "copertura": coverage_text(obj.coverage, noun),
            "valutazione": verdict.text, "colore": verdict.colour, "sfondo": FILLS[verdict.colour],
            "valore": None if shown == "n.d." else display_score(obj), "dichiarata_diversa": verdict.stated_differs,
            "indicatori": [self.indicator(i) for i in self.indicators.get(id(obj), [])],
            "narrativa": [narrative(k, v) for k, v in obj.narrative.items() if v],
            "andamento": self.indicator_trends(obj), "andamento_obiettivo": self.objective_trend(obj),
        }

    # -- the years before (Relazione, "Andamento negli anni") ----------------------------------------
    def indicator_trends(self, obj: Objective) -> list[dict[str, Any]]:
        """Each indicator of the objective with earlier years: a row a year, this year's last."""
        trends = []
        for ind in self.indicators.get(id(obj), []):
            earlier = self.trend.of(ind)
            if earlier and self.report.year is not None:
                rows = [*earlier, of_indicator(ind, self.report.year)]
                trends.append({"nome": ind.name, "anni": [
                    {"anno": r.year, "target": r.target, "consuntivo": r.actual,
                     "grado": format_percent(r.achievement)} for r in rows]})
        return trends

    def objective_trend(self, obj: Objective) -> str:
        """The objective's achievement year by year ("2022: 80,00% · 2023: 95,50%"), "" without earlier years."""
        earlier = self.trend.of(obj)
        if not earlier or self.report.year is None:
            return ""
        years = [(r.year, r.achievement) for r in earlier] + [(self.report.year, obj.achievement)]
        return " · ".join(f"{year}: {format_percent(value)}" for year, value in years)

    def walk(self, parent: str | None = None, depth: int = 0) -> Iterator[tuple[Objective, int]]:
        """Objectives parents first, in document order (a parent cycle is cut)."""
        seen: set[int] = set()

        def visit(ref: str | None, d: int) -> Iterator[tuple[Objective, int]]:
            for o in self.children.get(ref, []):
                if id(o) not in seen:
                    seen.add(id(o))
                    yield o, d
                    yield from visit(o.ref, d + 1)

        yield from visit(parent, depth)

    # -- sections ----------------------------------------------------------------------------------
    def tree_rows(self) -> list[dict[str, Any]]:
        rows = []
        for obj, depth in self.walk():
            sheet = self.sheet(obj)
            rows.append({"codice": obj.code or "", "titolo": obj.title, "rientro": "\u2003" * depth,
                         "peso": sheet["peso"] or "", "punteggio": sheet["punteggio"],
                         "valutazione": sheet["valutazione"], "sfondo": sheet["sfondo"]})
        return rows

    def strategic_groups(self) -> list[dict[str, Any]]:
        """3.1: each area with its strategic objectives; strategic objectives without an area alone."""
        groups = []
        for root in self.children.get(None, []):
            if root.level == "area":
                kids = [self.sheet(c) for c in self.children.get(root.ref, []) if c.level != "operational"]
                groups.append({"capo": self.sheet(root), "obiettivi": kids})
            elif root.level == "strategic":
                groups.append({"capo": None, "obiettivi": [self.sheet(root)]})
        return groups

    def operational_groups(self) -> list[dict[str, Any]]:
        """3.2: operational objectives under their parent's heading (which reopens the parent for a reader)."""
        orphans = [self.sheet(o) for o in self.children.get(None, []) if o.level == "operational"]
        groups = [{"capo": None, "obiettivi": orphans}] if orphans else []
        for obj, _ in self.walk():
            kids = [c for c in self.children.get(obj.ref, []) if c.level == "operational"]
            if kids:
                groups.append({"capo": {"intestazione": heading_of(obj)}, "obiettivi": [self.sheet(k) for k in kids]})
        return groups

    def key_indicators(self) -> list[dict[str, Any]]:
        """INTEGRA's "indicatori più significativi": the indicators of strategic objectives (else areas)."""
        for level in ("strategic", "area"):
            found = [(o, i) for o in self.report.objectives if o.level == level for i in self.indicators.get(id(o), [])]
            if found:
                return [{"obiettivo": o.code or o.title, **self.indicator(i)} for o, i in found[:KEY_INDICATORS_MAX]]
        return []

    def proposals(self) -> list[dict[str, Any]]:
        return [{"obiettivo": i.objective, **self.indicator(i)} for i in self.report.indicators
                if _target_like(i, PROPOSAL_KEYS)]

    def ente_verdict(self) -> str:
        r, noun = self.report, ente_children_noun(self.report)
        if r.coverage is not None and not r.coverage.sufficient:
            return f"non calcolabile: {noun} e indicatori valutabili sotto il {r.coverage.minimum:g}% richiesto"
        if self.semester:
            return aggregate_progress([indicator_progress(i, self.elapsed) for i in r.indicators]) or "n.d."
        return verdict_for(r.achievement, bands=self.bands) or "n.d."

    def base(self, method_label: str, source: str) -> dict[str, Any]:
        r = self.report
        cover = coverage_text(r.coverage, ente_children_noun(r))
        return {
            "ente": r.ente or "[Da compilare: nome dell'ente]", "titolo": r.title or "", "anno": r.year or "",
            "data_riferimento": _date_it(r.reference_date) or "n.d.", "data_breve": _date_short(r.reference_date),
            "ente_punteggio": headline(r.achievement, r.coverage), "ente_valutazione": self.ente_verdict(),
            "ente_copertura": f"Copertura del calcolo: {cover}." if cover else "",
            "metodo": method_label, "nota_generazione": f"Documento generato con relazione {__version__} da {source}",
            "aree": [self.sheet(o) for o in r.objectives if o.level == "area"],
            "albero": self.tree_rows(),
            "anno_2": r.year + 1 if r.year else "", "anno_3": r.year + 2 if r.year else "",
        }


def _position(item: Objective | Indicator) -> tuple[int, int]:
    return item.provenance.page or 0, item.provenance.line or 0


def _indicators_by_objective(report: Report) -> dict[int, list[Indicator]]:
    """Indicators per objective (keyed by id). Objectives without code that share a title share a ref:
    an indicator then belongs to the last of them that starts before it in the source document."""
    by_ref: dict[str, list[Objective]] = {}
    for o in report.objectives:
        by_ref.setdefault(o.ref, []).append(o)
    owned: dict[int, list[Indicator]] = {}
    for ind in report.indicators:
        candidates = by_ref.get(ind.objective, [])
        if not candidates:
            continue
        before = [o for o in candidates if _position(o) <= _position(ind)]
        owner = before[-1] if before else candidates[0]
        owned.setdefault(id(owner), []).append(ind)
    return owned


def narrative(key: str, text: str) -> dict[str, Any]:
    """A narrative section: its title, its text, and the text's paragraphs (the records keep one per line),
    each marked when it is an item of a list ("- ...", "• ...", "a) ...") so the document sets it as one."""
    paragraphs = [{"testo": strip_bullet(line), "elenco": bool(LIST_ITEM.match(line))}
                  for line in text.split("\n") if line.strip()]
    return {"titolo": key.replace("_", " ").capitalize(), "testo": text, "paragrafi": paragraphs}


def plan_targets(ind: Indicator, year: int | None) -> list[str]:
    """The targets of a plan's three years (a Piano's columns): each year's entry of ``targets``, the first
    year's falling back on ``target``; "" where the plan states none."""
    if year is None:
        return [ind.target or "", "", ""]
    first = ind.targets.get(str(year)) or ind.target or ""
    return [first] + [ind.targets.get(str(year + k), "") for k in (1, 2)]


def _target_like(ind: Indicator, keys: tuple[str, ...]) -> str:
    return next((v for k, v in ind.targets.items() if any(key in k.casefold() for key in keys)), "")


def _date_it(iso: str | None) -> str | None:
    if not iso:
        return None
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _date_short(iso: str | None) -> str:
    if not iso:
        return "data di riferimento"
    _, m, d = iso.split("-")
    return MONTHS_SHORT.format(d=int(d), m=int(m))
