"""The text tree ``relazione score`` prints: objectives with stated and computed scores, in Italian."""

from __future__ import annotations

from relazione.records.model import Coverage, Indicator, Objective, Records, Report
from relazione.records.values import parse_number
from relazione.scoring.coverage import children_noun, coverage_text, headline, shortfall
from relazione.scoring.methods import Band, format_percent, verdict_for

LEVEL_LABELS = {"area": "Area strategica", "strategic": "Obiettivo strategico", "operational": "Obiettivo operativo"}
MISMATCH = 0.01 + 1e-9  # stated and computed scores agree when they print the same to 2 decimals
TITLE_CHARS = 60


def heading_of(obj: Objective) -> str:
    """ "Obiettivo strategico 1.1 - Titolo": the heading text the rendered documents use too."""
    label = LEVEL_LABELS.get(obj.level, obj.level)
    return f"{label} {obj.code} - {obj.title}" if obj.code else f"{label} - {obj.title}"


def _scores(stated: float | None, computed: float | None, bands: tuple[Band, ...],
            coverage: Coverage | None = None, children: str = "obiettivi") -> str:
    parts = []
    if stated is not None:
        parts.append(f"dichiarato {format_percent(stated)}")
    shown = headline(computed, coverage)
    parts.append(f"calcolato {shown}")
    verdict = verdict_for(computed, bands=bands) if shown != "n.d." else None
    if verdict:
        parts.append(verdict)
    if coverage is not None:
        sufficient = "" if coverage.sufficient else f"; sotto la copertura minima {coverage.minimum:g}%"
        parts.append(f"[{coverage_text(coverage, children)}{sufficient}]")
    if stated is not None and computed is not None and abs(stated - computed) > MISMATCH:
        parts.append("<- DIVERSO")
    return "  ".join(parts)


def contradiction_note(ind: Indicator) -> str:
    """What a person is told when the method's figure contradicts the printed operator ("" when it does not)."""
    if ind.signed_achievement is None:
        return ""
    return f"l'operatore del target applicato ai valori con segno dà {format_percent(ind.signed_achievement)}"


def _short(text: str | None, chars: int = TITLE_CHARS) -> str:
    if text is None:
        return "n.d."
    return text if len(text) <= chars else text[: chars - 1] + "…"


def _indicator_line(ind: Indicator, depth: int) -> str:
    pad = "  " * depth
    note = contradiction_note(ind)
    return (f"{pad}- {_short(ind.name)}  [target {_short(ind.target, 30)}; consuntivo {_short(ind.actual, 30)}]  "
            f"calcolato {format_percent(ind.achievement)}" + (f"  <- OPERATORE: {note}" if note else ""))


def _contradictions(report: Report) -> list[str]:
    """Every indicator whose computed figure its operator contradicts: listed even without --indicatori."""
    return [f"  ! indicatore {i.objective}#{i.n} ({_short(i.name, 50)}): target {i.target}, consuntivo {i.actual}: "
            f"calcolato {format_percent(i.achievement)}, ma {contradiction_note(i)}"
            for i in report.indicators if i.signed_achievement is not None]


def ente_children_noun(report: Report) -> str:
    """What to call the ente's children: "aree", or "obiettivi" when the top level holds objectives too."""
    refs = {o.ref for o in report.objectives}
    return children_noun({o.level for o in report.objectives if o.parent not in refs or o.parent == o.ref})


def _stated_ente(report: Report) -> float | None:
    for label, text in report.summary.items():
        if "ENTE" in label.upper():
            return parse_number(text.replace("%", ""))
    return None


def report_tree(report: Report, *, bands: tuple[Band, ...], indicators: bool = False) -> list[str]:
    """Lines of one report's tree, parents before children, in document order."""
    refs = {o.ref for o in report.objectives}
    children: dict[str | None, list[Objective]] = {}
    for o in report.objectives:
        parent = o.parent if o.parent in refs and o.parent != o.ref else None
        children.setdefault(parent, []).append(o)
    by_objective: dict[str, list[Indicator]] = {}
    for ind in report.indicators:
        by_objective.setdefault(ind.objective, []).append(ind)
    title = " - ".join(str(p) for p in (report.ente, report.title or report.kind, report.year) if p)
    ente = _scores(_stated_ente(report), report.achievement, bands, report.coverage, ente_children_noun(report))
    lines = [title or "Report", f"ENTE  {ente}"]
    seen: set[str] = set()

    def walk(parent: str | None, depth: int) -> None:
        for o in children.get(parent, []):
            if id(o) in seen:  # a parent cycle in hand-edited records
                continue
            seen.add(id(o))
            weight = f"  peso {o.weight:g}%" if o.weight is not None else ""
            noun = children_noun({c.level for c in children.get(o.ref, [])})
            scores = _scores(o.score, o.achievement, bands, o.coverage, noun)
            lines.append(f"{'  ' * depth}{_short(heading_of(o))}{weight}  {scores}")
            if indicators:
                lines.extend(_indicator_line(i, depth + 1) for i in by_objective.get(o.ref, []))
            walk(o.ref, depth + 1)

    walk(None, 1)
    flagged = _contradictions(report)
    if flagged:
        lines.append("Punteggi contraddetti dall'operatore del target (il metodo tiene il proprio):")
        lines.extend(flagged)
    return lines


def records_tree(records: Records, *, bands: tuple[Band, ...], indicators: bool = False) -> str:
    blocks = ["\n".join(report_tree(r, bands=bands, indicators=indicators)) for r in records.reports]
    return "\n\n".join(blocks) + "\n"


def render_summary(report: Report) -> list[str]:
    """What ``render`` tells the terminal under each document: the headline with its coverage, and every
    figure its operator contradicts."""
    noun = ente_children_noun(report)
    cover = coverage_text(report.coverage, noun)
    reason = shortfall(report.coverage, noun) or cover
    lines = [f"  grado di raggiungimento dell'ente: {headline(report.achievement, report.coverage)}"
             + (f" ({reason})" if reason else "")]
    return lines + _contradictions(report)
