"""Score the engine on generated layouts: every layout x sample, read with no profile given.

    .venv/bin/python scripts/layout_scores.py [--layout NAME] [--sample NAME] [--keep DIR] [--profile NAME]

Each layout (tests/layouts) lays a sample's expected records out in a file; the engine extracts it
(profile auto-detected unless --profile) and tests/compare.py scores it against the records that
layout actually wrote. Prints layout, sample, format, profile, objectives F1, indicators F1, fields.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from layouts import LAYOUTS, SAMPLES, generate  # noqa: E402
from layouts.harness import Score, score_all  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layout", action="append", choices=sorted(LAYOUTS), help="only this layout (repeatable)")
    ap.add_argument("--sample", action="append", choices=sorted(SAMPLES), help="only this sample (repeatable)")
    ap.add_argument("--keep", type=Path, help="write the generated files (and expected JSON) here")
    ap.add_argument("--profile", help="extract with this profile instead of auto-detection")
    ap.add_argument("--jobs", type=int, help="worker processes (default: one per CPU)")
    ap.add_argument("--floors", action="store_true",
                    help="print the scores as the FLOORS dict of tests/test_layouts.py")
    ap.add_argument("--problems", type=int, default=0, help="print the first N mismatches of each pair")
    ap.add_argument("--list", action="store_true", help="list the layouts and samples, and stop")
    args = ap.parse_args(argv)
    if args.list:
        for name, lay in LAYOUTS.items():
            print(f"{name:<22} {lay.fmt:<5} {' '.join((lay.build.__doc__ or '').split())}")
        print("samples:", ", ".join(SAMPLES))
        return 0
    layouts, samples = args.layout or list(LAYOUTS), args.sample or list(SAMPLES)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        scores = score_all([(lay, s) for lay in layouts for s in samples], out_dir, args.profile, args.jobs)
        if args.keep:
            _write_expected(layouts, samples, out_dir)
    print(f"{'layout':<22} {'sample':<8} {'fmt':<5} {'profile':<20} {'obj F1':>6} {'ind F1':>6} {'fields':>6} {'s':>5}")
    for s in scores:
        print(f"{s.layout:<22} {s.sample:<8} {s.fmt:<5} {s.profile[:20]:<20} {s.objectives:6.2f} {s.indicators:6.2f} "
              f"{s.fields:6.2f} {s.seconds:5.1f}" + (f"  {s.error}" if s.error else ""))
        for p in s.problems[:args.problems]:
            print(f"    {p}")
    if args.floors:
        print_floors(scores)
    n = len(scores) or 1
    print(f"mean {'':<50} {sum(s.objectives for s in scores) / n:6.2f} {sum(s.indicators for s in scores) / n:6.2f} "
          f"{sum(s.fields for s in scores) / n:6.2f}   total {time.perf_counter() - start:.1f}s")
    return 0


def floor(x: float) -> float:
    """Rounded down to 0.05."""
    return math.floor(round(x * 20, 6)) / 20


def print_floors(scores: list[Score]) -> None:
    """Scores rounded down to 0.05; the fields floor is 0 where no indicator matched (nothing was compared)."""
    print("FLOORS = {")
    for s in scores:
        if s.error:
            continue
        fields = floor(s.fields) if s.matched else 0.0
        print(f"    ({s.layout!r}, {s.sample!r}): "
              f"({floor(s.objectives):.2f}, {floor(s.indicators):.2f}, {fields:.2f}),")
    print("}")


def _write_expected(layouts: list[str], samples: list[str], out_dir: Path) -> None:
    import json

    for lay in layouts:
        for s in samples:
            path, expected = generate(lay, s, out_dir)
            path.with_name(path.name + ".expected.json").write_text(
                json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
