""" "Now" and "today" behind one small object that tests replace.

The day a record belongs to is decided here, once, when it is made: the local date after the
configured day start (an entry at 02:30 with ``day_starts_at = 04:00`` belongs to the day before).
"""

from __future__ import annotations

import time as _time
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    """What the rest of the app asks about time."""

    day_starts_at: time

    def now(self) -> datetime:
        """The current instant, aware, in the user's time zone."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps, for measuring holds."""
        ...

    def today(self) -> date:
        """The user's current day, after ``day_starts_at``."""
        ...

    def day_of(self, instant: datetime) -> date:
        """The user's day an instant belongs to, after ``day_starts_at``."""
        ...


def day_of(instant: datetime, day_starts_at: time) -> date:
    """The calendar date of ``instant`` (in its own zone) after shifting by the day start.

    A day starts the first time its wall clock reaches ``day_starts_at``. When the clocks go back
    over the day start (02:30 twice in Paris on 25 October), the second pass of the repeated
    hour (``fold=1``) still belongs to the day that began in the first pass, so today never goes
    back while the clock goes forwards.
    """
    wall = instant.replace(tzinfo=None)
    shift = timedelta(hours=day_starts_at.hour, minutes=day_starts_at.minute)
    day = (wall - shift).date()
    if instant.fold and wall.time() < day_starts_at:
        started = datetime.combine(wall.date(), day_starts_at, tzinfo=instant.tzinfo)
        if started.astimezone(UTC) <= instant.astimezone(UTC):
            return wall.date()
    return day


_EPOCH = datetime(1970, 1, 1)


class LocalZone(tzinfo):
    """The system's local time zone, as the C library reads it (``TZ``, ``/etc/localtime``).

    It answers as ``dateutil.tz.tzlocal()`` does, daylight saving time included, without the
    cost of importing ``dateutil.tz`` on every start. A local wall time is read as
    ``datetime.timestamp()`` reads a naive one, so ``fold`` picks the repeated hour in autumn.
    """

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        """The offset from UTC in force at the local wall time ``dt``."""
        if dt is None:
            return None
        return timedelta(seconds=self._local(dt).tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta | None:
        """How far daylight saving time moves the clock at ``dt``: zero outside it."""
        if dt is None:
            return None
        local = self._local(dt)
        return timedelta(seconds=local.tm_gmtoff + _time.timezone if local.tm_isdst else 0)

    def tzname(self, dt: datetime | None) -> str | None:
        """The zone's abbreviation at ``dt`` (``CET``, ``CEST``)."""
        return _time.localtime(None if dt is None else self._timestamp(dt)).tm_zone

    def fromutc(self, dt: datetime) -> datetime:
        """The local wall time of the UTC wall time ``dt``, the second of a repeated hour
        marked with ``fold=1``."""
        offset = _time.localtime((dt.replace(tzinfo=None) - _EPOCH).total_seconds()).tm_gmtoff
        local = dt + timedelta(seconds=offset)
        if self.utcoffset(local) != timedelta(seconds=offset):
            local = local.replace(fold=1)
        return local

    def __repr__(self) -> str:
        return "LocalZone()"

    def _local(self, dt: datetime) -> _time.struct_time:
        return _time.localtime(self._timestamp(dt))

    @staticmethod
    def _timestamp(dt: datetime) -> float:
        return dt.replace(tzinfo=None).timestamp()


class SystemClock:
    """The real clock, in the local time zone (or a named one)."""

    def __init__(self, day_starts_at: time = time(0, 0), zone: tzinfo | None = None) -> None:
        self.day_starts_at = day_starts_at
        self._zone = zone if zone is not None else LocalZone()

    def now(self) -> datetime:
        """The current instant, aware, in the clock's zone."""
        return datetime.now(self._zone)

    def monotonic(self) -> float:
        """``time.monotonic()``."""
        return _time.monotonic()

    def today(self) -> date:
        """Today's date after the day start."""
        return day_of(self.now(), self.day_starts_at)

    def day_of(self, instant: datetime) -> date:
        """The day ``instant`` belongs to, read in this clock's zone."""
        return day_of(instant.astimezone(self._zone), self.day_starts_at)


class ManualClock:
    """A clock that moves only when told to: for tests, snapshots, benchmarks and the demo."""

    def __init__(
        self,
        start: datetime,
        day_starts_at: time = time(0, 0),
        monotonic_start: float = 1000.0,
    ) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self.day_starts_at = day_starts_at
        self._now = start
        self._monotonic = monotonic_start

    def now(self) -> datetime:
        """The set instant."""
        return self._now

    def monotonic(self) -> float:
        """The set monotonic reading."""
        return self._monotonic

    def today(self) -> date:
        """The set instant's day after the day start."""
        return day_of(self._now, self.day_starts_at)

    def day_of(self, instant: datetime) -> date:
        """The day ``instant`` belongs to, read in the set instant's zone."""
        zone = self._now.tzinfo
        assert zone is not None
        return day_of(instant.astimezone(zone), self.day_starts_at)

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by ``seconds`` of real time (across a DST change too)."""
        zone = self._now.tzinfo
        self._now = (self._now.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(zone)
        self._monotonic += seconds

    def set_now(self, instant: datetime) -> None:
        """Jump the wall clock (a zone change, a suspend); the monotonic clock stays."""
        if instant.tzinfo is None:
            raise ValueError("set_now needs an aware datetime")
        self._now = instant
