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


def best_cpu_of_pair(repeat: int, first: Callable[[], object], second: Callable[[], object],
                     min_seconds: float = 0.0) -> tuple[float, float]:
    """The least CPU time of each of two functions, run in turn (first, second, first...): a burst of
    load on a shared machine then falls on both, not on the one that happened to run during it. Runs
    go on past ``repeat`` until the first has taken ``min_seconds`` in all: a file read in 30 ms needs
    more than five tries for one of them to miss the noise."""
    times: tuple[list[float], list[float]] = ([], [])
    while len(times[0]) < repeat or sum(times[0]) < min_seconds:
        for fn, spent in zip((first, second), times, strict=True):
            start = time.process_time()
            fn()
            spent.append(time.process_time() - start)
    return min(times[0]), min(times[1])


def clear_engine_caches() -> None:
    """Forget the engine's per-text caches (heading lines, normalised words, keyword-like prefixes, header
    words, level cells, bold font names): a benchmark that repeats one document would otherwise time a
    second reading that a user never runs."""
    from relazione.extract import headings, tables
    from relazione.extract.generic import tree
    from relazione.readers import pdf_words

    headings.clear_line_caches()
    tables._field_of_words.cache_clear()
    tree.cell_level.cache_clear()
    pdf_words.is_bold_font.cache_clear()
