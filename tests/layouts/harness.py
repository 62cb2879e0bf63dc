"""Scoring the engine on generated layouts: extract with no profile (auto-detection), compare
with the layout's expected records (tests/compare.py). Used by scripts/layout_scores.py and
tests/test_layouts.py."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from compare import compare
from relazione.extract.pipeline import extract_file

from . import LAYOUTS, generate


@dataclass
class Score:
    layout: str
    sample: str
    fmt: str
    profile: str
    objectives: float
    indicators: float
    fields: float  # accuracy over the matched indicators' weight/target/actual; 1.0 when none matched
    matched: int  # indicators matched
    seconds: float
    error: str = ""
    problems: tuple[str, ...] = ()


def score_one(layout: str, sample: str, out_dir: Path, profile: str | None = None, seed: int = 0) -> Score:
    path, expected = generate(layout, sample, out_dir, seed)
    fmt = LAYOUTS[layout].fmt
    start = time.perf_counter()
    try:
        records = extract_file(path, profile)
    except Exception as exc:  # noqa: BLE001 - a reader's failure is a score of zero, reported
        return Score(layout, sample, fmt, "-", 0.0, 0.0, 0.0, 0, time.perf_counter() - start,
                     f"{type(exc).__name__}: {str(exc)[:100]}")
    result = compare(expected, records.to_dict())
    return Score(layout, sample, fmt, records.source.profile or "?", result.objectives_f1, result.indicators_f1,
                 result.fields, result.indicators[0], time.perf_counter() - start, problems=tuple(result.problems))


def score_all(pairs: list[tuple[str, str]], out_dir: Path, profile: str | None = None,
              jobs: int | None = None) -> list[Score]:
    """Every (layout, sample), in worker processes (PDFs first: they take longest), in the order given."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(pairs) == 1:
        return [score_one(lay, s, out_dir, profile) for lay, s in pairs]
    order = sorted(pairs, key=lambda p: LAYOUTS[p[0]].fmt != "pdf")
    with ProcessPoolExecutor(jobs) as pool:
        futures = {p: pool.submit(score_one, p[0], p[1], out_dir, profile) for p in order}
        return [futures[p].result() for p in pairs]
