"""``relazione explain``: lines of running text and headings — why a line opened an objective (level word,
numbering, style, section), why a numbered line did not, and what label lines filled."""

from __future__ import annotations

from relazione.extract.explain.context import (
    FIELD_NAMES,
    LEVEL_NAMES,
    LEVEL_PLURALS,
    Context,
    describe_objective,
    describe_warning,
    quoted,
    short,
    where,
)
from relazione.extract.generic.headings import CODE_SEPARATORS, find_heading, outside_section, section_of
from relazione.extract.generic.labels import label_field
from relazione.extract.generic.outline import OutlineEntry
from relazione.extract.generic.outline_scan import Key
from relazione.extract.generic.tables import first_number
from relazione.extract.headings import HeadingMatch, keyword_similarity
from relazione.readers.blocks import Line, Provenance
from relazione.records.model import Objective

OUTLINE_REASONS = {
    "no_evidence": "nella sua parte del documento non c'è una tabella di indicatori, un peso o una scheda indicatore",
    "flat_list": "elenco numerato piatto: nessun numero più profondo lo prosegue (1., 2., … senza 1.1)",
    "chapter": "numerazione dei capitoli, sopra i livelli degli obiettivi",
    "one_depth": "un solo livello di numerazione con indicatori: un elenco, non un albero di obiettivi",
    "numbering_first": "il documento ha una numerazione degli obiettivi: decide quella, non lo stile",
}
_INDENT = "      "


def explain_line(ctx: Context, line: Line, index: int) -> list[str]:
    out = heading_or_label(ctx, line.text, None, line.prov, index, line)
    for ind in ctx.indicators.get(line.prov, []):
        out.append(f"{where(line.prov)} INDICATORE da scheda «chiave: valore» {quoted(ind.name)} → {ind.objective}")
    out += [f"{where(line.prov)} AVVISO: {describe_warning(w)}" for w in ctx.warnings.get(line.prov, [])]
    if not out:
        ctx.quiet_lines += 1
    return out


def heading_or_label(ctx: Context, text: str, cells: list[str] | None, prov: Provenance, key: Key,
                     line: Line | None = None) -> list[str]:
    """The explanation of a line or row as a heading, a rejected numbered line, a section or a label;
    [] when it is none of them."""
    match, bare = heading_match(ctx, text, cells)
    entry = ctx.outline.get(key)
    objectives = ctx.objectives.get(prov, [])
    if entry is not None and entry.level and match is None:
        match = HeadingMatch(entry.level, entry.code, entry.title, 80.0)
    if objectives:
        out = []
        for obj in objectives:
            out += heading_lines(ctx, prov, obj, text, match, bare, entry, line)
        _expect_title(ctx, match, objectives[-1])
        return out
    if match is not None:
        _expect_title(ctx, match, _same_objective(ctx, match))
        return [_named_again(ctx, prov, match)]
    if entry is not None:
        kind = f"NUMERO «{entry.code}» NON LETTO COME TITOLO" if entry.by_code else "TITOLO PER STILE NON LETTO"
        return [f"{where(prov)} {kind} {quoted(text)}: {OUTLINE_REASONS[entry.reason]}"]
    section = section_of(text) if cells is None else None
    if section:
        ctx.section, ctx.section_prov, ctx.title_lines = section, prov, 0
        return [f"{where(prov)} SEZIONE {quoted(text)}: i codici senza parola di livello che seguono sono "
                f"{LEVEL_PLURALS[section[0]]}"]
    if cells is None and outside_section(text):
        ctx.section, ctx.title_lines, ctx.current = (None, None), 0, None
        return [f"{where(prov)} SEZIONE FUORI DALL'ALBERO {quoted(text)}: indicatori nazionali o obiettivi "
                "individuali, non del piano: le tabelle seguenti non sono di alcun obiettivo fino al prossimo titolo"]
    if cells is not None:
        ctx.section = (None, None)  # as the engine: a row that is no heading ends the section's list
    if _title_line(ctx, text):
        if cells is None or ctx.current is None:
            return []
        return [f"{where(prov)} riga del titolo di {LEVEL_NAMES[ctx.current.level]} {ctx.current.ref[:40]}"]
    ctx.section, ctx.title_lines = (None, None), 0  # as the engine: running text ends the section's list
    return _label(ctx, text, prov)


def _title_line(ctx: Context, text: str) -> bool:
    """A line of the title of the heading just before (the engine reads it as such: no label, no table)."""
    if ctx.title_lines <= 0 or label_field(text, ctx.profile):
        return False
    ctx.title_lines -= 1
    return True


def _expect_title(ctx: Context, match: HeadingMatch | None, objective: Objective | None) -> None:
    rule = ctx.profile.heading(match.level) if match is not None else None
    ctx.title_lines = rule.max_title_lines if rule is not None and not match.title else 0
    if objective is not None:
        ctx.current = objective


def heading_match(ctx: Context, text: str, cells: list[str] | None) -> tuple[HeadingMatch | None, bool]:
    """The engine's own heading test; under the last section heading when only that reads it."""
    in_row = cells is not None
    match, bare = find_heading(text, ctx.profile, (None, None), in_row=in_row, cells=cells)
    if match is None and ctx.section[0]:
        match, bare = find_heading(text, ctx.profile, ctx.section, in_row=in_row, cells=cells)
    return match, bare


