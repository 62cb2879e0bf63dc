"""Review: the tree, the source beside it, corrections (validated, versioned, surviving a new reading),
"verificato" marks, scores recomputed."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from relazione.web.records_view import indicator_key
from web_helpers import SMALL_PDF, TEXT_SAMPLE, csrf, flashes, form_value, keys_in, make_app, upload


@pytest.fixture(scope="module")
def text_app(tmp_path_factory):  # noqa: ANN001, ANN201
    app = make_app(tmp_path_factory.mktemp("dati"))
    upload(app, app.test_client(), [(TEXT_SAMPLE, "cmp_2024.txt")])
    return app


@pytest.fixture(scope="module")
def pdf_app(tmp_path_factory):  # noqa: ANN001, ANN201
    app = make_app(tmp_path_factory.mktemp("dati"))
    upload(app, app.test_client(), [(SMALL_PDF, "pira.pdf")])
    return app


def _scorable_indicator(app, report_idx: int = 2):  # noqa: ANN001, ANN202
    """A Mantova indicator met with a numeric ">=" target: lowering its result must lower its score."""
    records = app.extensions["relazione"].archive.latest_records(1)
    for ind in records.reports[report_idx].indicators:
        t, a = ind.target_value, ind.actual_value
        if t and a and t.op == ">=" and t.value and a.value and a.value >= t.value > 0:
            return indicator_key(report_idx, ind), ind
    raise AssertionError("no scorable indicator")


def test_tree_lists_areas_objectives_and_indicators_of_each_report(text_app):  # noqa: ANN001
    page = text_app.test_client().get("/documenti/1?r=2").get_data(as_text=True)
    assert "Camera di Commercio di Mantova" in page and 'class="objective area' in page
    assert 'class="indicator' in page and "Grado di raggiungimento dell'ente" in page


def test_unscorable_and_uncertain_records_are_listed_first(text_app):  # noqa: ANN001
    page = text_app.test_client().get("/documenti/1").get_data(as_text=True)
    to_check = page[page.index("Da verificare"): page.index('id="tree"')]
    assert "manca il consuntivo" in to_check  # Cremona 2024_04_01 has no result (README, check findings)


def test_selecting_an_indicator_shows_its_fields_and_its_source_lines(text_app):  # noqa: ANN001
    key, ind = _scorable_indicator(text_app)
    page = text_app.test_client().get("/documenti/1", query_string={"k": key}).get_data(as_text=True)
    assert form_value(page, "name") == ind.name and form_value(page, "target") == ind.target
    assert 'class="marked"' in page and f"l.{ind.provenance.line}" in page


def test_correction_is_versioned_and_the_score_recomputed(text_app):  # noqa: ANN001
    client = text_app.test_client()
    key, ind = _scorable_indicator(text_app)
    before = client.get("/documenti/1", query_string={"k": key}).get_data(as_text=True)
    assert 'id="achievement">100,00%' in before
    low = ind.target_value.value / 2
    response = client.post("/documenti/1/correzione", follow_redirects=True, data={
        "csrf_token": csrf(client), "k": key, "actual": f"{low:g}".replace(".", ","), "note": "dato dell'ufficio"})
    page = response.get_data(as_text=True)
    assert "salvate 1 correzioni; punteggi ricalcolati" in flashes(page)
    assert 'id="achievement">50,00%' in page and "dato dell&#39;ufficio" in page
    row = text_app.extensions["relazione"].archive.corrections(1)[-1]
    assert (row["field"], row["old"], row["note"]) == ("actual", ind.actual, "dato dell'ufficio")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("target", "circa trenta", "valore non riconosciuto"), ("weight", "150", "peso non valido"),
    ("name", "   ", "il titolo non può essere vuoto")])
def test_invalid_values_are_refused_and_nothing_is_saved(text_app, field, value, message):  # noqa: ANN001
    client = text_app.test_client()
    key, _ = _scorable_indicator(text_app)
    n = len(text_app.extensions["relazione"].archive.corrections(1))
    response = client.post("/documenti/1/correzione", follow_redirects=True,
                           data={"csrf_token": csrf(client), "k": key, field: value})
    assert any(message in f for f in flashes(response.get_data(as_text=True)))
    assert len(text_app.extensions["relazione"].archive.corrections(1)) == n


def test_si_no_and_operator_values_are_accepted(text_app):  # noqa: ANN001
    client = text_app.test_client()
    key, _ = _scorable_indicator(text_app, report_idx=3)
    response = client.post("/documenti/1/correzione", follow_redirects=True,
                           data={"csrf_token": csrf(client), "k": key, "target": ">= 12,5 %", "weight": "12,5"})
    page = response.get_data(as_text=True)
    assert "salvate 2 correzioni" in page and form_value(page, "target") == ">= 12,5 %"
    assert form_value(page, "weight") == "12,5"


def test_corrections_survive_reading_the_document_again(text_app):  # noqa: ANN001
    client = text_app.test_client()
    key, _ = _scorable_indicator(text_app, report_idx=0)
    client.post("/documenti/1/correzione", data={"csrf_token": csrf(client), "k": key, "unit": "giorni lavorativi"})
    client.post("/documenti/1/rileggi", data={"csrf_token": csrf(client)})
    text_app.extensions["relazione"].extractor.wait()
    page = client.get("/documenti/1", query_string={"k": key}).get_data(as_text=True)
    assert form_value(page, "unit") == "giorni lavorativi"


def test_marking_verified_shows_the_check_in_the_tree(text_app):  # noqa: ANN001
    client = text_app.test_client()
    key, _ = _scorable_indicator(text_app)
    page = client.post("/documenti/1/verificato", follow_redirects=True,
                       data={"csrf_token": csrf(client), "k": key, "verificato": "1"}).get_data(as_text=True)
    assert "✓ verificato" in page
    assert key in text_app.extensions["relazione"].archive.verified(1)


def test_unknown_record_or_report_is_not_found(text_app):  # noqa: ANN001
    client = text_app.test_client()
    assert client.get("/documenti/1", query_string={"k": '[0, "i", "nessuno", 9]'}).status_code == 404
    assert client.get("/documenti/1?r=99").status_code == 404
    assert client.get("/documenti/99").status_code == 404


def changed_pixels(png: bytes, plain: bytes) -> int:
    """Pixels the highlight changed on the page (yellow fill, red frame)."""
    import numpy as np

    a, b = (np.asarray(Image.open(io.BytesIO(x)).convert("RGB")).astype(int) for x in (png, plain))
    return int((np.abs(a - b).sum(axis=2) > 30).sum())


def test_pdf_record_opens_its_page_with_the_region_highlighted(pdf_app):  # noqa: ANN001
    client = pdf_app.test_client()
    records = pdf_app.extensions["relazione"].archive.latest_records(1)
    ind = next(i for i in records.reports[0].indicators if i.provenance.page and i.provenance.page > 1)
    key = indicator_key(0, ind)
    page = client.get("/documenti/1", query_string={"k": key}).get_data(as_text=True)
    assert f"Pagina {ind.provenance.page} di 34" in page
    assert key in keys_in(page)  # the page image asks for this record's highlight
    highlighted = client.get(f"/documenti/1/pagina/{ind.provenance.page}.png", query_string={"k": key})
    plain = client.get(f"/documenti/1/pagina/{ind.provenance.page}.png")
    assert highlighted.mimetype == "image/png"
    assert changed_pixels(highlighted.data, plain.data) > 2000


def test_page_beyond_the_document_is_not_found(pdf_app):  # noqa: ANN001
    response = pdf_app.test_client().get("/documenti/1/pagina/35.png")
    assert response.status_code == 404 and "pagina 35 inesistente" in response.get_data(as_text=True)


def test_word_record_shows_the_paragraphs_around_it(tmp_path):  # noqa: ANN001
    from web_helpers import SAMPLES

    app = make_app(tmp_path / "dati")
    client = app.test_client()
    upload(app, client, [(SAMPLES / "brescia_piao_2024_semestrale.docx", "piao.docx")])
    records = app.extensions["relazione"].archive.latest_records(1)
    ind = next(i for i in records.reports[0].indicators if i.provenance.line)
    page = client.get("/documenti/1", query_string={"k": indicator_key(0, ind)}).get_data(as_text=True)
    source = page[page.index('id="source"'):]
    assert 'class="marked"' in source and "Pagina" not in source
    assert ind.name[:30].replace("'", "&#39;") in source
