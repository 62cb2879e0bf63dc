"""Safe by default: the token beyond localhost, the Host header on loopback, CSRF, upload limits, paths."""

from __future__ import annotations

import io

import pytest

from web_helpers import TEXT_SAMPLE, csrf, make_app, upload

TOKEN = "segreto-di-prova-123"


@pytest.fixture
def app(tmp_path):  # noqa: ANN001, ANN201
    return make_app(tmp_path / "dati")


def test_beyond_localhost_every_request_needs_the_token(tmp_path):  # noqa: ANN001
    app = make_app(tmp_path / "dati", access_token=TOKEN, local_only=False)
    client = app.test_client()
    for url in ("/", "/documenti/1", "/documenti/1/pagina/1.png", "/prodotti/1", "/static/app.js"):
        response = client.get(url, base_url="http://192.168.1.20:8765")
        assert response.status_code == 403, url
    assert "codice di accesso" in client.get("/", base_url="http://192.168.1.20").get_data(as_text=True)
    assert client.get("/?token=sbagliato", base_url="http://192.168.1.20").status_code == 403
    assert client.get(f"/?token={TOKEN}", base_url="http://192.168.1.20").status_code == 200
    assert client.get("/", base_url="http://192.168.1.20").status_code == 200  # the session remembers it
    other = app.test_client()
    assert other.get("/", headers={"X-Token": TOKEN}, base_url="http://192.168.1.20").status_code == 200


def test_on_loopback_a_foreign_host_name_is_refused(app):  # noqa: ANN001
    client = app.test_client()
    assert client.get("/", base_url="http://127.0.0.1:8765").status_code == 200
    assert client.get("/", base_url="http://evil.example:8765").status_code == 403  # DNS rebinding


def test_a_post_without_the_csrf_token_is_refused(app):  # noqa: ANN001
    client = app.test_client()
    client.get("/")
    response = client.post("/documenti", data={"files": [(io.BytesIO(b"x"), "a.txt")]},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "token CSRF" in response.get_data(as_text=True)
    assert client.post("/documenti", data={"csrf_token": "falso"}).status_code == 400
    assert app.extensions["relazione"].archive.documents() == []


def test_oversize_upload_is_refused_with_the_limit(tmp_path):  # noqa: ANN001
    app = make_app(tmp_path / "dati", max_upload_mb=1)
    client = app.test_client()
    big = io.BytesIO(b"a" * (2 * 1024 * 1024))
    response = client.post("/documenti", data={"csrf_token": csrf(client), "files": [(big, "grande.txt")]},
                           content_type="multipart/form-data")
    assert response.status_code == 413 and "il limite per un caricamento è 1 MB" in response.get_data(as_text=True)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("url", [
    "/documenti/../../etc/passwd", "/documenti/..%2f..%2fetc%2fpasswd", "/prodotti/..%2farchivio.sqlite",
    "/documenti/1/pagina/..%2f..%2f1.png", "/static/..%2farchive.py", "/documenti/-1", "/prodotti/0x1"])
def test_path_traversal_in_a_url_reaches_nothing(app, url):  # noqa: ANN001
    response = app.test_client().get(url)
    assert response.status_code == 404
    assert b"sqlite" not in response.data.lower().replace(b"archivio.sqlite", b"") and b"root:" not in response.data


def test_path_traversal_in_parameters_reaches_nothing(app):  # noqa: ANN001
    client = app.test_client()
    upload(app, client, [(TEXT_SAMPLE, "../../../../tmp/evil.txt")])
    doc = app.extensions["relazione"].archive.document(1)
    assert doc["name"] == "evil.txt" and doc["status"] == "pronto"
    stored = list((app.extensions["relazione"].archive.folder / "file").rglob("*"))
    assert all(p.name.startswith(doc["sha256"][:2]) or p.name.startswith(doc["sha256"]) for p in stored)
    for k in ("../../archivio.sqlite", "/etc/passwd", '[0, "i", "../../x", 1]', "[[[["):
        assert client.get("/documenti/1", query_string={"k": k}).status_code == 404
        assert client.get("/documenti/1/storico", query_string={"k": k}).status_code == 404
    assert client.post("/documenti/1/genera", data={"csrf_token": csrf(client), "tipo": "../x"}).status_code == 400
    assert client.post("/documenti/1/genera", data={"csrf_token": csrf(client), "tipo": "relazione",
                                                    "report": "../1"}).status_code == 400
    assert client.get("/documenti/1/verifica?modo=piano&con=../../1").status_code == 400


def test_pages_forbid_framing_and_foreign_scripts(app):  # noqa: ANN001
    headers = app.test_client().get("/").headers
    assert headers["X-Frame-Options"] == "DENY" and "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_uploaded_markup_is_shown_as_text_never_run(app):  # noqa: ANN001
    client = app.test_client()
    upload(app, client, [(b"<script>alert(1)</script>\n", "<img src=x onerror=alert(1)>.txt")])
    page = client.get("/").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_framework_errors_are_italian_too(app):  # noqa: ANN001
    client = app.test_client()
    assert "pagina o documento inesistente" in client.get("/nessuna/pagina").get_data(as_text=True)
    response = client.get("/documenti")  # upload is POST only
    assert response.status_code == 405 and "operazione non ammessa" in response.get_data(as_text=True)
