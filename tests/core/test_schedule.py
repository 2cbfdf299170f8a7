"""An RRULE split into its parts in one place, and the plan arithmetic reading those parts."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_tui.core.model import Dose, Exercise
from psoas_tui.core.schedule import (
    RRULE_WEEKDAYS,
    SCHEDULE_START,
    RoutinePlans,
    ScheduleError,
    check_schedule,
    compile_schedule,
    occurs_on,
    rule_parts,
)


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


# Plain rules by arithmetic, against dateutil's own reading of the same text

_WEEKDAY_SETS = st.lists(st.sampled_from(RRULE_WEEKDAYS), max_size=7)


@st.composite
def _plain_rules(draw: st.DrawFn) -> str:
    parts = [f"FREQ={draw(st.sampled_from(['DAILY', 'WEEKLY']))}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 20) | st.integers(1, 366))}")
    weekdays = draw(_WEEKDAY_SETS)
    if weekdays:
        parts.append("BYDAY=" + ",".join(weekdays))
    if draw(st.booleans()):
        parts.append(f"WKST={draw(st.sampled_from(RRULE_WEEKDAYS))}")
    order = draw(st.permutations(parts))
    return ";".join(order).lower() if draw(st.booleans()) else ";".join(order)


def _dateutil_days(schedule: str, first: date, last: date) -> set[date]:
    rule = rrulestr("RRULE:" + schedule.upper(), dtstart=SCHEDULE_START)
    moments = rule.between(
        datetime.combine(first, time.min), datetime.combine(last, time.max), inc=True
    )
    return {moment.date() for moment in moments}


@settings(max_examples=300, deadline=None)
@given(_plain_rules(), st.integers(0, 12_000))
def test_a_plain_rule_falls_on_the_days_dateutil_finds(schedule: str, offset: int) -> None:
    plans = RoutinePlans([_exercise(schedule)])
    first = SCHEDULE_START.date() - timedelta(days=10) + timedelta(days=offset)
    last = first + timedelta(days=800)
    ours = {
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if plans.on(first + timedelta(days=n))
    }
    assert ours == _dateutil_days(schedule, first, last)


@settings(max_examples=300, deadline=None)
@given(_plain_rules())
def test_a_plain_rule_is_checked_as_dateutil_checks_it(schedule: str) -> None:
    compile_schedule.cache_clear()
    try:
        compile_schedule(schedule)
    except ScheduleError as refused:
        with pytest.raises(ScheduleError) as ours:
            check_schedule(schedule)
        assert ours.value.problem == refused.problem
    else:
        check_schedule(schedule)


def test_a_plain_rule_that_never_occurs_is_refused_without_dateutil() -> None:
    # Every seventh day from a Monday is a Monday.
    with pytest.raises(ScheduleError, match="it never occurs"):
        check_schedule("FREQ=DAILY;INTERVAL=7;BYDAY=TU")


def test_the_default_routine_loads_without_dateutils_rules() -> None:
    code = (
        "import sys; from pathlib import Path; from psoas_tui.core.routine import load_routine; "
        "routine = load_routine(Path('/nonexistent/routine.toml')); "
        "import datetime; routine.scheduled_on(datetime.date(2026, 11, 21)); "
        "loaded = [name for name in sys.modules if name.startswith('dateutil')]; "
        "sys.exit(str(loaded) if loaded else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
