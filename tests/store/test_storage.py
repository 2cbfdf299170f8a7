"""The storage under the repository: atomic writes, the lock, reloads, the read cache, privacy."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import orjson
import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.locations import Locations
from psoas_tui.store import codec, files, lock
from psoas_tui.store.errors import DatabaseLocked, SaveFailed
from psoas_tui.store.lock import DatabaseLock
from psoas_tui.store.storage import Database

from .conftest import OpenRepo, make_entry, returned_ids, start_writer


def _temp_files(directory: Path) -> list[Path]:
    return sorted(directory.glob(".psoas*"))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# Atomic writes


def test_a_save_replaces_the_file_through_a_temporary_one(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = open_repo()
    before = locations.database.stat().st_ino
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source: str, target: str) -> None:
        renames.append((Path(source).name, Path(target).name))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    entry = make_entry(clock)
    repo.save_entry(entry)

    [(source, target)] = renames
    assert source.startswith(".psoas.json.") and source.endswith(".tmp")
    assert target == "psoas.json"
    assert locations.database.stat().st_ino != before
    assert _temp_files(locations.data_dir) == []
    assert entry.id in orjson.loads(locations.database.read_bytes())["entries"]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_write_failing_midway_leaves_the_old_file_and_a_usable_repository(
    failing: str,
    open_repo: OpenRepo,
    locations: Locations,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = open_repo()
    kept = make_entry(clock)
    repo.save_entry(kept)
    before = locations.database.read_bytes()
    real = getattr(os, failing)
    real_write = os.write

    def write_half_then_fail(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.EIO, "Input/output error")

    def fail(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, failing, write_half_then_fail if failing == "write" else fail)
    with pytest.raises(SaveFailed, match="Input/output error; nothing was changed"):
        repo.save_entry(make_entry(clock))
    monkeypatch.setattr(os, failing, real)

    assert locations.database.read_bytes() == before
    assert _temp_files(locations.data_dir) == []
    assert repo.entries() == [kept]
    later = make_entry(clock)
    repo.save_entry(later)
    assert {entry.id for entry in repo.entries()} == {kept.id, later.id}


def test_an_interrupted_write_drops_the_copy_in_memory(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = open_repo()
    kept = make_entry(clock)
    repo.save_entry(kept)

    def interrupted(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        repo.save_entry(make_entry(clock))
    monkeypatch.undo()

    # TinyDB had already put the new entry into the tables in memory; they must not survive.
    assert repo.entries() == [kept]
    assert _temp_files(locations.data_dir) == []


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "the data directory .*data is not writable"),
        (errno.EROFS, "the data directory .*data is not writable"),
        (errno.EPERM, "the data directory .*data is not writable"),
    ],
)
def test_save_failed_says_why_and_changes_nothing(
    error: int,
    reason: str,
    open_repo: OpenRepo,
    locations: Locations,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = open_repo()
    repo.save_entry(make_entry(clock))
    before = locations.database.read_bytes()

    def refuse(source: str, target: str) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveFailed, match=f"Could not save to .*psoas.json: {reason}") as caught:
        repo.save_entry(make_entry(clock))
    assert str(caught.value).endswith("nothing was changed.")
    assert caught.value.error.errno == error
    assert locations.database.read_bytes() == before
    assert _temp_files(locations.data_dir) == []


def test_leftover_temporary_files_are_swept_at_open(
    open_repo: OpenRepo, locations: Locations
) -> None:
    open_repo().close()
    locations.backups.mkdir(exist_ok=True)
    leftovers = [
        locations.data_dir / ".psoas.json.abc123.tmp",
        locations.backups / ".psoas-2026-11-20.json.x1y2.tmp",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b'{"half": ')
    other = locations.data_dir / "notes.tmp"
    other.write_text("not ours")

    open_repo()

    assert not any(leftover.exists() for leftover in leftovers)
    assert other.exists()


# Privacy


def test_directory_is_0700_and_every_file_0600(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    old_umask = os.umask(0)
    try:
        repo = open_repo()
        repo.save_entry(make_entry(clock))
        repo.close()
        clock.advance(86400)
        open_repo().close()
    finally:
        os.umask(old_umask)

    assert _mode(locations.data_dir) == 0o700
    assert _mode(locations.backups) == 0o700
    made = [locations.database, locations.lock, *locations.backups.iterdir()]
    assert len(made) == 3
    assert {path: _mode(path) for path in made} == dict.fromkeys(made, 0o600)


def test_wider_permissions_are_tightened_at_open(open_repo: OpenRepo, locations: Locations) -> None:
    open_repo().close()
    locations.data_dir.chmod(0o755)
    locations.database.chmod(0o644)
    locations.lock.chmod(0o666)

    open_repo()

    assert _mode(locations.data_dir) == 0o700
    assert _mode(locations.database) == 0o600
    assert _mode(locations.lock) == 0o600


# Reads from memory, reloads when another process writes


def test_reads_do_not_parse_the_file_again_while_it_is_unchanged(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses: list[int] = []
    real_decode = codec.decode

    def counting(raw: bytes) -> object:
        parses.append(len(raw))
        return real_decode(raw)

    monkeypatch.setattr(codec, "decode", counting)
    repo = open_repo()
    repo.save_entry(make_entry(clock))
    parses.clear()

    for _ in range(50):
        repo.entries()
        repo.day(clock.today())
        repo.history()
    repo.save_entry(make_entry(clock))
    repo.entries()
    assert parses == []

    other = open_repo()  # another storage: for this one, the file changed behind its back
    other.save_entry(make_entry(clock))
    assert len(repo.entries()) == 3
    assert len(repo.entries()) == 3
    assert len(parses) == 2  # one when `other` opened, one when `repo` noticed its write


def test_a_second_repository_sees_the_first_ones_writes(
    open_repo: OpenRepo, clock: ManualClock
) -> None:
    first, second = open_repo(), open_repo()
    entry = make_entry(clock)
    first.save_entry(entry)
    assert second.entries() == [entry]
    assert second.delete_entry(entry.id)
    assert first.entries() == []


def test_a_write_by_another_process_is_seen(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    repo = open_repo()
    mine = make_entry(clock)
    repo.save_entry(mine)
    assert [entry.id for entry in repo.entries()] == [mine.id]

    child = start_writer(locations.data_dir, 3)
    output, _ = child.communicate(timeout=60)
    assert child.returncode == 0

    theirs = returned_ids(output)
    assert len(theirs) == 3
    assert {entry.id for entry in repo.entries()} == theirs | {mine.id}
    # and a write of ours after theirs keeps them
    repo.save_entry(make_entry(clock))
    assert len(open_repo().entries()) == 5


# The lock


WRITES_PER_PROCESS = 40


def test_two_processes_writing_at_once_lose_nothing(
    open_repo: OpenRepo, locations: Locations, tmp_path: Path
) -> None:
    open_repo().close()
    go = tmp_path / "go"
    writers = [start_writer(locations.data_dir, WRITES_PER_PROCESS, go) for _ in range(2)]
    go.touch()
    printed: list[str] = []
    for writer in writers:
        output, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        printed.extend(output.split())

    assert len(printed) == 2 * WRITES_PER_PROCESS
    stored = [entry.id for entry in open_repo().entries()]
    assert len(stored) == len(set(stored)) == 2 * WRITES_PER_PROCESS
    assert set(stored) == set(printed)


def test_two_threads_writing_at_once_lose_nothing(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    entries = [make_entry(clock) for _ in range(40)]

    def save(half: int) -> None:
        for entry in entries[half::2]:
            repo.save_entry(entry)

    threads = [threading.Thread(target=save, args=(half,)) for half in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert {entry.id for entry in repo.entries()} == {entry.id for entry in entries}


def test_a_lock_held_too_long_gives_database_locked(
    open_repo: OpenRepo, locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_repo().close()
    monkeypatch.setattr(lock, "LOCK_TIMEOUT", 0.1)
    with (
        DatabaseLock(locations),
        pytest.raises(DatabaseLocked, match=r"busy: this psoas waited 0.1 s for its turn"),
    ):
        open_repo()
    assert open_repo().entries() == []


def test_tables_use_their_own_keys_not_tinydb_counters(
    locations: Locations, clock: ManualClock
) -> None:
    database = Database(locations, clock.today)
    table = database.keyed("entries")
    table.put("abc", {"id": "abc"})
    assert dict(table.raw()) == {"abc": {"id": "abc"}}
    with pytest.raises(TypeError, match="carry their own key"):
        table.insert({"id": "def"})
    assert table.delete("abc")
    assert not table.delete("abc")
    database.close()


def test_write_atomic_leaves_nothing_behind_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "psoas-2026-11-21.json"
    target.write_bytes(b"old")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space"):
        files.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == [target.name]
