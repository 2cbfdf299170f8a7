"""Copies of the database in ``backups/``, and putting one back.

- a daily copy, ``psoas-YYYY-MM-DD.json``, taken the first time the database is opened that day
  (or, in the app, first read or saved) if every document in it reads and the disk keeps room
  for a save after it; the newest ``KEEP_DAILY`` days up to today are kept. A copy dated after
  today (the clock was once set ahead) neither counts among them nor is removed;
- a copy taken before a schema migration, ``psoas-YYYY-MM-DD-before-migration-vN-to-vM.json``,
  and one before the first compaction moved years into archives,
  ``psoas-YYYY-MM-DD-before-archiving.json``, never removed.

Every copy is written atomically and is 0600, like the database. ``restore`` puts back the copy of
the latest day up to today that reads completely, passing over any that is damaged; copies dated
after today come last.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from psoas_tui.locations import Locations, ensure_private_dir
from psoas_tui.store.codec import encode, read_tables
from psoas_tui.store.errors import BackupNotTaken, RestoreRefused, SaveFailed
from psoas_tui.store.files import aside_path, copy_atomic, make_private, write_atomic
from psoas_tui.store.lock import DatabaseLock
from psoas_tui.store.migrations import migrate
from psoas_tui.store.schema import (
    CURRENT_VERSION,
    SchemaError,
    Tables,
    check_documents,
    empty_tables,
    schema_version,
)

KEEP_DAILY = 7

#: Room a save may need beyond the database's present size (it may have grown a little).
SAVE_HEADROOM = 64 * 1024

_DAILY = re.compile(r"psoas-\d{4}-\d{2}-\d{2}\.json")
_DAY = re.compile(r"psoas-(\d{4}-\d{2}-\d{2})")


def _day_of(backup: Path) -> date | None:
    """The day in a backup's name (``None`` if it has none that is a date)."""
    match = _DAY.match(backup.name)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def daily_backup_path(locations: Locations, day: date) -> Path:
    """Where the daily copy for ``day`` goes."""
    return locations.backups / f"psoas-{day.isoformat()}.json"


def take_daily(locations: Locations, today: date, tables: Tables) -> Path | None:
    """Copy the database to today's backup unless there is one; keep the newest ``KEEP_DAILY``.

    ``tables`` are the database's, just read from the file. Returns the new copy, or ``None`` if
    today's existed or a document in ``tables`` lacks its fields (``schema.check_documents``): a
    damaged file must never become a backup, where it would push a good one out. The copy is of
    the file's bytes: nothing is converted. Only days up to ``today`` count among the kept, and
    the copy just written is never removed. ``BackupNotTaken`` says why when the copy cannot be
    written, or when after it the disk would not have room left for a save of the database.
    Call it holding the database lock.
    """
    target = daily_backup_path(locations, today)
    try:
        if target.exists():
            return None
        check_documents(tables)
    except SchemaError:
        return None
    except OSError as error:
        raise BackupNotTaken.because(target, error) from error
    try:
        ensure_private_dir(locations.backups)
        size = locations.database.stat().st_size
        free = shutil.disk_usage(locations.backups).free
        if free - size < size + SAVE_HEADROOM:
            raise BackupNotTaken(
                target,
                f"{_megabytes(free)} free, and a save of the database needs "
                f"{_megabytes(size + SAVE_HEADROOM)} of it",
            )
        copy_atomic(locations.database, target)
        daily = sorted(
            (
                path
                for path in locations.backups.iterdir()
                if _DAILY.fullmatch(path.name) and path.name <= target.name
            ),
            reverse=True,
        )
        for old in daily[KEEP_DAILY:]:
            old.unlink()
        for kept in locations.backups.iterdir():
            make_private(kept)
    except OSError as error:
        raise BackupNotTaken.because(target, error) from error
    return target


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB"


def write_pre_migration(
    locations: Locations, content: bytes, from_version: int, today: date
) -> Path:
    """Keep ``content`` (the file as it was before a migration); return where it went."""
    name = f"psoas-{today.isoformat()}-before-migration-v{from_version}-to-v{CURRENT_VERSION}"
    # A migration killed after its copy was written runs again at the next open: the copy it
    # left is the same file, and a second one would only take the space again.
    ensure_private_dir(locations.backups)
    for earlier in locations.backups.glob(f"{name}*.json"):
        if earlier.stat().st_size == len(content) and earlier.read_bytes() == content:
            return earlier
    target = _free_name(locations, name)
    write_atomic(target, content)
    return target


def write_before_archiving(locations: Locations, today: date) -> Path:
    """Keep the database as it is before its first compaction moves years into archives."""
    target = _free_name(locations, f"psoas-{today.isoformat()}-before-archiving")
    try:
        copy_atomic(locations.database, target)
    except OSError as error:
        raise SaveFailed(target, error) from error
    return target


