"""Page progress on stderr while a long PDF is read: a bar on a terminal, plain lines elsewhere.

Nothing shows for a PDF read within ``DELAY`` seconds (most of them, with PDFium), so quick runs and
tests stay quiet; past that a person waiting sees the pages go by.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

DELAY = 3.0  # seconds before anything is shown
LINE_EVERY = 5.0  # seconds between plain lines when stderr is no terminal


@contextmanager
def page_progress(path: str, total: int) -> Iterator[Callable[[], None]]:
    """Yields ``advance()``, to call once per page read."""
    # a batch's worker stays quiet: several bars on one terminal would scramble it
    stream = sys.stderr if multiprocessing.current_process().name == "MainProcess" else None
    if stream is not None and stream.isatty():
        from tqdm import tqdm

        with tqdm(total=total, desc=Path(path).name, unit="pag", file=stream, delay=DELAY, leave=False) as bar:
            yield lambda: bar.update(1)
        return
    start = last = time.monotonic()
    done = 0

    def advance() -> None:
        nonlocal done, last
        done += 1
        now = time.monotonic()
        if stream is not None and now - start > DELAY and now - last > LINE_EVERY and done < total:
            print(f"{Path(path).name}: pagina {done} di {total}", file=stream, flush=True)
            last = now

    yield advance
