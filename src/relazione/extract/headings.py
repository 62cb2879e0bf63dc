"""Fuzzy heading recognition: "OBIETTIVO STRATEGICO 1.1", OCR "OBIETTIVO STRATEGIC0 1.1",
"Ob. Operativo 2024_01_01_01", "OO 1.1.1 - Title (Peso: 30,00%)".

A heading is keyword words, a code, and optionally a title. The words before the code are
compared with each level's keywords by RapidFuzz, so OCR damage of a letter or two still matches.
"""

from __future__ import annotations

import re as std_re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex as re
from rapidfuzz import fuzz, process

from relazione.extract.profiles import HeadingRule

_SEPARATORS = " \t:.-–—_)"
_MAX_PREFIX_CHARS = 48
_HEAD_CHARS = _MAX_PREFIX_CHARS + 40  # a line's start where codes are looked for: prefix, code and room
# A code stands alone: not glued to a word before it, and not followed by more digits.
_BEFORE_CODE = r"(?<![\p{L}\p{N}])"
_NOT_LETTER_OR_DIGIT = r"[^\p{L}\p{N}]"  # the character _BEFORE_CODE asks for, where a code does not start a text
_AFTER_CODE = r"(?![\p{N}])"
_WORDS = re.compile(r"[\p{L}\p{N}]+")
_PLAIN_LIMIT = "\u2100"  # below: the letters and digits of European scripts, and the punctuation around them
_BEYOND_PLAIN = std_re.compile("[\u2100-\U0010ffff]")
_SHORT_WORD = 5  # letters: a level word this short must match exactly
_ABBREVIATION = 3  # letters: "AS", "OS", "OO", "O.S." are abbreviations, written in capitals
_GLYPH_CODE = re.compile(r"\(cid:\d+\)")
_GARBAGE_MIN_CHARS = 4
_GARBAGE_LETTERS = 0.4  # a title of fewer letters than this share of its characters is no title
# the level words of the generic profile (52) make scanning a line for each level's codes and scoring the
# words before each code slower than screening the line; a family's few (1-7) do not (measured)
_SCREEN_MIN_KEYWORDS = 12
_MAX_RESEMBLING = 1 << 14  # prefixes a screen remembers


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    level: str
    code: str | None
    title: str  # may be empty: the title is then on the next line(s)
    similarity: float


@lru_cache(maxsize=1 << 14)
def normalise_words(s: str) -> str:
    """Upper-case letters and single spaces: the form keywords are compared in. Cached: every pass over
    a document (detection, outline scan, the walk, restatements) normalises the same lines again."""
    words = _WORDS if not s.isascii() and _BEYOND_PLAIN.search(s) else _plain_words()
    return " ".join(words.findall(s)).upper()


@cache
def _plain_words() -> std_re.Pattern[str]:
    """``_WORDS`` for a text of characters below ``_PLAIN_LIMIT`` (an Italian text's), as a class of the
    standard library's re listing the same characters (the regex module says which, once): the
    regex module looks up each character's Unicode properties, most of a line's normalising."""
    codes = {c for c in range(ord(_PLAIN_LIMIT)) if _WORDS.fullmatch(chr(c))}
    starts = sorted(c for c in codes if c - 1 not in codes)
    ends = sorted(c for c in codes if c + 1 not in codes)
    return std_re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in zip(starts, ends, strict=True)) + "]+")


@cache
def _code_regex(code: str) -> re.Pattern[str]:
    return re.compile(f"{_BEFORE_CODE}(?P<code>{code}){_AFTER_CODE}")


def keyword_similarity(prefix: str, keywords: tuple[str, ...]) -> float:
    """Best RapidFuzz ratio between the words before a code and a level's keywords."""
    words = normalise_words(prefix)
    if not words or not keywords:
        return 0.0
    best = process.extractOne(words, _normalised_keywords(keywords), scorer=fuzz.ratio)  # one C-level loop
    return best[1] if best else 0.0


@cache
def _normalised_keywords(keywords: tuple[str, ...]) -> tuple[str, ...]:
    """Keywords come from the profiles and are compared with every line: normalise them once."""
    return tuple(normalise_words(k) for k in keywords)


def short_word_fits(prefix: str, similarity: float) -> bool:
    """A short level word is matched exactly ("Prop." is no "Prosp.", one letter apart), and an abbreviation
    of a few letters in capitals: "AS 1" is an area, "as 2019" a chart label."""
    words = normalise_words(prefix)
    letters = words.replace(" ", "")
    if len(letters) > _SHORT_WORD:
        return True
    if similarity < 100:
        return False
    return len(letters) > _ABBREVIATION or not any(ch.islower() for ch in prefix)


def is_garbage(text: str) -> bool:
    """Glyph codes of a font without a text map ("(cid:21)"), or a text mostly not letters: never a title."""
    if _GLYPH_CODE.search(text):
        return True
    chars = [ch for ch in text if not ch.isspace()]
    return len(chars) >= _GARBAGE_MIN_CHARS and sum(ch.isalpha() for ch in chars) < _GARBAGE_LETTERS * len(chars)


