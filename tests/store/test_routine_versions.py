"""The ``routines`` table: every version of the routine, keyed by its first day; and the
migration from version 2 that adds it."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from psoas_tui.core.routine_versions import StoredVersion
from psoas_tui.locations import Locations
from psoas_tui.store.errors import CorruptDatabase

from .conftest import OpenRepo

FIRST = StoredVersion(date(2026, 11, 2), '[[exercise]]\nid = "bridge"\n', "a" * 64)
SECOND = StoredVersion(date(2026, 11, 21), '[[exercise]]\nid = "stretch"\n', "b" * 64)

#: A version-2 file: a day, an entry, and no ``routines`` table.
VERSION_2 = {
    "meta": {"schema": {"version": 2}},
    "days": {
        "2026-11-20": {
            "day": "2026-11-20",
            "planned": ["bridge"],
            "holds": [["bridge", None, 1, 30.0, 30.0, "2026-11-20T07:00:00+01:00"]],
            "marks": [],
        }
    },
    "entries": {
        "4b1d": {
            "id": "4b1d",
            "day": "2026-11-20",
            "logged_at": "2026-11-20T08:00:00+01:00",
            "pain": 4,
            "stiffness": 5,
            "asked": None,
        }
    },
    "responses": {},
    "profile": {"cancer": {"key": "cancer", "answer": "no", "day": "2026-11-20"}},
}


def test_versions_read_back_oldest_first_in_a_new_repository(open_repo: OpenRepo) -> None:
    repo = open_repo()
    assert repo.routine_versions() == []
    repo.save_routine_version(SECOND)
    repo.save_routine_version(FIRST)

    assert open_repo().routine_versions() == [FIRST, SECOND]


def test_a_version_is_stored_under_its_first_day(open_repo: OpenRepo, locations: Locations) -> None:
    open_repo().save_routine_version(FIRST)

    stored = orjson.loads(locations.database.read_bytes())["routines"]
    assert stored == {
        "2026-11-02": {
            "day": "2026-11-02",
            "toml": '[[exercise]]\nid = "bridge"\n',
            "fingerprint": "a" * 64,
        }
    }


def test_a_version_saved_on_a_day_that_has_one_replaces_it(open_repo: OpenRepo) -> None:
    repo = open_repo()
    repo.save_routine_version(FIRST)
    replacing = StoredVersion(FIRST.day, SECOND.toml, SECOND.fingerprint)
    repo.save_routine_version(replacing)

    assert open_repo().routine_versions() == [replacing]


def test_routine_versions_are_not_part_of_the_history(open_repo: OpenRepo) -> None:
    repo = open_repo()
    repo.save_routine_version(FIRST)
    history = repo.history()
    assert not (history.days or history.entries or history.responses or history.profile.items)


def test_a_version_that_does_not_read_is_named(open_repo: OpenRepo, locations: Locations) -> None:
    tables = {**VERSION_2, "meta": {"schema": {"version": 3}}}
    tables["routines"] = {"2026-11-02": {"day": "2026-11-02", "toml": 5, "fingerprint": "a"}}
    locations.data_dir.mkdir(parents=True)
    locations.database.write_bytes(orjson.dumps(tables))

    with pytest.raises(CorruptDatabase, match="routine version '2026-11-02': toml is"):
        open_repo().routine_versions()


def test_a_version_2_file_is_backed_up_and_gains_an_empty_routines_table(
    open_repo: OpenRepo, locations: Locations
) -> None:
    content = orjson.dumps(VERSION_2)
    locations.data_dir.mkdir(parents=True)
    locations.database.write_bytes(content)

    repo = open_repo()

    backup = locations.backups / "psoas-2026-11-21-before-migration-v2-to-v4.json"
    assert backup.read_bytes() == content
    migrated = orjson.loads(locations.database.read_bytes())
    assert migrated["meta"] == {"schema": {"version": 4}}
    assert migrated["routines"] == {}
    for name in ("days", "entries", "responses", "profile"):
        assert migrated[name] == VERSION_2[name]
    assert repo.routine_versions() == []
    [day] = repo.days()
    assert day.planned == ("bridge",)
    assert [entry.id for entry in repo.entries()] == ["4b1d"]
