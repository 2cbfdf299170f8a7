"""The routine's versions: each past day judged by the version in force on it, schedule and doses
alike."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil import tz

from psoas_tui.core.model import DayRecord, Hold
from psoas_tui.core.progress import progress_on
from psoas_tui.core.routine import Routine
from psoas_tui.core.routine_toml import parse_routine
from psoas_tui.core.routine_versions import RoutineVersions, StoredVersion
from psoas_tui.core.streaks import DayStatus, StreakBook

PARIS = tz.gettz("Europe/Paris")
START = date(2026, 11, 2)


def routine_of(*exercises: tuple[str, str, int]) -> Routine:
    """A routine of ``(id, schedule, reps)`` exercises, each one hold of 30 s a rep, no sides."""
    text = "".join(
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
    return parse_routine(text, "routine.toml")


def held(day: date, reps: int, planned: tuple[str, ...] = ("stretch",)) -> DayRecord:
    """``reps`` complete holds of the stretch on ``day``, its plan frozen to ``planned``."""
    started = datetime(day.year, day.month, day.day, 8, tzinfo=PARIS)
    holds = tuple(
        Hold("stretch", None, rep, 30.0, 30.0, started, day) for rep in range(1, reps + 1)
    )
    return DayRecord(day, planned, holds)


def versions_of(*versions: tuple[date, Routine]) -> RoutineVersions:
    """The versions stored as the store keeps them: TOML text, read again when needed."""
    return RoutineVersions([StoredVersion.of(routine, day) for day, routine in versions])


def statuses(book: StreakBook, days: list[DayRecord], today: date) -> list[DayStatus]:
    return [summary.status for summary in book.summaries(days, [], today)]


EVERY_OTHER_DAY = routine_of(("stretch", "FREQ=DAILY;INTERVAL=2", 2))
DAILY = routine_of(("stretch", "FREQ=DAILY", 2))


def first_scheduled(routine: Routine, day: date) -> date:
    while not routine.scheduled_on(day):
        day += timedelta(days=1)
    return day


def test_a_schedule_made_daily_does_not_turn_past_rest_days_into_missed_days() -> None:
    first = first_scheduled(EVERY_OTHER_DAY, START)
    today = first + timedelta(days=7)
    days = [held(first + timedelta(days=offset), 2) for offset in range(0, 7, 2)]
    versions = versions_of((first, EVERY_OTHER_DAY), (today, DAILY))

    assert statuses(StreakBook(versions), days, today) == [
        *[DayStatus.DONE, DayStatus.REST] * 3,
        DayStatus.DONE,
        DayStatus.PENDING,
    ]
    # Judged by today's routine alone, the rest days were missed: what the versions prevent.
    assert statuses(StreakBook(DAILY), days, today)[1] is DayStatus.MISSED


def test_a_dose_raised_does_not_turn_past_done_days_into_partial_ones() -> None:
    three = routine_of(("stretch", "FREQ=DAILY", 3), ("bridge", "FREQ=DAILY", 1))
    five = routine_of(("stretch", "FREQ=DAILY", 5), ("bridge", "FREQ=DAILY", 1))
    today = START + timedelta(days=3)
    days = [
        DayRecord(
            record.day,
            ("stretch", "bridge"),
            (*record.holds, Hold("bridge", None, 1, 30.0, 30.0, record.holds[0].started_at, day)),
        )
        for day in (START + timedelta(days=offset) for offset in range(3))
        for record in [held(day, 3)]
    ]
    versions = versions_of((START, three), (today, five))

    assert statuses(StreakBook(versions), days, today) == [DayStatus.DONE] * 3 + [DayStatus.PENDING]
    assert statuses(StreakBook(five), days, today)[0] is DayStatus.PARTIAL
    past = progress_on(versions, days[0])
    assert past.done_count == 2 and past.exercises[0].exercise.dose.reps == 3
    assert progress_on(versions, DayRecord(today)).exercises[0].exercise.dose.reps == 5


def test_a_routine_edited_three_times_in_a_month_judges_each_day_by_its_version() -> None:
    start = START
    if not EVERY_OTHER_DAY.scheduled_on(start + timedelta(days=7)):
        start += timedelta(days=1)
    week = [start + timedelta(days=7 * number) for number in range(4)]
    versions = versions_of(
        (week[0], DAILY),
        (week[1], EVERY_OTHER_DAY),
        (week[2], routine_of(("stretch", "FREQ=DAILY", 4))),
        (week[3], routine_of(("stretch", "FREQ=DAILY", 6))),
    )
    days = [
        *(held(week[0] + timedelta(days=offset), 2) for offset in range(6)),
        *(held(week[1] + timedelta(days=offset), 2) for offset in range(0, 7, 2)),
        *(held(week[2] + timedelta(days=offset), 4) for offset in range(6)),
        held(week[2] + timedelta(days=6), 4, ("stretch", "bridge")),
    ]
    done, rest = DayStatus.DONE, DayStatus.REST

    assert statuses(StreakBook(versions), days, week[3]) == [
        *[done] * 6,
        DayStatus.MISSED,
        *[done, rest] * 3,
        done,
        *[done] * 6,
        # A bridge that version does not have, never held: only the stretch was complete.
        DayStatus.PARTIAL,
        DayStatus.PENDING,
    ]


def test_the_first_version_covers_the_days_before_it() -> None:
    versions = versions_of((START, EVERY_OTHER_DAY), (START + timedelta(days=9), DAILY))
    before = START - timedelta(days=30)
    assert versions.in_force(before).fingerprint == EVERY_OTHER_DAY.fingerprint
    assert versions.in_force(START + timedelta(days=8)).fingerprint == EVERY_OTHER_DAY.fingerprint
    assert versions.in_force(START + timedelta(days=9)).fingerprint == DAILY.fingerprint


def test_a_stored_version_is_read_once() -> None:
    versions = versions_of((START, EVERY_OTHER_DAY))
    first = versions.in_force(START)
    assert first is versions.in_force(START + timedelta(days=1))
    assert first.exercises == EVERY_OTHER_DAY.exercises and first is not EVERY_OTHER_DAY


def test_a_version_that_no_longer_reads_is_judged_by_the_next_one() -> None:
    unreadable = StoredVersion(START, "[[exercise]]\nid = 5\n", "c" * 64)
    versions = RoutineVersions([unreadable, StoredVersion.of(DAILY, START + timedelta(days=3))])
    assert versions.in_force(START).exercises == DAILY.exercises


def test_the_current_routine_is_added_only_when_its_fingerprint_differs() -> None:
    versions = versions_of((START, DAILY))
    same = versions.with_current(
        routine_of(("stretch", "FREQ=DAILY", 2)), START + timedelta(days=5)
    )
    assert same.stored == versions.stored

    changed = versions.with_current(EVERY_OTHER_DAY, START + timedelta(days=5))
    assert changed.stored == (
        StoredVersion.of(DAILY, START),
        StoredVersion.of(EVERY_OTHER_DAY, START + timedelta(days=5)),
    )
    assert changed.in_force(START + timedelta(days=5)) is EVERY_OTHER_DAY


def test_a_change_made_today_and_changed_again_today_keeps_one_version_for_today() -> None:
    today = START + timedelta(days=5)
    raised = routine_of(("stretch", "FREQ=DAILY", 4))
    twice = versions_of((START, DAILY)).with_current(EVERY_OTHER_DAY, today)
    twice = twice.with_current(raised, today)
    assert twice.stored == (StoredVersion.of(DAILY, START), StoredVersion.of(raised, today))
    # Changed back the same day: still one version for today, the first one again.
    back = twice.with_current(DAILY, today)
    assert back.stored == (StoredVersion.of(DAILY, START), StoredVersion.of(DAILY, today))


def test_the_first_version_starts_where_asked_or_today() -> None:
    today = START + timedelta(days=5)
    assert RoutineVersions([]).with_current(DAILY, today).stored == (
        StoredVersion.of(DAILY, today),
    )
    assert RoutineVersions([]).with_current(DAILY, today, START).stored == (
        StoredVersion.of(DAILY, START),
    )


def test_a_book_over_versions_judges_again_only_what_changed() -> None:
    first = first_scheduled(EVERY_OTHER_DAY, START)
    today = first + timedelta(days=7)
    book = StreakBook(versions_of((first, EVERY_OTHER_DAY), (today, DAILY)))
    days = [held(first + timedelta(days=offset), 2) for offset in range(0, 7, 2)]
    before = book.summaries(days, [], today)
    later = [*days, held(today, 2)]
    after = book.summaries(later, [], today)
    assert [summary.status for summary in after] == [
        *[DayStatus.DONE, DayStatus.REST] * 3,
        DayStatus.DONE,
        DayStatus.DONE,
    ]
    assert all(old is new for old, new in zip(before[:-1], after[:-1], strict=True))
