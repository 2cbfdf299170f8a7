"""A disk that fails on demand, for one directory: full (ENOSPC), or not writable (EACCES, EROFS).

Only the writes the store makes into that directory fail, the way the kernel fails them:

- full: the temporary file is created, then writing to it stops part way with ENOSPC;
- not writable: creating the temporary file is refused with EACCES or EROFS.

Everything else (the terminal, pytest's own files, other directories) writes as usual.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

NOT_WRITABLE = (errno.EACCES, errno.EROFS)


class FailingDisk:
    """Patches ``tempfile.mkstemp`` and ``os.write``/``os.close`` while the test runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
        self.directory = directory.resolve()
        self.error: int | None = None
        #: Writes refused so far: a test that expects a failure can check one happened.
        self.refused = 0
        self._temporary: set[int] = set()
        real_mkstemp = tempfile.mkstemp
        real_write = os.write
        real_close = os.close

        def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
            inside = self._inside(kwargs.get("dir"))
            if inside and self.error in NOT_WRITABLE:
                self.refused += 1
                raise PermissionError(self.error, os.strerror(self.error), str(kwargs["dir"]))
            fd, name = real_mkstemp(*args, **kwargs)
            if inside:
                self._temporary.add(fd)
            return fd, name

        def write(fd: int, data: bytes) -> int:
            if fd in self._temporary and self.error == errno.ENOSPC:
                self.refused += 1
                # A full disk takes what fits, then refuses the rest.
                real_write(fd, bytes(data)[: len(data) // 3])
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_write(fd, data)

        def close(fd: int) -> None:
            self._temporary.discard(fd)
            real_close(fd)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "close", close)

    def fail(self, error: int) -> None:
        """From now on, writes into the directory fail with ``error``."""
        self.error = error

    def recover(self) -> None:
        """Writes work again (space was freed, the directory made writable)."""
        self.error = None

    def _inside(self, directory: object) -> bool:
        if directory is None:
            return False
        return Path(str(directory)).resolve().is_relative_to(self.directory)
