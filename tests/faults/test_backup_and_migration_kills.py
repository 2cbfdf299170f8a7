"""The day's backup and a schema migration killed at every step lose nothing.

Each child opens a database (which takes the day's backup, or migrates a version-0 file after
keeping a copy of it), saves one entry and says so, and SIGKILLs itself at the n-th step of that
work: just before or just after any file is renamed into place, or after any write into a
temporary file. n runs over every step the work takes. Afterwards every acknowledged entry is
stored, the database and every backup read, and the next open leaves no temporary file and, for a
migration, no second copy of the file as it was before.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path

import orjson

from psoas_tui.clock import ManualClock
from psoas_tui.locations import Locations
from psoas_tui.store import files
from psoas_tui.store.codec import read_tables
from psoas_tui.store.repository import Repository
from psoas_tui.store.schema import check_documents
from tests.conftest import ZONE
from tests.store.conftest import make_entry
from tests.store.test_migrations import VERSION_0

DAY_ONE = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=ZONE))
DAY_TWO = ManualClock(datetime(2026, 11, 22, 7, 30, tzinfo=ZONE))


def _kill_at(step: int) -> None:
    # Every write into a temporary file is a step, and every rename two: before and after.
    real_replace, real_write = os.replace, os.write
    seen = [0]

    def at_step() -> None:
        if seen[0] == step:
            os.kill(os.getpid(), signal.SIGKILL)
        seen[0] += 1

    def replacing(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        at_step()
        real_replace(source, target)
        at_step()

    def writing(fd: int, data: bytes) -> int:
        written = real_write(fd, data)
        at_step()
        return written

    files.os.replace = replacing  # type: ignore[assignment]
    files.os.write = writing  # type: ignore[assignment]


def _child(data_dir: str, step: int, said: Connection) -> None:
    _kill_at(step)
    locations = Locations(Path(data_dir), Path(data_dir) / "config")
    with Repository.open(locations, DAY_TWO) as repo:
        entry = make_entry(DAY_TWO)
        repo.save_entry(entry)
    said.send(entry.id)
    os._exit(0)


def _run(data_dir: Path, step: int) -> tuple[bool, set[str]]:
    """Open and save in a child killed at ``step``: whether it was killed, and what it said."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(str(data_dir), step, writer))
    process.start()
    writer.close()
    process.join(60)
    assert process.exitcode in (0, -signal.SIGKILL)
    try:
        said = {reader.recv()}
    except EOFError:
        said = set()
    reader.close()
    return process.exitcode == -signal.SIGKILL, said


def _check(locations: Locations, acknowledged: set[str]) -> None:
    with Repository.open(locations, DAY_TWO) as repo:
        stored = {entry.id for entry in repo.entries()}
    assert acknowledged <= stored
    # The copy kept before a migration is of the older version, checked by the test itself.
    for backup in locations.backups.glob("psoas-????-??-??.json"):
        check_documents(read_tables(backup.read_bytes()))
    check_documents(read_tables(locations.database.read_bytes()))
    assert list(locations.data_dir.rglob(".psoas*")) == []


def _every_step(template: Locations, tmp_path: Path, before: set[str]) -> int:
    step = 0
    while True:
        data = tmp_path / f"step-{step}"
        shutil.copytree(template.data_dir, data)
        locations = Locations(data, tmp_path / "config")
        killed, said = _run(data, step)
        _check(locations, before | said)
        if not killed:
            return step
        step += 1


def test_the_days_backup_killed_at_every_step(tmp_path: Path) -> None:
    template = Locations(tmp_path / "template", tmp_path / "config")
    with Repository.open(template, DAY_ONE) as repo:
        for _ in range(3):
            repo.save_entry(make_entry(DAY_ONE))
        before = {entry.id for entry in repo.entries()}

    steps = _every_step(template, tmp_path, before)

    # The backup: one write and a rename; the entry's save: one write and a rename.
    assert steps >= 6


def test_a_migration_killed_at_every_step(tmp_path: Path) -> None:
    template = Locations(tmp_path / "template", tmp_path / "config")
    template.data_dir.mkdir(parents=True)
    template.database.write_bytes(orjson.dumps(VERSION_0))

    steps = _every_step(template, tmp_path, {"4b1d", "9e2a"})

    assert steps >= 6
    for step in range(steps + 1):
        copies = list((tmp_path / f"step-{step}" / "backups").glob("*before-migration*"))
        assert len(copies) == 1, (step, copies)
        assert orjson.loads(copies[0].read_bytes()) == VERSION_0
