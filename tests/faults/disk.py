"""A disk that fails on demand, for one directory: full (ENOSPC), not writable (EACCES, EROFS),
read-only as a whole, or with only so many bytes free.

Only the writes the store makes into that directory fail, the way the kernel fails them:

- full: the temporary file is created, then writing to it stops part way with ENOSPC;
- not writable: creating the temporary file is refused with EACCES or EROFS;
- read-only (``read_only``): every change inside the directory is refused with EROFS, opening a
  file for writing (the lock) included, as on a file system mounted read-only;
- ``free(n)``: ``n`` bytes are free; a temporary file's writes use them up, a file renamed over or
  removed gives its size back, and ``shutil.disk_usage`` reports what is left.

Everything else (the terminal, pytest's own files, other directories) writes as usual.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

NOT_WRITABLE = (errno.EACCES, errno.EROFS)

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class FailingDisk:
    """Patches ``tempfile.mkstemp``, ``os.write``/``os.close`` (and, for a read-only disk or a
    budget of free bytes, the calls that change files) while the test runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
        self.directory = directory.resolve()
        self.error: int | None = None
        #: Writes refused so far: a test that expects a failure can check one happened.
        self.refused = 0
        self._read_only = False
        self._free: int | None = None
        self._temporary: set[int] = set()
        real_mkstemp = tempfile.mkstemp
        real_write = os.write
        real_close = os.close
        real_open = os.open
        real_replace = os.replace
        real_unlink = os.unlink
        real_chmod = os.chmod
        real_mkdir = os.mkdir
        real_usage = shutil.disk_usage

        def refuse_read_only(path: object) -> None:
            if self._read_only and self._inside(os.path.dirname(os.path.abspath(str(path)))):
                self.refused += 1
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

        def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
            inside = self._inside(kwargs.get("dir"))
            if inside and (self.error in NOT_WRITABLE or self._read_only):
                self.refused += 1
                error = errno.EROFS if self._read_only else self.error
                assert error is not None
                raise PermissionError(error, os.strerror(error), str(kwargs["dir"]))
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
            if fd in self._temporary and self._free is not None:
                if len(data) > self._free:
                    self.refused += 1
                    real_write(fd, bytes(data)[: self._free])
                    self._free = 0
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                self._free -= len(data)
            return real_write(fd, data)

        def close(fd: int) -> None:
            self._temporary.discard(fd)
            real_close(fd)

        def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & _WRITE_FLAGS:
                refuse_read_only(path)
            return real_open(path, flags, *args, **kwargs)

        def give_back(path: object) -> None:
            if self._free is not None and self._inside(os.path.dirname(str(path))):
                with contextlib.suppress(FileNotFoundError):
                    self._free += os.stat(path).st_size

        def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
            refuse_read_only(target)
            give_back(target)
            real_replace(source, target, *args, **kwargs)

        def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
            refuse_read_only(path)
            give_back(path)
            real_unlink(path, *args, **kwargs)

        def chmod(path: Any, *args: Any, **kwargs: Any) -> None:
            refuse_read_only(path)
            real_chmod(path, *args, **kwargs)

        def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
            refuse_read_only(path)
            real_mkdir(path, *args, **kwargs)

        def disk_usage(path: Any) -> Any:
            usage = real_usage(path)
            if self._free is not None and self._inside(path):
                return type(usage)(usage.total, usage.total - self._free, self._free)
            return usage

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "close", close)
        monkeypatch.setattr(os, "open", open_)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "unlink", unlink)
        monkeypatch.setattr(os, "chmod", chmod)
        monkeypatch.setattr(os, "mkdir", mkdir)
        monkeypatch.setattr(shutil, "disk_usage", disk_usage)

    def fail(self, error: int) -> None:
        """From now on, writes into the directory fail with ``error``."""
        self.error = error

    def read_only(self) -> None:
        """From now on the directory is on a file system mounted read-only."""
        self._read_only = True

    def free(self, count: int) -> None:
        """From now on only ``count`` bytes are free in the directory."""
        self._free = count

    def recover(self) -> None:
        """Writes work again (space was freed, the directory made writable)."""
        self.error = None
        self._read_only = False
        self._free = None

    def _inside(self, directory: object) -> bool:
        if directory is None:
            return False
        return Path(str(directory)).resolve().is_relative_to(self.directory)
