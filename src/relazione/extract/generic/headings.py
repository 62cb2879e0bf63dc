"""Heading recognition for the generic engine, beyond the profile's keyword rules (:mod:`relazione.extract.headings`):

- abbreviations glued to their code ("AS1", "OO1.2.1") and section numbering before the keyword
  ("3.1 Obiettivo strategico 1.1 - ...");
- bare codes under a section heading ("OBIETTIVI STRATEGICI" then "1.1 Titolo"), the section naming the level;
- headings without a code ("Obiettivo strategico: Digitalizzazione dei servizi", or a two-cell row
  "Obiettivo operativo | Fascicolo d'impresa"): only the full level phrase, a separator and a capitalised
  title, so that header rows and prose are no headings;
- sentences that merely mention an objective ("l'obiettivo operativo 1.1.1 è stato ...") are not headings;
- the report's kind from its title words (relazione, monitoraggio, piano, PIRA).
"""

from __future__ import annotations

import regex as re

from relazione.extract.headings import HeadingMatch, is_garbage, keyword_similarity, match_any, normalise_words
from relazione.extract.profiles import Profile
from relazione.extract.tables import header_field

CODE_SEPARATORS = re.compile(r"[._\-]")
# "AS1", "OS1.1", "OO 1.1.1": an abbreviation glued to its code is spaced, so the code stands alone.
_GLUED_ABBREVIATION = re.compile(r"^(\W*(?:AS|OS|OO|OP|OSA|OBS|OBO|Ob\.))(?=\d)", re.IGNORECASE)
_LEADING_NUMBERING = re.compile(r"^\W*(?:\d+(?:\.\d+)*|[IVX]+)[.)]?\s+(?=\p{L}{3})")
# a sentence that mentions an objective ("l'obiettivo operativo 1.1.1 è stato raggiunto"), not a heading
_SENTENCE_AFTER_CODE = re.compile(
    r"^(?:è|e|ed|ha|hanno|sono|è stato|risulta|risultano|non|si|che|prevede|era|sarà|viene|vengono|come|per|"
    r"con|nel|nella|nello|nei|negli|del|della|dello|dei|degli|di|a|al|alla|ai|in|da|dal|dalla|il|la|lo|le|gli)\b")
# "OS 1.1 - Kpi 1 Incidenza ...": an indicator coded under its objective's code, not a heading
_INDICATOR_AFTER_CODE = re.compile(r"^(?:kpi|mis|misura|ind|indicatore)\.?\s*\d", re.IGNORECASE)
_MAX_HEADING_CHARS = 400
# "Obiettivi Strategici n. 24" (then "di cui: ..."): the level word in the plural before a number counts
# objectives, it names none
_COUNT = re.compile(r"^[\W_]*obiettivi\b[^\d\n]{0,40}?\bn[.°]?\s*\d+[\W_]*$", re.IGNORECASE)
_MIN_KEY_CELL = 4  # "OS | ..." is too short to say a level alone
_KEY_CELL_SIMILARITY = 92
_KEY_COLON = re.compile(r"^[\W_]*([\p{L}][\p{L} .'’]{2,40}?)\s*:\s+(\S.{2,200})$")  # "Ambito: Titolo"
_CODELESS_LEVEL = {"area strategica": "area", "ambito strategico": "area", "obiettivo strategico": "strategic",
                   "obiettivo operativo": "operational"}
_CODELESS = re.compile(
    r"^[\W_]*(?P<kw>area\s+strategica|ambito\s+strategico|obiettivo\s+strategico|obiettivo\s+operativo)[*_]*"
    r"\s*(?::|\s[-–—])\s*[*_]*(?P<title>\p{Lu}[^\n]{2,200})$", re.IGNORECASE)
_SECTION = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*[.)]?\s*|[IVX]+[.)]\s*)?(?:(?:gli|le|elenco degli|elenco delle)\s+)?"
    r"(?P<s>aree\s+strategiche|ambiti\s+strategici|obiettivi\s+strategici|programmi|obiettivi\s+operativi)\b"
    r"[^\p{L}]*(?:\p{L}+[^\p{L}]*){0,3}$", re.IGNORECASE)
# A heading of a section reported beside the plan's tree of objectives, whose tables belong to none of them:
# national indicators (common to every chamber, set by Unioncamere: "Monitoraggio di attività rilevanti a
# livello nazionale", "Nuovi indicatori / a livello nazionale") and the individual objectives of the staff
# ("OBIETTIVI INDIVIDUALI PERSONALE CAMERALE - ANNO 2024"). A sentence ("A livello nazionale il progetto ...")
# is none.
_OUTSIDE_SECTION = re.compile(
    r"^(?=.{3,100}$)(?:[^.!?;:]*\b(?:livello\s+nazionale|(?:indicatori|obiettivi)\s+(?:comuni\s+)?nazionali)[\W_]*"
    r"|obiettivi\s+individuali\b[^.!?;:]*)$", re.IGNORECASE)
_SECTION_LEVEL = {"aree": "area", "ambiti": "area", "obiettivi strategici": "strategic", "programmi": "strategic",
                  "obiettivi operativi": "operational"}
_KINDS = (  # (kind, pattern): the first pattern found in the title, else in the head text, decides
    ("pira", re.compile(r"\bPIRA\b|piano degli indicatori e (?:dei )?risultati attesi", re.IGNORECASE)),
    ("monitoraggio", re.compile(r"monitoraggio|semestral|stato di avanzamento|verifica intermedia", re.IGNORECASE)),
    ("relazione", re.compile(r"relazione (?:sulla|della|annuale sulla) performance", re.IGNORECASE)),
    ("piano", re.compile(r"\bPIAO\b|piano (?:integrato|della performance|triennale)", re.IGNORECASE)),
)


