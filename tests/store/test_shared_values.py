"""What is read back shares its repeated values and time zones, and still equals what was saved."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import orjson

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DayRecord, Hold, SymptomEntry
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from psoas_tui.store.schema import (
    day_from_doc,
    day_to_doc,
    entry_from_doc,
    entry_to_doc,
    share_repeated_values,
)

DAY = date(2026, 7, 1)
SUMMER = timezone(timedelta(hours=2))
WINTER = timezone(timedelta(hours=1))


def _hold(rep: int, at: datetime, held: float = 29.5) -> Hold:
    return Hold("bridge", None, rep, 30.0, held, at, DAY)


def _parsed(record: DayRecord) -> DayRecord:
    tables = orjson.loads(orjson.dumps({"days": {DAY.isoformat(): day_to_doc(record)}}))
    share_repeated_values(tables)
    return day_from_doc(tables["days"][DAY.isoformat()])


def test_instants_with_one_offset_share_one_time_zone_and_keep_their_values() -> None:
    at = datetime(2026, 7, 1, 7, 30, 5, 250000, tzinfo=SUMMER)
    record = DayRecord(
        DAY,
        ("bridge",),
        (
            _hold(1, at),
            _hold(2, at + timedelta(minutes=1)),
            _hold(3, datetime(2026, 7, 1, 6, 40, tzinfo=WINTER)),
            _hold(4, datetime(2026, 7, 1, 5, 40, tzinfo=UTC)),
        ),
    )
    first, second, winter, utc = _parsed(record).holds

    assert _parsed(record) == record
    assert first.started_at.tzinfo is second.started_at.tzinfo
    assert first.started_at.utcoffset() == timedelta(hours=2)
    assert winter.started_at.tzinfo is not first.started_at.tzinfo
    assert winter.started_at.utcoffset() == timedelta(hours=1)
    assert utc.started_at.tzinfo is UTC
    assert [hold.started_at.isoformat() for hold in (first, second, winter, utc)] == [
        "2026-07-01T07:30:05.250000+02:00",
        "2026-07-01T07:31:05.250000+02:00",
        "2026-07-01T06:40:00+01:00",
        "2026-07-01T05:40:00+00:00",
    ]


def test_equal_held_durations_are_one_object() -> None:
    at = datetime(2026, 7, 1, 7, 30, tzinfo=SUMMER)
    tables = orjson.loads(
        orjson.dumps(
            {
                "days": {
                    DAY.isoformat(): day_to_doc(
                        DayRecord(DAY, ("bridge",), (_hold(1, at), _hold(2, at, held=29.5)))
                    )
                }
            }
        )
    )
    rows = tables["days"][DAY.isoformat()]["holds"]
    assert rows[0][4] is not rows[1][4]
    share_repeated_values(tables)
    assert rows[0][4] is rows[1][4]


def test_an_entry_read_back_shares_its_time_zone() -> None:
    logged = [datetime(2026, 7, 1, 8, minute, tzinfo=SUMMER) for minute in (1, 2)]
    entries = [
        entry_from_doc(
            orjson.loads(orjson.dumps(entry_to_doc(SymptomEntry(str(n), DAY, at, 2, 3))))
        )
        for n, at in enumerate(logged)
    ]
    assert [entry.logged_at for entry in entries] == logged
    assert entries[0].logged_at.tzinfo is entries[1].logged_at.tzinfo


def test_only_a_long_lived_repository_shares_repeated_values_as_it_loads(
    locations: Locations, clock: ManualClock
) -> None:
    held = [29.5 + rep for rep in range(3)]
    with Repository.open(locations, clock) as repo:
        for rep, seconds in enumerate(held, start=1):
            repo.add_hold(Hold("bridge", None, rep, 30.0, seconds, clock.now(), clock.today()), [])

    def exercise_ids(long_lived: bool) -> list[str]:
        with Repository.open(locations, clock, long_lived=long_lived) as repo:
            rows = repo._days.raw()[clock.today().isoformat()]["holds"]
            return [row[0] for row in rows]

    shared, apart = exercise_ids(long_lived=True), exercise_ids(long_lived=False)
    assert shared == apart == ["bridge"] * 3
    assert len({id(value) for value in shared}) == 1
    assert len({id(value) for value in apart}) == 3
