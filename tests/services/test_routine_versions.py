"""A change of routine never rewrites a past day: each day is judged by the version in force."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import orjson
import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.model import Hold
from psoas_tui.core.routine import Routine
from psoas_tui.core.routine_toml import parse_routine
from psoas_tui.core.streaks import DayStatus
from psoas_tui.locations import Locations
from psoas_tui.services import Psoas
from psoas_tui.store.errors import CorruptDatabase
from psoas_tui.store.repository import Repository

from ..conftest import ZONE


def routine_toml(*exercises: tuple[str, str, int]) -> str:
    """A routine of ``(id, schedule, reps)`` exercises, each one hold of 30 s a rep, no sides."""
    return "".join(
        f"""
[[exercise]]
id = "{exercise_id}"
name = "{exercise_id.capitalize()}"
steps = ["Hold it."]
schedule = "{schedule}"
source = [{{ seed = "000", title = "How to Release Your Psoas With Effective Exercises" }}]

[exercise.dose]
sides = []
reps = {reps}
hold_seconds = 30
rest_seconds = 10
"""
        for exercise_id, schedule, reps in exercises
    )


def routine_of(*exercises: tuple[str, str, int]) -> Routine:
    return parse_routine(routine_toml(*exercises), "routine.toml")


def on(clock: ManualClock, day: date) -> None:
    clock.set_now(datetime.combine(day, time(7, 30), ZONE))


def hold(psoas: Psoas, exercise_id: str, reps: int, clock: ManualClock) -> None:
    """``reps`` complete holds of ``exercise_id`` today."""
    for rep in range(1, reps + 1):
        psoas.record_hold(Hold(exercise_id, None, rep, 30.0, 30.0, clock.now(), clock.today()))


def statuses(psoas: Psoas) -> dict[date, DayStatus]:
    return {summary.day: summary.status for summary in psoas.streak_summaries()}


EVERY_OTHER_DAY = routine_of(("stretch", "FREQ=DAILY;INTERVAL=2", 2))
DAILY = routine_of(("stretch", "FREQ=DAILY", 2))


def test_a_schedule_made_daily_does_not_turn_past_rest_days_into_missed_days(
    locations: Locations, clock: ManualClock
) -> None:
    first = clock.today()
    if not EVERY_OTHER_DAY.scheduled_on(first):
        first += timedelta(days=1)
    week = [first + timedelta(days=offset) for offset in range(7)]
    on(clock, first)
    with Psoas.open(locations, EVERY_OTHER_DAY, Config(), clock) as psoas:
        for day in week[::2]:
            on(clock, day)
            hold(psoas, "stretch", 2, clock)
    on(clock, first + timedelta(days=7))
    with Psoas.open(locations, DAILY, Config(), clock) as psoas:
        judged = statuses(psoas)
        streak = psoas.current_streak()
    assert [judged[day] for day in week] == [DayStatus.DONE, DayStatus.REST] * 3 + [DayStatus.DONE]
    assert judged[clock.today()] is DayStatus.PENDING
    assert streak.length == 4 and streak.first == first


def test_a_dose_raised_does_not_turn_past_done_days_into_partial_ones(
    locations: Locations, clock: ManualClock
) -> None:
    first = clock.today()
    days = [first + timedelta(days=offset) for offset in range(3)]
    with Psoas.open(locations, routine_of(("bridge", "FREQ=DAILY", 3)), Config(), clock) as psoas:
        for day in days:
            on(clock, day)
            hold(psoas, "bridge", 3, clock)
    on(clock, first + timedelta(days=3))
    raised = routine_of(("bridge", "FREQ=DAILY", 5))
    with Psoas.open(locations, raised, Config(), clock) as psoas:
        judged = statuses(psoas)
        streak = psoas.current_streak()
        past = psoas.progress_on(days[0])
        today = psoas.today()
    assert [judged[day] for day in days] == [DayStatus.DONE] * 3
    assert streak.length == 3
    assert past.done_count == 1 and past.exercises[0].exercise.dose.reps == 3
    assert today.exercises[0].exercise.dose.reps == 5


def test_a_routine_edited_three_times_in_a_month_judges_each_day_by_its_version(
    locations: Locations, clock: ManualClock
) -> None:
    start = date(2026, 11, 2)
    if not EVERY_OTHER_DAY.scheduled_on(start + timedelta(days=7)):
        start += timedelta(days=1)
    versions = [
        # Days 0-6: the stretch daily, 2 reps. Days 0-5 held twice, day 6 left alone.
        (routine_of(("stretch", "FREQ=DAILY", 2)), {offset: 2 for offset in range(6)}),
        # Days 7-13: every other day (7, 9, 11, 13), 2 reps, held on each.
        (routine_of(("stretch", "FREQ=DAILY;INTERVAL=2", 2)), {7: 2, 9: 2, 11: 2, 13: 2}),
        # Days 14-20: daily, 4 reps. Held four times, but only twice on day 20: missed.
        (
            routine_of(("stretch", "FREQ=DAILY", 4)),
            {**{offset: 4 for offset in range(14, 20)}, 20: 2},
        ),
    ]
    for number, (routine, held) in enumerate(versions):
        on(clock, start + timedelta(days=7 * number))
        with Psoas.open(locations, routine, Config(), clock) as psoas:
            for offset, reps in held.items():
                on(clock, start + timedelta(days=offset))
                hold(psoas, "stretch", reps, clock)
    # The fourth version: 6 reps and a bridge, every day.
    on(clock, start + timedelta(days=21))
    latest = routine_of(("stretch", "FREQ=DAILY", 6), ("bridge", "FREQ=DAILY", 1))
    with Psoas.open(locations, latest, Config(), clock) as psoas:
        judged = statuses(psoas)
        today = psoas.today()
    done, missed, rest = DayStatus.DONE, DayStatus.MISSED, DayStatus.REST
    expected = [*[done] * 6, missed, *[done, rest] * 3, done, *[done] * 6, missed]
    assert [judged[start + timedelta(days=offset)] for offset in range(21)] == expected
    assert judged[clock.today()] is DayStatus.PENDING
    assert [item.exercise.id for item in today.exercises] == ["stretch", "bridge"]


def stored_versions(locations: Locations, clock: ManualClock) -> list[tuple[date, str]]:
    """The first day and fingerprint of each version the database keeps."""
    with Repository.open(locations, clock) as repo:
        return [(version.day, version.fingerprint) for version in repo.routine_versions()]


def test_the_first_version_starts_today_on_a_new_database(
    locations: Locations, clock: ManualClock
) -> None:
    with Psoas.open(locations, DAILY, Config(), clock):
        pass
    assert stored_versions(locations, clock) == [(clock.today(), DAILY.fingerprint)]


def test_the_first_version_starts_on_the_first_day_recorded(
    locations: Locations, clock: ManualClock
) -> None:
    first = clock.today() - timedelta(days=10)
    with Repository.open(locations, clock) as repo:
        repo.add_hold(Hold("stretch", None, 1, 30.0, 30.0, clock.now(), first), ["stretch"])
    with Psoas.open(locations, DAILY, Config(), clock):
        pass
    assert stored_versions(locations, clock) == [(first, DAILY.fingerprint)]


def test_the_same_routine_again_stores_nothing(locations: Locations, clock: ManualClock) -> None:
    with Psoas.open(locations, DAILY, Config(), clock):
        pass
    written = locations.database.read_bytes()
    on(clock, clock.today() + timedelta(days=3))
    with Psoas.open(locations, routine_of(("stretch", "FREQ=DAILY", 2)), Config(), clock):
        pass
    assert locations.database.read_bytes() == written


def test_a_routine_changed_today_and_changed_again_today_keeps_one_version_for_today(
    locations: Locations, clock: ManualClock
) -> None:
    first = clock.today()
    with Psoas.open(locations, DAILY, Config(), clock):
        pass
    on(clock, first + timedelta(days=4))
    raised = routine_of(("stretch", "FREQ=DAILY", 4))
    for routine in (EVERY_OTHER_DAY, raised):
        with Psoas.open(locations, routine, Config(), clock):
            pass
    assert stored_versions(locations, clock) == [
        (first, DAILY.fingerprint),
        (clock.today(), raised.fingerprint),
    ]
    with Psoas.open(locations, raised, Config(), clock) as psoas:
        assert psoas.routine_on(first + timedelta(days=3)).fingerprint == DAILY.fingerprint
        assert psoas.routine_on(clock.today()) is raised


def test_a_damaged_file_is_refused_before_a_version_is_written(
    locations: Locations, clock: ManualClock
) -> None:
    with Repository.open(locations, clock) as repo:
        repo.add_hold(Hold("stretch", None, 1, 30.0, 30.0, clock.now(), clock.today()), [])
    tables = orjson.loads(locations.database.read_bytes())
    tables["days"][clock.today().isoformat()]["planned"] = "stretch"
    damaged = orjson.dumps(tables)
    locations.database.write_bytes(damaged)

    with pytest.raises(CorruptDatabase, match="planned"):
        Psoas.open(locations, DAILY, Config(), clock)
    assert locations.database.read_bytes() == damaged
