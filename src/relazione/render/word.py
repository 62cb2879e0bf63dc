"""Word reports from records: a docxtpl template (built-in or the chamber's own) filled with one report.

The built-in templates live in ``relazione.templates`` (built by scripts/make_templates.py). A custom
template is checked before rendering: a variable the tool does not provide is an error naming the
tag and the paragraph where it is, never a silently empty field.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import regex as re
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from relazione.errors import RelazioneError
from relazione.office.properties import set_language, set_properties
from relazione.office.tables import fit_tables
from relazione.records.model import Report
from relazione.render.charts import Bar, bar_chart
from relazione.render.context import ContextBuilder, verdict_colour
from relazione.render.trend import Trend
from relazione.scoring.methods import get_method

TEMPLATE_FOR_KIND = {"monitoraggio": "monitoraggio.docx", "pira": "pira.docx", "piano": "piano.docx"}
DEFAULT_TEMPLATE = "relazione.docx"
KIND_TITLES = {"monitoraggio": "Monitoraggio semestrale della performance", "pira": "Piano degli indicatori e dei "
               "risultati attesi di bilancio", "relazione": "Relazione sulla Performance",
               "piano": "Piano della Performance"}
CHART_WIDTH = Mm(160)
# The top-level variables build_context provides (docs/templates.md describes them).
VARIABLES = frozenset({
    "ente", "titolo", "anno", "data_riferimento", "data_breve", "ente_punteggio", "ente_valutazione", "ente_copertura",
    "metodo",
    "nota_generazione", "aree", "albero", "gruppi_strategici", "gruppi_operativi", "indicatori_chiave", "obiettivi",
    "proposte", "grafico_aree", "grafico_strategici", "addendum", "anno_2", "anno_3",
})
# How a PIRA names the three levels of the records (DPCM 18/9/2012: missioni, programmi, obiettivi).
PIRA_LABELS = {"area": "Missione", "strategic": "Programma", "operational": "Obiettivo"}
_TAG = re.compile(r"\{[{%].*?[}%]\}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Template:
    name: str  # what error messages call it: the file path, or the built-in name
    data: bytes

    def load(self) -> DocxTemplate:
        try:
            tpl = DocxTemplate(io.BytesIO(self.data))
            tpl.init_docx()  # docxtpl opens the file lazily: open it here, where its errors are caught
            return tpl
        except Exception as exc:  # python-docx raises several types for a file that is not a .docx
            problem = f"non è un modello Word (.docx) leggibile ({exc.__class__.__name__})"
            raise RelazioneError(self.name, problem) from None


def builtin_template(name: str) -> Template:
    return Template(f"modello {name}", resources.files("relazione.templates").joinpath(name).read_bytes())


def choose_template(path: Path | None, report: Report) -> Template:
    if path is None:
        return builtin_template(TEMPLATE_FOR_KIND.get(report.kind or "", DEFAULT_TEMPLATE))
    try:
        return Template(str(path), path.read_bytes())
    except FileNotFoundError:
        raise RelazioneError(str(path), "modello non trovato") from None


# -- context --------------------------------------------------------------------------------------
def _chart(tpl: DocxTemplate, items: list[dict[str, Any]], title: str) -> InlineImage | str:
    if not items:
        return ""
    bars = [Bar(f"{i['codice']} {i['titolo']}".strip(), _score_of(i), i["colore"], i["dichiarata_diversa"])
            for i in items]
    return InlineImage(tpl, image_descriptor=io.BytesIO(bar_chart(bars, title)), width=CHART_WIDTH)


def _pira_heading(sheet: dict[str, Any]) -> str:
    """ "Programma 011-005 - Titolo": a PIRA's heading for an objective sheet."""
    label = PIRA_LABELS.get(sheet["livello"], "Obiettivo")
    return f"{label} {sheet['codice']} - {sheet['titolo']}" if sheet["codice"] else f"{label} - {sheet['titolo']}"


def _score_of(sheet: dict[str, Any]) -> float | None:
    return sheet["valore"]


