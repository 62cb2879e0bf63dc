"""Extractor profiles: declarative TOML files in ``extractors/``, one per document family.

A profile holds what a document family looks like — detection phrases, heading patterns per
level, table-header synonyms per record field, key-value labels, report metadata patterns — so a
chamber can add its format without Python. ``family`` optionally names a module in
``relazione.families`` for the rare layout that needs code; it runs behind the same interface.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex as re

from .errors import RelazioneError
from .records import KINDS, LEVELS

INDICATOR_FIELDS = (
    "n", "code", "name", "description", "weight", "type", "unit", "algorithm", "source", "baseline",
    "target", "actual", "deviation", "status", "note",
)
OBJECTIVE_FIELDS = (
    "weight", "description", "mission", "programme", "responsible", "resources", "score", "status",
)


@dataclass(frozen=True, slots=True)
class HeadingRule:
    """How one level's headings look.

    ``keywords`` are compared fuzzily with the words before the code ("OBIETTIVO STRATEGICO",
    OCR "OBIETTIVO STRATEGIC0"); ``code`` is a regex for the code itself; ``title_next_line``
    says the title may sit on the following line(s) when the heading line holds none.
    """

    level: str
    keywords: tuple[str, ...]
    code: str = r"\d+(?:\.\d+)*"
    code_required: bool = True
    title_next_line: bool = True
    max_title_lines: int = 3
    min_similarity: float = 85.0


@dataclass(frozen=True, slots=True)
class DetectRule:
    phrases: tuple[str, ...] = ()
    lines: int = 400  # detection reads only the start of a document: it must be cheap


@dataclass(frozen=True, slots=True)
class Part:
    """One report inside a composite document: where it starts and which profile reads it."""

    start: str  # regex searched line by line, after the previous part's start
    profile: str
    ente: str | None = None  # overrides what the part's profile finds


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    description: str
    path: str
    kind: str | None = None
    family: str | None = None
    detect: DetectRule = field(default_factory=DetectRule)
    headings: tuple[HeadingRule, ...] = ()
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # record field -> header synonyms
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)  # objective field -> row labels
    report: dict[str, Any] = field(default_factory=dict)  # ente / title / year / reference_date patterns
    settings: dict[str, Any] = field(default_factory=dict)  # anything a family module reads
    parts: tuple[Part, ...] = ()  # a composite document: several reports, each with its profile

    def heading(self, level: str) -> HeadingRule | None:
        return next((h for h in self.headings if h.level == level), None)

    def required_heading(self, level: str) -> HeadingRule:
        """The rule for ``level``, for family modules that cannot work without it."""
        rule = self.heading(level)
        if rule is None:
            raise ValueError(f"profile {self.name!r} has no [headings.{level}]")
        return rule


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{where} must be a string or a list of strings")


def _check_regex(pattern: str, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{where}: bad regular expression ({exc})") from None


def _heading(level: str, spec: dict[str, Any]) -> HeadingRule:
    if level not in LEVELS:
        raise ValueError(f"headings.{level}: level must be one of {', '.join(LEVELS)}")
    rule = HeadingRule(
        level=level,
        keywords=_strings(spec.get("keywords", []), f"headings.{level}.keywords"),
        code=spec.get("code", HeadingRule.code),
        code_required=bool(spec.get("code_required", True)),
        title_next_line=bool(spec.get("title_next_line", True)),
        max_title_lines=int(spec.get("max_title_lines", 3)),
        min_similarity=float(spec.get("min_similarity", 85.0)),
    )
    _check_regex(rule.code, f"headings.{level}.code")
    return rule


def parse_profile(data: dict[str, Any], path: str) -> Profile:
    """Validate a profile's TOML data; errors name the file and the key."""
    try:
        meta = data.get("profile", {})
        name = meta["name"]
        kind = meta.get("kind")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"profile.kind must be one of {', '.join(KINDS)}")
        columns = {k: _strings(v, f"columns.{k}") for k, v in data.get("columns", {}).items()}
        unknown = set(columns) - set(INDICATOR_FIELDS)
        if unknown:
            raise ValueError(f"columns: unknown field(s) {', '.join(sorted(unknown))}")
        labels = {k: _strings(v, f"labels.{k}") for k, v in data.get("labels", {}).items()}
        unknown = set(labels) - set(OBJECTIVE_FIELDS)
        if unknown:
            raise ValueError(f"labels: unknown field(s) {', '.join(sorted(unknown))}")
        report = data.get("report", {})
        for key, patterns in report.items():
            if key == "head_lines":  # how many lines the patterns search, not a pattern
                continue
            for p in _strings(patterns, f"report.{key}"):
                _check_regex(p, f"report.{key}")
        detect = data.get("detect", {})
        parts = tuple(Part(p["start"], p["profile"], p.get("ente")) for p in data.get("parts", []))
        for i, part in enumerate(parts):
            _check_regex(part.start, f"parts[{i}].start")
        return Profile(
            name=name,
            description=meta.get("description", ""),
            path=path,
            kind=kind,
            family=meta.get("family"),
            detect=DetectRule(_strings(detect.get("phrases", []), "detect.phrases"), int(detect.get("lines", 400))),
            headings=tuple(_heading(level, spec) for level, spec in data.get("headings", {}).items()),
            columns=columns,
            labels=labels,
            report=report,
            settings=data.get("settings", {}),
            parts=parts,
        )
    except KeyError as exc:
        raise RelazioneError(path, f"profile is missing {exc.args[0]!r}") from None
    except (ValueError, TypeError) as exc:
        raise RelazioneError(path, f"bad profile: {exc}") from None


def load_profile_file(path: Path) -> Profile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RelazioneError(str(path), "no such profile file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RelazioneError(str(path), f"not a valid TOML profile ({exc})") from None
    return parse_profile(data, str(path))


@cache
def builtin_profiles() -> tuple[Profile, ...]:
    """The profiles shipped in ``relazione.extractors``, sorted by name."""
    folder = resources.files("relazione.extractors")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            where = f"extractors/{entry.name}"
            try:
                data = tomllib.loads(entry.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise RelazioneError(where, f"not a valid TOML profile ({exc})") from None
            found.append(parse_profile(data, where))
    return tuple(sorted(found, key=lambda p: p.name))


def get_profile(name: str) -> Profile:
    """A built-in profile by name, or a profile file by path."""
    if name.endswith(".toml"):
        return load_profile_file(Path(name))
    for p in builtin_profiles():
        if p.name == name:
            return p
    known = ", ".join(p.name for p in builtin_profiles())
    raise RelazioneError(None, f"unknown profile {name!r} (known: {known})")
