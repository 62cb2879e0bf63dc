"""The guard every Office Open XML reader (Word, Excel) runs before its library opens the zip.

python-docx and openpyxl inflate whatever the zip holds: a 1 MB file can expand to gigabytes. The
sizes the zip declares are an upper bound (``zipfile`` stops reading a member at its declared size),
so summing them refuses a zip bomb before anything is inflated.
"""

from __future__ import annotations

import io
import zipfile

from relazione.errors import RelazioneError

MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024


def zip_names(data: bytes) -> set[str] | None:
    """The member names of a zip, or None when ``data`` is not one: content tells a Word file from
    a workbook whatever the extension says."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def check_package(path: str, data: bytes, *, part: str, kind: str,
                  limit: int = MAX_UNCOMPRESSED_BYTES) -> None:
    """Refuse, as one-line errors, what is not a zip, a zip without ``part`` (the main XML part of
    a ``kind``), and a zip that expands to more than ``limit`` bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if part not in set(zf.namelist()):
                raise RelazioneError(path, f"un archivio zip ma non è {kind} (manca {part})")
            if sum(i.file_size for i in zf.infolist()) > limit:
                raise RelazioneError(path, f"decompresso supera {limit // 2**20} MB: rifiutato")
    except zipfile.BadZipFile:
        raise RelazioneError(path, f"non è {kind} (non è un archivio zip)") from None
