"""History: an indicator's targets and results across the years archived for its ente, table and chart."""

from __future__ import annotations

import io

from flask import Blueprint, Response, abort, render_template, request

from relazione.records.model import Indicator

from ..app import services
from ..current import current_records, document_or_404, records_or_404
from ..history import Point, follow

bp = Blueprint("history", __name__)


def _points(doc_id: int) -> tuple[Indicator, str | None, list[Point]]:
    archive = services().archive
    document_or_404(archive, doc_id)
    records = records_or_404(archive, doc_id).records
    key = request.args.get("k", "")
    from ..records_view import index

    found = index(records).get(key)
    if found is None or not isinstance(found[1], Indicator):
        abort(404, "indicatore inesistente in questo documento")
    report, ind = found
    if not report.ente:
        return ind, None, []
    return ind, report.ente, follow(ind, report.ente, archive, lambda d: current_records(archive, d))


@bp.get("/documenti/<int:doc_id>/storico")
def history(doc_id: int):  # noqa: ANN201
    ind, ente, points = _points(doc_id)
    return render_template("history.html", doc=document_or_404(services().archive, doc_id), ind=ind, ente=ente,
                           points=points, key=request.args.get("k", ""))


@bp.get("/documenti/<int:doc_id>/storico.png")
def chart(doc_id: int):  # noqa: ANN201
    ind, _, points = _points(doc_id)
    return Response(_chart_png(ind.name, points), mimetype="image/png")


def _chart_png(title: str, points: list[Point]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 3.2), dpi=100)
    ax = fig.add_subplot()
    years = [str(p.year) for p in points]
    for attr, label, style in (("target", "Target", "--o"), ("actual", "Consuntivo", "-o")):
        xs = [y for y, p in zip(years, points, strict=True) if getattr(p, attr) is not None]
        ys = [getattr(p, attr) for p in points if getattr(p, attr) is not None]
        if xs:
            ax.plot(xs, ys, style, label=label)
    ax.set_title(title[:90], fontsize=10)
    ax.grid(alpha=0.3)
    if points:
        ax.legend()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
