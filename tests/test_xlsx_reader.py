"""The Excel reader: workbooks built with openpyxl become the same block stream as Word and text."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import assert_bad_input, zip_bytes
from relazione.cli.batch import collect_inputs
from relazione.cli.main import main
from relazione.readers import read_document
from relazione.readers.blocks import Document, Line, Table
from relazione.readers.xlsx import cell_text


def _plan_workbook() -> Workbook:
    """An area sheet: a merged title row, a blank row, a header, indicator rows under an objective
    merged down column A; then a hidden sheet and a default-named notes sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Area 1 - Competitività"
    ws["A1"] = "Piano della performance 2024"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["Obiettivo", "Indicatore", "Peso", "Target", "Scadenza"])
    ws.append(["1.1 Digitalizzazione", "Imprese assistite", 0.4, 100, dt.datetime(2024, 12, 31)])
    ws.append([None, "Tasso di soddisfazione", 0.6, 0.125, None])
    ws.merge_cells("A4:A5")
    for cell in ("C4", "C5"):
        ws[cell].number_format = "0%"
    ws["D5"].number_format = "0.0%"
    ws["E4"].number_format = "dd/mm/yyyy"
    ws.append(["Nota: i target sono annuali"])
    hidden = wb.create_sheet("Appunti")
    hidden["A1"] = "da non leggere"
    hidden.sheet_state = "hidden"
    notes = wb.create_sheet("Foglio3")
    notes["B2"], notes["C2"] = "Costo medio\nper pratica", 12.5
    wb.create_sheet("Vuoto")
    return wb


def _save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path


@pytest.fixture
def plan(tmp_path: Path) -> Document:
    return read_document(_save(_plan_workbook(), tmp_path / "piano.xlsx"))


def _shape(doc: Document) -> list[tuple]:
    out: list[tuple] = []
    for b in doc.blocks:
        if isinstance(b, Line):
            out.append(("line", b.text, b.prov.page, b.prov.line, b.after_blank))
        else:
            out.append(("table", [r.texts for r in b.rows], b.prov.page, b.prov.line, b.rows[0].after_blank))
    return out


def test_a_plan_sheet_becomes_lines_and_one_aligned_table(plan: Document) -> None:
    assert (plan.format, plan.pages) == ("xlsx", 4)
    assert _shape(plan) == [
        ("line", "Area 1 - Competitività", 1, None, True),
        ("line", "Piano della performance 2024", 1, 1, True),
        ("table", [["Obiettivo", "Indicatore", "Peso", "Target", "Scadenza"],
                   ["1.1 Digitalizzazione", "Imprese assistite", "40%", "100", "31/12/2024"],
                   ["", "Tasso di soddisfazione", "60%", "12,5%", ""]], 1, 3, True),
        ("line", "Nota: i target sono annuali", 1, 6, False),
        ("table", [["Costo medio per pratica", "12,5"]], 3, 2, True),
    ]
    table = plan.blocks[2]
    assert isinstance(table, Table) and table.origin == "xlsx" and table.n_cols == 5
    assert [c.prov.line for c in table.rows[1].cells] == [4] * 5


def test_merged_cells_give_their_value_once(plan: Document) -> None:
    """The objective merged down A4:A5 is in the first row only: empty below means "same as above"."""
    table = plan.blocks[2]
    assert isinstance(table, Table)
    assert [r.cells[0].text for r in table.rows[1:]] == ["1.1 Digitalizzazione", ""]


def test_hidden_default_named_and_empty_sheets_give_no_line(plan: Document) -> None:
    texts = [b.text for b in plan.blocks if isinstance(b, Line)]
    assert "Appunti" not in texts and "da non leggere" not in texts
    assert "Foglio3" not in texts and "Vuoto" not in texts


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (0.85, "0%", "85%"),
    (0.125, "0.0%", "12,5%"),
    (12, "General", "12"),
    (12.0, "General", "12"),
    (12.5, "General", "12,5"),
    (0.1 + 0.2, "General", "0,3"),
    (2.675, "0.00", "2,68"),
    (1500, "#,##0", "1.500"),
    (-1234.5, "#,##0.00;(#,##0.00)", "(1.234,50)"),
    (1234.5, '#,##0.00 "€"', "1.234,50 €"),
    (0, '0;-0;"-"', "-"),
    (dt.datetime(2024, 12, 31), "dd/mm/yyyy", "31/12/2024"),
    (dt.date(2024, 6, 30), "dd/mm/yyyy", "30/06/2024"),
    (True, "General", "SI"),
    (False, "General", "NO"),
    ("  Tempo medio\ndi risposta ", "General", "Tempo medio di risposta"),
    (None, "General", ""),
])
def test_values_are_the_text_a_person_sees(value: object, number_format: str, shown: str) -> None:
    assert cell_text(value, number_format) == shown


