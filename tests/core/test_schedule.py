"""An RRULE split into its parts in one place, and the plan arithmetic reading those parts."""

from __future__ import annotations

from datetime import date

import pytest

from psoas_tui.core.model import Dose, Exercise
from psoas_tui.core.schedule import RoutinePlans, ScheduleError, occurs_on, rule_parts


def _exercise(schedule: str) -> Exercise:
    return Exercise(
        id="bridge",
        name="Bridge",
        summary="",
        steps=("Lift.",),
        cues=(),
        cautions=(),
        dose=Dose(sides=(), reps=1, hold_seconds=10, rest_seconds=0),
        schedule=schedule,
        source="000: a title",
    )


def test_rule_parts_reads_names_and_values_upper_case() -> None:
    assert rule_parts("freq=weekly;byday=mo,we") == {"FREQ": "WEEKLY", "BYDAY": "MO,WE"}
    assert rule_parts("RRULE:FREQ=DAILY") == {"FREQ": "DAILY"}
    assert rule_parts("DTSTART:20260101\nRRULE:FREQ=DAILY;INTERVAL=2") == {
        "DTSTART": "20260101",
        "FREQ": "DAILY",
        "INTERVAL": "2",
    }


@pytest.mark.parametrize(
    ("schedule", "problem"),
    [
        ("FREQ=DAILY;", "'' is not NAME=VALUE"),
        ("FREQ=DAILY;BYHOUR=7", "BYHOUR is not a part of a schedule of days"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"),
        ("FREQ=DAILY\nFREQ=WEEKLY", "a schedule is one RRULE line"),
    ],
)
def test_rule_parts_refuses_what_is_not_one_rule(schedule: str, problem: str) -> None:
    with pytest.raises(ScheduleError, match=problem):
        rule_parts(schedule)


def test_a_superscript_interval_is_refused_not_crashed_on() -> None:
    # "²".isdigit() is true and int("²") raises: the plan must read the interval as the check does.
    plans = RoutinePlans([_exercise("FREQ=DAILY;INTERVAL=²")])
    with pytest.raises(ScheduleError, match="INTERVAL=² is out of range"):
        plans.on(date(2026, 11, 21))


@pytest.mark.parametrize(
    "schedule",
    [
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=WEEKLY;INTERVAL=2",
        "FREQ=MONTHLY;BYMONTHDAY=1,15",
        "DTSTART:20260105\nRRULE:FREQ=DAILY;INTERVAL=2",
    ],
)
def test_the_plan_arithmetic_agrees_with_the_rule(schedule: str) -> None:
    plans = RoutinePlans([_exercise(schedule)])
    for offset in range(0, 800, 7):
        day = date.fromordinal(date(2025, 6, 1).toordinal() + offset)
        assert (plans.on(day) == ("bridge",)) == occurs_on(schedule, day), day
