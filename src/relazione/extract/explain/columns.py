"""``relazione explain``: why each column of an indicator table holds the field it holds — a header word
matching one of the profile's synonyms, a year, a level word, the cells' content — or why it holds none."""

from __future__ import annotations

from relazione.extract.explain.context import FIELD_NAMES, LEVEL_NAMES, quoted
from relazione.extract.generic.tree import LEVEL_PREFIX, ROW_LEVEL, cell_level
from relazione.extract.profiles import Profile
from relazione.extract.tables import MIN_HEADER_SIMILARITY, ColumnMap, header_field
from relazione.readers.blocks import Row

_TARGETS_PREFIX = "targets:"
_I = "        "
_BY_CONTENT = {
    "target": "dedotta dal contenuto: le celle indicano soglie (≥ 80%, almeno 3)",
    "weight": "dedotta dal contenuto: numeri fino a 100 che sommano a 100",
    "actual": "dedotta dal contenuto: quantità nella colonna dopo quella del target",
}


def column_lines(stages: list[tuple[str, ColumnMap]], row: Row, body: list[Row], profile: Profile) -> list[str]:
    final = stages[-1][1]
    labels = {i: c.text for i, c in enumerate(row.cells) if c.text}
    labels.update(final.labels)  # a header realigned moves its words one cell right
    labels = {i: text for i, text in labels.items() if text}
    width = max([len(row.cells), *[i + 1 for i in final.fields]])
    out = [_I + " | ".join(quoted(labels.get(i, ""), 30) for i in range(width))]
    for i in sorted(set(labels) | set(final.fields)):
        field_name = final.fields.get(i)
        label = labels.get(i, "")
        head = f"{_I}col.{i + 1} {quoted(label, 40)} → "
        if field_name is None:
            out.append(head + "non letta: " + _unread(label, final, profile))
            continue
        stage = next(s for k, (s, _) in enumerate(stages)  # the stage from which the column kept its field
                     if all(c.fields.get(i) == field_name for _, c in stages[k:]))
        out.append(head + f"{field_label(field_name)}: {_why(stage, field_name, label, body, i, profile)}")
    return out


def field_label(field_name: str) -> str:
    if field_name.startswith(_TARGETS_PREFIX):
        return f"target {field_name.removeprefix(_TARGETS_PREFIX)}"
    if field_name.startswith(LEVEL_PREFIX):
        return f"colonna di livello ({LEVEL_NAMES[field_name.removeprefix(LEVEL_PREFIX)]})"
    if field_name == ROW_LEVEL:
        return "tipo di riga (obiettivo o indicatore)"
    return FIELD_NAMES.get(field_name, field_name)


def _why(stage: str, field_name: str, label: str, body: list[Row], i: int, profile: Profile) -> str:
    if stage == "header":
        return _synonym(label, field_name, profile)
    if stage == "years":
        return "più colonne di target per anno: quella dell'anno del documento è il target, le altre vanno in «targets»"
    if stage == "levels":
        level = LEVEL_NAMES[field_name.removeprefix(LEVEL_PREFIX)]
        return f"l'intestazione è una parola di livello: ogni cella apre un {level}"
    if stage == "content":
        return _BY_CONTENT.get(field_name, "dedotta dal contenuto")
    if stage == "realigned":
        return ("intestazione spostata di una cella a sinistra (le soglie sono nella colonna accanto a quella del "
                "target): ogni parola d'intestazione vale per la colonna alla sua destra")
    if stage == "beside_level":
        if field_name == "name":
            return ("colonna senza intestazione accanto alla colonna di livello, con un testo diverso a ogni riga "
                    "anche dove il livello resta lo stesso: è il nome dell'indicatore")
        return "la colonna intestata come nome dà la misura dell'indicatore: il nome è accanto alla colonna di livello"
    named = next((c.cells[i].text for c in body if i < len(c.cells) and cell_level(c.cells[i].text, profile.headings,
                                                                                  last_words=True)), "")
    return f"le sue celle nominano livelli (es. {quoted(named, 30)}): quelle righe sono obiettivi, le altre indicatori"


def _synonym(label: str, field_name: str, profile: Profile) -> str:
    names = profile.columns.get(field_name, ())
    if not names:
        return "parola d'intestazione"
    best = max(names, key=lambda n: header_field(label, {field_name: (n,)})[1])
    score = header_field(label, {field_name: (best,)})[1]
    how = "uguale" if score >= 100 else "simile"
    return f"parola d'intestazione {how} al sinonimo {quoted(best, 40)} del profilo ({score:.0f}%)"


def _unread(label: str, final: ColumnMap, profile: Profile) -> str:
    if not label:
        return "intestazione vuota e contenuto che non dice un campo"
    field_name, score = header_field(label, profile.columns)
    if field_name is not None:
        other = final.column_of(field_name)
        return f"nomina {field_label(field_name)}, già data dalla col.{(other or 0) + 1}"
    best = ("", "", 0.0)
    for name_field, names in profile.columns.items():
        for name in names:
            s = header_field(label, {name_field: (name,)})[1]
            if s > best[2]:
                best = (name_field, name, s)
    if not best[0]:
        return "nessun sinonimo del profilo somiglia all'intestazione"
    return (f"nessun sinonimo del profilo (il più vicino: {quoted(best[1], 30)} → {field_label(best[0])}, "
            f"{best[2]:.0f}% < {MIN_HEADER_SIMILARITY:.0f}%)")
