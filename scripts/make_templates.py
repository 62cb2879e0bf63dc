"""Build the Word templates in templates/ (docxtpl: Word files holding Jinja tags), reproducibly.

    .venv/bin/python scripts/make_templates.py

The templates are generated, not hand-edited, so every change to them is a reviewable diff of this
script. A chamber that wants its own look opens the generated .docx in Word, restyles it and keeps
the tags (docs/templates.md); `relazione render -t` then uses it and names any unknown tag.

- templates/relazione.docx: the annual Relazione sulla performance, Unioncamere structure: cover,
  table of contents, Premessa, 1 Principali risultati raggiunti, 2 Analisi del contesto, 3.0 Albero
  della performance, 3.1 obiettivi strategici, 3.2 obiettivi operativi, 3.3 Valutazione complessiva.
- templates/monitoraggio.docx: the semester monitoring (target, value at the reference date,
  progress, proposed target changes).

Headings read "Obiettivo strategico 1.1 - Titolo" and indicator tables have the header Indicatore |
Peso | Algoritmo | Target | Consuntivo | Scostamento | Grado di raggiungimento: the extractor profiles
extractors/relazione_standard.toml and monitoraggio_standard.toml read these documents back.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from relazione.office.properties import set_language
from relazione.office.tables import keep_rows_whole
from relazione.office.typography import FONT, a4_portrait, add_field, page_number_footer, set_font

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
BLUE = RGBColor(0x1F, 0x4E, 0x79)  # the dark blue of Unioncamere documents
HEADER_FILL = "1F4E79"
LABEL_FILL = "DEEAF6"


# -- document and styles ------------------------------------------------------------------------
def new_document() -> Document:
    doc = Document()
    a4_portrait(doc.sections[0])
    set_font(doc, FONT)
    set_language(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for level, size in ((1, 16), (2, 13), (3, 12), (4, 11)):
        style = doc.styles[f"Heading {level}"]
        style.font.size, style.font.color.rgb = Pt(size), BLUE
        style.paragraph_format.space_before = Pt(12 if level < 3 else 8)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True
    title = doc.styles["Title"]
    title.font.size, title.font.color.rgb = Pt(28), BLUE
    page_number_footer(doc.sections[0])
    return doc


def _update_fields_on_open(doc: Document) -> None:
    """Word asks to update fields on opening: the table of contents gets its page numbers."""
    settings = doc.settings.element
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.append(el)


# -- paragraphs ----------------------------------------------------------------------------------
def para(doc, text: str = "", style: str | None = None, *, bold: bool = False, size: int | None = None,  # noqa: ANN001
         align=None, color: RGBColor | None = None):  # noqa: ANN001
    p = doc.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
    if align is not None:
        p.alignment = align
    return p


def tag(doc, text: str) -> None:  # noqa: ANN001
    """A paragraph holding only a docxtpl block tag ({%p ... %}): docxtpl removes the paragraph."""
    doc.add_paragraph(text)


def placeholder(doc, what: str, align=None) -> None:  # noqa: ANN001
    """Text the records cannot give: highlighted so the user sees what is left to write."""
    p = doc.add_paragraph()
    run = p.add_run(f"[Da compilare: {what}]")
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if align is not None:
        p.alignment = align


def page_break(doc) -> None:  # noqa: ANN001
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# -- tables --------------------------------------------------------------------------------------
def _shade(cell, fill: str) -> None:  # noqa: ANN001
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row) -> None:  # noqa: ANN001
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _set_cell(cell, text: str, *, bold: bool = False, white: bool = False, size: int = 9,  # noqa: ANN001
              keep: bool = False) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.keep_with_next = keep  # an objective's sheet stays with the table after it
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if white:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def loop_table(doc, headers: list[str], cells: list[str], loop: str, widths: list[float]) -> None:  # noqa: ANN001
    """A table with a header row and one row repeated by ``{%tr for ... %}`` over ``loop``."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, header in enumerate(headers):
        _set_cell(table.rows[0].cells[i], header, bold=True, white=True)
        _shade(table.rows[0].cells[i], HEADER_FILL)
    _repeat_header(table.rows[0])
    _set_cell(table.rows[1].cells[0], f"{{%tr for {loop} %}}")
    for i, text in enumerate(cells):
        _set_cell(table.rows[2].cells[i], text)
    _set_cell(table.rows[3].cells[0], "{%tr endfor %}")
    _widths(table, widths)
    keep_rows_whole(table._tbl)


