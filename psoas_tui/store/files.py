"""Crash-safe file operations: write beside, fsync, rename over, fsync the directory.

A file written here is either entirely the old content or entirely the new one, whatever moment
the process dies at. Everything is created 0600: the data is about someone's health.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path

FILE_MODE = 0o600

#: Every temporary file starts with a dot and the target's name, which always starts with "psoas".
TEMP_PATTERN = ".psoas*.tmp"


def write_atomic(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` atomically and durably (a 0600 file)."""
    os.close(write_atomic_open(path, content))


def write_atomic_open(path: Path, content: bytes) -> int:
    """Like ``write_atomic``, and return an open descriptor of the new file (the caller closes it).

    The content goes to a temporary file in the same directory (mkstemp: 0600, a name no one else
    uses), which is fsynced and then renamed over ``path``; the directory is fsynced so the rename
    itself survives a power cut. If anything fails, the temporary file is removed and ``path`` is
    untouched.
    """
    return _replace(path, lambda fd: _write_all(fd, content))


def copy_atomic(source: Path, target: Path) -> None:
    """Replace ``target`` with a copy of ``source`` as ``write_atomic`` does, a chunk at a time
    (a ten-year database need not sit in memory twice)."""

    def copy(fd: int) -> None:
        with source.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                _write_all(fd, chunk)

    os.close(_replace(target, copy))


def _replace(path: Path, fill: Callable[[int], None]) -> int:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        fill(fd)
        os.fsync(fd)
        os.replace(temp, path)
        fsync_dir(path.parent)
    except BaseException:
        os.close(fd)
        with suppress(OSError):
            os.unlink(temp)
        raise
    return fd


def _write_all(fd: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        view = view[os.write(fd, view) :]


def fsync_dir(directory: Path) -> None:
    """Make a rename or a removal in ``directory`` durable."""
    if os.name != "posix":
        # Windows cannot open a directory as a file; its renames are journaled by NTFS.
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep_temp_files(directory: Path) -> None:
    """Remove the temporary files a killed writer left in ``directory``.

    Call it only while holding the database lock: every writer holds the lock for as long as its
    temporary file exists, so none of these can belong to a live writer.
    """
    for temp in directory.glob(TEMP_PATTERN):
        with suppress(FileNotFoundError):
            temp.unlink()


def make_private(path: Path) -> None:
    """Make an existing file 0600 (a file from an older tool or a copy may be wider)."""
    with suppress(FileNotFoundError):
        if (os.stat(path).st_mode & 0o777) != FILE_MODE:
            os.chmod(path, FILE_MODE)


def aside_path(path: Path, label: str) -> Path:
    """A free sibling name such as ``psoas.json.corrupt-20260521-073000`` for keeping a file."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{number}")
        number += 1
    return candidate


def move_aside(path: Path, label: str) -> Path:
    """Rename ``path`` to a free ``aside_path`` (0600), durably; return the new path."""
    aside = aside_path(path, label)
    os.replace(path, aside)
    make_private(aside)
    fsync_dir(path.parent)
    return aside
