"""Benchmark: `relazione check OLD NEW` on two drafts of the merged 2024 seed, records already extracted.

Run: .venv/bin/python bench/bench_check.py [--repeat N]
The two drafts are the seed's records and a copy with a few planted changes, both saved as JSON; the
time covers what the command does with them: loading both files (schema validation included), the
diff, the checks of both drafts and the JSON output. Best of N runs after one warm-up.
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
from pathlib import Path

from relazione.check.diff import diff_records
from relazione.check.output import to_json
from relazione.extract.pipeline import extract_file
from relazione.records.model import load, save
from relazione.records.values import parse_value

SEED = Path(__file__).resolve().parent.parent / "samples" / "cremona_mantova_pavia_relazione_2024.txt"
TARGET_SECONDS = 0.5  # issue 5


def drafts(folder: Path) -> tuple[Path, Path]:
    old = extract_file(SEED)
    new = copy.deepcopy(old)
    report = new.reports[2]
    report.objectives[5].title += " (rivisto)"
    report.objectives[7].weight = (report.objectives[7].weight or 0) + 5
    ind = report.indicators[10]
    ind.target, ind.target_value = ">= 99", parse_value(">= 99")
    del report.indicators[20]
    a, b = folder / "old.json", folder / "new.json"
    save(old, a)
    save(new, b)
    return a, b


def check(a: Path, b: Path) -> int:
    findings = diff_records(load(a), load(b))
    to_json(findings)
    return len(findings)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        a, b = drafts(Path(tmp))
        n = check(a, b)  # warm-up
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            check(a, b)
            times.append(time.perf_counter() - start)
    best = min(times)
    verdict = "ok" if best < TARGET_SECONDS else "TOO SLOW"
    print(f"check OLD NEW (merged 2024 seed, records JSON): {best:.3f} s best of {args.repeat}, "
          f"{n} findings; target < {TARGET_SECONDS} s: {verdict}")
    return 0 if best < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
