"""Build the DOCX and PDF fixtures in samples/ from the text samples, reproducibly.

    .venv/bin/python scripts/make_fixtures.py            # needs LibreOffice (soffice) for the PDFs

For each samples/<name>.txt:
- <name>.docx: every text line a paragraph (blank lines kept as empty paragraphs); every run of
  tab-separated lines a real Word table (ruled, "Table Grid"), a blank line inside the run kept
  as an empty row; landscape A4, 8 pt, so few lines wrap;
- <name>.pdf: that DOCX exported by LibreOffice headless.
Plus two PDFs for table layouts the ruled export does not cover:
- <first sample>_unruled.docx/.pdf: the same document with no table borders (pdfplumber must find
  the tables from text alignment);
- tables_split_across_pages.pdf: one long ruled table that continues over three pages with its
  header row repeated (Word's "repeat header row").
- <sample>_typed.pdf for a few samples: the .txt itself printed by LibreOffice, as a user gets it
  by opening the text in Writer and printing it (fixed-pitch font, tabs to the default tab stops);
  ``--typed-only`` builds just these.
The generated files are committed, so the tests need neither LibreOffice nor network.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from relazione.readers.text import is_separator, split_row

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
UNRULED_SAMPLE = "brescia_piao_2024_semestrale"
TYPED_SAMPLES = ("brescia_piao_2024_semestrale", "brescia_pira_2020_ocr")  # tab rows; hard-broken OCR lines


def new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.2))
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(8)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    # deterministic core properties: the same input gives the same file
    doc.core_properties.author = "relazione fixtures"
    return doc


def is_row(line: str) -> bool:
    """A table row by the text reader's own rule (tabs, or a markdown pipe row)."""
    return split_row(line) is not None


