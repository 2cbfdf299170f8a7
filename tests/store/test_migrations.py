"""Schema versions: an older file is migrated after a backup; a newer one is refused untouched."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import Answer, SymptomEntry
from psoas_tui.core.signs import V1_KEYS, SignAnswer, SignKey, sign_answer
from psoas_tui.locations import Locations
from psoas_tui.store.errors import CorruptDatabase, NewerSchema, SaveFailed
from psoas_tui.store.repository import Repository
from psoas_tui.store.schema import CURRENT_VERSION

from .conftest import OpenRepo

#: A file as plain TinyDB writes it: no schema version, documents under its counter ids.
VERSION_0 = {
    "_default": {},
    "entries": {
        "1": {
            "id": "4b1d",
            "day": "2026-11-20",
            "logged_at": "2026-11-20T08:00:00+01:00",
            "pain": 4,
            "stiffness": 5,
        },
        "2": {
            "id": "9e2a",
            "day": "2026-11-21",
            "logged_at": "2026-11-21T08:00:00+01:00",
            "pain": 2,
            "stiffness": 3,
            "note": "better",
        },
    },
    "days": {
        "1": {
            "day": "2026-11-20",
            "planned": ["bridge"],
            "holds": [["bridge", None, 1, 5.0, 5.0, "2026-11-20T07:00:00+01:00"]],
            "marks": [],
        }
    },
}


def _write(locations: Locations, content: bytes) -> None:
    locations.data_dir.mkdir(parents=True)
    locations.database.write_bytes(content)


def _pre_migration_backup(locations: Locations) -> list[str]:
    return sorted(path.name for path in locations.backups.glob("*before-migration*"))


@pytest.mark.parametrize("content", [b"{}", orjson.dumps(VERSION_0)])
def test_a_version_0_file_is_backed_up_then_migrated(
    content: bytes, open_repo: OpenRepo, locations: Locations
) -> None:
    _write(locations, content)

    repo = open_repo()

    backup = locations.backups / "psoas-2026-11-21-before-migration-v0-to-v4.json"
    assert backup.read_bytes() == content
    assert oct(backup.stat().st_mode & 0o777) == oct(0o600)
    migrated = orjson.loads(locations.database.read_bytes())
    assert migrated["meta"] == {"schema": {"version": 4}}
    assert "_default" not in migrated
    assert set(migrated) == {
        "meta",
        "days",
        "entries",
        "responses",
        "profile",
        "routines",
        "pauses",
    }
    assert repo.responses() == []


def test_migration_keeps_the_data_under_its_own_keys(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    _write(locations, orjson.dumps(VERSION_0))

    repo = open_repo()

    migrated = orjson.loads(locations.database.read_bytes())
    assert sorted(migrated["entries"]) == ["4b1d", "9e2a"]
    assert list(migrated["days"]) == ["2026-11-20"]
    assert [entry.id for entry in repo.entries()] == ["4b1d", "9e2a"]
    assert repo.entries()[1].note == "better"
    [day] = repo.days()
    assert day.planned == ("bridge",)
    assert day.holds[0].held_seconds == 5.0
    # and the migrated file works as any other: an entry replaced by id stays one entry
    first = repo.entries()[0]
    repo.save_entry(SymptomEntry(first.id, first.day, first.logged_at, 1, 1))
    assert len(open_repo().entries()) == 2


def test_the_backup_is_written_before_the_migrated_file(
    open_repo: OpenRepo, locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = orjson.dumps(VERSION_0)
    _write(locations, content)
    real_replace = os.replace

    def fail_on_database(source: str, target: str) -> None:
        if Path(target) == locations.database:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", fail_on_database)
    with pytest.raises(SaveFailed, match="the disk is full; nothing was changed"):
        open_repo()

    assert locations.database.read_bytes() == content
    assert _pre_migration_backup(locations) == ["psoas-2026-11-21-before-migration-v0-to-v4.json"]


def test_a_newer_file_is_refused_and_left_untouched(
    open_repo: OpenRepo, locations: Locations
) -> None:
    content = orjson.dumps({"meta": {"schema": {"version": CURRENT_VERSION + 1}}, "days": {}})
    _write(locations, content)
    before = locations.database.stat()

    with pytest.raises(NewerSchema) as caught:
        open_repo()

    assert str(caught.value) == (
        f"The database {locations.database} was written by a newer psoas (schema version 5; "
        "this psoas reads up to version 4). Update psoas to open it; the file was left untouched."
    )
    after = locations.database.stat()
    assert locations.database.read_bytes() == content
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not locations.backups.exists()
    assert sorted(path.name for path in locations.data_dir.iterdir()) == [
        "psoas.json",
        "psoas.json.lock",
    ]


# Version 1 to 2: the referral rules' second version.

#: Every sign key version 1 stored (``git show a9229dd:psoas_tui/core/signs.py``), and what
#: each means now.
V1_SIGNS = {
    "radiating": "radiating",
    "worse_after_stretch": "worse_after_stretch",
    "restricted": "restricted",
    "saddle_numbness": "saddle",
    "bladder_bowel": "bladder_bowel",
    "leg_weakness": "both_legs",
    "fever": "fever",
    "trauma": "trauma",
}
SOON_ID, URGENT_ID, PLAIN_ID = "e1" * 16, "e2" * 16, "e3" * 16


def _v1_entry(entry_id: str, day: str, signs: list[str]) -> dict[str, object]:
    return {
        "id": entry_id,
        "day": day,
        "logged_at": f"{day}T08:00:00+01:00",
        "pain": 5,
        "stiffness": 4,
        "stiffness_minutes": None,
        "where": ["lower_back"],
        "signs": signs,
        "note": "",
    }


def _v1_response(rule: str, key: str, kind: str, minute: int) -> tuple[str, dict[str, str]]:
    at = f"2026-11-15T09:{minute:02d}:00+01:00"
    doc = {"rule": rule, "key": key, "kind": kind, "day": "2026-11-15", "at": at}
    return f"{at} {rule} {key} {kind}", doc


#: A version-1 file with every old sign key and every old rule answered both ways.
V1_RESPONSES = dict(
    _v1_response(rule, key, kind, minute)
    for minute, (rule, key, kind) in enumerate(
        [
            ("persistent_pain", "2026-11-02", "acknowledged"),
            ("persistent_pain", "2026-11-02", "snoozed"),
            ("severe_pain", "2026-11-05", "acknowledged"),
            ("severe_pain", "2026-11-05", "snoozed"),
            ("warning_sign", SOON_ID, "acknowledged"),
            ("warning_sign", SOON_ID, "snoozed"),
            ("urgent_sign", URGENT_ID, "acknowledged"),
            ("urgent_sign", URGENT_ID, "snoozed"),
            ("warning_sign", "f0" * 16, "acknowledged"),
        ]
    )
)
VERSION_1: dict[str, Any] = {
    "meta": {"schema": {"version": 1}},
    "days": {},
    "entries": {
        SOON_ID: _v1_entry(
            SOON_ID, "2026-11-10", ["radiating", "worse_after_stretch", "restricted"]
        ),
        URGENT_ID: _v1_entry(
            URGENT_ID,
            "2026-11-12",
            ["saddle_numbness", "bladder_bowel", "leg_weakness", "fever", "trauma"],
        ),
        PLAIN_ID: _v1_entry(PLAIN_ID, "2026-11-14", []),
    },
    "responses": V1_RESPONSES,
}


def test_the_old_sign_keys_are_every_key_version_1_stored() -> None:
    assert dict(V1_KEYS) == V1_SIGNS


def test_a_version_1_file_is_backed_up_and_every_answer_survives_mapped(
    open_repo: OpenRepo, locations: Locations
) -> None:
    content = orjson.dumps(VERSION_1)
    _write(locations, content)

    repo = open_repo()

    assert _pre_migration_backup(locations) == ["psoas-2026-11-21-before-migration-v1-to-v4.json"]
    assert (locations.backups / _pre_migration_backup(locations)[0]).read_bytes() == content
    migrated = orjson.loads(locations.database.read_bytes())
    assert migrated["meta"] == {"schema": {"version": 4}}
    assert migrated["profile"] == {}
    signs = {entry.id: entry.signs for entry in repo.entries()}
    assert signs == {
        SOON_ID: ("radiating", "worse_after_stretch", "restricted"),
        URGENT_ID: ("saddle", "bladder_bowel", "both_legs", "fever", "trauma"),
        PLAIN_ID: (),
    }
    # Every old yes is a yes to its new key; version 1 never recorded what it asked.
    for entry in repo.entries():
        old = VERSION_1["entries"][entry.id]["signs"]
        assert {sign_answer(entry, SignKey(V1_SIGNS[key])) for key in old} <= {SignAnswer.yes}
        assert entry.asked is None
    urgent = next(entry for entry in repo.entries() if entry.id == URGENT_ID)
    assert sign_answer(urgent, SignKey.radiating) is SignAnswer.unknown
    answers = {(r.rule, r.key, r.kind) for r in repo.responses()}
    assert answers == {
        ("persistent_pain", "2026-11-02", Answer.acknowledged),
        ("persistent_pain", "2026-11-02", Answer.snoozed),
        ("severe_pain", "2026-11-05", Answer.acknowledged),
        ("severe_pain", "2026-11-05", Answer.snoozed),
        *(
            ("soon_sign", f"{sign}:2026-11-10/2026-11-10", kind)
            for sign in ("radiating", "restricted", "worse_after_stretch")
            for kind in (Answer.acknowledged, Answer.snoozed)
        ),
    }
    assert all(type(response.kind) is Answer for response in repo.responses())
    assert all(response.day == date(2026, 11, 15) for response in repo.responses())


def test_a_migrated_version_1_file_reads_the_same_twice_and_is_not_migrated_again(
    open_repo: OpenRepo, locations: Locations
) -> None:
    _write(locations, orjson.dumps(VERSION_1))
    first = open_repo().history()
    migrated = locations.database.read_bytes()

    second = open_repo().history()

    assert second == first
    assert locations.database.read_bytes() == migrated
    assert len(_pre_migration_backup(locations)) == 1


def test_a_version_1_document_that_does_not_read_is_carried_over_to_be_named(
    open_repo: OpenRepo, locations: Locations
) -> None:
    tables = orjson.loads(orjson.dumps(VERSION_1))
    tables["entries"][PLAIN_ID]["pain"] = "five"
    tables["responses"]["odd"] = {"rule": "persistent_pain", "kind": "snoozed"}
    _write(locations, orjson.dumps(tables))

    with pytest.raises(CorruptDatabase, match=f"entry '{PLAIN_ID}': pain is a string"):
        open_repo()

    migrated = orjson.loads(locations.database.read_bytes())
    assert migrated["meta"] == {"schema": {"version": 4}}
    assert migrated["responses"]["odd"] == {"rule": "persistent_pain", "kind": "snoozed"}
    assert migrated["entries"][SOON_ID]["asked"] is None
    assert migrated["entries"][PLAIN_ID]["pain"] == "five"


def test_a_version_3_file_is_backed_up_and_gains_an_empty_pauses_table(
    locations: Locations, clock: ManualClock
) -> None:
    tables = {
        "meta": {"schema": {"version": 3}},
        "days": {},
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
        "profile": {},
        "routines": {},
    }
    content = orjson.dumps(tables)
    locations.data_dir.mkdir(parents=True)
    locations.database.write_bytes(content)

    with Repository.open(locations, clock) as repo:
        assert repo.pauses() == []
        assert [entry.id for entry in repo.entries()] == ["4b1d"]

    backup = locations.backups / "psoas-2026-11-21-before-migration-v3-to-v4.json"
    assert backup.read_bytes() == content
    migrated = orjson.loads(locations.database.read_bytes())
    assert migrated["meta"] == {"schema": {"version": 4}}
    assert migrated["pauses"] == {}
