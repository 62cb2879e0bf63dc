"""Stopping a command cleanly: Ctrl-C and SIGTERM in the parent, workers that leave the decision to it.

The first Ctrl-C (or SIGTERM) raises :class:`Interrupted` where the command is; what it was writing is
removed on the way out (``fileio.write_atomic`` cleans its temporary file on any exception), a batch
writes the summary of what was done, and the command exits 130 (143 for SIGTERM). A second signal
while it does so exits at once. Worker processes ignore Ctrl-C (the terminal sends it to the whole
process group: the parent alone decides), turn SIGTERM into an exit that still runs their cleanup,
and ask the kernel to end them when their parent dies, however it dies.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Interrupted(BaseException):
    """A BaseException, like KeyboardInterrupt: no ``except Exception`` guard may swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


def _first(signum: int, frame: object) -> None:
    for s in _SIGNALS:
        signal.signal(s, _second)
    raise Interrupted(signum)


def _second(signum: int, frame: object) -> None:
    print("relazione: interrotto", file=sys.stderr, flush=True)
    os._exit(128 + signum)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Inside, Ctrl-C and SIGTERM raise Interrupted (the first) or exit at once (the second)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only: a command run from a thread is stopped by its caller
        return
    previous = {s: signal.signal(s, _first) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def worker_setup() -> None:
    """Run in each worker process as it starts."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_cleanly)
    with contextlib.suppress(OSError, AttributeError):  # Linux only; elsewhere the pool's own reaping
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() == 1:  # the parent died before the request above took effect
        raise SystemExit(1)


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds: a temporary output being written is removed
