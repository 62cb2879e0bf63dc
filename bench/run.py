"""The benchmark suite: every figure beside a baseline measured in the same run, as a ratio.

Run (also ``make bench``):  .venv/bin/python bench/run.py [--repeat N] [--quick]

- extract, per sample and format, against: txt, reading and decoding the file; docx, python-docx opening
  it and reading every paragraph and cell; pdf, pdfplumber alone (extract_words + find_tables per page;
  bench_pdf.py adds peak memory);
- render the Mantova Relazione to Word, against docxtpl loading the template and saving it unrendered;
- check two drafts of the merged 2024 seed (records JSON), against loading both JSON files;
- the generic engine on the merged seed repeated ten times (codes renumbered), against the seed once;
- batch extract of 20 files with -j 2, against the same batch with -j 1.

Results go to ``bench/results/<date-time>.json`` (with the machine) so runs can be compared.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of  # noqa: E402

from relazione.extract.pipeline import extract_file  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RESULTS = ROOT / "bench" / "results"
STEMS = sorted(p.stem for p in (SAMPLES / "expected").glob("*.json"))


def read_text_baseline(path: Path) -> None:
    path.read_bytes().decode("utf-8", "replace").splitlines()


def docx_baseline(path: Path) -> None:
    import docx

    document = docx.Document(str(path))
    for p in document.paragraphs:
        _ = p.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def pdf_baseline(path: Path) -> None:
    from bench_pdf import pdfplumber_alone

    pdfplumber_alone(path)


BASELINES = {"txt": ("read the file", read_text_baseline), "docx": ("python-docx alone", docx_baseline),
             "pdf": ("pdfplumber alone", pdf_baseline)}


def figure(name: str, seconds: float, baseline_name: str, baseline: float) -> dict[str, object]:
    ratio = seconds / baseline if baseline else float("inf")
    print(f"{name:55} {seconds * 1000:9.1f} ms   {baseline_name:22} {baseline * 1000:9.1f} ms   ratio {ratio:7.2f}")
    return {"figure": name, "seconds": round(seconds, 5), "baseline": baseline_name,
            "baseline_seconds": round(baseline, 5), "ratio": round(ratio, 3)}


def bench_extract(repeat: int, formats: tuple[str, ...]) -> list[dict[str, object]]:
    out = []
    for stem in STEMS:
        for ext in formats:
            path = SAMPLES / f"{stem}.{ext}"
            if not path.exists():
                continue
            n = 1 if ext == "pdf" else repeat  # a PDF takes seconds: one timed run each
            extract_file(path) if ext != "pdf" else None  # warm-up (imports, caches)
            base_name, base_fn = BASELINES[ext]
            base = best_of(n, lambda p=path, f=base_fn: f(p))
            mine = best_of(n, lambda p=path: extract_file(p))
            out.append(figure(f"extract {path.name}", mine, base_name, base))
    return out


def bench_render(repeat: int) -> dict[str, object]:
    from importlib import resources

    from docxtpl import DocxTemplate

    from relazione.render.word import render_report
    from relazione.scoring.aggregate import score_records

    records = score_records(extract_file(SAMPLES / "cremona_mantova_pavia_relazione_2024.txt"))
    report = next(r for r in records.reports if r.ente and "Mantova" in r.ente)
    template = resources.files("relazione.templates").joinpath("relazione.docx")

    def baseline() -> None:
        with resources.as_file(template) as path:
            DocxTemplate(str(path)).save(io.BytesIO())

    render_report(report)  # warm-up
    return figure("render Mantova Relazione (62 objectives, 112 indicators)",
                  best_of(repeat, lambda: render_report(report)), "docxtpl load+save", best_of(repeat, baseline))


def bench_check(repeat: int) -> dict[str, object]:
    from bench_check import check, drafts

    with tempfile.TemporaryDirectory() as tmp:
        a, b = drafts(Path(tmp))
        check(a, b)  # warm-up
        mine = best_of(repeat, lambda: check(a, b))
        base = best_of(repeat, lambda: [json.loads(p.read_text(encoding="utf-8")) for p in (a, b)])
    return figure("check two drafts of the merged 2024 seed", mine, "json.load both", base)


def bench_scaling(repeat: int, times: int = 10) -> dict[str, object]:
    from bench_scaling import SAMPLE, repeated, timed

    text = SAMPLE.read_text(encoding="utf-8")
    return figure(f"generic engine on the merged seed {times}x (target ratio <= {int(1.2 * times)})",
                  timed(repeated(text, times), repeat), "the same, 1x", timed(text, repeat))


def bench_batch(n_files: int) -> dict[str, object]:
    from relazione.cli.main import main as cli

    sources = [SAMPLES / f"{stem}.{ext}" for stem in STEMS for ext in ("txt", "docx")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(n_files):
            src = sources[i % len(sources)]
            shutil.copy(src, folder / f"{i:02d}_{src.name}")

        def run(jobs: int) -> None:
            cli(["extract", str(folder), "-o", str(Path(tmp) / f"out{jobs}"), "-j", str(jobs), "--force"])

        devnull = open(os.devnull, "w")  # noqa: SIM115 - the batch prints a summary we do not want here
        stdout, stderr = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = devnull
        try:
            one = best_of(1, lambda: run(1))
            two = best_of(1, lambda: run(2))
        finally:
            sys.stdout, sys.stderr = stdout, stderr
            devnull.close()
    return figure(f"batch extract of {n_files} files, -j 2", two, "same batch, -j 1", one)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="skip the PDFs (the slow part)")
    args = ap.parse_args()
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
               f"Python {platform.python_version()}")
    print(f"machine: {machine}")
    formats = ("txt", "docx") if args.quick else ("txt", "docx", "pdf")
    figures = bench_extract(args.repeat, formats)
    figures.append(bench_render(args.repeat))
    figures.append(bench_check(args.repeat))
    figures.append(bench_scaling(args.repeat))
    figures.append(bench_batch(20))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / time.strftime("%Y%m%d-%H%M%S.json")
    out.write_text(json.dumps({"machine": machine, "figures": figures}, indent=2), encoding="utf-8")
    print(f"results: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
