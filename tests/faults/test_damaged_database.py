"""A damaged database file, met through the command line as a user meets it.

Corrupt, empty, truncated, from a newer psoas, shaped wrong as a whole or in one document: each
gives exit 1 and one line saying what is wrong and what to do; the damaged bytes are kept, never
overwritten; and ``psoas restore`` puts the newest good backup back, after which ``psoas status``
shows the backed-up data again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DoneMark, SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from tests.cli.conftest import Psoas
from tests.conftest import ZONE


def _with_schema(version: int) -> Callable[[bytes], bytes]:
    def damage(good: bytes) -> bytes:
        tables = orjson.loads(good)
        tables["meta"]["schema"]["version"] = version
        return orjson.dumps(tables)

    return damage


def _wrong_day_document(good: bytes) -> bytes:
    tables = orjson.loads(good)
    [day] = tables["days"]
    tables["days"][day]["holds"] = [["bridge", None, "one", 30, 30, "yesterday"]]
    return orjson.dumps(tables)


#: How each file is damaged, and what the one line must say about it.
DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "corrupt": (lambda good: b"\x00\x17" + good[7:], "it is not valid JSON"),
    "empty": (lambda good: b"", "the file is empty"),
    "truncated": (lambda good: good[: len(good) // 2], "it is not valid JSON"),
    "newer schema": (_with_schema(99), "written by a newer psoas (schema version 99"),
    "wrong structure": (lambda good: b'{"days": [1, 2, 3]}', "table 'days' is a list"),
    "wrong document": (_wrong_day_document, "holds[0] rep is a string, not a whole number"),
}


def _one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    assert stderr.startswith("psoas: ")
    return stderr


def _kept(data_dir: Path, content: bytes) -> list[Path]:
    """The files beside the database that hold ``content`` byte for byte."""
    return [
        path
        for path in data_dir.iterdir()
        if path.name.startswith("psoas.json.")
        and path.name != "psoas.json.lock"
        and path.read_bytes() == content
    ]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_file_is_refused_kept_and_restored_with_one_command(
    damage: str, psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    first = routine.exercises[0].id
    assert psoas("done", first).returncode == 0
    assert psoas("status").returncode == 0  # the day's first open with data: the backup
    database = tmp_path / "data" / "psoas.json"
    [backup] = (tmp_path / "data" / "backups").iterdir()
    make_damage, reason = DAMAGE[damage]
    damaged = make_damage(database.read_bytes())
    database.write_bytes(damaged)

    refused = psoas("status")

    assert refused.returncode == 1
    line = _one_line(refused.stderr)
    assert reason in line
    assert str(database) in line
    if damage != "newer schema":
        assert f"`psoas restore` puts back the newest backup ({backup.name}" in line
    assert refused.stdout == ""
    if damage in ("newer schema", "wrong document"):
        assert "left" in line and database.read_bytes() == damaged
    else:
        [moved] = _kept(database.parent, damaged)
        assert f"moved aside, unchanged, to {moved}" in line
        assert not database.exists()

    restored = psoas("restore", "--yes")

    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored {backup.name} to {database}.")
    assert len(_kept(database.parent, damaged)) == 1
    status = psoas("status", "--json")
    assert status.returncode == 0, status.stderr
    [item] = [e for e in json.loads(status.stdout)["today"]["exercises"] if e["id"] == first]
    assert item["marked_done"]


def _seed_yesterday(locations: Locations) -> str:
    """An entry and a mark made yesterday, and yesterday's backup of them; returns the entry id."""
    now = datetime.now(ZONE)
    clock = ManualClock(now - timedelta(days=1))
    entry = SymptomEntry("e" * 32, clock.today(), clock.now(), pain=2, stiffness=3)
    with Repository.open(locations, clock) as repo:
        repo.save_entry(entry)
        repo.mark_done(DoneMark("bridge", clock.today(), clock.now()), ["bridge"])
    Repository.open(locations, clock).close()
    return entry.id


def test_a_document_damaged_overnight_never_displaces_the_good_backup(
    psoas: Psoas, tmp_path: Path
) -> None:
    locations = Locations(tmp_path / "data", tmp_path / "config")
    entry_id = _seed_yesterday(locations)
    [good_backup] = locations.backups.iterdir()
    damaged = _wrong_day_document(locations.database.read_bytes())
    locations.database.write_bytes(damaged)

    # Today's first open: the damaged file must not become today's backup, and the message
    # must point at the backup that restore will really use.
    refused = psoas("status")
    assert refused.returncode == 1
    line = _one_line(refused.stderr)
    assert f"puts back the newest backup ({good_backup.name}" in line

    restored = psoas("restore", "--yes")
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored {good_backup.name} ")
    assert locations.database.read_bytes() == good_backup.read_bytes()
    # The next command opens it as any other (and stores the routine's first version).
    assert psoas("status").returncode == 0
    clock = ManualClock(datetime.now(ZONE))
    with Repository.open(locations, clock) as repo:
        assert [entry.id for entry in repo.entries()] == [entry_id]
    assert len(_kept(locations.data_dir, damaged)) == 1


def test_restore_passes_over_a_damaged_newest_backup(psoas: Psoas, tmp_path: Path) -> None:
    locations = Locations(tmp_path / "data", tmp_path / "config")
    _seed_yesterday(locations)
    [good_backup] = locations.backups.iterdir()
    assert psoas("status").returncode == 0  # today's backup
    [newest] = [path for path in locations.backups.iterdir() if path != good_backup]
    newest.write_bytes(newest.read_bytes()[:100])
    locations.database.write_bytes(b"")

    refused = psoas("status")
    assert f"puts back the newest backup ({good_backup.name}" in _one_line(refused.stderr)
    restored = psoas("restore", "--yes")

    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored {good_backup.name} ")
    assert psoas("status").returncode == 0
