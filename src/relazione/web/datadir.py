"""Where the archive lives: ``--dati``, else a per-user folder (as platformdirs would choose it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "relazione"


def default_data_dir() -> Path:
    """Linux: $XDG_DATA_HOME/relazione (~/.local/share/relazione); macOS: Application Support; Windows: APPDATA."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / APP
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP
    base = os.environ.get("XDG_DATA_HOME") or ""
    # the XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored
    return (Path(base) if os.path.isabs(base) else Path.home() / ".local" / "share") / APP
