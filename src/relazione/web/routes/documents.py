"""The archive page: documents by ente and year, upload (one or many), the extraction's progress."""

from __future__ import annotations

from pathlib import PurePath

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for

from ..app import services
from ..archive import SUFFIXES
from ..current import document_or_404
from ..jobs import STEPS, TOTAL_STEPS
from ..names import display_name

bp = Blueprint("documents", __name__)


@bp.get("/")
def index():  # noqa: ANN201
    docs = services().archive.documents()
    return render_template("index.html", docs=docs, steps=STEPS, accept=",".join(SUFFIXES))


def _accept(upload) -> tuple[int | None, str]:  # noqa: ANN001 - a werkzeug FileStorage
    name = display_name(upload.filename)
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        return None, f"{name}: formato non supportato (si caricano PDF, Word .docx, Excel .xlsx, testo .txt)"
    data = upload.read()
    if not data.strip():
        return None, f"{name}: file vuoto"
    archive = services().archive
    doc_id, new = archive.add_document(name, suffix, data)
    if not new:
        return doc_id, f"{name}: già nell'archivio"
    services().extractor.submit(doc_id)
    return doc_id, f"{name}: caricato, lettura in corso"


@bp.post("/documenti")
def upload():  # noqa: ANN201
    uploads = [f for f in request.files.getlist("files") if f and f.filename]
    if not uploads:
        results = [{"id": None, "message": "nessun file scelto"}]
    else:
        results = [dict(zip(("id", "message"), _accept(f), strict=True)) for f in uploads]
    if request.headers.get("X-Requested-With") == "fetch":
        return jsonify(results=results)
    for r in results:
        flash(r["message"], "info" if r["id"] else "errore")
    return redirect(url_for("documents.index"))


@bp.get("/documenti/<int:doc_id>/stato")
def status(doc_id: int):  # noqa: ANN201
    doc = document_or_404(services().archive, doc_id)
    step, label = STEPS.get(doc["status"], (0, doc["status"]))
    return jsonify(status=doc["status"], label=label, step=step, steps=TOTAL_STEPS, error=doc["error"],
                   review=url_for("review.review", doc_id=doc_id))


@bp.post("/documenti/<int:doc_id>/rileggi")
def reread(doc_id: int):  # noqa: ANN201
    doc = document_or_404(services().archive, doc_id)
    services().extractor.submit(doc_id)
    flash(f"{doc['name']}: nuova lettura in corso; le correzioni saranno applicate di nuovo", "info")
    return redirect(url_for("documents.index"))