def heading_lines(ctx: Context, prov: Provenance, obj: Objective, text: str, match: HeadingMatch | None,
                  bare: bool, entry: OutlineEntry | None, line: Line | None, hint: str | None = None) -> list[str]:
    signals = _signals(ctx, obj, text, match, bare, entry, line) or [hint or "riga di una tabella ad albero"]
    return [f"{where(prov)} TITOLO → {describe_objective(obj)}",
            f"{_INDENT}segnali: " + "; ".join(signals),
            f"{_INDENT}posizione: {_position(ctx, obj)}"]


def _signals(ctx: Context, obj: Objective, text: str, match: HeadingMatch | None, bare: bool,
             entry: OutlineEntry | None, line: Line | None) -> list[str]:
    signals = []
    if match is not None and bare:
        signals.append(f"codice senza parola di livello sotto la sezione a {where(ctx.section_prov or Provenance())}"
                       f" che annuncia {LEVEL_PLURALS[match.level]}")
    elif match is not None and not (entry is not None and entry.level):
        signals.append(_keyword_signal(ctx, text, match))
    elif entry is not None and entry.level:
        how = f"numerazione a {entry.depth} {'livello' if entry.depth == 1 else 'livelli'}" if entry.by_code \
            else f"stile di titolo di rango {entry.depth}"
        signals.append(f"{how}: l'esame preliminare della struttura la legge come {LEVEL_NAMES[entry.level]} "
                       "(tabelle di indicatori o pesi nella sua parte del documento)")
    if obj.code:
        depth = len(CODE_SEPARATORS.split(obj.code))
        signals.append(f"codice {obj.code} ({depth} {'livello' if depth == 1 else 'livelli'} di numerazione)")
    return signals + _style_signals(line)


def _keyword_signal(ctx: Context, text: str, match: HeadingMatch) -> str:
    rule = ctx.profile.heading(match.level)
    if rule is None or (match.code is None and match.similarity == 90.0):
        return "forma «parola di livello: Titolo» senza codice"
    cut = text.find(match.code) if match.code and match.code in text else -1

    def similarity(keyword: str) -> float:
        return keyword_similarity(text[:cut] if cut >= 0 else text[: len(keyword)], (keyword,))

    best = max(rule.keywords, key=similarity)
    return f"parola di livello {quoted(best)} (somiglianza {match.similarity:.0f}%)"


def _style_signals(line: Line | None) -> list[str]:
    if line is None:
        return []
    signals = []
    if line.style_level is not None:
        signals.append(f"stile di titolo Word/markdown di livello {line.style_level}")
    size, bold = line.font_size, line.bold
    if size:
        signals.append(f"carattere {size:g} pt" + (" grassetto" if bold else ""))
    elif bold:
        signals.append("grassetto")
    return signals


def _position(ctx: Context, obj: Objective) -> str:
    if obj.level == "area":
        return "primo livello (area strategica)"
    if not obj.parent:
        return "nessun obiettivo di livello superiore trovato"
    parent_code = obj.parent
    if obj.code and CODE_SEPARATORS.split(obj.code)[: len(CODE_SEPARATORS.split(parent_code))] == \
            CODE_SEPARATORS.split(parent_code) and obj.code != parent_code:
        return f"sotto {parent_code} (per codice: il suo codice prosegue quello del livello superiore)"
    return f"sotto {quoted(parent_code, 40)} (per posizione: l'ultimo obiettivo di livello superiore aperto prima)"


def _named_again(ctx: Context, prov: Provenance, match: HeadingMatch) -> str:
    existing = _same_objective(ctx, match)
    what = " ".join(filter(None, (LEVEL_NAMES.get(match.level, match.level), match.code,
                                  quoted(match.title, 50) if match.title else "")))
    if existing is not None:
        return f"{where(prov)} TITOLO RIPETUTO {what}: stesso obiettivo letto a {where(existing.provenance)}"
    owner = "nessun record" if ctx.generic else "il modulo del profilo non lo legge come titolo"
    return f"{where(prov)} SEMBRA UN TITOLO ({what}) ma non ha aperto un obiettivo ({owner})"


def _same_objective(ctx: Context, match: HeadingMatch) -> Objective | None:
    if match.code:
        return ctx.by_code.get((match.level, match.code))
    title = short(match.title, 10_000).casefold()
    return next((o for r in ctx.records.reports for o in r.objectives
                 if o.level == match.level and o.title.casefold() == title), None)


def _label(ctx: Context, text: str, prov: Provenance) -> list[str]:
    field_name = label_field(text, ctx.profile)
    if field_name is None or ctx.current is None:
        return []
    value = getattr(ctx.current, field_name, None)
    if value is not None and not _states(text, value):
        return []  # the record's value came from elsewhere: this line is no label of it
    held = f" (nel record: {short(str(value), 40)})" if value is not None else " (nessun valore letto)"
    return [f"{where(prov)} ETICHETTA {quoted(text, 50)} → {_field(field_name)} di "
            f"{LEVEL_NAMES[ctx.current.level]} {ctx.current.ref[:40]}{held}"]


def _states(text: str, value: object) -> bool:
    """Does the label's text state the record's value (the first value wins: a later label is unused)?"""
    if isinstance(value, float):
        return first_number(text.split(maxsplit=1)[-1]) == value or f"{value:g}" in text
    return short(str(value), 10_000)[:30].casefold() in " ".join(text.split()).casefold()


def _field(name: str) -> str:
    return FIELD_NAMES.get(name, name)
