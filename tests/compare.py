"""Compare extracted records with expected records: objective and indicator F1, field accuracy.

Objectives match on level and code (title when there is no code); indicators match within their
matched objective by name similarity, with the ordinal as a tie-breaker. A mismatch list names
what differs, so a failing test says which objective, indicator or field broke.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex as re
from rapidfuzz import fuzz

_TAG = re.compile(r"<[^>]+>")
_CODE_WORDS = re.compile(r"^(?:(?:area\s+strategica|obiettivo\s+(?:strategico|operativo)|as|os|oo)\b[\s.:-]*)+",
                         re.IGNORECASE)


def norm(s: object) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", _TAG.sub(" ", str(s)))
    s = s.replace("’", "'").replace("–", "-").replace("“", '"').replace("”", '"')
    return " ".join(s.split()).casefold().strip(" .;:,")


def norm_code(s: object) -> str:
    return _CODE_WORDS.sub("", norm(s)).replace(" ", "").strip(".-_")


def similarity(a: object, b: object) -> float:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 100.0 if a == b else 0.0
    partial = fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 40 else 0.0  # a truncated title still matches
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b), partial)


@dataclass
class Comparison:
    objectives: tuple[int, int, int] = (0, 0, 0)  # matched, expected, extracted
    indicators: tuple[int, int, int] = (0, 0, 0)
    fields_ok: int = 0
    fields_total: int = 0
    problems: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(tp: int, n_expected: int, n_got: int) -> float:
        if not n_expected and not n_got:
            return 1.0
        p = tp / n_got if n_got else 0.0
        r = tp / n_expected if n_expected else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def objectives_f1(self) -> float:
        return self._f1(*self.objectives)

    @property
    def indicators_f1(self) -> float:
        return self._f1(*self.indicators)

    @property
    def fields(self) -> float:
        return self.fields_ok / self.fields_total if self.fields_total else 1.0


def _match_objectives(expected: list[dict], got: list[dict]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for ei, e in enumerate(expected):
        candidates = [
            (similarity(e["title"], g["title"]), gi) for gi, g in enumerate(got)
            if gi not in used and g["level"] == e["level"]
            and (norm_code(g.get("code")) == norm_code(e.get("code")) if e.get("code") else True)
        ]
        candidates = [c for c in candidates if c[0] >= 80]
        if candidates:
            _, gi = max(candidates)
            pairs[ei] = gi
            used.add(gi)
    return pairs


def _ref_index(ref: str, objectives: list[dict]) -> int | None:
    for i, o in enumerate(objectives):
        if o.get("code") and norm_code(o["code"]) == norm_code(ref):
            return i
    for i, o in enumerate(objectives):
        if norm(o["title"]) == norm(ref):
            return i
    return None


def _value_ok(expected: object, got: object) -> bool:
    e, g = norm(expected), norm(got)
    return e == g or (bool(e) and bool(g) and fuzz.ratio(e, g) >= 90)


def compare_report(expected: dict, got: dict, result: Comparison, label: str) -> None:
    pairs = _match_objectives(expected["objectives"], got["objectives"])
    for ei, e in enumerate(expected["objectives"]):
        if ei not in pairs:
            result.problems.append(f"[{label}] missing objective {e['level']} {e.get('code')} {e['title'][:50]!r}")
    extra = set(range(len(got["objectives"]))) - set(pairs.values())
    for gi in sorted(extra):
        g = got["objectives"][gi]
        result.problems.append(f"[{label}] extra objective {g['level']} {g.get('code')} {g['title'][:50]!r}")
    m, n_e, n_g = result.objectives
    result.objectives = (m + len(pairs), n_e + len(expected["objectives"]), n_g + len(got["objectives"]))

    got_of = {gi: ei for ei, gi in pairs.items()}
    got_by_obj: dict[int, list[dict]] = {}
    for ind in got["indicators"]:
        gi = _ref_index(ind["objective"], got["objectives"])
        if gi in got_of:
            got_by_obj.setdefault(got_of[gi], []).append(ind)
    matched = 0
    for e in expected["indicators"]:
        ei = _ref_index(e["objective"], expected["objectives"])
        pool = got_by_obj.get(ei, []) if ei is not None else []
        scored = [(similarity(e["name"], g["name"]) + (5 if g["n"] == e["n"] else 0), k) for k, g in enumerate(pool)]
        scored = [s for s in scored if s[0] >= 70]
        if not scored:
            result.problems.append(f"[{label}] missing indicator {e['objective']}#{e['n']} {e['name'][:50]!r}")
            continue
        _, k = max(scored)
        g = pool.pop(k)
        matched += 1
        for name in ("weight", "target", "actual"):
            if e.get(name) in (None, ""):
                continue
            result.fields_total += 1
            ok = (g.get(name) is not None and abs(float(e[name]) - float(g[name])) <= 0.01) if name == "weight" \
                else _value_ok(e[name], g.get(name))
            result.fields_ok += ok
            if not ok:
                result.problems.append(f"[{label}] {name} of {e['objective']}#{e['n']}: "
                                       f"expected {str(e[name])[:40]!r} got {str(g.get(name))[:40]!r}")
    m, n_e, n_g = result.indicators
    result.indicators = (m + matched, n_e + len(expected["indicators"]), n_g + len(got["indicators"]))


def compare(expected: dict, got: dict) -> Comparison:
    """Pair reports by ente and kind, then compare each pair."""
    result = Comparison()
    remaining = list(got["reports"])
    for e in expected["reports"]:
        label = f"{e.get('ente')} {e.get('kind')}"
        match = next((g for g in remaining if norm(g.get("ente")) == norm(e.get("ente"))
                      and g.get("kind") == e.get("kind")), None)
        if match is None and len(expected["reports"]) == 1 and len(got["reports"]) == 1:
            match = remaining[0]
        if match is None:
            result.problems.append(f"no report for {label}")
            match = {"objectives": [], "indicators": []}
        else:
            remaining.remove(match)
        compare_report(e, match, result, label)
    return result
