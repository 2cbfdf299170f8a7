"""A file that does not parse is never overwritten: it is moved aside with a message that helps."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.locations import Locations
from psoas_tui.store.backups import list_backups, restore
from psoas_tui.store.errors import CorruptDatabase, DamagedSetAside

from .conftest import OpenRepo, make_entry


def _with_a_backup(open_repo: OpenRepo, clock: ManualClock) -> str:
    """A database with one entry, and today's backup of it; returns the entry's id."""
    entry = make_entry(clock)
    repo = open_repo()
    repo.save_entry(entry)
    repo.close()
    open_repo().close()
    return entry.id


def _truncated(locations: Locations) -> bytes:
    content = locations.database.read_bytes()
    return content[: len(content) // 2]


CASES: dict[str, tuple[Callable[[Locations], bytes], str]] = {
    "garbage": (lambda locations: b"\x00\x17garbage{{", "it is not valid JSON"),
    "truncated": (_truncated, "it is not valid JSON"),
    "empty": (lambda locations: b"", "the file is empty"),
    "blank": (lambda locations: b"  \n", "the file is empty"),
    "a list": (lambda locations: b"[1, 2, 3]", "the file holds a list, not an object of tables"),
    "a string": (lambda locations: b'"psoas"', "the file holds a string"),
    "wrong tables": (lambda locations: b'{"days": []}', "table 'days' is a list, not an object"),
}


@pytest.mark.parametrize("case", CASES)
def test_unreadable_file_is_moved_aside_with_a_clear_message(
    case: str, open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    _with_a_backup(open_repo, clock)
    make_content, reason = CASES[case]
    content = make_content(locations)
    locations.database.write_bytes(content)

    with pytest.raises(CorruptDatabase) as caught:
        open_repo()

    error = caught.value
    moved_to = error.moved_to
    assert moved_to is not None
    assert moved_to.parent == locations.data_dir
    assert re.fullmatch(r"psoas\.json\.corrupt-\d{8}-\d{6}", moved_to.name)
    assert moved_to.read_bytes() == content
    assert oct(moved_to.stat().st_mode & 0o777) == oct(0o600)
    assert not locations.database.exists()
    message = str(error)
    assert message.startswith(f"The database {locations.database} cannot be read (")
    assert reason in message
    assert f"It was moved aside, unchanged, to {moved_to}." in message
    assert (
        "`psoas restore` puts back the newest backup "
        f"(psoas-2026-11-21.json, in {locations.backups}), or `psoas restore --fresh` starts "
    ) in message


def test_message_says_when_there_is_no_backup(open_repo: OpenRepo, locations: Locations) -> None:
    locations.data_dir.mkdir(parents=True)
    locations.database.write_bytes(b"{")
    with pytest.raises(CorruptDatabase, match=r"There is no backup that reads yet; `psoas restore"):
        open_repo()


def test_the_next_open_refuses_too_and_restore_brings_the_data_back(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    entry_id = _with_a_backup(open_repo, clock)
    locations.database.write_bytes(b"{")
    with pytest.raises(CorruptDatabase) as caught:
        open_repo()
    moved_to = caught.value.moved_to

    with pytest.raises(DamagedSetAside) as refused:
        open_repo()
    assert refused.value.set_aside == moved_to
    assert not locations.database.exists()
    restore(locations)
    assert [entry.id for entry in open_repo().entries()] == [entry_id]
    assert moved_to is not None and moved_to.read_bytes() == b"{"


def test_a_corrupt_file_never_becomes_a_backup(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    _with_a_backup(open_repo, clock)
    clock.advance(86400)
    locations.database.write_bytes(b"garbage")
    with pytest.raises(CorruptDatabase):
        open_repo()
    assert [path.name for path in list_backups(locations)] == ["psoas-2026-11-21.json"]


def test_corruption_while_open_is_caught_at_the_next_read(
    open_repo: OpenRepo, locations: Locations, clock: ManualClock
) -> None:
    _with_a_backup(open_repo, clock)
    repo = open_repo()
    assert len(repo.entries()) == 1
    # Another program writes the file without our care: a new file under the same name.
    replacement = locations.data_dir / "edited.json"
    replacement.write_bytes(b'{"entries": {"x": ')
    os.replace(replacement, locations.database)

    with pytest.raises(CorruptDatabase) as caught:
        repo.entries()
    moved_to = caught.value.moved_to
    assert isinstance(moved_to, Path)
    assert moved_to.read_bytes() == b'{"entries": {"x": '
