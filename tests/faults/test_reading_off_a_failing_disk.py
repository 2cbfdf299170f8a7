"""Reading needs nothing written: ``status``, ``export`` and ``report`` to stdout work on a disk
mounted read-only and on a full one, today's backup or not; a backup that cannot be taken is said
once on stderr and is no error. And the day's backup never takes the space a save needs."""

from __future__ import annotations

import errno
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas_tui.cli import main
from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.routine import load_routine
from psoas_tui.locations import Locations
from psoas_tui.services import Psoas
from psoas_tui.store.repository import Repository
from tests.conftest import ZONE
from tests.faults.disk import FailingDisk
from tests.store.conftest import make_entry

READS = (
    ("status",),
    ("status", "--json"),
    ("export", "--format", "csv"),
    ("export", "--format", "json"),
)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch, locations: Locations) -> FailingDisk:
    """The test's data directory on a disk that fails when told to (the rest of its temporary
    directory is another disk, where a report can go)."""
    return FailingDisk(monkeypatch, locations.data_dir)


def _seed(locations: Locations) -> None:
    """Yesterday's entry and mark, with yesterday's backup; today's backup is not taken yet."""
    clock = ManualClock(datetime.now(ZONE) - timedelta(days=1))
    routine = load_routine(Path("/nonexistent/routine.toml"))
    with Psoas.open(locations, routine, Config(), clock) as psoas:
        psoas.mark_done("bridge", clock.today())
    with Repository.open(locations, clock) as repo:
        repo.save_entry(make_entry(clock))
    Repository.open(locations, clock).close()


def _args(locations: Locations, *command: str) -> list[str]:
    return [
        *command,
        "--data-dir",
        str(locations.data_dir),
        "--config-dir",
        str(locations.config_dir),
    ]


def _snapshot(locations: Locations) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in locations.data_dir.rglob("*") if path.is_file()}


@pytest.mark.parametrize("failure", ["read-only", "full"])
@pytest.mark.parametrize("command", READS)
def test_reads_work_on_a_failing_disk_and_say_once_that_no_backup_was_taken(
    failure: str,
    command: tuple[str, ...],
    disk: FailingDisk,
    locations: Locations,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _seed(locations)
    before = _snapshot(locations)
    capsys.readouterr()
    if failure == "read-only":
        disk.read_only()
    else:
        disk.fail(errno.ENOSPC)

    assert main(_args(locations, *command)) == 0

    out, err = capsys.readouterr()
    assert out
    assert err.count("\n") == 1, err
    assert err.startswith("psoas: today's backup was not taken")
    assert "save" not in err.lower()
    assert _snapshot(locations) == before
    assert list(locations.data_dir.rglob(".psoas*")) == []


def test_a_report_written_elsewhere_works_on_a_read_only_disk(
    disk: FailingDisk, locations: Locations, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(locations)
    Repository.open(locations, ManualClock(datetime.now(ZONE))).close()  # today's backup
    before = _snapshot(locations)
    capsys.readouterr()
    disk.read_only()

    report = tmp_path / "report.md"
    assert main(_args(locations, "report", "-o", str(report))) == 0

    err = capsys.readouterr().err
    assert err == ""
    assert report.read_text().startswith("#")
    assert _snapshot(locations) == before


def test_a_read_that_fails_says_read_not_save(
    locations: Locations, capsys: pytest.CaptureFixture[str]
) -> None:
    locations.database.mkdir(parents=True)

    assert main(_args(locations, "status")) == 1

    err = capsys.readouterr().err
    assert err == f"psoas: Could not read {locations.database}: it is a folder, not a file.\n"


def test_the_days_backup_leaves_the_space_a_save_needs(
    disk: FailingDisk, locations: Locations, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(locations)
    size = locations.database.stat().st_size
    yesterday = ManualClock(datetime.now(ZONE) - timedelta(days=1))
    with Repository.open(locations, yesterday) as repo:
        entries = len(repo.entries())
    capsys.readouterr()
    # Room for one copy of the database and a little: the backup or the save, not both.
    disk.free(size + size // 2)

    assert main(_args(locations, "log", "--pain", "3", "--stiffness", "3")) == 0

    err = capsys.readouterr().err
    assert err.startswith("psoas: today's backup was not taken"), err
    assert "free" in err
    disk.recover()
    with Repository.open(locations, ManualClock(datetime.now(ZONE))) as repo:
        assert len(repo.entries()) == entries + 1
