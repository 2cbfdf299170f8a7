"""The hold timer's state machine, driven by a manual clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import Dose, Exercise
from psoas_tui.core.timer import (
    Breath,
    HoldEnded,
    HoldTimer,
    Phase,
    PhaseChanged,
    Step,
    breath_at,
    hold_seconds_of,
    plan_steps,
)

PARIS = tz.gettz("Europe/Paris")
START = datetime(2025, 3, 10, 8, 0, tzinfo=PARIS)


def exercise(
    id: str = "kneeling-hip-flexor",
    sides: tuple[str, ...] = ("left", "right"),
    reps: int = 3,
    hold: int = 30,
    rest: int = 10,
    breaths: int | None = None,
) -> Exercise:
    return Exercise(
        id=id,
        name=id.replace("-", " ").title(),
        summary="",
        steps=(),
        cues=(),
        cautions=(),
        dose=Dose(sides=sides, reps=reps, hold_seconds=hold, rest_seconds=rest, breaths=breaths),
        schedule="FREQ=DAILY",
        source="",
    )


def make(
    ex: Exercise | None = None, clock: ManualClock | None = None, **kwargs: float
) -> HoldTimer:
    return HoldTimer(ex or exercise(), clock or ManualClock(START), **kwargs)


def phases(events: list[HoldEnded | PhaseChanged]) -> list[tuple[Phase, str | None, int]]:
    return [(e.phase, e.side, e.rep) for e in events if isinstance(e, PhaseChanged)]


def holds(events: list[HoldEnded | PhaseChanged]) -> list[HoldEnded]:
    return [e for e in events if isinstance(e, HoldEnded)]


# -- the plan ---------------------------------------------------------------------------------


def test_plan_does_every_rep_on_the_left_then_switches() -> None:
    steps = plan_steps(exercise(reps=2).dose, get_ready_seconds=5, hold_seconds=30)
    assert steps == (
        Step(Phase.GET_READY, 5, "left", 1),
        Step(Phase.HOLD, 30, "left", 1),
        Step(Phase.REST, 10, "left", 2),
        Step(Phase.HOLD, 30, "left", 2),
        Step(Phase.SWITCH, 10, "right", 1),
        Step(Phase.HOLD, 30, "right", 1),
        Step(Phase.REST, 10, "right", 2),
        Step(Phase.HOLD, 30, "right", 2),
    )


def test_switching_sides_takes_at_least_the_get_ready_time() -> None:
    steps = plan_steps(exercise(reps=1, rest=3).dose, get_ready_seconds=8, hold_seconds=30)
    assert Step(Phase.SWITCH, 8, "right", 1) in steps


def test_one_long_hold_has_no_side_and_no_rest() -> None:
    rest_position = exercise("constructive-rest", sides=(), reps=1, hold=600, rest=0)
    steps = plan_steps(rest_position.dose, get_ready_seconds=5, hold_seconds=600)
    assert steps == (Step(Phase.GET_READY, 5, None, 1), Step(Phase.HOLD, 600, None, 1))


def test_waits_of_no_length_are_left_out() -> None:
    steps = plan_steps(exercise(reps=2, rest=0).dose, get_ready_seconds=0, hold_seconds=30)
    assert [step.phase for step in steps] == [Phase.HOLD] * 4


def test_a_breath_counted_hold_lasts_that_many_paced_breaths() -> None:
    bridge = exercise("bridge", sides=(), reps=3, hold=30, breaths=5)
    assert hold_seconds_of(bridge.dose, 4.0, 6.0) == 50.0
    assert hold_seconds_of(exercise().dose, 4.0, 6.0) == 30.0
    timer = make(bridge, breath_in=3.0, breath_out=5.0)
    assert [s.seconds for s in timer.steps if s.phase is Phase.HOLD] == [40.0] * 3


# -- transitions --------------------------------------------------------------------------------


def test_get_ready_then_hold_exactly_when_its_time_is_up() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    assert timer.phase is Phase.GET_READY
    clock.advance(4.9)
    assert timer.tick() == []
    assert timer.status().remaining == pytest.approx(0.1)
    clock.advance(0.1)
    assert timer.tick() == [PhaseChanged(Phase.HOLD, "left", 1)]
    assert timer.status().remaining == 30


def test_a_whole_exercise_both_sides() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    seen: list[HoldEnded | PhaseChanged] = []
    for _ in range(240):
        clock.advance(1)
        seen.extend(timer.tick())
    assert phases(seen) == [
        (Phase.HOLD, "left", 1),
        (Phase.REST, "left", 2),
        (Phase.HOLD, "left", 2),
        (Phase.REST, "left", 3),
        (Phase.HOLD, "left", 3),
        (Phase.SWITCH, "right", 1),
        (Phase.HOLD, "right", 1),
        (Phase.REST, "right", 2),
        (Phase.HOLD, "right", 2),
        (Phase.REST, "right", 3),
        (Phase.HOLD, "right", 3),
        (Phase.DONE, "right", 3),
    ]
    records = [event.hold for event in holds(seen)]
    assert [h.started_at for h in records] == sorted(h.started_at for h in records)
    assert [(h.side, h.rep) for h in records] == [
        ("left", 1),
        ("left", 2),
        ("left", 3),
        ("right", 1),
        ("right", 2),
        ("right", 3),
    ]
    assert all(h.held_seconds == 30 and h.planned_seconds == 30 for h in records)
    assert all(h.exercise_id == "kneeling-hip-flexor" and h.complete for h in records)
    # 5 s get ready, then holds of 30 s with 10 s rests (and a 10 s switch) between them.
    assert [h.started_at - START for h in records] == [
        timedelta(seconds=s) for s in (5, 45, 85, 125, 165, 205)
    ]
    assert all(h.day == date(2025, 3, 10) for h in records)
    assert timer.finished
    assert timer.status().exercise_progress == 1.0
    assert timer.tick() == []


def test_a_late_tick_walks_every_phase_it_missed_without_drifting() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 30 + 10 + 12)
    events = timer.tick()
    assert phases(events) == [
        (Phase.HOLD, "left", 1),
        (Phase.REST, "left", 2),
        (Phase.HOLD, "left", 2),
    ]
    assert [h.hold.started_at for h in holds(events)] == [START + timedelta(seconds=5)]
    # The second hold began when the rest was due to end, 12 s before this tick.
    status = timer.status()
    assert status.elapsed == 12
    assert status.remaining == 18
    clock.advance(18)
    assert holds(timer.tick())[0].hold.started_at == START + timedelta(seconds=45)


def test_status_says_which_hold_and_how_far() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 30 + 10 + 15)
    timer.tick()
    status = timer.status()
    assert (status.phase, status.side, status.rep, status.reps) == (Phase.HOLD, "left", 2, 3)
    assert (status.hold_number, status.holds) == (2, 6)
    assert status.progress == 0.5
    assert status.exercise_progress == pytest.approx(1.5 / 6)
    clock.advance(15)
    timer.tick()
    status = timer.status()
    assert (status.phase, status.rep, status.hold_number) == (Phase.REST, 3, 3)
    assert status.exercise_progress == pytest.approx(2 / 6)


def test_a_stepped_status_moves_in_whole_steps() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 12.37)
    timer.tick()
    status = timer.status().stepped(0.25)
    assert status.elapsed == 12.25
    assert status.remaining == 17.75
    assert status.exercise_progress == pytest.approx((12.25 / 30) / 6)
    assert (status.phase, status.hold_number) == (Phase.HOLD, 1)


def test_when_done_every_hold_is_behind() -> None:
    clock = ManualClock(START)
    timer = make(exercise(reps=1), clock=clock)
    clock.advance(100)
    timer.tick()
    status = timer.status()
    assert (status.phase, status.holds_done, status.hold_number) == (Phase.DONE, 2, 2)
    assert (status.remaining, status.progress, status.exercise_progress) == (0, 1, 1)


def test_the_day_follows_the_day_start() -> None:
    clock = ManualClock(datetime(2025, 3, 10, 2, 30, tzinfo=PARIS), day_starts_at=time(4, 0))
    timer = make(exercise(sides=(), reps=1), clock=clock)
    clock.advance(35)
    (ended,) = holds(timer.tick())
    assert ended.hold.day == date(2025, 3, 9)


def test_an_exercise_that_crosses_midnight_counts_on_the_day_its_first_hold_started() -> None:
    # Started at 23:59:40: the first hold begins at 23:59:45 and the other five after midnight.
    clock = ManualClock(datetime(2025, 3, 10, 23, 59, 40, tzinfo=PARIS))
    timer = make(clock=clock)
    ended = []
    while not timer.finished:
        clock.advance(1)
        ended.extend(holds(timer.tick()))
    assert len(ended) == 6
    assert {event.hold.day for event in ended} == {date(2025, 3, 10)}
    assert ended[-1].hold.started_at.date() == date(2025, 3, 11)


# -- pause ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("into", "phase"),
    [(2, Phase.GET_READY), (20, Phase.HOLD), (40, Phase.REST), (120, Phase.SWITCH)],
)
def test_pause_in_any_phase_stops_the_count(into: float, phase: Phase) -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(into)
    timer.tick()
    assert timer.phase is phase
    before = timer.status().remaining
    timer.pause()
    assert timer.paused
    clock.advance(500)
    assert timer.tick() == []
    assert timer.phase is phase
    assert timer.status().remaining == before
    timer.resume()
    assert not timer.paused
    assert timer.status().remaining == before
    clock.advance(before)
    assert phases(timer.tick())[0][0] is not phase


def test_paused_time_never_counts_as_held() -> None:
    clock = ManualClock(START)
    timer = make(exercise(sides=(), reps=1), clock=clock)
    clock.advance(15)
    timer.tick()
    timer.toggle_pause()
    clock.advance(60)
    timer.toggle_pause()
    clock.advance(19.5)
    assert holds(timer.tick()) == []
    clock.advance(0.5)
    (ended,) = holds(timer.tick())
    assert ended.hold.held_seconds == 30
    assert ended.hold.started_at == START + timedelta(seconds=5)


def test_pausing_twice_counts_both_pauses_out() -> None:
    clock = ManualClock(START)
    timer = make(exercise(sides=(), reps=1), clock=clock)
    clock.advance(10)
    for _ in range(2):
        timer.pause()
        clock.advance(7)
        timer.resume()
        clock.advance(5)
    timer.tick()
    assert timer.status().elapsed == 15


# -- skip, extend, stop ----------------------------------------------------------------------------


def test_skip_a_hold_records_what_was_held() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 12.25)
    timer.tick()
    events = timer.skip()
    (ended,) = holds(events)
    assert ended.hold.held_seconds == 12.25
    assert ended.hold.planned_seconds == 30
    assert not ended.hold.complete
    assert phases(events) == [(Phase.REST, "left", 2)]
    assert timer.status().remaining == 10


def test_skip_a_wait_starts_the_hold_now() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(1)
    assert timer.skip() == [PhaseChanged(Phase.HOLD, "left", 1)]
    clock.advance(30)
    (ended,) = holds(timer.tick())
    assert ended.hold.started_at == START + timedelta(seconds=1)


def test_skip_while_paused_stays_paused_in_the_next_phase() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 10)
    timer.tick()
    timer.pause()
    clock.advance(100)
    (ended,) = holds(timer.skip())
    assert ended.hold.held_seconds == 10
    assert timer.paused
    assert timer.phase is Phase.REST
    clock.advance(100)
    assert timer.status().remaining == 10


def test_skip_at_the_very_start_of_a_hold_records_nothing() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5)
    events = timer.tick()
    assert holds(timer.skip()) == []
    assert holds(events) == []


def test_skip_through_the_last_hold_finishes() -> None:
    clock = ManualClock(START)
    timer = make(exercise(sides=(), reps=1), clock=clock)
    skipped = timer.skip()
    clock.advance(3)
    events = timer.skip()
    assert phases(events) == [(Phase.DONE, None, 1)]
    assert len(holds(skipped + events)) == 1
    assert timer.skip() == []


def test_extend_adds_ten_seconds_to_the_hold_but_not_to_its_plan() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 25)
    timer.tick()
    timer.extend()
    assert timer.status().remaining == 15
    clock.advance(14.9)
    assert timer.tick() == []
    clock.advance(0.1)
    (ended,) = holds(timer.tick())
    assert ended.hold.held_seconds == 40
    assert ended.hold.planned_seconds == 30
    # The next rest is not lengthened.
    assert timer.status().remaining == 10


def test_extend_a_rest() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 30 + 8)
    timer.tick()
    timer.extend(10)
    assert timer.status().remaining == 12


def test_abort_in_a_hold_records_the_partial_hold() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 30 + 10 + 7)
    ticked = timer.tick()
    events = timer.abort()
    (ended,) = holds(events)
    assert (ended.hold.rep, ended.hold.held_seconds) == (2, 7)
    assert phases(events) == [(Phase.STOPPED, "left", 2)]
    assert timer.finished
    assert not timer.pain_reported
    assert len(holds(ticked + events)) == 2
    clock.advance(100)
    assert timer.tick() == []
    assert timer.skip() == []
    assert timer.abort() == []


def test_abort_in_a_rest_records_nothing_more() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 30 + 4)
    ticked = timer.tick()
    assert holds(timer.abort()) == []
    assert len(holds(ticked)) == 1


def test_abort_while_paused_records_only_the_time_held() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 9)
    timer.tick()
    timer.pause()
    clock.advance(60)
    (ended,) = holds(timer.abort())
    assert ended.hold.held_seconds == 9
    assert not timer.paused


def test_abort_first_ends_a_hold_whose_time_was_already_up() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 33)
    events = timer.abort()
    assert [e.hold.held_seconds for e in holds(events)] == [30]
    assert timer.phase is Phase.STOPPED


def test_this_hurts_stops_at_once_and_keeps_the_partial_hold() -> None:
    clock = ManualClock(START)
    timer = make(clock=clock)
    clock.advance(5 + 3)
    timer.tick()
    (ended,) = holds(timer.hurt())
    assert ended.hold.held_seconds == 3
    assert timer.phase is Phase.STOPPED
    assert timer.pain_reported


def test_nothing_changes_after_done() -> None:
    clock = ManualClock(START)
    timer = make(exercise(sides=(), reps=1), clock=clock)
    clock.advance(35)
    timer.tick()
    assert timer.phase is Phase.DONE
    timer.pause()
    assert not timer.paused
    timer.extend()
    assert timer.hurt() == []
    assert timer.pain_reported
    assert timer.phase is Phase.DONE


# -- a whole routine -----------------------------------------------------------------------------


def test_a_whole_routine_one_exercise_after_another() -> None:
    clock = ManualClock(START)
    routine = [
        exercise(),
        exercise("supine-psoas", reps=1, hold=45, rest=10),
        exercise("bridge", sides=(), reps=3, hold=30, rest=15, breaths=3),
        exercise("constructive-rest", sides=(), reps=1, hold=300, rest=0),
    ]
    recorded = []
    for item in routine:
        timer = make(item, clock=clock)
        while not timer.finished:
            clock.advance(0.1)
            recorded.extend(e.hold for e in holds(timer.tick()))
    assert [(h.exercise_id, h.side, h.rep) for h in recorded] == [
        ("kneeling-hip-flexor", "left", 1),
        ("kneeling-hip-flexor", "left", 2),
        ("kneeling-hip-flexor", "left", 3),
        ("kneeling-hip-flexor", "right", 1),
        ("kneeling-hip-flexor", "right", 2),
        ("kneeling-hip-flexor", "right", 3),
        ("supine-psoas", "left", 1),
        ("supine-psoas", "right", 1),
        ("bridge", None, 1),
        ("bridge", None, 2),
        ("bridge", None, 3),
        ("constructive-rest", None, 1),
    ]
    assert all(h.complete for h in recorded)
    assert [h.held_seconds for h in recorded if h.exercise_id == "bridge"] == [30.0] * 3
    starts = [h.started_at for h in recorded]
    assert starts == sorted(starts)


# -- the breathing pacer -------------------------------------------------------------------------


def test_breath_pacer_inhales_then_exhales() -> None:
    assert breath_at(0, 4, 6) == Breath(inhale=True, progress=0, number=1)
    assert breath_at(2, 4, 6) == Breath(inhale=True, progress=0.5, number=1)
    assert breath_at(4, 4, 6) == Breath(inhale=False, progress=0, number=1)
    assert breath_at(7, 4, 6) == Breath(inhale=False, progress=0.5, number=1)
    assert breath_at(10, 4, 6) == Breath(inhale=True, progress=0, number=2)
    assert breath_at(-1, 4, 6) == Breath(inhale=True, progress=0, number=1)


# -- any sequence of actions ---------------------------------------------------------------------

ACTIONS = st.one_of(
    st.tuples(st.just("advance"), st.floats(min_value=0, max_value=45, allow_nan=False)),
    st.tuples(
        st.sampled_from(["tick", "pause", "resume", "toggle", "skip", "extend", "abort", "hurt"]),
        st.none(),
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    dose=st.builds(
        Dose,
        sides=st.sampled_from([(), ("left", "right")]),
        reps=st.integers(min_value=1, max_value=3),
        hold_seconds=st.integers(min_value=1, max_value=40),
        rest_seconds=st.integers(min_value=0, max_value=15),
    ),
    get_ready=st.integers(min_value=0, max_value=10),
    actions=st.lists(ACTIONS, max_size=60),
)
def test_any_actions_never_hold_more_than_elapsed_nor_more_holds_than_planned(
    dose: Dose, get_ready: int, actions: list[tuple[str, float | None]]
) -> None:
    clock = ManualClock(START)
    item = Exercise("x", "X", "", (), (), (), dose, "FREQ=DAILY", "")
    timer = HoldTimer(item, clock, get_ready_seconds=get_ready)
    began = clock.monotonic()
    events: list[HoldEnded | PhaseChanged] = []
    for name, amount in actions:
        if name == "advance":
            assert amount is not None
            clock.advance(amount)
        elif name in ("tick", "skip", "abort", "hurt"):
            events.extend(getattr(timer, name)())
        elif name == "toggle":
            timer.toggle_pause()
        else:
            getattr(timer, name)()
        recorded = [e.hold for e in holds(events)]
        assert [h.started_at for h in recorded] == sorted(h.started_at for h in recorded)
        assert len(recorded) <= dose.holds
        assert len({(h.side, h.rep) for h in recorded}) == len(recorded)
        assert sum(h.held_seconds for h in recorded) <= clock.monotonic() - began + 1e-6
        assert all(h.held_seconds > 0 for h in recorded)
        status = timer.status()
        assert 0 <= status.progress <= 1
        assert 0 <= status.exercise_progress <= 1


def test_started_again_it_picks_up_at_the_first_hold_still_missing() -> None:
    clock = ManualClock(START)
    done = [("left", 1), ("left", 2), ("left", 3), ("right", 1)]
    timer = make(clock=clock, done=done)
    status = timer.status()
    assert (status.phase, status.side, status.rep) == (Phase.GET_READY, "right", 2)
    assert status.holds_done == 4 and status.seconds == 5
    ended = []
    while not timer.finished:
        clock.advance(1)
        ended.extend(holds(timer.tick()))
    assert [(event.hold.side, event.hold.rep) for event in ended] == [("right", 2), ("right", 3)]


def test_with_every_hold_or_none_done_it_starts_from_the_top() -> None:
    every = [(side, rep) for side in ("left", "right") for rep in (1, 2, 3)]
    for done in ([], every, [("right", 3)]):
        status = make(done=done).status()
        assert (status.phase, status.side, status.rep) == (Phase.GET_READY, "left", 1)
