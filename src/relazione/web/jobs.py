"""Extraction in the background, with progress the pages poll.

Each document is read in a separate worker process (spawned, one at a time): a long PDF never blocks the
pages, and a hostile file that exhausts memory or crashes the PDF engine ends that process, not the
server. The worker writes its steps into the archive; a bad file ends as the command line's one-line
Italian error on its document, and the app goes on."""

from __future__ import annotations

import logging
import multiprocessing
import queue
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from relazione.errors import RelazioneError

from .archive import Archive

log = logging.getLogger(__name__)
# status -> (step, Italian label) shown while polling
STEPS = {"in_coda": (0, "in coda"), "lettura": (1, "lettura del documento"),
         "estrazione": (2, "riconoscimento di obiettivi e indicatori"), "pronto": (3, "pronto"),
         "errore": (3, "errore")}
TOTAL_STEPS = 3
WORKER_MEMORY = 2 * 1024**3  # as the robustness tests: a zip bomb or a runaway PDF stops here


def user_error(name: str, exc: BaseException) -> str:
    """The command line's message, naming the file as the user uploaded it (not the archive's path)."""
    if isinstance(exc, RelazioneError):
        return f"{name}: {exc.problem}"
    if isinstance(exc, MemoryError):
        return f"{name}: il documento richiede troppa memoria per essere letto (file danneggiato o ostile?)"
    return f"{name}: errore interno ({exc.__class__.__name__}); segnalatelo allegando il documento"


def _limit_memory(limit: int) -> None:
    if sys.platform.startswith("linux"):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def extract_in_worker(folder: str, doc_id: int) -> None:
    """The worker's whole job (a top-level function, for the process pool)."""
    from relazione.extract.pipeline import extract_document
    from relazione.readers import read_document

    archive = Archive(Path(folder))
    doc = archive.document(doc_id)
    if doc is None:
        return
    try:
        archive.set_status(doc_id, "lettura")
        document = read_document(archive.document_file(doc))
        archive.set_status(doc_id, "estrazione")
        records = extract_document(document)
        records.source.path = doc["name"]  # what documents and messages call it: the name it was uploaded as
        archive.add_extraction(doc_id, records)
        archive.set_status(doc_id, "pronto")
    except Exception as exc:  # noqa: BLE001 - any failure is this document's, never the server's
        if not isinstance(exc, RelazioneError):
            log.exception("estrazione di %s", doc["name"])
        archive.set_status(doc_id, "errore", user_error(doc["name"], exc))


@dataclass
class Extractor:
    archive: Archive
    memory: int = WORKER_MEMORY  # the worker's address space, bytes (Linux)
    _queue: queue.Queue[int] = field(default_factory=queue.Queue)
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: ProcessPoolExecutor | None = None

    def submit(self, doc_id: int) -> None:
        self.archive.set_status(doc_id, "in_coda")
        self._queue.put(doc_id)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="estrazione", daemon=True)
                self._thread.start()

    def wait(self) -> None:
        """Until every submitted document is done (tests, and a clean stop)."""
        self._queue.join()

    def _work(self) -> None:
        while True:
            doc_id = self._queue.get()
            try:
                self._run(doc_id)
                if self._queue.empty():  # idle: no worker process kept waiting (it holds a full interpreter)
                    self.shutdown()
            finally:
                self._queue.task_done()

    def _run(self, doc_id: int) -> None:
        doc = self.archive.document(doc_id)
        name = doc["name"] if doc else "documento"
        if self._pool is None:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_limit_memory, initargs=(self.memory,))
        try:
            self._pool.submit(extract_in_worker, str(self.archive.folder), doc_id).result()
        except BrokenProcessPool:  # the worker died (killed, out of memory in the engine): a new one next time
            self.shutdown()
            self.archive.set_status(doc_id, "errore", f"{name}: la lettura si è interrotta (documento danneggiato "
                                                      "o troppo grande per la memoria disponibile)")
        except Exception as exc:  # noqa: BLE001 - the server goes on whatever happened to this document
            log.exception("estrazione di %s", name)
            self.shutdown()  # a worker that failed outside the reading (its imports, its memory) is not reused
            self.archive.set_status(doc_id, "errore", user_error(name, exc))

    def shutdown(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(cancel_futures=True)
