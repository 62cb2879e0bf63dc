"""PDFium reads PDFs of layouts of our own making as pdfplumber (the reference) does: the same blocks and
the same records, for every PDF layout, with the page size on each page or only on the page tree.

These PDFs differ from the samples in two ways a reader notices: their fonts are standard ones not
embedded (Helvetica), whose glyph boxes pdfminer sets by the font's published metrics (the descent
below the baseline), and, in the second variant, their pages inherit the page size from the page tree
(/MediaBox on /Pages, as some writers put it), which PDFium's page box calls do not follow.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layouts import LAYOUTS, generate
from relazione.extract.pipeline import extract_document
from relazione.readers.pdf import read_pdf
from relazione.readers.pdf_reading import PdfReading
from relazione.readers.pdf_source_pdfium import PdfiumSource
from relazione.records.model import dumps

PDF_LAYOUTS = sorted(name for name, layout in LAYOUTS.items() if layout.fmt == "pdf")
SAMPLE = "mantova"  # one report is enough: the layouts, not the contents, make the pages differ


def _read(path: Path, engine: str) -> tuple[list, list]:
    doc = read_pdf(str(path), path.read_bytes(), PdfReading(engine=engine))
    return doc.blocks, json.loads(dumps(extract_document(doc)))["reports"]


@pytest.mark.parametrize("inherited_box", [False, True], ids=["page_box", "inherited_box"])
@pytest.mark.parametrize("layout", PDF_LAYOUTS)
def test_pdfium_reads_a_generated_layout_as_pdfplumber(layout: str, inherited_box: bool, tmp_path: Path) -> None:
    path, _ = generate(layout, SAMPLE, tmp_path, inherited_box=inherited_box)
    blocks, reports = _read(path, "pdfium")
    reference_blocks, reference_reports = _read(path, "pdfplumber")
    different = [(i, a, b) for i, (a, b) in enumerate(zip(blocks, reference_blocks, strict=False)) if a != b]
    assert not different, "\n".join(f"block {i}: pdfium {a!r}\n   pdfplumber {b!r}" for i, a, b in different[:3])
    assert len(blocks) == len(reference_blocks)
    assert reports == reference_reports


def test_a_page_inheriting_its_size_has_the_page_trees_size(tmp_path: Path) -> None:
    (tmp_path / "own").mkdir()
    (tmp_path / "inherited").mkdir()
    own, _ = generate(PDF_LAYOUTS[0], SAMPLE, tmp_path / "own")
    inherited, _ = generate(PDF_LAYOUTS[0], SAMPLE, tmp_path / "inherited", inherited_box=True)
    sizes = {}
    for path in (own, inherited):
        with PdfiumSource(str(path), path.read_bytes()) as source:
            sizes[path] = [(page.width, page.height, page.glyphs.top[:20]) for page in source.pages()]
    assert sizes[inherited] == sizes[own]
    assert sizes[own][0][:2] == (595, 842)
