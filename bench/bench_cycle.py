"""Benchmark: `relazione raccolta` + `relazione importa` on the largest sample (the merged 2024 Relazione,
five reports), records already extracted.

Run: .venv/bin/python bench/bench_cycle.py [--repeat N]
Times writing the raccolta workbook from the records JSON (loading included) and importing it back filled
in (every value cell written, as a dirigente would) into new records; filling the workbook is not timed.
Best of N runs after one warm-up. Target: under 2 s together (issue 11).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

from relazione.cycle.importa import import_workbooks  # noqa: E402
from relazione.cycle.layout import GUIDE_SHEET, META_SHEET, letter  # noqa: E402
from relazione.cycle.raccolta import write_raccolta  # noqa: E402
from relazione.extract.pipeline import extract_file  # noqa: E402
from relazione.records.model import save  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "samples" / "cremona_mantova_pavia_relazione_2024.txt"
TARGET_SECONDS = 2.0


def filled_copy(workbook: Path, out: Path) -> int:
    """Every value cell filled with n.d. (valid for any target); the number of rows."""
    wb = load_workbook(workbook)
    rows = 0
    for ws in wb.worksheets:
        if ws.title not in (GUIDE_SHEET, META_SHEET):
            for r in range(2, ws.max_row + 1):
                ws[f"{letter('value')}{r}"] = "n.d."
                rows += 1
    wb.save(out)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        records, workbook, filled, out = d / "records.json", d / "raccolta.xlsx", d / "filled.xlsx", d / "new.json"
        save(extract_file(SEED), records)
        with contextlib.redirect_stderr(io.StringIO()):
            write_raccolta(records, workbook, period="31/12", by="area", force=True)
            rows = filled_copy(workbook, filled)
            raccolta = best_of(args.repeat + 1, lambda: write_raccolta(records, workbook, period="31/12", by="area",
                                                                        force=True))
            importa = best_of(args.repeat + 1, lambda: import_workbooks([filled], records, out, partial=False,
                                                                        approve=False, force=True))
    total = raccolta + importa
    print(f"raccolta {raccolta:.2f} s + importa {importa:.2f} s = {total:.2f} s for {rows} indicators "
          f"(target {TARGET_SECONDS:.1f} s): {'ok' if total < TARGET_SECONDS else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
