"""The extraction worker: a document that kills its process ends as an error on that document; the next
document gets a new worker."""

from __future__ import annotations

import sys

import pytest

from relazione.web.archive import Archive
from relazione.web.jobs import Extractor
from web_helpers import TEXT_SAMPLE


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory limit is Linux's RLIMIT_AS")
def test_a_worker_that_dies_fails_its_document_and_the_next_one_is_read(tmp_path):  # noqa: ANN001
    archive = Archive(tmp_path).open()
    first, _ = archive.add_document("enorme.txt", ".txt", TEXT_SAMPLE.read_bytes())
    starved = Extractor(archive, memory=40 * 1024 * 1024)  # too little for Python and the readers to start
    starved.submit(first)
    starved.wait()
    doc = archive.document(first)
    assert doc["status"] == "errore" and doc["error"].startswith("enorme.txt: ")
    assert "Traceback" not in doc["error"]
    healthy = Extractor(archive)
    healthy.submit(first)
    healthy.wait()
    assert archive.document(first)["status"] == "pronto" and archive.latest_records(first) is not None
