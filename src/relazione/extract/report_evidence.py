"""Is the document a performance report at all? A bank statement, a recipe, an English chart or a
regulation may still hold lines that look like headings ("AS 1 baseline", "1.1 Sales") or a table with
"Target | Actual" columns; their records would be noise, given silently.

A report shows several signals together: the Italian words of the cycle (obiettivo, indicatore, KPI /
target / consuntivo / risultato atteso), the name of a plan or report of the performance, objectives with
codes, indicators with a target or a result. With the words of objectives or indicators missing, or
fewer than :data:`MIN_SIGNALS` signals in all, the document is no report: its records are dropped and a
warning says why.
"""

from __future__ import annotations

import regex as re

from relazione.readers.blocks import Document
from relazione.records.model import Report, Warning_

MIN_SIGNALS = 3
_WORDS = {  # signal -> what a report says (Italian: an English dashboard is no chamber's report)
    "obiettivi": re.compile(r"\bobiettiv[oi]\b|\bob\.\s*(?:strat|oper|op\b)|\b(?:area|ambito)\s+strategic",
                            re.IGNORECASE),
    "indicatori": re.compile(r"\bindicator[ei]\b", re.IGNORECASE),
    "target, risultati o KPI": re.compile(
        r"\bKPI\b|\btarget\b|\bconsuntiv[oi]\b|\brisultat[oi]\s+(?:attes|raggiunt|conseguit)|\bvalor[ei]\s+(?:attes|raggiunt)",
        re.IGNORECASE),
    "titolo di un piano o di una relazione della performance": re.compile(
        r"\bperformance\b|\bPIAO\b|\bPIRA\b|piano\s+degli\s+indicatori|\bmonitoraggio\b", re.IGNORECASE),
}
_REQUIRED = ("obiettivi", "indicatori")  # at least one of these words


def not_a_report(doc: Document, reports: list[Report]) -> Warning_ | None:
    """A warning when the document shows too few signals of a performance report, else None."""
    found: set[str] = set()
    if sum(1 for r in reports for o in r.objectives if o.code) >= 2:
        found.add("obiettivi con codice")
    if any(i.target or i.actual for r in reports for i in r.indicators):
        found.add("indicatori con target o risultato")
    _add_words_found(doc, found)
    if _is_report(found):
        return None
    seen = ", ".join(sorted(found)) if found else "nessuno"
    return Warning_("not_a_report", "il documento non sembra una relazione/piano della performance: mancano le "
                                    f"parole obiettivo e indicatore o i segnali sono troppo pochi (trovati: {seen}); "
                                    "nessun obiettivo né indicatore è stato emesso")


def _is_report(found: set[str]) -> bool:
    return any(w in found for w in _REQUIRED) and len(found) >= MIN_SIGNALS


def _add_words_found(doc: Document, found: set[str]) -> None:
    """Add the word signals present in the document's text to ``found``, read until the signals make it a
    report: the rest of the text can change nothing (the warning that lists them is not given)."""
    for row in doc.rows():
        if _is_report(found):
            return
        text = " ".join(c.text for c in row.cells if c.text)
        for name, pattern in _WORDS.items():
            if name not in found and pattern.search(text):
                found.add(name)
