"""Benchmark: the PDF reader's time against pdfplumber alone, per sample PDF.

Run: .venv/bin/python bench/bench_pdf.py [--repeat N] [--json OUT.json] [PDF...]
The baseline is what any pdfplumber user pays: open the file, then ``extract_text()`` and
``extract_tables()`` on every page. The reader (``read_pdf``: tables, lines, running text,
stitching) must stay within ``TARGET_RATIO`` times that. Each figure is the best of N runs.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import sys
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of  # noqa: E402

from relazione.readers.pdf import read_pdf  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TARGET_RATIO = 1.5


def pdfplumber_alone(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("pdfs", nargs="*", type=Path, help="default: every samples/*.pdf")
    args = ap.parse_args()
    results = []
    for path in args.pdfs or sorted(SAMPLES.glob("*.pdf")):
        data = path.read_bytes()
        t_reader = best_of(args.repeat, lambda d=data, p=path: read_pdf(str(p), d))
        t_base = best_of(args.repeat, lambda d=data: pdfplumber_alone(d))
        ratio = t_reader / t_base
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        results.append({"file": path.name, "pages": pages, "reader_s": round(t_reader, 3),
                        "pdfplumber_s": round(t_base, 3), "ratio": round(ratio, 2), "ok": ratio <= TARGET_RATIO})
        print(f"{path.name:48} {pages:4} p  reader {t_reader:6.2f} s  pdfplumber {t_base:6.2f} s  "
              f"ratio {ratio:4.2f}  {'OK' if ratio <= TARGET_RATIO else 'SLOW'}", flush=True)
    machine = f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}".strip()
    print(f"machine: {machine}; target ratio <= {TARGET_RATIO}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "target_ratio": TARGET_RATIO, "results": results},
                                        indent=2), encoding="utf-8")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
