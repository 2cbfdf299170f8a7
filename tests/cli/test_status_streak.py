"""``psoas status`` gives the current streak: in text, in JSON and in the ``--short`` line."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from dateutil import tz

from psoas_tui.clock import SystemClock
from psoas_tui.core.model import DoneMark, SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from tests.cli.conftest import Psoas

BERLIN = tz.gettz("Europe/Berlin")  # the zone the psoas fixture runs in


def _mark_days(tmp_path: Path, routine: Routine, days: dict[date, int]) -> None:
    """Mark the first ``n`` exercises scheduled on each day done by hand."""
    clock = SystemClock(zone=BERLIN)
    repo = Repository.open(Locations(tmp_path / "data", tmp_path / "config"), clock)
    try:
        for day, count in days.items():
            planned = [exercise.id for exercise in routine.scheduled_on(day)]
            at = datetime.combine(day, time(8, 0), tzinfo=BERLIN)
            for exercise_id in planned[:count]:
                repo.mark_done(DoneMark(exercise_id, day, at), planned)
    finally:
        repo.close()


def test_status_gives_the_current_streak(psoas: Psoas, routine: Routine, tmp_path: Path) -> None:
    today = SystemClock(zone=BERLIN).today()
    every = len(routine.exercises)
    # five days ago done, four days ago missed, the last three days done, today one of them
    history = {today - timedelta(days=back): every for back in (5, 3, 2, 1)}
    history[today] = 1
    _mark_days(tmp_path, routine, history)
    since = today - timedelta(days=3)

    status = json.loads(psoas("status", "--json").stdout)
    assert status["streak"] == {"current": 3, "since": since.isoformat()}

    total = len(routine.scheduled_on(today))
    short = psoas("status", "--short")
    assert short.returncode == 0
    assert short.stdout == f"psoas 1/{total} today, streak 3\n"

    text = psoas("status").stdout
    # The consistency beside it: four of the five days before today, today still pending.
    assert text.splitlines()[-2:] == [
        f"Current streak: 3 days, since {since:%A %-d %B}",
        "Consistency: 4 of 5 scheduled days so far, never twice in a row",
    ]


def test_status_on_a_fresh_data_dir_has_no_streak(psoas: Psoas, routine: Routine) -> None:
    status = json.loads(psoas("status", "--json").stdout)
    assert status["streak"] == {"current": 0, "since": None}
    assert psoas("status", "--short").stdout.endswith(", streak 0\n")
    assert psoas("status").stdout.splitlines()[-1] == "Current streak: 0 days"


def test_status_json_gives_the_same_reasons_as_the_app(
    psoas: Psoas, tmp_path: Path, routine: Routine
) -> None:
    # Nine days of pain, each with the routine done: the app's prompt adds how often the
    # routine was done, and so must the JSON (it used to leave that line out).
    clock = SystemClock(zone=BERLIN)
    today = clock.today()
    with Repository.open(Locations(tmp_path / "data", tmp_path / "config"), clock) as repo:
        for offset in range(9):
            day = today - timedelta(days=offset)
            repo.save_entry(SymptomEntry(f"{offset:032d}", day, clock.now(), 4, 3))
            planned = [exercise.id for exercise in routine.scheduled_on(day)]
            repo.mark_done(DoneMark(planned[0], day, clock.now()), planned)
    done = psoas("status", "--json")
    assert done.returncode == 0, done.stderr
    [rule] = json.loads(done.stdout)["referral"]
    assert "You did some or all of your routine on 9 of these 9 days." in rule["reasons"]
