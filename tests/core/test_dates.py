"""Reading a typed day: YYYY-MM-DD, today or earlier, nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from psoas_tui.core.dates import parse_day
from psoas_tui.core.errors import InvalidInput

TODAY = date(2026, 11, 21)


def test_a_past_day_and_today_are_read() -> None:
    assert parse_day("2026-11-20", TODAY) == date(2026, 11, 20)
    assert parse_day(" 2026-11-21 ", TODAY) == TODAY


@pytest.mark.parametrize(
    "text", ["2026-W47-5", "20261120", "2026-11-2", "21/11/2026", "", "²026-11-20"]
)
def test_anything_but_a_calendar_date_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"--date: .* is not a date; allowed: YYYY-MM-DD"):
        parse_day(text, TODAY)


def test_a_future_day_is_refused_naming_today() -> None:
    with pytest.raises(
        InvalidInput, match=r"--when: 2026-11-22 is in the future; allowed: today \(2026-11-21\)"
    ):
        parse_day("2026-11-22", TODAY, field="--when")