def _widths(table, widths: list[float]) -> None:  # noqa: ANN001
    """Fixed column widths: the grid (LibreOffice reads it) and every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def label_table(doc, var: str, rows: list[tuple[str, str, str | None]]) -> None:  # noqa: ANN001
    """An objective's sheet: label | value rows; a row whose condition is set appears only when true."""
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for label, value, condition in rows:
        if condition:
            _set_cell(table.add_row().cells[0], f"{{%tr if {var}.{condition} %}}")
        cells = table.add_row().cells
        _set_cell(cells[0], label, bold=True, keep=True)
        _shade(cells[0], LABEL_FILL)
        _set_cell(cells[1], value, keep=True)
        if condition:
            _set_cell(table.add_row().cells[0], "{%tr endif %}")
    _widths(table, [5, 12])
    keep_rows_whole(table._tbl)


# -- shared blocks -------------------------------------------------------------------------------
INDICATOR_HEADERS = ["Indicatore", "Peso", "Algoritmo", "Target", "Consuntivo", "Scostamento",
                     "Grado di raggiungimento"]
INDICATOR_CELLS = ["{{ i.nome }}", "{{ i.peso }}", "{{ i.algoritmo }}", "{{ i.target }}", "{{ i.consuntivo }}",
                   "{{ i.scostamento }}", "{% cellbg i.sfondo %}{{ i.grado }}"]
INDICATOR_WIDTHS = [4.6, 1.3, 3.4, 2.1, 2.1, 1.9, 1.9]


# -- coverage of the figures (issue 10, item 1): kept in these two functions so the layout can change around them
def coverage_row(var: str) -> tuple[str, str, str | None]:
    """The label-table row that says how much of an objective's figure could be computed."""
    return ("Copertura del calcolo", f"{{{{ {var}.copertura }}}}", "copertura")


def coverage_note(doc) -> None:  # noqa: ANN001
    """The sentence under a headline figure: how many areas/objectives and indicators it rests on."""
    para(doc, "{{ ente_copertura }}", size=9)


