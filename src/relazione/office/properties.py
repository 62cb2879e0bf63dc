"""What Office shows about a file: its language (Word spell-checks Italian as Italian) and its properties."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from relazione import __version__

LANGUAGE = "it-IT"
APPLICATION = f"relazione {__version__}"
APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Template>Normal.dotm</Template><Application>{app}</Application><DocSecurity>0</DocSecurity>'
           '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc></Properties>')


def _set_lang(rpr) -> None:  # noqa: ANN001
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)


def set_language(doc) -> None:  # noqa: ANN001
    """it-IT in the document defaults and in every style, and no "do not check spelling" left over."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    _set_lang(_child(rpr_default))
    for style in styles.findall(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            style.append(rpr)
        _set_lang(rpr)


def _child(parent, tag: str = "w:rPr"):  # noqa: ANN001, ANN202
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def set_properties(doc, *, title: str, author: str, subject: str = "") -> None:  # noqa: ANN001
    """Title, author (the ente), dates of now, and the tool as the last one to save it."""
    now = datetime.now(UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title, props.subject = title, subject
    props.author = props.last_modified_by = author
    props.created = props.modified = now
    props.revision = 1
    props.keywords = props.comments = ""
    props.category = "Ciclo della performance"
    props.language = LANGUAGE
    props.identifier = props.content_status = ""
    _application(doc)


def _application(doc) -> None:  # noqa: ANN001
    """docProps/app.xml names this tool (python-docx's default file says "Microsoft Macintosh Word"), and
    the default file's thumbnail (a picture of another document) is dropped."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.format(app=escape(APPLICATION)).encode("utf-8")
        elif rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
