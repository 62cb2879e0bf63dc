"""Brescia Piano 2018: the value row of an indicator block, whose cells the layout dump shatters.

Between ``Target storico di riferimento ... al 30/6 al 31/12`` and ``Risultati raggiunti`` the dump
prints the row storico | 30/6 | 31/12 | peso with its cells one column after another and wrapped
over lines, so cell boundaries must be recovered from the words themselves (see
:func:`read_value_row`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from relazione.readers.clean import collapse, join_wrapped
from relazione.records.values import parse_number

_CHANGED_WEIGHT = re.compile(r"\bPASSA\s+DA\b", re.IGNORECASE)  # "PASSA DA / 35,00% A / 20%"
_OLD_WEIGHT = re.compile(r"(?P<w>\d+(?:[.,]\d+)?\s*%)\s+A$")
_LAST_PERCENT = re.compile(r"(?:^|\s)(?P<w>\d+(?:[.,]\d+)?)\s*%$")
_EMPTY = re.compile(r"^(?:-+|/{2,})$")  # "-", "//", "-------": a cell stated as empty (an en dash is prose)
_BOOLEAN = {"si", "sì", "no"}
_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)*%?$")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(?P<y>\d{4})\b")
# Words after which a number continues the phrase ("entro 2 giorni", "almeno 500 posizioni") and a
# line does not end a cell ("... sul" / "Quality Check").
_GLUE_WORDS = (
    "a ad al allo alla ai agli alle da dal dallo dalla dai dagli dalle di del dello della dei degli delle "
    "in nel nello nella nei negli nelle su sul sullo sulla sui sugli sulle con per tra fra e ed o od "
    "il lo la i gli le un uno una entro almeno oltre circa fino non meno più pari n nr n° che"
)
_GLUE = frozenset(_GLUE_WORDS.split())
_PUNCT = ".,;:()[]•\"'“”‘’"


@dataclass
class ValueRow:
    weight: float | None = None
    baseline: str | None = None
    targets: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (warning code, message)


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    line: int  # index of the line it sits on
    new_cell: bool = False  # the first word after a tab: a table cell starts here

    @property
    def key(self) -> str:
        return word_key(self.text)


def word_key(word: str) -> str:
    return word.strip(_PUNCT).casefold()


def read_value_row(texts: list[str], labels: list[str], year: int | None,
                   history_phrases: tuple[tuple[str, ...], ...] = ()) -> ValueRow:
    """The lines between the column header and "Risultati raggiunti": storico | labels... | peso.
    A tab in a line separates table cells (a reader that found the table).

    The weight is the last percentage ending a line (a changed weight "PASSA DA 35,00% A 20%" counts
    as its new value). The rest is cut into cells: empty markers ("-", "//") stand alone; a cell
    starts again where the first words of the run recur ("esame di un campione ..." three times);
    failing that, as many cells as columns are free start at a number after a content word ("44
    studenti accolti 25 30") or at a capitalised line after a complete one. A storico phrase
    ("Nessuno") pins the row to the left; otherwise the cells fill the columns from the right,
    since the 31/12 target is always stated.
    """
    row = ValueRow()
    texts, row.weight, old = _take_weight(texts)
    if old is not None:
        row.notes.append(("weight_changed", f"weight changed from {old} to {_percent_text(row.weight)}"))
    words = [_Word(w, i, new_cell=k > 0 and j == 0)
             for i, t in enumerate(texts) for k, cell in enumerate(t.split("\t")) for j, w in enumerate(cell.split())]
    n_columns = 1 + len(labels)
    pieces, pinned = _pieces(words, history_phrases)
    pieces = _split_further(pieces, n_columns)
    cells = [_cell_text(p) for p in pieces]
    if len(cells) > n_columns:
        row.notes.append(("cells_merged", f"{len(cells)} cells for {n_columns} columns; the last ones joined"))
        cells = cells[: n_columns - 1] + [" ".join(cells[n_columns - 1 :])]
    if not pinned and len(cells) == n_columns and year and _cites_year(cells[0], year):
        # a cell citing a date of the reported year is no history: it is the first target
        row.notes.append(("no_history", f"first cell dated {year}: read as {labels[0]}, no storico"))
        cells = [f"{cells[0]} {cells[1]}", *cells[2:]]
    columns = ["storico", *labels]
    slots = columns[: len(cells)] if pinned else columns[n_columns - len(cells) :]
    for slot, cell in zip(slots, cells, strict=True):
        if slot == "storico":
            row.baseline = cell
        else:
            row.targets[slot] = cell
    return row


def _percent_text(value: float | None) -> str:
    return "?" if value is None else f"{value:g}%".replace(".", ",")


def _take_weight(texts: list[str]) -> tuple[list[str], float | None, str | None]:
    out = [t.strip() for t in texts]
    old = None
    if any(_CHANGED_WEIGHT.search(t) for t in out):
        out = [_CHANGED_WEIGHT.sub("", t).strip() for t in out]
        for i, t in enumerate(out):
            m = _OLD_WEIGHT.search(t)
            if m:
                old, out[i] = collapse(m.group("w")), t[: m.start()].strip()
    weight = None
    for i in range(len(out) - 1, -1, -1):
        m = _LAST_PERCENT.search(out[i])
        if m:
            weight, out[i] = parse_number(m.group("w")), out[i][: m.start()].strip()
            break
    return [t for t in out if t], weight, old


def _pieces(words: list[_Word], history_phrases: tuple[tuple[str, ...], ...]) -> tuple[list[list[_Word]], bool]:
    """Cells the row states unambiguously: a storico phrase, empty markers, repeated starts, SI/NO."""
    pieces: list[list[_Word]] = []
    pinned = False
    rest = words
    for phrase in history_phrases:
        if tuple(w.key for w in words[: len(phrase)]) == phrase:
            pieces.append(words[: len(phrase)])
            rest, pinned = words[len(phrase) :], True
            break
    run: list[_Word] = []
    for word in rest:
        if word.new_cell:
            pieces.extend(_split_run(run))
            run = []
        if _EMPTY.match(word.text):
            pieces.extend(_split_run(run))
            pieces.append([word])
            run = []
        else:
            run.append(word)
    pieces.extend(_split_run(run))
    return pieces, pinned


def _split_run(run: list[_Word]) -> list[list[_Word]]:
    if not run:
        return []
    if all(w.key in _BOOLEAN for w in run):
        return [[w] for w in run]  # "si si"
    return _cut(run, _repeated_starts(run))


def _repeated_starts(run: list[_Word]) -> list[int]:
    """Where the run's opening words recur: parallel cells ("risoluzione di ..." x3)."""
    first = run[0].key
    if not first.isalpha():
        return []  # numbers recur by nature ("30 ispezioni congiunte 10 ... 30 ...")
    key = [first] if len(first) >= 5 else [first, run[1].key] if len(run) > 1 else None
    if key is None:
        return []
    return [i for i in range(1, len(run) - len(key) + 1) if [w.key for w in run[i : i + len(key)]] == key]


def _cut(run: list[_Word], at: list[int]) -> list[list[_Word]]:
    bounds = [0, *sorted(at), len(run)]
    return [run[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _split_further(pieces: list[list[_Word]], n_columns: int) -> list[list[_Word]]:
    """Use the weaker cell starts, earliest first, only while columns are left to fill."""
    free = n_columns - len(pieces)
    out = []
    for piece in pieces:
        if free > 0 and len(piece) > 1:
            at = _weak_starts(piece)[:free]
            free -= len(at)
            out.extend(_cut(piece, at))
        else:
            out.append(piece)
    return out


def _weak_starts(piece: list[_Word]) -> list[int]:
    starts = []
    for i in range(1, len(piece)):
        prev, word = piece[i - 1], piece[i]
        if prev.key in _GLUE or prev.text.endswith((",", ":", ";", "(", "-")) or _abbreviation(prev.text):
            continue
        at_line_start = word.line != prev.line
        if _NUMBER.match(word.text) or (at_line_start and word.text[:1].isupper()):
            starts.append(i)
    return starts


def _abbreviation(word: str) -> bool:
    """"n.", "det.", "(det.": the number after it belongs to it."""
    w = word.lstrip("(")
    return w.endswith(".") and len(w) <= 5


def _cell_text(piece: list[_Word]) -> str:
    lines: list[list[str]] = []
    for i, w in enumerate(piece):
        if i == 0 or w.line != piece[i - 1].line:
            lines.append([])
        lines[-1].append(w.text)
    return join_wrapped([" ".join(words) for words in lines])


def _cites_year(text: str, year: int) -> bool:
    return any(int(m.group("y")) == year for m in _DATE.finditer(text))
