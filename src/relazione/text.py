"""Small text helpers shared by readers and extractors: markup removal and whitespace."""

from __future__ import annotations

import html

import regex as re

_TAG = re.compile(r"</?(?:[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_LATEX = [
    (re.compile(r"\$\s*\\geq?\s*\$?|\\geq?\b"), "≥"),
    (re.compile(r"\$\s*\\leq?\s*\$?|\\leq?\b"), "≤"),
    (re.compile(r"\\times"), "×"),
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), r"(\1)/(\2)"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\text\{([^{}]*)\}"), r"\1"),
]
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")
_BULLETS = re.compile(r"^\s*[•◦✓▪■●\-–·]\s+")


def strip_markup(s: str) -> str:
    """Drop HTML tags and entities, markdown emphasis and simple LaTeX; keep the words."""
    if "<" in s:
        s = _TAG.sub(" ", s)
    if "&" in s:
        s = html.unescape(s)
    if "*" in s or "__" in s:
        s = _MD_BOLD.sub(lambda m: m.group(1) or m.group(2), s)
        s = _MD_ITALIC.sub(r"\1", s)
    if "\\" in s or "$" in s:
        for pattern, repl in _LATEX:
            s = pattern.sub(repl, s)
        s = s.replace("$", "")
    return s


def collapse(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def clean_inline(s: str) -> str:
    """Markup stripped, whitespace collapsed: the form every record string is stored in."""
    return collapse(strip_markup(s))


def strip_bullet(s: str) -> str:
    return _BULLETS.sub("", s)


def join_wrapped(parts: list[str]) -> str:
    """Join lines of one wrapped text; a word hyphenated at a line end ("SPAZIO-") keeps its hyphen
    and joins without a space, as layout dumps break compound words there."""
    out = ""
    for p in (collapse(x) for x in parts):
        if not p:
            continue
        if out.endswith("-") and not out.endswith(" -"):
            out += p
        else:
            out = f"{out} {p}" if out else p
    return out
