"""Two writers at once: the app, driven through Pilot, and ``psoas log`` run again and again.

The app saves symptom entries through the log form and marks exercises done on Today while a
shell loop runs ``python -m psoas_tui log`` over the same data directory. Afterwards every entry
either writer reported saved is in the database exactly once, Today's marks are the app's, and
the app's log shows the command's entries.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.routine import Routine
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.messages import Saved
from psoas_tui.ui.screens.log import LogScreen, ScoreField
from psoas_tui.ui.screens.today import TodayScreen
from tests.conftest import ZONE
from tests.ui.conftest import AppFactory

SIZE = (100, 30)
#: Both keep writing until each has saved this many entries and this long has passed.
SAVES_EACH = 6
LEAST_SECONDS = 3.0
#: A loop that cannot save this many in this long is stuck, and the test says so.
MOST_SECONDS = 90.0

# Each run reports "saved N" or "failed N CODE"; the loop ends when the stop file appears.
_LOOP = """
i=0
while [ ! -e "$STOP" ]; do
  i=$((i + 1))
  if "$PYTHON" -m psoas_tui log --pain $((i % 4)) --stiffness 2 --note "command $i" \\
      >/dev/null 2>>"$ERRORS"; then
    echo "saved $i"
  else
    echo "failed $i $?"
  fi
done
"""


def _command_loop(
    locations: Locations, stop: Path, report: Path, errors: Path
) -> subprocess.Popen[bytes]:
    environment = dict(os.environ)
    environment.update(
        {
            "PSOAS_DATA_DIR": str(locations.data_dir),
            "PSOAS_CONFIG_DIR": str(locations.config_dir),
            "TZ": "Europe/Berlin",
            "PYTHON": sys.executable,
            "STOP": str(stop),
            "ERRORS": str(errors),
        }
    )
    return subprocess.Popen(
        ["sh", "-c", _LOOP],
        stdout=report.open("wb"),
        stdin=subprocess.DEVNULL,
        env=environment,
    )


def _saved_by_command(report: Path) -> list[str]:
    lines = report.read_text().splitlines()
    return [f"command {line.split()[1]}" for line in lines if line.startswith("saved ")]


def _a_day_with_exercises(routine: Routine) -> ManualClock:
    # The app's clock reads the real time, as the command's does; on a rest day it goes back to
    # the last day with exercises, so Today has something to mark.
    now = datetime.now(ZONE)
    while not routine.scheduled_on(now.date()):
        now -= timedelta(days=1)
    return ManualClock(now, Config().day_starts_at)


async def _save_from_the_form(
    pilot: Pilot[None], app: PsoasApp, number: int, saved: list[str]
) -> bool:
    """Fill the form and press ctrl+s; whether the app said it saved (``saved`` collects what
    the app posted ``Saved`` for)."""
    log = app.screen
    assert isinstance(log, LogScreen)
    log.query_one("#log-stiffness", ScoreField).focus()
    await pilot.press(str(number % 4), "tab", "1")
    log.query_one("#log-note", Input).value = f"app {number}"
    before = len(saved)
    await pilot.press("ctrl+s")
    await pilot.pause()
    return saved[before:] == ["entry"] and log.query_one("#log-note", Input).value == ""


async def _mark_on_today(
    pilot: Pilot[None], app: PsoasApp, marked: set[str], saved: list[str]
) -> None:
    """Mark the highlighted exercise done, or take its mark back, then move down a row."""
    today = app.screen
    assert isinstance(today, TodayScreen)
    exercise = today.selected_exercise_id()
    assert exercise is not None
    before = len(saved)
    await pilot.press("u" if exercise in marked else "d")
    await pilot.pause()
    assert saved[before:] == ["mark"]
    marked.symmetric_difference_update({exercise})
    await pilot.press("down")


def _entry_ids_once(database: Path) -> list[str]:
    """The entries' ids as written in the file, failing on any id written twice."""

    def unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
        names = [name for name, _ in pairs]
        assert len(names) == len(set(names)), f"a key written twice: {names}"
        return dict(pairs)

    tables = json.loads(database.read_bytes(), object_pairs_hook=unique)
    return list(tables["entries"])


async def test_the_app_and_psoas_log_writing_at_once_lose_nothing(
    make_test_app: AppFactory, routine: Routine, locations: Locations, tmp_path: Path
) -> None:
    clock = _a_day_with_exercises(routine)
    app = make_test_app(clock=clock)
    stop, report, errors = tmp_path / "stop", tmp_path / "report", tmp_path / "errors"
    saved_by_app: list[str] = []
    posted: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Saved):
            posted.append(message.kind)

    marked: set[str] = set()
    loop = _command_loop(locations, stop, report, errors)
    try:
        async with app.run_test(size=SIZE, message_hook=hook) as pilot:
            started = time.monotonic()
            number = 0
            while (
                min(number, len(_saved_by_command(report))) < SAVES_EACH
                or time.monotonic() - started < LEAST_SECONDS
            ):
                assert time.monotonic() - started < MOST_SECONDS, report.read_text()
                assert loop.poll() is None, report.read_text()
                await pilot.press("l")
                await pilot.pause()
                for _ in range(3):
                    number += 1
                    if await _save_from_the_form(pilot, app, number, posted):
                        saved_by_app.append(f"app {number}")
                await pilot.press("t")
                await pilot.pause()
                for _ in range(2):
                    await _mark_on_today(pilot, app, marked, posted)
            stop.touch()
            assert loop.wait(timeout=60) == 0
            saved_by_command = _saved_by_command(report)

            await pilot.press("l")
            await pilot.pause()
            shown = app.screen.query_one("#log-recent", DataTable)
            with Repository.open(locations, clock) as repo:
                entries = repo.entries()
                day = repo.day(clock.today())
            assert {str(key.value) for key in shown.rows} == {entry.id for entry in entries}
    finally:
        stop.touch()
        loop.wait(timeout=60)

    assert "failed" not in report.read_text(), (report.read_text(), errors.read_text())
    assert errors.read_text() == ""
    assert len(saved_by_app) == number
    notes = [entry.note for entry in entries]
    assert sorted(notes) == sorted(saved_by_app + saved_by_command)
    ids = _entry_ids_once(locations.database)
    assert sorted(ids) == sorted(entry.id for entry in entries)
    assert {mark.exercise_id for mark in day.marks} == marked
