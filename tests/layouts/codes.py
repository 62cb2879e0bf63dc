"""Code styles and heading texts: how one objective's numbering and title are written."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .source import View
from .words import ABBREVIATIONS, LEVEL_WORDS, SEPARATORS, letter, roman

CODE_STYLES = ("orig", "dotted", "roman", "letters", "hyphen", "none")


def _code(style: str, pos: list[int]) -> str:
    if style == "dotted":
        return ".".join(map(str, pos))
    if style == "roman":
        parts = [roman(pos[0])] + [str(p) if d == 1 else letter(p, upper=False) for d, p in enumerate(pos[1:], 1)]
        return ".".join(parts)
    if style == "letters":
        return ".".join([letter(pos[0])] + [str(p) for p in pos[1:]])
    if style == "hyphen":
        return "-".join(f"{'ASO'[min(d, 2)]}{p}" for d, p in enumerate(pos))
    raise ValueError(style)


def recode(view: View, style: str) -> None:
    """Renumber every objective in ``style``; "orig" keeps the records' codes, "none" drops them."""
    if style == "orig":
        return
    for i in view.walk():
        view.objectives[i]["code"] = None if style == "none" else _code(style, view.positions(i))


def retitle(view: View, case: str) -> None:
    for o in view.objectives:
        if case == "upper":
            o["title"] = o["title"].upper()
        elif case == "sentence":
            o["title"] = o["title"][:1].upper() + o["title"][1:].lower()


@dataclass
class HeadingStyle:
    """How a layout writes objective headings; chosen once per document."""

    kind: str  # "words" (level word + code), "abbrev" (AS1/OS1.1), "number" (1.1 / 1.1)), "plain" (title)
    words: dict[str, str]
    sep: str = " – "
    punct: str = "."
    next_line: bool = False
    weight_label: str | None = None  # "(peso {w})" after the title; None: objective weights not written

    @classmethod
    def pick(cls, rng: random.Random, kind: str) -> HeadingStyle:
        words = {lvl: rng.choice(pool) for lvl, pool in LEVEL_WORDS.items()}
        return cls(kind, words, sep=rng.choice(SEPARATORS), punct=rng.choice([".", ")", "", "."]),
                   next_line=rng.random() < 0.3,
                   weight_label=rng.choice([None, "(peso {w})", "- Peso: {w}", "[{w}]"]))

    def prefix(self, level: str, code: str | None) -> str:
        if self.kind == "words":
            return f"{self.words[level]} {code}" if code else self.words[level]
        if self.kind == "abbrev" and code:
            return f"{ABBREVIATIONS[level]}{code}" if len(code) < 3 else f"{ABBREVIATIONS[level]} {code}"
        if self.kind == "number" and code:
            return f"{code}{self.punct}"
        return ""

    def lines(self, obj: dict, weight_text: str) -> list[str]:
        """The heading's line(s): prefix and title on one line, or the title on the next."""
        prefix = self.prefix(obj["level"], obj["code"])
        title = obj["title"]
        if self.weight_label and weight_text:
            title = f"{title} {self.weight_label.format(w=weight_text)}"
        if not prefix:
            return [title]
        if self.next_line:
            return [prefix, title]
        sep = " " if self.kind == "number" else self.sep
        return [f"{prefix}{sep}{title}"]
