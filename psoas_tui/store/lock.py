"""The inter-process lock every writer of the database holds."""

from __future__ import annotations

from types import TracebackType

from filelock import FileLock, Timeout

from psoas_tui.locations import Locations
from psoas_tui.store.errors import DatabaseLocked, SaveFailed
from psoas_tui.store.files import FILE_MODE

#: How long to wait for another psoas to finish saving before giving up.
LOCK_TIMEOUT = 5.0


class DatabaseLock:
    """``locations.lock``, held across each read-modify-write of the database.

    Re-entrant within a thread. On POSIX it is an ``flock``, which the kernel releases when its
    holder dies, so a killed process never leaves the database locked.
    """

    def __init__(self, locations: Locations, timeout: float | None = None) -> None:
        self._database = locations.database
        self._timeout = LOCK_TIMEOUT if timeout is None else timeout
        self._lock = FileLock(str(locations.lock), timeout=self._timeout, mode=FILE_MODE)

    def __enter__(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise DatabaseLocked(self._database, self._timeout) from None
        except OSError as error:
            raise SaveFailed(self._database, error) from error

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._lock.release()
