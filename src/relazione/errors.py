"""The one error type the tool raises on bad input: the CLI turns it into a one-line message.

Also how a path and an operating-system error are worded in that line: a file name that is not UTF-8
(a Latin-1 name from an old share) is shown with its odd bytes as ``\\xe0``, and an ``OSError`` becomes
an Italian phrase about the user's file, never a temporary file's name or an English system string.
"""

from __future__ import annotations

import errno
import os

# What a person can do something about, in their words; anything else falls back to the system's name.
_OS_PROBLEMS = {
    errno.EACCES: "permesso negato",
    errno.EPERM: "operazione non permessa",
    errno.EROFS: "la cartella è in sola lettura",
    errno.ENOSPC: "disco pieno: spazio esaurito",
    errno.EDQUOT: "disco pieno: quota dell'utente esaurita",
    errno.EFBIG: "disco pieno: il file supera la dimensione massima consentita",
    errno.ENAMETOOLONG: "nome del file troppo lungo",
    errno.ENOTDIR: "una parte del percorso non è una cartella",
    errno.ENOENT: "file o cartella inesistente",
    errno.EISDIR: "è una cartella, non un file",
    errno.EEXIST: "il file esiste già; usare --force per sovrascriverlo",
    errno.ELOOP: "troppi collegamenti simbolici nel percorso",
    errno.EIO: "errore di lettura o scrittura del disco",
    errno.EMFILE: "troppi file aperti",
    errno.ETXTBSY: "il file è in uso",
    errno.EBUSY: "il file è in uso",
}


def shown_path(path: object) -> str:
    """A path as a person (and a JSON or Word file) can take it: undecodable bytes shown as ``\\xe0``.

    Python keeps such bytes as lone surrogates (``os.fsdecode``); no UTF-8 output accepts those."""
    text = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path)
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a surrogate that did not come from a file name
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def os_problem(exc: OSError) -> str:
    """The Italian phrase for an operating-system error (without the file name)."""
    if exc.errno in _OS_PROBLEMS:
        return _OS_PROBLEMS[exc.errno]
    name = errno.errorcode.get(exc.errno or 0, exc.__class__.__name__)
    return f"errore del sistema operativo ({name})"


class RelazioneError(Exception):
    """Bad input or an unusable file. ``str()`` is the one-line message shown to the user."""

    def __init__(self, path: object | None, problem: str) -> None:
        self.path = shown_path(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)

    @classmethod
    def from_os(cls, exc: OSError, path: object | None = None) -> RelazioneError:
        """The user's file (``path``, else the one the system named) and what went wrong with it."""
        return cls(path if path is not None else exc.filename, os_problem(exc))
