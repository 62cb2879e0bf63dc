"""Review: the tree beside the source, corrections in place, "verificato" marks, scores recomputed."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from relazione.errors import RelazioneError
from relazione.records.model import Indicator, Objective

from .. import pdf_page, text_source
from ..app import services
from ..corrections import InvalidValue, fields_of, normalise, shown
from ..current import document_or_404, records_or_404
from ..records_view import LEVEL_NAMES, index, report_label, to_check, tree

bp = Blueprint("review", __name__)


def _selected(records, key: str | None):  # noqa: ANN001, ANN202
    if not key:
        return None, None
    found = index(records).get(key)
    if found is None:
        abort(404, "elemento inesistente in questo documento")
    return found


def _report_index(records, key: str | None) -> int:  # noqa: ANN001
    if key:  # a key found in the records: its first element is the report's position
        return int(json.loads(key)[0])
    r = request.args.get("r", "0")
    if not r.isdigit() or int(r) >= max(1, len(records.reports)):
        abort(404, "report inesistente in questo documento")
    return int(r)


@bp.get("/documenti/<int:doc_id>")
def review(doc_id: int):  # noqa: ANN201
    archive = services().archive
    doc = document_or_404(archive, doc_id)
    if doc["status"] != "pronto" and archive.latest_records(doc_id) is None:
        return render_template("waiting.html", doc=doc)
    current = records_or_404(archive, doc_id)
    records, key = current.records, request.args.get("k")
    report, item = _selected(records, key)
    r = _report_index(records, key)
    page = _page(doc, item)
    return render_template(
        "review.html", doc=doc, records=records, r=r, report=records.reports[r] if records.reports else None,
        nodes=tree(r, records.reports[r]) if records.reports else [], to_check=to_check(records, r),
        report_label=report_label,
        verified=archive.verified(doc_id), key=key, item=item, is_indicator=isinstance(item, Indicator),
        fields=[(name, label, shown(item, name)) for name, label in fields_of(item).items()] if item else [],
        history=[c for c in archive.corrections(doc_id) if c["record"] == key] if key else [],
        unapplied=current.unapplied, level_names=LEVEL_NAMES, page=page, pages=_pages(doc),
        lines=_lines(doc, item) if doc["suffix"] != ".pdf" else [],
    )


def _page(doc, item) -> int:  # noqa: ANN001
    asked = request.args.get("p", "")
    if asked.isdigit():
        return int(asked)
    return (item.provenance.page if item is not None else None) or 1


def _pages(doc) -> int | None:  # noqa: ANN001
    if doc["suffix"] != ".pdf":
        return None
    return pdf_page.page_count(services().archive.document_file(doc))


def _anchors(item: Objective | Indicator) -> list[str]:
    title = item.name if isinstance(item, Indicator) else item.title
    return ([item.code] if item.code and len(item.code) > 3 else []) + pdf_page.title_prefixes(title)


def _original(doc_id: int, key: str | None):  # noqa: ANN202
    """The record as read (the source shows what the document says, not the correction)."""
    records = services().archive.latest_records(doc_id)
    return index(records).get(key or "", (None, None))[1] if records else None


def _lines(doc, item) -> list[text_source.SourceLine]:  # noqa: ANN001
    if item is None:
        return []
    try:
        lines = text_source.document_lines(services().archive.document_file(doc))
    except RelazioneError:
        return []
    return text_source.lines_around(lines, item.provenance, _anchors(item)[:1])


@bp.get("/documenti/<int:doc_id>/pagina/<int:page>.png")
def page_image(doc_id: int, page: int):  # noqa: ANN201
    archive = services().archive
    doc = document_or_404(archive, doc_id)
    if doc["suffix"] != ".pdf":
        abort(404, "il documento non è un PDF")
    item = _original(doc_id, request.args.get("k"))
    anchors, values = [], []
    if item is not None and item.provenance.page == page:
        anchors = _anchors(item)  # the code (else the title) places the record; its title and figures follow
        title = item.name if isinstance(item, Indicator) else item.title
        values = [v for v in (title, getattr(item, "target", None), getattr(item, "actual", None)) if v]
    try:
        png = pdf_page.render_page(archive.document_file(doc), page, anchors, values)
    except RelazioneError as exc:
        abort(404, exc.problem)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, max-age=300"})


@bp.post("/documenti/<int:doc_id>/correzione")
def correct(doc_id: int):  # noqa: ANN201
    archive = services().archive
    key = request.form.get("k", "")
    _, item = _selected(records_or_404(archive, doc_id).records, key)
    note = request.form.get("note", "").strip()[:500]
    changes, errors = [], []
    for name, label in fields_of(item).items():
        if name not in request.form:
            continue
        old = shown(item, name)
        try:
            new = normalise(item, name, request.form[name])
        except InvalidValue as exc:
            errors.append(f"{label}: {exc}")
            continue
        if (new or "") != old:
            changes.append((name, old or None, new))
    if errors:
        for e in errors:
            flash(e, "errore")
    elif not changes:
        flash("nessuna modifica", "info")
    else:
        for name, old, new in changes:
            archive.add_correction(doc_id, key, name, old, new, note)
        flash(f"salvate {len(changes)} correzioni; punteggi ricalcolati", "info")
    return redirect(url_for("review.review", doc_id=doc_id, k=key))


@bp.post("/documenti/<int:doc_id>/verificato")
def mark(doc_id: int):  # noqa: ANN201
    archive = services().archive
    key = request.form.get("k", "")
    _selected(records_or_404(archive, doc_id).records, key)
    archive.set_verified(doc_id, key, request.form.get("verificato") == "1")
    return redirect(url_for("review.review", doc_id=doc_id, k=key))