def runs_of(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Split lines into ('text', [line]) and ('table', [lines...]) runs; blank lines between two
    table rows stay inside the table run."""
    runs: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        if is_row(lines[i]):
            j, rows = i, []
            while j < len(lines):
                if is_row(lines[j]):
                    rows.append(lines[j])
                    j += 1
                elif not lines[j].strip():
                    k = j
                    while k < len(lines) and not lines[k].strip():
                        k += 1
                    if k < len(lines) and is_row(lines[k]):
                        rows.extend([""] * (k - j))
                        j = k
                    else:
                        break
                else:
                    break
            runs.append(("table", rows))
            i = j
        else:
            runs.append(("text", [lines[i]]))
            i += 1
    return runs


def set_borders(table, *, visible: bool) -> None:  # noqa: ANN001
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if visible else "nil")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    table._tbl.tblPr.append(borders)


TEXT_WIDTH_CM = 27.3  # landscape A4 less the margins
MIN_COLUMN_CM = 0.6


CHAR_CM = 0.18  # a wide character at 8 pt (digits, capitals), so a word sized by it fits
CELL_PADDING_CM = 0.45  # Word's default left + right cell margins (0.19 cm each), rounded up


def column_widths(cells: list[list[str]], n_cols: int) -> list[float]:
    """Widths in cm proportional to each column's longest text (capped), as an author sizing a
    table by hand would: a column of long texts is wide, an empty padding column is narrow, and
    no column is narrower than its longest word (no author lets "50%" break into "5 0 %")."""
    need, floor = [], []
    for c in range(n_cols):
        texts = [row[c] for row in cells if c < len(row)]
        need.append(min(max((len(t) for t in texts), default=1) or 1, 60))
        longest_word = min(max((len(w) for t in texts for w in t.split()), default=0), 30)
        floor.append(max(MIN_COLUMN_CM, CELL_PADDING_CM + CHAR_CM * longest_word))
    if sum(floor) >= TEXT_WIDTH_CM:  # too many columns for their words: shrink all alike
        return [f * TEXT_WIDTH_CM / sum(floor) for f in floor]
    widths = [max(f, TEXT_WIDTH_CM * n / sum(need)) for f, n in zip(floor, need, strict=True)]
    excess = sum(widths) - TEXT_WIDTH_CM
    if excess > 0:  # take it from the columns wider than their floor, in proportion to their spare width
        spare = [w - f for w, f in zip(widths, floor, strict=True)]
        total_spare = sum(spare) or 1.0
        widths = [w - excess * s / total_spare for w, s in zip(widths, spare, strict=True)]
    return widths


def add_table(doc: Document, rows: list[str], *, ruled: bool) -> None:
    cells = [split_row(r) or [] for r in rows]
    n_cols = max(len(c) for c in cells)
    table = doc.add_table(rows=len(cells), cols=n_cols)
    table.autofit = False
    set_borders(table, visible=ruled)
    widths = column_widths(cells, n_cols)
    for c, width in enumerate(widths):
        table.columns[c].width = Cm(width)
    for r, values in enumerate(cells):
        row = table.rows[r]
        for c, width in enumerate(widths):
            row.cells[c].width = Cm(width)
        for c, value in enumerate(values):
            row.cells[c].text = value


def build_docx(txt: Path, out: Path, *, ruled: bool = True) -> None:
    text = txt.read_text(encoding="utf-8").replace("\r\n", "\n")
    # table rules ("--\t---") are PDF-to-text debris the text reader drops too; a real Word file has none
    lines = [line for line in text.split("\n") if not is_separator(line)]
    doc = new_document()
    for kind, chunk in runs_of(lines):
        if kind == "table":
            add_table(doc, chunk, ruled=ruled)
        else:
            doc.add_paragraph(chunk[0])
    doc.save(out)


def build_split_table_docx(out: Path) -> None:
    doc = new_document()
    doc.add_paragraph("OBIETTIVO OPERATIVO 1.1.1 Tabella lunga su più pagine")
    table = doc.add_table(rows=1, cols=4)
    set_borders(table, visible=True)
    for c, text in enumerate(("Indicatore", "Peso", "Target 2024", "Consuntivo 2024")):
        table.cell(0, c).text = text
    header = table.rows[0]._tr
    tr_pr = header.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for i in range(1, 121):
        row = table.add_row()
        values = (f"Indicatore numero {i} sulla qualità dei servizi", "1%", f">= {i},00%", f"{i + 1},00%")
        for c, text in enumerate(values):
            row.cells[c].text = text
    doc.save(out)


def to_pdf(docx_path: Path, out_dir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed for the PDFs: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), str(docx_path)],
            check=True, capture_output=True, timeout=600,
        )


def print_text(txt: Path, out_dir: Path) -> Path:
    """The text printed as Writer prints a .txt it opened (its default text import filter)."""
    with tempfile.TemporaryDirectory() as tmp:
        typed = Path(tmp) / f"{txt.stem}_typed.txt"
        shutil.copyfile(txt, typed)
        to_pdf(typed, out_dir)
    return out_dir / typed.with_suffix(".pdf").name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-pdf", action="store_true", help="build the DOCX files only")
    ap.add_argument("names", nargs="*", help="sample stems (default: every samples/*.txt)")
    ap.add_argument("--typed-only", action="store_true", help="build the *_typed.pdf files only")
    args = ap.parse_args()
    stems = args.names or sorted(p.stem for p in SAMPLES.glob("*.txt"))
    if args.typed_only:
        for stem in TYPED_SAMPLES:
            print(f"built {print_text(SAMPLES / f'{stem}.txt', SAMPLES).name}")
        return 0
    built: list[Path] = []
    for stem in stems:
        out = SAMPLES / f"{stem}.docx"
        build_docx(SAMPLES / f"{stem}.txt", out)
        built.append(out)
        if stem == UNRULED_SAMPLE:
            unruled = SAMPLES / f"{stem}_unruled.docx"
            build_docx(SAMPLES / f"{stem}.txt", unruled, ruled=False)
            built.append(unruled)
    split = SAMPLES / "tables_split_across_pages.docx"
    build_split_table_docx(split)
    built.append(split)
    if not args.no_pdf:
        for docx_path in built:
            to_pdf(docx_path, SAMPLES)
            print(f"built {docx_path.name} and {docx_path.with_suffix('.pdf').name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
