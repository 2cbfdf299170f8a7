"""``psoas restore``: the list of backups, and the question before the database is replaced."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from dateutil import tz

from psoas_tui.core.routine import Routine
from tests.cli.conftest import Psoas

BERLIN = tz.gettz("Europe/Berlin")  # the zone the psoas fixture runs in


def _with_backup(psoas: Psoas, routine: Routine, tmp_path: Path) -> tuple[Path, Path]:
    """A database with one mark, then a second mark: (database, today's backup of the first).

    Today's backup is taken the first time a database that exists is opened today: here, by the
    second mark, before it is saved.
    """
    assert psoas("done", routine.exercises[0].id).returncode == 0
    assert psoas("done", routine.exercises[1].id).returncode == 0
    database = tmp_path / "data" / "psoas.json"
    [backup] = (tmp_path / "data" / "backups").iterdir()
    assert database.read_bytes() != backup.read_bytes()
    return database, backup


def _written(path: Path, when: datetime, size: int) -> None:
    path.write_bytes(b"x" * size)
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_list_gives_when_each_was_written_and_its_size_newest_first(
    psoas: Psoas, tmp_path: Path
) -> None:
    backups = tmp_path / "data" / "backups"
    backups.mkdir(parents=True)
    _written(backups / "psoas-2026-11-30.json", datetime(2026, 11, 30, 8, 5, tzinfo=BERLIN), 980)
    _written(
        backups / "psoas-2026-11-29-before-migration-v1-to-v2.json",
        datetime(2026, 11, 29, 21, 40, tzinfo=BERLIN),
        1500,
    )
    _written(
        backups / "psoas-2026-12-01.json", datetime(2026, 12, 1, 7, 0, tzinfo=BERLIN), 2_500_000
    )

    done = psoas("restore", "--list")

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [re.split(r"\s{2,}", line.strip()) for line in lines] == [
        ["psoas-2026-12-01.json", "2026-12-01 07:00", "2.5 MB"],
        ["psoas-2026-11-30.json", "2026-11-30 08:05", "980 B"],
        ["psoas-2026-11-29-before-migration-v1-to-v2.json", "2026-11-29 21:40", "1.5 KB"],
    ]
    # Aligned: every column starts, and the sizes end, at the same place on every line.
    assert len({line.index("2026-1", len("psoas-2026-12-01.json")) for line in lines}) == 1
    assert len({len(line) for line in lines}) == 1


def test_list_with_no_backups_says_so(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("restore", "--list")
    assert done.returncode == 0
    assert done.stdout.startswith("No backups yet in ")


def test_restore_without_a_terminal_needs_yes_and_changes_nothing(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    database, _backup = _with_backup(psoas, routine, tmp_path)
    before = sorted(path.name for path in database.parent.iterdir())
    content = database.read_bytes()

    refused = psoas("restore")

    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "--yes" in refused.stderr
    assert refused.stdout == ""
    assert database.read_bytes() == content
    assert sorted(path.name for path in database.parent.iterdir()) == before


def test_restore_with_yes_puts_the_backup_back(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    database, backup = _with_backup(psoas, routine, tmp_path)
    done = psoas("restore", "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Restored {backup.name} to {database}.")
    assert database.read_bytes() == backup.read_bytes()


def _at_a_terminal(psoas: Psoas, answer: bytes, *args: str) -> tuple[int, str]:
    """Run ``psoas`` with a pseudo-terminal as standard input, ``answer`` typed into it."""
    main, terminal = os.openpty()
    try:
        os.write(main, answer)
        done = psoas(*args, stdin=terminal)
    finally:
        os.close(main)
        os.close(terminal)
    return done.returncode, done.stdout


def test_restore_at_a_terminal_asks_first_and_y_replaces(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    database, backup = _with_backup(psoas, routine, tmp_path)
    code, out = _at_a_terminal(psoas, b"y\n", "restore")
    assert code == 0
    assert out.startswith(f"Replace the database with {backup.name}? [y/N] ")
    assert f"Restored {backup.name} to {database}." in out
    assert database.read_bytes() == backup.read_bytes()


def test_restore_at_a_terminal_leaves_the_database_unless_told_yes(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    database, backup = _with_backup(psoas, routine, tmp_path)
    content = database.read_bytes()
    for answer in (b"\n", b"n\n", b"whatever\n"):
        code, out = _at_a_terminal(psoas, answer, "restore", backup.name)
        assert code == 1
        assert f"Replace the database with {backup.name}? [y/N] " in out
        assert "Nothing was changed." in out
        assert database.read_bytes() == content
    assert not list(database.parent.glob("psoas.json.replaced-*"))


def test_a_backup_that_is_not_there_is_bad_input(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    database, backup = _with_backup(psoas, routine, tmp_path)
    content = database.read_bytes()
    done = psoas("restore", "nonexist.json", "--yes")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "no backup named 'nonexist.json'" in done.stderr
    assert f"allowed: {backup.name}" in done.stderr
    assert database.read_bytes() == content
