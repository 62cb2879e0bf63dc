"""Benchmark: no step of the generic engine is quadratic in the number of objectives or indicators.

Run: .venv/bin/python bench/bench_scaling.py [--repeat N] [--times K]

The largest text sample is read with the generic engine once as it is and once repeated K times (10 by
default), each copy's codes renumbered ("1.2.3" -> "11.2.3" in the second copy ...) so that the copies are
new objectives, not the same ones named again. Target (issue 9): K times the content in at most 1.2 K
times the time. The engine's caches (header words, heading lines) are cleared before every run, so a
repeated line costs what it costs in a new document.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import regex as re

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of, clear_engine_caches  # noqa: E402

from relazione.extract.engine import extract  # noqa: E402
from relazione.extract.profiles import get_profile  # noqa: E402
from relazione.readers.text import read_text  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "cremona_mantova_pavia_relazione_2024.txt"
_CODE_HEAD = re.compile(r"(?<![\d.])(\d{1,2})(?=(?:\.\d+)+)")
MAX_RATIO_PER_COPY = 1.2


def repeated(text: str, times: int) -> str:
    copies = [_CODE_HEAD.sub(lambda m, k=k: str(int(m.group(1)) + 10 * k), text) for k in range(times)]
    return "\n".join(copies)


def timed(text: str, repeat: int) -> float:
    doc = read_text("bench.txt", text.encode("utf-8"))
    profile = get_profile("generic")

    def run() -> None:
        clear_engine_caches()
        extract(doc, profile)

    return best_of(repeat, run)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--times", type=int, default=10)
    args = ap.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    one = timed(text, args.repeat)
    many = timed(repeated(text, args.times), args.repeat)
    ratio = many / one
    limit = MAX_RATIO_PER_COPY * args.times
    print(f"generic engine, {SAMPLE.name}: 1x {one:.3f} s, {args.times}x {many:.3f} s, "
          f"ratio {ratio:.1f} (limit {limit:.0f}) {'OK' if ratio <= limit else 'TOO SLOW'}")
    return 0 if ratio <= limit else 1


if __name__ == "__main__":
    raise SystemExit(main())
