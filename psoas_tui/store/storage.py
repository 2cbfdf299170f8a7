"""TinyDB over a file that survives crashes and a second process.

TinyDB's own ``JSONStorage`` rewrites the file in place with no lock: a kill during a write leaves
half a file, and two processes lose each other's writes. ``SafeStorage`` instead

- writes every change to a temporary file, fsyncs it, renames it over the database and fsyncs the
  directory (``files.write_atomic_open``);
- holds an inter-process lock (``lock.DatabaseLock``) across each read-modify-write, and before
  every operation compares the file's identity with the copy it holds, reloading when another
  process has written;
- serves reads from memory while the file is unchanged, and forgets that copy when a write fails,
  so memory never disagrees with the disk;
- at open, under the lock: sweeps temporary files a killed writer left, moves a file that does not
  parse aside (never overwriting it), refuses a newer schema, migrates an older one after a
  backup, and takes the day's backup (a long-lived storage, the app's, takes each later day's at
  its first read or write that day);
- never creates a database in place of one that is gone while a damaged copy is set aside or
  backups of it exist (``DamagedSetAside``), and never writes through a ``psoas.json`` that is a
  symbolic link (``DatabaseIsLink``);
- opened for ``reading`` (``status``, ``export``, ``report``), needs nothing written: on a disk
  that refuses the lock it reads without it, and what it could not do (the day's backup, making a
  file private, writing a migration) becomes one of its ``notices`` rather than an error.

``KeyedTable`` is the table class: documents are keyed by their records' own keys and the table
keeps no query cache, since both TinyDB's cached next id and its cached results go stale when
another process writes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from psoas_tui.locations import Locations, ensure_private_dir
from psoas_tui.store import codec
from psoas_tui.store.backups import (
    daily_backup_path,
    list_backups,
    newest_backup,
    take_daily,
    write_pre_migration,
)
from psoas_tui.store.errors import (
    BackupNotTaken,
    CorruptDatabase,
    DamagedSetAside,
    DatabaseIsLink,
    LockFailed,
    NewerSchema,
    ReadFailed,
    SaveFailed,
)
from psoas_tui.store.files import make_private, move_aside, sweep_temp_files, write_atomic_open
from psoas_tui.store.lock import DatabaseLock
from psoas_tui.store.migrations import migrate
from psoas_tui.store.schema import (
    CURRENT_VERSION,
    Doc,
    SchemaError,
    Tables,
    empty_tables,
    has_records,
    schema_version,
    share_repeated_values,
)

#: Keeping the loaded file open stops its inode number from being reused by a later write, so a
#: changed file can never look unchanged. Windows cannot rename over an open file, so not there.
_PIN_LOADED_FILE = os.name == "posix"


class _Identity(NamedTuple):
    device: int
    inode: int
    mtime_ns: int
    size: int

    @classmethod
    def of(cls, status: os.stat_result) -> _Identity:
        return cls(status.st_dev, status.st_ino, status.st_mtime_ns, status.st_size)


class SafeStorage(Storage):
    """The crash-safe, multi-process storage of one psoas database (see the module docstring)."""

    def __init__(
        self,
        locations: Locations,
        today: Callable[[], date],
        long_lived: bool = False,
        reading: bool = False,
    ) -> None:
        super().__init__()
        self._locations = locations
        self._long_lived = long_lived
        self._reading = reading
        self._path = locations.database
        self._today = today
        self._thread_lock = threading.RLock()
        self._tables: Tables | None = None
        self._identity: _Identity | None = None
        self._pinned: int | None = None
        #: Why the lock could not be had, when a reading storage goes on without it.
        self._unlocked: LockFailed | None = None
        #: The day whose backup was last seen to (taken, there already, or said not taken).
        self._backed_up: date | None = None
        #: What could not be done and the user should hear once (``take_notices``).
        self._notices: list[str] = []
        if not reading and self._path.is_symlink():
            raise DatabaseIsLink(self._path, Path(os.readlink(self._path)))
        try:
            ensure_private_dir(locations.data_dir, follow_link=True)
        except OSError as error:
            if not (reading and locations.data_dir.is_dir()):
                raise SaveFailed(self._path, error) from error
        self._lock = DatabaseLock(locations)
        self._open()

    def take_notices(self) -> list[str]:
        """What could not be done since the last call (a backup not taken, a file left as it
        was), each to be said once; nothing on disk was lost by any of them."""
        notices, self._notices = self._notices, []
        return notices

    def _open(self) -> None:
        with self._thread_lock:
            try:
                with self._lock:
                    self._open_locked()
            except LockFailed as refused:
                if not self._reading:
                    raise
                # Nothing can write where the lock cannot be had, and every write is a rename:
                # what is read without it is a whole file.
                self._unlocked = refused
                tables = self._load_locked()
                if self._path.exists():
                    self._daily(tables)

    def _open_locked(self) -> None:
        locations = self._locations
        try:
            for directory in (locations.data_dir, locations.backups, locations.archive):
                if directory.is_dir() and not directory.is_symlink():
                    sweep_temp_files(directory)
        except OSError as error:
            self._notices.append(BackupNotTaken.because(self._todays_backup(), error).args[0])
            self._backed_up = self._today()
        for path in (locations.lock, self._path):
            try:
                if not path.is_symlink():
                    make_private(path)
            except OSError as error:
                self._notices.append(
                    f"{path} could not be made private (0600): {error.strerror}; it may belong "
                    "to another user."
                )
        existed = self._path.exists()
        tables = self._load_locked()
        if existed:
            self._daily(tables)

    def _todays_backup(self) -> Path:
        return daily_backup_path(self._locations, self._today())

    def _daily(self, tables: Tables) -> None:
        """Take today's backup of ``tables`` (just read) if due; under the lock."""
        today = self._today()
        if self._backed_up == today:
            return
        self._backed_up = today
        if not has_records(tables):
            return
        if self._unlocked is not None:
            if not self._todays_backup().exists():
                self._notices.append(
                    BackupNotTaken.because(self._todays_backup(), self._unlocked.error).args[0]
                )
            return
        try:
            take_daily(self._locations, today, tables)
        except BackupNotTaken as error:
            self._notices.append(str(error))

    def _new_day(self) -> bool:
        return self._long_lived and self._backed_up != self._today()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock: what is read inside is current, and no other process writes meanwhile."""
        with self._thread_lock, self._lock:
            if self._new_day():
                self._daily(self._current())
            yield

    def read(self) -> Tables:
        """The tables, from memory unless another process has replaced the file since."""
        with self._thread_lock:
            if self._unlocked is not None:
                return self._current()
            if self._new_day():
                with self._lock:
                    self._daily(self._current())
            if self._tables is None or self._changed():
                with self._lock:
                    return self._current()
            return self._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with ``data`` atomically; raise ``SaveFailed`` if the disk refuses."""
        with self._thread_lock, self._lock:
            self._write_locked(data)

    def close(self) -> None:
        """Let go of the loaded copy and the file it came from."""
        with self._thread_lock:
            self._forget()

    def _current(self) -> Tables:
        if self._tables is None or self._changed():
            return self._load_locked()
        return self._tables

    def _changed(self) -> bool:
        try:
            return _Identity.of(os.stat(self._path)) != self._identity
        except FileNotFoundError:
            return True

    def _load_locked(self) -> Tables:
        try:
            fd = os.open(self._path, os.O_RDONLY)
        except FileNotFoundError:
            return self._missing()
        except OSError as error:
            raise ReadFailed(self._path, error) from error
        try:
            identity = _Identity.of(os.fstat(fd))
            raw = _read_all(fd)
            tables = codec.read_tables(raw)
            if self._long_lived:
                share_repeated_values(tables)
            version = schema_version(tables)
            if version > CURRENT_VERSION:
                raise NewerSchema(self._path, version, CURRENT_VERSION)
        except BaseException as error:
            os.close(fd)
            self._forget()
            if isinstance(error, SchemaError):
                moved_to = None if self._unlocked else move_aside(self._path, "corrupt")
                raise CorruptDatabase(
                    self._path, str(error), moved_to, newest_backup(self._locations, self._today())
                ) from None
            if isinstance(error, OSError):
                raise ReadFailed(self._path, error) from error
            raise
        if version < CURRENT_VERSION:
            return self._migrate(raw, tables, version, fd, identity)
        self._keep(tables, fd, identity)
        return tables

    def _migrate(
        self, raw: bytes, tables: Tables, version: int, fd: int, identity: _Identity
    ) -> Tables:
        migrated = migrate(tables)
        try:
            if self._unlocked is not None:
                raise self._unlocked
            write_pre_migration(self._locations, raw, version, self._today())
            written = self._write_locked(migrated)
        except (OSError, SaveFailed) as error:
            if not self._reading:
                os.close(fd)
                if isinstance(error, OSError):
                    raise SaveFailed(self._path, error) from error
                raise
            # A read goes on with the migration in memory; the next open that can write does it.
            reason = error.reason if isinstance(error, SaveFailed) else str(error.strerror)
            self._notices.append(
                f"{self._path} is from an older psoas and was read as the current one, but not "
                f"rewritten ({reason})."
            )
            self._keep(migrated, fd, identity)
            return migrated
        os.close(fd)
        return written

    def _missing(self) -> Tables:
        """No ``psoas.json``: a new empty database, unless one is gone that must not be replaced
        without a word (a damaged copy set aside, or backups of one)."""
        set_aside = sorted(self._locations.data_dir.glob(f"{self._path.name}.corrupt-*"))
        if set_aside or list_backups(self._locations, self._today()):
            raise DamagedSetAside(
                self._path,
                set_aside[-1] if set_aside else None,
                newest_backup(self._locations, self._today()),
            )
        if self._reading:
            # Nothing is recorded yet: a read shows that and creates nothing.
            self._forget()
            return empty_tables()
        return self._write_locked(empty_tables())

    def _write_locked(self, tables: Tables) -> Tables:
        if self._path.is_symlink():
            raise DatabaseIsLink(self._path, Path(os.readlink(self._path)))
        if self._unlocked is not None:
            raise self._unlocked
        try:
            fd = write_atomic_open(self._path, codec.encode(tables))
        except OSError as error:
            self._forget()
            raise SaveFailed(self._path, error) from error
        except BaseException:
            self._forget()
            raise
        self._keep(tables, fd, _Identity.of(os.fstat(fd)))
        return tables

    def _keep(self, tables: Tables, fd: int, identity: _Identity) -> None:
        if self._pinned is not None:
            os.close(self._pinned)
        if _PIN_LOADED_FILE:
            self._pinned = fd
        else:
            os.close(fd)
            self._pinned = None
        self._tables = tables
        self._identity = identity

    def _forget(self) -> None:
        if self._pinned is not None:
            os.close(self._pinned)
        self._pinned = None
        self._tables = None
        self._identity = None


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


