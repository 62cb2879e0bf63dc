"""Profile detection: score every profile on the start of a document and pick the best.

A profile's score is the share of its detection phrases found (fuzzily: OCR damage allowed) in
the document's first lines. The generic profile has no phrases and a fixed floor score: a family
must find more than half of its phrases to be chosen over it (a tie goes to generic).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from rapidfuzz import fuzz

from relazione.extract.engine import part_starts
from relazione.extract.headings import normalise_words
from relazione.extract.profiles import Profile, builtin_profiles
from relazione.readers.blocks import Document

GENERIC_FLOOR = 0.5
PHRASE_SIMILARITY = 90.0


@dataclass(frozen=True, slots=True)
class Candidate:
    profile: Profile
    score: float
    found: tuple[str, ...]


def _head_texts(doc: Document, profiles: Iterable[Profile]) -> dict[int, str]:
    """The head text of each profile's number of lines, in one pass over the document: a longer head
    continues a shorter one, as normalised words never span two lines."""
    counts = sorted({p.detect.lines for p in profiles})
    lines = [text for text, _ in islice(doc.text_lines(), counts[-1])]
    heads: dict[int, str] = {}
    head, done = "", 0
    for n in counts:
        more = normalise_words(" ".join(lines[done:n]))
        head = f"{head} {more}" if head and more else head or more
        heads[n], done = head, n
    return heads


def score_profile(doc: Document, profile: Profile, head: str | None = None) -> Candidate:
    if not profile.detect.phrases:
        return Candidate(profile, GENERIC_FLOOR, ())
    if profile.parts and not _has_every_part(doc, profile):
        return Candidate(profile, 0.0, ())  # one report of a merged document is not the merged document
    head = head if head is not None else _head_texts(doc, (profile,))[profile.detect.lines]
    found = tuple(p for p in profile.detect.phrases if (n := normalise_words(p)) and _in_head(n, head))
    return Candidate(profile, len(found) / len(profile.detect.phrases), found)


def _in_head(phrase: str, head: str) -> bool:
    """The phrase is in the head text, exactly or fuzzily."""
    return phrase in head or _fuzzily_in_head(phrase, head)


def _fuzzily_in_head(phrase: str, head: str) -> bool:
    """The cut-off lets RapidFuzz stop aligning a phrase once it cannot reach it: a head runs to 300,000
    characters, and this costs up to a millisecond a phrase."""
    return fuzz.partial_ratio(phrase, head, score_cutoff=PHRASE_SIMILARITY) >= PHRASE_SIMILARITY


def _has_every_part(doc: Document, profile: Profile) -> bool:
    return all(start is not None for start, _ in part_starts(doc, profile))  # stops at the first part missing


_RankKey = tuple[float, bool, bool, str]


def _rank_key(profile: Profile, score: float) -> _RankKey:
    """Best first. Ties: generic first (a family must do better than half), then composite documents
    before the families of their parts (the merged report also shows each part's phrases)."""
    return -score, bool(profile.detect.phrases), not profile.parts, profile.name


def rank_profiles(doc: Document, profiles: tuple[Profile, ...] | None = None) -> list[Candidate]:
    profiles = profiles if profiles is not None else builtin_profiles()
    heads = _head_texts(doc, profiles)
    ranked = [score_profile(doc, p, heads[p.detect.lines]) for p in profiles]
    return sorted(ranked, key=lambda c: _rank_key(c.profile, c.score))


def choose_profile(doc: Document) -> Profile:
    """The profile :func:`rank_profiles` puts first, scoring only as far as a profile may still come
    first: the phrases found verbatim (cheap) give each profile a least score, and the likeliest
    profiles, scored first, leave the others no chance long before their fuzzy searches would end."""
    profiles = builtin_profiles()
    heads = _head_texts(doc, profiles)
    verbatim = {p.name: _verbatim_phrases(p, heads[p.detect.lines]) for p in profiles}
    likeliest_first = sorted(profiles, key=lambda p: -_least_score(p, verbatim[p.name]))
    best: _RankKey | None = None
    chosen = likeliest_first[0]
    for profile in likeliest_first:
        key = _key_if_first(doc, profile, verbatim[profile.name], heads[profile.detect.lines], best)
        if key is not None:
            best, chosen = key, profile
    return chosen


def _least_score(profile: Profile, verbatim: list[str]) -> float:
    """The score a profile is sure of: generic's floor, the share of a family's phrases found verbatim."""
    return len(verbatim) / len(profile.detect.phrases) if profile.detect.phrases else GENERIC_FLOOR


def _normalised_phrases(profile: Profile) -> list[str]:
    """A family's phrases as the head text is written (normalised words); an empty one is never found."""
    return [n for p in profile.detect.phrases if (n := normalise_words(p))]


def _verbatim_phrases(profile: Profile, head: str) -> list[str]:
    return [n for n in _normalised_phrases(profile) if n in head]


def _key_if_first(doc: Document, profile: Profile, verbatim: list[str], head: str,
                  best: _RankKey | None) -> _RankKey | None:
    """The profile's rank key when it ranks before ``best``, else None (decided as soon as it cannot)."""
    phrases = profile.detect.phrases
    if not phrases:
        key = _rank_key(profile, GENERIC_FLOOR)
        return key if best is None or key < best else None

    def may_beat(found: int, unknown: int) -> bool:
        return best is None or _rank_key(profile, (found + unknown) / len(phrases)) < best

    if not may_beat(0, len(phrases)):
        return None
    if profile.parts and not _has_every_part(doc, profile):
        return _rank_key(profile, 0.0) if may_beat(0, 0) else None
    found = len(verbatim)
    rest = [n for n in _normalised_phrases(profile) if n not in verbatim]
    unknown = len(phrases) - found
    for phrase in rest:
        unknown -= 1
        found += _fuzzily_in_head(phrase, head)
        if not may_beat(found, unknown):
            return None
    return _rank_key(profile, found / len(phrases)) if may_beat(found, 0) else None
