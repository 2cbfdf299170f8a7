"""The clock: the day start, named zones, the manual clock, and dates across DST changes."""

from __future__ import annotations

import subprocess
import sys
import time as _time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import pytest
from dateutil import tz

from psoas_tui.clock import LocalZone, ManualClock, SystemClock, day_of


def _zone(name: str) -> tzinfo:
    zone = tz.gettz(name)
    assert zone is not None
    return zone


BERLIN = _zone("Europe/Berlin")
NEW_YORK = _zone("America/New_York")
FOUR = time(4, 0)


# The day start


def test_an_entry_at_0230_with_the_day_starting_at_0400_belongs_to_the_day_before() -> None:
    assert day_of(datetime(2026, 11, 21, 2, 30, tzinfo=BERLIN), FOUR) == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("hour", "minute", "day"),
    [(0, 0, 20), (3, 59, 20), (4, 0, 21), (12, 0, 21), (23, 59, 21)],
)
def test_the_day_changes_at_the_day_start(hour: int, minute: int, day: int) -> None:
    assert day_of(datetime(2026, 11, 21, hour, minute, tzinfo=BERLIN), FOUR) == date(2026, 11, day)


def test_with_the_default_day_start_the_day_is_the_calendar_date() -> None:
    assert day_of(datetime(2026, 11, 21, 0, 0, tzinfo=BERLIN), time(0, 0)) == date(2026, 11, 21)
    assert day_of(datetime(2026, 11, 21, 23, 59, tzinfo=BERLIN), time(0, 0)) == date(2026, 11, 21)


def test_the_manual_clock_today_follows_the_day_start() -> None:
    clock = ManualClock(datetime(2026, 11, 21, 2, 30, tzinfo=BERLIN), day_starts_at=FOUR)
    assert clock.today() == date(2026, 11, 20)
    clock.advance(90 * 60)
    assert clock.today() == date(2026, 11, 21)


def test_the_day_start_of_half_past_is_honoured() -> None:
    clock = ManualClock(datetime(2026, 11, 21, 4, 29, tzinfo=BERLIN), day_starts_at=time(4, 30))
    assert clock.today() == date(2026, 11, 20)
    clock.advance(60)
    assert clock.today() == date(2026, 11, 21)


# The system clock


def test_the_system_clock_reads_now_in_its_named_zone() -> None:
    clock = SystemClock(FOUR, NEW_YORK)
    before = datetime.now(UTC)
    now = clock.now()
    after = datetime.now(UTC)
    assert now.tzinfo is NEW_YORK
    assert now.utcoffset() == NEW_YORK.utcoffset(now.replace(tzinfo=None))
    assert before <= now <= after
    assert clock.today() in {
        day_of(moment.astimezone(NEW_YORK), FOUR) for moment in (before, after)
    }


def test_the_system_clock_reads_an_instant_in_its_own_zone() -> None:
    instant = datetime(2026, 1, 1, 1, 0, tzinfo=UTC)
    assert SystemClock(zone=NEW_YORK).day_of(instant) == date(2025, 12, 31)
    assert SystemClock(zone=_zone("Asia/Tokyo")).day_of(instant) == date(2026, 1, 1)
    assert SystemClock(FOUR, _zone("Asia/Tokyo")).day_of(instant) == date(2026, 1, 1)
    assert SystemClock(time(11, 0), _zone("Asia/Tokyo")).day_of(instant) == date(2025, 12, 31)


def test_the_system_clock_defaults_to_the_local_zone_and_midnight() -> None:
    clock = SystemClock()
    assert clock.day_starts_at == time(0, 0)
    now = clock.now()
    assert now.tzinfo is not None
    assert now.utcoffset() == datetime.now(tz.tzlocal()).utcoffset()


@pytest.fixture(params=["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"])
def local_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The process's local zone set to each of a few names (Lord Howe moves by half an hour)."""
    monkeypatch.setenv("TZ", request.param)
    _time.tzset()
    yield request.param
    monkeypatch.undo()
    _time.tzset()


def test_the_local_zone_answers_as_dateutils_tzlocal(local_zone: str) -> None:
    ours, theirs = LocalZone(), tz.tzlocal()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for quarter_hour in range(0, 366 * 24 * 4, 3):
        instant = start + timedelta(minutes=15 * quarter_hour)
        mine, dateutils = instant.astimezone(ours), instant.astimezone(theirs)
        assert mine.replace(tzinfo=None) == dateutils.replace(tzinfo=None), instant
        assert mine.utcoffset() == dateutils.utcoffset(), instant
        assert mine.dst() == dateutils.dst(), instant
        assert mine.tzname() == dateutils.tzname(), instant
        assert mine.astimezone(UTC) == instant, instant


def test_the_local_zone_reads_both_of_a_repeated_hour(local_zone: str) -> None:
    wall = datetime(2026, 10, 25, 2, 30)
    if local_zone == "America/New_York":
        wall = datetime(2026, 11, 1, 1, 30)
    for fold in (0, 1):
        mine = wall.replace(tzinfo=LocalZone(), fold=fold)
        assert mine.utcoffset() == wall.replace(tzinfo=tz.tzlocal(), fold=fold).utcoffset()


