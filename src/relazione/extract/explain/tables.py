"""``relazione explain``: tables — the header row, its columns → fields with the reason for each, the rows
that became indicators and the rows that were not read, and why. The columns are found by the engine's
own functions, composed as the engine composes them (generic._set_columns)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from relazione.extract.explain.columns import column_lines, field_label
from relazione.extract.explain.context import Context, describe_warning, quoted, where
from relazione.extract.explain.headings import heading_lines, heading_match, heading_or_label
from relazione.extract.generic import tables as gt
from relazione.extract.generic import tree
from relazione.extract.generic.columns import infer_columns, realigned
from relazione.extract.generic.labels import label_field
from relazione.extract.tables import ColumnMap, map_header
from relazione.readers.blocks import Row, Table
from relazione.records.model import Indicator

ROWS_FOR_CONTENT = 40  # as the engine: the rows below a header whose cells name its other columns
MAX_SKIPPED = 6
MAX_NAMES = 3
_I = "      "


@dataclass
class _Walk:
    columns: ColumnMap | None = None
    header: Row | None = None
    just_header: bool = False
    previous: Row | None = None
    read: list[Indicator] = field(default_factory=list)
    skipped: list[tuple[Row, str]] = field(default_factory=list)


def explain_table(ctx: Context, table: Table, index: int) -> list[str]:
    out = [f"{where(table.prov)} TABELLA di {len(table.rows)} righe × {table.n_cols} colonne"]
    walk = _Walk()
    out += _continuation(ctx, table, walk)
    for r, row in enumerate(table.rows):
        out += _row(ctx, table, index, r, row, walk)
        walk.previous = row
    return out + _flush(walk)


def _continuation(ctx: Context, table: Table, walk: _Walk) -> list[str]:
    """A table continuing the last one's layout without its header (a table split across pages)."""
    if not ctx.last_columns or not table.rows:
        return []
    columns, width = ctx.last_columns
    first = table.rows[0]
    if len(first.cells) != width or len(first.filled()) < 3 or gt.is_header_like(first):
        return []
    walk.columns = columns
    return [f"{_I}senza intestazione: la prima riga ha la larghezza della tabella precedente, ne riprende le colonne"]


def _row(ctx: Context, table: Table, index: int, r: int, row: Row, walk: _Walk) -> list[str]:
    joined = " ".join(c.text for c in row.filled())
    if not joined:
        return []
    match, _ = heading_match(ctx, joined, row.texts)
    entry = ctx.outline.get((index, r))
    if match is not None or (entry is not None and entry.level):
        walk.columns, walk.just_header = None, False  # a heading ends the table before it
        return _flush(walk) + heading_or_label(ctx, joined, row.texts, row.prov, (index, r))
    header = _header(ctx, table, r, row, walk)
    if header is not None:
        return _flush(walk) + _set_header(ctx, table, r, row, walk, *header)
    out = _tree_objectives(ctx, row, walk)
    indicators = ctx.indicators.get(row.prov, [])
    walk.read += indicators
    if indicators or out:
        return out
    labelled = heading_or_label(ctx, joined, row.texts, row.prov, (index, r))
    if labelled:
        return labelled
    walk.skipped.append((row, _skip_reason(ctx, row, walk)))
    return []


def _header(ctx: Context, table: Table, r: int, row: Row, walk: _Walk) -> tuple[ColumnMap, str] | None:
    """The engine's header tests (generic._header_row), in its order."""
    synonyms = ctx.profile.columns
    just_after = walk.just_header and walk.columns is not None and walk.header is not None
    walk.just_header = False
    if not synonyms:
        return None
    if just_after:
        combined = gt.second_header_row(row, walk.header, walk.columns, synonyms)  # type: ignore[arg-type]
        if combined is not None:
            return combined, "seconda riga dell'intestazione, unita alla prima"
    if gt.holds_quantities(row):
        return None
    columns = gt.header_of(row, None if just_after else walk.previous, synonyms)
    if columns is not None:
        alone = map_header(row, synonyms) is not None
        return columns, "intestazione" if alone else "intestazione su due righe, unita alla riga sopra"
    named = map_header(row, synonyms, min_fields=1) if walk.columns is None and gt.is_header_like(row) else None
    if named is not None and len(infer_columns(named, row, _body(table, r)).fields) > len(named.fields):
        return named, "intestazione che nomina solo l'indicatore: le altre colonne lette dal contenuto"
    return None


