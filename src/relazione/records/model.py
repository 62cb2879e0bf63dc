"""The records model (``relazione.records/1``): typed classes, JSON I/O and schema validation.

Field names follow ``spec/records.md`` and never change; new fields may be added.
Everything written is validated against the shipped JSON Schema, and so is everything read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from relazione.errors import RelazioneError
from relazione.fileio import write_atomic
from relazione.readers.blocks import Provenance
from relazione.records.periods import Measurement, Variation

SCHEMA_ID = "relazione.records/1"
LEVELS = ("area", "strategic", "operational")
KINDS = ("monitoraggio", "relazione", "piano", "pira")


@dataclass(slots=True)
class Value:
    """A parsed target or result: "= > 80%" -> op ">=", value 80.0, unit "%"."""

    text: str
    op: str | None = None
    value: float | None = None
    unit: str | None = None
    boolean: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "value": self.value, "unit": self.unit, "boolean": self.boolean, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Value:
        return cls(text=d["text"], op=d.get("op"), value=d.get("value"), unit=d.get("unit"),
                   boolean=d.get("boolean"))


@dataclass(slots=True)
class Warning_:
    """Something that looked like structure but could not be parsed (never silence)."""

    code: str
    message: str
    provenance: Provenance = field(default_factory=Provenance)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "provenance": self.provenance.to_dict()}


@dataclass(slots=True)
class Coverage:
    """How much of an aggregate (an objective, or the ente) could be scored: optional, set by scoring.

    ``children``: its child objectives (the ente: its areas); one counts as scored when it has an achievement
    and is itself sufficient. ``indicators``: every indicator beneath it, own and descendants'. ``sufficient``:
    both shares reach ``minimum`` (percent, the chamber's setting; 100 = everything must be scorable), so its
    achievement may be shown as a headline; otherwise documents print "n.d." with these counts as the reason.
    """

    children_scored: int
    children: int
    indicators_scored: int
    indicators: int
    sufficient: bool
    minimum: float = 100.0

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Coverage | None:
        return None if d is None else cls(**_known(cls, d))


@dataclass(slots=True)
class Objective:
    level: str
    title: str
    code: str | None = None
    parent: str | None = None
    weight: float | None = None
    description: str | None = None
    mission: str | None = None
    programme: str | None = None
    responsible: str | None = None
    resources: str | None = None
    score: float | None = None
    status: str | None = None
    achievement: float | None = None
    confidence: float | None = None  # 0-1: how far the signals that made it a heading agreed
    narrative: dict[str, str] = field(default_factory=dict)
    provenance: Provenance = field(default_factory=Provenance)
    coverage: Coverage | None = None  # optional, set by scoring: see Coverage

    @property
    def ref(self) -> str:
        """How indicators and children point at this objective: its code, else its title."""
        return self.code or self.title


@dataclass(slots=True)
class Indicator:
    objective: str
    n: int
    name: str
    code: str | None = None
    description: str | None = None
    weight: float | None = None
    type: str | None = None
    unit: str | None = None
    algorithm: str | None = None
    source: str | None = None
    baseline: str | None = None
    target: str | None = None
    targets: dict[str, str] = field(default_factory=dict)
    actual: str | None = None
    deviation: str | None = None
    status: str | None = None
    target_value: Value | None = None
    actual_value: Value | None = None
    achievement: float | None = None
    confidence: float | None = None  # 0-1: how its columns were recognised (header words, else content)
    provenance: Provenance = field(default_factory=Provenance)
    # Optional, set by scoring only when the method's achievement contradicts the printed operator (INTEGRA's
    # ratio on a target at or below zero): the achievement with the operator applied to the signed values.
    signed_achievement: float | None = None
    # -- optional, the year's cycle (relazione.cycle); absent from the JSON while empty --
    values: dict[str, Measurement] = field(default_factory=dict)
    variations: list[Variation] = field(default_factory=list)


@dataclass(slots=True)
class Restatement:
    """A second statement of one field of an objective or indicator elsewhere in the same document:
    an overview/summary table row, or a narrative saying a target changed ("da >= 130 a >= 60").

    Optional data for ``relazione check`` (found by :mod:`relazione.extract.restatements`): the record keeps the
    detail sheet's value; this keeps what the other place says, so disagreements can be shown.
    ``indicator`` is the indicator's ``n`` (None: the objective itself); ``previous`` is the value a
    narrative says was replaced; ``context`` is "overview" or "narrative".
    """

    objective: str
    field: str
    value: str
    context: str
    indicator: int | None = None
    previous: str | None = None
    provenance: Provenance = field(default_factory=Provenance)

    def to_dict(self) -> dict[str, Any]:
        return {"objective": self.objective, "indicator": self.indicator, "field": self.field,
                "value": self.value, "previous": self.previous, "context": self.context,
                "provenance": self.provenance.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Restatement:
        return cls(objective=d["objective"], field=d["field"], value=d["value"], context=d["context"],
                   indicator=d.get("indicator"), previous=d.get("previous"), provenance=_prov(d.get("provenance")))


@dataclass(slots=True)
class Report:
    ente: str | None = None
    kind: str | None = None
    title: str | None = None
    year: int | None = None
    reference_date: str | None = None
    summary: dict[str, str] = field(default_factory=dict)
    achievement: float | None = None
    objectives: list[Objective] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    restatements: list[Restatement] = field(default_factory=list)  # optional: see Restatement
    coverage: Coverage | None = None  # optional, set by scoring: the ente's areas and indicators scored


@dataclass(slots=True)
class Source:
    path: str
    sha256: str = ""
    format: str = "text"
    profile: str = ""
    pages: int | None = None


@dataclass(slots=True)
class Records:
    source: Source
    reports: list[Report] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)

    # -- serialisation -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "source": asdict(self.source),
            "reports": [_report_to_dict(r) for r in self.reports],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Records:
        return cls(
            source=Source(**_known(Source, data["source"])),
            reports=[_report_from_dict(r) for r in data["reports"]],
            warnings=[
                Warning_(w["code"], w["message"], _prov(w.get("provenance"))) for w in data.get("warnings", [])
            ],
        )


def _known(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    """Keep the keys the dataclass knows: files written by a newer version may add fields."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def _prov(d: dict[str, Any] | None) -> Provenance:
    return Provenance(d.get("page"), d.get("line"), bool(d.get("ocr"))) if d else Provenance()


# Added after relazione.records/1 was first published: written only when set (or, for the collections, when
# not empty), so older files and readers are unaffected.
OPTIONAL_FIELDS = frozenset({"coverage", "signed_achievement"})
_OPTIONAL_WHEN_EMPTY = ("values", "variations")


def _item_to_dict(item: Objective | Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(item):
        v = getattr(item, f.name)
        if (v is None and f.name in OPTIONAL_FIELDS) or (f.name in _OPTIONAL_WHEN_EMPTY and not v):
            continue
        if isinstance(v, Provenance | Value | Coverage):
            v = v.to_dict()
        elif f.name == "values":
            v = {k: m.to_dict() for k, m in v.items()}
        elif f.name == "variations":
            v = [x.to_dict() for x in v]
        out[f.name] = v
    return out


def _report_to_dict(r: Report) -> dict[str, Any]:
    d = {f.name: getattr(r, f.name) for f in fields(r)
         if f.name not in ("objectives", "indicators", "restatements", "coverage")}
    if r.coverage is not None:
        d["coverage"] = r.coverage.to_dict()
    d["objectives"] = [_item_to_dict(o) for o in r.objectives]
    d["indicators"] = [_item_to_dict(i) for i in r.indicators]
    if r.restatements:  # optional: absent rather than empty, so older files and readers are unaffected
        d["restatements"] = [s.to_dict() for s in r.restatements]
    return d


def _objective_from_dict(d: dict[str, Any]) -> Objective:
    kw = _known(Objective, d)
    kw["provenance"] = _prov(d.get("provenance"))
    kw["coverage"] = Coverage.from_dict(d.get("coverage"))
    return Objective(**kw)


def _indicator_from_dict(d: dict[str, Any]) -> Indicator:
    kw = _known(Indicator, d)
    kw["provenance"] = _prov(d.get("provenance"))
    for k in ("target_value", "actual_value"):
        if kw.get(k) is not None:
            kw[k] = Value.from_dict(kw[k])
    kw["values"] = {k: Measurement.from_dict(m) for k, m in d.get("values", {}).items()}
    kw["variations"] = [Variation.from_dict(x) for x in d.get("variations", [])]
    return Indicator(**kw)


def _report_from_dict(d: dict[str, Any]) -> Report:
    kw = _known(Report, d)
    kw["objectives"] = [_objective_from_dict(o) for o in d.get("objectives", [])]
    kw["indicators"] = [_indicator_from_dict(i) for i in d.get("indicators", [])]
    kw["restatements"] = [Restatement.from_dict(s) for s in d.get("restatements", [])]
    kw["coverage"] = Coverage.from_dict(d.get("coverage"))
    return Report(**kw)


# -- schema validation and file I/O ----------------------------------------------------------
@cache
def schema() -> dict[str, Any]:
    text = resources.files("relazione.records").joinpath("schema/records.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _compiled_schema() -> Callable[[Any], Any]:
    """The schema compiled by fastjsonschema (its draft-07 reading covers every keyword the schema uses;
    no ``$id``, so no reference is ever looked up outside the schema)."""
    import fastjsonschema

    plain = {k: v for k, v in schema().items() if k != "$id"}
    plain["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(plain)


def validate(data: Any, path: str | None = None) -> None:
    """Raise RelazioneError with the first schema violation, naming where in the JSON it is.

    A valid file passes the fast compiled check alone; only an invalid one goes through jsonschema, whose
    best_match words the error."""
    import fastjsonschema

    try:
        _compiled_schema()(data)
        return
    except fastjsonschema.JsonSchemaException:
        pass
    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "primo livello"
        raise RelazioneError(path, f"non è un file di dati di relazione ({where}: {error.message[:160]})")


def dumps(records: Records) -> str:
    data = records.to_dict()
    validate(data, records.source.path)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save(records: Records, out: Path, *, force: bool = False) -> None:
    write_atomic(out, dumps(records).encode("utf-8"), force=force)


def load(path: Path) -> Records:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RelazioneError(str(path), "file inesistente") from None
    except IsADirectoryError:
        raise RelazioneError(str(path), "è una cartella, non un file di dati (.json)") from None
    except PermissionError:
        raise RelazioneError(str(path), "permesso negato") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RelazioneError(str(path), f"non è un file JSON ({exc.__class__.__name__})") from None
    validate(data, str(path))
    return Records.from_dict(data)

