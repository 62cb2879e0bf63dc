"""What ``relazione explain`` knows while it walks a document: the profile, the final records indexed by
provenance, the outline pre-pass, and the Italian words it prints (users are planning staff)."""

from __future__ import annotations

from dataclasses import dataclass, field

from relazione.extract.generic.outline import OutlineEntry, explain_outline
from relazione.extract.generic.outline_scan import Key
from relazione.extract.profiles import Profile
from relazione.extract.tables import ColumnMap
from relazione.readers.blocks import Document, Provenance
from relazione.records.model import Indicator, Objective, Records, Warning_

LEVEL_NAMES = {"area": "area strategica", "strategic": "obiettivo strategico", "operational": "obiettivo operativo"}
LEVEL_PLURALS = {"area": "aree strategiche", "strategic": "obiettivi strategici",
                 "operational": "obiettivi operativi"}
FIELD_NAMES = {
    "n": "numero", "code": "codice", "name": "nome dell'indicatore", "description": "descrizione", "weight": "peso",
    "type": "tipologia", "unit": "unità di misura", "algorithm": "algoritmo di calcolo", "source": "fonte dei dati",
    "baseline": "valore storico", "target": "target (risultato atteso)", "actual": "risultato (consuntivo)",
    "deviation": "scostamento", "status": "stato", "note": "note", "score": "punteggio", "mission": "missione",
    "programme": "programma", "responsible": "responsabile", "resources": "risorse",
}
WARNING_NAMES = {
    "row_without_name": "riga di tabella senza nome dell'indicatore",
    "bad_number": "valore non numerico dove serve un numero",
    "no_structure": "nessun obiettivo né indicatore riconosciuto",
    "fallback_generic": "il profilo rilevato non ha trovato indicatori: letto con il profilo generico",
    "scanned_page": "pagina scansionata (immagine senza testo)",
    "ocr_pages": "pagine scansionate lette con l'OCR: lettere e cifre possono essere lette male",
    "part_missing": "una parte del documento composito non è stata trovata",
}
SHORT = 70


@dataclass
class Context:
    doc: Document
    profile: Profile
    records: Records
    generic: bool  # read by the generic engine (else by the profile's family module)
    outline: dict[Key, OutlineEntry] = field(default_factory=dict)
    objectives: dict[Provenance, list[Objective]] = field(default_factory=dict)
    indicators: dict[Provenance, list[Indicator]] = field(default_factory=dict)
    warnings: dict[Provenance, list[Warning_]] = field(default_factory=dict)
    by_code: dict[tuple[str, str], Objective] = field(default_factory=dict)
    section: tuple[str | None, int | None] = (None, None)  # the last section heading seen ("OBIETTIVI OPERATIVI")
    section_prov: Provenance | None = None
    current: Objective | None = None  # the objective last named, for label lines
    title_lines: int = 0  # lines after a heading without a title that may hold its title
    quiet_lines: int = 0  # lines of running text with no part in the reading
    last_columns: tuple[ColumnMap, int] | None = None  # the last header's columns and width: headerless tables


def build_context(doc: Document, profile: Profile, records: Records, generic: bool) -> Context:
    ctx = Context(doc, profile, records, generic)
    if generic:
        ctx.outline = {e.key: e for e in explain_outline(doc, profile)}
    for report in records.reports:
        for obj in report.objectives:
            ctx.objectives.setdefault(obj.provenance, []).append(obj)
            if obj.code:
                ctx.by_code.setdefault((obj.level, obj.code), obj)
        for ind in report.indicators:
            ctx.indicators.setdefault(ind.provenance, []).append(ind)
    for w in records.warnings:
        ctx.warnings.setdefault(w.provenance, []).append(w)
    return ctx


def where(prov: Provenance) -> str:
    """ "p.3 r.12" (page and line), "p.3 (OCR) r.12" (a scanned page) or "r.12" (a text without pages)."""
    page = [f"p.{prov.page}" + (" (OCR)" if prov.ocr else "")] if prov.page is not None else []
    return " ".join(page + ([f"r.{prov.line}"] if prov.line is not None else [])) or "?"


def short(text: str, limit: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quoted(text: str, limit: int = SHORT) -> str:
    return f"«{short(text, limit)}»"


def describe_objective(obj: Objective) -> str:
    """ "obiettivo strategico 1.1 «Titolo» (peso 50)"."""
    parts = [LEVEL_NAMES.get(obj.level, obj.level)]
    if obj.code:
        parts.append(obj.code)
    parts.append(quoted(obj.title) if obj.title else "(senza titolo)")
    if obj.weight is not None:
        parts.append(f"(peso {obj.weight:g})")
    return " ".join(parts)


def describe_warning(w: Warning_) -> str:
    name = WARNING_NAMES.get(w.code)
    return f"{name} [{w.code}]" if name else f"{w.code}: {w.message}"
