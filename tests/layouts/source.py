"""The records the layouts lay out: the samples' expected reports, cut to one report each.

A :class:`View` is what a layout writes: objectives and indicators as plain dicts whose codes,
titles and kept fields the layout may change (recode, capitalise, drop weights). ``expected``
turns a view back into a records document, so the expected JSON is what was actually written.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from relazione.records.model import Records, validate

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = ROOT / "samples" / "expected"

# sample name -> (expected file stem, ente of the report to take; None = the first report)
SAMPLES: dict[str, tuple[str, str | None]] = {
    "piao": ("brescia_piao_2024_semestrale", None),
    "pira": ("brescia_pira_2020_ocr", None),
    "mantova": ("cremona_mantova_pavia_relazione_2024", "Camera di Commercio di Mantova"),
    "pavia": ("cremona_mantova_pavia_relazione_2024", "Camera di Commercio di Pavia"),
    "cremona": ("cremona_mantova_pavia_relazione_2024", "Camera di Commercio di Cremona"),
}
LEVELS = ("area", "strategic", "operational")
IND_FIELDS = ("code", "name", "weight", "unit", "source", "algorithm", "target", "actual")


def load_report(sample: str) -> dict:
    stem, ente = SAMPLES[sample]
    data = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    reports = [r for r in data["reports"] if ente is None or r.get("ente") == ente]
    return copy.deepcopy(reports[0])


def key(obj: dict) -> str:
    return obj.get("code") or obj["title"]


@dataclass
class View:
    """A report as a layout writes it; ``objectives`` in document order, each with ``children``
    (indices) and ``indicators`` (dicts)."""

    meta: dict
    objectives: list[dict]
    roots: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, report: dict) -> View:
        objs = [{"level": o["level"], "code": o.get("code"), "title": o["title"], "weight": o.get("weight"),
                 "children": [], "indicators": [], "parent_i": None} for o in report["objectives"]]
        index = {key(o): i for i, o in reversed(list(enumerate(report["objectives"])))}
        view = cls({k: report.get(k) for k in ("ente", "kind", "title", "year", "reference_date")}, objs)
        for i, o in enumerate(report["objectives"]):
            p = index.get(o["parent"]) if o.get("parent") else None
            objs[i]["parent_i"] = p
            (objs[p]["children"] if p is not None else view.roots).append(i)
        for ind in report["indicators"]:
            i = index.get(ind["objective"])
            if i is not None:
                objs[i]["indicators"].append({f: ind.get(f) for f in IND_FIELDS})
        return view

    def trim(self, max_indicators: int) -> None:
        """Keep the first top-level subtrees holding at most ``max_indicators`` indicators (one at least)."""
        kept, total = [], 0
        for r in self.roots:
            n = self.count(r)
            if kept and total + n > max_indicators:
                break
            kept.append(r)
            total += n
        self.roots = kept

    def count(self, i: int) -> int:
        o = self.objectives[i]
        return len(o["indicators"]) + sum(self.count(c) for c in o["children"])

    def depth(self, i: int) -> int:
        d, p = 0, self.objectives[i]["parent_i"]
        while p is not None:
            d, p = d + 1, self.objectives[p]["parent_i"]
        return d

    def walk(self) -> list[int]:
        """Objective indices in pre-order (parents before children)."""
        out: list[int] = []

        def visit(i: int) -> None:
            out.append(i)
            for c in self.objectives[i]["children"]:
                visit(c)

        for r in self.roots:
            visit(r)
        return out

    def path(self, i: int) -> list[int]:
        """Indices from the root down to ``i``."""
        chain = []
        while i is not None:
            chain.append(i)
            i = self.objectives[i]["parent_i"]
        return chain[::-1]

    def positions(self, i: int) -> list[int]:
        """1-based sibling positions from the root down to ``i``."""
        out = []
        for j in self.path(i):
            p = self.objectives[j]["parent_i"]
            siblings = self.roots if p is None else self.objectives[p]["children"]
            out.append(siblings.index(j) + 1)
        return out

    def has_indicators(self, i: int) -> bool:
        o = self.objectives[i]
        return bool(o["indicators"]) or any(self.has_indicators(c) for c in o["children"])

    def ref(self, i: int | None) -> str | None:
        if i is None:
            return None
        o = self.objectives[i]
        return o["code"] or o["title"]


def expected(view: View, written: set[int] | None = None, source: str = "generated") -> dict:
    """The records document of what a layout wrote: ``written`` objectives (all when None)."""
    keep = [i for i in view.walk() if written is None or i in written]
    objectives, indicators = [], []
    for i in keep:
        o = view.objectives[i]
        objectives.append({"level": o["level"], "code": o["code"], "title": o["title"],
                           "parent": view.ref(o["parent_i"]), "weight": o["weight"]})
        for n, ind in enumerate(o["indicators"], start=1):
            indicators.append({"objective": view.ref(i), "n": n, **{f: ind.get(f) for f in IND_FIELDS}})
    report = {**view.meta, "objectives": objectives, "indicators": indicators}
    data = {"schema": "relazione.records/1", "source": {"path": source}, "reports": [report], "warnings": []}
    data = Records.from_dict(data).to_dict()
    validate(data, source)
    return data
