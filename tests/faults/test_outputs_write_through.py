"""``-o`` names something that is not a plain file: a FIFO, ``/dev/null``, ``/dev/full``,
``/dev/stdout``, or a symlink. psoas writes into it and never puts a plain file in its place (as
root nothing else would stop it): a device or a FIFO is opened and written, a symlink is followed
and the file it leads to is replaced atomically in its own directory. ``/dev/full`` says the disk
is full. When the temporary file cannot be created, the message names the directory that refused.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from psoas_tui.cli import main
from tests.cli.conftest import Psoas
from tests.faults.disk import FailingDisk


@pytest.fixture
def logged(psoas: Psoas) -> Psoas:
    """``psoas`` over a database holding one entry."""
    assert psoas("log", "--pain", "3", "--stiffness", "2", "--note", "through").returncode == 0
    return psoas


def _csv(psoas: Psoas) -> str:
    done = psoas("export", "--format", "csv")
    assert done.returncode == 0
    return done.stdout


def test_a_fifo_is_written_into_not_replaced(logged: Psoas, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo, 0o600)
    # Opened for reading first (without waiting for a writer), so the export's open finds a
    # reader; the export fits the pipe's buffer, so nothing waits on anything.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        done = logged("export", "--format", "csv", "-o", str(fifo))
        received = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received.decode() == _csv(logged)


@pytest.mark.parametrize("command", [("export", "--format", "csv"), ("report",)])
def test_dev_null_stays_a_device(logged: Psoas, command: tuple[str, ...]) -> None:
    before = os.lstat("/dev/null")
    done = logged(*command, "-o", "/dev/null")
    after = os.lstat("/dev/null")
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino


def test_dev_full_says_the_disk_is_full(logged: Psoas) -> None:
    before = os.lstat("/dev/full")
    done = logged("export", "--format", "csv", "-o", "/dev/full")
    after = os.lstat("/dev/full")
    assert done.returncode == 1
    assert done.stderr == "psoas: Could not write /dev/full: the disk is full.\n"
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_dev_stdout_is_standard_output(logged: Psoas) -> None:
    before = os.lstat("/dev/stdout")
    done = logged("export", "--format", "csv", "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(_csv(logged))
    assert os.lstat("/dev/stdout").st_ino == before.st_ino
    assert os.path.islink("/dev/stdout")


def test_a_symlink_is_followed_and_stays_a_symlink(logged: Psoas, tmp_path: Path) -> None:
    shelf = tmp_path / "synced"
    shelf.mkdir()
    real = shelf / "export.csv"
    real.write_text("an older export\n")
    link = tmp_path / "export.csv"
    link.symlink_to(real)
    done = logged("export", "--format", "csv", "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text() == _csv(logged)
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert [path.name for path in shelf.iterdir()] == ["export.csv"]


def test_a_dangling_symlink_creates_its_target(logged: Psoas, tmp_path: Path) -> None:
    real = tmp_path / "new.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    done = logged("export", "--format", "csv", "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert real.read_text() == _csv(logged)


def test_a_refused_temporary_file_names_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    directories = ["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path / "config")]
    assert main([*directories, "log", "--pain", "3", "--stiffness", "2"]) == 0
    disk = FailingDisk(monkeypatch, shelf)
    disk.fail(errno.EACCES)
    capsys.readouterr()
    assert main([*directories, "export", "-o", str(shelf / "out.json")]) == 1
    assert disk.refused == 1
    out, err = capsys.readouterr()
    assert err == (
        f"psoas: Could not write {shelf / 'out.json'}: a file cannot be created in "
        f"{shelf} ({os.strerror(errno.EACCES)}); nothing was written.\n"
    )
    assert out == "" and list(shelf.iterdir()) == []