def test_a_formula_gives_the_value_excel_cached(tmp_path: Path) -> None:
    """openpyxl writes no cached values, so the formula is put into the sheet XML as Excel writes it:
    <f> with the <v> it computed. A formula never computed (no <v>) shows nothing."""
    wb = Workbook()
    wb.active.append(["Totale", 2, 0])
    src = _save(wb, tmp_path / "plain.xlsx")
    with zipfile.ZipFile(src) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace('<c r="B1" t="n"><v>2</v></c>', '<c r="B1"><f>1+1</f><v>2</v></c>')
    sheet = sheet.replace('<c r="C1" t="n"><v>0</v></c>', '<c r="C1"><f>B1*3</f></c>')
    assert "<f>1+1</f>" in sheet and "<f>B1*3</f>" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    dst = tmp_path / "formule.xlsx"
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    doc = read_document(dst)
    table = doc.blocks[0]
    assert isinstance(table, Table) and table.rows[0].texts == ["Totale", "2"]


def test_a_workbook_named_docx_is_read_as_a_workbook_and_word_still_as_word(tmp_path: Path) -> None:
    import docx

    wb = Workbook()
    wb.active.append(["Indicatore", "Target"])
    assert read_document(_save(wb, tmp_path / "piano.docx")).format == "xlsx"
    word = docx.Document()
    word.add_paragraph("Obiettivo strategico 1.1")
    word.save(tmp_path / "relazione.docx")
    assert read_document(tmp_path / "relazione.docx").format == "docx"
    word.save(tmp_path / "relazione_mislabelled.xlsx")
    assert read_document(tmp_path / "relazione_mislabelled.xlsx").format == "docx"


def test_a_folder_batch_collects_workbooks(tmp_path: Path) -> None:
    for name in ("a.xlsx", "b.xlsm", "c.docx", "d.csv"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p, _ in collect_inputs([tmp_path])] == ["a.xlsx", "b.xlsm", "c.docx"]



def _empty_workbook(path: Path) -> None:
    wb = Workbook()
    wb.create_sheet("Area 1")
    wb.save(path)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
BAD_WORKBOOKS = {
    "not_a_zip.xlsx": (lambda p: p.write_bytes(b"this is not a zip archive" * 10), "non è un archivio zip"),
    "zip_not_workbook.xlsx": (lambda p: p.write_bytes(zip_bytes({"hello.txt": b"ciao"})),
                              "non è una cartella Excel (manca xl/workbook.xml)"),
    "legacy.xls": (lambda p: p.write_bytes(OLE + "Workbook".encode("utf-16-le")),
                   "cartella Excel .xls (vecchio formato): salvarla come .xlsx"),
    "legacy_renamed.xlsx": (lambda p: p.write_bytes(OLE + "Workbook".encode("utf-16-le")), "salvarla come .xlsx"),
    "encrypted.xlsx": (lambda p: p.write_bytes(OLE + "EncryptionInfo".encode("utf-16-le")), "protetta da password"),
    "calc.ods": (lambda p: p.write_bytes(zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})),
                 "foglio di calcolo OpenDocument: salvarlo come .xlsx"),
    "blank.xlsx": (_empty_workbook, "nessun testo in alcun foglio"),
    "bomb.xlsx": (lambda p: p.write_bytes(zip_bytes({"xl/workbook.xml": b"<workbook/>",
                                                "xl/worksheets/sheet1.xml": b"\0" * (60 * 2**20)})),
                  "decompresso supera 50 MB"),
    "damaged.xlsx": (lambda p: p.write_bytes(zip_bytes({"xl/workbook.xml": b"<workbook", "[Content_Types].xml": b"<"})),
                     "cartella Excel danneggiata"),
}


@pytest.mark.parametrize("name", sorted(BAD_WORKBOOKS))
def test_a_bad_workbook_is_a_one_line_error_with_exit_2(name: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    make, message = BAD_WORKBOOKS[name]
    src = tmp_path / name
    make(src)
    assert_bad_input(src, message, capsys)
    assert not (tmp_path / "out.json").exists()


def test_a_generic_plan_workbook_extracts_objectives_and_indicators(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Area 1"
    for row in (["Area strategica 1 - Competitività delle imprese"],
                ["Obiettivo strategico 1.1 - Digitalizzazione delle imprese"],
                ["Indicatore", "Peso", "Target", "Consuntivo"],
                ["Imprese assistite", 0.5, ">= 100", 130],
                ["Tempo medio di risposta (gg)", 0.5, "<= 5", 4]):
        ws.append(row)
    for cell in ("B4", "B5"):
        ws[cell].number_format = "0%"
    src = _save(wb, tmp_path / "piano.xlsx")
    out = tmp_path / "out.json"
    assert main(["extract", str(src), "-o", str(out), "--profile", "generic"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["source"]["format"], data["source"]["pages"]) == ("xlsx", 1)
    report = data["reports"][0]
    assert [(o["level"], o["code"], o["title"], o["parent"]) for o in report["objectives"]] == [
        ("area", "1", "Competitività delle imprese", None),
        ("strategic", "1.1", "Digitalizzazione delle imprese", "1")]
    assert [(i["objective"], i["name"], i["weight"], i["target"], i["actual"], i["provenance"])
            for i in report["indicators"]] == [
        ("1.1", "Imprese assistite", 50.0, ">= 100", "130", {"page": 1, "line": 4}),
        ("1.1", "Tempo medio di risposta (gg)", 50.0, "<= 5", "4", {"page": 1, "line": 5})]
    assert report["indicators"][0]["target_value"]["op"] == ">="
