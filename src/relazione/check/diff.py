"""Two drafts of the same report: what was added, removed, renamed, moved or changed.

Every finding shows both values and both places. Inconsistencies the new draft introduces (a weight
sum it breaks, a verdict that no longer fits) are reported too; those the old draft already had are not.
"""

from __future__ import annotations

from collections.abc import Iterator

from relazione.check.compare import same_number, same_text, same_value
from relazione.check.findings import LEVEL_WORDS, Finding, fmt
from relazione.check.inputs import where
from relazione.check.match import pair_report_lists, pair_reports
from relazione.check.single import check_report
from relazione.records.model import Indicator, Objective, Records, Report

OBJECTIVE_FIELDS = ("weight", "score", "status")
INDICATOR_FIELDS = ("weight", "target", "actual", "status")
FIELD_WORDS = {"weight": "peso", "score": "punteggio", "status": "valutazione", "target": "target",
               "actual": "risultato", "title": "titolo", "name": "nome"}
FIELD_SEVERITY = {"weight": "errore", "target": "errore", "actual": "avviso", "status": "avviso", "score": "avviso"}


def diff_records(old: Records, new: Records, method: str = "integra") -> list[Finding]:
    pairs, removed, added = pair_report_lists(old.reports, new.reports)
    findings: list[Finding] = []
    for r in removed:
        findings.append(Finding("removed", "errore", "report", None, old=r.ente, report=r.ente,
                                message=f"Relazione di {r.ente or '?'} ({r.kind or '?'}) assente nella nuova bozza."))
    for r in added:
        findings.append(Finding("added", "nota", "report", None, new=r.ente, report=r.ente,
                                message=f"Relazione di {r.ente or '?'} ({r.kind or '?'}) aggiunta nella nuova bozza."))
    for a, b in pairs:
        found = list(_DiffReport(a, b, old.source.path, new.source.path).findings())
        found += _new_inconsistencies(a, b, old.source.path, new.source.path, method)
        for f in found:
            f.report = b.ente
        findings += found
    return findings


def _new_inconsistencies(old: Report, new: Report, old_path: str, new_path: str, method: str) -> list[Finding]:
    before = {f.key() for f in check_report(old, old_path, method)}
    return [f for f in check_report(new, new_path, method) if f.key() not in before]


class _DiffReport:
    def __init__(self, old: Report, new: Report, old_path: str, new_path: str) -> None:
        self.old, self.new = old, new
        self.old_path, self.new_path = old_path, new_path
        self.pairing = pair_reports(old, new)

    def findings(self) -> Iterator[Finding]:
        p = self.pairing
        for o in p.removed_objectives:
            n = sum(1 for i in self.old.indicators if i.objective == o.ref)
            yield self._objective(o, None, "removed", "errore", f"{_name(o)} eliminato (con {n} indicatori).")
        for o in p.added_objectives:
            yield self._objective(None, o, "added", "avviso", f"{_name(o)} aggiunto.")
        for a, b in p.objectives:
            yield from self._objective_pair(a, b)
        gone = {o.ref for o in p.removed_objectives}
        came = {o.ref for o in p.added_objectives}
        for i in p.removed_indicators:
            if i.objective not in gone:
                yield self._indicator(i, None, "removed", "errore",
                                      f"Indicatore {i.name!r} eliminato da {i.objective}.")
        for i in p.added_indicators:
            if i.objective not in came:
                yield self._indicator(None, i, "added", "avviso", f"Indicatore {i.name!r} aggiunto a {i.objective}.")
        for a, b in p.indicators:
            yield from self._indicator_pair(a, b)

    # -- objectives ------------------------------------------------------------------------------
    def _objective_pair(self, a: Objective, b: Objective) -> Iterator[Finding]:
        if a.code != b.code or (a.parent or None) != (b.parent or None):
            yield self._objective(a, b, "moved", "avviso",
                                  f"{_name(a)} rinumerato/spostato: {a.code or '—'} (sotto {a.parent or '—'}) → "
                                  f"{b.code or '—'} (sotto {b.parent or '—'}).", field="code", old=a.code, new=b.code)
        if not same_text(a.title, b.title):
            yield self._objective(a, b, "renamed", "avviso", f"{_name(b)} rinominato: {a.title!r} → {b.title!r}.",
                                  field="title", old=a.title, new=b.title)
        for name in OBJECTIVE_FIELDS:
            x, y = getattr(a, name), getattr(b, name)
            if not _same(name, x, y):
                yield self._objective(a, b, "changed", FIELD_SEVERITY[name],
                                      f"{_name(b)}: {FIELD_WORDS[name]} cambiato da {fmt(x)} a {fmt(y)}.",
                                      field=name, old=x, new=y)

    def _objective(self, a: Objective | None, b: Objective | None, kind: str, severity: str, message: str, *,
                   field: str | None = None, old: object = None, new: object = None) -> Finding:
        ref = (b or a).ref  # type: ignore[union-attr]
        return Finding(kind, severity, (b or a).level, ref, message, field=field,  # type: ignore[union-attr]
                       old=old if old is not None or a is None else (a.title if kind == "removed" else None),
                       new=new if new is not None or b is None else (b.title if kind == "added" else None),
                       old_where=where(self.old_path, a.provenance) if a else None,
                       new_where=where(self.new_path, b.provenance) if b else None)

    # -- indicators ------------------------------------------------------------------------------
    def _indicator_pair(self, a: Indicator, b: Indicator) -> Iterator[Finding]:
        moved_to = self._new_ref_of(a.objective)
        if moved_to != b.objective:
            yield self._indicator(a, b, "moved", "avviso",
                                  f"Indicatore {b.name!r} spostato da {a.objective} a {b.objective}.",
                                  field="objective", old=a.objective, new=b.objective)
        if not same_text(a.name, b.name):
            yield self._indicator(a, b, "renamed", "avviso", f"Indicatore {b.objective}#{b.n} rinominato: "
                                  f"{a.name!r} → {b.name!r}.", field="name", old=a.name, new=b.name)
        for name in INDICATOR_FIELDS:
            x, y = getattr(a, name), getattr(b, name)
            if not _same(name, x, y):
                yield self._indicator(a, b, "changed", FIELD_SEVERITY[name],
                                      f"Indicatore {b.name!r} ({b.objective}): {FIELD_WORDS[name]} cambiato da "
                                      f"{fmt(x)} a {fmt(y)}.", field=name, old=x, new=y)

    def _new_ref_of(self, old_ref: str) -> str | None:
        return next((b.ref for a, b in self.pairing.objectives if a.ref == old_ref), None)

    def _indicator(self, a: Indicator | None, b: Indicator | None, kind: str, severity: str, message: str, *,
                   field: str | None = None, old: object = None, new: object = None) -> Finding:
        item = b or a
        assert item is not None
        return Finding(kind, severity, "indicator", item.objective, message, indicator=item.name, field=field,
                       old=old if old is not None or a is None else (a.name if kind == "removed" else None),
                       new=new if new is not None or b is None else (b.name if kind == "added" else None),
                       old_where=where(self.old_path, a.provenance) if a else None,
                       new_where=where(self.new_path, b.provenance) if b else None)


def _same(name: str, x: object, y: object) -> bool:
    if name in ("weight", "score"):
        return same_number(x, y, 0.005)  # type: ignore[arg-type]
    if name == "status":
        return same_text(x, y)  # type: ignore[arg-type]
    return same_value(x, y)  # type: ignore[arg-type]


def _name(o: Objective) -> str:
    return f"{LEVEL_WORDS[o.level].capitalize()} {o.code or repr(o.title)}"
