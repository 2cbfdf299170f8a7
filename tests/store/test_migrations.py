"""Schema versions: an older file is migrated after a backup; a newer one is refused untouched."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import orjson
import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import SymptomEntry
from psoas_tui.locations import Locations
from psoas_tui.store.errors import NewerSchema, SaveFailed
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

    backup = locations.backups / "psoas-2026-11-21-before-migration-v0-to-v1.json"
    assert backup.read_bytes() == content
    assert oct(backup.stat().st_mode & 0o777) == oct(0o600)
    migrated = orjson.loads(locations.database.read_bytes())
    assert migrated["meta"] == {"schema": {"version": 1}}
    assert "_default" not in migrated
    assert set(migrated) == {"meta", "days", "entries", "responses"}
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
    assert _pre_migration_backup(locations) == ["psoas-2026-11-21-before-migration-v0-to-v1.json"]


def test_a_newer_file_is_refused_and_left_untouched(
    open_repo: OpenRepo, locations: Locations
) -> None:
    content = orjson.dumps({"meta": {"schema": {"version": CURRENT_VERSION + 1}}, "days": {}})
    _write(locations, content)
    before = locations.database.stat()

    with pytest.raises(NewerSchema) as caught:
        open_repo()

    assert str(caught.value) == (
        f"The database {locations.database} was written by a newer psoas (schema version 2; "
        "this psoas reads up to version 1). Update psoas to open it; the file was left untouched."
    )
    after = locations.database.stat()
    assert locations.database.read_bytes() == content
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not locations.backups.exists()
    assert sorted(path.name for path in locations.data_dir.iterdir()) == [
        "psoas.json",
        "psoas.json.lock",
    ]
