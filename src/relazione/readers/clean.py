"""Small text helpers shared by readers and extractors: markup removal and whitespace."""

from __future__ import annotations

import html
import re as std_re

import regex as re

# Only real HTML tag names: "<servizi>" or "< 5 gg" in a title is content, not markup.
_HTML_TAGS = (
    "a|abbr|b|big|blockquote|body|br|center|code|div|em|font|h[1-6]|head|hr|html|i|img|li|ol|p|pre|s|small|"
    "span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul"
)
_TAG = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
# The operator keeps the space that follows it ("$\geq 3,00$ N." -> "≥ 3,00 N."); collapse() drops extras.
_LATEX = [
    (re.compile(r"\$\s*\\geq?\s*\$?|\\geq?\b"), "≥ "),
    (re.compile(r"\$\s*\\leq?\s*\$?|\\leq?\b"), "≤ "),
    (re.compile(r"\\times"), "×"),
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), r"(\1)/(\2)"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\text\{([^{}]*)\}"), r"\1"),
]
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")
# _SPACE's, bar " ": searched in every non-ASCII text collapse() is given, so by the standard library's
# re, whose call costs a third of the regex module's (the same characters, listed)
_OTHER_SPACE = std_re.compile(r"[\t\u00a0\u2000-\u200b\u202f]")
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
    """Runs of spaces (tabs, no-break and typographic spaces too) as one space, the ends stripped.
    Most texts have none to collapse (every text of a PDF passes here, some twice), and tests for
    one cost a third of the pass that would give them back unchanged: a double space or, in ASCII
    text, a tab (``in`` scans fast), else a search for a space of another kind."""
    if "  " not in s and ("\t" not in s if s.isascii() else not _OTHER_SPACE.search(s)):
        return s.strip()
    return _SPACE.sub(" ", s).strip()


def clean_inline(s: str) -> str:
    """Markup stripped, whitespace collapsed: the form every record string is stored in."""
    return collapse(strip_markup(s))


def strip_bullet(s: str) -> str:
    return _BULLETS.sub("", s)


_SPLIT_GROUP = re.compile(r"\d\.(?P<head>\d{1,2})$")


def _splits_number(before: str, after: str) -> bool:
    """True when a line break cut a number inside a 3-digit group: "10.0" + "00= 45" is "10.000= 45"."""
    if "." not in before[-3:]:  # the group's dot is not there: no need to search the whole text for it
        return False
    m = _SPLIT_GROUP.search(before)
    return bool(m) and re.match(rf"\d{{{3 - len(m.group('head'))}}}(?!\d)", after) is not None


def join_wrapped(parts: list[str]) -> str:
    """Join lines of one wrapped text; a word hyphenated at a line end ("SPAZIO-") keeps its hyphen
    and joins without a space, as layout dumps break compound words there; so does a number cut
    inside a thousands group ("10.0" + "00")."""
    out = ""
    for p in (collapse(x) for x in parts):
        if not p:
            continue
        if (out.endswith("-") and not out.endswith(" -")) or _splits_number(out, p):
            out += p
        else:
            out = f"{out} {p}" if out else p
    return out


_SENTENCE_END = (".", ":", ";", "!", "?")
_ENUMERATOR = re.compile(r"^\s*(?:[a-z]|\d{1,2})[).]\s+\S")  # "a) ...", "2. ..." opening a list item
LIST_ITEM = _BULLETS  # a bulleted item: set as one in the documents (an "a) ..." item keeps its letter)
SHORT_LINE = 0.75  # a line this much shorter than the longest of its text did not wrap: its paragraph ended


def join_paragraphs(parts: list[str]) -> str:
    """Join the lines of a text that may hold several paragraphs, keeping one line per paragraph
    ("\n" between them): a wrapped line joins the one before it (``join_wrapped``); a new paragraph
    starts at a bullet, or after a line that ends a sentence well short of the text's width (it was
    not wrapped: its paragraph ended there). Narratives then keep their paragraphs and lists."""
    lines = [collapse(p) for p in parts]
    width = max((len(p) for p in lines), default=0)
    paragraphs: list[list[str]] = []
    for line in lines:
        if not line:
            continue
        previous = paragraphs[-1][-1] if paragraphs else ""
        ended = previous.endswith(_SENTENCE_END) and len(previous) < SHORT_LINE * width
        if not paragraphs or _BULLETS.match(line) or _ENUMERATOR.match(line) or ended:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return "\n".join(join_wrapped(p) for p in paragraphs)
