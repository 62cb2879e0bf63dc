"""The one error type the tool raises on bad input: the CLI turns it into a one-line message."""

from __future__ import annotations


class RelazioneError(Exception):
    """Bad input or an unusable file. ``str()`` is the one-line message shown to the user."""

    def __init__(self, path: str | None, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)
