"""The variables the Word templates see: one scored Report turned into Italian display values.

Variable names are Italian because chambers edit the templates in Word (docs/templates.md lists
them). Values are plain strings, lists and dicts; docxtpl escapes them when it renders.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from relazione import __version__
from relazione.records.model import Indicator, Objective, Report
from relazione.records.values import display_value
from relazione.scoring.methods import Band, format_percent, round_half_up, verdict_for
from relazione.scoring.tree import MISMATCH, heading_of

FILLS = {"green": "C8E6C9", "amber": "FFE082", "red": "FFCDD2", "none": "FFFFFF"}
MONTHS_SHORT = "{d}/{m}"
KEY_INDICATORS_MAX = 15
INTERIM_KEYS = ("30/6", "30/06", "semestr", "intermedi")
PROPOSAL_KEYS = ("nuova", "propost", "rimodul", "revision")


def verdict_colour(verdict: str | None) -> str:
    """green / amber / red from an Italian verdict, stated or computed."""
    low = (verdict or "").casefold()
    if not low or low == "n.d.":
        return "none"
    if "non " in low or low.startswith("non"):
        return "red"
    if "parzial" in low:
        return "amber"
    if "raggiunt" in low or "conseguit" in low or "realizzat" in low:
        return "green"
    return "none"


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


def objective_verdict(obj: Objective, bands: tuple[Band, ...]) -> str:
    """The stated verdict while the stated score agrees with the computed one, else the computed verdict."""
    computed = verdict_for(obj.achievement, bands=bands)
    stated_holds = obj.achievement is None or (obj.score is not None and abs(obj.score - obj.achievement) <= MISMATCH)
    if obj.status and stated_holds:
        return obj.status
    return computed or obj.status or "n.d."


class ContextBuilder:
    """Builds the template variables of one report; one instance per rendering."""

    def __init__(self, report: Report, bands: tuple[Band, ...]) -> None:
        self.report = report
        self.bands = bands
        self.refs = {o.ref: o for o in report.objectives}
        self.children: dict[str | None, list[Objective]] = {}
        for o in report.objectives:
            parent = o.parent if o.parent in self.refs and o.parent != o.ref else None
            self.children.setdefault(parent, []).append(o)
        self.indicators = _indicators_by_objective(report)
        self._sheets: dict[int, dict[str, Any]] = {}  # each objective's sheet is built once, shown in several places

    # -- items -------------------------------------------------------------------------------------
    def indicator(self, ind: Indicator) -> dict[str, Any]:
        verdict = verdict_for(ind.achievement, bands=self.bands)
        return {
            "nome": ind.name, "codice": ind.code or "", "peso": percent_text(ind.weight) or "",
            "algoritmo": ind.algorithm or "", "target": display_value(ind.target_value, ind.target),
            "consuntivo": display_value(ind.actual_value, ind.actual),
            "scostamento": ind.deviation or computed_deviation(ind),
            "grado": format_percent(ind.achievement), "sfondo": FILLS[verdict_colour(verdict)],
            "intermedio": _target_like(ind, INTERIM_KEYS), "proposta": _target_like(ind, PROPOSAL_KEYS),
        }

    def sheet(self, obj: Objective) -> dict[str, Any]:
        if id(obj) not in self._sheets:
            self._sheets[id(obj)] = self._build_sheet(obj)
        return self._sheets[id(obj)]

    def _build_sheet(self, obj: Objective) -> dict[str, Any]:
        verdict = objective_verdict(obj, self.bands)
        colour = verdict_colour(verdict)
        return {
            "livello": obj.level, "codice": obj.code or "", "titolo": obj.title, "intestazione": heading_of(obj),
            "peso": percent_text(obj.weight), "descrizione": obj.description, "programma": obj.programme,
            "responsabile": obj.responsible, "punteggio": format_percent(display_score(obj)),
            "valutazione": verdict, "colore": colour, "sfondo": FILLS[colour], "valore": display_score(obj),
            "indicatori": [self.indicator(i) for i in self.indicators.get(id(obj), [])],
            "narrativa": [{"titolo": k.capitalize(), "testo": v} for k, v in obj.narrative.items() if v],
        }

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

    def base(self, method_label: str, source: str) -> dict[str, Any]:
        r = self.report
        ente_verdict = verdict_for(r.achievement, bands=self.bands) or "n.d."
        return {
            "ente": r.ente or "[Da compilare: nome dell'ente]", "titolo": r.title or "", "anno": r.year or "",
            "data_riferimento": _date_it(r.reference_date) or "n.d.", "data_breve": _date_short(r.reference_date),
            "ente_punteggio": format_percent(r.achievement), "ente_valutazione": ente_verdict,
            "metodo": method_label, "nota_generazione": f"Documento generato con relazione {__version__} da {source}",
            "aree": [self.sheet(o) for o in r.objectives if o.level == "area"],
            "albero": self.tree_rows(),
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
