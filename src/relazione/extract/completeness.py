"""Say when a reading is thin: an empty or nearly empty result is not a success.

After extraction, each report is looked at as a person would: objectives but no indicators, indicators
but no target or result, most objectives without indicators. Each finding is a warning in Italian that
says what is missing and how to look closer (``relazione explain``); ``--strict`` turns warnings into
exit status 1.
"""

from __future__ import annotations

from relazione.records.model import Report, Warning_

EXPLAIN_HINT = "per vedere come è stato letto il documento: relazione explain FILE"
THIN_SHARE = 0.5  # more than half of the objectives or indicators lacking something is a thin reading


def completeness_warnings(reports: list[Report], profile_name: str) -> list[Warning_]:
    if not any(r.objectives or r.indicators for r in reports):
        return [Warning_("no_structure", f"nessun obiettivo né indicatore riconosciuto con il profilo "
                                         f"{profile_name!r}; {EXPLAIN_HINT}")]
    warnings: list[Warning_] = []
    for report in reports:
        warnings.extend(_report_warnings(report))
    return warnings


def _report_warnings(report: Report) -> list[Warning_]:
    where = f"{report.ente or 'documento'} ({report.kind or 'tipo non riconosciuto'})"
    n_obj, n_ind = len(report.objectives), len(report.indicators)
    if n_obj and not n_ind:
        return [Warning_("thin_result", f"{where}: {n_obj} obiettivi ma nessun indicatore; le tabelle degli "
                                        f"indicatori non sono state riconosciute; {EXPLAIN_HINT}")]
    if not n_ind:
        return []
    found: list[Warning_] = []
    without_values = sum(1 for i in report.indicators if not i.target and not i.actual)
    if without_values > THIN_SHARE * n_ind:
        found.append(Warning_("thin_result", f"{where}: {without_values} indicatori su {n_ind} senza target né "
                                             f"risultato; {EXPLAIN_HINT}"))
    with_indicators = {i.objective for i in report.indicators}
    parents = {c.parent for c in report.objectives}
    leaves = [o for o in report.objectives if o.ref not in parents]
    empty = [o for o in leaves if o.ref not in with_indicators]
    if leaves and len(empty) > THIN_SHARE * len(leaves):
        found.append(Warning_("thin_result", f"{where}: {len(empty)} obiettivi su {len(leaves)} (all'ultimo "
                                             f"livello) senza indicatori; {EXPLAIN_HINT}"))
    return found
