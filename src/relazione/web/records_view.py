"""The records as the review page shows them: stable keys, the tree, what to check first.

A record's key names it by what survives a new reading of the same document (report position, objective
code or title, indicator number), not by its position in a list, so corrections and "verificato" marks
find their record again after re-extraction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from relazione.records.model import Indicator, Objective, Records, Report
from relazione.scoring.methods import why_unscorable

LOW_CONFIDENCE = 0.8
LEVEL_NAMES = {"area": "Area strategica", "strategic": "Obiettivo strategico", "operational": "Obiettivo operativo"}


def objective_key(report_idx: int, obj: Objective) -> str:
    return json.dumps([report_idx, "o", obj.ref], ensure_ascii=False)


def indicator_key(report_idx: int, ind: Indicator) -> str:
    return json.dumps([report_idx, "i", ind.objective, ind.n], ensure_ascii=False)


def index(records: Records) -> dict[str, tuple[Report, Objective | Indicator]]:
    """Every record by its key (the first of two records with one key wins: keys must stay unambiguous)."""
    out: dict[str, tuple[Report, Objective | Indicator]] = {}
    for i, report in enumerate(records.reports):
        for obj in report.objectives:
            out.setdefault(objective_key(i, obj), (report, obj))
        for ind in report.indicators:
            out.setdefault(indicator_key(i, ind), (report, ind))
    return out


@dataclass
class Node:
    key: str
    label: str
    item: Objective | Indicator
    children: list[Node] = field(default_factory=list)


def tree(report_idx: int, report: Report) -> list[Node]:
    """Areas -> strategic -> operational objectives, each with its indicators (as the documents nest them)."""
    nodes = {o.ref: Node(objective_key(report_idx, o), _objective_label(o), o) for o in report.objectives}
    roots: list[Node] = []
    for obj in report.objectives:
        parent = nodes.get(obj.parent or "")
        (parent.children if parent and parent.item is not obj else roots).append(nodes[obj.ref])
    for ind in report.indicators:
        node = Node(indicator_key(report_idx, ind), f"{ind.n}. {ind.name}", ind)
        owner = nodes.get(ind.objective)
        (owner.children if owner else roots).append(node)
    return roots


def _objective_label(obj: Objective) -> str:
    return f"{obj.code} {obj.title}" if obj.code else obj.title


@dataclass(frozen=True)
class ToCheck:
    key: str
    label: str
    reason: str


def report_label(index: int, report: Report) -> str:
    """"3. Camera di Commercio di Mantova · relazione 2024": a document can hold several reports of one ente."""
    parts = [report.ente or report.title or "report", "·", report.kind or "", str(report.year or "")]
    return f"{index + 1}. " + " ".join(p for p in parts if p).rstrip(" ·")


def to_check(records: Records, only: int | None = None) -> list[ToCheck]:
    """Records to look at first: low confidence, and indicators that cannot be scored (with the reason);
    ``only``: those of one report."""
    out: list[ToCheck] = []
    for i, report in enumerate(records.reports):
        if only is not None and i != only:
            continue
        for obj in report.objectives:
            if obj.confidence is not None and obj.confidence < LOW_CONFIDENCE:
                out.append(ToCheck(objective_key(i, obj), _objective_label(obj),
                                   f"lettura incerta (affidabilità {obj.confidence:.0%})"))
        for ind in report.indicators:
            reasons = []
            if ind.confidence is not None and ind.confidence < LOW_CONFIDENCE:
                reasons.append(f"lettura incerta (affidabilità {ind.confidence:.0%})")
            unscorable = why_unscorable(ind) if report.kind != "piano" else None  # a plan has no results yet
            if unscorable:
                reasons.append(unscorable)
            if reasons:
                out.append(ToCheck(indicator_key(i, ind), f"{ind.objective} · {ind.n}. {ind.name}",
                                   "; ".join(reasons)))
    return out
