"""``psoas done``: the day's list, marking one exercise or ``--all``, and the words for a day."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

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


#: A Tuesday: the default routine schedules every exercise but the ball release.
TUESDAY = date(2026, 12, 1)


def _rows(out: str) -> dict[str, str]:
    """The listed exercises: id -> the rest of its line (name and state)."""
    rows = {}
    for line in out.splitlines():
        if line.startswith(("  [x] ", "  [ ] ")):
            exercise_id, rest = line[6:].split(None, 1)
            rows[exercise_id] = rest
    return rows


def test_without_an_id_it_lists_the_days_exercises_and_whether_done(
    psoas: Psoas, routine: Routine
) -> None:
    assert psoas("done", "bridge", "--date", TUESDAY.isoformat()).returncode == 0
    done = psoas("done", "--date", TUESDAY.isoformat())
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Tuesday 1 December 2026: 1 of 5 done\n")
    rows = _rows(done.stdout)
    scheduled = routine.scheduled_on(TUESDAY)
    assert list(rows) == [exercise.id for exercise in scheduled]
    for exercise in scheduled:
        assert rows[exercise.id].startswith(exercise.name)
    assert rows["bridge"].endswith("done by hand")
    assert rows["standing-lunge-stretch"].endswith("not started")
    assert "[x] bridge" in done.stdout and "[ ] standing-lunge-stretch" in done.stdout


def test_without_an_id_on_a_fresh_data_dir_it_lists_today(psoas: Psoas, routine: Routine) -> None:
    done = psoas("done")
    assert done.returncode == 0, done.stderr
    assert set(_rows(done.stdout)) <= set(routine.ids)
    assert len(_rows(done.stdout)) >= 5


def test_all_marks_every_exercise_scheduled_that_day(psoas: Psoas, routine: Routine) -> None:
    day = TUESDAY.isoformat()
    assert psoas("done", "bridge", "--date", day).returncode == 0
    done = psoas("done", "--all", "--date", day)
    assert done.returncode == 0, done.stderr
    names = [exercise.name for exercise in routine.scheduled_on(TUESDAY)]
    assert "Already done: Bridge, 2026-12-01" in done.stdout
    for name in names:
        if name != "Bridge":
            assert f"Marked done: {name}, 2026-12-01" in done.stdout
    assert "ball" not in done.stdout.lower()
    listed = psoas("done", "--date", day)
    assert listed.stdout.startswith("Tuesday 1 December 2026: 5 of 5 done\n")
    again = psoas("done", "--all", "--date", day)
    assert "Marked done" not in again.stdout
    assert again.stdout.count("Already done: ") == 5


def test_marking_one_twice_says_it_was_already_done(psoas: Psoas) -> None:
    day = TUESDAY.isoformat()
    assert psoas("done", "bridge", "--date", day).stdout.startswith("Marked done: Bridge, ")
    again = psoas("done", "bridge", "--date", day)
    assert again.returncode == 0
    assert again.stdout == "Already done: Bridge, 2026-12-01\n"


def test_an_id_and_all_together_are_refused(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("done", "bridge", "--all")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--all" in done.stderr and "allowed" in done.stderr
    assert not (tmp_path / "data").exists()
