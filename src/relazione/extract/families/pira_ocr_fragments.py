"""PIRA value rows whose cells OCR did not keep in column order, read by what each fragment says.

``pira_ocr_cells`` reads a value row that is one line of values or one paragraph per cell in column
order. When a row has tall text cells, OCR often reads their lines interleaved or out of column
order; the fragments are then told apart by their content, with rules that hold for any PIRA sheet:

- the target (Risultato atteso) states a threshold: "almeno N ...", "entro ...", or starts with
  "N% ..."; a target cut mid-phrase (ending in "e", "di", "della") continues in the first fragment
  read after the Ultimo valore osservato cell ("nuova attività"), the column it stands next to;
- the consuntivo states what was achieved: a sentence with figures ("Delle vecchie 18 agenzie ...
  sono 24"), else the figure that ends the last fragment ("conteggio dispositivi 364 dispositivi
  rilasciati": the algorithm's words, then the result);
- on lines holding several cells (interleaved), the consuntivo is the rightmost column: it starts
  after a "|" cell border, or at a capitalised word with a figure ending the line ("... accordi di
  Formalizzazione di 4 accordi di"), goes on after the border or the debris on the next lines, and
  when cut mid-phrase ends in the last paragraph (the overflow of the rightmost column is read last);
- on one line holding several cells, what follows the "nuova attività" marker is the target, then the
  consuntivo: the consuntivo is the run from the last figure to the line's end ("100% delle richieste
  confermate").

A fragment that is OCR debris (",Gdgnlelgeerriﬂ;este") is not a value: the field stays empty and the
caller warns. Nothing here guesses: without a target cue the row is left to the caller's warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re
from rapidfuzz import fuzz

from relazione.extract.families.pira_ocr_cells import (
    NARROW_CELL_CHARS,
    Labels,
    RowValues,
    TextLine,
    has_no_baseline,
    is_quantity,
    para_text,
    paragraphs,
    read_value_row,
    trailing_values,
    type_and_unit,
    vocabulary,
)
from relazione.extract.headings import normalise_words

# Words a phrase cut at a line or cell break ends with: the text goes on elsewhere.
FUNCTION_WORDS = frozenset({
    "e", "ed", "o", "od", "di", "del", "della", "delle", "dei", "degli", "dello", "a", "ad", "al", "alla", "alle",
    "ai", "agli", "allo", "per", "con", "in", "nel", "nella", "da", "dal", "dalla", "su", "sul", "sulla", "tra",
    "fra", "il", "lo", "la", "le", "gli", "i", "un", "uno", "una"})
NUMBER_WORDS = "un|una|uno|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|venti|cento"
MIN_SENTENCE_WORDS = 6  # a consuntivo written as a sentence ("Delle vecchie 18 agenzie solo 15 ...")
MAX_RESULT_WORDS = 6  # words after the figure of a result on a crowded line ("100% delle richieste confermate")
MARKER_SIMILARITY = 85
# A legible word: letters (with an apostrophe or slash inside: "dell'utenza", "e/o"), or a quantity.
_LEGIBLE_WORD = re.compile(r"^(?:\p{L}+(?:['’/]\p{L}+)*|[-+]?\d+(?:[.,]\d+)*%?)$")
_EDGE_PUNCTUATION = "()[]\"'“”‘’.,;:«»"
_LIGATURES = "ﬁﬂﬀﬃﬄ"


@dataclass
class Fragments:
    values: dict[str, str]
    illegible: dict[str, str] = field(default_factory=dict)  # field -> the OCR debris where its value is


def read_row(header: TextLine | None, zone: list[TextLine], labels: Labels) -> tuple[RowValues, dict[str, str]]:
    """The value row by columns (``read_value_row``), else by fragments; with the fields whose text
    is OCR debris."""
    row = read_value_row(header, zone, labels)
    if row.values:
        return row, {}
    zone = [x for x in zone if x.text.strip()]
    found = _after_marker(zone, labels) or _by_content(zone, labels) or _rightmost_column(zone, labels)
    if found is None or not found.values:
        return row, found.illegible if found else {}
    found.values.update(type_and_unit(zone, labels))
    return RowValues(found.values, "fragments"), found.illegible


def legible(text: str) -> bool:
    """True when every word of ``text`` reads as a word or a number: no ligature debris, no
    punctuation or capitals inside a word ("Gdgnlelgeerriﬂ;este", "cnnvenzmtneaj[:lnerl")."""
    words = [w.strip(_EDGE_PUNCTUATION) for w in text.split()]
    words = [w for w in words if w]
    return bool(words) and all(
        _LEGIBLE_WORD.match(w) and not any(c in _LIGATURES for c in w) and not re.search(r"\p{Ll}\p{Lu}", w)
        for w in words)


def _marker_span(tokens: list[str], labels: Labels) -> tuple[int, int] | None:
    """Where the "nuova attività" marker (the empty Ultimo valore osservato cell) is among ``tokens``."""
    for i in range(len(tokens)):
        for phrase in labels.no_baseline:
            n = len(phrase.split())
            window = normalise_words(" ".join(tokens[i:i + n]))
            if window and fuzz.ratio(window, phrase) >= MARKER_SIMILARITY:
                return i, i + n
    return None


def _after_marker(zone: list[TextLine], labels: Labels) -> Fragments | None:
    """A line holding the marker, then the target and the consuntivo ending in a result figure:
    "... nuova attivita <target> 100% delle richieste confermate"."""
    for line in zone:
        tokens = line.text.split()
        span = _marker_span(tokens, labels)
        if span is None:
            continue
        rest = tokens[span[1]:]
        start = next((k for k in range(len(rest) - 1, -1, -1) if is_quantity(rest[k])), None)
        if start is None or len(rest) - start - 1 > MAX_RESULT_WORDS or not legible(" ".join(rest[start:])):
            continue
        out = Fragments({"baseline": " ".join(tokens[span[0]:span[1]]), "actual": " ".join(rest[start:])})
        target = " ".join(rest[:start])
        if target and legible(target):
            out.values["target"] = target
        elif target:
            out.illegible["target"] = target
        return out
    return None


def _target_cue(labels: Labels) -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in labels.target_cues) or "(?!)"
    return re.compile(rf"(?i)\b(?:{cues})\s+(?:\d|(?:{NUMBER_WORDS})\b)|^\d+(?:[.,]\d+)?\s*%\s+\p{{L}}")


def _by_content(zone: list[TextLine], labels: Labels) -> Fragments | None:
    """Cells one paragraph each but out of column order: the target by its threshold, the
    consuntivo by its figures (see the module docstring). Only narrow lines, as table cells are: a
    long line is several cells interleaved, which paragraphs do not separate."""
    if any(len(x.text) > NARROW_CELL_CHARS for x in zone):
        return None
    texts = [para_text(p) for p in paragraphs(zone)]
    cue = _target_cue(labels)
    t = next((k for k, x in enumerate(texts) if cue.search(x) and not has_no_baseline(x, labels)), None)
    if t is None:
        return None
    out = Fragments({"target": texts[t]})
    marker = next((k for k, x in enumerate(texts) if has_no_baseline(x, labels)), None)
    if marker is not None:
        span = _marker_span(texts[marker].split(), labels)
        if span:
            out.values["baseline"] = " ".join(texts[marker].split()[span[0]:span[1]])
    achieved = _achieved(texts, t, labels)
    if achieved:
        out.values["actual"] = achieved[1]
    if marker is not None and texts[t].split()[-1].casefold() in FUNCTION_WORDS:
        taken = {t, marker, achieved[0] if achieved else -1}
        tail = next((k for k in range(marker + 1, len(texts)) if k not in taken), None)
        if tail is not None and _continues(texts[tail], labels):
            out.values["target"] = f"{texts[t]} {texts[tail]}"
    return out


def _achieved(texts: list[str], target: int, labels: Labels) -> tuple[int, str] | None:
    """The consuntivo among the paragraphs: a sentence with figures, else the figure ending the last
    paragraph that ends in one (after the algorithm's words)."""
    for k, x in enumerate(texts):
        if k != target and x[:1].isupper() and len(x.split()) >= MIN_SENTENCE_WORDS \
                and any(c.isdigit() for c in x) and not has_no_baseline(x, labels) and legible(x):
            return k, x
    for k in range(len(texts) - 1, -1, -1):
        values, _ = trailing_values(texts[k])
        if k != target and values and legible(values[-1]):
            return k, values[-1]
    return None


def _continues(text: str, labels: Labels) -> bool:
    """A fragment that can carry on a phrase: starts in lower case, is legible, and is not a
    Tipologia or Unità di misura word."""
    words = text.split()
    return text[:1].islower() and legible(text) and not any(
        vocabulary(w, labels.type_words) or vocabulary(w, labels.unit_words) for w in words)


def _rightmost_column(zone: list[TextLine], labels: Labels) -> Fragments | None:
    """The consuntivo of interleaved lines, read as the rightmost column (see the module docstring);
    nothing unless it reads as a whole phrase. The target, mixed with the middle columns, is left
    empty."""
    paras = paragraphs(zone)
    block = next((p for p in paras if any(len(x.text) > NARROW_CELL_CHARS for x in p)), None)
    if block is None:
        return None
    head = next((k for k, x in enumerate(block) if _column_head(x.text)), None)
    if head is None:
        return None
    parts = [_column_head(block[head].text)]
    for line in block[head + 1:]:
        segment = _after_separator(line.text, labels)
        if not segment:
            break
        parts.append(segment)
    actual = " ".join(parts)
    if actual.split()[-1].casefold() in FUNCTION_WORDS and paras[-1] is not block:
        tail = para_text(paras[-1])
        if _continues(tail, labels):
            actual = f"{actual} {tail}"
    if actual.split()[-1].casefold() in FUNCTION_WORDS:
        return None
    out = Fragments({"actual": actual}, {"target": " ".join(x.text for x in block[:head + 1])})
    for line in block:
        tokens = line.text.split()
        if span := _marker_span(tokens, labels):
            out.values["baseline"] = " ".join(tokens[span[0]:span[1]])
    return out


def _column_head(text: str) -> str:
    """The first line of the rightmost cell: a legible run to the line's end after a "|" border,
    starting upper case; or from a capitalised word after a lower-case one, holding a figure."""
    if "|" in text:
        run = text.rsplit("|", 1)[1].strip()
        return run if run[:1].isupper() and legible(run) else ""
    tokens = text.split()
    for k in range(1, len(tokens)):
        run = " ".join(tokens[k:])
        if re.fullmatch(r"\p{Lu}\p{Ll}+", tokens[k]) and tokens[k - 1].islower() \
                and any(c.isdigit() for c in run) and legible(run):
            return run
    return ""


def _after_separator(text: str, labels: Labels) -> str:
    """The rightmost cell's part of a following line: after a "|" border, or after the OCR debris
    that follows the "nuova attività" marker; empty when the line gives no such boundary."""
    if "|" in text:
        run = text.rsplit("|", 1)[1].strip()
        return run if legible(run) else ""
    tokens = text.split()
    span = _marker_span(tokens, labels)
    if span is None:
        return ""
    debris = [k for k in range(span[1], len(tokens)) if not legible(tokens[k])]
    run = " ".join(tokens[debris[-1] + 1:]) if debris else ""
    return run if legible(run) else ""
