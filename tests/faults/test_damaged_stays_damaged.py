"""A damaged database stays damaged until the user decides: nothing starts an empty database in
its place without a word, on the command line or in an app already open, and the backups of the
real history stay the ones ``psoas restore`` puts back.

Once a damaged file is set aside (``psoas.json.corrupt-...``), every command refuses with one line
naming the copy, ``psoas restore`` (the newest good backup) and ``psoas restore --fresh`` (an
empty database, on purpose); the same holds when ``psoas.json`` is simply gone while backups of
it exist.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DoneMark, SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from psoas_tui.ui.app import PsoasApp
from tests.apps import ended
from tests.cli.conftest import Psoas
from tests.conftest import ZONE
from tests.ui.conftest import AppFactory

SIZE = (100, 30)

#: Every command that opens the database, as a user would run it after the damage.
COMMANDS = (
    ("status",),
    ("status", "--short"),
    ("log", "--pain", "3", "--stiffness", "3"),
    ("done", "bridge"),
    ("export", "--format", "csv"),
    ("report", "--weeks", "2"),
)


def _seed_history(locations: Locations, days: int = 3) -> list[str]:
    """An entry on each of the last ``days`` days, each day's backup taken; returns the ids."""
    ids = []
    for back in range(days, 0, -1):
        clock = ManualClock(datetime.now(ZONE) - timedelta(days=back))
        entry = SymptomEntry(f"{back:032x}", clock.today(), clock.now(), pain=2, stiffness=3)
        with Repository.open(locations, clock) as repo:
            repo.save_entry(entry)
            repo.mark_done(DoneMark("bridge", clock.today(), clock.now()), ["bridge"])
        Repository.open(locations, clock).close()
        ids.append(entry.id)
    return ids


def _one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith("psoas: ")
    return stderr


def _entry_ids(locations: Locations) -> set[str]:
    with Repository.open(locations, ManualClock(datetime.now(ZONE))) as repo:
        return {entry.id for entry in repo.entries()}


def test_after_a_damaged_file_is_set_aside_every_command_refuses_and_names_restore(
    psoas: Psoas, tmp_path: Path
) -> None:
    locations = Locations(tmp_path / "data", tmp_path / "config")
    ids = _seed_history(locations)
    good = sorted(locations.backups.iterdir())[-1]
    damaged = locations.database.read_bytes()[:1000]
    locations.database.write_bytes(damaged)
    first = psoas("status")
    assert first.returncode == 1
    [moved] = locations.data_dir.glob("psoas.json.corrupt-*")

    for command in COMMANDS:
        refused = psoas(*command)
        assert refused.returncode == 1, (command, refused.stdout, refused.stderr)
        line = _one_line(refused.stderr)
        assert str(moved) in line, line
        assert f"`psoas restore` puts back the newest backup ({good.name}" in line, line
        assert "`psoas restore --fresh`" in line, line
        assert not locations.database.exists(), command
        assert refused.stdout == ""
    assert sorted(locations.backups.iterdir())[-1] == good

    restored = psoas("restore", "--yes")
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored {good.name} ")
    assert psoas("status").returncode == 0
    # The newest backup was taken at yesterday's first open, before yesterday's entry.
    assert _entry_ids(locations) == set(ids[:-1])
    assert moved.read_bytes() == damaged


def test_a_database_gone_while_its_backups_remain_is_not_replaced_by_an_empty_one(
    psoas: Psoas, tmp_path: Path
) -> None:
    locations = Locations(tmp_path / "data", tmp_path / "config")
    _seed_history(locations, days=1)
    locations.database.unlink()

    refused = psoas("log", "--pain", "3", "--stiffness", "3")

    assert refused.returncode == 1
    line = _one_line(refused.stderr)
    assert "is missing" in line and "`psoas restore`" in line and "--fresh" in line
    assert not locations.database.exists()


def test_starting_afresh_is_on_purpose_and_keeps_what_was_set_aside(
    psoas: Psoas, tmp_path: Path
) -> None:
    locations = Locations(tmp_path / "data", tmp_path / "config")
    _seed_history(locations, days=1)
    backups = sorted(locations.backups.iterdir())
    locations.database.write_bytes(b"{")
    assert psoas("status").returncode == 1
    [moved] = locations.data_dir.glob("psoas.json.corrupt-*")

    unasked = psoas("restore", "--fresh")
    assert unasked.returncode == 2
    assert "--yes" in _one_line(unasked.stderr)
    assert not locations.database.exists()
    both = psoas("restore", "--fresh", "psoas-2026-01-01.json", "--yes")
    assert both.returncode == 2
    assert "--fresh" in _one_line(both.stderr)

    fresh = psoas("restore", "--fresh", "--yes")

    assert fresh.returncode == 0, fresh.stderr
    assert f"Started an empty database at {locations.database}." in fresh.stdout
    assert psoas("log", "--pain", "3", "--stiffness", "3").returncode == 0
    assert len(_entry_ids(locations)) == 1
    assert moved.read_bytes() == b"{"
    assert sorted(locations.backups.iterdir())[: len(backups)] == backups


def test_restore_picks_the_newest_day_not_the_file_touched_last(
    psoas: Psoas, tmp_path: Path
) -> None:
    locations = Locations(tmp_path / "data", tmp_path / "config")
    _seed_history(locations, days=3)
    oldest, _, newest = sorted(locations.backups.iterdir())
    # A copy or a sync tool gives the oldest backup the newest time.
    later = newest.stat().st_mtime + 60
    os.utime(oldest, (later, later))
    locations.database.write_bytes(b"{")

    restored = psoas("restore", "--yes")

    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored {newest.name} ")
    assert locations.database.read_bytes() == newest.read_bytes()


def _errors(app: PsoasApp) -> list[str]:
    return [note.message for note in app._notifications if note.severity == "error"]


async def test_the_open_app_never_saves_into_a_new_empty_database(
    make_test_app: AppFactory, locations: Locations, clock: ManualClock, routine: Routine
) -> None:
    scheduled = [exercise.id for exercise in routine.scheduled_on(clock.today())]
    app = make_test_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        content = locations.database.read_bytes()
        locations.database.write_bytes(content[: len(content) // 2])

        await pilot.press("down", "d")
        await pilot.pause()
        [moved] = locations.data_dir.glob("psoas.json.corrupt-*")
        assert "cannot be read" in _errors(app)[-1]
        await pilot.press("down", "d")
        await pilot.pause()

        message = _errors(app)[-1]
        assert str(moved) in message and "`psoas restore --fresh`" in message
        assert not locations.database.exists()
        table = app.screen.query_one("#exercises", DataTable)
        assert str(table.get_cell(scheduled[2], "state")) == "not started"


async def test_the_open_app_meeting_damage_on_a_read_ends_with_one_line_not_a_traceback(
    make_test_app: AppFactory, locations: Locations, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        content = locations.database.read_bytes()
        locations.database.write_bytes(content[: len(content) // 2])

        # The symptom log reads the entries: nothing is saved, but the file cannot be read. The
        # key ends the app, so there is no screen left for the pilot to wait on.
        app.simulate_key("l")
        await ended(app)

    assert app.return_code == 1
    assert app.ended_by is not None
    said = str(app.ended_by)
    [moved] = locations.data_dir.glob("psoas.json.corrupt-*")
    assert "cannot be read" in said and str(moved) in said
