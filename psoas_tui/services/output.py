"""Files the user asks for (exports, reports): where they may go and how they are written."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from psoas_tui.core.errors import InvalidInput, PsoasError
from psoas_tui.locations import Locations
from psoas_tui.store.files import write_atomic


def checked_output(name: str, locations: Locations) -> Path:
    """The file ``-o`` names, if it can be written: never the database or one of its backups."""
    path = Path(name).expanduser()
    if path.is_dir() or name.endswith(os.sep):
        raise InvalidInput(f"-o: {name} is a directory; allowed: a file name")
    if not path.parent.is_dir():
        raise InvalidInput(
            f"-o: the directory {path.parent} does not exist; allowed: a file in an existing "
            "directory"
        )
    resolved = path.resolve()
    database, backups = locations.database.resolve(), locations.backups.resolve()
    if resolved == database or backups in resolved.parents:
        raise InvalidInput(
            f"-o: {name} is psoas's own database or a backup of it; allowed: any other file"
        )
    return path


def write_private(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` atomically, as a 0600 file; a clear error if it fails."""
    try:
        write_atomic(path, content)
    except OSError as error:
        raise PsoasError(
            f"Could not write {path}: {error.strerror or error}; nothing was written."
        ) from None


def write_stdout(content: bytes) -> int:
    """Write ``content`` to stdout; a reader that stops early (``| head``) is not an error."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # Python would report the broken pipe again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
