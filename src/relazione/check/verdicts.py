"""Stated verdicts and scores against what the scoring rules compute (:mod:`relazione.scoring.methods`).

The rules themselves live in scoring.py; this module only compares. A verdict is compared by its
meaning (raggiunto / parzialmente / non raggiunto), not its spelling ("OBIETTIVO CONSEGUITO").
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

import regex as re

from relazione.check.findings import Finding, fmt
from relazione.check.inputs import where
from relazione.records.model import Report
from relazione.scoring.aggregate import score_report
from relazione.scoring.methods import get_method, round_half_up, verdict_for

SCORE_TOLERANCE = 0.015  # published scores are rounded to 2 decimals, some from rounded actuals
_NOT = re.compile(r"\bnon\s+(?:[\p{L}]+\s+)?(?:raggiunt|conseguit)", re.IGNORECASE)
_PARTIAL = re.compile(r"parzial", re.IGNORECASE)
_ONGOING = re.compile(r"in\s+corso", re.IGNORECASE)
_MET = re.compile(r"raggiunt|conseguit", re.IGNORECASE)
MEANINGS = {"met": "raggiunto", "partial": "parzialmente raggiunto", "not": "non raggiunto"}


def meaning(verdict: str | None) -> str | None:
    """met / partial / not, or None for "in corso" and anything unreadable."""
    if not verdict or _ONGOING.search(verdict):
        return None
    if _NOT.search(verdict):
        return "not"
    if _PARTIAL.search(verdict):
        return "partial"
    return "met" if _MET.search(verdict) else None


def verdict_findings(report: Report, path: str, method: str = "integra") -> Iterator[Finding]:
    scored = copy.deepcopy(report)
    score_report(scored, method=method)
    bands = get_method(method).bands
    for ind in scored.indicators:
        yield from _indicator_verdict(ind, path)
    for obj in scored.objectives:
        if obj.achievement is None:
            continue
        computed = verdict_for(obj.achievement, bands=bands)
        stated, wanted = meaning(obj.status), meaning(computed)
        if stated and wanted and stated != wanted:
            yield Finding("verdict", "errore", obj.level, obj.ref, field="status", old=computed, new=obj.status,
                          old_where="calcolato", new_where=where(path, obj.provenance),
                          message=f"Obiettivo {obj.ref}: valutazione dichiarata {obj.status!r}, ma il grado "
                                  f"calcolato {fmt(round_half_up(obj.achievement))}% corrisponde a {computed!r}.")
        if obj.score is not None and abs(round_half_up(obj.achievement) - obj.score) > SCORE_TOLERANCE:
            yield Finding("score", "avviso", obj.level, obj.ref, field="score",
                          old=round_half_up(obj.achievement), new=obj.score,
                          old_where="calcolato", new_where=where(path, obj.provenance),
                          message=f"Obiettivo {obj.ref}: punteggio dichiarato {fmt(obj.score)}%, "
                                  f"ricalcolato {fmt(round_half_up(obj.achievement))}%.")


def _indicator_verdict(ind, path: str) -> Iterator[Finding]:
    stated = meaning(ind.status)
    if stated is None or ind.achievement is None:
        return
    met = ind.achievement >= 100.0 - 1e-9
    if (stated == "met") != met:
        yield Finding("verdict", "errore", "indicator", ind.objective, indicator=ind.name, field="status",
                      old=f"{fmt(round_half_up(ind.achievement))}%", new=ind.status,
                      old_where="calcolato", new_where=where(path, ind.provenance),
                      message=f"Indicatore {ind.objective}#{ind.n}: dichiarato {ind.status!r}, ma con target "
                              f"{ind.target!r} e risultato {ind.actual!r} il grado calcolato è "
                              f"{fmt(round_half_up(ind.achievement))}%.")
