"""Helpers of the web app's tests: an app on a fresh data folder, its CSRF token, uploads that wait for the
background extraction (a real one, in the real worker process)."""

from __future__ import annotations

import html
import io
import re
import urllib.parse
from pathlib import Path

from relazione.web.app import Settings, create_app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TEXT_SAMPLE = SAMPLES / "cremona_mantova_pavia_relazione_2024.txt"
SMALL_PDF = SAMPLES / "brescia_pira_2020_ocr.pdf"


def make_app(folder: Path, **settings):  # noqa: ANN003, ANN201
    app = create_app(Settings(folder, **settings))
    app.config["TESTING"] = True
    return app


def csrf(client) -> str:  # noqa: ANN001
    page = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def upload(app, client, files: list[tuple[bytes | Path, str]]):  # noqa: ANN001, ANN201
    """Upload (content or path, name) pairs and wait until the worker has read them all."""
    parts = [(io.BytesIO(f.read_bytes() if isinstance(f, Path) else f), name) for f, name in files]
    response = client.post("/documenti", data={"csrf_token": csrf(client), "files": parts},
                           content_type="multipart/form-data", headers={"X-Requested-With": "fetch"})
    app.extensions["relazione"].extractor.wait()
    return response


def keys_in(page: str) -> list[str]:
    """The record keys the page links to (?k=...), in page order."""
    return [urllib.parse.unquote_plus(html.unescape(k)) for k in re.findall(r'[?&](?:amp;)?k=([^"&#]+)', page)]


def form_value(page: str, name: str) -> str:
    return html.unescape(re.search(rf'id="field-{name}" value="([^"]*)"', page).group(1))


def flashes(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<li class="(?:info|errore)">([^<]+)</li>', page)]
