"""What can go wrong with the database, each in words a user can act on."""

from __future__ import annotations

import errno
from pathlib import Path

from psoas_tui.core.errors import PsoasError

_NOT_WRITABLE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def _what_to_do(newest_backup: Path | None, in_place: bool) -> str:
    """The two ways out of a damaged database: the newest backup, or an empty one on purpose.
    ``in_place``: the damaged file is still where the database goes, and a restore keeps it."""
    kept = " and keeps the current file aside" if in_place else ""
    if newest_backup is None:
        restore = "There is no backup that reads yet; "
    else:
        restore = (
            f"`psoas restore` puts back the newest backup ({newest_backup.name}, in "
            f"{newest_backup.parent}){kept}, or "
        )
    return f"{restore}`psoas restore --fresh` starts an empty database on purpose."


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
        to_do = _what_to_do(newest_backup, moved_to is None)
        super().__init__(f"The database {path} cannot be read ({reason}). {where} {to_do}")


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


def _reason(path: Path, error: OSError) -> str:
    """Why writing ``path`` failed, in words: the disk, the folder, or the system's own."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in _NOT_WRITABLE:
        return f"the data directory {path.parent} is not writable"
    if error.errno == errno.EISDIR:
        return "it is a folder, not a file"
    return error.strerror or str(error)


class SaveFailed(PsoasError):
    """A write to the data directory failed; the database on disk is as it was before."""

    def __init__(self, path: Path, error: OSError, reason: str | None = None) -> None:
        self.path = path
        self.error = error
        self.reason = _reason(path, error) if reason is None else reason
        super().__init__(f"Could not save to {path}: {self.reason}; nothing was changed.")


class LockFailed(SaveFailed):
    """The lock beside the database could not be opened or taken (not that it was busy)."""

    def __init__(self, database: Path, lock: Path, error: OSError) -> None:
        if error.errno == errno.EISDIR:
            reason = f"its lock file {lock} is a folder, not a file"
        elif error.errno in (errno.EACCES, errno.EPERM) and lock.exists():
            reason = f"its lock file {lock} cannot be opened for writing ({error.strerror})"
        else:
            reason = _reason(lock, error)
        super().__init__(database, error, reason)


class ReadFailed(PsoasError):
    """The database could not be read at all (not a damaged file: the disk or the path refused)."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        self.error = error
        if error.errno == errno.EISDIR:
            reason = "it is a folder, not a file"
        else:
            reason = error.strerror or str(error)
        super().__init__(f"Could not read {path}: {reason}.")


class BackupNotTaken(PsoasError):
    """Today's backup could not be taken. Said once, never an error: the data is unchanged."""

    def __init__(self, target: Path, reason: str) -> None:
        self.target = target
        super().__init__(
            f"today's backup was not taken ({target}: {reason}); psoas tries again next time."
        )

    @classmethod
    def because(cls, target: Path, error: OSError) -> BackupNotTaken:
        """The backup ``target`` could not be written: ``error`` says why."""
        if error.errno == errno.EROFS:
            return cls(target, "the disk is read-only")
        if error.errno == errno.ENOSPC:
            return cls(target, "the disk is full")
        return cls(target, error.strerror or str(error))


class DamagedSetAside(PsoasError):
    """``psoas.json`` is gone and was not replaced on purpose: a damaged file was set aside, or
    backups of it exist. Nothing creates a new database until ``psoas restore`` (or ``psoas
    restore --fresh``) is run."""

    def __init__(self, path: Path, set_aside: Path | None, newest_backup: Path | None) -> None:
        self.path = path
        self.set_aside = set_aside
        if set_aside is None:
            what = f"The database {path} is missing, but backups of it exist"
        else:
            what = (
                f"The database {path} was set aside as damaged ({set_aside}) and nothing has "
                "replaced it yet"
            )
        super().__init__(f"{what}, so nothing was changed. {_what_to_do(newest_backup, False)}")


class DatabaseIsLink(PsoasError):
    """``psoas.json`` is a symbolic link: a save would replace the link by a plain file."""

    def __init__(self, path: Path, target: Path) -> None:
        self.path = path
        self.target = target
        super().__init__(
            f"{path} is a link to {target}: every save replaces the file, which would break the "
            f"link, so nothing was changed. Move {target} to {path} in place of the link, or set "
            "PSOAS_DATA_DIR (or --data-dir) to a folder of its own."
        )


class DatabaseLocked(PsoasError):
    """Another psoas held the database's lock for longer than we are willing to wait."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.path = path
        self.seconds = seconds
        super().__init__(
            f"The database {path} is busy: this psoas waited {seconds:g} s for its turn while "
            "another psoas (or several, one after another) kept it. Nothing was changed; try "
            "again in a moment."
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
