"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs: the run least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def best_cpu_of(repeat: int, fn: Callable[[], object]) -> float:
    """The least CPU time of ``repeat`` runs: on a machine shared with other work, wall time measures
    the others too; CPU time of this single-threaded process does not (PDFium runs in it as well)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def clear_engine_caches() -> None:
    """Forget the engine's per-text caches (heading lines, header words): a benchmark that repeats one
    document would otherwise time a second reading that a user never runs."""
    from relazione.extract import headings, tables

    headings.match_any.cache_clear()
    tables._field_of_words.cache_clear()
