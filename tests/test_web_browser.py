"""The web app in a real headless browser (Debian's chromium and its driver; skipped without them): upload
the merged 2024 Relazione as a PDF, open a Mantova indicator on its highlighted page, correct its result,
download the Relazione and find the corrected value in it; a hostile file gets its error and the app goes on.

RELAZIONE_WEB_SCREENSHOTS=docs saves the screenshots the README shows."""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from web_helpers import SAMPLES, make_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
selenium = pytest.importorskip("selenium")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium e chromedriver non installati")
PDF = SAMPLES / "cremona_mantova_pavia_relazione_2024.pdf"
EXTRACTION_WAIT = 900  # the 137-page PDF on a loaded 2-core machine: about a minute, more under load
CORRECTED = "4.321,5"


@pytest.fixture
def server(tmp_path):  # noqa: ANN001, ANN201
    from waitress.server import create_server

    app = make_app(tmp_path / "dati")
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


@pytest.fixture
def browser(tmp_path):  # noqa: ANN001, ANN201
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=it-IT",
                 f"--user-data-dir={tmp_path / 'profilo'}"):
        options.add_argument(flag)
    downloads = tmp_path / "scaricati"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


def _wait(driver, condition, timeout: float = 60):  # noqa: ANN001, ANN202
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.5).until(condition)


def _shot(driver, name: str) -> None:  # noqa: ANN001
    folder = os.environ.get("RELAZIONE_WEB_SCREENSHOTS")
    if folder:
        driver.save_screenshot(str(Path(folder) / name))


def _upload(driver, base: str, path: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    driver.get(base + "/")
    driver.find_element(By.ID, "files").send_keys(str(path))
    driver.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()


def changed_pixels(png: bytes, plain: bytes) -> int:
    """Pixels the highlight changed on the page (yellow fill, red frame)."""
    import numpy as np
    from PIL import Image

    a, b = (np.asarray(Image.open(io.BytesIO(x)).convert("RGB")).astype(int) for x in (png, plain))
    return int((np.abs(a - b).sum(axis=2) > 30).sum())


def test_upload_review_correct_and_download_in_a_real_browser(server, browser, tmp_path):  # noqa: ANN001
    from docx import Document
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    app, base = server
    browser.get(base + "/")
    assert "L'archivio è vuoto" in browser.page_source
    _upload(browser, base, PDF)
    link = _wait(browser, lambda d: d.find_elements(By.LINK_TEXT, PDF.name), EXTRACTION_WAIT)[0]
    _shot(browser, "web_archivio.png")
    link.click()

    # the tree, then a Mantova indicator: its page, with the record highlighted
    _wait(browser, lambda d: d.find_element(By.ID, "tree"))
    browser.find_element(By.PARTIAL_LINK_TEXT, "Camera di Commercio di Mantova").click()
    records = app.extensions["relazione"].archive.latest_records(1)
    mantova = next(i for i, r in enumerate(records.reports) if r.ente and "Mantova" in r.ente)
    ind = next(i for i in records.reports[mantova].indicators
               if i.actual and i.actual_value and i.actual_value.value and i.provenance.page)
    browser.find_element(By.PARTIAL_LINK_TEXT, f"{ind.n}. {ind.name[:40]}").click()
    image = _wait(browser, lambda d: d.find_element(By.ID, "page-image"))
    _wait(browser, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image))
    assert f"Pagina {ind.provenance.page} di 137" in browser.page_source
    src = image.get_attribute("src")
    with urllib.request.urlopen(src, timeout=60) as lit, urllib.request.urlopen(src.split("?")[0], timeout=60) as plain:
        assert changed_pixels(lit.read(), plain.read()) > 2000  # code, title, target and result boxed
    _shot(browser, "web_revisione.png")

    # correct the result: the score is recomputed and the change listed
    field = browser.find_element(By.ID, "field-actual")
    field.clear()
    field.send_keys(CORRECTED)
    browser.find_element(By.ID, "field-note").send_keys("valore verificato sull'atto")
    browser.find_element(By.ID, "save").click()
    _wait(browser, lambda d: "salvate 1 correzioni" in d.page_source)
    assert browser.find_element(By.ID, "field-actual").get_attribute("value") == CORRECTED

    # produce the Mantova Relazione and download it
    browser.find_element(By.LINK_TEXT, "Produci").click()
    form = browser.find_element(By.ID, "genera-relazione").find_element(By.XPATH, "./..")
    Select(form.find_element(By.NAME, "report")).select_by_value(str(mantova))
    browser.find_element(By.ID, "genera-relazione").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "tr.new a.download"), 180)[0].click()
    _shot(browser, "web_produci.png")
    docx = _wait(browser, lambda d: [p for p in d.downloads.glob("*.docx")], 60)[0]
    time.sleep(0.5)
    doc = Document(str(docx))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows
                                                         for c in row.cells])
    assert "Mantova" in text and CORRECTED in text

    # a hostile file: its error on the archive page, and the app keeps working
    hostile = tmp_path / "ostile.pdf"
    hostile.write_bytes(b"%PDF-1.7\n1 0 obj << /Length 999999999 >> stream\n\x00\xff" * 50)
    _upload(browser, base, hostile)
    _wait(browser, lambda d: "ostile.pdf: PDF danneggiato" in d.page_source, 180)
    browser.get(base + "/")
    assert PDF.name in browser.page_source and "ostile.pdf: PDF danneggiato" in browser.page_source

    # drag and drop: a file dropped on the zone goes through the same upload (an empty one, refused at once)
    browser.execute_script(DROP, browser.find_element(By.ID, "upload"))
    _wait(browser, lambda d: "vuoto.txt: file vuoto" in d.find_element(By.ID, "upload-results").text, 60)


# What a file dragged from the desktop does: a drop event whose dataTransfer holds the file.
DROP = """
const zone = arguments[0], data = new DataTransfer();
data.items.add(new File([""], "vuoto.txt", {type: "text/plain"}));
zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
"""
