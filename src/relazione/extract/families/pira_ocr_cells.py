"""PIRA sheets, the cell level: OCR-tolerant labels, the indicator header row and its value row.

Labels ("Titolo", "Cosa misura", "Valore a Consuntivo") are compared with the words at the start of
a line by RapidFuzz, so OCR damage ("Titalo", "Walore a Consuntivo") still matches. The value row of
an indicator is read three ways, the first that applies wins:

1. a clean table (tab-separated cells under a header row of cells): cells by header;
2. OCR of one row: the values that end a line ("... 133 70 101", "... nuova attivita 100,00% 100%"),
   read from the right: Consuntivo, Risultato atteso, then Ultimo valore osservato when there are three;
3. OCR of cells one paragraph each (a blank line between cells, in column order): the trailing
   paragraphs, again read from the right.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import islice

import regex as re
from rapidfuzz import fuzz, process

from relazione.extract.headings import normalise_words
from relazione.extract.profiles import Profile
from relazione.extract.tables import header_field
from relazione.readers.blocks import Provenance
from relazione.readers.clean import join_wrapped

VALUE_FIELDS = ("type", "unit", "algorithm", "source", "baseline", "target", "actual")
_WORD = re.compile(r"[\p{L}\p{N}]+")
_VOCABULARY_SIMILARITY = 80  # an OCR spelling of a type or unit word
# compiled once: the module-level regex functions look their pattern up in a cache on every call
_GROUP_MARKS = re.compile(r"[. ]")
_REPEATED_PERCENT = re.compile(r"%{2,}")
_OCR_SI = re.compile(r"S[l1|]")
_WORD_GAPS = re.compile(r"[\s,]+")
# A garbled "31/12/2020" in a header: "31M12/2020", "311272020", "3171272020".
_HEADER_DATE = re.compile(r"^[0-3]?\d[\dM/.\-]{1,6}(?:19|20)\d\d$")
_CLEAN_DATE = re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)\b")
# One quantity: "1.600", "-6,25%", "97.40%", "€ 6.900.000,00", "100%%" (OCR doubles the sign).
_NUMBER = re.compile(r"^[-+−–]?\d+(?:[.,]\d+)*%{0,2}$")
_YES_NO = re.compile(r"^(?:s[il1|ì]|no)$", re.IGNORECASE)
_OPERATOR = re.compile(r"^(?:almeno|minimo|massimo|entro|>=?|<=?|=>|=<|≥|≤|=)$", re.IGNORECASE)
_EURO_SPACED = re.compile(r"€\s*(?P<int>\d[\d. ]*\d)(?P<dec>,\d\d)(?!\d)")
MAX_WORDS_AFTER_NUMBER = 2  # "1.430 posizioni", "364 dispositivi rilasciati"
NARROW_CELL_CHARS = 50  # a line of a one-cell paragraph: narrow, as a table column is
MIN_UPPER_CASE_LETTERS = 8
UPPER_SHARE = 0.8  # an upper-case line: at least this share of its letters upper case


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of the document: its text, its cells (one for running text) and where it is."""

    text: str
    cells: tuple[str, ...]
    prov: Provenance
    after_blank: bool


def _words_and_ends(text: str, limit: int) -> tuple[list[int], list[str]]:
    """Where each of the first ``limit`` words of a text ends, and the words in capitals."""
    tokens = list(islice(_WORD.finditer(text), limit))
    return [t.end() for t in tokens], [t.group().upper() for t in tokens]


