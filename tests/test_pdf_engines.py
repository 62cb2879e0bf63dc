"""PDFium (the default engine) reads every sample PDF as pdfplumber (the reference) does: the same
blocks, so the same records field by field and the same scores against the seeds' gold.

pdfplumber takes minutes over all the samples, so its reading of each sample is kept in pytest's
cache, keyed by the PDF, the readers' code (but PDFium's) and pdfplumber's version: a run after a change to the
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
from relazione.readers.pdf_reading import PdfReading
from relazione.records.model import dumps

# not the scanned sample: its pages have no text layer, so both engines hand them to the same OCR (pages
# rendered by PDFium) and the parity would only pay for reading it twice (tests/test_ocr.py reads it)
PDFS = sorted(p.name for p in SAMPLES.glob("*.pdf") if "_scanned" not in p.name)
SHARED = ROOT.parent / "shared"
GOLD = {  # sample stem (before _typed/_unruled) -> the gold of the seed it was made from
    "brescia_piao_2024_semestrale": ["000.json"],
    "brescia_piano_2018_semestrale": ["001.json"],
    "brescia_pira_2020_ocr": ["002.json"],
    "cremona_mantova_pavia_relazione_2024": ["004_cremona.json", "004_mantova_pavia.json"],
}


def _readers_key(data: bytes) -> str:
    readers = sorted((ROOT / "src" / "relazione" / "readers").glob("*.py"))
    code = b"".join(p.read_bytes() for p in readers if "pdfium" not in p.name and p.name != "pdf_glyph_words.py")
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
        doc = read_pdf(str(SAMPLES / name), data, PdfReading(engine="pdfplumber"))
        cached.write_bytes(pickle.dumps(doc))
        return doc

    return read


@cache
def pdfium_doc(name: str) -> Document:
    return read_pdf(str(SAMPLES / name), (SAMPLES / name).read_bytes(), PdfReading(engine="pdfium"))


_RECORDS: dict[tuple[str, str], str] = {}


def records_json(name: str, engine: str, doc: Document) -> str:
    """The records JSON of a sample read by an engine, extracted once per test session."""
    if (name, engine) not in _RECORDS:
        _RECORDS[name, engine] = dumps(extract_document(doc))
    return _RECORDS[name, engine]


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
    ours = json.loads(records_json(name, "pdfium", pdfium_doc(name)))
    reference = json.loads(records_json(name, "pdfplumber", plumber_doc(name)))
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
        out.write_text(records_json(name, engine, doc), encoding="utf-8")
        run = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(out), *gold, "--json"],
                             capture_output=True, text=True, check=True)
        scores[engine] = run.stdout.splitlines()[-1]  # SCORE objectives_f1=... indicators_f1=... fields=...
    assert scores["pdfium"].startswith("SCORE")
    assert scores["pdfium"] == scores["pdfplumber"]


# -- damaged files: closing one may fail again, and never hides why reading it failed ----------------
def _break_reading_and_closing(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError("chiusura fallita")

    def unreadable(*_args: object, **_kwargs: object) -> None:
        raise ValueError("pagina illeggibile")

    if engine == "pdfium":
        import pypdfium2

        from relazione.readers import pdf_source_pdfium

        monkeypatch.setattr(pypdfium2.PdfDocument, "close", fail)
        monkeypatch.setattr(pdf_source_pdfium._Glyphs, "read", unreadable)
    else:
        import pdfplumber
        from pdfplumber.page import Page

        monkeypatch.setattr(pdfplumber.PDF, "close", fail)
        monkeypatch.setattr(Page, "chars", property(unreadable))


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_an_error_closing_a_damaged_pdf_does_not_mask_the_reading_error(
        engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from relazione.errors import RelazioneError

    _break_reading_and_closing(engine, monkeypatch)
    path = SAMPLES / "tables_split_across_pages.pdf"
    with pytest.raises(RelazioneError) as info:
        read_pdf(str(path), path.read_bytes(), PdfReading(engine=engine))  # type: ignore[arg-type]
    assert "pagine illeggibili (ValueError)" in str(info.value)


def test_the_engine_is_chosen_on_the_command_line(tmp_path: Path) -> None:
    from relazione.cli.main import main

    src = SAMPLES / "tables_split_across_pages.pdf"
    outputs = {}
    for engine in ("pdfium", "pdfplumber"):
        out = tmp_path / f"{engine}.json"
        assert main(["extract", str(src), "-o", str(out), "--pdf-engine", engine]) == 0
        outputs[engine] = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert outputs["pdfium"] == outputs["pdfplumber"]
    with pytest.raises(SystemExit):
        main(["extract", str(src), "-o", str(tmp_path / "x.json"), "--pdf-engine", "mupdf"])


def test_detect_reads_only_the_first_pages_of_a_pdf(capsys: pytest.CaptureFixture[str]) -> None:
    from relazione.cli.main import DETECT_PAGES, main
    from relazione.readers import read_document

    path = SAMPLES / "brescia_pira_2020_ocr.pdf"
    doc = read_document(path, PdfReading(max_pages=DETECT_PAGES))
    assert doc.pages == 34 and {b.prov.page for b in doc.blocks} <= set(range(1, DETECT_PAGES + 1))
    assert main(["detect", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: ")


def test_a_slow_pdf_shows_its_pages_on_stderr_and_a_quick_one_nothing(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from relazione.readers import pdf_progress

    path = SAMPLES / "tables_split_across_pages.pdf"
    read_pdf(str(path), path.read_bytes())
    assert capsys.readouterr().err == ""  # read within the delay: quiet
    monkeypatch.setattr(pdf_progress, "DELAY", -1.0)  # as if every page took long
    monkeypatch.setattr(pdf_progress, "LINE_EVERY", -1.0)
    read_pdf(str(path), path.read_bytes())
    assert capsys.readouterr().err.splitlines() == [f"{path.name}: pagina {n} di 3" for n in (1, 2)]
