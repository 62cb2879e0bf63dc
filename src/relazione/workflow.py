"""The work behind ``relazione score``, ``render`` and ``convert``: records in, scored records or Word out."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import RelazioneError
from .records import Records, load, save
from .score_tree import records_tree
from .scoring import get_method, score_records

REPORT_SUFFIXES = (".txt", ".text", ".md", ".pdf", ".docx", ".docm")


def load_records(path: Path, profile_name: str | None = None) -> Records:
    """Records from a JSON file, or extracted from a report (.txt/.pdf/.docx) first."""
    if path.suffix.lower() in REPORT_SUFFIXES:
        from .pipeline import extract_file

        return extract_file(path, profile_name)
    return load(path)


def _method(name: str) -> str:
    try:
        get_method(name)
    except ValueError as exc:
        raise RelazioneError(None, str(exc)) from None
    return name


def score_file(path: Path, out: Path | None, *, method: str, force: bool, indicators: bool) -> int:
    if out is not None and out.exists() and not force:
        raise RelazioneError(str(out), "output exists; use --force to overwrite")
    scored = score_records(load_records(path), method=_method(method))
    sys.stdout.write(records_tree(scored, bands=get_method(method).bands, indicators=indicators))
    if out is not None:
        save(scored, out, force=force)
        print(f"{out}: records con i punteggi calcolati scritti", file=sys.stderr)
    return 0
