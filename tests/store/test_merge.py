"""Repository.merge: everything not stored yet, in one atomic write; twice adds nothing."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import timedelta

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DayRecord, DoneMark, History, ReferralResponse
from psoas_tui.locations import Locations
from psoas_tui.store.errors import SaveFailed
from tests.store.conftest import OpenRepo, make_entry, make_hold


def _history(clock: ManualClock) -> History:
    yesterday = clock.today() - timedelta(days=1)
    hold = make_hold(clock, "bridge")
    old_hold = replace(hold, day=yesterday, started_at=hold.started_at - timedelta(days=1))
    return History(
        days=(
            DayRecord(clock.today(), ("bridge",), (hold,), ()),
            DayRecord(
                yesterday, ("bridge",), (old_hold,), (DoneMark("bridge", yesterday, clock.now()),)
            ),
        ),
        entries=(make_entry(clock), make_entry(clock, day=yesterday, pain=0)),
        responses=(
            ReferralResponse("severe_pain", "abc", "acknowledged", clock.today(), clock.now()),
        ),
    )


def test_merge_into_an_empty_database_stores_everything(
    open_repo: OpenRepo, clock: ManualClock
) -> None:
    history = _history(clock)
    counts = open_repo().merge(history)
    assert (counts.days, counts.holds, counts.marks, counts.entries, counts.responses) == (
        2,
        2,
        1,
        2,
        1,
    )
    stored = open_repo().history()
    assert stored == History(
        days=tuple(sorted(history.days, key=lambda record: record.day)),
        entries=tuple(sorted(history.entries, key=lambda entry: entry.day)),
        responses=history.responses,
    )


def test_merging_the_same_history_twice_adds_nothing(
    open_repo: OpenRepo, clock: ManualClock, locations: Locations
) -> None:
    history = _history(clock)
    repo = open_repo()
    repo.merge(history)
    before = locations.database.stat().st_mtime_ns, locations.database.read_bytes()
    counts = repo.merge(history)
    assert counts.total == 0 and counts.days == 0
    assert (locations.database.stat().st_mtime_ns, locations.database.read_bytes()) == before


def test_merge_keeps_what_is_stored_and_adds_only_new_holds(
    open_repo: OpenRepo, clock: ManualClock
) -> None:
    repo = open_repo()
    mine = make_hold(clock, "bridge", rep=1)
    repo.add_hold(mine, ["bridge", "supine-psoas-stretch"])
    incoming = make_hold(clock, "bridge", rep=2)
    counts = repo.merge(History(days=(DayRecord(clock.today(), ("bridge",), (mine, incoming)),)))
    assert counts.holds == 1
    record = repo.day(clock.today())
    assert record.holds == (mine, incoming)
    assert record.planned == ("bridge", "supine-psoas-stretch")


def test_a_failed_merge_writes_nothing(
    open_repo: OpenRepo, clock: ManualClock, locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = open_repo()
    repo.save_entry(make_entry(clock))
    before = locations.database.read_bytes()

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(SaveFailed, match="the disk is full"):
        repo.merge(_history(clock))
    monkeypatch.undo()
    assert locations.database.read_bytes() == before
    assert len(open_repo().entries()) == 1
    assert len(repo.entries()) == 1
