"""Produce: the Word documents (PDF with LibreOffice), the Excel export, the data-collection workbook, filled
workbooks back in; and the consistency checks."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from relazione.errors import RelazioneError

from ..app import services
from ..current import current_records, document_or_404, records_or_404
from ..history import earlier_records, earlier_years
from ..names import download_name
from ..outputs import KINDS, OUTPUT_TYPES, collection_workbook, excel_export, import_workbooks, word_document
from ..records_view import report_label

bp = Blueprint("produce", __name__)


@bp.get("/documenti/<int:doc_id>/produci")
def produce(doc_id: int):  # noqa: ANN201
    from relazione.office.pdf import libreoffice

    archive = services().archive
    doc = document_or_404(archive, doc_id)
    current = records_or_404(archive, doc_id)
    return render_template("produce.html", doc=doc, records=current.records, kinds=KINDS, report_label=report_label,
                           outputs=archive.outputs(doc_id), output_types=OUTPUT_TYPES,
                           has_pdf=libreoffice() is not None, others=[d for d in archive.documents()
                                                                      if d["id"] != doc_id and d["status"] == "pronto"])


def _report_number(records) -> int:  # noqa: ANN001
    raw = request.form.get("report", "0")
    if not raw.isdigit() or int(raw) >= len(records.reports):
        abort(400, "report inesistente in questo documento")
    return int(raw)


@bp.post("/documenti/<int:doc_id>/genera")
def generate(doc_id: int):  # noqa: ANN201
    archive = services().archive
    doc = document_or_404(archive, doc_id)
    records = records_or_404(archive, doc_id).records
    what = request.form.get("tipo", "")
    try:
        if what in KINDS:
            pdf, number = request.form.get("pdf") == "1", _report_number(records)
            earlier = (earlier_records(records.reports[number], doc_id, archive, lambda d: current_records(archive, d))
                       if what == "relazione" else [])  # the years before: the Relazione's "Andamento negli anni"
            data, suffix = word_document(records, number, what, pdf=pdf, earlier=earlier)
        elif what == "excel":
            data, suffix = excel_export(records), ".xlsx"
        elif what == "raccolta":
            data, suffix = collection_workbook(records, request.form.get("periodo") or None), ".xlsx"
        else:
            abort(400, "documento da generare sconosciuto")
    except RelazioneError as exc:
        flash(f"{doc['name']}: {exc.problem}", "errore")
        return redirect(url_for("produce.produce", doc_id=doc_id))
    out_id = archive.add_output(doc_id, what, download_name(doc["name"], what, suffix), data)
    flash("documento generato: si scarica dall'elenco qui sotto", "info")
    if what == "relazione" and (years := earlier_years(earlier, records.reports[number])):
        flash(f"la Relazione riporta l'andamento degli anni archiviati {', '.join(map(str, years))}", "info")
    return redirect(url_for("produce.produce", doc_id=doc_id, nuovo=out_id))


@bp.get("/prodotti/<int:out_id>")
def download(out_id: int):  # noqa: ANN201
    archive = services().archive
    out = archive.output(out_id)
    if out is None:
        abort(404, "documento generato inesistente")
    data = archive.blob_path(out["sha256"]).read_bytes()
    mimetype = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ".pdf": "application/pdf"}.get(Path(out["name"]).suffix, "application/octet-stream")
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename=\"{out['name']}\""})


@bp.post("/documenti/<int:doc_id>/importa")
def import_filled(doc_id: int):  # noqa: ANN201
    archive = services().archive
    doc = document_or_404(archive, doc_id)
    records = records_or_404(archive, doc_id).records
    uploads = [f for f in request.files.getlist("raccolte") if f and f.filename]
    if not uploads:
        flash("nessuna raccolta scelta", "errore")
        return redirect(url_for("produce.produce", doc_id=doc_id))
    with tempfile.TemporaryDirectory(prefix="relazione-raccolte-") as tmp:
        paths = []
        for i, upload in enumerate(uploads, 1):  # our own names in our own folder: nothing from the request
            path = Path(tmp) / f"raccolta_{i}.xlsx"
            upload.save(path)
            paths.append(path)
        try:
            imported, messages = import_workbooks(records, paths, [u.filename or "" for u in uploads])
        except RelazioneError as exc:
            flash(str(exc), "errore")
            return redirect(url_for("produce.produce", doc_id=doc_id))
    for m in messages:
        flash(m, "errore")
    if imported is not None:
        archive.add_extraction(doc_id, imported, origin="importa")
        flash(f"{doc['name']}: valori delle raccolte importati (le correzioni restano applicate)", "info")
    return redirect(url_for("produce.produce", doc_id=doc_id))