def upper_case_line(text: str) -> bool:
    """A line in capitals, as the form prints objective titles and often indicator names."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= MIN_UPPER_CASE_LETTERS and sum(c.isupper() for c in letters) >= UPPER_SHARE * len(letters)


class Labels:
    """Fuzzy recognition of the form's labels at the start of a line."""

    def __init__(self, profile: Profile) -> None:
        s = profile.settings
        self.similarity = float(s.get("label_similarity", 80))
        self.phrases: dict[str, tuple[str, ...]] = {
            key: tuple(normalise_words(p) for p in profile.labels.get(key, ())) for key in profile.labels
        }
        for key in ("title", "objective", "period", "count", "indicator", "measures", "other"):
            self.phrases[key] = tuple(normalise_words(p) for p in s.get(f"{key}_label", ()))
        self.columns = {f: tuple(profile.columns.get(f, ())) for f in VALUE_FIELDS if f in profile.columns}
        self.header_phrases = tuple(
            (f, normalise_words(p)) for f, names in self.columns.items() for p in names
        )
        # header labels longest first (as read), and grouped by their number of words (as scored)
        self._longest_first = [(p, len(p.split())) for _, p in sorted(self.header_phrases, key=lambda fp: -len(fp[1]))
                               if p]
        self._by_width: dict[int, list[str]] = {}
        for p, n in self._longest_first:
            if p not in self._by_width.setdefault(n, []):
                self._by_width[n].append(p)
        # the most words a label may span (a word more than it has, as _phrase_end tries)
        self._phrase_widths = {key: tuple((p, len(p.split())) for p in phrases)
                               for key, phrases in self.phrases.items()}
        self._widest = {key: max((n for _, n in phrases), default=0) + 1
                        for key, phrases in self._phrase_widths.items()}
        self._reach = 1 + max(self._widest.values(), default=0)  # the default one word before the widest label
        # per document (a Labels reads one): the leading words of each line, and which words may be skipped
        self._lines: dict[str, tuple[list[int], list[str]]] = {}
        self._skippable_words: dict[str, bool] = {}
        self._matches: dict[tuple[str, str, int], str | None] = {}
        self.no_baseline = tuple(normalise_words(p) for p in s.get("no_baseline", ()))
        self.type_words = tuple(s.get("type_words", ()))
        self.unit_words = tuple(s.get("unit_words", ()))
        self.target_cues = tuple(s.get("target_cues", ()))

    def match(self, text: str, key: str, skip_words: int = 1) -> str | None:
        """The text after label ``key`` when the line starts with it (one dropped-in word such as a
        merged "Obiettivo" row label may precede it), else None. Only the words a label can reach
        are read: most lines are long, and most are no label. Kept per line and label: the lines
        are asked again for labels they were tried for (cut into regions, then read)."""
        asked = (text, key, skip_words)
        if asked not in self._matches:
            self._matches[asked] = self._match(text, key, skip_words)
        return self._matches[asked]

    def _match(self, text: str, key: str, skip_words: int) -> str | None:
        ends, words = self._leading_words(text, skip_words + self._widest.get(key, 0))
        for start in range(min(skip_words, len(words) - 1) + 1):
            if start and not self._skippable(words[start - 1]):
                break
            for phrase, n in self._phrase_widths.get(key, ()):
                end = self._phrase_end(words, start, phrase, n)
                if end is not None:
                    return text[ends[end - 1]:].lstrip(" \t:.-–—|)]")
        return None

    def _leading_words(self, text: str, reach: int) -> tuple[list[int], list[str]]:
        """Where each of the first ``reach`` words of a line ends, and the words in capitals. Kept per line
        (as deep as a label with one word before it reaches): a line is tried for label after label."""
        if reach > self._reach:
            return _words_and_ends(text, reach)
        found = self._lines.get(text)
        if found is None:
            found = self._lines[text] = _words_and_ends(text, self._reach)
        ends, words = found
        return ends[:reach], words[:reach]

    def _skippable(self, word: str) -> bool:
        """A short word, or one like a merged row label, may precede a label. Kept per word."""
        found = self._skippable_words.get(word)
        if found is None:
            found = self._skippable_words[word] = len(word) <= 2 or any(
                fuzz.ratio(word, p) >= 70 for p in self.phrases.get("objective", ())) or any(
                fuzz.ratio(word, p) >= 70 for p in self.phrases.get("description", ()))
        return found

    def _phrase_end(self, words: list[str], start: int, phrase: str, n: int) -> int | None:
        """Where the phrase of ``n`` words ends when the words from ``start`` spell it, give or take a word.
        Scores below the cut-off read 0: the best width is the same when it reaches it."""
        best, best_end = 0.0, None
        for width in (n, n - 1, n + 1):
            if width < 1 or start + width > len(words):
                continue
            score = fuzz.ratio(" ".join(words[start:start + width]), phrase, score_cutoff=self.similarity)
            if score > best:
                best, best_end = score, start + width
        return best_end if best >= self.similarity else None

    def is_label(self, text: str, *keys: str) -> bool:
        return any(self.match(text, k, skip_words=0) is not None for k in keys)

    # -- the indicator header ----------------------------------------------------------------
    def header_score(self, text: str) -> tuple[int, int, int]:
        """(labels found, letters and digits not covered by a label, all letters and digits)."""
        words = [w.upper() for w in text.split()]
        norm = [normalise_words(w) for w in words]
        covered = [False] * len(words)
        found = 0
        for i, w in enumerate(words):
            if _HEADER_DATE.match(w.strip(".:")):
                covered[i] = True
                found += 1
        hits = self._label_hits(norm)
        for phrase, n in self._longest_first:  # a longer label claims its words first
            for i in hits.get(phrase, ()):
                if not any(covered[i:i + n]):
                    covered[i:i + n] = [True] * n
                    found += 1
        total = sum(len(x.replace(" ", "")) for x in norm)
        left = sum(len(x.replace(" ", "")) for x, c in zip(norm, covered, strict=True) if not c)
        return found, left, total

    def _label_hits(self, norm: list[str]) -> dict[str, list[int]]:
        """Each label's windows of words (their first word, left to right) that spell it with a ratio of 75
        or more. All the labels of a width are scored against all windows of that many words in one
        RapidFuzz call (one call a window cost more than the scoring), and the matrix, mostly zeros (a
        score under the cut-off reads 0), read in one call too."""
        hits: dict[str, list[int]] = {}
        for n, phrases in self._by_width.items():
            windows = [" ".join(filter(None, norm[i:i + n])) for i in range(len(norm) - n + 1)]  # empty words dropped
            if windows:
                rows, starts = process.cdist(phrases, windows, scorer=fuzz.ratio, score_cutoff=75).nonzero()
                for row, start in zip(rows.tolist(), starts.tolist(), strict=True):
                    hits.setdefault(phrases[row], []).append(start)
        return hits

    def is_header_line(self, text: str) -> bool:
        found, left, total = self.header_score(text)
        return found >= 1 and left <= max(6, total // 4)

    def header_cells(self, line: TextLine) -> dict[int, str] | None:
        """Column index -> field for a header of real cells (a clean, tab-separated table)."""
        if len(line.cells) < 3:
            return None
        fields = {}
        for i, cell in enumerate(line.cells):
            field, _ = header_field(cell, self.columns)
            if field:
                fields[i] = field
        return fields if len(fields) >= 3 else None

    def reference_date(self, text: str) -> str | None:
        m = _CLEAN_DATE.search(text)
        return f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}" if m else None


