"""Writers for extracted records: JSON (the contract), xlsx and csv (for people: records/sheets.py)."""

from __future__ import annotations

from pathlib import Path

from relazione.fileio import write_atomic
from relazione.records.model import Records, dumps
from relazione.records.sheets import to_csv, to_xlsx

EXTENSIONS = {"json": ".json", "xlsx": ".xlsx", "csv": ".csv"}
FOR_PEOPLE = frozenset({"xlsx", "csv"})


def write_records(records: Records, out: Path, fmt: str, *, force: bool) -> None:
    if fmt == "json":
        data = dumps(records).encode("utf-8")
    elif fmt == "xlsx":
        dumps(records)  # validates before anything is written
        data = to_xlsx(records)
    else:
        dumps(records)
        data = to_csv(records)
    write_atomic(out, data, force=force)
