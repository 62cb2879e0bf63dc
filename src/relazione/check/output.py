"""Findings out: a grouped, coloured terminal listing; JSON for tools; an Italian DOCX for the OIV."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from relazione.check.findings import LEVEL_WORDS, SEVERITIES, Finding, ordered
from relazione.fileio import write_atomic
from relazione.office.properties import set_language, set_properties
from relazione.office.tables import fit_tables, repeat_header, shade
from relazione.office.typography import a4_portrait, page_number_footer, set_font

COLOURS = {"errore": "\033[31m", "avviso": "\033[33m", "nota": "\033[36m"}
RESET, BOLD = "\033[0m", "\033[1m"
SEVERITY_TITLES = {"errore": "Errori", "avviso": "Avvisi", "nota": "Note"}
PLURALS = {"errore": "errori", "avviso": "avvisi", "nota": "note"}
TABLE_HEADERS = ("Oggetto", "Segnalazione", "Valori", "Dove")
HEADER_FILL = "1F4E79"  # the blue of the Relazione's tables
TABLE_PT = 8.5


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def counts_line(findings: list[Finding]) -> str:
    """ "19 segnalazioni: 1 errore, 14 avvisi, 4 note." (Italian plurals)."""
    if not findings:
        return "Nessuna incoerenza trovata."
    parts = [_count(sum(1 for f in findings if f.severity == s), s, PLURALS[s]) for s in SEVERITIES]
    return _count(len(findings), "segnalazione", "segnalazioni") + ": " + ", ".join(parts) + "."


def terminal(findings: list[Finding], *, colour: bool) -> str:
    lines = []
    for severity in SEVERITIES:
        group = [f for f in ordered(findings) if f.severity == severity]
        if not group:
            continue
        head = f"{SEVERITY_TITLES[severity]} ({len(group)})"
        lines.append(f"{BOLD}{COLOURS[severity]}{head}{RESET}" if colour else head)
        for f in group:
            tag = f"[{f.kind}]"
            who = f"{f.report.removeprefix('Camera di Commercio di ')}: " if f.report else ""
            lines.append(f"  {COLOURS[severity] + tag + RESET if colour else tag} {who}{f.message}")
            places = [p for p in (f.old_where, f.new_where) if p]
            if places:
                lines.append(f"      {' ↔ '.join(places)}")
    lines.append(counts_line(findings))
    return "\n".join(lines) + "\n"


def to_json(findings: list[Finding]) -> str:
    return json.dumps({"findings": [f.to_dict() for f in ordered(findings)]}, ensure_ascii=False, indent=2) + "\n"


def write_docx(findings: list[Finding], out: Path, *, inputs: list[str], force: bool) -> None:
    """"Verifica di coerenza": what was compared, the counts, then one table per severity; A4, the
    Relazione's typeface, page numbers, Italian language, tables sized from their content."""
    doc = _verifica_document(findings)
    doc.add_heading("Verifica di coerenza", level=0)
    doc.add_paragraph(f"Data della verifica: {date.today().strftime('%d/%m/%Y')}")
    doc.add_paragraph("Documenti esaminati: " + "; ".join(Path(p).name for p in inputs))
    doc.add_paragraph(counts_line(findings))
    for severity in SEVERITIES:
        group = [f for f in ordered(findings) if f.severity == severity]
        if group:
            doc.add_heading(f"{SEVERITY_TITLES[severity]} ({len(group)})", level=1)
            _findings_table(doc, group, one_file=Path(inputs[0]).name if len(inputs) == 1 else None)
    fit_tables(doc, default_pt=TABLE_PT)
    buffer = io.BytesIO()
    doc.save(buffer)
    write_atomic(out, buffer.getvalue(), force=force)


def _verifica_document(findings: list[Finding]):  # noqa: ANN202
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    a4_portrait(doc.sections[0])
    set_font(doc)
    set_language(doc)
    doc.styles["Normal"].font.size = Pt(10)
    for name in ("Heading 1", "Title"):
        doc.styles[name].paragraph_format.keep_with_next = True
    page_number_footer(doc.sections[0])
    entes = sorted({f.report for f in findings if f.report})
    set_properties(doc, title="Verifica di coerenza", author=entes[0] if len(entes) == 1 else "",
                   subject="Verifica di coerenza dei documenti del ciclo della performance")
    return doc


def _findings_table(doc, group: list[Finding], one_file: str | None) -> None:  # noqa: ANN001
    """Severity's findings, one row each; with one document examined, "Dove" gives only its lines."""
    from docx.shared import Pt, RGBColor

    def where(f: Finding) -> str:
        places = [p for p in (f.old_where, f.new_where) if p]
        return "\n".join(p.removeprefix(f"{one_file} ") if one_file else p for p in places)

    table = doc.add_table(rows=1, cols=len(TABLE_HEADERS))
    table.style = "Table Grid"
    rows = [TABLE_HEADERS] + [(_subject(f), f.message, _values(f), where(f))
                              for f in group]
    for n, texts in enumerate(rows):
        cells = table.rows[0].cells if n == 0 else table.add_row().cells
        for cell, text in zip(cells, texts, strict=True):
            lines = text.split("\n")
            cell.text = ""
            for k, line in enumerate(lines):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                p.paragraph_format.space_after = Pt(0)
                run = p.add_run(line)
                run.font.size = Pt(TABLE_PT)
                if n == 0:
                    run.bold, run.font.color.rgb = True, RGBColor(0xFF, 0xFF, 0xFF)
            if n == 0:
                shade(cell._tc, HEADER_FILL)
    repeat_header(table._tbl)


def _subject(f: Finding) -> str:
    parts = [f.report or "", LEVEL_WORDS.get(f.level, f.level), f.objective or ""]
    return " – ".join(p for p in parts if p)


def _values(f: Finding) -> str:
    if f.old is None and f.new is None:
        return ""
    return f"prima/altrove: {f.old if f.old is not None else '—'}\nora/qui: {f.new if f.new is not None else '—'}"
