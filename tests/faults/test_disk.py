"""A full disk and a directory that cannot be written: every save says why it failed, the file on
disk stays exactly as it was, nothing half-done is remembered, and once the disk recovers the
next save works. In the store, on the command line, and in the app."""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

from psoas_tui.cli import main
from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.model import DoneMark, History, ReferralResponse
from psoas_tui.core.profile import ProfileAnswer, ProfileItem, ProfileKey
from psoas_tui.core.routine import Routine
from psoas_tui.locations import Locations
from psoas_tui.store.errors import SaveFailed
from psoas_tui.store.repository import Repository
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.hold import HoldScreen
from psoas_tui.ui.screens.today import TodayScreen
from tests.apps import store
from tests.faults.disk import FailingDisk
from tests.store.conftest import freeze_plan, make_entry, make_hold
from tests.ui.conftest import AppFactory

SIZE = (100, 30)

#: Each failure, and how the message must name it ({data} is the data directory).
FAILURES = {
    "full disk": (errno.ENOSPC, "the disk is full"),
    "no permission": (errno.EACCES, "the data directory {data} is not writable"),
    "read-only file system": (errno.EROFS, "the data directory {data} is not writable"),
}


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch, locations: Locations) -> FailingDisk:
    """The test's data directory on a disk that fails when told to."""
    return FailingDisk(monkeypatch, locations.data_dir.parent)


@pytest.fixture
def repo(locations: Locations, clock: ManualClock) -> Iterator[Repository]:
    """A repository holding an entry and a hand mark, and today's backup of them."""
    with Repository.open(locations, clock) as seeding:
        seeding.save_entry(make_entry(clock))
        seeding.mark_done(DoneMark("bridge", clock.today(), clock.now()), ["bridge"])
    opened = Repository.open(locations, clock)
    yield opened
    opened.close()


WRITES = (
    "save an entry",
    "mark done",
    "add a hold",
    "undo a mark",
    "delete an entry",
    "answer a prompt",
    "answer about you",
    "merge a history",
    "freeze a plan",
)


def _writes(clock: ManualClock) -> dict[str, Callable[[Repository], object]]:
    """Every kind of write the repository makes, each of which must change the file."""
    today = clock.today()
    return {
        "save an entry": lambda repo: repo.save_entry(make_entry(clock)),
        "mark done": lambda repo: repo.mark_done(
            DoneMark("supine-psoas-stretch", today, clock.now()), ["bridge"]
        ),
        "add a hold": lambda repo: repo.add_hold(make_hold(clock), ["bridge"]),
        "undo a mark": lambda repo: repo.unmark_done("bridge", today),
        "delete an entry": lambda repo: repo.delete_entry(repo.entries()[0].id),
        "answer a prompt": lambda repo: repo.add_response(
            ReferralResponse("severe-pain", today.isoformat(), "snoozed", today, clock.now())
        ),
        "answer about you": lambda repo: repo.save_profile_item(
            ProfileItem(ProfileKey.cancer, ProfileAnswer.no, today)
        ),
        "merge a history": lambda repo: repo.merge(History(entries=(make_entry(clock),))),
        "freeze a plan": lambda repo: freeze_plan(repo, today - timedelta(days=3), ["bridge"]),
    }


def _temporary_files(locations: Locations) -> list[Path]:
    return sorted(locations.data_dir.rglob(".psoas*"))


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("write", WRITES)
def test_a_failed_write_changes_nothing_and_the_next_one_works(
    failure: str,
    write: str,
    repo: Repository,
    disk: FailingDisk,
    locations: Locations,
    clock: ManualClock,
) -> None:
    error, reason = FAILURES[failure]
    do = _writes(clock)[write]
    before = locations.database.read_bytes()
    history = repo.history()

    disk.fail(error)
    with pytest.raises(SaveFailed) as refused:
        do(repo)

    assert disk.refused == 1
    reason = reason.format(data=locations.data_dir)
    assert str(refused.value) == (
        f"Could not save to {locations.database}: {reason}; nothing was changed."
    )
    assert locations.database.read_bytes() == before
    assert _temporary_files(locations) == []
    assert repo.history() == history

    disk.recover()
    do(repo)
    assert locations.database.read_bytes() != before
    with Repository.open(locations, clock) as reopened:
        assert reopened.history() == repo.history() != history


