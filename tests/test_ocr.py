"""Scanned PDF pages read with Tesseract OCR (``readers/pdf_ocr.py``, ``--ocr auto|sempre|mai``).

The scanned sample is the Brescia PIRA's PDF rendered to black-and-white 300-dpi page images
(``scripts/make_scanned_pdf.py``); OCR of its 34 pages takes 2-5 minutes on 2 busy cores, so it is
read once for the module. Tests that need Tesseract skip without it; those about its absence run always.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT, assert_bad_input, sample
from layouts.pdfwrite import PAGE_H, assemble, escape
from relazione.errors import RelazioneError
from relazione.extract.pipeline import extract_file
from relazione.readers import read_document
from relazione.readers.blocks import Document, Line, Provenance
from relazione.readers.pdf_ocr import MAX_PIXELS, OcrMode, OcrReader, tesseract_languages
from relazione.readers.pdf_reading import PdfReading
from relazione.records.model import Records, load, save

SCANNED = sample("brescia_pira_2020_scanned.pdf")
TEXT_LAYER = sample("brescia_pira_2020_ocr.pdf")
needs_tesseract = pytest.mark.skipif(
    tesseract_languages() is None,
    reason="Tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-ita; .ci/run installs it)")
LINES = [(60, 80, "OBIETTIVO STRATEGICO 1.1 Sviluppo delle imprese del territorio"),
         (60, 110, "Indicatore: numero di imprese assistite nel 2024"),
         (60, 140, "Target 120 imprese, consuntivo 135 imprese")]


def _scanned_pdf(data: bytes) -> bytes:
    """scripts/make_scanned_pdf.py's image-only copy of ``data`` (the script, not a copy of its code)."""
    spec = importlib.util.spec_from_file_location("make_scanned_pdf", ROOT / "scripts" / "make_scanned_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.scanned_pdf(data)


def _text_pdf(lines: list[tuple[float, float, str]]) -> bytes:
    """One page of Helvetica 12 pt lines, (x, y from top, text)."""
    return assemble(["".join(f"BT /F1 12 Tf {x:.1f} {PAGE_H - y:.1f} Td ({escape(t)}) Tj ET\n" for x, y, t in lines)],
                    {"F1": "Helvetica"})


def _joined(first: bytes, second: bytes) -> bytes:
    writer = pypdf.PdfWriter()
    for data in (first, second):
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _read(tmp_path: Path, data: bytes, ocr: OcrMode = OcrMode.AUTO) -> Document:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return read_document(path, PdfReading(ocr=ocr))


def _lines(doc: Document) -> list[Line]:
    return [b for b in doc.blocks if isinstance(b, Line)]


def _size(records: Records) -> tuple[int, int]:
    return sum(len(r.objectives) for r in records.reports), sum(len(r.indicators) for r in records.reports)


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tesseract as if not installed: pytesseract pointed at a program that does not exist."""
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    tesseract_languages.cache_clear()
    yield
    tesseract_languages.cache_clear()


# -- the scanned sample, read once --------------------------------------------------------------------
@pytest.fixture(scope="module")
def scanned_records() -> Records:
    return extract_file(SCANNED)


@needs_tesseract
def test_the_scanned_pira_gives_most_of_the_objectives_and_indicators_of_its_text_layer(
        scanned_records: Records) -> None:
    text_records = extract_file(TEXT_LAYER)
    (obj_ocr, ind_ocr), (obj_text, ind_text) = _size(scanned_records), _size(text_records)
    assert obj_ocr >= 0.9 * obj_text and ind_ocr >= 0.8 * ind_text  # issue 12's acceptance
    assert scanned_records.source.profile == text_records.source.profile == "brescia_pira"
    codes = {(o.level, o.code) for r in text_records.reports for o in r.objectives}
    assert len(codes & {(o.level, o.code) for r in scanned_records.reports for o in r.objectives}) >= 0.9 * len(codes)


@needs_tesseract
def test_records_read_by_ocr_say_so_in_their_provenance_and_keep_it_through_json(
        scanned_records: Records, tmp_path: Path) -> None:
    items = [*scanned_records.reports[0].objectives, *scanned_records.reports[0].indicators]
    assert all(i.provenance.ocr for i in items)
    assert str(items[0].provenance).startswith(f"p.{items[0].provenance.page} (OCR)")
    note = scanned_records.warnings[0]
    assert note.code == "ocr_pages" and note.message.startswith("34 pagine lette con OCR (confidenza media")
    save(scanned_records, tmp_path / "out.json")
    again = load(tmp_path / "out.json")
    assert [i.provenance for i in again.reports[0].indicators] == \
        [i.provenance for i in scanned_records.reports[0].indicators]


def test_provenance_of_a_text_page_is_written_as_before() -> None:
    assert Provenance(3, 7).to_dict() == {"page": 3, "line": 7} and str(Provenance(3, 7)) == "p.3 l.7"
    assert Provenance(3, 7, ocr=True).to_dict() == {"page": 3, "line": 7, "ocr": True}
    assert str(Provenance(3, 7, ocr=True)) == "p.3 (OCR) l.7"


# -- words and pages --------------------------------------------------------------------------------
@needs_tesseract
def test_ocr_words_land_in_pdf_points_where_the_text_layer_has_them() -> None:
    import pdfplumber

    langs = tesseract_languages()
    assert langs is not None
    reader = OcrReader(str(SCANNED), SCANNED.read_bytes(), langs)
    try:
        page = reader.page(0, 1)
    finally:
        reader.close()
    with pdfplumber.open(TEXT_LAYER) as pdf:
        truth = pdf.pages[0].extract_words()
        assert (page.width, page.height) == pytest.approx((pdf.pages[0].width, pdf.pages[0].height), abs=1)
    first = {w["text"]: w for w in reversed(truth)}  # each word's first place on the page
    seen = [(w, first[w.text]) for w in page.words if w.text in first]
    assert len(seen) >= 0.9 * len(truth)
    sezione = next(w for w, _ in seen if w.text == "Sezione")
    # a text layer's word box is its font's (ascent to descent), OCR's the ink's: they share left and bottom
    assert (sezione.x0, sezione.bottom) == pytest.approx((first["Sezione"]["x0"], first["Sezione"]["bottom"]), abs=2)
    # every line set in the page's 8 pt reads as 8 pt: no line of body text looks like a heading
    assert max(w.size for w in page.words) == 8.0 and page.confidence > 85


@needs_tesseract
def test_a_scanned_page_among_text_pages_is_the_only_one_read_by_ocr(tmp_path: Path) -> None:
    text = _text_pdf(LINES)
    doc = _read(tmp_path, _joined(text, _scanned_pdf(text)))
    lines = _lines(doc)
    assert [line.text for line in lines if line.prov.page == 1] == [t for _, _, t in LINES]
    assert [line.text for line in lines if line.prov.page == 2] == [t for _, _, t in LINES]
    assert {line.prov.ocr for line in lines if line.prov.page == 1} == {False}
    assert {line.prov.ocr for line in lines if line.prov.page == 2} == {True}
    assert [(code, str(prov)) for code, _, prov in doc.notes] == [("ocr_pages", "p.2 (OCR)")]


@needs_tesseract
def test_ocr_sempre_reads_a_text_page_by_ocr_and_mai_ignores_a_scanned_one(tmp_path: Path) -> None:
    text = _text_pdf(LINES)
    always = _lines(_read(tmp_path, text, OcrMode.SEMPRE))
    assert [line.text for line in always] == [t for _, _, t in LINES] and all(line.prov.ocr for line in always)
    never = _read(tmp_path, _joined(text, _scanned_pdf(text)), OcrMode.MAI)
    assert {line.prov.page for line in _lines(never)} == {1}
    assert [code for code, _, _ in never.notes] == ["scanned_page"]


def _huge_scan() -> bytes:
    """One scanned page of 7200 x 5760 pt (2.5 x 2 m): 30000 x 24000 pixels, 720 MB, at 300 dpi."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (500, 400), 255)
    ImageDraw.Draw(image).text((20, 20), "OBIETTIVO 1", fill=0)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=5.0)
    return out.getvalue()


