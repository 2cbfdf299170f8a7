"""Reading a typed day: YYYY-MM-DD, today or yesterday, from 1990 to today, nothing else."""

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


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("today", TODAY),
        ("TODAY", TODAY),
        ("  Today\t", TODAY),
        ("yesterday", date(2026, 11, 20)),
        (" YESTERDAY ", date(2026, 11, 20)),
    ],
)
def test_today_and_yesterday_are_read_in_any_case(text: str, day: date) -> None:
    assert parse_day(text, TODAY) == day


@pytest.mark.parametrize("text", ["tomorrow", "yester day", "-1", "now"])
def test_other_words_are_refused_naming_the_words_allowed(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_day(text, TODAY, field="--from")
    assert str(refused.value) == (
        f"--from: {text!r} is not a date; allowed: YYYY-MM-DD, today or yesterday"
    )


def test_a_day_before_1990_is_refused_as_a_typo() -> None:
    assert parse_day("1990-01-01", TODAY) == date(1990, 1, 1)
    with pytest.raises(InvalidInput) as refused:
        parse_day("1989-12-31", TODAY)
    assert str(refused.value) == (
        "--date: 1989-12-31 is before 1990-01-01; allowed: a day from 1990-01-01 to today "
        "(2026-11-21)"
    )
