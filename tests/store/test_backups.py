"""backups/: a copy a day, seven kept; restore puts one back and keeps what it replaces."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.locations import Locations
from psoas_tui.store.backups import KEEP_DAILY, list_backups, restore
from psoas_tui.store.errors import RestoreRefused

from .conftest import OpenRepo, make_entry


def _names(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


def _open_on_next_days(open_repo: OpenRepo, clock: ManualClock, days: int) -> list[str]:
    """Open once a day for ``days`` days, logging an entry each time; return the entries' ids."""
    ids = []
    for _ in range(days):
        repo = open_repo()
        entry = make_entry(clock)
        repo.save_entry(entry)
        ids.append(entry.id)
        repo.close()
        clock.advance(86400)
    return ids


def test_one_backup_a_day_taken_at_the_first_open(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    repo = open_repo()
    repo.save_entry(make_entry(clock))
    repo.close()
    assert list_backups(locations) == []  # the database did not exist at that open

    open_repo().close()
    [backup] = list_backups(locations)
    assert backup.name == "psoas-2026-11-21.json"
    assert backup.read_bytes() == locations.database.read_bytes()

    repo = open_repo()
    repo.save_entry(make_entry(clock))
    repo.close()
    open_repo().close()
    assert list_backups(locations) == [backup]
    assert backup.read_bytes() != locations.database.read_bytes()  # still the morning's copy

    clock.advance(86400)
    open_repo().close()
    assert _names(list_backups(locations)) == ["psoas-2026-11-22.json", "psoas-2026-11-21.json"]


def test_an_empty_database_is_not_backed_up(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    open_repo().close()
    clock.advance(86400)
    open_repo().close()
    assert list_backups(locations) == []


def test_only_the_newest_seven_daily_copies_are_kept(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    open_repo().close()
    locations.backups.mkdir()
    kept_aside = locations.backups / "psoas-2026-11-01-before-migration-v0-to-v1.json"
    kept_aside.write_text("{}")
    _open_on_next_days(open_repo, clock, 11)

    daily = sorted(name for name in _names(list_backups(locations)) if name != kept_aside.name)
    assert KEEP_DAILY == 7
    assert daily == [
        "psoas-2026-11-25.json",
        "psoas-2026-11-26.json",
        "psoas-2026-11-27.json",
        "psoas-2026-11-28.json",
        "psoas-2026-11-29.json",
        "psoas-2026-11-30.json",
        "psoas-2026-12-01.json",
    ]
    assert kept_aside.exists()


def test_list_backups_newest_first(locations: Locations) -> None:
    locations.backups.mkdir(parents=True)
    for age, name in enumerate(["c.json", "psoas-2026-11-20.json", "psoas-2026-11-19.json"]):
        path = locations.backups / name
        path.write_text("{}")
        os.utime(path, ns=(0, 10**18 - age * 10**9))
    (locations.backups / ".psoas-2026-11-21.json.x.tmp").write_text("{")
    assert _names(list_backups(locations)) == ["psoas-2026-11-20.json", "psoas-2026-11-19.json"]


def test_restore_puts_back_the_newest_and_keeps_the_replaced_file(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    ids = _open_on_next_days(open_repo, clock, 3)
    current = locations.database.read_bytes()
    newest = list_backups(locations)[0]
    assert newest.name == "psoas-2026-11-23.json"  # the first day had no database to copy

    used, kept = restore(locations)

    assert used == newest
    assert kept is not None
    assert kept.name.startswith("psoas.json.replaced-")
    assert kept.read_bytes() == current
    assert locations.database.read_bytes() == newest.read_bytes()
    assert oct(kept.stat().st_mode & 0o777) == oct(0o600)
    assert {entry.id for entry in open_repo().entries()} == set(ids[:2])


def test_restore_a_named_backup(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    ids = _open_on_next_days(open_repo, clock, 4)
    used, _ = restore(locations, "psoas-2026-11-22.json")
    assert used == locations.backups / "psoas-2026-11-22.json"
    assert {entry.id for entry in open_repo().entries()} == {ids[0]}


def test_restore_twice_keeps_both_replaced_files(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    _open_on_next_days(open_repo, clock, 2)
    _, first = restore(locations)
    _, second = restore(locations)
    assert first is not None and second is not None
    assert first != second
    assert first.exists() and second.exists()


def test_restore_over_a_corrupt_database_keeps_it(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    _open_on_next_days(open_repo, clock, 2)
    locations.database.write_bytes(b'{"days": {"2026-11-2')

    used, kept = restore(locations)

    assert kept is not None
    assert kept.read_bytes() == b'{"days": {"2026-11-2'
    assert locations.database.read_bytes() == used.read_bytes()
    assert len(open_repo().entries()) == 1


def test_restore_after_the_database_was_moved_aside(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    _open_on_next_days(open_repo, clock, 2)
    locations.database.unlink()
    used, kept = restore(locations)
    assert kept is None
    assert locations.database.read_bytes() == used.read_bytes()


def test_restore_refuses_when_there_is_no_backup(locations: Locations) -> None:
    with pytest.raises(
        RestoreRefused, match=r"there is no backup in .*backups; nothing was changed"
    ):
        restore(locations)


def test_restore_refuses_an_unknown_name_and_lists_the_backups(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    _open_on_next_days(open_repo, clock, 2)
    before = locations.database.read_bytes()
    with pytest.raises(
        RestoreRefused,
        match=r"named 'psoas-1999-01-01.json' .*\(the backups are: psoas-2026-11-22.json\)",
    ):
        restore(locations, "psoas-1999-01-01.json")
    assert locations.database.read_bytes() == before


def test_restore_refuses_a_backup_that_does_not_parse(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    _open_on_next_days(open_repo, clock, 2)
    before = locations.database.read_bytes()
    list_backups(locations)[0].write_bytes(b"")
    with pytest.raises(RestoreRefused, match=r"psoas-2026-11-22\.json cannot be read either"):
        restore(locations)
    assert locations.database.read_bytes() == before