class KeyedTable(Table):
    """A TinyDB table whose documents are keyed by their records' own keys (strings).

    Every change runs inside the storage's transaction, so the read TinyDB does before writing
    is current. There is no query cache and no counter: another process may have written.
    """

    # TinyDB annotates ids as int but only ever calls this class on them; keys here are strings.
    document_id_class = str  # type: ignore[assignment]
    default_query_cache_capacity = 0

    @property
    def _safe(self) -> SafeStorage:
        return cast(SafeStorage, self.storage)

    def raw(self) -> Mapping[str, Doc]:
        """The documents as stored, by key. Read-only: never mutate what this returns."""
        return cast(Mapping[str, Doc], self._read_table())

    def put(self, key: str, doc: Doc) -> None:
        """Store ``doc`` under ``key``, replacing any document there (one atomic write)."""

        def updater(table: MutableMapping[str, Doc]) -> None:
            table[key] = doc

        self._update_table(cast(Callable[[dict[int, Mapping[str, Any]]], None], updater))

    def delete(self, key: str) -> bool:
        """Remove the document under ``key``; ``False`` (and no write) if there is none."""

        def updater(table: MutableMapping[str, Doc]) -> None:
            del table[key]

        with self._safe.transaction():
            if key not in self.raw():
                return False
            self._update_table(cast(Callable[[dict[int, Mapping[str, Any]]], None], updater))
        return True

    def _get_next_id(self) -> int:
        raise TypeError("documents in this table carry their own key: store them with put()")

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        with self._safe.transaction():
            super()._update_table(updater)


class Database(TinyDB):
    """TinyDB over ``SafeStorage`` with ``KeyedTable`` tables."""

    table_class = KeyedTable

    def __init__(
        self,
        locations: Locations,
        today: Callable[[], date],
        long_lived: bool = False,
        reading: bool = False,
    ) -> None:
        super().__init__(locations, today, long_lived, reading, storage=SafeStorage)

    def keyed(self, name: str) -> KeyedTable:
        """The table ``name``."""
        return cast(KeyedTable, self.table(name))

    def put_many(self, changes: Mapping[str, Mapping[str, Doc]]) -> None:
        """Store documents in several tables with one atomic write: all of them, or none.

        ``changes`` maps a table's name to the documents to store in it, by key.
        """
        storage = self.safe_storage
        with storage.transaction():
            tables = dict(storage.read())
            for name, docs in changes.items():
                tables[name] = {**tables.get(name, {}), **docs}
            storage.write(tables)

    @property
    def safe_storage(self) -> SafeStorage:
        """The storage, for its transactions."""
        return cast(SafeStorage, self.storage)
