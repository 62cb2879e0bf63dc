"""Round trip: records -> render (Word) -> extract the .docx back -> the same objectives and indicators.

The rendered documents are read by the normal pipeline (profile detection included): the standard
templates are recognised by extractors/relazione_standard.toml and monitoraggio_standard.toml.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import sample
from relazione.extract.pipeline import extract_file
from relazione.records.model import Report
from relazione.records.values import display_value
from relazione.render.word import render_report
from relazione.scoring.aggregate import score_records

SEEDS = ["cremona_mantova_pavia_relazione_2024", "brescia_piao_2024_semestrale", "brescia_piano_2018_semestrale",
         "brescia_pira_2020_ocr"]
STANDARD_PROFILES = {"monitoraggio": "monitoraggio_standard", "pira": "pira_standard"}  # a PIRA renders as a PIRA
WEIGHT_DIGITS = 2  # the documents print weights to 2 decimals


def _objectives(report: Report) -> Counter:
    """Objectives as comparable tuples. A parent the document cannot show (a code with no objective of
    its own in the records) is left out: nothing in the rendered document could carry it."""
    refs = {o.ref for o in report.objectives}
    return Counter((o.level, o.code, o.title, None if o.weight is None else round(o.weight, WEIGHT_DIGITS),
                    o.parent if o.parent in refs else None) for o in report.objectives)


def _indicators(report: Report) -> Counter:
    """Targets and results as the documents print them (one Italian style: "≥ 27.000 N.")."""
    return Counter((i.objective, i.name, display_value(i.target_value, i.target),
                    display_value(i.actual_value, i.actual), None if i.weight is None else round(i.weight, 2))
                   for i in report.indicators)


def _parents_where_known(original: Report, back: Report) -> Counter:
    """The extracted objectives compared with the same rule: parent kept only where the original's resolved."""
    refs = {o.ref for o in original.objectives}
    known = {(o.level, o.ref) for o in original.objectives if o.parent in refs}
    return Counter((o.level, o.code, o.title, None if o.weight is None else round(o.weight, WEIGHT_DIGITS),
                    o.parent if (o.level, o.ref) in known else None) for o in back.objectives)


@pytest.fixture(scope="module", params=SEEDS)
def seed(request, tmp_path_factory) -> tuple[str, list[tuple[Report, Report, str]]]:
    records = score_records(extract_file(sample(f"{request.param}.txt")))
    folder: Path = tmp_path_factory.mktemp(request.param)
    pairs = []
    for k, report in enumerate(records.reports):
        out = folder / f"report_{k + 1}.docx"
        out.write_bytes(render_report(report, source=request.param))
        back = extract_file(out)
        (extracted,) = back.reports
        pairs.append((report, extracted, back.source.profile))
    return request.param, pairs


def test_rendered_document_is_recognised_by_its_standard_profile(seed) -> None:
    _, pairs = seed
    for original, _, profile in pairs:
        expected = STANDARD_PROFILES.get(original.kind, "relazione_standard")
        assert profile == expected


def test_same_objectives(seed) -> None:
    name, pairs = seed
    for original, back, _ in pairs:
        assert len(back.objectives) == len(original.objectives), name
        assert _parents_where_known(original, back) == _objectives(original), f"{name}: {original.ente}"


def test_same_indicators(seed) -> None:
    name, pairs = seed
    for original, back, _ in pairs:
        assert len(back.indicators) == len(original.indicators), name
        assert _indicators(back) == _indicators(original), f"{name}: {original.ente}"


def test_report_metadata_survives(seed) -> None:
    _, pairs = seed
    for original, back, _ in pairs:
        assert back.ente == original.ente
        assert back.year == original.year
