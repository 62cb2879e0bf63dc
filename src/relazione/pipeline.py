"""Extraction of files to outputs: the work behind ``relazione extract``."""

from __future__ import annotations

import sys
from pathlib import Path

from .detect import choose_profile
from .engine import extract
from .errors import RelazioneError
from .export import EXTENSIONS, write_records
from .profiles import get_profile
from .readers import read_document
from .records import Records

EXIT_OK, EXIT_WARNINGS = 0, 1


def extract_file(path: Path, profile_name: str | None = None) -> Records:
    doc = read_document(path)
    profile = get_profile(profile_name) if profile_name else choose_profile(doc)
    return extract(doc, profile)


def _format_for(out: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    return {".xlsx": "xlsx", ".csv": "csv"}.get(out.suffix.lower(), "json")


def _outputs(files: list[Path], out: Path, fmt: str | None) -> list[tuple[Path, Path, str]]:
    if len(files) == 1 and not out.is_dir():
        return [(files[0], out, _format_for(out, fmt))]
    if out.exists() and not out.is_dir():
        raise RelazioneError(str(out), "several inputs need OUT to be a directory")
    out.mkdir(parents=True, exist_ok=True)
    fmt = fmt or "json"
    return [(f, out / (f.stem + EXTENSIONS[fmt]), fmt) for f in files]


def summary_line(path: Path, records: Records) -> str:
    n_obj = sum(len(r.objectives) for r in records.reports)
    n_ind = sum(len(r.indicators) for r in records.reports)
    line = (f"{path}: profile {records.source.profile}, {len(records.reports)} report(s), "
            f"{n_obj} objectives, {n_ind} indicators")
    if records.warnings:
        line += f", {len(records.warnings)} warning(s)"
    return line


def extract_files(files: list[Path], out: Path, *, fmt: str | None, profile_name: str | None,
                  force: bool, strict: bool) -> int:
    plan = _outputs(files, out, fmt)
    for _, target, _ in plan:
        if target.exists() and not force:
            raise RelazioneError(str(target), "output exists; use --force to overwrite")
    any_warnings = False
    for source, target, kind in plan:
        records = extract_file(source, profile_name)
        write_records(records, target, kind, force=force)
        any_warnings |= bool(records.warnings)
        print(summary_line(source, records), file=sys.stderr)
        for w in records.warnings[:5]:
            print(f"  warning {w.code} at {w.provenance}: {w.message}", file=sys.stderr)
        if len(records.warnings) > 5:
            print(f"  ... {len(records.warnings) - 5} more warning(s) in the output", file=sys.stderr)
    return EXIT_WARNINGS if strict and any_warnings else EXIT_OK
