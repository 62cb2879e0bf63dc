"""Names that came with a request are shown, never used for files: these make them safe to show and to offer."""

from __future__ import annotations

from pathlib import PurePath

MAX_NAME = 200


def display_name(raw: str | None) -> str:
    """The uploaded name, for showing only: its last component, no control characters, not too long."""
    name = PurePath((raw or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[-MAX_NAME:] or "documento"


def download_name(document_name: str, what: str, suffix: str) -> str:
    """"relazione_mantova_2024.docx": what it is and the uploaded name's stem, ASCII for every browser."""
    stem = PurePath(document_name).stem
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in stem).strip("_")
    return f"{what}_{safe[:80] or 'documento'}{suffix}"
