"""Findings out: a grouped, coloured terminal listing; JSON for tools; an Italian DOCX for the OIV."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from relazione.check.findings import LEVEL_WORDS, SEVERITIES, Finding, ordered
from relazione.fileio import write_atomic

COLOURS = {"errore": "\033[31m", "avviso": "\033[33m", "nota": "\033[36m"}
RESET, BOLD = "\033[0m", "\033[1m"
SEVERITY_TITLES = {"errore": "Errori", "avviso": "Avvisi", "nota": "Note"}


def counts_line(findings: list[Finding]) -> str:
    if not findings:
        return "Nessuna incoerenza trovata."
    parts = [f"{sum(1 for f in findings if f.severity == s)} {s}" for s in SEVERITIES]
    return f"{len(findings)} segnalazioni: " + ", ".join(parts) + "."


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
    """"Verifica di coerenza": what was compared, the counts, then one table per severity."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.add_heading("Verifica di coerenza", level=0)
    doc.add_paragraph(f"Data della verifica: {date.today().strftime('%d/%m/%Y')}")
    doc.add_paragraph("Documenti esaminati: " + "; ".join(Path(p).name for p in inputs))
    doc.add_paragraph(counts_line(findings))
    for severity in SEVERITIES:
        group = [f for f in ordered(findings) if f.severity == severity]
        if not group:
            continue
        doc.add_heading(f"{SEVERITY_TITLES[severity]} ({len(group)})", level=1)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Oggetto", "Segnalazione", "Valori", "Dove"), strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for f in group:
            row = table.add_row().cells
            row[0].text = _subject(f)
            row[1].text = f.message
            row[2].text = _values(f)
            row[3].text = "\n".join(p for p in (f.old_where, f.new_where) if p)
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)
    buffer = io.BytesIO()
    doc.save(buffer)
    write_atomic(out, buffer.getvalue(), force=force)


def _subject(f: Finding) -> str:
    parts = [f.report or "", LEVEL_WORDS.get(f.level, f.level), f.objective or ""]
    return " – ".join(p for p in parts if p)


def _values(f: Finding) -> str:
    if f.old is None and f.new is None:
        return ""
    return f"prima/altrove: {f.old if f.old is not None else '—'}\nora/qui: {f.new if f.new is not None else '—'}"
