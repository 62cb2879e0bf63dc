"""A minimal PDF writer: pages of positioned Helvetica / Helvetica-Bold text and lines, standard
fonts without embedding (WinAnsi), Flate-compressed content streams."""

from __future__ import annotations

import io
import zlib

from pdfminer.fontmetrics import FONT_METRICS

PAGE_W, PAGE_H = 595, 842
FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold"}


def safe(text: str) -> str:
    """Text the WinAnsi encoding can hold (what a layout writes into a PDF)."""
    text = text.replace("≥", ">=").replace("≤", "<=").replace("\u2212", "-")
    return text.encode("cp1252", "replace").decode("cp1252")


def width(text: str, size: float, bold: bool = False) -> float:
    widths = FONT_METRICS[FONTS["F2" if bold else "F1"]][1]
    return sum(widths.get(ch, 556) for ch in text) * size / 1000


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and width(trial, size, bold) > max_width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines or [""]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


class Canvas:
    """Pages of drawing operators; y is measured from the top of the page."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]

    def new_page(self) -> None:
        self.pages.append([])

    def text(self, x: float, y: float, s: str, size: float = 10, bold: bool = False) -> None:
        font = "F2" if bold else "F1"
        self.pages[-1].append(f"BT /{font} {size:g} Tf {x:.1f} {PAGE_H - y:.1f} Td ({_escape(safe(s))}) Tj ET")

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.pages[-1].append(f"0.5 w {x1:.1f} {PAGE_H - y1:.1f} m {x2:.1f} {PAGE_H - y2:.1f} l S")

    def to_bytes(self, inherited_box: bool = False) -> bytes:
        return assemble(["\n".join(ops) for ops in self.pages], inherited_box=inherited_box)


def escape(text: str) -> str:
    """A string for a PDF text operator: backslashes and parentheses escaped."""
    return _escape(text)


def assemble(pages: list[str], fonts: dict[str, str] = FONTS, inherited_box: bool = False) -> bytes:
    """A whole PDF file from each page's content operators (A4, the standard ``fonts`` by resource name);
    ``inherited_box``: the page size given once, on the page tree, for the pages to inherit (as some
    writers do), not on each page."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    numbers = {}
    for name, base in fonts.items():
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % base.encode())
        numbers[name] = len(objects)
    font_dict = b" ".join(b"/%s %d 0 R" % (n.encode(), k) for n, k in numbers.items())
    kids = []
    box = b"/MediaBox [0 0 %d %d]" % (PAGE_W, PAGE_H)
    for ops in pages:
        stream = zlib.compress(ops.encode("cp1252", "replace"))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R %s /Contents %d 0 R /Resources << /Font << %s >> >> >>"
                       % (b"" if inherited_box else box, len(objects), font_dict))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d %s >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids),
                                                                 box if inherited_box else b"")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
