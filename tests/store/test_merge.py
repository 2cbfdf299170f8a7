"""Repository.merge: everything not stored yet, in one atomic write; twice adds nothing."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import timedelta

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DayRecord, DoneMark, History, ReferralResponse
from psoas_tui.core.profile import Profile, ProfileAnswer, ProfileItem, ProfileKey
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


def test_a_merged_profile_answer_replaces_only_an_older_one(
    open_repo: OpenRepo, clock: ManualClock, locations: Locations
) -> None:
    today = clock.today()
    earlier = today - timedelta(days=30)
    repo = open_repo()
    mine_later = ProfileItem(ProfileKey.cancer, ProfileAnswer.yes, today)
    mine_older = ProfileItem(ProfileKey.steroids, ProfileAnswer.unsaid, earlier)
    mine_same_day = ProfileItem(ProfileKey.osteoporosis, ProfileAnswer.no, today)
    for item in (mine_later, mine_older, mine_same_day):
        repo.save_profile_item(item)
    incoming = Profile(
        (
            ProfileItem(ProfileKey.cancer, ProfileAnswer.no, earlier),
            ProfileItem(ProfileKey.steroids, ProfileAnswer.yes, today - timedelta(days=1)),
            ProfileItem(ProfileKey.osteoporosis, ProfileAnswer.yes, today),
            ProfileItem(ProfileKey.age_50_plus, ProfileAnswer.no, earlier),
        )
    )

    counts = repo.merge(History(profile=incoming))

    assert counts.profile == 2 and counts.total == 2
    stored = open_repo().profile()
    assert stored.item(ProfileKey.cancer) == mine_later
    assert stored.item(ProfileKey.steroids) == incoming.items[1]
    assert stored.item(ProfileKey.osteoporosis) == mine_same_day
    assert stored.item(ProfileKey.age_50_plus) == incoming.items[3]
    before = locations.database.read_bytes()
    again = repo.merge(History(profile=incoming))
    assert again.profile == 0 and again.total == 0
    assert locations.database.read_bytes() == before
