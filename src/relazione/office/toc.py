"""A filled Sommario: the table-of-contents field of a document given its entries and page numbers.

Word rebuilds the field when it updates fields (the templates ask it to on opening); every other reader
(LibreOffice, a PDF made from the file) shows what the field holds, so the tool writes the entries itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

LEVELS = {"Heading 1": 1, "Heading 2": 2}  # the templates' TOC field: \o "1-2"
INDENT_CM = 0.6


@dataclass(slots=True)
class Entry:
    level: int
    text: str
    page: str = "00"  # until the pages are known: two digits keep the layout of the final Sommario


def _is_toc(p) -> bool:  # noqa: ANN001
    return any("TOC" in (t.text or "") for t in p.iter(qn("w:instrText")))


def toc_paragraph(doc):  # noqa: ANN001, ANN201
    """The paragraph that opens the TOC field, or None."""
    return next((p for p in doc.element.body.iter(qn("w:p")) if _is_toc(p)), None)


def headings_after_toc(doc) -> list[Entry]:  # noqa: ANN001
    """The level 1-2 headings that follow the Sommario, in document order."""
    start = toc_paragraph(doc)
    if start is None:
        return []
    entries, seen = [], False
    for p in doc.paragraphs:
        if p._p is start:
            seen = True
        elif seen and p.style is not None and p.style.name in LEVELS and p.text.strip():
            entries.append(Entry(LEVELS[p.style.name], " ".join(p.text.split())))
    return entries


def _fld_char(kind: str):  # noqa: ANN202
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _entry_paragraph(doc, entry: Entry, width_cm: float):  # noqa: ANN001, ANN202
    p = OxmlElement("w:p")
    para = Paragraph(p, doc._body)
    fmt = para.paragraph_format
    fmt.left_indent = Cm(INDENT_CM * (entry.level - 1))
    fmt.space_after = Pt(2 if entry.level > 1 else 4)
    fmt.tab_stops.add_tab_stop(Cm(width_cm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    run = para.add_run(f"{entry.text}\t{entry.page}")
    run.bold = entry.level == 1
    return p


def fill_toc(doc, entries: list[Entry]) -> bool:  # noqa: ANN001
    """Replace the TOC field's shown result by ``entries`` (one paragraph each); False without a TOC field."""
    start = toc_paragraph(doc)
    if start is None or not entries:
        return False
    separate = next(r for r in start.iter(qn("w:r")) if r.find(qn("w:fldChar")) is not None
                    and r.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "separate")
    for run in list(separate.itersiblings()):
        start.remove(run)  # the placeholder text and the field's end: the end moves after the last entry
    section = doc.sections[0]
    width_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
    anchor = start
    for entry in entries:
        p = _entry_paragraph(doc, entry, width_cm)
        anchor.addnext(p)
        anchor = p
    anchor.append(_fld_char("end"))
    return True
