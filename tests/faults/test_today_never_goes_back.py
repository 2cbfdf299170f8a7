"""While the clock goes forwards, today never goes back: not when the clocks go back in autumn
with the day starting inside the repeated hour, nor when they spring forward over the day start.

With ``day_starts_at = "02:30"`` in Paris on 25 October 2026, 02:30 comes twice (CEST, then CET).
The day starts the first time: 00:31 UTC (02:31 CEST) is the 25th, and so is 01:29 UTC (02:29
CET, the second pass of the hour), which used to be the 24th again.
"""

from __future__ import annotations

import time as _time
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import pairwise

import pytest
from dateutil import tz

from psoas_tui.clock import LocalZone, ManualClock

PARIS = tz.gettz("Europe/Paris")
STARTS = [time(0, 0), time(1, 30), time(2, 0), time(2, 30), time(2, 59), time(3, 0), time(11, 59)]


@pytest.fixture
def local_paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[tzinfo]:
    """The system's own zone set to Paris, as ``TZ=Europe/Paris`` sets it."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    _time.tzset()
    yield LocalZone()
    monkeypatch.undo()
    _time.tzset()


def _days(zone: tzinfo, start: time, first: datetime, hours: int) -> list[date]:
    """Today, minute by minute, for ``hours`` from ``first`` (UTC)."""
    clock = ManualClock(first.astimezone(zone), day_starts_at=start)
    days = []
    for _minute in range(hours * 60):
        days.append(clock.today())
        clock.advance(60)
    return days


@pytest.mark.parametrize("start", STARTS, ids=str)
@pytest.mark.parametrize(
    "change",
    [datetime(2026, 10, 24, 12, tzinfo=UTC), datetime(2026, 3, 28, 12, tzinfo=UTC)],
    ids=["clocks go back", "clocks go forward"],
)
def test_today_moves_on_once_a_day_and_never_back(start: time, change: datetime) -> None:
    days = _days(PARIS, start, change, 36)

    assert days == sorted(days)
    assert all((later - earlier).days in (0, 1) for earlier, later in pairwise(days))


def test_the_day_starts_at_the_first_pass_of_a_repeated_day_start(local_paris: tzinfo) -> None:
    for zone in (PARIS, local_paris):
        clock = ManualClock(datetime(2026, 10, 25, 0, 31, tzinfo=UTC).astimezone(zone))
        clock.day_starts_at = time(2, 30)
        assert clock.today() == date(2026, 10, 25)
        clock.advance(timedelta(minutes=58).total_seconds())
        assert clock.now().astimezone(UTC) == datetime(2026, 10, 25, 1, 29, tzinfo=UTC)
        assert clock.today() == date(2026, 10, 25)
        # An instant of the repeated hour, read back later, belongs to the same day.
        assert clock.day_of(datetime(2026, 10, 25, 1, 29, tzinfo=UTC)) == date(2026, 10, 25)
        assert clock.day_of(datetime(2026, 10, 25, 0, 29, tzinfo=UTC)) == date(2026, 10, 24)
