"""Layout generator: the samples' expected records laid out the ways other chambers write them.

``generate(layout, sample, out_dir, seed)`` writes one file and returns it with the records
actually laid out (fields a layout does not write are absent from its expected records too).
Everything random comes from ``random.Random(f"{layout}/{sample}/{seed}")``: same seed, same file.
"""

from __future__ import annotations

import random
from pathlib import Path

from .catalog import LAYOUTS, Layout
from .pdfwrite import safe
from .render_docx import write_docx
from .render_pdf import write_pdf
from .render_text import write_text
from .render_xlsx import write_xlsx
from .source import SAMPLES, View, expected, load_report

# PDF reading takes about half a second a page: PDF layouts keep the first areas of a sample up to
# this many indicators, so the whole harness runs in well under two minutes.
PDF_MAX_INDICATORS = 24

__all__ = ["LAYOUTS", "SAMPLES", "Layout", "generate"]


def _pdf_safe(view: View) -> None:
    for o in view.objectives:
        o["title"] = safe(o["title"])
        o["code"] = o["code"] and safe(o["code"])
        for ind in o["indicators"]:
            for k, v in ind.items():
                if isinstance(v, str):
                    ind[k] = safe(v)


def generate(layout: str, sample: str, out_dir: Path, seed: int = 0, inherited_box: bool = False) -> tuple[Path, dict]:
    """``inherited_box``: a PDF's page size on its page tree only (``pdfwrite.assemble``)."""
    lay = LAYOUTS[layout]
    rng = random.Random(f"{layout}/{sample}/{seed}")
    view = View.of(load_report(sample))
    if lay.fmt == "pdf":
        view.trim(PDF_MAX_INDICATORS)
        _pdf_safe(view)
    blocks, written = lay.build(view, rng)
    path = Path(out_dir) / f"{layout}__{sample}.{lay.fmt}"
    if lay.fmt in ("txt", "md"):
        write_text(blocks, path, lay.mode)
    elif lay.fmt == "docx":
        write_docx(blocks, path)
    elif lay.fmt == "pdf":
        write_pdf(blocks, path, inherited_box)
    else:
        write_xlsx(blocks, path)
    return path, expected(view, written, str(path.name))
