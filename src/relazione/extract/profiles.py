"""Extractor profiles: declarative TOML files in ``extractors/``, one per document family.

A profile holds what a document family looks like — detection phrases, heading patterns per
level, table-header synonyms per record field, key-value labels, report metadata patterns — so a
chamber can add its format without Python. ``family`` optionally names a module in
``relazione.extract.families`` for the rare layout that needs code; it runs behind the same interface.

Inheritance: every profile inherits from ``generic`` unless its ``[profile] inherits`` names
another profile (a built-in name or a ``.toml`` path, relative to the file) or is ``false``;
``generic`` itself inherits nothing. In ``[report]``, ``[headings.<level>]``, ``[columns]``,
``[labels]``, ``[settings]`` and ``[kinds]`` (:mod:`relazione.extract.profile_kinds`) a key the child
writes replaces the parent's, the other keys are
the parent's; an empty list removes an inherited key (a heading level without keywords is
removed); ``[extend.<section>]`` adds to the parent's lists instead; ``[profile] own = [...]``
names sections the child states in full (nothing of the parent's in them). ``[detect]`` is never
inherited (detection scores each profile by its own phrases), ``[settings]`` never from
``generic``. Every file is validated on its own before the merge: an unknown section or key, a
wrong type, a regex that does not compile is a :class:`RelazioneError` naming the file and the key.
"""

from __future__ import annotations

import importlib.util
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex as re

from relazione.errors import RelazioneError
from relazione.extract import profile_checks as checks
from relazione.extract.profile_kinds import KindRule, build_kinds, check_kinds
from relazione.records.model import KINDS, LEVELS

GENERIC = "generic"
INDICATOR_FIELDS = (
    "n", "code", "name", "description", "weight", "type", "unit", "algorithm", "source", "baseline",
    "target", "actual", "deviation", "status", "note",
)
OBJECTIVE_FIELDS = (
    "code", "weight", "description", "mission", "programme", "responsible", "resources", "score", "status",
)
REPORT_PATTERNS = ("ente", "title", "year", "reference_date")
SECTIONS = ("profile", "detect", "report", "headings", "columns", "labels", "settings", "parts", "extend", "kinds")
# The sections a child takes from its parent (key by key); [detect] is always the profile's own.
INHERITED = ("report", "headings", "columns", "labels", "settings", "parts", "kinds")
_FAMILY_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


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
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # a profile's rules are the key of the per-line caches (match_any, the screen): hashed once, not
        # field by field at every line
        object.__setattr__(self, "_hash", hash((self.level, self.keywords, self.code, self.code_required,
                                                 self.title_next_line, self.max_title_lines, self.min_similarity)))

    def __hash__(self) -> int:
        return self._hash


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
    kinds: dict[str, KindRule] = field(default_factory=dict)  # how a kind of document arranges its objectives
    # the labels casefolded, by field and all together: every line of a document is tried against them
    casefolded_labels: tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...]] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_field = tuple((name, tuple(label.casefold() for label in labels)) for name, labels in self.labels.items())
        object.__setattr__(self, "casefolded_labels", (by_field, tuple(label for _, labels in by_field
                                                                        for label in labels)))

    def heading(self, level: str) -> HeadingRule | None:
        return next((h for h in self.headings if h.level == level), None)

    def required_heading(self, level: str) -> HeadingRule:
        """The rule for ``level``, for family modules that cannot work without it."""
        rule = self.heading(level)
        if rule is None:
            raise ValueError(f"profile {self.name!r} has no [headings.{level}]")
        return rule


# --- validation of one file ------------------------------------------------------------------------

def _check_profile_meta(meta: dict[str, Any]) -> None:
    checks.known_keys(meta, ("name", "description", "kind", "family", "inherits", "own"), "profile")
    if "name" not in meta:
        raise checks.Bad("manca la chiave obbligatoria 'profile.name'")
    if not checks.string(meta["name"], "profile.name").strip():
        raise checks.Bad("profile.name non può essere vuoto")
    if "description" in meta:
        checks.string(meta["description"], "profile.description")
    if "kind" in meta and checks.string(meta["kind"], "profile.kind") not in KINDS:
        raise checks.Bad(f"profile.kind deve essere uno fra {', '.join(KINDS)}, non {meta['kind']!r}")
    if "family" in meta:
        family = checks.string(meta["family"], "profile.family")
        if not _FAMILY_NAME.match(family) or importlib.util.find_spec(f"relazione.extract.families.{family}") is None:
            raise checks.Bad(f"profile.family: nessun modulo di famiglia {family!r} in relazione.extract.families")
    if "inherits" in meta:
        parent = meta["inherits"]
        if parent is not False and not (isinstance(parent, str) and parent.strip()):
            raise checks.Bad("profile.inherits deve essere il nome di un profilo, un file .toml o false, "
                       f"non {checks.type_name(parent)}")
    for section in checks.string_list(meta.get("own", []), "profile.own"):
        if section not in INHERITED:
            raise checks.Bad(f"profile.own: {section!r} non è una sezione ereditata"
                             f"{checks.suggest(section, INHERITED)}")


