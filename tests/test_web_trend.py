"""The Relazione downloaded from the web app carries the trend of the ente's years archived before it."""

from __future__ import annotations

import re

from trend_helpers import at_least_percent, earlier_year, shown_percent, trend_tables
from web_helpers import TEXT_SAMPLE, csrf, flashes, make_app, upload

MANTOVA = "2"  # the report number in the form


def _relazione(client, doc_id: int, *, years: str | None = None) -> bytes:  # noqa: ANN001
    """The Relazione of the document's Mantova report; ``years``: what the page says the trend shows."""
    response = client.post(f"/documenti/{doc_id}/genera", follow_redirects=True,
                           data={"csrf_token": csrf(client), "tipo": "relazione", "report": MANTOVA})
    page = response.get_data(as_text=True)
    assert "documento generato" in page, flashes(page)
    told = [f for f in flashes(page) if "andamento" in f]
    assert told == ([f"la Relazione riporta l'andamento degli anni archiviati {years}"] if years else [])
    new = re.search(r'<tr class="new">.*?href="(/prodotti/\d+)"', page, re.S).group(1)
    return client.get(new).data


def test_relazione_download_holds_the_years_archived_before(tmp_path) -> None:  # noqa: ANN001
    app = make_app(tmp_path / "dati")
    client = app.test_client()
    upload(app, client, [(TEXT_SAMPLE, "cmp_2024.txt")])
    archive = app.extensions["relazione"].archive
    records = archive.latest_records(1)
    assert trend_tables(_relazione(client, 1)) == {}  # nothing archived before: no trend
    for year, share in ((2022, 0.5), (2023, 1.0)):
        doc_id, _ = archive.add_document(f"cmp_{year}.txt", ".txt", f"the {year} report".encode())
        archive.add_extraction(doc_id, earlier_year(records, year, share))
    data = _relazione(client, 1, years="2022, 2023")
    ind = next(filter(at_least_percent, records.reports[int(MANTOVA)].indicators))
    rows = trend_tables(data)[ind.name]
    assert [r[0] for r in rows] == ["2022", "2023", "2024"]
    assert rows[0][2:] == [shown_percent(ind.target_value.value / 2), "50,00%"]
    assert rows[1][2:] == [shown_percent(ind.target_value.value), "100,00%"]
    # the 2023 document's own Relazione shows 2022 only: a later year is no history
    assert [r[0] for r in trend_tables(_relazione(client, 3, years="2022"))[ind.name]] == ["2022", "2023"]