def test_the_system_clock_needs_no_dateutil_for_the_local_zone() -> None:
    code = (
        "import sys; from psoas_tui.clock import SystemClock; SystemClock().now(); "
        "sys.exit('dateutil.tz' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_system_monotonic_clock_never_goes_back() -> None:
    clock = SystemClock()
    readings = [clock.monotonic() for _ in range(100)]
    assert readings == sorted(readings)


# The manual clock


def test_the_manual_clock_needs_an_aware_start() -> None:
    with pytest.raises(ValueError, match="aware"):
        ManualClock(datetime(2026, 11, 21, 7, 30))


def test_advance_moves_the_wall_clock_and_the_monotonic_clock_together() -> None:
    start = datetime(2026, 11, 21, 7, 30, tzinfo=BERLIN)
    clock = ManualClock(start, monotonic_start=50.0)
    assert (clock.now(), clock.monotonic()) == (start, 50.0)
    clock.advance(90.5)
    assert clock.now() == start + timedelta(seconds=90.5)
    assert clock.monotonic() == 140.5


def test_set_now_jumps_the_wall_clock_but_not_the_monotonic_clock() -> None:
    clock = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=BERLIN))
    reading = clock.monotonic()
    later = datetime(2026, 11, 22, 9, 0, tzinfo=NEW_YORK)
    clock.set_now(later)
    assert clock.now() == later
    assert clock.monotonic() == reading
    assert clock.today() == date(2026, 11, 22)


def test_set_now_needs_an_aware_instant() -> None:
    clock = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=BERLIN))
    with pytest.raises(ValueError, match="aware"):
        clock.set_now(datetime(2026, 11, 22, 9, 0))


def test_the_manual_clock_reads_an_instant_in_the_zone_of_its_now() -> None:
    clock = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=BERLIN), day_starts_at=FOUR)
    # 02:30 UTC is 03:30 in Berlin: before the day start, so the day before.
    assert clock.day_of(datetime(2026, 11, 21, 2, 30, tzinfo=UTC)) == date(2026, 11, 20)
    clock.set_now(datetime(2026, 11, 21, 7, 30, tzinfo=NEW_YORK))
    # The same instant is 21:30 the evening before in New York.
    assert clock.day_of(datetime(2026, 11, 21, 2, 30, tzinfo=UTC)) == date(2026, 11, 20)
    assert clock.day_of(datetime(2026, 11, 21, 12, 0, tzinfo=UTC)) == date(2026, 11, 21)


# DST changes: every calendar day appears once, a short day and a long day keep their date

DST_CHANGES = [
    # zone, local date of the change, its length in hours with the day starting at midnight
    (BERLIN, date(2026, 3, 29), 23),
    (BERLIN, date(2026, 10, 25), 25),
    (NEW_YORK, date(2026, 3, 8), 23),
    (NEW_YORK, date(2026, 11, 1), 25),
]


def _hours_around(day: date, zone: tzinfo) -> list[datetime]:
    """Every whole UTC hour from three days before ``day`` to three days after, in ``zone``."""
    start = datetime.combine(day - timedelta(days=3), time(0, 0), tzinfo=UTC)
    return [(start + timedelta(hours=n)).astimezone(zone) for n in range(7 * 24)]


@pytest.mark.parametrize(("zone", "change", "hours"), DST_CHANGES)
def test_dates_across_a_dst_change_keep_their_calendar_day(
    zone: tzinfo, change: date, hours: int
) -> None:
    clock = SystemClock(time(0, 0), zone)
    days = [clock.day_of(instant) for instant in _hours_around(change, zone)]
    lengths = Counter(days)
    inner = [change + timedelta(days=offset) for offset in (-2, -1, 0, 1, 2)]
    assert [lengths[day] for day in inner] == [24, 24, hours, 24, 24]
    assert days == sorted(days)


@pytest.mark.parametrize(("zone", "change", "hours"), DST_CHANGES)
def test_a_late_day_start_moves_the_short_or_long_day_to_the_day_before(
    zone: tzinfo, change: date, hours: int
) -> None:
    # The clocks change at 02:00 or 03:00 local time, before a 04:00 day start: the hour gained
    # or lost belongs to the user's day that began the evening before.
    clock = SystemClock(FOUR, zone)
    lengths = Counter(clock.day_of(instant) for instant in _hours_around(change, zone))
    day_before = change - timedelta(days=1)
    assert (lengths[day_before], lengths[change]) == (hours, 24)


def test_the_repeated_hour_in_autumn_belongs_to_one_day() -> None:
    # 01:30 happens twice in New York on 1 November 2026 (EDT, then EST).
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC).astimezone(NEW_YORK)
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC).astimezone(NEW_YORK)
    assert (first.hour, second.hour) == (1, 1)
    assert first.utcoffset() != second.utcoffset()
    clock = SystemClock(FOUR, NEW_YORK)
    assert clock.day_of(first) == clock.day_of(second) == date(2026, 10, 31)
    assert SystemClock(zone=NEW_YORK).day_of(first) == date(2026, 11, 1)


def test_the_manual_clock_keeps_the_calendar_day_across_spring_forward() -> None:
    clock = ManualClock(datetime(2026, 3, 28, 23, 30, tzinfo=BERLIN))
    assert clock.today() == date(2026, 3, 28)
    clock.set_now(datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN))
    assert clock.now().utcoffset() == timedelta(hours=2)
    assert clock.today() == date(2026, 3, 29)
    clock.set_now(datetime(2026, 3, 29, 23, 59, tzinfo=BERLIN))
    assert clock.today() == date(2026, 3, 29)


def test_manual_clock_advance_counts_real_seconds_across_the_spring_change() -> None:
    berlin = tz.gettz("Europe/Berlin")
    clock = ManualClock(datetime(2026, 3, 28, 12, 0, tzinfo=berlin))
    clock.advance(24 * 3600)
    assert clock.now().replace(tzinfo=None) == datetime(2026, 3, 29, 13, 0)
    assert clock.today() == date(2026, 3, 29)
