"""Atomic writes: an output file is either complete or absent, and never silently replaced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from relazione.errors import RelazioneError


def _umask() -> int:
    """The process umask (reading it means setting it: put it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    The temporary file is created 0600; it gets the mode a plain ``open()`` would give (0666 minus the
    user's umask, 0644 by default) before the rename, so colleagues on a shared folder can open the output.
    """
    if path.exists() and not force:
        raise RelazioneError(str(path), "il file esiste già; usare --force per sovrascriverlo")
    if path.is_dir():
        raise RelazioneError(str(path), "è una cartella, non un file da scrivere")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise RelazioneError(str(path), f"la cartella {folder} non esiste")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
