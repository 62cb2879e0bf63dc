"""Each report of the merged 2024 Relazione, cut out as a document of its own, is recognised by its
family and read as in the merged document: the families work on single reports of other chambers in
the same layouts, and the composite profile does not claim a document that is only one of its parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import sample
from relazione.extract.engine import split_parts
from relazione.extract.pipeline import extract_file
from relazione.extract.profiles import get_profile
from relazione.readers import read_document

MERGED = "cremona_mantova_pavia_relazione_2024.txt"
# the part, and whether the part's own text names its chamber (the PIRA annex does not)
PARTS = [("cremona_relazione", True), ("cremona_pira", False), ("integra", True), ("pavia_bsc", True)]


@pytest.fixture(scope="module")
def merged():  # noqa: ANN201
    return extract_file(sample(MERGED))


@pytest.mark.parametrize(("profile", "names_its_chamber"), PARTS)
def test_a_part_alone_is_detected_and_read_like_in_the_merged_document(
    tmp_path: Path, merged, profile: str, names_its_chamber: bool  # noqa: ANN001
) -> None:
    doc = read_document(sample(MERGED))
    part, sub = next((p, d) for p, d in split_parts(doc, get_profile("cremona_mantova_pavia_2024"))
                     if p.profile == profile)
    lines = sample(MERGED).read_text(encoding="utf-8").split("\n")
    first, last = sub.blocks[0].prov.line, max(prov.line for _, prov in sub.text_lines())
    alone = tmp_path / f"{profile}.txt"
    alone.write_text("\n".join(lines[first - 1:last]), encoding="utf-8")  # the part's own lines, blanks kept
    records = extract_file(alone)
    assert records.source.profile == profile
    (report,) = records.reports
    in_merged = next(r for r in merged.reports if r.ente == part.ente and r.kind == report.kind)
    assert len(report.objectives) == len(in_merged.objectives)
    assert len(report.indicators) == len(in_merged.indicators)
    if names_its_chamber:
        assert report.ente == part.ente
