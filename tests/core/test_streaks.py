"""The streak rules: every day status (done, partial, missed, rest, symptom rest, pending), the
figures, and time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from itertools import count

from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DayRecord, DoneMark, Dose, Exercise, Hold, SymptomEntry
from psoas_tui.core.routine import Routine, RoutinePlans
from psoas_tui.core.streaks import (
    DayStatus,
    DaySummary,
    Rate,
    Streak,
    StreakBook,
    StreakFigures,
    streak_figures,
)
from psoas_tui.core.symptoms import daily_highest

PARIS = tz.gettz("Europe/Paris")
NEW_YORK = tz.gettz("America/New_York")
TODAY = date(2025, 3, 20)  # a Thursday
_ids = count()


def exercise(
    exercise_id: str,
    schedule: str = "FREQ=DAILY",
    *,
    sides: tuple[str, ...] = ("left", "right"),
    reps: int = 2,
    hold_seconds: int = 30,
) -> Exercise:
    return Exercise(
        id=exercise_id,
        name=exercise_id.replace("_", " ").capitalize(),
        summary="",
        steps=(),
        cues=(),
        cautions=(),
        dose=Dose(sides=sides, reps=reps, hold_seconds=hold_seconds, rest_seconds=10),
        schedule=schedule,
        source="000",
    )


def routine_of(*exercises: Exercise) -> Routine:
    return Routine(exercises, "routine.toml")


STRETCH = exercise("stretch")
BRIDGE = exercise("bridge", sides=(), reps=3)
REST_POSE = exercise("rest_pose", "FREQ=WEEKLY;BYDAY=MO,WE,FR", sides=(), reps=1)
DAILY = routine_of(STRETCH, BRIDGE)


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)


def holds_for(
    ex: Exercise, day: date, share: float = 1.0, started: datetime | None = None
) -> list[Hold]:
    """Every planned hold of ``ex`` on ``day``, each held for ``share`` of its seconds."""
    planned = float(ex.dose.hold_seconds)
    return [
        Hold(ex.id, side, rep, planned, planned * share, started or at(day), day)
        for side in (ex.dose.sides or (None,))
        for rep in range(1, ex.dose.reps + 1)
    ]


def record(
    day: date,
    *,
    held: Sequence[Exercise] = (),
    marked: Sequence[str] = (),
    planned: Sequence[str] | None = ("stretch", "bridge"),
    share: float = 1.0,
) -> DayRecord:
    """A touched day: ``held`` exercises fully held (to ``share``), ``marked`` ids marked done."""
    return DayRecord(
        day=day,
        planned=None if planned is None else tuple(planned),
        holds=tuple(hold for ex in held for hold in holds_for(ex, day, share)),
        marks=tuple(DoneMark(exercise_id, day, at(day)) for exercise_id in marked),
    )


def done(day: date, planned: Sequence[str] = ("stretch", "bridge")) -> DayRecord:
    return record(day, marked=planned, planned=planned)


def entry(
    day: date, pain: int | None, *, stiffness: int | None = 2, signs: Sequence[str] = ()
) -> SymptomEntry:
    return SymptomEntry(
        id=f"e{next(_ids)}",
        day=day,
        logged_at=at(day, 21),
        pain=pain,
        stiffness=None if pain is None else stiffness,
        signs=tuple(signs),
    )


def days_before(n: int, today: date = TODAY) -> date:
    return today - timedelta(days=n)


def statuses(
    days: Sequence[DayRecord],
    entries: Sequence[SymptomEntry] = (),
    plan: Routine = DAILY,
    today: date = TODAY,
) -> dict[date, DayStatus]:
    return {s.day: s.status for s in StreakBook(plan).summaries(days, entries, today)}


def figures(
    days: Sequence[DayRecord],
    entries: Sequence[SymptomEntry] = (),
    plan: Routine = DAILY,
    today: date = TODAY,
    count_partial: bool = False,
) -> StreakFigures:
    return streak_figures(StreakBook(plan).summaries(days, entries, today), count_partial)


# --- each row of the status table -------------------------------------------------------------


def test_done_when_every_scheduled_exercise_is_complete_and_it_adds_one() -> None:
    days = [record(days_before(1), held=[STRETCH, BRIDGE]), done(days_before(2))]
    assert statuses(days)[days_before(1)] is DayStatus.DONE
    assert figures(days).current == Streak(2, days_before(2), days_before(1))


def test_a_hold_counts_from_ninety_percent_of_its_seconds() -> None:
    enough = record(days_before(1), held=[STRETCH, BRIDGE], share=0.9)
    short = record(days_before(2), held=[STRETCH, BRIDGE], share=0.89)
    result = statuses([enough, short])
    assert result[days_before(1)] is DayStatus.DONE
    assert result[days_before(2)] is DayStatus.MISSED


def test_one_side_held_twice_does_not_stand_in_for_the_other() -> None:
    day = days_before(1)
    left_only = [Hold("stretch", "left", rep, 30.0, 30.0, at(day), day) for rep in range(1, 5)]
    bridge = holds_for(BRIDGE, day)
    days = [DayRecord(day, ("stretch", "bridge"), tuple(left_only + bridge))]
    summary = StreakBook(DAILY).summaries(days, [], TODAY)[0]
    assert summary.status is DayStatus.PARTIAL
    assert summary.complete == ("bridge",)


def test_partial_breaks_the_streak() -> None:
    days = [
        done(days_before(3)),
        record(days_before(2), marked=["stretch"]),
        done(days_before(1)),
    ]
    assert statuses(days)[days_before(2)] is DayStatus.PARTIAL
    result = figures(days)
    assert result.current == Streak(1, days_before(1), days_before(1))
    assert result.longest == Streak(1, days_before(1), days_before(1))


def test_partial_adds_one_with_count_partial() -> None:
    days = [
        done(days_before(3)),
        record(days_before(2), marked=["stretch"]),
        done(days_before(1)),
    ]
    result = figures(days, count_partial=True)
    assert statuses(days)[days_before(2)] is DayStatus.PARTIAL
    assert result.current == Streak(3, days_before(3), days_before(1))


def test_missed_breaks_the_streak_whether_the_day_was_touched_or_not() -> None:
    touched = record(days_before(3))  # opened, nothing held
    days = [done(days_before(5)), done(days_before(4)), touched, done(days_before(1))]
    result = statuses(days)
    assert result[days_before(3)] is DayStatus.MISSED
    assert result[days_before(2)] is DayStatus.MISSED  # untouched
    assert figures(days).current == Streak(1, days_before(1), days_before(1))
    assert figures(days).longest == Streak(2, days_before(5), days_before(4))


def test_rest_day_is_neutral() -> None:
    plan = routine_of(REST_POSE)
    monday, tuesday, wednesday = date(2025, 3, 17), date(2025, 3, 18), date(2025, 3, 19)
    days = [done(monday, ["rest_pose"]), done(wednesday, ["rest_pose"])]
    result = statuses(days, plan=plan)
    assert result[tuesday] is DayStatus.REST
    assert figures(days, plan=plan).current == Streak(2, monday, wednesday)


def test_a_touched_rest_day_with_an_empty_frozen_plan_is_rest() -> None:
    days = [done(days_before(2)), record(days_before(1), planned=())]
    assert statuses(days)[days_before(1)] is DayStatus.REST
    assert figures(days).current.length == 1


def test_symptom_rest_for_a_warning_sign() -> None:
    days = [done(days_before(3)), record(days_before(2)), done(days_before(1))]
    entries = [entry(days_before(2), 3, signs=["radiating"])]
    assert statuses(days, entries)[days_before(2)] is DayStatus.SYMPTOM_REST
    assert figures(days, entries).current == Streak(2, days_before(3), days_before(1))


def test_symptom_rest_for_an_urgent_sign_on_a_sign_only_entry() -> None:
    entries = [entry(days_before(2), None, signs=["saddle_numbness"])]
    days = [done(days_before(3)), done(days_before(1))]
    summary = {s.day: s for s in StreakBook(DAILY).summaries(days, entries, TODAY)}[days_before(2)]
    assert summary.status is DayStatus.SYMPTOM_REST
    assert summary.pain is None
    assert summary.signs == ("saddle_numbness",)


def test_symptom_rest_for_daily_pain_of_seven_not_six() -> None:
    days = [done(days_before(4))]
    entries = [
        entry(days_before(3), 2),
        entry(days_before(3), 7),  # the highest of the day counts
        entry(days_before(2), 6),
    ]
    result = statuses(days, entries)
    assert result[days_before(3)] is DayStatus.SYMPTOM_REST
    assert result[days_before(2)] is DayStatus.MISSED


def test_a_partial_day_with_a_sign_is_a_symptom_rest() -> None:
    days = [record(days_before(1), marked=["stretch"])]
    entries = [entry(days_before(1), 8)]
    assert statuses(days, entries)[days_before(1)] is DayStatus.SYMPTOM_REST


def test_a_done_day_with_a_sign_stays_done() -> None:
    days = [done(days_before(1))]
    entries = [entry(days_before(1), 8, signs=["worse_after_stretch"])]
    assert statuses(days, entries)[days_before(1)] is DayStatus.DONE
    assert figures(days, entries).current.length == 1


def test_pending_today_is_neutral_and_the_streak_ends_yesterday() -> None:
    days = [done(days_before(2)), done(days_before(1)), record(TODAY, marked=["stretch"])]
    assert statuses(days)[TODAY] is DayStatus.PENDING
    assert figures(days).current == Streak(2, days_before(2), days_before(1))


def test_today_done_extends_the_streak() -> None:
    days = [done(days_before(1)), done(TODAY)]
    assert statuses(days)[TODAY] is DayStatus.DONE
    assert figures(days).current == Streak(2, days_before(1), TODAY)


def test_today_with_a_sign_and_nothing_done_is_a_symptom_rest() -> None:
    entries = [entry(TODAY, 8)]
    assert statuses([done(days_before(1))], entries)[TODAY] is DayStatus.SYMPTOM_REST


def test_the_current_streak_steps_over_every_kind_of_neutral_day() -> None:
    plan = routine_of(STRETCH, exercise("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"))
    # Mon 10 .. Thu 20 March 2025: Sat 15 and Sun 16 plan only "stretch".
    week = ("stretch", "weekdays")
    days = [done(date(2025, 3, d), week) for d in (10, 11, 12, 13, 14, 17, 19)]
    days += [record(date(2025, 3, d), planned=()) for d in (15, 16)]  # rest days
    days.append(record(date(2025, 3, 18), planned=week))  # a sign, below
    entries = [entry(date(2025, 3, 18), 4, signs=["restricted"])]
    result = figures(days, entries, plan=plan)
    assert result.current == Streak(7, date(2025, 3, 10), date(2025, 3, 19))
    assert StreakBook(plan).current_streak(days, entries, TODAY, False) == result.current
    assert statuses(days, entries, plan=plan)[TODAY] is DayStatus.PENDING


def test_no_streak_when_the_last_counted_day_was_missed() -> None:
    days = [done(days_before(3)), done(days_before(2)), record(days_before(1))]
    result = figures(days)
    assert result.current == Streak(0, None, None)
    assert result.longest == Streak(2, days_before(3), days_before(2))


# --- the figures ------------------------------------------------------------------------------


def test_longest_streak_has_its_dates_and_the_most_recent_wins_a_tie() -> None:
    runs = [range(20, 17, -1), range(15, 11, -1), range(9, 5, -1), range(2, 0, -1)]
    days = [done(days_before(n)) for run in runs for n in run]
    result = figures(days)
    assert result.longest == Streak(4, days_before(9), days_before(6))
    assert result.current == Streak(2, days_before(2), days_before(1))


def test_rates_count_the_last_scheduled_days_that_count() -> None:
    days = [done(days_before(n)) for n in range(1, 41)]
    days[2] = record(days_before(3))  # missed
    days[5] = record(days_before(6), marked=["stretch"])  # partial
    days[7] = record(days_before(8), planned=())  # rest: left out
    days[9] = record(days_before(10))  # symptom rest: left out
    days[30] = record(days_before(31))  # missed, 29th counted day
    days[35] = record(days_before(36))  # missed, beyond the 30 counted days
    entries = [entry(days_before(10), 9)]
    result = figures(days, entries)
    assert result.last_7 == Rate(5, 7)
    assert result.last_30 == Rate(27, 30)
    assert figures(days, entries, count_partial=True).last_7 == Rate(6, 7)


def test_rates_leave_out_a_pending_today_and_count_a_done_one() -> None:
    days = [done(days_before(1)), record(days_before(2))]
    assert figures(days).last_7 == Rate(1, 2)
    assert figures([*days, done(TODAY)]).last_7 == Rate(2, 3)


def test_a_rate_has_no_share_before_any_day_counts() -> None:
    result = figures([])
    assert result.last_7 == Rate(0, 0)
    assert result.last_7.share is None
    assert Rate(3, 4).share == 0.75


def test_totals_count_every_hold_and_every_second_held() -> None:
    day = days_before(1)
    stopped = Hold("stretch", "left", 3, 30.0, 12.0, at(day), day)
    days = [
        DayRecord(day, ("stretch", "bridge"), (*holds_for(STRETCH, day), stopped)),
        record(days_before(2), held=[BRIDGE]),
    ]
    result = figures(days)
    assert result.total_holds == 4 + 1 + 3
    assert result.minutes_held == round((4 * 30 + 12 + 3 * 30) / 60)


# --- history, time and changes ------------------------------------------------------------------


def test_with_nothing_recorded_there_is_only_a_pending_today() -> None:
    summaries = StreakBook(DAILY).summaries([], [], TODAY)
    assert [(s.day, s.status) for s in summaries] == [(TODAY, DayStatus.PENDING)]
    result = streak_figures(summaries, count_partial=False)
    assert result.current == result.longest == Streak(0, None, None)


def test_history_starts_at_the_first_record_of_either_kind() -> None:
    days = [done(days_before(2))]
    entries = [entry(days_before(5), 1)]
    summaries = StreakBook(DAILY).summaries(days, entries, TODAY)
    assert summaries[0].day == days_before(5)
    assert [s.day for s in summaries] == [days_before(n) for n in range(5, -1, -1)]


def test_a_backfilled_entry_never_turns_the_days_before_the_routine_into_missed_ones() -> None:
    # The first day of use: the routine done today, then how Monday felt logged two days back.
    days = [done(TODAY)]
    entries = [entry(days_before(2), 3)]
    summaries = StreakBook(DAILY).summaries(days, entries, TODAY)
    assert [(s.day, s.status) for s in summaries] == [
        (days_before(2), DayStatus.NOT_TRACKED),
        (days_before(1), DayStatus.NOT_TRACKED),
        (TODAY, DayStatus.DONE),
    ]
    assert summaries[0].pain == 3
    result = streak_figures(summaries, count_partial=False)
    assert result.last_7 == Rate(1, 1)
    assert result.current == Streak(1, TODAY, TODAY)


def test_the_routine_history_moves_back_with_an_earlier_frozen_plan() -> None:
    book = StreakBook(DAILY)
    entries = [entry(days_before(3), 2)]
    before = {s.day: s.status for s in book.summaries([done(TODAY)], entries, TODAY)}
    assert before[days_before(1)] is DayStatus.NOT_TRACKED
    # psoas done --date for a day before: the history now starts there, and the day between
    # is a missed one (the same book, so its memory of earlier days must not hide the change).
    after = {
        s.day: s.status for s in book.summaries([done(days_before(2)), done(TODAY)], entries, TODAY)
    }
    assert after[days_before(3)] is DayStatus.NOT_TRACKED
    assert after[days_before(1)] is DayStatus.MISSED


def test_records_after_today_are_ignored() -> None:
    days = [done(days_before(1)), done(TODAY + timedelta(days=1))]
    summaries = StreakBook(DAILY).summaries(days, [entry(TODAY + timedelta(days=2), 9)], TODAY)
    assert summaries[-1].day == TODAY


def test_a_day_start_at_four_puts_a_half_past_two_entry_on_the_day_before() -> None:
    # 02:30 on Friday 21 March with the day starting at 04:00: still Thursday 20 March.
    clock = ManualClock(datetime(2025, 3, 21, 2, 30, tzinfo=PARIS), day_starts_at=time(4, 0))
    late = SymptomEntry("late", clock.day_of(clock.now()), clock.now(), 8, 6)
    days = [done(date(2025, 3, 18)), done(date(2025, 3, 19))]
    today = clock.today()
    assert today == date(2025, 3, 20)
    result = statuses(days, [late], today=today)
    assert result[date(2025, 3, 20)] is DayStatus.SYMPTOM_REST
    assert date(2025, 3, 21) not in result
    # At 05:00 the new day has begun: Thursday stays a symptom rest and the streak holds.
    clock.advance(2.5 * 3600)
    assert clock.today() == date(2025, 3, 21)
    result_next = figures(days, [late], today=clock.today())
    assert result_next.current == Streak(2, date(2025, 3, 18), date(2025, 3, 19))


def full_day(day: date, started: datetime) -> DayRecord:
    """Both exercises held in full, starting at ``started``."""
    held = tuple(hold for ex in (STRETCH, BRIDGE) for hold in holds_for(ex, day, started=started))
    return DayRecord(day, ("stretch", "bridge"), held)


def test_a_dst_change_neither_breaks_a_streak_nor_counts_a_day_twice() -> None:
    # New York springs forward at 02:00 on Sunday 9 March 2025: the routine done at 23:30 every
    # evening is 23 real hours apart across the change, and still one day each.
    clock = ManualClock(datetime(2025, 3, 6, 23, 30, tzinfo=NEW_YORK))
    utc = tz.UTC
    days: list[DayRecord] = []
    for _ in range(6):
        days.append(full_day(clock.day_of(clock.now()), clock.now()))
        following = clock.now().replace(tzinfo=NEW_YORK) + timedelta(days=1)
        clock.set_now(following.astimezone(utc).astimezone(NEW_YORK))
    today = date(2025, 3, 11)
    summaries = StreakBook(DAILY).summaries(days, [], today)
    assert [s.day for s in summaries] == [date(2025, 3, n) for n in range(6, 12)]
    assert streak_figures(summaries, False).current == Streak(6, date(2025, 3, 6), today)


def test_the_repeated_hour_of_a_fall_back_change_is_one_day() -> None:
    # 01:30 happens twice on 2 November 2025 in New York; a hold in each belongs to that date.
    day = date(2025, 11, 2)
    clock = ManualClock(datetime(2025, 11, 2, 1, 30, tzinfo=NEW_YORK))
    before = datetime(2025, 11, 2, 1, 30, tzinfo=NEW_YORK)
    after = datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=NEW_YORK)
    assert (after - before.astimezone(tz.UTC)).total_seconds() == 3600
    assert clock.day_of(before) == clock.day_of(after) == day
    stretch = holds_for(STRETCH, day, started=before)
    bridge = holds_for(BRIDGE, day, started=after)
    days = [full_day(date(2025, 11, 1), datetime(2025, 11, 1, 8, 0, tzinfo=NEW_YORK))]
    days.append(DayRecord(day, ("stretch", "bridge"), tuple(stretch + bridge)))
    summaries = StreakBook(DAILY).summaries(days, [], date(2025, 11, 3))
    assert [(s.day, s.status) for s in summaries] == [
        (date(2025, 11, 1), DayStatus.DONE),
        (day, DayStatus.DONE),
        (date(2025, 11, 3), DayStatus.PENDING),
    ]
    assert streak_figures(summaries, False).current == Streak(2, date(2025, 11, 1), day)


def test_a_time_zone_change_does_not_move_a_recorded_day() -> None:
    tokyo = tz.gettz("Asia/Tokyo")
    # Done at 20:00 on 10 March in Paris, then at 18:00 on 11 March after flying to Tokyo.
    in_paris = datetime(2025, 3, 10, 20, 0, tzinfo=PARIS)
    in_tokyo = datetime(2025, 3, 11, 18, 0, tzinfo=tokyo)
    # Read in Tokyo time, both instants fall on 11 March: re-deriving days from timestamps would
    # merge two days into one. The engine counts the dates each record carries.
    clock = ManualClock(in_tokyo)
    assert clock.day_of(in_paris) == clock.day_of(in_tokyo) == date(2025, 3, 11)
    days = [full_day(date(2025, 3, 10), in_paris), full_day(date(2025, 3, 11), in_tokyo)]
    assert figures(days, today=date(2025, 3, 11)).current == Streak(
        2, date(2025, 3, 10), date(2025, 3, 11)
    )


def test_a_routine_changed_last_week_does_not_rewrite_the_days_before() -> None:
    # Until a week ago: stretch and bridge daily. Since: stretch daily, rest pose Mon/Wed/Fri.
    old = ("stretch", "bridge")
    new_plan = routine_of(STRETCH, REST_POSE)
    days = [done(days_before(n), old) for n in (14, 13, 12, 11, 10, 8)]
    days.append(record(days_before(9), held=[STRETCH], planned=old))
    for n in range(7, 0, -1):
        day = days_before(n)
        days.append(done(day, tuple(ex.id for ex in new_plan.scheduled_on(day))))
    summaries = {s.day: s for s in StreakBook(new_plan).summaries(days, [], TODAY)}
    # the old days keep their own plan: done with the bridge, partial without it
    assert summaries[days_before(14)].status is DayStatus.DONE
    assert summaries[days_before(14)].planned == old
    assert summaries[days_before(14)].complete == old
    assert summaries[days_before(9)].status is DayStatus.PARTIAL
    assert summaries[days_before(6)].planned == ("stretch", "rest_pose")  # Friday 14 March
    assert summaries[days_before(5)].planned == ("stretch",)  # Saturday
    assert figures(days, plan=new_plan).current == Streak(8, days_before(8), days_before(1))


def test_an_exercise_that_left_the_routine_is_judged_by_its_recorded_holds() -> None:
    old_bridge = exercise("old_bridge", sides=(), reps=3)
    planned = ("stretch", "old_bridge")
    full = DayRecord(
        days_before(2),
        planned,
        tuple(holds_for(STRETCH, days_before(2)) + holds_for(old_bridge, days_before(2))),
    )
    stopped = DayRecord(
        days_before(1),
        planned,
        tuple(
            holds_for(STRETCH, days_before(1)) + holds_for(old_bridge, days_before(1), share=0.5)
        ),
    )
    result = statuses([full, stopped], plan=routine_of(STRETCH))
    assert result[days_before(2)] is DayStatus.DONE
    assert result[days_before(1)] is DayStatus.PARTIAL


def test_an_untouched_past_day_follows_the_routine_in_force() -> None:
    plan = routine_of(REST_POSE)
    days = [done(date(2025, 3, 10), ["rest_pose"])]  # Monday
    result = statuses(days, plan=plan)
    assert result[date(2025, 3, 11)] is DayStatus.REST  # Tuesday, nothing scheduled
    assert result[date(2025, 3, 12)] is DayStatus.MISSED  # Wednesday, untouched


def test_a_backfilled_day_joins_two_runs() -> None:
    days = [done(days_before(n)) for n in (6, 5, 4, 2, 1)]
    assert figures(days).current == Streak(2, days_before(2), days_before(1))
    backfilled = [*days, done(days_before(3))]  # `psoas done --date` for both exercises
    assert figures(backfilled).current == Streak(6, days_before(6), days_before(1))


def test_a_backfilled_entry_with_a_sign_turns_a_missed_day_into_a_symptom_rest() -> None:
    days = [done(days_before(n)) for n in (4, 3, 1)]
    assert figures(days).current.length == 1
    entries = [entry(days_before(2), 2, signs=["radiating"])]
    assert figures(days, entries).current == Streak(3, days_before(4), days_before(1))


def test_summaries_carry_what_the_side_panel_shows() -> None:
    day = days_before(1)
    days = [record(day, held=[STRETCH], marked=["bridge"])]
    entries = [entry(day, 3, stiffness=5), entry(day, 5, stiffness=2, signs=["radiating"])]
    summary = StreakBook(DAILY).summaries(days, entries, TODAY)[0]
    assert summary == DaySummary(
        day=day,
        status=DayStatus.DONE,
        planned=("stretch", "bridge"),
        complete=("stretch", "bridge"),
        holds=4,
        seconds_held=120.0,
        pain=5,
        stiffness=5,
        signs=("radiating",),
    )


# --- the book: judging a day again only when it changed ---------------------------------------


def test_a_book_judges_again_only_the_day_that_changed() -> None:
    days = [done(days_before(n)) for n in range(5, 0, -1)]
    entries = [entry(days_before(3), 2)]
    book = StreakBook(DAILY)
    before = book.summaries(days, entries, TODAY)
    days[2] = record(days_before(3), marked=["stretch"])  # a mark undone on that day
    after = book.summaries(days, entries, TODAY)
    assert after == StreakBook(DAILY).summaries(days, entries, TODAY)
    assert after[2].status is DayStatus.PARTIAL
    assert [a is b for a, b in zip(before, after, strict=True)] == [
        True,
        True,
        False,
        True,
        True,
        True,
    ]


def test_a_book_follows_new_entries_and_the_day_rolling_over() -> None:
    days = [done(days_before(2)), record(days_before(1))]
    book = StreakBook(DAILY)
    assert book.summaries(days, [], TODAY)[-1].status is DayStatus.PENDING
    entries = [entry(days_before(1), None, signs=["radiating"])]
    assert book.summaries(days, entries, TODAY)[1].status is DayStatus.SYMPTOM_REST
    tomorrow = TODAY + timedelta(days=1)
    rolled = book.summaries(days, entries, tomorrow)
    assert [s.status for s in rolled[-2:]] == [DayStatus.MISSED, DayStatus.PENDING]
    assert rolled == StreakBook(DAILY).summaries(days, entries, tomorrow)


edits = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=20),
        st.sampled_from(["done", "partial", "touched", "remove", "pain", "sign", "calm"]),
    ),
    max_size=12,
)


@settings(max_examples=100, deadline=None)
@given(edits=edits, roll_over=st.booleans())
def test_a_book_after_any_edits_agrees_with_a_fresh_count(
    edits: list[tuple[int, str]], roll_over: bool
) -> None:
    days = {days_before(n): done(days_before(n)) for n in range(1, 15, 2)}
    entries: list[SymptomEntry] = [entry(days_before(4), 3)]
    book = StreakBook(DAILY)
    book.summaries(list(days.values()), entries, TODAY)
    today = TODAY
    for back, edit in edits:
        day = days_before(back)
        if edit == "done":
            days[day] = done(day)
        elif edit == "partial":
            days[day] = record(day, marked=["bridge"])
        elif edit == "touched":
            days[day] = record(day)
        elif edit == "remove":
            days.pop(day, None)
        elif edit == "pain":
            entries.append(entry(day, 8))
        elif edit == "sign":
            entries.append(entry(day, None, signs=["trauma"]))
        else:
            entries = [e for e in entries if e.day != day]
        if roll_over and back == 0:
            today += timedelta(days=1)
        got = book.summaries(list(days.values()), entries, today)
        assert got == StreakBook(DAILY).summaries(list(days.values()), entries, today)


# --- schedules ----------------------------------------------------------------------------------

RULES = [
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=2",
    "FREQ=DAILY;INTERVAL=3;BYDAY=MO,TH",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;WKST=SU",
    "FREQ=WEEKLY;INTERVAL=3",
    "RRULE:FREQ=WEEKLY;BYDAY=SU",
    "freq=weekly;byday=tu",
    "DTSTART:20250305\nRRULE:FREQ=DAILY;INTERVAL=2",
    "DTSTART:20240101\nRRULE:FREQ=DAILY;COUNT=400",
    "FREQ=DAILY;UNTIL=20260101",
    "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=YEARLY;BYMONTH=3;BYDAY=MO,TU",
]


@settings(max_examples=80, deadline=None)
@given(
    rule=st.sampled_from(RULES),
    first=st.dates(min_value=date(1999, 12, 1), max_value=date(2030, 1, 1)),
    length=st.integers(min_value=0, max_value=100),
)
def test_routine_plans_answer_as_the_routine_does(rule: str, first: date, length: int) -> None:
    ex = exercise("x", rule)
    routine = routine_of(ex)
    plans = RoutinePlans(routine.exercises)
    for offset in range(length + 1):
        day = first + timedelta(days=offset)
        assert plans.on(day) == (("x",) if routine.occurs(ex, day) else ()), day


def test_routine_plans_keep_routine_order() -> None:
    monday = date(2025, 3, 17)
    sunday = exercise("sunday", "FREQ=WEEKLY;BYDAY=SU")
    plans = RoutinePlans([REST_POSE, STRETCH, sunday])
    assert plans.on(monday) == ("rest_pose", "stretch")
    assert plans.on(monday - timedelta(days=1)) == ("stretch", "sunday")


# --- a property ---------------------------------------------------------------------------------

day_kinds = st.sampled_from(["done", "partial", "missed", "untouched", "rest", "sign", "pain"])


def history_of(kinds: Sequence[str]) -> tuple[list[DayRecord], list[SymptomEntry]]:
    """Day records and entries for one kind of day each, the last one today."""
    first = TODAY - timedelta(days=len(kinds) - 1) if kinds else TODAY
    days: list[DayRecord] = []
    entries: list[SymptomEntry] = []
    for offset, kind in enumerate(kinds):
        day = first + timedelta(days=offset)
        if kind == "done":
            days.append(done(day))
        elif kind == "partial":
            days.append(record(day, marked=["bridge"]))
        elif kind == "missed":
            days.append(record(day))
        elif kind == "rest":
            days.append(record(day, planned=()))
        elif kind == "sign":
            entries.append(entry(day, None, signs=["fever"]))
        elif kind == "pain":
            entries.append(entry(day, 9))
    return days, entries


@settings(max_examples=200, deadline=None)
@given(kinds=st.lists(day_kinds, max_size=60), count_partial=st.booleans())
def test_longest_never_shorter_than_current_and_walking_back_finds_the_same(
    kinds: list[str], count_partial: bool
) -> None:
    days, entries = history_of(kinds)
    summaries = StreakBook(DAILY).summaries(days, entries, TODAY)
    result = streak_figures(summaries, count_partial)
    assert result.longest.length >= result.current.length
    walked_back = StreakBook(DAILY).current_streak(days, entries, TODAY, count_partial)
    assert walked_back == result.current
    counted = [
        s
        for s in summaries
        if s.status is DayStatus.DONE or (count_partial and s.status is DayStatus.PARTIAL)
    ]
    assert result.longest.length <= len(counted)
    if result.current.length:
        assert result.current.last == counted[-1].day
        assert result.current.first is not None and result.current.first <= result.current.last


@settings(max_examples=120, deadline=None)
@given(
    runs=st.lists(st.tuples(day_kinds, st.integers(min_value=1, max_value=150)), max_size=6),
    count_partial=st.booleans(),
)
def test_reading_only_the_weeks_a_streak_reaches_finds_the_same_streak(
    runs: list[tuple[str, int]], count_partial: bool
) -> None:
    kinds = [kind for kind, length in runs for _ in range(length)]
    days, entries = history_of(kinds)
    asked: list[tuple[date, date]] = []

    def between(start: date, end: date) -> list[DayRecord]:
        asked.append((start, end))
        return [record for record in days if start <= record.day <= end]

    first_day = days[0].day if days else None
    book = StreakBook(DAILY)

    def logged(start: date, end: date) -> list[SymptomEntry]:
        return [symptom for symptom in entries if start <= symptom.day <= end]

    read = book.current_streak_reading(between, first_day, logged, TODAY, count_partial)
    assert read == StreakBook(DAILY).current_streak(days, entries, TODAY, count_partial)
    assert all(end == TODAY for _, end in asked)


def test_a_short_streak_in_a_long_history_reads_only_the_last_weeks() -> None:
    days = [done(days_before(n)) for n in range(1, 1000) if n != 10]
    asked: list[tuple[date, date]] = []

    def between(start: date, end: date) -> list[DayRecord]:
        asked.append((start, end))
        return [record for record in days if start <= record.day <= end]

    streak = StreakBook(DAILY).current_streak_reading(
        between, days[-1].day, lambda start, end: [], TODAY, count_partial=False
    )
    assert (streak.length, streak.first, streak.last) == (9, days_before(9), days_before(1))
    assert asked == [(days_before(64), TODAY)]


@given(
    st.lists(st.tuples(st.integers(-3, 3), st.none() | st.integers(0, 10)), min_size=1, max_size=12)
)
def test_the_days_pain_is_the_highest_pain_logged_that_day(
    logged: list[tuple[int, int | None]],
) -> None:
    entries = [entry(days_before(back), pain) for back, pain in logged]
    highest = daily_highest(symptom for symptom in entries if symptom.day <= TODAY)
    summaries = StreakBook(DAILY).summaries([], entries, TODAY)
    assert {s.day: s.pain for s in summaries if s.pain is not None} == highest