def infer_kind(title: str | None, head: str) -> str | None:
    for text in (title or "", head):
        for kind, pattern in _KINDS:
            if pattern.search(text):
                return kind
    return None


def find_heading(text: str, profile: Profile, section: tuple[str | None, int | None],
                 in_row: bool, cells: list[str] | None = None) -> tuple[HeadingMatch | None, bool]:
    """A heading of the profile's rules, or (True) a bare code under a section heading, or a heading
    without a code; sentences that merely mention an objective are not headings."""
    if (len(text) > _MAX_HEADING_CHARS and not in_row) or _COUNT.match(text):
        return None, False
    spaced = _spaced_abbreviation(text)
    match = match_any(spaced, profile.headings)
    numbering = _LEADING_NUMBERING.match(spaced) if match is None else None
    if numbering:
        match = match_any(spaced[numbering.end():], profile.headings)
    bare = False
    level, depth = section
    if match is None and level:
        match = _bare_code_heading(level, text, profile)
        if match is not None and match.code and depth == len(CODE_SEPARATORS.split(match.code)):
            match = None  # "3.3 Valutazione complessiva" after "3.2 Obiettivi operativi": the next chapter
        bare = match is not None
    if match is None:
        match = _codeless_heading(text, cells if in_row else None, profile)
    if match is not None and (_SENTENCE_AFTER_CODE.match(match.title) or _INDICATOR_AFTER_CODE.match(match.title)
                              or (match.title and is_garbage(match.title))):
        return None, False  # a sentence mentioning an objective, an indicator's code, glyph garbage
    return match, bare


def _spaced_abbreviation(text: str) -> str:
    """ "AS1 Titolo" -> "AS 1 Titolo". A match, then a slice: a substitution costs more even where the
    pattern does not match, and it matches almost no line."""
    glued = _GLUED_ABBREVIATION.match(text)
    return text if glued is None else f"{glued.group(1)} {text[glued.end():]}"


def _codeless_heading(text: str, cells: list[str] | None, profile: Profile) -> HeadingMatch | None:
    """ "Obiettivo strategico: Titolo" (a line) or "Obiettivo strategico | Titolo" (a row of two cells);
    in a row, any of the profile's level words ("Ambito | Titolo") names the level."""
    if cells is not None:
        filled = [c for c in cells if c]
        if len(filled) != 2:
            return None
        by_keyword = _keyword_cell_heading(filled[0], filled[1], profile)
        if by_keyword is not None:
            return by_keyword
        text = f"{filled[0]}: {filled[1]}"
    else:
        key_value = _KEY_COLON.match(text)
        by_keyword = _keyword_cell_heading(*key_value.groups(), profile) if key_value else None
        if by_keyword is not None:
            return by_keyword
    m = _CODELESS.match(text)
    if m is None:
        return None
    level = _CODELESS_LEVEL[" ".join(m.group("kw").casefold().split())]
    return _titled(level, m.group("title"), profile)


def _keyword_cell_heading(key: str, value: str, profile: Profile) -> HeadingMatch | None:
    """A key cell that is a level's word, whole ("Ambito", "Obiettivo generale"), before a title cell."""
    words = normalise_words(key)
    if len(words) < _MIN_KEY_CELL or len(value) < 3 or not value[:1].isalpha() or not value[:1].isupper():
        return None
    for rule in profile.headings:
        if keyword_similarity(key, rule.keywords) >= max(rule.min_similarity, _KEY_CELL_SIMILARITY):
            return _titled(rule.level, value, profile)
    return None


def _titled(level: str, title: str, profile: Profile) -> HeadingMatch | None:
    rule = profile.heading(level)
    if rule is None or not rule.code_required:
        return None  # no such level, or the profile's own rule reads headings without a code already
    title = title.strip(" *_")
    if _CODELESS.match(title) or _CODELESS_LEVEL.get(" ".join(title.casefold().split())) \
            or header_field(title, profile.columns)[1] >= 90:
        return None  # "Obiettivo strategico | Obiettivo operativo" or "| Indicatori": a header row
    return HeadingMatch(level, None, title, 90.0)


def _bare_code_heading(level: str, text: str, profile: Profile) -> HeadingMatch | None:
    """ "1.1 Titolo" (or "1.1 | Titolo") right under "OBIETTIVI STRATEGICI": the section gives the level."""
    rule = profile.heading(level)
    if rule is None:
        return None
    m = re.match(rf"^\W*(?P<code>{rule.code})(?![\p{{N}}])[\s.:)\-–—|]+(?P<title>\p{{Lu}}.{{2,}})$", text)
    if m is None or len(text) > 300:
        return None
    return HeadingMatch(level, m.group("code"), m.group("title").strip(), 90.0)


def outside_section(text: str) -> bool:
    """Does the line head a section of national indicators or individual objectives, outside the plan's
    tree of objectives?"""
    return bool(_OUTSIDE_SECTION.match(text.strip(" *_#")))


def code_shape(code: str | None) -> str:
    """ "2024_01" -> "9999_99", "012" -> "999", "AS1" -> "AA9": the form of a code, not its value."""
    return re.sub(r"\p{L}", "A", re.sub(r"\d", "9", code or ""))


def section_of(text: str) -> tuple[str, int | None] | None:
    """The level a section heading announces, and the depth of its own numbering ("3.2" -> 2)."""
    m = _SECTION.match(text) if len(text) <= 70 else None
    if m is None:
        return None
    words = " ".join(m.group("s").casefold().split())
    level = _SECTION_LEVEL.get(words) or _SECTION_LEVEL.get(words.split()[0])
    number = re.match(r"^\W*(\d+(?:\.\d+)*)", text)
    return (level, len(number.group(1).split(".")) if number else None) if level else None
