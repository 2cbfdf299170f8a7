"""``psoas status`` gives the consistency beside the streak, in text and in JSON; ``--short``
keeps to the streak (a prompt has no room for more)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from psoas_tui.clock import SystemClock
from psoas_tui.core.routine import Routine
from tests.cli.conftest import Psoas
from tests.cli.test_status_streak import BERLIN, _mark_days


def test_one_lapse_is_not_a_reset(psoas: Psoas, routine: Routine, tmp_path: Path) -> None:
    today = SystemClock(zone=BERLIN).today()
    every = len(routine.exercises)
    # Ten days done but for the day before yesterday, and a partial day five days ago.
    history = {today - timedelta(days=back): every for back in range(10, 0, -1) if back != 2}
    history[today - timedelta(days=5)] = 1
    _mark_days(tmp_path, routine, history)

    status = json.loads(psoas("status", "--json").stdout)
    assert status["streak"]["current"] == 1
    assert status["consistency"] == {"done": 5, "scheduled": 7, "never_twice": True}
    text = psoas("status").stdout.splitlines()
    assert text[-1] == "Consistency: 5 of the last 7 scheduled days, never twice in a row"
    assert psoas("status", "--short").stdout == f"psoas 0/{every} today, streak 1\n"


def test_count_partial_counts_the_partial_day(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    today = SystemClock(zone=BERLIN).today()
    every = len(routine.exercises)
    history = {today - timedelta(days=back): every for back in range(8, 0, -1)}
    history[today - timedelta(days=3)] = 1
    history[today - timedelta(days=2)] = 0
    _mark_days(tmp_path, routine, history)
    assert json.loads(psoas("status", "--json").stdout)["consistency"] == {
        "done": 5,
        "scheduled": 7,
        "never_twice": False,
    }
    config = tmp_path / "config"
    config.mkdir(mode=0o700, exist_ok=True)
    (config / "config.toml").write_text("count_partial = true\n", encoding="utf-8")
    status = json.loads(psoas("status", "--json").stdout)
    assert status["consistency"] == {"done": 6, "scheduled": 7, "never_twice": True}
    assert psoas("status").stdout.splitlines()[-1] == (
        "Consistency: 6 of the last 7 scheduled days, never twice in a row"
    )


def test_two_missed_in_a_row_and_a_short_history(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    today = SystemClock(zone=BERLIN).today()
    every = len(routine.exercises)
    _mark_days(tmp_path, routine, {today - timedelta(days=back): every for back in (4, 1)})
    status = json.loads(psoas("status", "--json").stdout)
    assert status["consistency"] == {"done": 2, "scheduled": 4, "never_twice": False}
    assert psoas("status").stdout.splitlines()[-1] == "Consistency: 2 of 4 scheduled days so far"


def test_no_consistency_before_two_scheduled_days(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    assert json.loads(psoas("status", "--json").stdout)["consistency"] is None
    today = SystemClock(zone=BERLIN).today()
    _mark_days(tmp_path, routine, {today - timedelta(days=1): len(routine.exercises)})
    assert json.loads(psoas("status", "--json").stdout)["consistency"] is None
    assert psoas("status").stdout.splitlines()[-1] == "Current streak: 1 day, since " + (
        f"{today - timedelta(days=1):%A %-d %B}"
    )
