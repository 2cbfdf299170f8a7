"""The wall clock jumps while the app is open: a suspend and resume, a change of time zone,
midnight (or the configured day start) passing. Today follows the user's day, which starts at
``day_starts_at`` in the zone the clock is in now; holds are measured on the monotonic clock,
which never jumps.

``set_now`` moves only the wall clock, as a suspend does (CLOCK_MONOTONIC stops while the
machine sleeps) and as a change of zone does. Today's periodic day check is called directly.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil import tz
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.routine import Routine
from psoas_tui.core.timer import Phase
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.hold import HoldScreen
from psoas_tui.ui.screens.today import TodayScreen
from tests.apps import store
from tests.conftest import ZONE
from tests.ui.conftest import AppFactory

SIZE = (100, 30)
KNEELING = "kneeling-hip-flexor-stretch"
LOS_ANGELES = tz.gettz("America/Los_Angeles")
TOKYO = tz.gettz("Asia/Tokyo")


async def _today(app: PsoasApp, pilot: Pilot[None]) -> TodayScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    return screen


async def _day_check(screen: TodayScreen, pilot: Pilot[None]) -> None:
    """What the periodic day check does, without waiting for it."""
    screen._check_day()
    await pilot.pause()


def _shown_date(screen: TodayScreen) -> str:
    return str(screen.query_one("#today-date", Static).render())


def _state(screen: TodayScreen, exercise_id: str) -> str:
    return str(screen.query_one("#exercises", DataTable).get_cell(exercise_id, "state"))


def _marked(app: PsoasApp, day: date) -> list[str]:
    return [mark.exercise_id for mark in store(app).day(day).marks]


async def _mark(pilot: Pilot[None], row: int) -> None:
    """Mark the exercise on ``row`` of Today done by hand."""
    await pilot.press("home", *["down"] * row, "d")
    await pilot.pause()


# Suspend and resume


async def test_after_a_night_suspended_today_is_the_new_day(
    make_test_app: AppFactory, routine: Routine
) -> None:
    clock = ManualClock(datetime(2026, 11, 21, 23, 10, tzinfo=ZONE))
    app = make_test_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _today(app, pilot)
        await _mark(pilot, 0)
        saturday = routine.scheduled_on(date(2026, 11, 21))
        assert _state(screen, saturday[0].id) == "done by hand"

        clock.set_now(datetime(2026, 11, 22, 7, 45, tzinfo=ZONE))
        await _day_check(screen, pilot)

        assert _shown_date(screen) == "Sunday 22 November 2026"
        sunday = routine.scheduled_on(date(2026, 11, 22))
        assert all(_state(screen, exercise.id) == "not started" for exercise in sunday)
        await _mark(pilot, 1)
        assert _marked(app, date(2026, 11, 22)) == [sunday[1].id]
        assert _marked(app, date(2026, 11, 21)) == [saturday[0].id]
        assert store(app).day(date(2026, 11, 22)).marks[0].marked_at == clock.now()


async def test_a_hold_across_a_suspend_counts_only_the_time_really_held(
    make_test_app: AppFactory,
) -> None:
    clock = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=ZONE))
    app = make_test_app(clock=clock, config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_hold(KNEELING)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HoldScreen) and screen.timer is not None
        clock.advance(10)
        screen.tick()

        # Five hours asleep: the wall clock leaps, the monotonic clock does not move.
        clock.set_now(clock.now() + timedelta(hours=5))
        screen.tick()
        status = screen.timer.status()
        assert (status.phase, status.rep, status.remaining) == (Phase.HOLD, 1, 20.0)
        assert store(app).day(clock.today()).holds == ()

        for _ in range(20):
            clock.advance(1)
            screen.tick()
        await pilot.pause()

        [hold] = store(app).day(clock.today()).holds
        assert hold.held_seconds == hold.planned_seconds == 30.0
        assert hold.started_at == datetime(2026, 11, 21, 7, 30, tzinfo=ZONE)
        assert screen.timer.status().phase is Phase.REST
        assert screen.timer.status().remaining == 10.0


async def test_a_wall_clock_set_back_never_ends_or_stretches_a_hold(
    make_test_app: AppFactory,
) -> None:
    clock = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=ZONE))
    app = make_test_app(clock=clock, config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_hold(KNEELING)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HoldScreen) and screen.timer is not None
        for jump in (timedelta(hours=-3), timedelta(days=2), timedelta(minutes=-90)):
            clock.advance(5)
            clock.set_now(clock.now() + jump)
            screen.tick()
        assert screen.timer.status().remaining == 15.0
        for _ in range(15):
            clock.advance(1)
            screen.tick()
        await pilot.pause()
        [hold] = [hold for record in store(app).days() for hold in record.holds]
        assert hold.held_seconds == 30.0


# A change of time zone


async def test_flying_west_new_records_take_the_new_zones_date(
    make_test_app: AppFactory, routine: Routine
) -> None:
    clock = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=ZONE))
    app = make_test_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _today(app, pilot)
        await _mark(pilot, 0)

        # The same instant, read in Los Angeles: 22:30 the evening before.
        clock.set_now(clock.now().astimezone(LOS_ANGELES))
        await _day_check(screen, pilot)

        assert _shown_date(screen) == "Friday 20 November 2026"
        friday = routine.scheduled_on(date(2026, 11, 20))
        await _mark(pilot, 2)
        [mark] = store(app).day(date(2026, 11, 20)).marks
        assert mark.exercise_id == friday[2].id
        assert mark.marked_at.utcoffset() == timedelta(hours=-8)
        # What was recorded keeps the day it was given, whatever the zone now.
        saturday = routine.scheduled_on(date(2026, 11, 21))
        assert _marked(app, date(2026, 11, 21)) == [saturday[0].id]


@pytest.mark.parametrize(
    ("berlin", "shown"),
    [
        # 19:30 in Berlin is 03:30 in Tokyo: before the 04:00 day start, still Saturday.
        (time(19, 30), "Saturday 21 November 2026"),
        # 20:30 in Berlin is 04:30 in Tokyo: Sunday has started there.
        (time(20, 30), "Sunday 22 November 2026"),
    ],
)
async def test_flying_east_the_day_start_is_read_in_the_new_zone(
    make_test_app: AppFactory, berlin: time, shown: str
) -> None:
    start = datetime.combine(date(2026, 11, 21), berlin, tzinfo=ZONE)
    clock = ManualClock(start, day_starts_at=time(4, 0))
    app = make_test_app(clock=clock, config=Config(day_starts_at=time(4, 0)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _today(app, pilot)
        assert _shown_date(screen) == "Saturday 21 November 2026"

        clock.set_now(clock.now().astimezone(TOKYO))
        await _day_check(screen, pilot)

        assert _shown_date(screen) == shown
        await _mark(pilot, 0)
        [day] = [record.day for record in store(app).days()]
        assert day.strftime("%A %-d %B %Y") == shown


async def test_this_hurts_after_a_zone_change_is_logged_on_the_new_zones_day(
    make_test_app: AppFactory,
) -> None:
    clock = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=ZONE))
    app = make_test_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock.set_now(clock.now().astimezone(LOS_ANGELES))
        app.action_hold(KNEELING)
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        [entry] = store(app).entries()
        assert entry.day == date(2026, 11, 20)
        assert entry.logged_at == clock.now()


# Midnight, and the configured day start


async def test_today_rolls_over_at_midnight(make_test_app: AppFactory, routine: Routine) -> None:
    clock = ManualClock(datetime(2026, 11, 21, 23, 59, 30, tzinfo=ZONE))
    app = make_test_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _today(app, pilot)
        await _mark(pilot, 0)
        clock.advance(20)
        await _day_check(screen, pilot)
        assert _shown_date(screen) == "Saturday 21 November 2026"

        clock.advance(20)
        await _day_check(screen, pilot)

        assert _shown_date(screen) == "Sunday 22 November 2026"
        sunday = routine.scheduled_on(date(2026, 11, 22))
        assert _state(screen, sunday[0].id) == "not started"


async def test_with_a_day_start_of_four_the_night_still_belongs_to_yesterday(
    make_test_app: AppFactory,
) -> None:
    clock = ManualClock(datetime(2026, 11, 21, 23, 30, tzinfo=ZONE), day_starts_at=time(4, 0))
    app = make_test_app(clock=clock, config=Config(day_starts_at=time(4, 0)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _today(app, pilot)
        clock.advance(timedelta(hours=2).total_seconds())  # 01:30
        await _day_check(screen, pilot)
        assert _shown_date(screen) == "Saturday 21 November 2026"
        await _mark(pilot, 0)
        assert [record.day for record in store(app).days()] == [date(2026, 11, 21)]

        clock.advance(timedelta(hours=2, minutes=31).total_seconds())  # 04:01
        await _day_check(screen, pilot)
        assert _shown_date(screen) == "Sunday 22 November 2026"


async def test_a_key_pressed_after_midnight_before_the_check_marks_nothing_on_yesterday(
    make_test_app: AppFactory, routine: Routine
) -> None:
    clock = ManualClock(datetime(2026, 11, 21, 23, 59, 50, tzinfo=ZONE))
    app = make_test_app(clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _today(app, pilot)
        clock.advance(15)  # 00:00:05, and the periodic check has not run yet

        await _mark(pilot, 0)

        assert store(app).day(date(2026, 11, 21)).marks == ()
        assert _shown_date(screen) == "Sunday 22 November 2026"
        assert any("Sunday 22 November" in note.message for note in app._notifications)
        sunday = routine.scheduled_on(date(2026, 11, 22))
        assert _state(screen, sunday[0].id) == "not started"

        await _mark(pilot, 0)
        assert _marked(app, date(2026, 11, 22)) == [sunday[0].id]
