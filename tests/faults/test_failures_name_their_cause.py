"""A failure names what failed: the lock file, the database, the folder, and says "busy" only
for what really happened."""

from __future__ import annotations

import errno
import os
from typing import Any

import pytest

from psoas_tui.cli import main
from psoas_tui.clock import ManualClock
from psoas_tui.locations import Locations
from psoas_tui.store import lock
from psoas_tui.store.errors import DatabaseLocked
from psoas_tui.store.lock import DatabaseLock
from psoas_tui.store.repository import Repository
from tests.store.conftest import make_entry


def _args(locations: Locations, *command: str) -> list[str]:
    return [
        *command,
        "--data-dir",
        str(locations.data_dir),
        "--config-dir",
        str(locations.config_dir),
    ]


def _seed(locations: Locations, clock: ManualClock) -> None:
    with Repository.open(locations, clock) as repo:
        repo.save_entry(make_entry(clock))


def _refuse(monkeypatch: pytest.MonkeyPatch, name: str, call: str, error: int) -> None:
    """Make ``os.<call>`` fail with ``error`` for the file called ``name`` (as for a file of
    another user: the tests run as root, who may do anything)."""
    real = getattr(os, call)

    def refused(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.path.basename(str(path)) == name:
            raise PermissionError(error, os.strerror(error), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, call, refused)


def test_a_lock_file_of_another_user_is_named(
    monkeypatch: pytest.MonkeyPatch,
    locations: Locations,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _seed(locations, clock)
    _refuse(monkeypatch, "psoas.json.lock", "open", errno.EACCES)

    assert main(_args(locations, "log", "--pain", "3", "--stiffness", "3")) == 1

    err = capsys.readouterr().err
    assert err == (
        f"psoas: Could not save to {locations.database}: its lock file {locations.lock} "
        "cannot be opened for writing (Permission denied); nothing was changed.\n"
    )


def test_a_lock_path_that_is_a_folder_is_named(
    locations: Locations, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(locations, clock)
    locations.lock.unlink()
    locations.lock.mkdir()

    assert main(_args(locations, "log", "--pain", "3", "--stiffness", "3")) == 1

    err = capsys.readouterr().err
    assert f"its lock file {locations.lock} is a folder, not a file" in err


def test_a_database_of_another_user_is_named_not_the_folder(
    monkeypatch: pytest.MonkeyPatch,
    locations: Locations,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _seed(locations, clock)
    os.chmod(locations.database, 0o644)
    _refuse(monkeypatch, "psoas.json", "chmod", errno.EPERM)

    assert main(_args(locations, "status")) == 0

    err = capsys.readouterr().err
    assert err == (
        f"psoas: {locations.database} could not be made private (0600): "
        "Operation not permitted; it may belong to another user.\n"
    )


def test_unreadable_backups_are_named(
    monkeypatch: pytest.MonkeyPatch,
    locations: Locations,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _seed(locations, clock)
    clock.advance(86400)
    Repository.open(locations, clock).close()
    _refuse(monkeypatch, "backups", "scandir", errno.EACCES)
    _refuse(monkeypatch, "backups", "stat", errno.EACCES)

    assert main(_args(locations, "status")) == 0

    err = capsys.readouterr().err
    assert str(locations.backups) in err and "Permission denied" in err
    assert str(locations.database) not in err


def test_busy_does_not_claim_one_long_save(
    monkeypatch: pytest.MonkeyPatch, locations: Locations, clock: ManualClock
) -> None:
    _seed(locations, clock)
    monkeypatch.setattr(lock, "LOCK_TIMEOUT", 0.2)
    with DatabaseLock(locations), pytest.raises(DatabaseLocked) as busy:
        Repository.open(locations, clock).close()
    message = str(busy.value)
    assert "has been saving" not in message
    assert "waited 0.2 s for its turn" in message