def narratives(doc, var: str) -> None:  # noqa: ANN001
    """Each narrative section of an objective: its title, then its paragraphs as the records keep them, list
    items set as a bulleted list."""
    tag(doc, f"{{%p for n in {var}.narrativa %}}")
    para(doc, "{{ n.titolo }}", bold=True).paragraph_format.space_before = Pt(6)  # apart from the table
    tag(doc, "{%p for t in n.paragrafi %}")
    tag(doc, "{%p if t.elenco %}")
    para(doc, "{{ t.testo }}", "List Bullet")
    tag(doc, "{%p else %}")
    para(doc, "{{ t.testo }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


TREND_HEADERS = ["Anno", "Target", "Consuntivo", "Grado di raggiungimento"]
TREND_CELLS = ["{{ r.anno }}", "{{ r.target }}", "{{ r.consuntivo }}", "{{ r.grado }}"]
TREND_WIDTHS = [1.8, 4.2, 4.2, 3.4]


def trend(doc, var: str) -> None:  # noqa: ANN001
    """The Relazione's "Andamento negli anni" of an objective, when earlier years were given: its achievement
    year by year, then a small table per indicator; nothing at all otherwise."""
    tag(doc, f"{{%p if {var}.andamento or {var}.andamento_obiettivo %}}")
    para(doc, "Andamento negli anni", bold=True).paragraph_format.space_before = Pt(6)
    tag(doc, f"{{%p if {var}.andamento_obiettivo %}}")
    para(doc, f"Grado di raggiungimento dell'obiettivo: {{{{ {var}.andamento_obiettivo }}}}", size=9)
    tag(doc, "{%p endif %}")
    tag(doc, f"{{%p for a in {var}.andamento %}}")
    p = para(doc, "{{ a.nome }}", size=9)
    p.runs[0].italic = True
    p.paragraph_format.keep_with_next = True  # the indicator's name stays with its table
    p.paragraph_format.space_before = Pt(6)  # apart from the table before it
    loop_table(doc, TREND_HEADERS, TREND_CELLS, "r in a.anni", TREND_WIDTHS)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def relazione_sheet(doc, var: str, heading_style: str) -> None:  # noqa: ANN001
    """The Relazione's objective sheet: the common sheet, then the earlier years when there are any."""
    objective_sheet(doc, var, heading_style)
    trend(doc, var)


def objective_sheet(doc, var: str, heading_style: str) -> None:  # noqa: ANN001
    """Heading, label table and indicator table of one objective (area, strategic or operational)."""
    para(doc, f"{{{{ {var}.intestazione }}}}", heading_style)
    label_table(doc, var, [
        ("Peso dell'obiettivo", f"{{{{ {var}.peso or '' }}}}", "peso"),
        ("Descrizione dell'obiettivo", f"{{{{ {var}.descrizione }}}}", "descrizione"),
        ("Programma di riferimento", f"{{{{ {var}.programma }}}}", "programma"),
        ("Struttura responsabile", f"{{{{ {var}.responsabile }}}}", "responsabile"),
        ("Grado di raggiungimento dell'obiettivo", f"{{{{ {var}.punteggio }}}}", None),
        coverage_row(var),
        ("Valutazione dell'obiettivo", f"{{% cellbg {var}.sfondo %}}{{{{ {var}.valutazione }}}}", None),
    ])
    tag(doc, f"{{%p if {var}.indicatori %}}")
    para(doc)
    loop_table(doc, INDICATOR_HEADERS, INDICATOR_CELLS, f"i in {var}.indicatori", INDICATOR_WIDTHS)
    tag(doc, "{%p endif %}")
    narratives(doc, var)


def objective_chapters(doc, sheet, titles: tuple[str, str], style: str) -> None:  # noqa: ANN001
    """The strategic objectives' sheets, a page break, the operational ones': each group under the two
    heading levels below ``style``, as the Relazione and the Piano both lay them out."""
    levels = {"Heading 1": ("Heading 2", "Heading 3"), "Heading 2": ("Heading 3", "Heading 4")}[style]
    para(doc, titles[0], style)
    grouped_sheets(doc, "gruppi_strategici", sheet, levels, parent_sheet=True)
    page_break(doc)
    para(doc, titles[1], style)
    grouped_sheets(doc, "gruppi_operativi", sheet, levels, parent_sheet=False)


def grouped_sheets(doc, groups: str, sheet, styles: tuple[str, str], *, parent_sheet: bool) -> None:  # noqa: ANN001
    """Objectives grouped under their parent (strategic under areas, operational under strategic objectives):
    the parent as a sheet of its own (``parent_sheet``) or as a heading only, then its children's sheets."""
    tag(doc, f"{{%p for g in {groups} %}}")
    tag(doc, "{%p if g.capo %}")
    if parent_sheet:
        sheet(doc, "g.capo", styles[0])
    else:
        para(doc, "{{ g.capo.intestazione }}", styles[0])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for o in g.obiettivi %}")
    sheet(doc, "o", styles[1])
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


