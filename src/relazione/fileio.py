"""Atomic writes: an output file is either complete or absent, and never silently replaced.

The data goes to a temporary file in the target's folder first. Without ``--force`` it is then
hard-linked to the target name: the link fails if the name exists, so of two runs writing the same
new output exactly one succeeds (a check followed by a rename would let both through). Where the
file system has no hard links (FAT on a USB stick, some network shares) the name is claimed with an
exclusive create and the full file renamed over the claim. With ``--force`` the temporary file is
renamed over the target, which must be a regular file: a symbolic link, a device, a fifo or a folder
at the output path is refused. Any failure removes the temporary file and names the user's path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from relazione.errors import RelazioneError, shown_path

EXISTS = "il file esiste già; usare --force per sovrascriverlo"
# link() errors that mean "this file system has no hard links", not "you may not write here"
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK, errno.EXDEV}
_KINDS = ((stat.S_ISLNK, "un collegamento simbolico"), (stat.S_ISDIR, "una cartella"),
          (stat.S_ISFIFO, "una fifo (pipe con nome)"), (stat.S_ISCHR, "un dispositivo"),
          (stat.S_ISBLK, "un dispositivo"), (stat.S_ISSOCK, "un socket"))


def _umask() -> int:
    """The process umask (reading it means setting it: put it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def refuse_existing(path: Path, force: bool) -> None:
    """Something at the output path: only a regular file may be replaced, and only with --force.

    Commands call it before their work too, so a refusal comes before minutes of reading or rendering."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:  # a name too long, a file where a folder should be ...
        raise RelazioneError.from_os(exc, path) from None
    for is_kind, kind in _KINDS:
        if is_kind(mode):
            raise RelazioneError(path, f"è {kind}, non un file da sovrascrivere: scrivo solo file normali")
    if not force:
        raise RelazioneError(path, EXISTS)


def _fill(fd: int, tmp: str, data: bytes) -> None:
    """The temporary file gets ``data`` and the mode a plain ``open()`` would give (0666 minus the
    umask): mkstemp makes it 0600, and colleagues on a shared folder must be able to open the output."""
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(tmp, 0o666 & ~_umask())


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back until the block ends: a stop inside ``mkstemp``, after it made the
    file and before its name reached us, would leave the file behind (a batch's workers are stopped
    with SIGTERM at any moment). A stop held is acted on as the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # not on Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _put_new(tmp: str, path: Path) -> None:
    """Give the complete temporary file the target's name, failing if the name is taken meanwhile."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise RelazioneError(path, EXISTS) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    try:  # no hard links here: claim the name exclusively, then put the full file over the claim
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise RelazioneError(path, EXISTS) from None
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)  # our own empty claim: nobody else could have created it
        raise


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` completely or not at all; an existing file only with ``force``."""
    refuse_existing(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        problem = "non è una cartella" if folder.exists() else "non esiste"
        raise RelazioneError(path, f"la cartella {shown_path(folder)} {problem}")
    tmp = None
    try:
        with _stops_held():  # a short prefix: a long target name must not make the temporary one too long
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:32]}.", suffix=".tmp", dir=folder)
        _fill(fd, tmp, data)
        if force:
            os.replace(tmp, path)
        else:
            _put_new(tmp, path)
    except OSError as exc:
        raise RelazioneError.from_os(exc, path) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def write_all(files: Iterable[tuple[Path, bytes]], *, force: bool = False) -> None:
    """Several outputs of one command, all or none: a failure removes the new ones already written
    (a file replaced under ``force`` stays, complete: its old content is gone either way)."""
    written: list[Path] = []
    try:
        for path, data in files:
            new = not os.path.lexists(path)
            write_atomic(path, data, force=force)
            if new:
                written.append(path)
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