def test_a_huge_scanned_page_is_rendered_within_the_pixel_budget() -> None:
    reader = OcrReader("enorme.pdf", _huge_scan(), "eng")
    try:
        image, scale = reader._render(0)
    finally:
        reader.close()
    assert image.width * image.height <= 1.001 * MAX_PIXELS  # (rounded pixels) 300 dpi: 30000 x 24000, 720 MB
    assert (image.width / scale, image.height / scale) == pytest.approx((7200, 5760), abs=1)


@needs_tesseract
def test_a_huge_scanned_page_is_read_under_the_robustness_suites_memory_limit(tmp_path: Path) -> None:
    from test_robustness import run_extract

    src = tmp_path / "enorme.pdf"
    src.write_bytes(_huge_scan())
    result = run_extract(src, tmp_path / "out.json")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-800:]
    assert "La pagina 1 letta con OCR" in result.stderr


# -- without OCR --------------------------------------------------------------------------------------
def test_ocr_mai_on_a_scanned_pdf_is_the_error_that_asks_for_an_ocr(tmp_path: Path) -> None:
    with pytest.raises(RelazioneError, match="la pagina 1 non ha testo: è un'immagine scansionata; passarla"):
        read_document(SCANNED, PdfReading(ocr=OcrMode.MAI))


@pytest.mark.parametrize("command", ["extract", "convert", "explain", "detect", "check"])
def test_every_command_that_reads_documents_takes_ocr_mai(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from relazione.cli.main import main

    out = ["-o", str(tmp_path / ("out.docx" if command == "convert" else "out.json"))]
    args = [command, str(SCANNED), "--ocr", "mai", *(out if command in ("extract", "convert") else [])]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "la pagina 1 non ha testo: è un'immagine scansionata; passarla prima da un OCR" in err


def test_a_batch_extract_passes_ocr_to_its_workers(tmp_path: Path) -> None:
    from relazione.cli.main import main

    folder = tmp_path / "scansioni"
    folder.mkdir()
    (folder / "pira.pdf").write_bytes(SCANNED.read_bytes())
    assert main(["extract", str(folder), "-o", str(tmp_path / "dati"), "--ocr", "mai", "-j", "1"]) == 2
    assert "passarla prima da un OCR" in (tmp_path / "dati" / "summary.csv").read_text(encoding="utf-8")


def test_without_tesseract_a_scanned_pdf_is_an_error_saying_how_to_install_it(
        no_tesseract: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "scansione.pdf"
    src.write_bytes(SCANNED.read_bytes())
    assert_bad_input(src, "apt-get install tesseract-ocr tesseract-ocr-ita", capsys)


def test_without_tesseract_ocr_sempre_is_an_error_even_on_a_text_pdf(no_tesseract: None, tmp_path: Path) -> None:
    with pytest.raises(RelazioneError, match=r"--ocr sempre: serve Tesseract .* non è installato; installarlo con"):
        _read(tmp_path, _text_pdf(LINES), OcrMode.SEMPRE)


def test_without_tesseract_a_text_pdf_reads_as_before(no_tesseract: None, tmp_path: Path) -> None:
    doc = _read(tmp_path, _text_pdf(LINES))
    assert [line.text for line in _lines(doc)] == [t for _, _, t in LINES] and doc.notes == []
