"""A small corpus of documents that are no performance report, written as text, Word and PDF: English
prose with chart labels ("as", "AS 1"), a chart with rotated margin text, a bank statement, a recipe, an
invoice, the minutes of a Giunta and a regulation, glyph codes of a PDF without a text layer.

PDFs are drawn with matplotlib (a real PDF text layer, TrueType fonts embedded), Word files with
python-docx: no LibreOffice needed, so the corpus is quick to build in a test.
"""

from __future__ import annotations

from pathlib import Path

ENGLISH = """Annual sales review

Revenue grew as expected in the second half of the year. As shown in Figure 1, sales as a share of
the market rose from 12% to 15%, while costs stayed as low as 2019.

as 2019
as 2020
AS 1 baseline
OS 2 forecast
OO 3 actual

Target 2021: grow sales by 10% and reach 1,200 customers. Performance was measured against the target
every quarter; the indicator used is revenue per customer.
"""

BANK = [["Data", "Descrizione", "Dare", "Avere", "Saldo"],
        ["02/01/2024", "Bonifico stipendio", "", "2.150,00", "3.410,22"],
        ["05/01/2024", "Addebito utenze luce e gas", "124,50", "", "3.285,72"],
        ["10/01/2024", "Pagamento POS supermercato", "86,30", "", "3.199,42"],
        ["15/01/2024", "Prelievo bancomat", "200,00", "", "2.999,42"],
        ["31/01/2024", "Canone conto", "3,50", "", "2.995,92"]]

RECIPE = """Torta di mele della nonna

Ingredienti per 8 persone
Farina 00: 300 g
Zucchero: 150 g
Uova: 3
Mele: 4 (peso totale circa 800 g)
Burro: 100 g

Preparazione
1. Sbucciare le mele e tagliarle a fettine sottili.
2. Montare le uova con lo zucchero fino a ottenere un composto spumoso.
3. Aggiungere la farina setacciata e il burro fuso.
4. Versare in una tortiera e disporre le mele sopra.
5. Cuocere in forno a 180 gradi per 45 minuti.

Obiettivo: una torta soffice e dorata. Risultato atteso: nessuno avanzo!
"""

INVOICE = [["Codice", "Descrizione", "Quantità", "Prezzo unitario", "Totale"],
           ["A1", "Consulenza tecnica", "10", "80,00", "800,00"],
           ["A2", "Trasferta", "1", "150,00", "150,00"],
           ["B1", "Materiale di consumo", "3", "25,00", "75,00"]]
INVOICE_HEAD = ["Fattura n. 128/2024 del 15/03/2024", "Studio Rossi S.r.l. - P.IVA 01234567890",
                "Spett.le Camera di Commercio di Valdimare", "Prop. n. 45 - Prosp. riepilogativo"]
INVOICE_FOOT = ["Imponibile: 1.025,00 euro", "IVA 22%: 225,50 euro", "Totale fattura: 1.250,50 euro",
                "Pagamento a 30 giorni data fattura"]

VERBALE = """VERBALE DELLA RIUNIONE DI GIUNTA N. 4 DEL 12 MARZO 2024

Presenti: il Presidente, il Vice Presidente e i componenti della Giunta.

1. Approvazione del verbale della seduta precedente
La Giunta approva all'unanimità il verbale della seduta del 20 febbraio 2024.

2. Contributi alle imprese per la partecipazione a fiere
Il Segretario Generale illustra il bando; gli obiettivi del bando sono sostenere le imprese del territorio
nella partecipazione a fiere internazionali. La Giunta approva.

3. Varie ed eventuali
Nessun argomento è posto in discussione. La seduta è tolta alle ore 18.30.
"""

REGOLAMENTO = """REGOLAMENTO PER LA CONCESSIONE DEL PATROCINIO

Art. 1 - Oggetto
1. Il presente regolamento disciplina la concessione del patrocinio camerale a iniziative di terzi.

Art. 2 - Requisiti
1. Il patrocinio è concesso a iniziative coerenti con gli obiettivi istituzionali dell'Ente.
2. Sono escluse le iniziative a scopo di lucro.

Art. 3 - Domanda
1. La domanda è presentata almeno 30 giorni prima dell'iniziativa.
2. La domanda indica il programma, i destinatari e il luogo.

Art. 4 - Entrata in vigore
1. Il regolamento entra in vigore il giorno successivo alla pubblicazione.
"""

