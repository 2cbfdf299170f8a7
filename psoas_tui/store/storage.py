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
  backup, and takes the day's backup.

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
from typing import Any, NamedTuple, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from psoas_tui.locations import Locations, ensure_private_dir
from psoas_tui.store import codec
from psoas_tui.store.backups import newest_backup, take_daily, write_pre_migration
from psoas_tui.store.errors import CorruptDatabase, NewerSchema, SaveFailed
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
        self, locations: Locations, today: Callable[[], date], long_lived: bool = False
    ) -> None:
        super().__init__()
        self._locations = locations
        self._long_lived = long_lived
        self._path = locations.database
        self._today = today
        self._thread_lock = threading.RLock()
        self._tables: Tables | None = None
        self._identity: _Identity | None = None
        self._pinned: int | None = None
        try:
            ensure_private_dir(locations.data_dir)
        except OSError as error:
            raise SaveFailed(self._path, error) from error
        self._lock = DatabaseLock(locations)
        self._open()

    def _open(self) -> None:
        locations = self._locations
        with self._thread_lock, self._lock:
            try:
                for directory in (locations.data_dir, locations.backups, locations.archive):
                    if directory.is_dir():
                        sweep_temp_files(directory)
                make_private(self._locations.lock)
                make_private(self._path)
                existed = self._path.exists()
                tables = self._load_locked()
                if existed and has_records(tables):
                    take_daily(self._locations, self._today(), tables)
            except OSError as error:
                raise SaveFailed(self._path, error) from error

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock: what is read inside is current, and no other process writes meanwhile."""
        with self._thread_lock, self._lock:
            yield

    def read(self) -> Tables:
        """The tables, from memory unless another process has replaced the file since."""
        with self._thread_lock:
            if self._tables is None or self._changed():
                with self._lock:
                    if self._tables is None or self._changed():
                        return self._load_locked()
            return self._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with ``data`` atomically; raise ``SaveFailed`` if the disk refuses."""
        with self._thread_lock, self._lock:
            self._write_locked(data)

    def close(self) -> None:
        """Let go of the loaded copy and the file it came from."""
        with self._thread_lock:
            self._forget()

    def _changed(self) -> bool:
        try:
            return _Identity.of(os.stat(self._path)) != self._identity
        except FileNotFoundError:
            return True

    def _load_locked(self) -> Tables:
        try:
            fd = os.open(self._path, os.O_RDONLY)
        except FileNotFoundError:
            return self._write_locked(empty_tables())
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
                moved_to = move_aside(self._path, "corrupt")
                raise CorruptDatabase(
                    self._path, str(error), moved_to, newest_backup(self._locations)
                ) from None
            raise
        if version < CURRENT_VERSION:
            os.close(fd)
            write_pre_migration(self._locations, raw, version, self._today())
            return self._write_locked(migrate(tables))
        self._keep(tables, fd, identity)
        return tables

    def _write_locked(self, tables: Tables) -> Tables:
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
        self, locations: Locations, today: Callable[[], date], long_lived: bool = False
    ) -> None:
        super().__init__(locations, today, long_lived, storage=SafeStorage)

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
