"""What can go wrong with the database, each in words a user can act on."""

from __future__ import annotations

import errno
from pathlib import Path

from psoas_tui.core.errors import PsoasError

_NOT_WRITABLE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def _restore_hint(newest_backup: Path | None) -> str:
    if newest_backup is None:
        return "There is no backup to restore yet."
    return (
        f"`psoas restore` puts back the newest backup ({newest_backup.name}, "
        f"in {newest_backup.parent}) and keeps the current file aside."
    )


class CorruptDatabase(PsoasError):
    """The database file does not parse, or holds something that is not a psoas database.

    ``moved_to`` is where the unreadable file went (it is never overwritten), or ``None`` when it
    was left where it is.
    """

    def __init__(
        self, path: Path, reason: str, moved_to: Path | None, newest_backup: Path | None
    ) -> None:
        self.path = path
        self.reason = reason
        self.moved_to = moved_to
        self.newest_backup = newest_backup
        if moved_to is None:
            where = "It was left where it is, unchanged."
        else:
            where = f"It was moved aside, unchanged, to {moved_to}."
        super().__init__(
            f"The database {path} cannot be read ({reason}). {where} {_restore_hint(newest_backup)}"
        )


class NewerSchema(PsoasError):
    """The database was written by a newer psoas; this one refuses to touch it."""

    def __init__(self, path: Path, version: int, supported: int) -> None:
        self.path = path
        self.version = version
        self.supported = supported
        super().__init__(
            f"The database {path} was written by a newer psoas (schema version {version}; "
            f"this psoas reads up to version {supported}). Update psoas to open it; "
            "the file was left untouched."
        )


class SaveFailed(PsoasError):
    """A write to the data directory failed; the database on disk is as it was before."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        self.error = error
        if error.errno == errno.ENOSPC:
            reason = "the disk is full"
        elif error.errno in _NOT_WRITABLE:
            reason = f"the data directory {path.parent} is not writable"
        else:
            reason = error.strerror or str(error)
        super().__init__(f"Could not save to {path}: {reason}; nothing was changed.")


class DatabaseLocked(PsoasError):
    """Another psoas held the database's lock for longer than we are willing to wait."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.path = path
        self.seconds = seconds
        super().__init__(
            f"The database {path} is busy: another psoas has been saving for more than "
            f"{seconds:g} s. Nothing was changed; try again in a moment."
        )


class RestoreRefused(PsoasError):
    """``psoas restore`` found no backup to use: none at all, no such name, or an unreadable one."""

    def __init__(self, problem: str, available: list[Path]) -> None:
        self.problem = problem
        self.available = available
        if available:
            choices = "the backups are: " + ", ".join(path.name for path in available)
        else:
            choices = "there are no backups yet"
        super().__init__(f"Cannot restore: {problem}; nothing was changed ({choices}).")