# -- the value row -----------------------------------------------------------------------------
def repair_amounts(text: str) -> str:
    """Undo OCR damage of numbers that a general rule can undo: "€ 8825 715,66" (a lost thousands
    dot read as a space) -> "€ 8.825.715,66"; "100%%" -> "100%"."""
    def regroup(m: re.Match[str]) -> str:
        digits = _GROUP_MARKS.sub("", m["int"])
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        groups.insert(0, digits)
        return "€ " + ".".join(groups) + m["dec"]

    text = _EURO_SPACED.sub(regroup, text)
    return _REPEATED_PERCENT.sub("%", text)


def is_quantity(token: str) -> bool:
    return bool(_NUMBER.match(token))


def trailing_values(text: str) -> tuple[list[str], str]:
    """The run of values ending a line, left to right, and the text before it.

    A value is a number (with "%", a leading "€" or operator, and up to two lower-case words after it:
    "1.430 posizioni") or a SI/NO. Words after the numbers must repeat ("1.000 posizioni 1.430
    posizioni"): different ones ("18 agenzie solo 15 hanno") are prose, and end the run. One-character
    debris left of the values (an empty cell's OCR speck: '"', "g", "i") is dropped.
    """
    tokens = repair_amounts(text).split()
    runs: list[tuple[str, tuple[str, ...]]] = []  # (value, its trailing words)
    i = len(tokens)
    if i >= 2 and tokens[-1] in ("S", "N") and _YES_NO.match(tokens[-2]):
        runs.append((tokens[-1], ()))  # an OCR-clipped SI/NO ("Sl N"): kept as printed, flagged later
        i -= 1
    while i > 0:
        j = i
        while j > 0 and i - j < MAX_WORDS_AFTER_NUMBER and tokens[j - 1].isalpha() and tokens[j - 1].islower() \
                and not _YES_NO.match(tokens[j - 1]):
            j -= 1
        tail = tuple(tokens[j:i])
        if runs and tail != runs[0][1]:
            break
        if j > 0 and _YES_NO.match(tokens[j - 1]) and not tail:
            runs.insert(0, (_yes_no(tokens[j - 1]), ()))
            i = j - 1
            continue
        if j == 0 or not is_quantity(tokens[j - 1]):
            break
        k = j - 1
        while k > 0 and (tokens[k - 1] == "€" or _OPERATOR.match(tokens[k - 1])):
            k -= 1
        runs.insert(0, (" ".join(tokens[k:i]), tail))
        i = k
    before = tokens[:i]
    while before and len(before[-1]) == 1 and not before[-1].isdigit():
        before.pop()  # an empty cell's speck
    return [v for v, _ in runs], " ".join(before)