def _free_name(locations: Locations, name: str) -> Path:
    # ``name``.json in backups/ (made 0700), or ``name``-2.json and on if that is taken.
    ensure_private_dir(locations.backups)
    target = locations.backups / f"{name}.json"
    number = 2
    while target.exists():
        target = locations.backups / f"{name}-{number}.json"
        number += 1
    return target


def list_backups(locations: Locations, today: date | None = None) -> list[Path]:
    """Every backup, newest first: by the day in its name, then by when it was written. Those
    dated after ``today`` (the clock was set ahead when they were taken) come last: their day
    is not what they hold."""
    if not locations.backups.is_dir() or locations.backups.is_symlink():
        return []
    limit = date.today() if today is None else today
    found = [
        path
        for path in locations.backups.iterdir()
        if path.name.startswith("psoas-") and path.name.endswith(".json")
    ]

    def newness(path: Path) -> tuple[bool, date, int, str]:
        day = _day_of(path)
        real = day is not None and day <= limit
        return (real, day or date.min, path.stat().st_mtime_ns, path.name)

    return sorted(found, key=newness, reverse=True)


@dataclass(frozen=True)
class BackupFile:
    """A backup as ``psoas restore --list`` shows it: when it was last written, and its size."""

    path: Path
    written: datetime  # aware, in UTC
    size: int  # bytes


def backup_files(locations: Locations, today: date | None = None) -> list[BackupFile]:
    """Every backup with when it was written and its size, newest first, as ``list_backups``."""
    files = []
    for path in list_backups(locations, today):
        info = path.stat()
        files.append(BackupFile(path, datetime.fromtimestamp(info.st_mtime, UTC), info.st_size))
    return files


def newest_backup(locations: Locations, today: date | None = None) -> Path | None:
    """The backup ``restore`` would put back: the newest that reads, if there is one."""
    for backup in list_backups(locations, today):
        if _problem_with(backup) is None:
            return backup
    return None


def _problem_with(backup: Path) -> str | None:
    """Why ``backup`` cannot be put back, or ``None`` if every document in it reads."""
    try:
        tables = read_tables(backup.read_bytes())
        version = schema_version(tables)
        if version > CURRENT_VERSION:
            return f"it was written by a newer psoas (schema version {version})"
        check_documents(migrate(tables))
    except SchemaError as error:
        return str(error)
    except OSError as error:
        return error.strerror or str(error)
    return None


def restore(
    locations: Locations, backup_name: str | None = None, today: date | None = None
) -> tuple[Path, Path | None]:
    """Put the newest backup that reads (or the one named) in place of the database, atomically.

    The database it replaces, readable or not, is first copied to
    ``psoas.json.replaced-<timestamp>`` and never deleted. Returns the backup used and where the
    replaced file was kept (``None`` if there was no database). Raises ``RestoreRefused`` when
    there is no such backup or none that reads, ``SaveFailed`` when the copy cannot be written.
    """
    available = list_backups(locations, today)
    if backup_name is None:
        if not available:
            raise RestoreRefused(f"there is no backup in {locations.backups}", available)
        chosen = newest_backup(locations, today)
        if chosen is None:
            newest = available[0]
            older = f", nor can the {len(available) - 1} older" if len(available) > 1 else ""
            raise RestoreRefused(
                f"{newest.name} cannot be read either ({_problem_with(newest)}){older}", available
            )
    else:
        chosen = locations.backups / Path(backup_name).name
        if chosen not in available:
            raise RestoreRefused(
                f"there is no backup named {backup_name!r} in {locations.backups}", available
            )
        problem = _problem_with(chosen)
        if problem is not None:
            others = [path for path in available if path != chosen]
            raise RestoreRefused(f"{chosen.name} cannot be read either ({problem})", others)
    return chosen, _replace_database(locations, chosen.read_bytes())


def start_fresh(locations: Locations) -> Path | None:
    """Put an empty database in place of the database, on purpose (``psoas restore --fresh``).

    The file it replaces is kept as ``restore`` keeps it; whatever was set aside as damaged,
    and every backup, stays. Returns where the replaced file was kept (``None`` if none).
    """
    return _replace_database(locations, encode(empty_tables()))


def _replace_database(locations: Locations, content: bytes) -> Path | None:
    database = locations.database
    try:
        ensure_private_dir(locations.data_dir, follow_link=True)
        with DatabaseLock(locations):
            kept = None
            if database.exists():
                kept = aside_path(database, "replaced")
                copy_atomic(database, kept)
            write_atomic(database, content)
    except OSError as error:
        raise SaveFailed(database, error) from error
    return kept
