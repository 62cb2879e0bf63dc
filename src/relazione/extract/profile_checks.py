"""Checkers for the values of a profile file: each returns the value or raises :class:`Bad` with a one-line
Italian message naming the key (``profiles`` turns it into ``RelazioneError(file, message)``)."""

from __future__ import annotations

from typing import Any

import regex as re
from rapidfuzz import fuzz, process


class Bad(Exception):
    """A problem in one profile file; becomes ``RelazioneError(file, message)``."""


def suggest(name: str, known: tuple[str, ...] | list[str]) -> str:
    hit = process.extractOne(name, known, scorer=fuzz.ratio, score_cutoff=60)
    if hit:
        return f" (forse {hit[0]!r}?)"
    return f" (ammessi: {', '.join(known)})"


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"un valore vero/falso ({str(value).lower()})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"un testo ({shown!r})"
    if isinstance(value, int):
        return f"un intero ({value})"
    if isinstance(value, float):
        return f"un numero ({value})"
    if isinstance(value, list):
        return "un elenco"
    if isinstance(value, dict):
        return "una tabella"
    return type(value).__name__


def known_keys(table: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in known:
            raise Bad(f"chiave sconosciuta '{dotted(where, key)}'{suggest(key, known)}")


def dotted(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Bad(f"{where} deve essere una tabella ([{where}]), non {type_name(value)}")
    return value


def string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise Bad(f"{where} deve essere un testo, non {type_name(value)}")
    return value


def string_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list):
        raise Bad(f"{where} deve essere un elenco di testi ([\"...\"]), non {type_name(value)}")
    for item in value:
        if not isinstance(item, str):
            raise Bad(f"{where} deve essere un elenco di testi, ma contiene {type_name(item)}")
    return value


def patterns(value: Any, where: str) -> list[str]:
    """A regex or a list of regexes (``[report]`` keys), each compiled."""
    patterns = [value] if isinstance(value, str) else string_list(value, where)
    for p in patterns:
        regex(p, where)
    return patterns


def regex(pattern: str, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
        raise Bad(f"{where}: espressione regolare non valida '{shown}' ({exc})".replace("\n", " ")) from None


def integer(value: Any, where: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Bad(f"{where} deve essere un intero, non {type_name(value)}")
    if value < minimum:
        raise Bad(f"{where} deve essere almeno {minimum}, non {value}")
    return value


def number(value: Any, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Bad(f"{where} deve essere un numero, non {type_name(value)}")
    if not low <= value <= high:
        raise Bad(f"{where} deve essere fra {low:g} e {high:g}, non {value}")
    return float(value)


def boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise Bad(f"{where} deve essere true o false, non {type_name(value)}")
    return value
