"""Changing the routine's exercise ids in the middle of a day, after the day's plan froze, keeps
today's routine: the renamed exercises are today's, not "a rest day, nothing scheduled", and
``psoas done <new-id>`` marks one of today's exercises rather than one off the plan."""

from __future__ import annotations

from pathlib import Path

from psoas_tui.core.routine_file import default_routine_file
from tests.cli.conftest import Psoas

DEFAULT_ROUTINE = default_routine_file().read_text(encoding="utf-8")
OLD, NEW = "standing-lunge-stretch", "lunge"


def test_renamed_exercises_are_still_todays(psoas: Psoas, tmp_path: Path) -> None:
    assert psoas("done", "bridge").returncode == 0  # today's plan freezes, under the old ids
    config = tmp_path / "config"
    config.mkdir()
    (config / "routine.toml").write_text(
        DEFAULT_ROUTINE.replace(f'id = "{OLD}"', f'id = "{NEW}"', 1).replace(
            'id = "bridge"', 'id = "glute-bridge"', 1
        )
    )

    status = psoas("status")
    done = psoas("done", NEW)

    assert status.returncode == 0, status.stderr
    assert "rest day" not in status.stdout
    assert "Standing lunge stretch" in status.stdout
    # Marked under its old id, which the routine no longer has: the mark stays stored, and the
    # exercise under its new id is today's, still to do.
    assert "Bridge" in status.stdout
    assert done.returncode == 0, done.stderr
    assert "not on the plan" not in done.stdout
