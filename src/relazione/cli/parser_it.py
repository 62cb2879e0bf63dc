"""argparse in Italian: its own messages (usage line, section titles, -h, errors on the command line).

Everything a user reads is Italian, and argparse's messages are English. argparse looks each message up
at call time through its module-level gettext functions ``_`` and ``ngettext``; pointing them at this
table translates them all without copying argparse's code. Messages not in the table stay as they are.
"""

from __future__ import annotations

import argparse

_MESSAGES = {
    "usage: ": "uso: ",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "show program's version number and exit": "mostra la versione ed esce",
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "the following arguments are required: %s": "mancano gli argomenti obbligatori: %s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "scelta non valida: %(value)r (possibili: %(choices)s)",
    "invalid %(type)s value: %(value)r": "valore non valido: %(value)r",
    "expected one argument": "manca il valore",
    "expected at most one argument": "al massimo un valore",
    "expected at least one argument": "almeno un valore",
    "ambiguous option: %(option)s could match %(matches)s": "opzione ambigua: %(option)s può essere %(matches)s",
    "not allowed with argument %s": "non ammesso insieme a %s",
    "one of the arguments %s is required": "serve uno degli argomenti %s",
    "ignored explicit argument %r": "valore %r ignorato",
    "unexpected option string: %s": "opzione inattesa: %s",
    "can't open '%(filename)s': %(error)s": "impossibile aprire '%(filename)s': %(error)s",
}
_PLURALS = {
    "expected %s argument": ("atteso %s valore", "attesi %s valori"),
}


def _translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def _translate_plural(singular: str, plural: str, n: int) -> str:
    if singular in _PLURALS:
        one, many = _PLURALS[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


def speak_italian() -> None:
    """Make argparse's messages Italian for this process (the command line is its only user)."""
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _translate_plural  # type: ignore[attr-defined]
