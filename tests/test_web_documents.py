"""The archive page: upload one or many documents, background extraction with progress, bad files."""

from __future__ import annotations

import pytest

from web_helpers import TEXT_SAMPLE, flashes, make_app, upload


@pytest.fixture
def app(tmp_path):  # noqa: ANN001, ANN201
    return make_app(tmp_path / "dati")


def test_empty_archive_invites_the_first_upload(app):  # noqa: ANN001
    page = app.test_client().get("/").get_data(as_text=True)
    assert "L'archivio è vuoto" in page and 'type="file" name="files" multiple' in page


def test_upload_extracts_in_background_and_lists_ente_and_year(app):  # noqa: ANN001
    client = app.test_client()
    response = upload(app, client, [(TEXT_SAMPLE, "relazione 2024.txt")])
    assert response.get_json()["results"][0]["message"] == "relazione 2024.txt: caricato, lettura in corso"
    state = client.get("/documenti/1/stato").get_json()
    assert state["status"] == "pronto" and state["step"] == state["steps"] == 3
    page = client.get("/").get_data(as_text=True)
    assert "Camera di Commercio di Cremona" in page and "2024" in page and "relazione 2024.txt" in page


def test_same_bytes_uploaded_twice_are_one_document(app):  # noqa: ANN001
    client = app.test_client()
    upload(app, client, [(TEXT_SAMPLE, "a.txt")])
    again = upload(app, client, [(TEXT_SAMPLE, "b.txt")]).get_json()["results"][0]
    assert again == {"id": 1, "message": "b.txt: già nell'archivio"}


def test_hostile_files_get_the_command_lines_error_and_the_app_keeps_working(app):  # noqa: ANN001
    client = app.test_client()
    upload(app, client, [(b"%PDF-1.7\n\x00\x01 not really a pdf", "rotto.pdf"),
                         (b"PK\x03\x04 not a zip at all", "finto.docx"), (b"MZ\x90\x00", "programma.exe")])
    page = client.get("/").get_data(as_text=True)
    assert "rotto.pdf: PDF danneggiato o troncato" in page
    assert "finto.docx: " in page and "Traceback" not in page
    assert client.get("/documenti/1/stato").get_json()["status"] == "errore"
    # the .exe was refused at the door, with a reason, and never stored
    assert client.get("/documenti/3/stato").status_code == 404
    response = upload(app, client, [(TEXT_SAMPLE, "buono.txt")])
    assert response.status_code == 200 and client.get("/documenti/3/stato").get_json()["status"] == "pronto"


def test_unsupported_format_is_refused_with_an_italian_reason(app):  # noqa: ANN001
    client = app.test_client()
    result = upload(app, client, [(b"ciao", "note.odt")]).get_json()["results"][0]
    assert result == {"id": None, "message": "note.odt: formato non supportato (si caricano PDF, Word .docx, "
                                            "Excel .xlsx, testo .txt)"}


def test_upload_without_script_redirects_with_the_messages(app):  # noqa: ANN001
    from web_helpers import csrf

    client = app.test_client()
    import io

    response = client.post("/documenti", data={"csrf_token": csrf(client), "files": [(io.BytesIO(b""), "vuoto.txt")]},
                           content_type="multipart/form-data", follow_redirects=True)
    assert "vuoto.txt: file vuoto" in flashes(response.get_data(as_text=True))


def test_review_of_a_document_still_being_read_shows_the_progress(app):  # noqa: ANN001
    archive = app.extensions["relazione"].archive
    doc_id, _ = archive.add_document("lungo.txt", ".txt", b"Relazione sulla performance 2024\n")
    page = app.test_client().get(f"/documenti/{doc_id}").get_data(as_text=True)
    assert "Lettura in corso" in page and 'id="progress"' in page


def test_reread_keeps_the_document_and_reads_it_again(app):  # noqa: ANN001
    client = app.test_client()
    upload(app, client, [(TEXT_SAMPLE, "r.txt")])
    from web_helpers import csrf

    response = client.post("/documenti/1/rileggi", data={"csrf_token": csrf(client)}, follow_redirects=True)
    assert "r.txt: nuova lettura in corso" in response.get_data(as_text=True)
    app.extensions["relazione"].extractor.wait()
    with app.extensions["relazione"].archive.conn() as c:
        assert c.execute("SELECT count(*) FROM extractions WHERE document_id = 1").fetchone()[0] == 2
