"""Holds that could not be saved are never dropped at quit: they are tried again, then kept in a
file of the data directory that the next start saves once, or the user is told they were not.

Each test times the supine psoas stretch (two holds, 70 s with the rest) while saves fail: the
database busy (another psoas holds its lock), or the data directory read-only, so that the
recovery file cannot be written either.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from psoas_tui.clock import ManualClock
from psoas_tui.context import Context
from psoas_tui.core.config import Config
from psoas_tui.locations import Locations
from psoas_tui.store import lock
from psoas_tui.store.lock import DatabaseLock
from psoas_tui.ui import run
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.hold import HoldScreen
from psoas_tui.ui.screens.today import TodayScreen
from tests.apps import ended, store
from tests.cli.conftest import Psoas
from tests.faults.disk import FailingDisk
from tests.ui.conftest import AppFactory

SIZE = (100, 30)
SUPINE = "supine-psoas-stretch"
KNEELING = "kneeling-hip-flexor-stretch"
#: The supine stretch from its first hold to its end: hold, rest, hold.
WHOLE_EXERCISE = 30 + 10 + 30


@pytest.fixture(autouse=True)
def _short_wait_for_the_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    # A busy database is given up on after a twentieth of a second, not five.
    monkeypatch.setattr(lock, "LOCK_TIMEOUT", 0.05)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch, locations: Locations) -> FailingDisk:
    """The test's data directory on a disk that fails when told to."""
    return FailingDisk(monkeypatch, locations.data_dir.parent)


@contextmanager
def busy(locations: Locations) -> Iterator[None]:
    """Another psoas holds the database's lock for as long as the block runs."""
    with DatabaseLock(locations):
        yield


async def time_holds(
    app: PsoasApp, pilot: Pilot[None], clock: ManualClock, seconds: float, exercise: str = SUPINE
) -> HoldScreen:
    """Open the timer on ``exercise`` and let ``seconds`` go by, a second at a time."""
    await pilot.pause()
    app.action_hold(exercise)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, HoldScreen)
    for _ in range(round(seconds)):
        clock.advance(1)
        screen.tick()
    await pilot.pause()
    return screen


def run_psoas(
    locations: Locations,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    fail: Callable[[], object],
    seconds: float = WHOLE_EXERCISE,
) -> int:
    """``psoas`` as a user runs it (headless): once the app is open, ``fail`` makes saves fail,
    the supine stretch is timed for ``seconds``, and the app ends without asking anyone (the
    terminal was closed). The exit code."""
    ctx = Context(locations)
    ctx.clock = clock
    ctx.config = Config(get_ready_seconds=0)
    headless_run = PsoasApp.run
    mount = PsoasApp.on_mount

    def headless(self: PsoasApp, **options: Any) -> None:
        headless_run(self, headless=True, size=SIZE, **options)

    def mount_time_and_end(self: PsoasApp) -> None:
        mount(self)

        def start() -> None:
            fail()
            self.action_hold(SUPINE)
            self.call_after_refresh(time_and_end)

        def time_and_end() -> None:
            screen = self.screen
            if not isinstance(screen, HoldScreen) or screen.session is None:
                self.call_after_refresh(time_and_end)
                return
            for _ in range(round(seconds)):
                clock.advance(1)
                screen.tick()
            self.exit()

        self.call_after_refresh(start)

    monkeypatch.setattr(PsoasApp, "run", headless)
    monkeypatch.setattr(PsoasApp, "on_mount", mount_time_and_end)
    return run.run_app(ctx)


def question(app: PsoasApp) -> str:
    """The text of the question the app asks before it quits with holds not saved."""
    return str(app.screen.query_one("#unsaved-question", Static).render())


def notes(app: PsoasApp) -> list[str]:
    return [note.message for note in app._notifications]


def kept_files(locations: Locations) -> list[Path]:
    return sorted(locations.data_dir.glob("unsaved-holds-*.json"))


def holds(app: PsoasApp, day: date) -> list[tuple[str, str | None, int, float]]:
    return [
        (hold.exercise_id, hold.side, hold.rep, hold.held_seconds)
        for hold in store(app).day(day).holds
    ]


