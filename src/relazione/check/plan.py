"""A plan against its report: every planned objective and indicator is reported, with the plan's
targets unless the report documents the variation (a narrative "da X a Y" the extraction kept as a
restatement, see :mod:`relazione.extract.restatements`, or an approved ``Variation`` in the indicator's history)."""

from __future__ import annotations

from collections.abc import Iterator

from relazione.check.compare import same_number, same_value
from relazione.check.findings import Finding, fmt
from relazione.check.inputs import where
from relazione.check.match import pair_report_lists, pair_reports
from relazione.records.model import Indicator, Records, Report, Variation


def check_plan(plan: Records, report: Records) -> list[Finding]:
    pairs, missing, _ = pair_report_lists(plan.reports, report.reports)
    findings = [Finding("missing", "errore", "report", None, old=r.ente, report=r.ente,
                        message=f"Il piano di {r.ente or '?'} non ha una relazione corrispondente.") for r in missing]
    for p, r in pairs:
        for f in _plan_report(p, r, plan.source.path, report.source.path):
            f.report = r.ente
            findings.append(f)
    return findings


def _plan_report(plan: Report, report: Report, plan_path: str, report_path: str) -> Iterator[Finding]:
    pairing = pair_reports(plan, report)
    for o in pairing.removed_objectives:
        yield Finding("missing", "errore", o.level, o.ref,
                      f"Obiettivo pianificato {o.ref} ({o.title!r}) non rendicontato.",
                      old=o.title, old_where=where(plan_path, o.provenance))
    for o in pairing.added_objectives:
        yield Finding("added", "nota", o.level, o.ref, f"Obiettivo {o.ref} rendicontato ma assente dal piano.",
                      new=o.title, new_where=where(report_path, o.provenance))
    lost = {o.ref for o in pairing.removed_objectives}
    for i in pairing.removed_indicators:
        if i.objective not in lost:
            yield Finding("missing", "errore", "indicator", i.objective,
                          f"Indicatore pianificato {i.name!r} ({i.objective}) non rendicontato.", indicator=i.name,
                          old=i.name, old_where=where(plan_path, i.provenance))
    for a, b in pairing.objectives:
        if not same_number(a.weight, b.weight, 0.005):
            yield Finding("changed", "avviso", b.level, b.ref, f"Obiettivo {b.ref}: peso {fmt(a.weight)} nel piano, "
                          f"{fmt(b.weight)} nella relazione.", field="weight", old=a.weight, new=b.weight,
                          old_where=where(plan_path, a.provenance), new_where=where(report_path, b.provenance))
    for a, b in pairing.indicators:
        yield from _target(a, b, report, plan_path, report_path)


def _target(a: Indicator, b: Indicator, report: Report, plan_path: str, report_path: str) -> Iterator[Finding]:
    if same_value(a.target, b.target):
        return
    approved = _approved_variation(b, a.target)
    documented = approved is not None or _documented_change(report, b, a.target)
    severity, note = ("nota", " (variazione documentata nella relazione)") if documented else ("errore", "")
    if approved is not None:
        note = f" (variazione approvata il {approved.date}: {approved.reason or 'motivo non indicato'})"
    yield Finding("changed", severity, "indicator", b.objective, f"Indicatore {b.name!r} ({b.objective}): target "
                  f"{fmt(a.target)} nel piano, {fmt(b.target)} nella relazione{note}.", indicator=b.name,
                  field="target", old=a.target, new=b.target, old_where=where(plan_path, a.provenance),
                  new_where=where(report_path, b.provenance))


def _approved_variation(ind: Indicator, planned: str | None) -> Variation | None:
    """The approved change (``Indicator.variations``, from a raccolta or a later plan) from the plan's target
    to the report's: the last step ends at the report's target, the chain starts from the planned one."""
    steps = [v for v in ind.variations if v.approved]
    if not steps or not same_value(steps[-1].new, ind.target):
        return None
    return steps[-1] if any(same_value(v.old, planned) for v in steps) else None


def _documented_change(report: Report, ind: Indicator, planned: str | None) -> bool:
    return any(s.context == "narrative" and s.objective == ind.objective and s.indicator == ind.n
               and same_value(s.value, ind.target) and (s.previous is None or same_value(s.previous, planned))
               for s in report.restatements)
