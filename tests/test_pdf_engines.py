"""PDFium (the default engine) reads every sample PDF as pdfplumber (the reference) does: the same
blocks, so the same records field by field and the same scores against the seeds' gold.

pdfplumber takes minutes over all the samples, so its reading of each sample is kept in pytest's
cache, keyed by the PDF, the readers' code and pdfplumber's version: a run after a change to the
readers reads again, any other run compares at once. Tolerated: font sizes that differ in the 13th
digit (pdfminer's float noise, rounded away in every Line); nothing else.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import subprocess
import sys
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from relazione.extract.pipeline import extract_document
from relazione.readers.blocks import Document
from relazione.readers.pdf import read_pdf
from relazione.records.model import dumps

PDFS = sorted(p.name for p in SAMPLES.glob("*.pdf"))
SHARED = ROOT.parent / "shared"
GOLD = {  # sample stem (before _typed/_unruled) -> the gold of the seed it was made from
    "brescia_piao_2024_semestrale": ["000.json"],
    "brescia_piano_2018_semestrale": ["001.json"],
    "brescia_pira_2020_ocr": ["002.json"],
    "cremona_mantova_pavia_relazione_2024": ["004_cremona.json", "004_mantova_pavia.json"],
}


def _readers_key(data: bytes) -> str:
    code = b"".join(p.read_bytes() for p in sorted((ROOT / "src" / "relazione" / "readers").glob("*.py")))
    return hashlib.sha256(data + code + version("pdfplumber").encode()).hexdigest()[:24]


@pytest.fixture(scope="module")
def plumber_doc(request: pytest.FixtureRequest):  # noqa: ANN201
    folder = request.config.cache.mkdir("pdf_engines")

    @cache
    def read(name: str) -> Document:
        data = (SAMPLES / name).read_bytes()
        cached = folder / f"{_readers_key(data)}.pickle"
        if cached.exists():
            return pickle.loads(cached.read_bytes())  # noqa: S301 - our own cache, written below
        doc = read_pdf(str(SAMPLES / name), data, engine="pdfplumber")
        cached.write_bytes(pickle.dumps(doc))
        return doc

    return read


@cache
def pdfium_doc(name: str) -> Document:
    return read_pdf(str(SAMPLES / name), (SAMPLES / name).read_bytes(), engine="pdfium")


@cache
def records_json(name: str, doc: Document) -> str:
    return dumps(extract_document(doc))


@pytest.mark.parametrize("name", PDFS)
def test_pdfium_gives_the_same_blocks_as_pdfplumber(name: str, plumber_doc) -> None:  # noqa: ANN001
    reference, ours = plumber_doc(name), pdfium_doc(name)
    assert ours.pages == reference.pages
    different = [(i, a, b) for i, (a, b) in enumerate(zip(ours.blocks, reference.blocks, strict=False)) if a != b]
    assert not different, "\n".join(f"block {i}: pdfium {a!r}\n   pdfplumber {b!r}" for i, a, b in different[:5])
    assert len(ours.blocks) == len(reference.blocks)
    assert ours.notes == reference.notes


@pytest.mark.parametrize("name", PDFS)
def test_pdfium_gives_the_same_records_field_by_field(name: str, plumber_doc) -> None:  # noqa: ANN001
    ours = json.loads(records_json(name, pdfium_doc(name)))
    reference = json.loads(records_json(name, plumber_doc(name)))
    assert ours["reports"] == reference["reports"]
    assert ours["warnings"] == reference["warnings"]


def _seed(name: str) -> str | None:
    stem = Path(name).stem.removesuffix("_typed").removesuffix("_unruled")
    return stem if stem in GOLD else None


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="the shared gold is not beside the repo")
@pytest.mark.parametrize("name", [n for n in PDFS if _seed(n)])
def test_pdfium_scores_as_pdfplumber_against_the_seed_gold(name: str, plumber_doc, tmp_path: Path) -> None:  # noqa: ANN001
    gold = [str(SHARED / "gold" / g) for g in GOLD[_seed(name)]]  # type: ignore[index]
    scores = {}
    for engine, doc in (("pdfium", pdfium_doc(name)), ("pdfplumber", plumber_doc(name))):
        out = tmp_path / f"{engine}.json"
        out.write_text(records_json(name, doc), encoding="utf-8")
        run = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(out), *gold, "--json"],
                             capture_output=True, text=True, check=True)
        scores[engine] = run.stdout.splitlines()[-1]  # SCORE objectives_f1=... indicators_f1=... fields=...
    assert scores["pdfium"].startswith("SCORE")
    assert scores["pdfium"] == scores["pdfplumber"]
