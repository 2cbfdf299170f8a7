"""Paths in the data directory that psoas did not make the way it makes them: a ``psoas.json``
that is a symbolic link, ``backups/`` or ``reports/`` made beforehand as links, ``backups`` as a
plain file, and the parents of a new data directory under ``umask 000``.

psoas never writes or changes modes through a link: a linked ``psoas.json`` is read (so the
data can always be read off) but a write is refused with one line saying what to do, and the
file at the other end keeps its bytes and its mode.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DoneMark
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from tests.cli.conftest import Psoas
from tests.conftest import ZONE
from tests.store.conftest import make_entry


def _seed(locations: Locations, days_back: int = 1) -> None:
    clock = ManualClock(datetime.now(ZONE) - timedelta(days=days_back))
    with Repository.open(locations, clock) as repo:
        repo.save_entry(make_entry(clock))
        repo.mark_done(DoneMark("bridge", clock.today(), clock.now()), ["bridge"])


def _one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith("psoas: ")
    return stderr


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[tuple[Locations, Path]]:
    """A database whose ``psoas.json`` is a link to ``synced/real.json`` (0644)."""
    locations = Locations(tmp_path / "data", tmp_path / "config")
    _seed(locations)
    target = tmp_path / "synced" / "real.json"
    target.parent.mkdir()
    locations.database.rename(target)
    os.chmod(target, 0o644)
    locations.database.symlink_to(target)
    yield locations, target


def test_a_linked_database_is_never_replaced_by_a_plain_file(
    linked: tuple[Locations, Path], psoas: Psoas
) -> None:
    locations, target = linked
    before = target.read_bytes()

    refused = psoas("log", "--pain", "3", "--stiffness", "3")

    assert refused.returncode == 1
    line = _one_line(refused.stderr)
    assert f"{locations.database} is a link to {target}" in line
    assert "PSOAS_DATA_DIR" in line
    assert locations.database.is_symlink()
    assert target.read_bytes() == before
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_linked_database_can_still_be_read(linked: tuple[Locations, Path], psoas: Psoas) -> None:
    locations, target = linked
    before = target.read_bytes()

    status = psoas("status")
    export = psoas("export", "--format", "csv")

    assert status.returncode == 0, status.stderr
    assert export.returncode == 0, export.stderr
    assert "pain" in export.stdout
    assert locations.database.is_symlink()
    assert target.read_bytes() == before
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("folder", ["backups", "reports"])
def test_a_folder_made_beforehand_as_a_link_is_not_followed(
    folder: str, psoas: Psoas, tmp_path: Path
) -> None:
    locations = Locations(tmp_path / "data", tmp_path / "config")
    _seed(locations)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    os.chmod(elsewhere, 0o755)
    (locations.data_dir / folder).symlink_to(elsewhere)

    result = psoas("status") if folder == "backups" else psoas("report", "--weeks", "2")

    assert str(locations.data_dir / folder) in result.stderr
    assert "link" in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert elsewhere.stat().st_mode & 0o777 == 0o755


def test_a_backups_path_that_is_a_file_stops_no_command(psoas: Psoas, tmp_path: Path) -> None:
    locations = Locations(tmp_path / "data", tmp_path / "config")
    _seed(locations)
    locations.backups.write_bytes(b"not a folder")

    status = psoas("status")
    logged = psoas("log", "--pain", "3", "--stiffness", "3")

    assert status.returncode == 0, status.stderr
    assert logged.returncode == 0, logged.stderr
    line = _one_line(status.stderr)
    assert f"{locations.backups} is a file, not a folder" in line
    assert "File exists" not in line
    assert locations.backups.read_bytes() == b"not a folder"


def test_parents_made_for_a_new_data_directory_are_private(psoas: Psoas, tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        result = psoas("status", env={"PSOAS_DATA_DIR": str(tmp_path / "a" / "b" / "data")})
    finally:
        os.umask(old)

    assert result.returncode == 0, result.stderr
    for directory in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "data"):
        assert directory.stat().st_mode & 0o777 == 0o700, directory
