"""Benchmark: extracting each sample PDF against pdfplumber alone, and peak memory per file.

Run: .venv/bin/python bench/bench_pdf.py [--repeat N] [--json OUT.json] [--no-big] [PDF...]
The baseline is what any pdfplumber user pays for text and tables: open the file, then
``extract_words()`` and ``find_tables()`` on every page. Ours is the whole ``relazione extract`` work
(read with the default engine, PDFium; detect the profile; extract the records), which must stay
within ``TARGET_RATIO`` times the baseline, in CPU time (a shared machine's load inflates wall time;
both are printed). Each time is the best of N runs in this process, ours and the baseline's in
turn, and of more for a short file (until ours has run ``MIN_SECONDS``); peak
memory (VmHWM) is that of a fresh ``relazione extract`` process per file. A 500-page PDF made by
repeating a sample's pages must extract under ``TARGET_MB``: memory must not grow with the pages.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_cpu_of_pair, best_of, clear_engine_caches  # noqa: E402

from relazione.extract.pipeline import extract_file  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TARGET_RATIO = 0.10
TARGET_MB = 500
MIN_SECONDS = 1.0  # of our extract per file: a short file is tried until it has run this long
BIG_PAGES = 500
BIG_SOURCE = SAMPLES / "cremona_mantova_pavia_relazione_2024.pdf"


def text_layer_samples() -> list[Path]:
    """Every sample PDF with a text layer: the scanned one is read by Tesseract, of which pdfplumber
    reads nothing, so its ratio would measure OCR against an empty baseline."""
    return sorted(p for p in SAMPLES.glob("*.pdf") if "_scanned" not in p.name)


def pdfplumber_alone(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
            page.close()


def ours(path: Path) -> None:
    clear_engine_caches()
    extract_file(path)


def peak_mb(path: Path) -> float:
    """Peak resident memory of ``relazione extract`` of ``path`` in a process of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report this
        # benchmark's own peak; VmHWM belongs to the child's own memory
        code = ("import re, sys; from relazione.cli.main import main; status = main(sys.argv[1:]); "
                "status_text = open('/proc/self/status').read(); "
                "print(re.search(r'VmHWM:\\s+(\\d+)', status_text).group(1)); sys.exit(status)")
        run = subprocess.run([sys.executable, "-c", code, "extract", str(path), "-o", str(Path(tmp) / "out.json")],
                             capture_output=True, text=True, check=False)
    if run.returncode != 0 or not run.stdout.strip():
        raise SystemExit(f"{path.name}: extract failed: {run.stderr.strip()[-300:]}")
    return int(run.stdout.split()[-1]) / 1024  # VmHWM is in KiB


def pages_of(path: Path) -> int:
    import pypdfium2 as pdfium

    with pdfium.PdfDocument(str(path)) as pdf:
        return len(pdf)


def make_big(source: Path, pages: int, out: Path) -> Path:
    """A ``pages``-page PDF: the source's pages again and again (PDFium imports pages)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    big = pdfium.PdfDocument.new()
    while len(big) < pages:
        count = min(len(src), pages - len(big))
        big.import_pages(src, list(range(count)), index=len(big))
    big.save(str(out))
    big.close()
    src.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--no-big", action="store_true", help=f"skip the {BIG_PAGES}-page PDF")
    ap.add_argument("pdfs", nargs="*", type=Path, help="default: every samples/*.pdf")
    args = ap.parse_args()
    results = []
    for path in args.pdfs or text_layer_samples():
        ours(path)  # warm-up: imports and the profiles' caches
        mine, base = best_cpu_of_pair(args.repeat, lambda p=path: ours(p), lambda p=path: pdfplumber_alone(p),
                                      MIN_SECONDS)
        wall_mine, wall_base = best_of(1, lambda p=path: ours(p)), best_of(1, lambda p=path: pdfplumber_alone(p))
        ratio, memory = mine / base, peak_mb(path)
        results.append({"file": path.name, "pages": pages_of(path), "extract_cpu_s": round(mine, 3),
                        "pdfplumber_cpu_s": round(base, 3), "ratio": round(ratio, 3),
                        "wall_ratio": round(wall_mine / wall_base, 3), "peak_mb": round(memory),
                        "ok": ratio <= TARGET_RATIO})
        print(f"{path.name:44} {results[-1]['pages']:4} p  extract {mine:6.2f} s  pdfplumber {base:6.2f} s (CPU)  "
              f"ratio {ratio:5.3f} {'OK' if ratio <= TARGET_RATIO else 'SLOW'}  (wall {wall_mine / wall_base:5.3f})  "
              f"peak {memory:5.0f} MB", flush=True)
    if not args.no_big:
        with tempfile.TemporaryDirectory() as tmp:
            big = make_big(BIG_SOURCE, BIG_PAGES, Path(tmp) / "big.pdf")
            memory = peak_mb(big)
        results.append({"file": f"{BIG_SOURCE.name} x{BIG_PAGES} pages", "pages": BIG_PAGES,
                        "peak_mb": round(memory), "ok": memory < TARGET_MB})
        print(f"{BIG_PAGES}-page PDF ({BIG_SOURCE.name} repeated): peak {memory:.0f} MB "
              f"{'OK' if memory < TARGET_MB else 'TOO MUCH'} (target < {TARGET_MB} MB)", flush=True)
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, "
               f"load {os.getloadavg()[0]:.1f}")
    print(f"machine: {machine}; target ratio <= {TARGET_RATIO}; this process peaked at "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "target_ratio": TARGET_RATIO, "results": results},
                                        indent=2), encoding="utf-8")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