def cover(doc, title: str, subtitle: str, act: str) -> None:  # noqa: ANN001
    """Logo, ente, title, the addendum's own title when it is one, and the act that approves the document."""
    placeholder(doc, "logo dell'ente", align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(4):
        para(doc)
    para(doc, "{{ ente }}", size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color=BLUE)
    para(doc)
    para(doc, title, "Title", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, subtitle, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, "{%p if addendum %}")
    para(doc, "Addendum", size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color=BLUE)
    para(doc, "{{ addendum }}", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, "{%p endif %}")
    for _ in range(6):
        para(doc)
    p = para(doc, act, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
    run = p.add_run(" n. [Da compilare] del [Da compilare]")
    run.font.size, run.font.highlight_color = Pt(11), WD_COLOR_INDEX.YELLOW
    for _ in range(4):
        para(doc)
    para(doc, "{{ nota_generazione }}", size=8, align=WD_ALIGN_PARAGRAPH.CENTER)
    page_break(doc)


def table_of_contents(doc) -> None:  # noqa: ANN001
    para(doc, "Sommario", "Heading 1")
    add_field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u',
              "Il sommario si compila all'apertura in Word (Aggiorna campo) o con relazione render --pdf.")
    page_break(doc)


def tree_table(doc) -> None:  # noqa: ANN001
    loop_table(doc, ["Codice", "Obiettivo", "Peso", "Grado di raggiungimento", "Valutazione"],
               ["{{ r.codice }}", "{{ r.rientro }}{{ r.titolo }}", "{{ r.peso }}", "{{ r.punteggio }}",
                "{% cellbg r.sfondo %}{{ r.valutazione }}"], "r in albero", [1.8, 9.6, 1.5, 2.2, 2.6])


def chart(doc, var: str, caption: str) -> None:  # noqa: ANN001
    tag(doc, f"{{%p if {var} %}}")
    para(doc, f"{{{{ {var} }}}}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, caption, size=8, align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, "{%p endif %}")


# -- the Relazione ---------------------------------------------------------------------------------
def relazione() -> Document:
    doc = new_document()
    cover(doc, "Relazione sulla Performance {{ anno }}", "Art. 10, comma 1, lettera b) del D.Lgs. 150/2009",
          "Approvata con deliberazione della Giunta camerale")
    table_of_contents(doc)

    para(doc, "Premessa", "Heading 1")
    tag(doc, "{%p if addendum %}")
    para(doc, "Questo documento è un addendum alla Relazione sulla Performance {{ anno }} di {{ ente }} "
              "({{ addendum }}): rendiconta soltanto gli obiettivi e gli indicatori che riporta.")
    tag(doc, "{%p endif %}")
    placeholder(doc, "presentazione della Relazione, principali novità dell'anno e ringraziamenti")

    para(doc, "1 Principali risultati raggiunti", "Heading 1")
    para(doc, "1.1 La performance dell'ente", "Heading 2")
    para(doc, "Grado di raggiungimento complessivo dell'ente nell'anno {{ anno }}: {{ ente_punteggio }} "
              "({{ ente_valutazione }}).")
    coverage_note(doc)
    chart(doc, "grafico_aree", "Grado di raggiungimento per area strategica")
    para(doc, "1.2 Performance delle aree strategiche", "Heading 2")
    loop_table(doc, ["Codice", "Area strategica", "Peso", "Grado di raggiungimento", "Valutazione"],
               ["{{ a.codice }}", "{{ a.titolo }}", "{{ a.peso or '' }}", "{{ a.punteggio }}",
                "{% cellbg a.sfondo %}{{ a.valutazione }}"], "a in aree", [1.8, 9.6, 1.5, 2.2, 2.6])
    para(doc, "1.3 Indicatori più significativi", "Heading 2")
    tag(doc, "{%p if indicatori_chiave %}")
    loop_table(doc, ["Obiettivo", "Indicatore", "Target", "Consuntivo", "Grado di raggiungimento"],
               ["{{ k.obiettivo }}", "{{ k.nome }}", "{{ k.target }}", "{{ k.consuntivo }}",
                "{% cellbg k.sfondo %}{{ k.grado }}"], "k in indicatori_chiave", [2.0, 8.3, 2.4, 2.4, 2.4])
    tag(doc, "{%p else %}")
    placeholder(doc, "gli indicatori più significativi dell'anno")
    tag(doc, "{%p endif %}")
    placeholder(doc, "commento ai principali risultati raggiunti")

    para(doc, "2 Analisi del contesto e delle risorse", "Heading 1")
    for heading, what in (("2.1 Il contesto esterno", "quadro economico e normativo del territorio nell'anno"),
                          ("2.2 Il contesto interno", "organizzazione, risorse umane e strumentali"),
                          ("2.3 Le risorse economiche", "proventi, oneri e investimenti dell'anno dal bilancio")):
        para(doc, heading, "Heading 2")
        placeholder(doc, what)

    para(doc, "3 Rendicontazione della performance organizzativa", "Heading 1")
    para(doc, "3.0 Albero della performance", "Heading 2")
    tree_table(doc)
    page_break(doc)
    objective_chapters(doc, relazione_sheet, ("3.1 Obiettivi strategici", "3.2 Obiettivi operativi"), "Heading 2")
    para(doc, "3.3 Valutazione complessiva", "Heading 2")
    para(doc, "La performance dell'ente è la media delle aree strategiche pesata con i pesi che seguono: "
              "{{ ente_punteggio }} ({{ ente_valutazione }}). Metodo di calcolo: {{ metodo }}.")
    coverage_note(doc)
    area_line = "{{ a.codice }} {{ a.titolo }}{% if a.peso %} (peso {{ a.peso }}){% endif %}: {{ a.punteggio }}"
    for line in ["{%p for a in aree %}", area_line, "{%p endfor %}"]:
        para(doc, line, "List Bullet" if not line.startswith("{%") else None)
    chart(doc, "grafico_strategici", "Grado di raggiungimento per obiettivo strategico")
    placeholder(doc, "considerazioni dell'ente sui risultati complessivi e sugli scostamenti")
    para(doc, "3.4 Bilancio di genere", "Heading 2")
    placeholder(doc, "risorse e azioni per le pari opportunità, composizione del personale per genere")

    para(doc, "4 Obiettivi individuali", "Heading 1")
    placeholder(doc, "obiettivi assegnati al Segretario generale, alla dirigenza e al personale e loro grado di "
                     "raggiungimento; distribuzione delle valutazioni individuali")

    para(doc, "5 Il processo di misurazione e valutazione", "Heading 1")
    para(doc, "5.1 Fasi, soggetti, tempi e responsabilità", "Heading 2")
    placeholder(doc, "come si è svolto il ciclo della performance nell'anno: fasi, soggetti coinvolti, tempi")
    para(doc, "5.2 Metodo di calcolo", "Heading 2")
    para(doc, "I gradi di raggiungimento di questo documento sono calcolati con il metodo: {{ metodo }}. "
              "L'Organismo Indipendente di Valutazione valida la Relazione con un proprio documento "
              "(art. 14, comma 4, lettera c) del D.Lgs. 150/2009).")
    para(doc, "5.3 Punti di forza e di debolezza del ciclo", "Heading 2")
    placeholder(doc, "punti di forza, criticità e interventi di miglioramento del sistema di misurazione")
    _update_fields_on_open(doc)
    return doc


# -- the semester monitoring -------------------------------------------------------------------------
MONITOR_HEADERS = ["Indicatore", "Peso", "Target", "Traguardo intermedio", "Valore al {{ data_breve }}",
                   "Avanzamento", "Proposta di modifica del target"]
MONITOR_CELLS = ["{{ i.nome }}", "{{ i.peso }}", "{{ i.target }}", "{{ i.intermedio }}", "{{ i.consuntivo }}",
                 "{% cellbg i.sfondo %}{{ i.grado }}", "{{ i.proposta }}"]


def monitored_objective(doc, var: str) -> None:  # noqa: ANN001
    para(doc, f"{{{{ {var}.intestazione }}}}", "Heading 3")
    label_table(doc, var, [
        ("Peso dell'obiettivo", f"{{{{ {var}.peso or '' }}}}", "peso"),
        ("Descrizione dell'obiettivo", f"{{{{ {var}.descrizione }}}}", "descrizione"),
        ("Struttura responsabile", f"{{{{ {var}.responsabile }}}}", "responsabile"),
        ("Avanzamento dell'obiettivo", f"{{% cellbg {var}.sfondo %}}{{{{ {var}.punteggio }}}}", None),
        ("Stato di avanzamento", f"{{{{ {var}.valutazione }}}}", None),
        coverage_row(var),
    ])
    tag(doc, f"{{%p if {var}.indicatori %}}")
    para(doc)
    loop_table(doc, MONITOR_HEADERS, MONITOR_CELLS, f"i in {var}.indicatori", [4.6, 1.3, 2.2, 2.2, 2.2, 2.0, 2.8])
    tag(doc, "{%p endif %}")
    narratives(doc, var)


def monitoraggio() -> Document:
    doc = new_document()
    cover(doc, "Monitoraggio semestrale {{ anno }}", "Stato di avanzamento degli obiettivi al {{ data_riferimento }}",
          "Presa d'atto della Giunta camerale con deliberazione")
    table_of_contents(doc)
    para(doc, "Premessa", "Heading 1")
    placeholder(doc, "finalità del monitoraggio e principali evidenze del semestre")
    para(doc, "1 Sintesi dell'avanzamento", "Heading 1")
    para(doc, "Avanzamento complessivo al {{ data_riferimento }}: {{ ente_punteggio }} ({{ ente_valutazione }}).")
    coverage_note(doc)
    tree_table(doc)
    chart(doc, "grafico_strategici", "Avanzamento per obiettivo strategico")
    page_break(doc)
    para(doc, "2 Stato di avanzamento degli obiettivi", "Heading 1")
    tag(doc, "{%p for o in obiettivi %}")
    monitored_objective(doc, "o")
    tag(doc, "{%p endfor %}")
    para(doc, "3 Proposte di modifica dei target", "Heading 1")
    tag(doc, "{%p if proposte %}")
    loop_table(doc, ["Obiettivo", "Descrizione dell'indicatore", "Target vigente", "Target proposto"],
               ["{{ p.obiettivo }}", "{{ p.nome }}", "{{ p.target }}", "{{ p.proposta }}"],
               "p in proposte", [2.2, 9.0, 3.0, 3.0])
    tag(doc, "{%p else %}")
    para(doc, "Nessuna proposta di modifica dei target nei dati del monitoraggio.")
    tag(doc, "{%p endif %}")
    placeholder(doc, "motivazione delle proposte di modifica e azioni correttive")
    _update_fields_on_open(doc)
    return doc


# -- the PIRA --------------------------------------------------------------------------------------
PIRA_LEVELS = (("area", "Heading 2"), ("strategic", "Heading 3"), ("operational", "Heading 4"))


def pira() -> Document:
    """Piano degli indicatori e dei risultati attesi: missions and programmes, their objectives, indicators,
    targets and results (DPCM 18/9/2012); headings "Missione 011 - ...", "Programma 011-005 - ...",
    "Obiettivo 011-005-001 - ..." (extractors/pira_standard.toml reads them back)."""
    doc = new_document()
    cover(doc, "Piano degli indicatori e dei risultati attesi di bilancio {{ anno }}",
          "Art. 19 del D.Lgs. 91/2011 e DPCM 18 settembre 2012", "Allegato al bilancio approvato con deliberazione")
    table_of_contents(doc)
    para(doc, "Premessa", "Heading 1")
    para(doc, "Il Piano degli indicatori e dei risultati attesi (PIRA) illustra, per missioni e programmi, gli "
              "obiettivi della spesa, gli indicatori che ne misurano il raggiungimento, i target e i risultati.")
    placeholder(doc, "note dell'ente sul PIRA dell'anno e sui suoi legami con il Piano della performance")
    para(doc, "1 Missioni e programmi", "Heading 1")
    loop_table(doc, ["Codice", "Missione, programma e obiettivo", "Grado di raggiungimento"],
               ["{{ r.codice }}", "{{ r.rientro }}{{ r.titolo }}", "{{ r.punteggio }}"], "r in albero", [2.4, 12, 2.6])
    page_break(doc)
    para(doc, "2 Obiettivi, indicatori e risultati", "Heading 1")
    tag(doc, "{%p for o in obiettivi %}")
    for level, style in PIRA_LEVELS:
        tag(doc, f"{{%p if o.livello == '{level}' %}}")
        para(doc, "{{ o.voce }}", style)
        tag(doc, "{%p endif %}")
    tag(doc, "{%p if o.livello == 'operational' or o.indicatori %}")  # a sheet where there is something to show
    label_table(doc, "o", [
        ("Peso dell'obiettivo", "{{ o.peso or '' }}", "peso"),
        ("Descrizione dell'obiettivo", "{{ o.descrizione }}", "descrizione"),
        ("Struttura responsabile", "{{ o.responsabile }}", "responsabile"),
        ("Grado di raggiungimento dell'obiettivo", "{{ o.punteggio }}", None),
    ])
    tag(doc, "{%p if o.indicatori %}")
    para(doc)
    loop_table(doc, INDICATOR_HEADERS, INDICATOR_CELLS, "i in o.indicatori", INDICATOR_WIDTHS)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    para(doc, "3 Considerazioni", "Heading 1")
    placeholder(doc, "scostamenti significativi tra risultati e target e loro cause")
    _update_fields_on_open(doc)
    return doc


PLAN_HEADERS = ["Indicatore", "Peso", "Algoritmo", "Target {{ anno }}", "Target {{ anno_2 }}", "Target {{ anno_3 }}"]
PLAN_CELLS = ["{{ i.nome }}", "{{ i.peso }}", "{{ i.algoritmo }}", "{{ i.triennio[0] }}", "{{ i.triennio[1] }}",
              "{{ i.triennio[2] }}"]
PLAN_WIDTHS = [5.4, 1.3, 4.2, 2.0, 2.0, 2.0]


def planned_objective(doc, var: str, heading_style: str) -> None:  # noqa: ANN001
    """One objective of the Piano: what it is, who answers for it, its indicators with the three years' targets."""
    para(doc, f"{{{{ {var}.intestazione }}}}", heading_style)
    label_table(doc, var, [
        ("Peso dell'obiettivo", f"{{{{ {var}.peso or '' }}}}", "peso"),
        ("Descrizione dell'obiettivo", f"{{{{ {var}.descrizione }}}}", "descrizione"),
        ("Programma di riferimento", f"{{{{ {var}.programma }}}}", "programma"),
        ("Struttura responsabile", f"{{{{ {var}.responsabile }}}}", "responsabile"),
    ])
    tag(doc, f"{{%p if {var}.indicatori %}}")
    para(doc)
    loop_table(doc, PLAN_HEADERS, PLAN_CELLS, f"i in {var}.indicatori", PLAN_WIDTHS)
    tag(doc, "{%p endif %}")


def piano() -> Document:
    """Piano della performance (PIAO, sottosezione Performance): the tree of objectives, then the strategic and
    operational objectives with their indicators, weights and the targets of the plan's three years."""
    doc = new_document()
    cover(doc, "Piano della Performance {{ anno }}-{{ anno_3 }}",
          "Piano integrato di attività e organizzazione (PIAO), sottosezione Performance",
          "Approvato con deliberazione della Giunta camerale")
    table_of_contents(doc)
    para(doc, "Premessa", "Heading 1")
    placeholder(doc, "presentazione del Piano: priorità del mandato, novità dell'anno, legame con il preventivo")
    para(doc, "1 L'albero della performance", "Heading 1")
    loop_table(doc, ["Codice", "Obiettivo", "Peso"], ["{{ r.codice }}", "{{ r.rientro }}{{ r.titolo }}",
                                                      "{{ r.peso }}"], "r in albero", [2.0, 13.0, 2.0])
    page_break(doc)
    objective_chapters(doc, planned_objective, ("2 Obiettivi strategici", "3 Obiettivi operativi"), "Heading 1")
    para(doc, "4 Monitoraggio e rendicontazione", "Heading 1")
    para(doc, "Il grado di raggiungimento degli obiettivi è rilevato al 30 giugno (monitoraggio semestrale) e al "
              "31 dicembre (Relazione sulla Performance), con il metodo di calcolo: {{ metodo }}.")
    placeholder(doc, "collegamento con gli obiettivi individuali e con le altre sottosezioni del PIAO")
    _update_fields_on_open(doc)
    return doc


def main() -> None:
    TEMPLATES.mkdir(exist_ok=True)
    for name, build in (("relazione.docx", relazione), ("monitoraggio.docx", monitoraggio), ("pira.docx", pira),
                        ("piano.docx", piano)):
        build().save(TEMPLATES / name)
        print(f"wrote {TEMPLATES / name}")


if __name__ == "__main__":
    main()