def _yes_no(token: str) -> str:
    """"Sl", "S1", "S|" (OCR for "SI") -> "SI"; other spellings as printed."""
    return "SI" if _OCR_SI.fullmatch(token) else token


def paragraphs(lines: list[TextLine]) -> list[list[TextLine]]:
    paras: list[list[TextLine]] = []
    for line in lines:
        if not paras or line.after_blank:
            paras.append([])
        paras[-1].append(line)
    return paras


def para_text(para: list[TextLine]) -> str:
    return repair_amounts(join_wrapped([x.text for x in para]))


@dataclass
class RowValues:
    values: dict[str, str]
    how: str  # "cells", "row", "paragraphs" or "" when nothing was read


def read_value_row(header: TextLine | None, zone: list[TextLine], labels: Labels) -> RowValues:
    """The fields of one indicator's value row (``zone``: the lines between header and "Se altro")."""
    zone = [x for x in zone if x.text.strip()]
    if not zone:
        return RowValues({}, "")
    columns = labels.header_cells(header) if header else None
    if columns and len(zone[0].cells) >= 2:
        return RowValues({f: zone[0].cells[i] for i, f in columns.items() if i < len(zone[0].cells)
                          and zone[0].cells[i]}, "cells")
    found = _from_line(zone, labels)
    if found is None:
        found = _from_paragraphs(zone, labels)
    if found is None:
        return RowValues({}, "")
    values, how = found
    values.update(type_and_unit(zone, labels))
    return RowValues(values, how)


def _assign(values: list[str], before: str, labels: Labels) -> dict[str, str]:
    out = {"actual": values[-1]}
    if len(values) >= 2:
        out["target"] = values[-2]
    if len(values) >= 3:
        out["baseline"] = values[-3]
    else:
        marker = _ends_with_no_baseline(before, labels)
        if marker:
            out["baseline"] = marker
    return out


def _ends_with_no_baseline(text: str, labels: Labels) -> str | None:
    """The printed "nuova attivita" closing ``text`` (the Ultimo valore osservato cell), if any."""
    words = text.split()
    for phrase in labels.no_baseline:
        n = len(phrase.split())
        if len(words) >= n and fuzz.ratio(normalise_words(" ".join(words[-n:])), phrase) >= 85:
            return " ".join(words[-n:])
    return None


def _from_line(zone: list[TextLine], labels: Labels) -> tuple[dict[str, str], str] | None:
    """Values ending one line: the line with the longest run of two or more."""
    best: tuple[list[str], str] | None = None
    for line in zone:
        values, before = trailing_values(line.text)
        if len(values) >= 2 and (best is None or len(values) > len(best[0])):
            best = (values, before)
    if best is None:
        return None
    return _assign(best[0], best[1], labels), "row"


