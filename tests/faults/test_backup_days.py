"""Which daily backups are kept and which one ``restore`` puts back, whatever the clock did: a
week with the clock in the future must not push the real backups out, nor be what ``restore``
prefers; and an app left open across days takes each day's backup at its first save."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from psoas_tui.clock import ManualClock
from psoas_tui.locations import Locations
from psoas_tui.store.backups import list_backups, newest_backup, restore
from psoas_tui.store.repository import Repository
from psoas_tui.ui.screens.today import TodayScreen
from tests.conftest import ZONE
from tests.store.conftest import make_entry
from tests.ui.conftest import AppFactory

SIZE = (100, 30)


def _open_on(locations: Locations, day: date) -> None:
    """Open the database on ``day`` (which takes its backup) and log an entry."""
    clock = ManualClock(datetime(day.year, day.month, day.day, 9, 0, tzinfo=ZONE))
    with Repository.open(locations, clock) as repo:
        repo.save_entry(make_entry(clock))


def test_a_week_with_the_clock_in_the_future_keeps_the_real_backups(
    locations: Locations,
) -> None:
    _open_on(locations, date(2026, 11, 20))
    for offset in range(7):
        _open_on(locations, date(2100, 1, 1) + timedelta(days=offset))
    real = [date(2026, 12, 1) + timedelta(days=offset) for offset in range(3)]
    for day in real:
        _open_on(locations, day)
        _open_on(locations, day)  # the backup of the day's entry, at the next open

    names = {path.name for path in list_backups(locations)}
    assert {f"psoas-{day.isoformat()}.json" for day in real} <= names
    today = real[-1]
    newest = newest_backup(locations, today)
    assert newest is not None and newest.name == "psoas-2026-12-03.json"
    used, _ = restore(locations, today=today)
    assert used.name == "psoas-2026-12-03.json"


def test_seven_days_are_kept_counting_only_days_up_to_today(locations: Locations) -> None:
    start = date(2026, 11, 1)
    _open_on(locations, date(2026, 10, 31))
    _open_on(locations, date(2100, 1, 1))
    for offset in range(10):
        _open_on(locations, start + timedelta(days=offset))
    daily = sorted(
        path.name for path in list_backups(locations) if not path.name.startswith("psoas-2100")
    )
    assert daily == [
        f"psoas-{(start + timedelta(days=offset)).isoformat()}.json" for offset in range(3, 10)
    ]


async def test_an_app_open_across_days_takes_each_days_backup_at_its_first_save(
    make_test_app: AppFactory, locations: Locations, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        before = locations.database.read_bytes()
        clock.advance(86400)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        screen._check_day()
        await pilot.pause()

        await pilot.press("d")
        await pilot.pause()

        backup = locations.backups / f"psoas-{clock.today().isoformat()}.json"
        assert backup.exists()
        assert backup.read_bytes() == before
        assert locations.database.read_bytes() != before
