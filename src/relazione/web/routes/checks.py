"""The consistency checks of ``relazione check`` on archived documents: one draft, two drafts, plan and report."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from relazione.check.diff import diff_records
from relazione.check.plan import check_plan
from relazione.check.single import check_records

from ..app import services
from ..current import METHOD, document_or_404, records_or_404
from ..records_view import index

bp = Blueprint("checks", __name__)
MODES = {"bozza": "incoerenze nella bozza", "confronto": "cosa cambia rispetto a un altro documento",
         "piano": "la relazione copre il piano"}


@bp.get("/documenti/<int:doc_id>/verifica")
def check(doc_id: int):  # noqa: ANN201
    archive = services().archive
    doc = document_or_404(archive, doc_id)
    records = records_or_404(archive, doc_id).records
    mode = request.args.get("modo", "bozza")
    if mode not in MODES:
        abort(400, "verifica sconosciuta")
    other_doc = other = None
    if mode != "bozza":
        other_id = request.args.get("con", "")
        if not other_id.isdigit():
            abort(400, "scegliere l'altro documento")
        other_doc = document_or_404(archive, int(other_id))
        other = records_or_404(archive, other_doc["id"]).records
    if mode == "bozza":
        findings = check_records(records, METHOD)
    elif mode == "confronto":
        findings = diff_records(other, records, METHOD)
    else:
        findings = check_plan(other, records)
    findings.sort(key=lambda f: f.rank)
    links = [(_link(records, f.report, f.objective), _link(other, f.report, f.objective) if other else None)
             for f in findings]
    return render_template("check.html", doc=doc, mode=mode, modes=MODES, other=other_doc,
                           rows=list(zip(findings, links, strict=True)),
                           others=[d for d in archive.documents() if d["id"] != doc_id and d["status"] == "pronto"])


def _link(records, report: str | None, objective: str | None) -> str | None:  # noqa: ANN001
    """The key of the finding's objective in these records (report named by ente or title), for a link."""
    if records is None or not objective:
        return None
    keys = index(records)
    for key, (rep, item) in keys.items():
        if getattr(item, "ref", None) == objective and (report in (None, rep.ente, rep.title)):
            return key
    return None