def _check_heading(level: str, spec: Any, where: str, extend: bool = False) -> None:
    if level not in LEVELS:
        raise checks.Bad(f"livello di titolo sconosciuto '{where}'{checks.suggest(level, LEVELS)}")
    spec = checks.table(spec, where)
    keys = ("keywords",) if extend else (
        "keywords", "code", "code_required", "title_next_line", "max_title_lines", "min_similarity")
    checks.known_keys(spec, keys, where)
    if "keywords" in spec:
        checks.string_list(spec["keywords"], f"{where}.keywords")
    if "code" in spec:
        checks.regex(checks.string(spec["code"], f"{where}.code"), f"{where}.code")
    for key in ("code_required", "title_next_line"):
        if key in spec:
            checks.boolean(spec[key], f"{where}.{key}")
    if "max_title_lines" in spec:
        checks.integer(spec["max_title_lines"], f"{where}.max_title_lines", 0)
    if "min_similarity" in spec:
        checks.number(spec["min_similarity"], f"{where}.min_similarity", 0, 100)


def _check_fields(table: Any, known: tuple[str, ...], where: str) -> None:
    for key, value in checks.table(table, where).items():
        if key not in known:
            raise checks.Bad(f"campo {'di colonna' if where.endswith('columns') else 'di etichetta'} sconosciuto "
                       f"'{checks.dotted(where, key)}'{checks.suggest(key, known)}")
        checks.string_list(value, f"{where}.{key}")


def _check_report(table: Any, where: str, extend: bool = False) -> None:
    keys = REPORT_PATTERNS if extend else (*REPORT_PATTERNS, "head_lines")
    table = checks.table(table, where)
    checks.known_keys(table, keys, where)
    for key, value in table.items():
        if key == "head_lines":
            checks.integer(value, f"{where}.head_lines", 1)
        else:
            checks.patterns(value, f"{where}.{key}")


def _check_parts(parts: Any) -> None:
    if not isinstance(parts, list):
        raise checks.Bad(f"parts deve essere un elenco di tabelle ([[parts]]), non {checks.type_name(parts)}")
    for i, part in enumerate(parts):
        where = f"parts[{i}]"
        part = checks.table(part, where)
        checks.known_keys(part, ("start", "profile", "ente"), where)
        for key in ("start", "profile"):
            if key not in part:
                raise checks.Bad(f"manca la chiave obbligatoria '{where}.{key}'")
            checks.string(part[key], f"{where}.{key}")
        checks.regex(part["start"], f"{where}.start")
        if "ente" in part:
            checks.string(part["ente"], f"{where}.ente")


def _check_extend(extend: Any) -> None:
    extend = checks.table(extend, "extend")
    for section, table in extend.items():
        where = f"extend.{section}"
        if section in ("detect", "settings", "parts", "profile"):
            raise checks.Bad(f"[{where}]: [{section}] non si può estendere (solo report, headings, columns, labels)")
        if section not in ("report", "headings", "columns", "labels"):
            extensible = ("report", "headings", "columns", "labels")
            raise checks.Bad(f"sezione sconosciuta '{where}'{checks.suggest(section, extensible)}")
        if section == "report":
            _check_report(table, where, extend=True)
        elif section == "headings":
            for level, spec in checks.table(table, where).items():
                _check_heading(level, spec, f"{where}.{level}", extend=True)
        else:
            _check_fields(table, INDICATOR_FIELDS if section == "columns" else OBJECTIVE_FIELDS, where)


