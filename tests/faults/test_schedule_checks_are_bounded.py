"""Checking a routine's schedules costs a bounded amount of work, whatever the RRULE says.

A rule whose ``BYSETPOS`` asks for a day its periods never hold (the 2nd day of a day, the 8th
of a week) used to be walked by dateutil one period at a time to the year 9999 before it was
refused: seconds on every start. The work is counted here as the periods dateutil builds a set
of days for (one a day for a daily rule, a week for a weekly one, ...), not timed: a rule past
what its periods can hold is refused by arithmetic, without walking a single period, and any
other is walked through two 400-year cycles of the calendar at most (a cycle is the span after
which dates, weekdays and week numbers repeat).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from dateutil import rrule

from psoas_tui.cli import main
from psoas_tui.core.routine_file import default_routine_file

DEFAULT_ROUTINE = default_routine_file().read_text(encoding="utf-8")
#: Periods in one 400-year cycle of the Gregorian calendar, by frequency.
CYCLE = {"DAILY": 146_097, "WEEKLY": 20_871, "MONTHLY": 4_800, "YEARLY": 400}
#: A walk this long is the unbounded one: it is stopped rather than waited for.
RUNAWAY = 3 * CYCLE["DAILY"]

#: The years the check of a rule's filters alone may read (one cycle of a yearly rule).
FILTERS = CYCLE["YEARLY"]
#: (schedule, the periods walking it may cost at most: 0 is arithmetic alone)
NEVER = {
    "the 2nd day of a day": ("FREQ=DAILY;BYSETPOS=2", 0),
    "the 2nd last day of a day": ("FREQ=DAILY;BYSETPOS=-2", 0),
    "the 8th day of a week": ("FREQ=WEEKLY;BYSETPOS=8", 0),
    "the 40th day of a month": ("FREQ=MONTHLY;BYSETPOS=40", 0),
    "the 2nd Monday of a week": ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2", 0),
    "the 3rd of two days of a month": ("FREQ=MONTHLY;BYMONTHDAY=1,2;BYSETPOS=3", 0),
    "the 1st and 2nd of a month both a Monday": (
        "FREQ=MONTHLY;BYMONTHDAY=1,2;BYDAY=MO;BYSETPOS=2",
        2 * CYCLE["MONTHLY"] + FILTERS,
    ),
    "Tuesdays of every 7th day from a Monday": (
        "DTSTART:20260105\\nRRULE:FREQ=DAILY;INTERVAL=7;BYDAY=TU",
        2 * CYCLE["DAILY"] + FILTERS,
    ),
}
OCCURS = {
    "the last weekday of a month": "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "the 2nd of Monday and Wednesday": "FREQ=WEEKLY;BYDAY=MO,WE;BYSETPOS=2",
    "the 3rd of three days of a month": "FREQ=MONTHLY;BYMONTHDAY=1,2,3;BYSETPOS=3",
}


@pytest.fixture
def walked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The number of periods dateutil has built a set of days for, counted as it goes."""
    count = [0]

    def counting(build: Callable[..., Any]) -> Callable[..., Any]:
        def built(*args: Any) -> Any:
            count[0] += 1
            if count[0] > RUNAWAY:
                raise AssertionError(f"walked more than {RUNAWAY} periods")
            return build(*args)

        return built

    for name in ("ydayset", "mdayset", "wdayset", "ddayset"):
        monkeypatch.setattr(rrule._iterinfo, name, counting(getattr(rrule._iterinfo, name)))
    yield count


def _status(tmp_path: Path, schedule: str) -> tuple[int, str]:
    config = tmp_path / "config"
    config.mkdir()
    (config / "routine.toml").write_text(
        DEFAULT_ROUTINE.replace('schedule = "FREQ=DAILY"', f'schedule = "{schedule}"', 1)
    )
    stderr = io.StringIO()
    with redirect_stderr(stderr), redirect_stdout(io.StringIO()):
        code = main(
            ["status", "--short", "--config-dir", str(config), "--data-dir", str(tmp_path / "d")]
        )
    return code, stderr.getvalue()


@pytest.mark.parametrize("case", NEVER)
def test_a_schedule_that_never_occurs_is_refused_within_bounded_work(
    case: str, tmp_path: Path, walked: list[int]
) -> None:
    schedule, most = NEVER[case]

    code, stderr = _status(tmp_path, schedule)

    assert code == 2
    assert "it never occurs" in stderr and stderr.count("\n") == 1, stderr
    assert walked[0] <= most


@pytest.mark.parametrize("case", OCCURS)
def test_a_schedule_by_set_position_that_occurs_is_taken(
    case: str, tmp_path: Path, walked: list[int]
) -> None:
    code, stderr = _status(tmp_path, OCCURS[case])

    assert code == 0, stderr
    # Its days from 2000 to today are worked out for the plan: far less than a cycle.
    assert walked[0] <= CYCLE["MONTHLY"]
