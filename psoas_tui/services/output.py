"""What psoas writes for the user: the files ``-o`` names (exports, reports), where they may go
and how they are written, and what a command prints, when standard output goes away."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from psoas_tui.core.errors import InvalidInput, PsoasError
from psoas_tui.locations import Locations, ensure_private_dir, expand_user
from psoas_tui.store.files import fsync_dir

#: How an output's temporary file ends: never ``.tmp``, so that no sweep of the store's
#: temporary files (``files.TEMP_PATTERN``) takes one for a killed writer's and removes it.
TEMP_SUFFIX = ".part"


def checked_output(name: str, locations: Locations) -> Path:
    """The file ``-o`` names, if it can be written: never one of psoas's own files.

    The data directory is the store's: the database, its lock, the copies restore and the damage
    handling keep aside, backups, archive, temporary files, and whatever the store keeps there
    next. So nothing in it is taken but its reports folder, where reports go by default. The path
    is compared once resolved: neither ``..`` nor a symlink gets round this.
    """
    path = expand_user(name, "-o", "a file name")
    if path.is_dir() or name.endswith(os.sep):
        raise InvalidInput(f"-o: {name} is a directory; allowed: a file name")
    if path.parent.resolve() == locations.reports.resolve() and not locations.reports.exists():
        # The folder the refusal below points to: there from the first report on, made here
        # for an export.
        ensure_private_dir(locations.reports)
    if not path.parent.is_dir():
        raise InvalidInput(
            f"-o: the directory {path.parent} does not exist; allowed: a file in an existing "
            "directory"
        )
    resolved, data = path.resolve(), locations.data_dir.resolve()
    inside = resolved.relative_to(data).parts if resolved.is_relative_to(data) else None
    if inside is not None and not (len(inside) > 1 and inside[0] == locations.reports.name):
        raise InvalidInput(
            f"-o: {name} is in psoas's data directory {locations.data_dir}, which holds the "
            f"database, its lock and its backups; allowed: a file in {locations.reports} or "
            f"outside {locations.data_dir}"
        )
    return path


def write_private(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path``; a ``PsoasError`` naming what refused if it cannot.

    A plain file, or a new one, is replaced atomically by a 0600 file. Through a symlink, the
    file it leads to is the one replaced, in its own directory, and the symlink stays: the user
    named the link to mean that file (as ``>`` does). Anything else (``/dev/null``,
    ``/dev/stdout``, a FIFO) is opened and written, never replaced: as root, a rename would leave
    a plain file holding the health log where every program expects the device. A FIFO waits for
    its reader, as for any program.
    """
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        special = False
    if special:
        _write_into(path, content)
    else:
        _replace(Path(os.path.realpath(path)), content, path)


def _write_into(path: Path, content: bytes) -> None:
    try:
        # No O_CREAT: should the device or FIFO be gone by now, nothing is made in its place.
        fd = os.open(path, os.O_WRONLY)
    except OSError as error:
        raise PsoasError(f"Could not write {path}: {_reason(error)}.") from None
    try:
        _write_all(fd, content)
    except OSError as error:
        raise PsoasError(f"Could not write {path}: {_reason(error)}.") from None
    finally:
        os.close(fd)


def _replace(target: Path, content: bytes, named: Path) -> None:
    directory = target.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=directory)
    except OSError as error:
        raise PsoasError(
            f"Could not write {named}: a file cannot be created in {directory} "
            f"({_reason(error)}); nothing was written."
        ) from None
    try:
        _write_all(fd, content)
        os.fsync(fd)
        os.replace(temp, target)
        fsync_dir(directory)
    except BaseException as error:
        os.close(fd)
        with suppress(OSError):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise PsoasError(
                f"Could not write {named}: {_reason(error)}; nothing was written."
            ) from None
        raise
    os.close(fd)


def _write_all(fd: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        view = view[os.write(fd, view) :]


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return error.strerror or str(error)


class StdoutFailed(PsoasError):
    """Standard output refused what a command printed (a full disk, an I/O error).

    A reader that left (``| head``) is not this: that stays a ``BrokenPipeError``, which ``psoas``
    answers by ending quietly.
    """

    def __init__(self, error: OSError) -> None:
        self.reason = _reason(error)
        super().__init__(f"Could not write to standard output: {self.reason}.")


def say(text: str) -> None:
    """Print ``text`` and a line end to stdout, now rather than at exit.

    ``BrokenPipeError`` if the reader has left, ``StdoutFailed`` if stdout refuses it; either
    way stdout then goes nowhere, so Python's last flush at exit has nothing to fail on.
    """
    _guarded(lambda: (sys.stdout.write(text + "\n"), sys.stdout.flush()))


def say_saved(text: str) -> None:
    """``say`` what a command has just saved, which stands whatever stdout does: a reader that
    left is no failure, and a refusal is told in one line on stderr, never as a failure (a script
    that retries a failed ``psoas log`` would log the entry twice)."""
    try:
        say(text)
    except BrokenPipeError:
        pass
    except StdoutFailed as error:
        with suppress(OSError):
            print(
                "psoas: saved; what it printed could not be written to standard output: "
                f"{error.reason}",
                file=sys.stderr,
            )


def write_stdout(content: bytes) -> None:
    """Write ``content`` to stdout as it is, as ``say`` does."""

    def write() -> None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()

    _guarded(write)


def flush_stdout() -> None:
    """Flush what is still buffered for stdout, failing as ``say`` does."""
    _guarded(sys.stdout.flush)


def silence_stdout() -> None:
    """Point stdout at the null device, so nothing written to it later fails (Python would report
    a broken pipe again when it flushes stdout at exit, and exit 120)."""
    with suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _guarded(write: Callable[[], object]) -> None:
    try:
        write()
    except BrokenPipeError:
        silence_stdout()
        raise
    except OSError as error:
        silence_stdout()
        raise StdoutFailed(error) from None
