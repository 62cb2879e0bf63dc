"""The block stream every reader produces and every extractor consumes.

A document is an ordered list of blocks: a :class:`Line` of text or a :class:`Table` of cells.
Each carries its :class:`Provenance` so a record can say where it came from. A table is a table
whether it came from tab-separated text, aligned columns, a PDF or a Word file.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Provenance:
    """1-based position: text inputs have lines; PDFs have pages (and lines within the page).
    ``ocr``: the page was read with OCR (a scan), so its text may hold misread letters and digits."""

    page: int | None = None
    line: int | None = None
    ocr: bool = False

    def to_dict(self) -> dict[str, int | bool | None]:
        if self.ocr:  # only then: records of text pages keep the two keys they always had
            return {"page": self.page, "line": self.line, "ocr": True}
        return {"page": self.page, "line": self.line}

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"p.{self.page} (OCR)" if self.ocr else f"p.{self.page}")
        if self.line is not None:
            parts.append(f"l.{self.line}")
        return " ".join(parts) or "?"


@dataclass(slots=True)
class Line:
    """One line of running text, markup already stripped, with the layout evidence the source
    gives for telling headings apart (None where the source has none, as plain text):
    ``style_level``: the heading level the author declared (a Word "Heading 2" style or outline
    level 2 gives 2); ``font_size``: the dominant character size in points; ``bold``: all (or
    nearly all) of its letters bold. Documents without level words have only the last two."""

    text: str
    prov: Provenance
    after_blank: bool = False  # a blank line (or a page break) precedes it: paragraph evidence
    style_level: int | None = None
    font_size: float | None = None
    bold: bool | None = None


@dataclass(slots=True)
class Cell:
    text: str
    prov: Provenance


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    prov: Provenance
    after_blank: bool = False

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def filled(self) -> list[Cell]:
        return [c for c in self.cells if c.text]


@dataclass(slots=True)
class Table:
    """Rows of cells. ``origin`` says how the table was found: tabs, columns, pdf, docx."""

    rows: list[Row]
    prov: Provenance
    origin: str = "tabs"
    quality: float = 1.0  # camelot-style: 1.0 a clean grid, lower when rows were ragged

    @property
    def n_cols(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


Block = Line | Table


@dataclass(slots=True)
class Document:
    """What a reader returns: the blocks plus facts about the source."""

    path: str
    format: str  # text | pdf | docx
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    sha256: str = ""
    # what the reader noticed but could not read (code, message, where): becomes record warnings
    notes: list[tuple[str, str, Provenance]] = field(default_factory=list)

    def body_font_size(self) -> float | None:
        """The size the running text is set in: that of the sentences (Lines ending with a full stop),
        weighted by characters, else of all Lines; a line larger than it, or as large and bold, reads as
        a heading. Many objective titles in one size are no body text, hence the sentences. None when
        the source gives no sizes."""
        sentences: Counter[float] = Counter()
        every: Counter[float] = Counter()
        for b in self.blocks:
            if isinstance(b, Line) and b.font_size is not None:
                every[b.font_size] += len(b.text)
                if b.text.rstrip().endswith((".", ";")):
                    sentences[b.font_size] += len(b.text)
        sizes = sentences or every
        return sizes.most_common(1)[0][0] if sizes else None

    def rows(self) -> Iterator[Row]:
        """Every block as rows of cells in order: a Line is a one-cell row. Extractors of layouts
        where headings, tables and prose share one tab-separated stream read this view."""
        for b in self.blocks:
            if isinstance(b, Line):
                yield Row([Cell(b.text, b.prov)], b.prov, after_blank=b.after_blank)
            else:
                yield from b.rows

    def text_lines(self) -> Iterator[tuple[str, Provenance]]:
        """Every piece of text in order, table rows flattened to tab-joined lines.

        Extractors that read a document line by line (the 2018 layout dump) use this view,
        so they work the same whether the rows came from text, PDF or Word.
        """
        for b in self.blocks:
            if isinstance(b, Line):
                yield b.text, b.prov
            else:
                for r in b.rows:
                    yield "\t".join(r.texts), r.prov


def sha256_of(data: bytes) -> str:
    """The fingerprint a document's records keep of the file they were read from."""
    return hashlib.sha256(data).hexdigest()