def check_profile_data(data: dict[str, Any]) -> None:
    """Every section and key of one profile file is known and of the right type (raises checks.Bad)."""
    for section in data:
        if section not in SECTIONS:
            raise checks.Bad(f"sezione sconosciuta '{section}'{checks.suggest(section, SECTIONS)}")
    if "profile" not in data:
        raise checks.Bad("manca la sezione obbligatoria [profile] (con la sua chiave 'name')")
    _check_profile_meta(checks.table(data["profile"], "profile"))
    if "detect" in data:
        detect = checks.table(data["detect"], "detect")
        checks.known_keys(detect, ("phrases", "lines"), "detect")
        checks.string_list(detect.get("phrases", []), "detect.phrases")
        if "lines" in detect:
            checks.integer(detect["lines"], "detect.lines", 1)
    if "report" in data:
        _check_report(data["report"], "report")
    for level, spec in checks.table(data.get("headings", {}), "headings").items():
        _check_heading(level, spec, f"headings.{level}")
    _check_fields(data.get("columns", {}), INDICATOR_FIELDS, "columns")
    _check_fields(data.get("labels", {}), OBJECTIVE_FIELDS, "labels")
    checks.table(data.get("settings", {}), "settings")  # free-form: the family module reads it
    check_kinds(data.get("kinds", {}))
    _check_parts(data.get("parts", []))
    _check_extend(data.get("extend", {}))


# --- sources and inheritance --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Source:
    data: dict[str, Any]
    where: str  # the file as errors name it
    key: str  # identity, for cycles
    parent_ref: Callable[[str], _Source]  # resolves an ``inherits`` value written in this file


