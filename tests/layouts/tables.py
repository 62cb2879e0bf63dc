"""Indicator tables: which columns, in which order, under which header words."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .words import FORMULAS, HEADERS, NOTES, SOURCES, UNITS, pick, weight_text

EXTRAS = ("unit", "source", "algorithm", "note")


@dataclass
class Columns:
    fields: list[str]  # "n", "code", "name", "weight", "target", "actual", extras
    headers: list[str]
    weight_style: int

    @classmethod
    def pick(cls, rng: random.Random, year: object, *, weight: bool = True, code: bool | None = None,
             unknown_words: bool = False) -> Columns:
        body = ["weight", "target", "actual"] if weight else ["target", "actual"]
        body += rng.sample(EXTRAS, rng.randint(0, 2))
        if rng.random() < 0.35:
            rng.shuffle(body)
        lead = ["name"]
        if code if code is not None else rng.random() < 0.3:
            lead.insert(0, "code")
        elif rng.random() < 0.3:
            lead.insert(0, "n")
        fields = lead + body
        year = year or 2024
        headers = []
        for f in fields:
            pool = HEADERS[f]
            if unknown_words and f in ("target", "actual"):
                pool = pool[6:] if f == "actual" else pool[5:]
            headers.append(pick(rng, pool, year=year))
        return cls(fields, headers, rng.randrange(4))

    def cells(self, ind: dict, n: int, obj_code: str | None, rng: random.Random) -> list[str]:
        """The row of one indicator; extras the records lack are made up and kept in ``ind``."""
        out = []
        for f in self.fields:
            if f == "n":
                out.append(str(n))
            elif f == "code":
                ind["code"] = ind.get("code") or f"{obj_code or 'I'}-I{n}"
                out.append(ind["code"])
            elif f == "weight":
                out.append(weight_text(ind.get("weight"), self.weight_style))
            elif f == "unit":
                ind["unit"] = ind.get("unit") or rng.choice(UNITS)
                out.append(ind["unit"])
            elif f == "source":
                ind["source"] = ind.get("source") or rng.choice(SOURCES)
                out.append(ind["source"])
            elif f == "algorithm":
                ind["algorithm"] = ind.get("algorithm") or rng.choice(FORMULAS)
                out.append(ind["algorithm"])
            elif f == "note":
                out.append(rng.choice(NOTES))
            else:
                out.append(ind.get(f) or "")
        return out


def forget(view_objectives: list[dict], fields: list[str]) -> None:
    """Blank the indicator fields a layout does not write, so the expected records do not hold them."""
    written = set(fields)
    for o in view_objectives:
        for ind in o["indicators"]:
            for f in ("code", "weight", "unit", "source", "algorithm", "target", "actual"):
                if f not in written:
                    ind[f] = None
