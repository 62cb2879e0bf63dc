"""The merged 2024 Relazione (Cremona-Mantova-Pavia) read part by part, for the family tests.

The composite profile cuts the document; only the part a test module is about is then read by its
profile, so a family's tests do not depend on the other families of the document.
"""

from __future__ import annotations

from conftest import sample
from relazione.extract.engine import finish_report, run_profile, split_parts
from relazione.extract.profiles import get_profile
from relazione.readers import read_document
from relazione.records.model import Indicator, Objective, Report, Warning_

MERGED = "cremona_mantova_pavia_relazione_2024.txt"


def extract_part(profile_name: str) -> tuple[Report, list[Warning_]]:
    """The report of the part the composite profile gives to ``profile_name``, and its warnings."""
    doc = read_document(sample(MERGED))
    part, sub = next(
        (part, sub) for part, sub in split_parts(doc, get_profile("cremona_mantova_pavia_2024"))
        if part.profile == profile_name
    )
    result = run_profile(sub, get_profile(part.profile))
    (report,) = result.reports
    report.ente = part.ente
    finish_report(report)
    return report, result.warnings


def objective(report: Report, code: str, level: str | None = None) -> Objective:
    return next(o for o in report.objectives if o.code == code and (level is None or o.level == level))


def indicators_of(report: Report, ref: str) -> list[Indicator]:
    return [i for i in report.indicators if i.objective == ref]