def match_heading(text: str, rule: HeadingRule) -> HeadingMatch | None:
    """Match one line against one level's rule; None when it is not such a heading."""
    head = text[:_HEAD_CHARS]
    if rule.code_required or _code_regex(rule.code).search(head):
        for m in _code_regex(rule.code).finditer(head):
            prefix = head[: m.start()]
            if len(prefix) > _MAX_PREFIX_CHARS:
                break
            similarity = keyword_similarity(prefix, rule.keywords)
            if similarity >= rule.min_similarity and short_word_fits(prefix, similarity):
                title = text[m.end():].lstrip(_SEPARATORS + "\u00a0").rstrip()
                return HeadingMatch(rule.level, m.group("code"), title, similarity)
        if rule.code_required:
            return None
    # A heading without a code: the keywords start the line and the rest is the title.
    for keyword in rule.keywords:
        n = len(keyword)
        similarity = keyword_similarity(text[:n], (keyword,))
        if similarity >= rule.min_similarity and short_word_fits(text[:n], similarity):
            return HeadingMatch(rule.level, None, text[n:].lstrip(_SEPARATORS).rstrip(), similarity)
    return None


@lru_cache(maxsize=1 << 17)  # a 10 MB text (the limit) has fewer heading-like lines than this
def match_any(text: str, rules: tuple[HeadingRule, ...]) -> HeadingMatch | None:
    """The best-matching level for a line, preferring the rule listed first on a tie. Cached: the
    outline pre-pass and the engine's walk both ask it of every line."""
    if not _may_open_heading(text, rules):
        return None
    best: HeadingMatch | None = None
    for rule in rules:
        m = match_heading(text, rule)
        if m and (best is None or m.similarity > best.similarity):
            best = m
    return best


@dataclass(frozen=True, slots=True)
class _Screen:
    """All the rules' keywords in one list, the lowest similarity any rule accepts, the longest words
    before a code that can still reach it, and where any rule's code can start: a text's start, or
    after a character that is no letter or digit (``code_here``, ``code_after``)."""

    keywords: tuple[str, ...]
    min_similarity: float
    max_prefix: float
    code_here: re.Pattern[str]
    code_after: re.Pattern[str]
    # words before a code -> whether they resemble a keyword: a table's rows repeat them ("Indicatore 1",
    # "Indicatore 2"...), and the fuzzy scoring costs more than the rest of a row's screening
    resembles: dict[str, bool] = field(default_factory=dict, compare=False)


_SCREENS: list[_Screen] = []  # every screen made (one per profile's rules), for clear_line_caches


@cache
def _screen(rules: tuple[HeadingRule, ...]) -> _Screen | None:
    """None when the screen cannot decide (a rule reading headings without a code, or one accepting any
    similarity) or does not pay: a family's few keywords and plain codes are tried faster than screened."""
    if not rules or not all(r.code_required and r.min_similarity > 0 for r in rules):
        return None
    keywords = tuple(sorted({k for r in rules for k in _normalised_keywords(r.keywords)}))
    if len(keywords) < _SCREEN_MIN_KEYWORDS:
        return None
    least = min(r.min_similarity for r in rules)
    # fuzz.ratio(a, b) <= 200 * len(b) / (len(a) + len(b)) when a is the longer: words longer than this
    # cannot reach `least` against any keyword (plus one character against rounding)
    longest = max((len(k) for k in keywords), default=0) * (200 - least) / least + 1
    # wherever one of the rules' codes matches as _code_regex reads it: every place a heading's words can
    # end. Past a text's start, the character before the code is matched, not looked behind at: the regex
    # module scans fast for a pattern starting with a character class, and tries a lookbehind at every
    # position (three times slower over an indicator row)
    codes = "|".join(f"(?:{r.code})" for r in rules)
    code_here = f"(?=(?:{codes}){_AFTER_CODE})"
    screen = _Screen(keywords, least, longest, re.compile(code_here), re.compile(_NOT_LETTER_OR_DIGIT + code_here))
    _SCREENS.append(screen)
    return screen


def _code_starts(head: str, screen: _Screen) -> Iterator[int]:
    """Where any rule's code can start in ``head``, in order (as _BEFORE_CODE allows: at the start, or
    after a character that is no letter or digit)."""
    if screen.code_here.match(head):
        yield 0
    for before in screen.code_after.finditer(head):
        yield before.end()  # a match is the one character before the code: the next search starts at the code


def _may_open_heading(text: str, rules: tuple[HeadingRule, ...]) -> bool:
    """Could any rule match? A heading needs the words before one of its codes to resemble a keyword:
    the words before each place a code can start (within _MAX_PREFIX_CHARS) are scored against all
    keywords in C. One scan for the codes of all rules and a RapidFuzz call only where a code starts
    are cheaper than scanning for each rule's codes, or scoring every word prefix (an indicator row is
    no heading, and most rows are indicator rows)."""
    screen = _screen(rules)
    if screen is None:
        return True
    head = text[:_HEAD_CHARS]  # the text match_heading looks for codes in
    for start in _code_starts(head, screen):
        if start > _MAX_PREFIX_CHARS:
            break
        words = normalise_words(head[:start])
        if len(words) > screen.max_prefix:
            break  # the words before a later code are longer still
        if words and _resembles_keyword(words, screen):
            return True
    return False


def _resembles_keyword(words: str, screen: _Screen) -> bool:
    """Do the words before a code score at least the screen's similarity against one of its keywords?"""
    found = screen.resembles.get(words)
    if found is None:
        if len(screen.resembles) >= _MAX_RESEMBLING:
            screen.resembles.clear()  # a long document's many prefixes: the table at hand fills it again
        found = screen.resembles[words] = process.extractOne(
            words, screen.keywords, scorer=fuzz.ratio, processor=None, score_cutoff=screen.min_similarity) is not None
    return found


def clear_line_caches() -> None:
    """Forget what was learnt of lines read (a benchmark times each reading afresh)."""
    match_any.cache_clear()
    normalise_words.cache_clear()
    for screen in _SCREENS:
        screen.resembles.clear()