def build_context(report: Report, tpl: DocxTemplate, used: set[str], *, method: str, source: str,
                  trend: Trend | None = None) -> dict[str, Any]:
    """Every variable the built-in templates know; charts only when the template shows them; the earlier years
    of each objective's indicators when ``trend`` holds them."""
    scoring = get_method(method)
    builder = ContextBuilder(report, scoring.bands, trend)
    context = builder.base(scoring.label, source)
    context["gruppi_strategici"] = builder.strategic_groups()
    context["gruppi_operativi"] = builder.operational_groups()
    context["indicatori_chiave"] = builder.key_indicators()
    # objectives without a parent first: a reader of the document then gives them no parent either
    walk = sorted(builder.walk(), key=lambda pair: pair[0].level != "operational" or pair[1] != 0)
    context["obiettivi"] = [builder.sheet(o) for o, _ in walk]
    context["proposte"] = builder.proposals()
    context["addendum"] = report.title if report.title and "addendum" in report.title.casefold() else ""
    for sheet in context["obiettivi"]:
        sheet["voce"] = _pira_heading(sheet)
    strategic = [builder.sheet(o) for o in report.objectives if o.level == "strategic"]
    context["grafico_aree"] = _chart(tpl, context["aree"], "Aree strategiche") if "grafico_aree" in used else ""
    context["grafico_strategici"] = (_chart(tpl, strategic, "Obiettivi strategici")
                                     if "grafico_strategici" in used else "")
    return context


# -- template checks ------------------------------------------------------------------------------
def locate(tpl: DocxTemplate, pattern: str) -> tuple[int, str] | None:
    """(paragraph number, tag) of the first tag in the body matching ``pattern``; table cells count."""
    body = tpl.get_docx().element.body
    for n, p in enumerate(body.iter(qn("w:p")), start=1):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        for tag in _TAG.findall(text):
            if re.search(pattern, tag):
                return n, tag
    return None


def _where(tpl: DocxTemplate, pattern: str) -> str:
    found = locate(tpl, pattern)
    return f' nel tag "{found[1]}" (paragrafo {found[0]})' if found else ""


def check_variables(tpl: DocxTemplate, template: Template, known: set[str] = VARIABLES) -> set[str]:
    """The variables the template uses; an unknown one is an error naming the tag and paragraph."""
    try:
        used = tpl.get_undeclared_template_variables()
    except jinja2.TemplateSyntaxError as exc:
        raise RelazioneError(template.name, f"errore di sintassi nel modello: {exc.message}") from None
    unknown = sorted(used - known)
    if unknown:
        name = unknown[0]
        where = _where(tpl, r"(?<![\w.])" + re.escape(name) + r"\b")
        raise RelazioneError(template.name, f"variabile sconosciuta '{name}'{where}")
    return used


def _render_error(tpl: DocxTemplate, template: Template, exc: jinja2.TemplateError) -> RelazioneError:
    message = str(exc.message if hasattr(exc, "message") else exc)
    attribute = re.search(r"has no attribute '(\w+)'", message)
    if attribute:
        name = attribute.group(1)
        where = _where(tpl, r"\." + re.escape(name) + r"\b")
        return RelazioneError(template.name, f"campo sconosciuto '{name}'{where}")
    return RelazioneError(template.name, f"errore nel modello: {message}")


# -- rendering ------------------------------------------------------------------------------------
def render_report(report: Report, *, template: Path | None = None, method: str = "integra",
                  source: str = "", trend: Trend | None = None) -> bytes:
    """The .docx bytes of one scored report (with its earlier years' values when ``trend`` is given)."""
    chosen = choose_template(template, report)
    tpl = chosen.load()
    used = check_variables(tpl, chosen)
    context = build_context(report, tpl, used, method=method, source=source, trend=trend)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise _render_error(tpl, chosen, exc) from None
    finish(tpl.docx, report)  # not get_docx(): after rendering it reloads the template
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def finish(doc, report: Report) -> None:  # noqa: ANN001
    """What makes the rendered file one a chamber files as it is: tables that fit the page, rows kept whole,
    Italian language, the ente as author and today's dates (also for a chamber's own template)."""
    fit_tables(doc)
    set_language(doc)
    title = " ".join(str(p) for p in (report.title or KIND_TITLES.get(report.kind or "", ""), report.year) if p)
    set_properties(doc, title=title, author=report.ente or "", subject=KIND_TITLES.get(report.kind or "", ""))


__all__ = ["render_report", "check_variables", "choose_template", "builtin_template", "verdict_colour"]