def _from_paragraphs(zone: list[TextLine], labels: Labels) -> tuple[dict[str, str], str] | None:
    """Cells one paragraph each, in column order: the last paragraphs are the values."""
    paras = paragraphs(zone)
    if len(paras) < 2:
        return None
    texts = [para_text(p) for p in paras]
    single = []  # trailing paragraphs that are one value each ("100%", "Sl")
    for text in reversed(texts):
        values, before = trailing_values(text)
        if len(values) != 1 or before:
            break
        single.insert(0, values[0])
    if len(single) >= 2:
        return _assign(single, texts[-len(single) - 1] if len(single) < len(texts) else "", labels), "paragraphs"
    # Longer cells: only narrow ones (long lines are several cells interleaved, which this cannot
    # split), and only when an "Ultimo valore" marker ("nuova attivita") sits right before the two
    # values, if the row has one at all.
    tail = paras[-3:]
    if any(len(x.text) > NARROW_CELL_CHARS for p in tail for x in p):
        return None
    marked = [k for k, t in enumerate(texts) if _ends_with_no_baseline(t, labels) or has_no_baseline(t, labels)]
    if marked and marked[-1] != len(texts) - 3:
        return None
    out = {"actual": texts[-1], "target": texts[-2]}
    if len(texts) >= 3 and _looks_like_baseline(texts[-3], texts[-2], labels):
        out["baseline"] = texts[-3]
    # A tall cell's first line is read before the row's other cells ("risoluzione di" ... "almeno
    # 12.000 posizioni ..."): a leading fragment ending in a function word starts the first value
    # cell that does not already begin with it.
    first = texts[0]
    if len(paras) > 3 and len(paras[0]) == 1 and len(first.split()) <= 3 and first.split()[-1].islower() \
            and len(first.split()[-1]) <= 3:
        for field in ("baseline", "target", "actual"):
            if field in out and not out[field].casefold().startswith(first.casefold()):
                out[field] = f"{first} {out[field]}"
                break
    return out, "paragraphs"


def has_no_baseline(text: str, labels: Labels) -> bool:
    norm = normalise_words(text)
    return any(fuzz.partial_ratio(p, norm) >= 90 for p in labels.no_baseline if len(norm) >= len(p))


def _looks_like_baseline(text: str, target: str, labels: Labels) -> bool:
    if _ends_with_no_baseline(text, labels):
        return True
    has_digit = any(c.isdigit() for c in text)
    return has_digit and any(c.isdigit() for c in target) and len(text) <= 2 * len(target) + 20


def type_and_unit(zone: list[TextLine], labels: Labels) -> dict[str, str]:
    """Tipologia and Unità di misura: the vocabulary words at the start of the row, OCR-repaired
    ("ESTERMA" -> "ESTERNA"); the cells' other words (algorithm, source) cannot be told apart."""
    out: dict[str, str] = {}
    type_words: list[str] = []
    unit: str | None = None
    for line in zone[:6]:
        for raw in _WORD_GAPS.split(line.text):
            word = raw.strip(".;:|'\"")
            if not word:
                continue
            for part in word.split("/"):
                fixed = vocabulary(part, labels.type_words)
                if fixed:
                    type_words.append(fixed if not part.isupper() else fixed.upper())
            fixed_unit = vocabulary(word, labels.unit_words)
            if fixed_unit and unit is None:
                unit = fixed_unit if not word.isupper() else fixed_unit.upper()
    if type_words:
        out["type"] = " ".join(type_words)
    if unit:
        out["unit"] = unit
    return out


def vocabulary(word: str, words: tuple[str, ...]) -> str | None:
    """The entry of ``words`` that ``word`` is an OCR spelling of, if any."""
    if len(word) < 4 or not words:
        return None
    # one C-level loop over the entries; the first of equal scores wins, as the entry listed first should
    best = process.extractOne(word.casefold(), _casefolded(words), scorer=fuzz.ratio,
                              score_cutoff=_VOCABULARY_SIMILARITY)
    return words[best[2]] if best is not None and words[best[2]] else None


@cache
def _casefolded(words: tuple[str, ...]) -> tuple[str, ...]:
    """A profile's vocabulary casefolded once, not once per word compared with it."""
    return tuple(v.casefold() for v in words)
