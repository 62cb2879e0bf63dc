"""PDFium reads PDFs of layouts of our own making: a page inheriting its size from the page tree
(/MediaBox on /Pages, as some writers put it) has that size, though PDFium's MediaBox call reads the
page's own entry only."""

from __future__ import annotations

from pathlib import Path

from layouts import LAYOUTS, generate
from relazione.readers.pdf_source_pdfium import PdfiumSource

PDF_LAYOUTS = sorted(name for name, layout in LAYOUTS.items() if layout.fmt == "pdf")
SAMPLE = "mantova"  # one report is enough: the layouts, not the contents, make the pages differ


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
