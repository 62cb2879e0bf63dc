"""Produce: Word documents from the corrected records, the Excel export, the raccolta and filled raccolte back
in; the consistency checks; an indicator's history across archived years."""

from __future__ import annotations

import copy
import io
import re
import shutil

import pytest
from docx import Document
from openpyxl import load_workbook

from relazione.web.records_view import indicator_key, objective_key
from web_helpers import TEXT_SAMPLE, csrf, flashes, make_app, upload


@pytest.fixture(scope="module")
def app(tmp_path_factory):  # noqa: ANN001, ANN201
    app = make_app(tmp_path_factory.mktemp("dati"))
    upload(app, app.test_client(), [(TEXT_SAMPLE, "cmp_2024.txt")])
    return app


def _generate(client, what: str, **form) -> bytes:  # noqa: ANN001
    response = client.post("/documenti/1/genera", data={"csrf_token": csrf(client), "tipo": what, **form},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "documento generato" in page, flashes(page)
    new = re.search(r'<tr class="new">.*?href="(/prodotti/\d+)"', page, re.S).group(1)
    download = client.get(new)
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    return download.data


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_check_lists_the_drafts_findings_with_links_to_the_records(app):  # noqa: ANN001
    """First: on the reading as extracted (an imported 31/12 raccolta clears the stated verdicts)."""
    page = app.test_client().get("/documenti/1/verifica").get_data(as_text=True)
    assert " rilievi" in page and "il grado calcolato 93,49%" in page  # as `relazione check` finds (README)
    assert page.count('<a href="/documenti/1?k=') >= 10


def test_relazione_docx_carries_a_corrected_value(app):  # noqa: ANN001
    client = app.test_client()
    records = app.extensions["relazione"].archive.latest_records(1)
    ind = next(i for i in records.reports[2].indicators if i.actual)
    client.post("/documenti/1/correzione", data={"csrf_token": csrf(client), "k": indicator_key(2, ind),
                                                 "actual": "4.321,5"})
    text = _docx_text(_generate(client, "relazione", report="2"))
    assert "Mantova" in text and "4.321,5" in text


def test_piano_and_monitoraggio_are_produced_from_any_report(app):  # noqa: ANN001
    client = app.test_client()
    assert "Piano della Performance" in _docx_text(_generate(client, "piano", report="3"))
    assert _docx_text(_generate(client, "monitoraggio", report="3"))


def test_excel_export_has_the_indicators_sheet(app):  # noqa: ANN001
    wb = load_workbook(io.BytesIO(_generate(app.test_client(), "excel")))
    assert wb.sheetnames == ["Obiettivi", "Indicatori"] and wb["Indicatori"].max_row > 200


def test_filled_raccolta_comes_back_as_values(app):  # noqa: ANN001
    client = app.test_client()
    data = _generate(client, "raccolta", periodo="31/12")
    wb = load_workbook(io.BytesIO(data))
    sheet = next(ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws.max_row > 3
                 and ws.title != "Istruzioni")
    header = next(r for r in range(1, 6) if any(c.value and "Valore" in str(c.value) for c in sheet[r]))
    column = next(c.column for c in sheet[header] if c.value and str(c.value).startswith("Valore"))
    sheet.cell(header + 1, column).value = 77
    buf = io.BytesIO()
    wb.save(buf)
    response = client.post("/documenti/1/importa", follow_redirects=True, content_type="multipart/form-data",
                           data={"csrf_token": csrf(client), "raccolte": [(io.BytesIO(buf.getvalue()), "mia.xlsx")]})
    assert any("valori delle raccolte importati" in f for f in flashes(response.get_data(as_text=True)))
    with app.extensions["relazione"].archive.conn() as c:
        assert c.execute("SELECT origin FROM extractions ORDER BY id DESC").fetchone()[0] == "importa"


def test_a_workbook_that_is_no_raccolta_is_named_as_uploaded(app):  # noqa: ANN001
    client = app.test_client()
    response = client.post("/documenti/1/importa", follow_redirects=True, content_type="multipart/form-data",
                           data={"csrf_token": csrf(client), "raccolte": [(io.BytesIO(b"nope"), "sbagliata.xlsx")]})
    assert any(f.startswith("sbagliata.xlsx: non è una cartella di lavoro Excel") for f in
               flashes(response.get_data(as_text=True)))


def test_history_follows_an_indicator_across_archived_years(app):  # noqa: ANN001
    archive = app.extensions["relazione"].archive
    records = archive.latest_records(1)
    older = copy.deepcopy(records)
    for report in older.reports:
        report.year = 2023
    doc_id, _ = archive.add_document("cmp_2023.txt", ".txt", b"the 2023 report")
    archive.add_extraction(doc_id, older)
    ind = next(i for i in records.reports[2].indicators if i.target)
    client = app.test_client()
    page = client.get("/documenti/1/storico", query_string={"k": indicator_key(2, ind)}).get_data(as_text=True)
    assert page.count("<tr><td>2023</td>") == 1 and page.count("<tr><td>2024</td>") == 1
    chart = client.get("/documenti/1/storico.png", query_string={"k": indicator_key(2, ind)})
    assert chart.mimetype == "image/png" and chart.data.startswith(b"\x89PNG")
    area = next(o for o in records.reports[2].objectives if o.level == "area")
    page = client.get("/documenti/1/storico", query_string={"k": objective_key(2, area)}).get_data(as_text=True)
    assert page.count("<tr><td>2023</td>") == 1 and "<th>Target</th>" not in page
    assert client.get("/documenti/1/storico.png", query_string={"k": objective_key(2, area)}).status_code == 200


def test_check_against_another_archived_document_compares_the_two(app):  # noqa: ANN001
    """After the history test: document 2 is the same reading a year earlier."""
    client = app.test_client()
    page = client.get("/documenti/1/verifica?modo=confronto&con=2").get_data(as_text=True)
    assert "rilievi rispetto a cmp_2023.txt" in page
    assert client.get("/documenti/1/verifica?modo=piano&con=2").status_code == 200
    assert client.get("/documenti/1/verifica?modo=confronto&con=99").status_code == 404


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice non installato")
def test_pdf_of_the_relazione_when_libreoffice_is_present(app):  # noqa: ANN001
    data = _generate(app.test_client(), "relazione", report="0", pdf="1")
    assert data.startswith(b"%PDF")
