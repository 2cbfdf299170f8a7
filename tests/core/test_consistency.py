"""Consistency beside the streak: "5 of the last 7 scheduled days" and "never twice in a row",
over every kind of day, and read from only the weeks it needs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from test_streaks import (
    DAILY,
    REST_POSE,
    TODAY,
    day_kinds,
    days_before,
    done,
    entry,
    history_of,
    record,
    routine_of,
)

from psoas_tui.core.model import DayRecord, SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.core.streaks import Consistency, DayStatus, StreakBook, consistency


def consistency_of(
    days: Sequence[DayRecord],
    entries: Sequence[SymptomEntry] = (),
    plan: Routine = DAILY,
    today: date = TODAY,
    count_partial: bool = False,
) -> Consistency | None:
    return consistency(StreakBook(plan).summaries(days, entries, today), count_partial)


def done_back(*backs: int) -> list[DayRecord]:
    return [done(days_before(back)) for back in backs]


def test_five_of_the_last_seven_with_lapses_apart_is_never_twice_in_a_row() -> None:
    # Ten days back to yesterday, 4 and 7 days ago missed (untouched) and today pending.
    days = done_back(10, 9, 8, 6, 5, 3, 2, 1)
    found = consistency_of(days)
    assert found == Consistency(counted=5, days=7, never_twice=True)
    assert found.describe() == "5 of the last 7 scheduled days"
    assert found.describe_short() == "5 of last 7"


def test_two_missed_days_in_a_row_end_never_twice() -> None:
    days = done_back(10, 9, 8, 7, 6, 3, 2, 1)
    assert consistency_of(days) == Consistency(counted=5, days=7, never_twice=False)


def test_rest_days_are_stepped_over_both_in_the_count_and_in_a_row() -> None:
    # Monday, Wednesday and Friday only. Missed on Wednesday the 12th and Friday the 14th, with
    # Thursday's rest between them: that is twice in a row.
    plan = routine_of(REST_POSE)
    planned = ("rest_pose",)
    mondays_to_fridays = [date(2025, 3, day) for day in (3, 5, 7, 10, 17, 19)]
    days = [done(day, planned) for day in mondays_to_fridays]
    found = consistency_of(days, plan=plan)
    assert found == Consistency(counted=5, days=7, never_twice=False)
    # The missed Wednesday alone is once, never twice.
    days.append(done(date(2025, 3, 14), planned))
    assert consistency_of(days, plan=plan) == Consistency(counted=6, days=7, never_twice=True)


def test_symptom_rests_are_stepped_over_and_never_a_lapse() -> None:
    days = done_back(9, 8, 6, 5, 2, 1)
    # Days 7, 4 and 3 not done, but a warning sign or severe pain was logged on each.
    entries = [
        entry(days_before(7), None, signs=["fever"]),
        entry(days_before(4), 8),
        entry(days_before(3), 7),
    ]
    assert consistency_of(days, entries) == Consistency(counted=6, days=6, never_twice=True)
    # Without the entries, days 4 and 3 are missed in a row.
    assert consistency_of(days) == Consistency(counted=4, days=7, never_twice=False)


def test_a_symptom_rest_between_two_missed_days_does_not_part_them() -> None:
    days = done_back(9, 8, 7, 6, 2, 1)
    entries = [entry(days_before(4), None, signs=["fever"])]
    assert consistency_of(days, entries) == Consistency(counted=5, days=7, never_twice=False)


def test_partial_counts_only_with_count_partial() -> None:
    partial = [record(days_before(back), marked=["stretch"]) for back in (4, 3)]
    days = [*done_back(8, 7, 6, 5, 2, 1), *partial]
    assert consistency_of(days) == Consistency(counted=5, days=7, never_twice=False)
    assert consistency_of(days, count_partial=True) == Consistency(7, 7, never_twice=True)


def test_a_partial_day_with_a_sign_is_stepped_over_as_the_streak_steps_over_it() -> None:
    days = [*done_back(7, 6, 5, 4, 3, 2), record(days_before(1), marked=["stretch"])]
    entries = [entry(days_before(1), None, signs=["fever"])]
    for count_partial in (False, True):
        found = consistency_of(days, entries, count_partial=count_partial)
        assert found == Consistency(6, 6, never_twice=True)


def test_a_pending_today_is_left_out_and_a_done_today_counts() -> None:
    days = done_back(7, 6, 5, 4, 3, 2, 1)
    assert consistency_of(days) == Consistency(7, 7, never_twice=True)
    today_missed_yesterday = [*done_back(7, 6, 5, 4, 3, 2), done(TODAY)]
    assert consistency_of(today_missed_yesterday) == Consistency(6, 7, never_twice=True)


def test_a_short_history_says_so_far() -> None:
    days = done_back(4, 3, 1)
    found = consistency_of(days)
    assert found == Consistency(counted=3, days=4, never_twice=True)
    assert found.so_far
    assert found.describe() == "3 of 4 scheduled days so far"
    assert found.describe_short() == "3 of 4 so far"


def test_fewer_than_two_scheduled_days_show_nothing() -> None:
    assert consistency_of([]) is None
    assert consistency_of(done_back(1)) is None
    # Installed yesterday: the days before the routine's history are never missed.
    assert consistency_of([record(days_before(1))]) is None
    assert consistency_of(done_back(2, 1)) == Consistency(2, 2, never_twice=True)


def test_a_long_lapse_lowers_the_share_and_ends_never_twice_until_a_month_has_passed() -> None:
    lapse_then_back = [*done_back(40), *done_back(3, 2, 1)]
    assert consistency_of(lapse_then_back) == Consistency(3, 7, never_twice=False)
    # The lapse ended 31 days ago: the last 30 days are all done.
    month_later = [*done_back(60), *done_back(*range(30, 0, -1))]
    assert consistency_of(month_later) == Consistency(7, 7, never_twice=True)
    # A lapse 35 to 31 days back, then thirty days done but for one: still never twice.
    once = [*done_back(60), *done_back(*[back for back in range(30, 0, -1) if back != 12])]
    assert consistency_of(once) == Consistency(7, 7, never_twice=True)


def test_never_twice_needs_two_scheduled_days_in_the_last_thirty() -> None:
    # Everything stopped for a symptom rest lasting five weeks, after a good month.
    days = done_back(*range(70, 40, -1))
    entries = [entry(days_before(back), 8) for back in range(40, -1, -1)]
    found = consistency_of(days, entries)
    assert found == Consistency(7, 7, never_twice=False)


@settings(max_examples=120, deadline=None)
@given(
    runs=st.lists(st.tuples(day_kinds, st.integers(min_value=1, max_value=90)), max_size=6),
    count_partial=st.booleans(),
)
def test_reading_only_the_weeks_it_needs_finds_the_same(
    runs: list[tuple[str, int]], count_partial: bool
) -> None:
    kinds = [kind for kind, length in runs for _ in range(length)]
    days, entries = history_of(kinds)
    asked: list[tuple[date, date]] = []

    def between(start: date, end: date) -> list[DayRecord]:
        asked.append((start, end))
        return [day for day in days if start <= day.day <= end]

    def logged(start: date, end: date) -> list[SymptomEntry]:
        return [symptom for symptom in entries if start <= symptom.day <= end]

    first_day = days[0].day if days else None
    read = StreakBook(DAILY).consistency_reading(between, first_day, logged, TODAY, count_partial)
    assert read == consistency_of(days, entries, count_partial=count_partial)
    assert all(end == TODAY for _, end in asked)


def test_a_long_history_reads_only_the_last_thirty_days() -> None:
    days = done_back(*range(1000, 0, -1))
    asked: list[tuple[date, date]] = []

    def between(start: date, end: date) -> list[DayRecord]:
        asked.append((start, end))
        return [day for day in days if start <= day.day <= end]

    found = StreakBook(DAILY).consistency_reading(
        between, days[0].day, lambda start, end: [], TODAY, count_partial=False
    )
    assert found == Consistency(7, 7, never_twice=True)
    assert asked == [(days_before(29), TODAY)]


def test_missed_days_before_the_days_read_first_are_found_further_back() -> None:
    # Tracked 200 days ago, then nothing at all until the last 20 days: the days between are
    # missed, though the last 30 days alone would read them as before the routine's history.
    days = [done(days_before(200)), *done_back(*range(20, 0, -1))]
    statuses = {s.day: s.status for s in StreakBook(DAILY).summaries(days, [], TODAY)}
    assert statuses[days_before(25)] is DayStatus.MISSED
    found = StreakBook(DAILY).consistency_reading(
        lambda start, end: [day for day in days if start <= day.day <= end],
        days[0].day,
        lambda start, end: [],
        TODAY,
        count_partial=False,
    )
    assert found == Consistency(7, 7, never_twice=False)