@pytest.mark.parametrize("failure", FAILURES)
def test_the_days_backup_on_a_failing_disk_is_named_and_leaves_everything_as_it_was(
    failure: str, repo: Repository, disk: FailingDisk, locations: Locations, clock: ManualClock
) -> None:
    repo.close()
    clock.advance(86400)
    error, _ = FAILURES[failure]
    reason = {errno.ENOSPC: "the disk is full", errno.EACCES: "Permission denied"}.get(
        error, "the disk is read-only"
    )
    before = {path: path.read_bytes() for path in locations.data_dir.rglob("psoas*")}

    disk.fail(error)
    with Repository.open(locations, clock) as opened:
        notices = opened.take_notices()

    backup = locations.backups / "psoas-2026-11-22.json"
    assert notices == [
        f"today's backup was not taken ({backup}: {reason}); psoas tries again next time."
    ]
    assert {path: path.read_bytes() for path in locations.data_dir.rglob("psoas*")} == before
    assert _temporary_files(locations) == []

    disk.recover()
    Repository.open(locations, clock).close()
    assert backup.read_bytes() == locations.database.read_bytes()


@pytest.mark.parametrize("failure", FAILURES)
def test_psoas_done_on_a_failing_disk_is_one_line_and_exit_1(
    failure: str,
    disk: FailingDisk,
    locations: Locations,
    routine: Routine,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = ["--data-dir", str(locations.data_dir), "--config-dir", str(locations.config_dir)]
    first, second = routine.exercises[0].id, routine.exercises[1].id
    assert main(["done", first, *data]) == 0
    assert main(["status", *data]) == 0  # the day's backup is taken at this open
    before = locations.database.read_bytes()
    capsys.readouterr()
    error, reason = FAILURES[failure]

    disk.fail(error)
    assert main(["done", second, *data]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    reason = reason.format(data=locations.data_dir)
    assert err == f"psoas: Could not save to {locations.database}: {reason}; nothing was changed.\n"
    assert locations.database.read_bytes() == before
    disk.recover()
    assert main(["done", second, *data]) == 0


# In the app


def _state(app: PsoasApp, exercise_id: str) -> str:
    return str(app.screen.query_one("#exercises", DataTable).get_cell(exercise_id, "state"))


def _errors(app: PsoasApp) -> list[str]:
    return [note.message for note in app._notifications if note.severity == "error"]


@pytest.mark.parametrize("failure", ["full disk", "no permission"])
async def test_marking_done_on_a_failing_disk_says_so_and_shows_nothing_saved(
    failure: str,
    make_test_app: AppFactory,
    disk: FailingDisk,
    locations: Locations,
    routine: Routine,
    clock: ManualClock,
) -> None:
    first = routine.scheduled_on(clock.today())[0].id
    app = make_test_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        before = locations.database.read_bytes()
        error, reason = FAILURES[failure]

        disk.fail(error)
        await pilot.press("d")
        await pilot.pause()

        [message] = _errors(app)
        assert reason.format(data=locations.data_dir) in message
        assert message.endswith("nothing was changed.")
        assert _state(app, first) == "not started"
        assert store(app).day(clock.today()).marks == ()
        assert locations.database.read_bytes() == before

        disk.recover()
        await pilot.press("d")
        await pilot.pause()
        assert _state(app, first) == "done by hand"
        assert len(_errors(app)) == 1

    reopened = make_test_app()
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _state(reopened, first) == "done by hand"


async def test_undo_on_a_read_only_directory_keeps_the_mark(
    make_test_app: AppFactory, disk: FailingDisk, routine: Routine, clock: ManualClock
) -> None:
    first = routine.scheduled_on(clock.today())[0].id
    app = make_test_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        disk.fail(errno.EROFS)
        await pilot.press("u")
        await pilot.pause()

        [message] = _errors(app)
        assert "is not writable" in message
        assert _state(app, first) == "done by hand"
        assert [mark.exercise_id for mark in store(app).day(clock.today()).marks] == [first]


async def test_a_hold_ended_on_a_full_disk_is_saved_after_the_next_one(
    make_test_app: AppFactory, disk: FailingDisk, clock: ManualClock
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.action_hold("kneeling-hip-flexor-stretch")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HoldScreen)

        disk.fail(errno.ENOSPC)
        for _ in range(30):
            clock.advance(1)
            screen.tick()
        await pilot.pause()
        assert "the disk is full" in _errors(app)[0]
        assert store(app).day(clock.today()).holds == ()
        assert screen.ticking

        disk.recover()
        for _ in range(10 + 30):
            clock.advance(1)
            screen.tick()
        await pilot.pause()
        assert [hold.rep for hold in store(app).day(clock.today()).holds] == [1, 2]