async def test_holds_the_busy_database_refused_are_kept_at_q_and_saved_once_at_the_next_start(
    make_test_app: AppFactory,
    locations: Locations,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        with busy(locations):
            # Quit during the second hold: it stops, and counts as held so far.
            screen = await time_holds(app, pilot, clock, 30 + 10 + 12)
            assert "busy" in str(screen.query_one("#hold-message", Static).render())
            await pilot.press("q")
            await pilot.pause()
            assert app.is_running, "q quit with two holds not saved, without a word"
            assert question(app).startswith("2 holds are not saved yet: ")
            assert "busy" in question(app)
            await pilot.press("k")
            await pilot.pause()
        assert not app.is_running
    [kept] = kept_files(locations)
    assert (kept.stat().st_mode & 0o777) == 0o600
    assert holds(app, clock.today()) == []

    assert run.finish(app) == 0
    said = capsys.readouterr().err
    assert said == (
        f"psoas: 2 holds not saved are kept in {kept}; the next start of psoas saves them.\n"
    )

    reopened = make_test_app()
    async with reopened.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert f"2 holds from {clock.today()} kept at quit were saved." in notes(reopened)
    assert holds(reopened, clock.today()) == [(SUPINE, "left", 1, 30.0), (SUPINE, "right", 1, 12.0)]
    assert kept_files(locations) == []

    again = make_test_app()
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert not [note for note in notes(again) if "kept at quit" in note]
    assert len(store(again).day(clock.today()).holds) == 2


def test_psoas_ended_without_asking_keeps_the_holds_and_says_where_once_the_app_is_gone(
    make_test_app: AppFactory,
    locations: Locations,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other_psoas = DatabaseLock(locations)
    code = run_psoas(locations, clock, monkeypatch, other_psoas.__enter__, 30 + 10 + 12)
    other_psoas.__exit__(None, None, None)
    kept = kept_files(locations)
    assert len(kept) == 1, "the holds were not kept anywhere"
    assert capsys.readouterr().err == (
        f"psoas: 2 holds not saved are kept in {kept[0]}; the next start of psoas saves them.\n"
    )
    assert code == 0
    reopened = make_test_app()
    assert holds(reopened, clock.today()) == [(SUPINE, "left", 1, 30.0), (SUPINE, "right", 1, 12.0)]
    assert kept_files(locations) == []


async def test_on_a_read_only_disk_the_user_is_asked_and_r_saves_them_once_the_disk_is_back(
    make_test_app: AppFactory,
    disk: FailingDisk,
    locations: Locations,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        disk.fail(errno.EROFS)
        await time_holds(app, pilot, clock, WHOLE_EXERCISE)
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running, "q quit with two holds not saved, without a word"
        assert "is not writable" in question(app)

        # Keeping them needs the same directory: the question stays, and says so.
        await pilot.press("k")
        await pilot.pause()
        assert app.is_running
        assert "They could not be kept either: " in question(app)
        assert kept_files(locations) == []

        disk.recover()
        await pilot.press("r")
        await pilot.pause()
        assert not app.is_running
    assert len(store(app).day(clock.today()).holds) == 2
    assert run.finish(app) == 0
    assert capsys.readouterr().err == ""
    reopened = make_test_app()
    assert len(store(reopened).day(clock.today()).holds) == 2


def test_holds_neither_saved_nor_kept_make_the_exit_say_so_and_fail(
    disk: FailingDisk,
    locations: Locations,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = run_psoas(locations, clock, monkeypatch, lambda: disk.fail(errno.EROFS))
    said = capsys.readouterr().err
    assert said.startswith("psoas: 2 holds could not be saved or kept: "), said
    assert "is not writable" in said
    assert said.count("\n") == 1
    assert code == 1


async def test_discarding_at_quit_is_the_users_choice_and_the_exit_still_says_so(
    make_test_app: AppFactory,
    disk: FailingDisk,
    locations: Locations,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        disk.fail(errno.ENOSPC)
        screen = await time_holds(app, pilot, clock, WHOLE_EXERCISE)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "the disk is full" in question(app)
        # Escape goes back to the app, the holds still waiting; quitting asks again.
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        await pilot.press("q")
        await pilot.pause()
        assert "the disk is full" in question(app)
        await pilot.press("d")
        await pilot.pause()
        assert not app.is_running
    assert run.finish(app) == 1
    assert capsys.readouterr().err == "psoas: 2 holds were discarded at quit, not saved.\n"
    assert kept_files(locations) == []


async def test_holds_waiting_when_the_timer_closes_are_saved_after_the_next_hold_of_another(
    make_test_app: AppFactory, disk: FailingDisk, clock: ManualClock
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        disk.fail(errno.ENOSPC)
        await time_holds(app, pilot, clock, WHOLE_EXERCISE)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert any("2 holds are not saved yet" in note for note in notes(app))

        disk.recover()
        await time_holds(app, pilot, clock, 5 + 30, exercise=KNEELING)
        saved = store(app).day(clock.today()).holds
        assert [hold.exercise_id for hold in saved] == [SUPINE, SUPINE, KNEELING]


async def test_holds_waiting_when_the_timer_closes_are_asked_about_at_quit(
    make_test_app: AppFactory, disk: FailingDisk, locations: Locations, clock: ManualClock
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        disk.fail(errno.ENOSPC)
        await time_holds(app, pilot, clock, WHOLE_EXERCISE)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running, "q quit with two holds not saved, without a word"
        assert question(app).startswith("2 holds are not saved yet: ")
        disk.recover()
        await pilot.press("k")
        await pilot.pause()
        assert not app.is_running
    [kept] = kept_files(locations)
    reopened = make_test_app()
    assert len(store(reopened).day(clock.today()).holds) == 2
    assert not kept.exists()


def test_a_start_stopped_between_saving_the_kept_holds_and_removing_the_file_adds_none_twice(
    make_test_app: AppFactory,
    locations: Locations,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other_psoas = DatabaseLock(locations)
    run_psoas(locations, clock, monkeypatch, other_psoas.__enter__)
    other_psoas.__exit__(None, None, None)
    [kept] = kept_files(locations)

    # The start saves the holds, then dies before the file is gone (here: removing it fails).
    real_unlink = os.unlink

    def unlink_failing(path: Any, *args: Any, **kwargs: Any) -> None:
        if Path(path).name == kept.name:
            raise OSError(errno.EIO, "killed before the file was removed")
        real_unlink(path, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "unlink", unlink_failing)
        first = make_test_app()
    assert len(store(first).day(clock.today()).holds) == 2
    assert kept.exists()

    second = make_test_app()
    assert len(store(second).day(clock.today()).holds) == 2
    assert kept_files(locations) == []


def test_a_command_saves_the_kept_holds_and_says_so_once(
    make_test_app: AppFactory,
    locations: Locations,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    psoas: Psoas,
) -> None:
    other_psoas = DatabaseLock(locations)
    run_psoas(locations, clock, monkeypatch, other_psoas.__enter__)
    other_psoas.__exit__(None, None, None)
    assert kept_files(locations)

    done = psoas("status")
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"psoas: 2 holds from {clock.today()} kept at quit were saved.\n"
    assert kept_files(locations) == []
    again = psoas("status")
    assert again.stderr == ""
    reopened = make_test_app()
    assert len(store(reopened).day(clock.today()).holds) == 2


async def test_holds_are_kept_as_soon_as_a_save_fails_so_a_killed_app_loses_none(
    make_test_app: AppFactory, locations: Locations, clock: ManualClock
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        with busy(locations):
            await time_holds(app, pilot, clock, WHOLE_EXERCISE)
        # Still open, nothing asked yet: the terminal closing now (SIGHUP) or a kill ends the
        # app with no quit at all, so the holds must already be on disk.
        [kept] = kept_files(locations)
    # No ``run.finish``: the app was killed.

    reopened = make_test_app()
    assert holds(reopened, clock.today()) == [(SUPINE, "left", 1, 30.0), (SUPINE, "right", 1, 30.0)]
    assert not kept.exists()


async def test_the_kept_file_goes_once_the_holds_are_saved_after_all(
    make_test_app: AppFactory, locations: Locations, clock: ManualClock
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        with busy(locations):
            await time_holds(app, pilot, clock, WHOLE_EXERCISE)
        assert len(kept_files(locations)) == 1
        await pilot.press("escape")
        await time_holds(app, pilot, clock, 5 + 30, exercise=KNEELING)
        assert kept_files(locations) == []
    assert [hold.exercise_id for hold in store(app).day(clock.today()).holds] == [
        SUPINE,
        SUPINE,
        KNEELING,
    ]


async def test_holds_refused_by_a_damaged_database_are_kept_and_saved_after_a_fresh_start(
    make_test_app: AppFactory,
    psoas: Psoas,
    locations: Locations,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # Damaged during the rest after the first hold, which was saved.
        screen = await time_holds(app, pilot, clock, 30 + 5)
        locations.database.write_bytes(b'{"trunc')

        def time_the_rest() -> None:
            for _ in range(WHOLE_EXERCISE - 35):
                clock.advance(1)
                screen.tick()

        # As the app's own timer does: what the tick raises reaches the app, not the test.
        app.call_later(time_the_rest)
        await ended(app)
    assert "set aside as damaged" in str(app.ended_by)
    assert run.finish(app) == 1
    [kept] = kept_files(locations)
    said = capsys.readouterr().err.splitlines()
    assert (
        said[0] == f"psoas: 1 hold not saved is kept in {kept}; the next start of psoas saves it."
    )
    assert "set aside as damaged" in said[1]

    assert psoas("restore", "--fresh", "--yes").returncode == 0
    reopened = make_test_app()
    assert holds(reopened, clock.today()) == [(SUPINE, "right", 1, 30.0)]
    assert not kept.exists()
