"""``psoas done``: the day's list, marking one exercise or ``--all``, and the words for a day."""

from __future__ import annotations

from datetime import date, timedelta

from psoas_tui.core.routine import Routine
from tests.cli.conftest import Psoas


def test_done_takes_yesterday_and_today_as_words(psoas: Psoas, routine: Routine) -> None:
    exercise_id = routine.exercises[0].id
    today = psoas("done", exercise_id, "--date", "TODAY")
    assert today.returncode == 0, today.stderr
    day = date.fromisoformat(today.stdout.split(", ")[1][:10])
    done = psoas("done", exercise_id, "--date", " Yesterday ")
    assert done.returncode == 0, done.stderr
    assert f", {(day - timedelta(days=1)).isoformat()}" in done.stdout


def test_done_refuses_a_day_before_1990_in_one_line(psoas: Psoas, routine: Routine) -> None:
    done = psoas("done", routine.exercises[0].id, "--date", "1989-12-31")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("psoas: --date: 1989-12-31 is before 1990-01-01; allowed: ")