# An Italian report of another kind, its chapters numbered as a plan's objectives are, with tables
RELAZIONE_TECNICA = """Relazione tecnica sullo stato dell'immobile di via Roma 12

1. Premessa
La presente relazione descrive lo stato di conservazione dell'immobile.

1.1 Strutture portanti
Le strutture in cemento armato non presentano lesioni rilevanti.

1.1.1 Fondazioni
Le fondazioni sono state ispezionate in tre punti.

1.2 Impianti
Voce\tAnno 2023\tAnno 2024\tVariazione
Impianto elettrico\t12.500,00\t13.100,00\t4,8%
Impianto termico\t8.200,00\t7.900,00\t-3,7%

2. Conclusioni
L'immobile è idoneo all'uso previsto.
"""

# An English dashboard: a table with target and actual columns, numbered sections, no Italian
ENGLISH_KPI = """Quarterly operations dashboard

1. Overview
Operations kept pace with demand in all regions.

1.1 Sales
KPI\tTarget\tActual
New customers\t>= 120\t134
Churn rate\t<= 5%\t4.2%

1.2 Support
KPI\tTarget\tActual
Tickets closed within 24h\t90%\t93%
"""

# What a PDF reader gives of a page whose fonts have no Unicode map, and of rotated margin text.
GLYPHS = """(cid:21)(cid:22)(cid:23) (cid:3)(cid:24)(cid:25)
AS O
AS 1 (cid:21)(cid:22)(cid:23)(cid:24)(cid:25)(cid:26)
OS 2 (cid:3)(cid:4) 12,5 % ## $$
OO 1.1 (cid:30)(cid:31)(cid:32) ////
"""


def _table_text(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in rows)


def write_text(folder: Path) -> list[Path]:
    docs = {"english_chart_labels.txt": ENGLISH, "ricetta.txt": RECIPE, "verbale_giunta.txt": VERBALE,
            "regolamento.txt": REGOLAMENTO, "glifi_illeggibili.txt": GLYPHS,
            "relazione_tecnica.txt": RELAZIONE_TECNICA, "english_kpi.txt": ENGLISH_KPI,
            "estratto_conto.txt": "Estratto conto corrente n. 000123456\n\n" + _table_text(BANK) + "\n",
            "fattura.txt": "\n".join(INVOICE_HEAD) + "\n\n" + _table_text(INVOICE) + "\n\n" + "\n".join(INVOICE_FOOT)}
    paths = []
    for name, text in docs.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_docx(folder: Path) -> list[Path]:
    from docx import Document as Word

    paths = []
    for name, head, rows, foot in [("estratto_conto.docx", ["Estratto conto corrente n. 000123456"], BANK, []),
                                   ("fattura.docx", INVOICE_HEAD, INVOICE, INVOICE_FOOT)]:
        word = Word()
        for line in head:
            word.add_paragraph(line)
        table = word.add_table(rows=len(rows), cols=len(rows[0]))
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        for line in foot:
            word.add_paragraph(line)
        paths.append(folder / name)
        word.save(str(paths[-1]))
    for name, text in [("verbale_giunta.docx", VERBALE), ("regolamento.docx", REGOLAMENTO), ("ricetta.docx", RECIPE),
                       ("relazione_tecnica.docx", RELAZIONE_TECNICA)]:
        word = Word()
        for i, line in enumerate(text.splitlines()):
            if line.strip():
                (word.add_heading(line, level=1) if i == 0 else word.add_paragraph(line))
        paths.append(folder / name)
        word.save(str(paths[-1]))
    return paths


def write_pdf(folder: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["pdf.fonttype"] = 42  # TrueType: a text layer a reader can extract
    from matplotlib import pyplot as plt

    chart = folder / "english_chart.pdf"
    fig, ax = plt.subplots(figsize=(8.27, 11.69))
    ax.plot([2019, 2020, 2021], [12, 15, 18], label="as reported")
    ax.set_title("Sales as a share of the market")
    ax.set_xlabel("as of year end")
    ax.set_ylabel("share as %")
    ax.legend()
    fig.text(0.02, 0.5, "AS O", rotation=90)  # rotated margin text
    fig.text(0.96, 0.3, "OS 2", rotation=270)
    fig.savefig(chart)
    plt.close(fig)
    paths = [chart]
    for name, text in [("ricetta.pdf", RECIPE), ("verbale_giunta.pdf", VERBALE), ("regolamento.pdf", REGOLAMENTO),
                       ("english_prose.pdf", ENGLISH),
                       ("estratto_conto.pdf", _aligned(BANK)), ("fattura.pdf", "\n".join(INVOICE_HEAD) + "\n\n"
                                                               + _aligned(INVOICE) + "\n\n" + "\n".join(INVOICE_FOOT))]:
        fig = plt.figure(figsize=(8.27, 11.69))
        fig.text(0.06, 0.95, text, va="top", family="DejaVu Sans Mono", fontsize=8)
        fig.savefig(folder / name)
        plt.close(fig)
        paths.append(folder / name)
    return paths


def _aligned(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("   ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return write_text(folder) + write_docx(folder) + write_pdf(folder)
