"""``relazione explain``: the engine's reading of a document, block by block, in Italian, so that a
chamber's planning staff can see why something was or was not read, and write a profile.

It prints the profile used and why, then in document order each heading recognised (with the signals
behind it), each numbered line the outline pre-pass rejected, each indicator table (header, columns and
why, rows read and not read), and a summary. Nothing here decides anything: the engine's own functions
give the signals and the final records (matched to blocks by provenance) say what was read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from relazione.errors import RelazioneError
from relazione.extract.detect import rank_profiles
from relazione.extract.explain.context import LEVEL_PLURALS, Context, build_context, describe_warning, where
from relazione.extract.explain.headings import explain_line
from relazione.extract.explain.tables import explain_table
from relazione.extract.pipeline import GENERIC, extract_document
from relazione.extract.profiles import Profile, get_profile
from relazione.readers import read_document
from relazione.readers.blocks import Block, Document, Line
from relazione.readers.pdf_reading import DEFAULT_READING, PdfReading
from relazione.records.model import LEVELS, Records

MAX_RANKED = 4
MAX_WARNINGS = 20
_FORMATS = {"text": "testo", "pdf": "PDF", "docx": "Word", "xlsx": "Excel"}


def explain_file(path: Path, page: int | None = None, profile_name: str | None = None,
                 out: TextIO | None = None, pdf_reading: PdfReading = DEFAULT_READING) -> int:
    out = out or sys.stdout
    doc = read_document(path, pdf_reading)
    shown = {i for i, _ in _blocks_of_page(doc, page)}
    records = extract_document(doc, profile_name)
    profile = _profile_used(records, profile_name)
    ctx = build_context(doc, profile, records, generic=not profile.family and not profile.parts)
    lines = [*_document_lines(doc, page), *_profile_lines(doc, profile, profile_name, records), ""]
    for index, block in enumerate(doc.blocks):  # every block: what page 3 opens is read on page 4
        said = explain_line(ctx, block, index) if isinstance(block, Line) else explain_table(ctx, block, index)
        lines += said if index in shown else []
    lines += ["", *_summary(ctx, records)]
    out.write("\n".join(lines) + "\n")
    return 0


def _blocks_of_page(doc: Document, page: int | None) -> list[tuple[int, Block]]:
    """All blocks, or those of page (PDF) or sheet (xlsx) ``page``; an error when there is no such page."""
    numbered = list(enumerate(doc.blocks))
    if page is None:
        return numbered
    pages = sorted({b.prov.page for _, b in numbered if b.prov.page is not None})
    if not pages:
        raise RelazioneError(doc.path, "--page: il documento non ha pagine né fogli (è un testo)")
    chosen = [(i, b) for i, b in numbered if b.prov.page == page]
    if not chosen:
        raise RelazioneError(doc.path, f"--page {page}: nessun contenuto a pagina {page} "
                                       f"(pagine con testo: {pages[0]}–{pages[-1]})")
    return chosen


def _profile_used(records: Records, profile_name: str | None) -> Profile:
    if profile_name:
        return get_profile(profile_name)
    return get_profile(records.source.profile)


def _document_lines(doc: Document, page: int | None) -> list[str]:
    kind = _FORMATS.get(doc.format, doc.format)
    pages = f", {doc.pages} pagine" if doc.pages else ""
    only = f" — solo pagina {page}" if page is not None else ""
    return [f"Documento: {doc.path} ({kind}{pages}, {len(doc.blocks)} blocchi){only}"]


def _profile_lines(doc: Document, profile: Profile, profile_name: str | None, records: Records) -> list[str]:
    if profile.parts:
        engine = "documento composito: ogni parte letta dal suo profilo (" + \
            ", ".join(p.profile for p in profile.parts) + "); i segnali sotto usano il lessico di questo profilo"
    elif profile.family:
        engine = (f"letto dal modulo dedicato «{profile.family}»: i segnali sotto usano il lessico del profilo, "
                  "gli obiettivi e gli indicatori sono quelli del modulo")
    else:
        engine = "letto dal motore generico (titoli, tabelle ed etichette secondo il lessico del profilo)"
    lines = [f"Profilo: {profile.name} — {profile.description}", f"  {engine}"]
    if profile_name:
        return lines + ["  scelto dall'utente con --profile"]
    ranked = rank_profiles(doc)
    if ranked[0].profile.name != profile.name and profile.name == GENERIC:
        lines.append(f"  rilevato «{ranked[0].profile.name}», che non ha trovato indicatori: "
                     "letto con il profilo generico, che ne trova di più")
    else:
        lines.append("  scelto automaticamente: il punteggio più alto tra le frasi tipiche dei profili "
                     "(il generico vale 0,50; un profilo deve trovare più di metà delle sue frasi)")
    for c in ranked[:MAX_RANKED]:
        found = f" — frasi trovate: {', '.join(c.found)}" if c.found else ""
        lines.append(f"    {c.score:4.2f}  {c.profile.name}{found}")
    return lines


def _summary(ctx: Context, records: Records) -> list[str]:
    objectives = [o for r in records.reports for o in r.objectives]
    indicators = [i for r in records.reports for i in r.indicators]
    counts = ", ".join(f"{LEVEL_PLURALS[level]}: {sum(o.level == level for o in objectives)}" for level in LEVELS)
    lines = ["Riepilogo (tutto il documento)", f"  {counts}; indicatori: {len(indicators)}"]
    lines += [f"  manca: {m}" for m in _missing(objectives, indicators)] or ["  non manca nulla di essenziale"]
    lines.append(f"  righe di testo senza ruolo nella lettura (non elencate): {ctx.quiet_lines}")
    lines.append(f"  avvisi: {len(records.warnings)}")
    lines += [f"    {where(w.provenance)} {describe_warning(w)}" for w in records.warnings[:MAX_WARNINGS]]
    if len(records.warnings) > MAX_WARNINGS:
        lines.append(f"    … e altri {len(records.warnings) - MAX_WARNINGS}")
    return lines


def _missing(objectives: list, indicators: list) -> list[str]:  # noqa: ANN001 - Objective, Indicator
    missing = []
    if not objectives:
        missing.append("obiettivi: nessun titolo riconosciuto (parole di livello, numerazione o stile)")
    if not indicators:
        missing.append("indicatori: nessuna tabella con un'intestazione riconosciuta")
    for what, n, of in (("obiettivi senza peso", sum(o.weight is None for o in objectives), len(objectives)),
                        ("indicatori senza peso", sum(i.weight is None for i in indicators), len(indicators)),
                        ("indicatori senza target", sum(not i.target and not i.targets for i in indicators),
                         len(indicators)),
                        ("indicatori senza risultato", sum(not i.actual for i in indicators), len(indicators))):
        if n:
            missing.append(f"{what}: {'tutti' if n == of else n} su {of}")
    refs = {i.objective for i in indicators}
    alone = [o.ref for o in objectives if o.level == LEVELS[-1] and o.ref not in refs]
    if alone:
        shown = ", ".join(alone[:8]) + (" …" if len(alone) > 8 else "")
        missing.append(f"obiettivi operativi senza indicatori: {len(alone)} ({shown})")
    return missing