def _body(table: Table, r: int) -> list[Row]:
    return table.rows[r + 1: r + 1 + ROWS_FOR_CONTENT]


def _set_header(ctx: Context, table: Table, r: int, row: Row, walk: _Walk, header: ColumnMap, how: str) -> list[str]:
    """Compose the columns as generic._set_columns does, keeping each stage to say where a field came from."""
    profile, body = ctx.profile, _body(table, r)
    stages = [("header", header)]
    stages.append(("years", gt.with_year_targets(stages[-1][1], row, profile.columns)))
    stages.append(("levels", tree.with_level_columns(stages[-1][1], row, profile.headings)))
    stages.append(("realigned", realigned(stages[-1][1], row, body)))
    stages.append(("content", infer_columns(stages[-1][1], row, body)))
    stages.append(("row_level", tree.with_row_level_column(stages[-1][1], body, profile.headings)))
    stages.append(("beside_level", tree.with_name_beside_level(stages[-1][1], row, body)))
    columns = stages[-1][1]
    walk.columns, walk.header, walk.just_header = columns, row, True
    ctx.title_lines = 0  # a header ends the title of the heading before it
    ctx.last_columns = (columns, len(row.cells))
    return [f"{_I}{how} a {where(row.prov)}:", *column_lines(stages, row, body, profile)]


def _tree_objectives(ctx: Context, row: Row, walk: _Walk) -> list[str]:
    """Objectives a tree table's row names (a level column, or a row-level column)."""
    out: list[str] = []
    fields = walk.columns.fields if walk.columns else {}
    if tree.ROW_LEVEL in fields.values():
        hint = "la colonna del tipo di riga nomina un livello: la riga è un obiettivo"
    else:
        hint = "cella di una colonna di livello della tabella ad albero"
    for obj in ctx.objectives.get(row.prov, []):
        out += heading_lines(ctx, row.prov, obj, "", None, False, None, None, hint)
        ctx.current = obj
    return out


def _skip_reason(ctx: Context, row: Row, walk: _Walk) -> str:
    warnings = ctx.warnings.get(row.prov)
    if warnings:
        return "; ".join(describe_warning(w) for w in warnings)
    field_name = label_field(" ".join(c.text for c in row.filled()), ctx.profile)
    if field_name is not None:
        return f"etichetta «{field_label(field_name)}» dell'obiettivo, senza il valore del record (altrove o vuoto)"
    if walk.columns is None:
        return "nessuna intestazione di tabella di indicatori sopra questa riga"
    if ctx.current is None:
        return "nessun obiettivo aperto prima della tabella: l'indicatore non ha a chi appartenere"
    if "name" not in gt.row_values(row, walk.columns):
        return "nessun nome nella colonna dell'indicatore"
    if len(row.filled()) == 1:
        return "una sola cella: testo tra le righe, non un indicatore"
    return "prosegue il nome dell'indicatore precedente (testo andato a capo)"


def _flush(walk: _Walk) -> list[str]:
    out = []
    if walk.read:
        names = ", ".join(quoted(i.name, 45) for i in walk.read[:MAX_NAMES]) + (", …" if len(walk.read) > MAX_NAMES
                                                                              else "")
        span = where(walk.read[0].provenance)
        if len(walk.read) > 1:
            span += f" – {where(walk.read[-1].provenance)}"
        out.append(f"{_I}indicatori letti: {len(walk.read)} ({span}): {names}")
    if walk.skipped:
        out.append(f"{_I}righe non lette: {len(walk.skipped)}")
        for row, reason in walk.skipped[:MAX_SKIPPED]:
            out.append(f"{_I}  {where(row.prov)} {quoted(' | '.join(c.text for c in row.filled()), 50)}: {reason}")
        rest = Counter(reason for _, reason in walk.skipped[MAX_SKIPPED:])
        out += [f"{_I}  … e altre {n} righe: {reason}" for reason, n in rest.most_common()]
    walk.read, walk.skipped = [], []
    return out
