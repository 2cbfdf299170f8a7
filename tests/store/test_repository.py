"""The repository's API: days and their frozen plans, holds, marks, entries, responses."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, timedelta

import orjson
import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DayRecord, DoneMark, History, ReferralResponse
from psoas_tui.core.profile import Profile, ProfileAnswer, ProfileItem, ProfileKey
from psoas_tui.locations import Locations
from psoas_tui.store.errors import CorruptDatabase, SaveFailed

from .conftest import OpenRepo, freeze_plan, make_entry, make_hold

PLAN = ("kneeling-hip-flexor", "bridge")


def test_an_empty_database(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    assert repo.day(clock.today()) == DayRecord(clock.today())
    assert repo.days() == []
    assert repo.entries() == []
    assert repo.responses() == []
    assert repo.history() == History()


def test_a_merged_plan_freezes_the_day_once(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    repo = open_repo()
    today = clock.today()
    repo.merge(History(days=(DayRecord(today, PLAN),)))
    assert repo.day(today) == DayRecord(today, PLAN)
    written = locations.database.stat().st_mtime_ns, locations.database.stat().st_ino

    repo.merge(History(days=(DayRecord(today, ("bridge",)),)))
    assert repo.day(today) == DayRecord(today, PLAN)
    assert (locations.database.stat().st_mtime_ns, locations.database.stat().st_ino) == written
    assert open_repo().day(today).planned == PLAN


def test_add_hold_freezes_the_plan_if_absent_and_keeps_it_after(
    open_repo: OpenRepo, clock: ManualClock
) -> None:
    repo = open_repo()
    first = make_hold(clock, "kneeling-hip-flexor", side="left")
    repo.add_hold(first, PLAN)
    clock.advance(45)
    second = make_hold(clock, "kneeling-hip-flexor", side="right", held_seconds=12.5)
    repo.add_hold(second, ("something-else",))

    record = open_repo().day(clock.today())
    assert record.planned == PLAN
    assert record.holds == (first, second)
    assert not record.holds[1].complete


def test_a_hold_saved_again_is_stored_once(open_repo: OpenRepo, clock: ManualClock) -> None:
    # A save tried again after one that landed (its directory sync failed), or a hold kept at
    # quit that another start saved meanwhile: the same exercise, side, rep and start.
    repo = open_repo()
    hold = make_hold(clock, "kneeling-hip-flexor", side="left")
    repo.add_hold(hold, PLAN)
    repo.add_hold(replace(hold, held_seconds=29.0), PLAN)

    assert open_repo().day(clock.today()).holds == (hold,)


def test_holds_land_on_their_own_day(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    yesterday = clock.today() - timedelta(days=1)
    hold = replace(make_hold(clock), day=yesterday)
    repo.add_hold(hold, PLAN)
    assert repo.day(yesterday).holds == (hold,)
    assert repo.day(clock.today()) == DayRecord(clock.today())


def test_mark_and_unmark(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    today = clock.today()
    mark = DoneMark("bridge", today, clock.now())
    repo.mark_done(mark, PLAN)
    clock.advance(60)
    repo.mark_done(DoneMark("bridge", today, clock.now()), PLAN)  # already marked: first kept
    assert repo.day(today) == DayRecord(today, PLAN, (), (mark,))

    assert repo.unmark_done("bridge", today)
    assert not repo.unmark_done("bridge", today)
    assert not repo.unmark_done("kneeling-hip-flexor", today)
    assert open_repo().day(today) == DayRecord(today, PLAN)


def test_days_are_sorted_and_filtered_inclusively(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    start = date(2026, 11, 1)
    for offset in (5, 0, 9, 2, 7):  # written out of order
        freeze_plan(repo, start + timedelta(days=offset), PLAN)

    def days(low: date | None = None, high: date | None = None) -> list[int]:
        return [(record.day - start).days for record in repo.days(low, high)]

    assert days() == [0, 2, 5, 7, 9]
    assert days(start + timedelta(days=2), start + timedelta(days=7)) == [2, 5, 7]
    assert days(start + timedelta(days=3)) == [5, 7, 9]
    assert days(None, start + timedelta(days=4)) == [0, 2]
    assert days(start + timedelta(days=10)) == []


def test_entries_sorted_by_day_then_time_and_filtered(
    open_repo: OpenRepo, clock: ManualClock
) -> None:
    repo = open_repo()
    today = clock.today()
    late = make_entry(clock)
    clock.advance(-3600)
    early = make_entry(clock)
    back_dated = make_entry(clock, day=today - timedelta(days=3))
    for entry in (late, back_dated, early):
        repo.save_entry(entry)

    assert repo.entries() == [back_dated, early, late]
    assert repo.entries(today) == [early, late]
    assert repo.entries(None, today - timedelta(days=1)) == [back_dated]
    assert repo.entries(today - timedelta(days=3), today - timedelta(days=3)) == [back_dated]


def test_save_entry_replaces_the_entry_with_the_same_id(
    open_repo: OpenRepo, clock: ManualClock
) -> None:
    repo = open_repo()
    entry = make_entry(clock, note="first")
    repo.save_entry(entry)
    edited = replace(entry, pain=6, note="edited")
    repo.save_entry(edited)
    assert open_repo().entries() == [edited]


def test_delete_entry(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    kept, gone = make_entry(clock), make_entry(clock)
    repo.save_entry(kept)
    repo.save_entry(gone)
    assert repo.delete_entry(gone.id)
    assert not repo.delete_entry(gone.id)
    assert open_repo().entries() == [kept]


def test_responses_oldest_first_and_stored_once(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    today = clock.today()
    snoozed = ReferralResponse("persistent-pain", "2026-11-02", "snoozed", today, clock.now())
    clock.advance(86400)
    acknowledged = replace(snoozed, kind="acknowledged", day=clock.today(), at=clock.now())
    repo.add_response(acknowledged)
    repo.add_response(snoozed)
    repo.add_response(snoozed)
    assert open_repo().responses() == [snoozed, acknowledged]


def test_history_holds_everything(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    hold = make_hold(clock)
    repo.add_hold(hold, PLAN)
    entry = make_entry(clock)
    repo.save_entry(entry)
    response = ReferralResponse(
        "severe-pain", "2026-11-20", "acknowledged", hold.day, hold.started_at
    )
    repo.add_response(response)

    assert open_repo().history() == History(
        days=(DayRecord(hold.day, PLAN, (hold,)),), entries=(entry,), responses=(response,)
    )


def test_records_are_converted_once_and_again_only_when_rewritten(
    open_repo: OpenRepo, clock: ManualClock
) -> None:
    repo = open_repo()
    today, yesterday = clock.today(), clock.today() - timedelta(days=1)
    freeze_plan(repo, yesterday, PLAN)
    freeze_plan(repo, today, PLAN)
    old_yesterday, old_today = repo.days()

    repo.add_hold(make_hold(clock), PLAN)
    new_yesterday, new_today = repo.days()
    assert new_yesterday is old_yesterday
    assert new_today is not old_today
    assert len(new_today.holds) == 1


def test_returned_lists_are_the_callers_own(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    freeze_plan(repo, clock.today(), PLAN)
    repo.save_entry(make_entry(clock))
    repo.days().clear()
    repo.entries().clear()
    assert len(repo.days()) == len(repo.entries()) == 1


def test_a_document_that_does_not_convert_is_reported_at_open_not_moved(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    open_repo().save_entry(make_entry(clock))
    tables = orjson.loads(locations.database.read_bytes())
    tables["days"]["2026-11-20"] = {"day": "2026-11-20", "planned": None, "holds": 3, "marks": []}
    locations.database.write_bytes(orjson.dumps(tables))
    before = locations.database.read_bytes()

    with pytest.raises(CorruptDatabase) as caught:
        open_repo()
    message = str(caught.value)
    assert "day '2026-11-20': holds is a number, not a list" in message
    assert "It was left where it is, unchanged." in message
    # The damaged file did not become today's backup, so there is none to offer.
    assert message.endswith(
        "There is no backup that reads yet; `psoas restore --fresh` starts an empty database on "
        "purpose."
    )
    assert caught.value.moved_to is None
    assert locations.database.read_bytes() == before


def test_first_day_is_the_earliest_day_record(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    assert repo.first_day() is None
    for back in (3, 40, 1):
        day = clock.today() - timedelta(days=back)
        repo.mark_done(DoneMark("bridge", day, clock.now()), ["bridge"])
    assert repo.first_day() == clock.today() - timedelta(days=40)


# About you


def test_profile_answers_are_stored_one_per_question(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    repo = open_repo()
    assert repo.profile() == Profile()
    today = clock.today()
    repo.save_profile_item(ProfileItem(ProfileKey.steroids, ProfileAnswer.no, today))
    repo.save_profile_item(ProfileItem(ProfileKey.cancer, ProfileAnswer.unsaid, today))
    changed = ProfileItem(ProfileKey.cancer, ProfileAnswer.yes, today + timedelta(days=1))
    repo.save_profile_item(changed)

    stored = open_repo().profile()
    # In the order the questions are asked, the later answer to cancer replacing the first.
    assert stored.items == (changed, ProfileItem(ProfileKey.steroids, ProfileAnswer.no, today))
    assert orjson.loads(locations.database.read_bytes())["profile"] == {
        "cancer": {"key": "cancer", "answer": "yes", "day": "2026-11-22"},
        "steroids": {"key": "steroids", "answer": "no", "day": "2026-11-21"},
    }
    assert open_repo().history().profile == stored


def test_a_profile_answer_that_fails_to_save_changes_nothing(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = open_repo()
    repo.save_profile_item(ProfileItem(ProfileKey.cancer, ProfileAnswer.no, clock.today()))
    before = locations.database.read_bytes()

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(SaveFailed, match="the disk is full"):
        repo.save_profile_item(ProfileItem(ProfileKey.cancer, ProfileAnswer.yes, clock.today()))
    monkeypatch.undo()
    assert locations.database.read_bytes() == before
    assert repo.profile().answer(ProfileKey.cancer) is ProfileAnswer.no


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"key": "cancer", "answer": "perhaps", "day": "2026-11-21"}, "answer 'perhaps' is not"),
        ({"key": "steroids", "answer": "yes", "day": "2026-11-21"}, "it answers 'steroids'"),
        ({"key": "cancer", "answer": "yes"}, "field 'day' is missing"),
    ],
)
def test_a_profile_document_that_does_not_read_is_reported(
    open_repo: OpenRepo, locations: Locations, doc: dict[str, str], message: str
) -> None:
    open_repo()
    tables = orjson.loads(locations.database.read_bytes())
    tables["profile"]["cancer"] = doc
    locations.database.write_bytes(orjson.dumps(tables))

    with pytest.raises(CorruptDatabase, match=f"profile item 'cancer': {message}"):
        open_repo().profile()
