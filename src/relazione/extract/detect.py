"""Profile detection: score every profile on the start of a document and pick the best.

A profile's score is the share of its detection phrases found (fuzzily: OCR damage allowed) in
the document's first lines. The generic profile has no phrases and a fixed floor score: a family
must find more than half of its phrases to be chosen over it (a tie goes to generic).
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _head_text(doc: Document, n_lines: int) -> str:
    parts = []
    for i, (text, _) in enumerate(doc.text_lines()):
        if i >= n_lines:
            break
        parts.append(text)
    return normalise_words(" ".join(parts))


def score_profile(doc: Document, profile: Profile, head: str | None = None) -> Candidate:
    if not profile.detect.phrases:
        return Candidate(profile, GENERIC_FLOOR, ())
    if profile.parts and not _has_every_part(doc, profile):
        return Candidate(profile, 0.0, ())  # one report of a merged document is not the merged document
    head = head if head is not None else _head_text(doc, profile.detect.lines)
    found = tuple(p for p in profile.detect.phrases if (n := normalise_words(p)) and _in_head(n, head))
    return Candidate(profile, len(found) / len(profile.detect.phrases), found)


def _in_head(phrase: str, head: str) -> bool:
    """The phrase is in the head text, exactly or fuzzily. The cut-off lets RapidFuzz stop aligning a
    phrase once it cannot reach it: a head runs to 300,000 characters."""
    return phrase in head or fuzz.partial_ratio(phrase, head, score_cutoff=PHRASE_SIMILARITY) >= PHRASE_SIMILARITY


def _has_every_part(doc: Document, profile: Profile) -> bool:
    return all(start is not None for start, _ in part_starts(doc, profile))  # stops at the first part missing


def rank_profiles(doc: Document, profiles: tuple[Profile, ...] | None = None) -> list[Candidate]:
    profiles = profiles if profiles is not None else builtin_profiles()
    heads: dict[int, str] = {}
    ranked = []
    for p in profiles:
        if p.detect.lines not in heads:
            heads[p.detect.lines] = _head_text(doc, p.detect.lines)
        ranked.append(score_profile(doc, p, heads[p.detect.lines]))
    # ties: generic first (a family must do better than half), then composite documents before the
    # families of their parts (the merged report also shows each part's phrases)
    return sorted(ranked, key=lambda c: (-c.score, bool(c.profile.detect.phrases), not c.profile.parts,
                                         c.profile.name))


def choose_profile(doc: Document) -> Profile:
    return rank_profiles(doc)[0].profile
