"""History: an indicator's targets and results, or an objective's achievement, across the years archived for its
ente, as a table and a chart."""

from __future__ import annotations

import io

from flask import Blueprint, Response, abort, render_template, request

from relazione.records.model import Indicator

from ..app import services
from ..current import current_records, document_or_404, records_or_404
from ..history import Item, Point, follow, title_of

bp = Blueprint("history", __name__)


def _points(doc_id: int) -> tuple[Item, str | None, list[Point]]:
    archive = services().archive
    records = records_or_404(archive, doc_id).records
    key = request.args.get("k", "")
    from ..records_view import index

    found = index(records).get(key)
    if found is None:
        abort(404, "elemento inesistente in questo documento")
    report, item = found
    if not report.ente:
        return item, None, []
    return item, report.ente, follow(item, report.ente, archive, lambda d: current_records(archive, d))


@bp.get("/documenti/<int:doc_id>/storico")
def history(doc_id: int):  # noqa: ANN201
    item, ente, points = _points(doc_id)
    return render_template("history.html", doc=document_or_404(services().archive, doc_id), item=item, ente=ente,
                           title=title_of(item), is_indicator=isinstance(item, Indicator), points=points,
                           key=request.args.get("k", ""))


@bp.get("/documenti/<int:doc_id>/storico.png")
def chart(doc_id: int):  # noqa: ANN201
    item, _, points = _points(doc_id)
    return Response(_chart_png(title_of(item), points, indicator=isinstance(item, Indicator)), mimetype="image/png")


def _chart_png(title: str, points: list[Point], *, indicator: bool) -> bytes:
    """An indicator: target and result (its unit); an objective: its achievement (percent)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 3.2), dpi=100)
    ax = fig.add_subplot()
    years = [str(p.year) for p in points]
    series = ((("target", "Target", "--o"), ("actual", "Consuntivo", "-o")) if indicator
              else (("achievement", "Grado di raggiungimento (%)", "-o"),))
    for attr, label, style in series:
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
