"""When an exercise is complete: per side, up to its reps, or marked by hand; and Today's progress
and the streaks agree on it."""

from __future__ import annotations

from datetime import date, datetime

from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from psoas_tui.core.model import DayRecord, DoneMark, Dose, Exercise, Hold
from psoas_tui.core.progress import complete_holds, exercise_complete, progress_on
from psoas_tui.core.routine import Routine
from psoas_tui.core.streaks import StreakBook

TODAY = date(2025, 3, 20)
AT = datetime(2025, 3, 20, 8, 0, tzinfo=tz.gettz("Europe/Paris"))


def exercise(exercise_id: str, sides: tuple[str, ...], reps: int) -> Exercise:
    return Exercise(
        id=exercise_id,
        name=exercise_id,
        summary="",
        steps=(),
        cues=(),
        cautions=(),
        dose=Dose(sides=sides, reps=reps, hold_seconds=30, rest_seconds=10),
        schedule="FREQ=DAILY",
        source="000",
    )


STRETCH = exercise("stretch", ("left", "right"), 2)
BRIDGE = exercise("bridge", (), 3)
ROUTINE = Routine((STRETCH, BRIDGE), "routine.toml")


def hold(ex: Exercise, side: str | None, rep: int, held: float = 30.0) -> Hold:
    return Hold(ex.id, side, rep, 30.0, held, AT, TODAY)


def test_one_side_held_many_times_does_not_stand_in_for_the_other() -> None:
    holds = [hold(STRETCH, "left", rep) for rep in range(1, 7)]
    assert complete_holds(STRETCH, holds) == 2
    assert not exercise_complete(STRETCH, complete_holds(STRETCH, holds), marked=False)


def test_every_planned_hold_or_a_mark_completes_an_exercise() -> None:
    holds = [hold(STRETCH, side, rep) for side in ("left", "right") for rep in (1, 2)]
    assert exercise_complete(STRETCH, complete_holds(STRETCH, holds), marked=False)
    assert exercise_complete(STRETCH, 0, marked=True)


def test_a_hold_short_of_ninety_percent_does_not_count() -> None:
    holds = [hold(BRIDGE, None, 1), hold(BRIDGE, None, 2), hold(BRIDGE, None, 3, held=26.9)]
    assert complete_holds(BRIDGE, holds) == 2


@given(
    st.lists(
        st.tuples(
            st.sampled_from([(STRETCH, "left"), (STRETCH, "right"), (BRIDGE, None)]),
            st.integers(1, 4),
            st.sampled_from([30.0, 27.0, 10.0]),
        ),
        max_size=14,
    ),
    st.sets(st.sampled_from(["stretch", "bridge"])),
)
def test_today_and_the_streaks_agree_on_what_is_complete(
    held: list[tuple[tuple[Exercise, str | None], int, float]], marked: set[str]
) -> None:
    record = DayRecord(
        TODAY,
        ("stretch", "bridge"),
        tuple(hold(ex, side, rep, seconds) for (ex, side), rep, seconds in held),
        tuple(DoneMark(exercise_id, TODAY, AT) for exercise_id in sorted(marked)),
    )
    progress = progress_on(ROUTINE, record)
    [summary] = StreakBook(ROUTINE).summaries([record], [], TODAY)
    assert {item.exercise.id for item in progress.exercises if item.done} == set(summary.complete)