def _read_toml(text: str, where: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RelazioneError(where, f"non è un profilo TOML valido ({exc})") from None
    try:
        check_profile_data(data)
    except checks.Bad as exc:
        raise RelazioneError(where, str(exc)) from None
    return data


@cache
def _builtin_sources() -> dict[str, _Source]:
    """The shipped profile files, validated, by file name."""
    folder = resources.files("relazione.extractors")
    sources: dict[str, _Source] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            where = f"extractors/{entry.name}"
            data = _read_toml(entry.read_text(encoding="utf-8"), where)
            sources[entry.name] = _Source(data, where, f"builtin:{entry.name}", _builtin_parent)
    names: dict[str, str] = {}
    for file_name, source in sources.items():
        name = source.data["profile"]["name"]
        if name in names:
            raise RelazioneError(source.where, f"profile.name {name!r} è già il nome di extractors/{names[name]}")
        names[name] = file_name
    return sources


def _builtin_by_name(name: str) -> _Source | None:
    return next((s for s in _builtin_sources().values() if s.data["profile"]["name"] == name), None)


def _builtin_names() -> list[str]:
    return sorted(s.data["profile"]["name"] for s in _builtin_sources().values())


def _builtin_parent(ref: str) -> _Source:
    """``inherits`` in a shipped profile: a built-in name or file name."""
    source = _builtin_sources().get(Path(ref).name) if ref.endswith(".toml") else _builtin_by_name(ref)
    if source is None:
        raise checks.Bad(f"profile.inherits: nessun profilo {ref!r}{checks.suggest(ref, _builtin_names())}")
    return source


def _file_source(path: Path) -> _Source:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RelazioneError(str(path), "file di profilo inesistente") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RelazioneError(str(path), f"file di profilo illeggibile ({exc})") from None
    return _Source(_read_toml(text, str(path)), str(path), f"file:{path.resolve()}", _parent_near(path.parent))


def _parent_near(folder: Path) -> Callable[[str], _Source]:
    """``inherits`` in a profile file: a built-in name, or a .toml path relative to ``folder``."""
    def parent(ref: str) -> _Source:
        if ref.endswith(".toml"):
            target = Path(ref) if Path(ref).is_absolute() else folder / ref
            if not target.is_file():
                raise checks.Bad(f"profile.inherits: nessun file di profilo {str(target)!r}")
            return _file_source(target)
        source = _builtin_by_name(ref)
        if source is None:
            raise checks.Bad(f"profile.inherits: nessun profilo {ref!r}{checks.suggest(ref, _builtin_names())}")
        return source

    return parent


def _parent_ref(data: dict[str, Any]) -> str | None:
    meta = data["profile"]
    ref = meta.get("inherits", None if meta["name"] == GENERIC else GENERIC)
    return ref or None  # false: no parent


def _merged(source: _Source, chain: tuple[_Source, ...] = ()) -> dict[str, Any]:
    """The file's data on top of its parent's merged data."""
    if any(s.key == source.key for s in chain):
        names = " -> ".join(s.data["profile"]["name"] for s in (*chain, source))
        raise RelazioneError(chain[-1].where, f"profile.inherits: eredità circolare {names}")
    ref = _parent_ref(source.data)
    if ref is None:
        return _merge({}, source.data)
    try:
        parent = source.parent_ref(ref)
    except checks.Bad as exc:
        raise RelazioneError(source.where, str(exc)) from None
    return _merge(_merged(parent, (*chain, source)), source.data)


def _as_list(value: Any) -> list[Any]:
    return [value] if isinstance(value, str) else list(value)


def _extended(old: Any, more: list[str]) -> list[str]:
    out = _as_list(old) if old is not None else []
    return out + [m for m in more if m not in out]


def _merge_table(parent: dict[str, Any], child: dict[str, Any], extend: dict[str, Any],
                 vocabulary: bool = True) -> dict[str, Any]:
    out = dict(parent)  # the parent's order: a child's key keeps the parent's place, new keys follow
    out.update(child)
    for key, more in extend.items():
        out[key] = _extended(out.get(key), more)
    if not vocabulary:
        return out  # [settings]: free-form, an empty list may mean something to the family module
    return {k: v for k, v in out.items() if v != []}  # an empty list removes an inherited key


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    meta = child["profile"]
    own = set(meta.get("own", []))
    extend = child.get("extend", {})
    inherited_meta = {k: v for k, v in parent.get("profile", {}).items() if k in ("kind", "family")}
    out: dict[str, Any] = {
        "profile": {**inherited_meta, **{k: v for k, v in meta.items() if k not in ("inherits", "own")}},
        "detect": child.get("detect", {}),  # each profile's own: detection scores its phrases
    }
    from_generic = parent.get("profile", {}).get("name") == GENERIC
    for section in ("report", "columns", "labels", "settings", "kinds"):
        base = {} if section in own or (section == "settings" and from_generic) else parent.get(section, {})
        vocabulary = section not in ("settings", "kinds")
        out[section] = _merge_table(base, child.get(section, {}), extend.get(section, {}), vocabulary)
    headings = {} if "headings" in own else {lv: dict(spec) for lv, spec in parent.get("headings", {}).items()}
    for level, spec in child.get("headings", {}).items():
        headings[level] = {**headings.get(level, {}), **spec}
    for level, spec in extend.get("headings", {}).items():
        rule = headings.setdefault(level, {})
        rule["keywords"] = _extended(rule.get("keywords"), spec.get("keywords", []))
    out["headings"] = {lv: spec for lv, spec in headings.items() if spec.get("keywords")}
    out["parts"] = child.get("parts", []) if "parts" in child or "parts" in own else parent.get("parts", [])
    return out


def _heading_rule(level: str, spec: dict[str, Any]) -> HeadingRule:
    optional = {k: v for k, v in spec.items() if k != "keywords"}
    if "min_similarity" in optional:
        optional["min_similarity"] = float(optional["min_similarity"])
    return HeadingRule(level=level, keywords=tuple(spec["keywords"]), **optional)


def _build(data: dict[str, Any], where: str) -> Profile:
    meta = data["profile"]
    known = _builtin_names()
    for i, p in enumerate(data["parts"]):
        ref = p["profile"]
        if ref.endswith(".toml") and not Path(ref).is_file():
            raise RelazioneError(where, f"parts[{i}].profile: nessun file di profilo {ref!r}")
        if not ref.endswith(".toml") and ref not in known:
            raise RelazioneError(where, f"parts[{i}].profile: nessun profilo {ref!r}{checks.suggest(ref, known)}")
    detect = data["detect"]
    lines = {"lines": detect["lines"]} if "lines" in detect else {}
    return Profile(
        name=meta["name"],
        description=meta.get("description", ""),
        path=where,
        kind=meta.get("kind"),
        family=meta.get("family"),
        detect=DetectRule(tuple(detect.get("phrases", [])), **lines),
        headings=tuple(_heading_rule(level, spec) for level, spec in data["headings"].items()),
        columns={k: tuple(v) for k, v in data["columns"].items()},
        labels={k: tuple(v) for k, v in data["labels"].items()},
        report=data["report"],
        settings=data["settings"],
        parts=tuple(Part(p["start"], p["profile"], p.get("ente")) for p in data["parts"]),
        kinds=build_kinds(data["kinds"]),
    )


def load_profile_file(path: Path) -> Profile:
    source = _file_source(path)
    return _build(_merged(source), source.where)


@cache
def builtin_profiles() -> tuple[Profile, ...]:
    """The profiles shipped in ``relazione.extractors``, sorted by name."""
    found = [_build(_merged(s), s.where) for s in _builtin_sources().values()]
    return tuple(sorted(found, key=lambda p: p.name))


def get_profile(name: str) -> Profile:
    """A built-in profile by name, or a profile file by path."""
    if name.endswith(".toml"):
        return load_profile_file(Path(name))
    for p in builtin_profiles():
        if p.name == name:
            return p
    known = ", ".join(p.name for p in builtin_profiles())
    raise RelazioneError(None, f"profilo sconosciuto {name!r} (disponibili: {known})")
