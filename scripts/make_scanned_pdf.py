"""Make a scanned copy of a PDF: every page rendered to an image, the images put back into an image-only
PDF (no text layer), as an office scanner gives a paper copy.

    .venv/bin/python scripts/make_scanned_pdf.py IN.pdf OUT.pdf [--dpi 300] [--grey [--quality 60]] [--force]

By default a page is a black-and-white image (CCITT G4, the scanners' archive setting: 300 dpi, about 35 KB
a page); ``--grey`` keeps grey levels as JPEG (about 4x larger at 150 dpi). Each page keeps its size in
points (Pillow places the image at ``--dpi``), so geometry matches the original.
Made samples/brescia_pira_2020_scanned.pdf from samples/brescia_pira_2020_ocr.pdf (the OCR tests' input).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from relazione.fileio import write_atomic

DPI = 300
QUALITY = 60
INK = 160  # grey levels below this are ink in a black-and-white scan (a scanner's default threshold)


def page_images(data: bytes, dpi: int, grey: bool) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(data)
    try:
        images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()
    if grey:
        return images
    return [im.point(lambda v: 255 if v >= INK else 0, mode="1") for im in images]


def scanned_pdf(data: bytes, *, dpi: int = DPI, grey: bool = False, quality: int = QUALITY) -> bytes:
    """An image-only PDF of the pages of ``data``."""
    images = page_images(data, dpi, grey)
    out = io.BytesIO()
    jpeg = {"quality": quality} if grey else {}  # black and white pages are CCITT G4, no quality setting
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi), **jpeg)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="the PDF with a text layer")
    ap.add_argument("target", type=Path, help="the image-only PDF to write")
    ap.add_argument("--dpi", type=int, default=DPI, help=f"resolution of the page images (default {DPI})")
    ap.add_argument("--grey", action="store_true", help="grey-level JPEG pages instead of black and white")
    ap.add_argument("--quality", type=int, default=QUALITY, help=f"JPEG quality 1-95 with --grey (default {QUALITY})")
    ap.add_argument("--force", action="store_true", help="overwrite the target")
    args = ap.parse_args(argv)
    data = scanned_pdf(args.source.read_bytes(), dpi=args.dpi, grey=args.grey, quality=args.quality)
    write_atomic(args.target, data, force=args.force)
    print(f"{args.target}: {len(data) / 2**20:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
