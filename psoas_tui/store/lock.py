"""The inter-process lock every writer of the database holds."""

from __future__ import annotations

import errno
import os
import sys
import time
from types import TracebackType

from psoas_tui.locations import Locations
from psoas_tui.store.errors import DatabaseLocked, LockFailed
from psoas_tui.store.files import FILE_MODE

#: How long to wait for another psoas to finish saving before giving up.
LOCK_TIMEOUT = 5.0
#: How often a waiting writer tries the lock again.
POLL_SECONDS = 0.01

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


_BUSY = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK})


class DatabaseLock:
    """``locations.lock``, held across each read-modify-write of the database.

    Re-entrant for its holder (callers serialise threads themselves). On POSIX it is an
    ``flock``, which the kernel releases when its holder dies, so a killed process never leaves
    the database locked. A small module of our own rather than a dependency: importing one took
    longer than a whole ``psoas status``'s work on a small database.
    """

    def __init__(self, locations: Locations, timeout: float | None = None) -> None:
        self._path = locations.lock
        self._database = locations.database
        self._timeout = LOCK_TIMEOUT if timeout is None else timeout
        self._fd: int | None = None
        self._depth = 0

    def __enter__(self) -> None:
        if self._depth:
            self._depth += 1
            return
        try:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as error:
            raise LockFailed(self._database, self._path, error) from error
        deadline = time.monotonic() + self._timeout
        while True:
            try:
                _try_lock(fd)
                break
            except OSError as error:
                if error.errno not in _BUSY:
                    os.close(fd)
                    raise LockFailed(self._database, self._path, error) from error
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise DatabaseLocked(self._database, self._timeout) from None
                time.sleep(POLL_SECONDS)
        self._fd = fd
        self._depth = 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                _unlock(fd)
            finally:
                os.close(fd)
