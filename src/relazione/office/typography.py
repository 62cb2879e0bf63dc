"""One typeface and A4 pages for every document the tool writes (the Relazione and the Verifica alike)."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Arial"  # Word on every office PC; LibreOffice has Liberation Sans with the same metrics
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _fonts_of(rpr) -> OxmlElement:  # noqa: ANN001
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    return fonts


def set_font(doc, name: str = FONT) -> None:  # noqa: ANN001
    """``name`` in the defaults and every style; theme fonts removed (they win over a named font, which is
    how python-docx's default headings come out in Cambria)."""
    styles = doc.styles.element
    for rpr in styles.iter(qn("w:rPr")):
        fonts = _fonts_of(rpr)
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
        if rpr.getparent().tag in (qn("w:rPrDefault"), qn("w:style")):
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), name)


def a4_portrait(section, margin_cm: float = 2.0) -> None:  # noqa: ANN001
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(margin_cm)
    section.top_margin = section.bottom_margin = Cm(margin_cm)


def page_number_footer(section, size_pt: int = 9) -> None:  # noqa: ANN001
    """"Pagina N di M" centred in the footer (Word fields, updated by Word and LibreOffice on layout)."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("Pagina ", None), (None, "PAGE"), (" di ", None), (None, "NUMPAGES")):
        if text:
            p.add_run(text).font.size = Pt(size_pt)
        else:
            add_field(p, field, "1", size_pt)


def add_field(paragraph, instruction: str, shown: str, size_pt: int | None = None) -> None:  # noqa: ANN001
    """A Word field (page number, table of contents) whose result reads ``shown`` until updated."""
    def char(kind: str) -> OxmlElement:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    paragraph.add_run()._r.append(char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(char("separate"))
    run = paragraph.add_run(shown)
    if size_pt:
        run.font.size = Pt(size_pt)
    paragraph.add_run()._r.append(char("end"))
