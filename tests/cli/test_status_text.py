"""``psoas status`` in text: the exercise list in columns within 80, and the app's words."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date

import pytest

from psoas_tui.commands.status import as_text
from psoas_tui.core.progress import DayProgress, ExerciseProgress
from psoas_tui.core.routine import Routine
from psoas_tui.core.streaks import NO_STREAK
from psoas_tui.services import Status

DAY = date(2026, 12, 2)  # a Wednesday: the default routine schedules all six exercises


def _status(routine: Routine, items: list[tuple[int, bool]], long_name: bool = False) -> Status:
    """Today's status with the first ``len(items)`` exercises at (holds done, marked by hand)."""
    exercises = list(routine.scheduled_on(DAY))
    if long_name:
        exercises[0] = dataclasses.replace(
            exercises[0], name="A very long exercise name that goes on and on well past any column"
        )
    progress = DayProgress(
        DAY,
        tuple(
            ExerciseProgress(exercise, holds, marked)
            for exercise, (holds, marked) in zip(exercises, items, strict=False)
        ),
    )
    return Status(progress, NO_STREAK, ())


def _cells(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide character (CJK, most emoji)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _exercise_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(("  [x] ", "  [ ] "))]


def test_the_list_is_in_columns_that_fit_80_with_long_names_cut(routine: Routine) -> None:
    holds = routine.scheduled_on(DAY)[1].dose.holds
    status = _status(
        routine, [(0, False), (2, False), (0, True), (99, False), (0, False), (0, False)], True
    )
    lines = _exercise_lines(as_text(status))
    assert len(lines) == 6
    assert all(len(line) <= 80 for line in lines)
    assert lines[0].startswith("  [ ] A very long exercise name")
    assert "…" in lines[0] and "well past any column" not in lines[0]
    names = [exercise.name for exercise in routine.scheduled_on(DAY)[1:]]
    for line, name in zip(lines[1:], names, strict=True):
        assert line[6:].startswith(name + "  ")
    doses = [exercise.dose.describe() for exercise in routine.scheduled_on(DAY)]
    starts = {line.index(dose, 6 + 8) for line, dose in zip(lines, doses, strict=True)}
    assert len(starts) == 1, lines
    states = ["not started", f"2/{holds} holds", "done by hand", "done", "not started"]
    assert [line.rsplit("  ", 1)[1].strip() for line in lines[:5]] == states
    assert len({line.rindex("  ") for line in lines}) == 1, lines


def test_the_summary_says_what_the_app_says(routine: Routine) -> None:
    some = as_text(_status(routine, [(0, True), (0, False)]))
    assert some[0].startswith("Wednesday 2 December 2026: 1 of 2 done, ")
    assert some[0].endswith(" min left")
    every = as_text(_status(routine, [(0, True)] * 6))
    assert every[0] == "Wednesday 2 December 2026: all 6 done"
    one = as_text(_status(routine, [(0, True)]))
    assert one[0] == "Wednesday 2 December 2026: 1 of 1 done"
    rest = as_text(Status(DayProgress(DAY, ()), NO_STREAK, ()))
    assert rest[0] == "Wednesday 2 December 2026: a rest day, nothing scheduled."


@pytest.mark.parametrize(
    "name",
    [
        "股関節のストレッチ",
        "Brücke 🌉 mit Atem",
        "股関節屈筋のとても長い名前のストレッチ運動を続ける",
    ],
    ids=["CJK", "emoji", "CJK cut"],
)
def test_wide_characters_keep_the_columns(routine: Routine, name: str) -> None:
    status = _status(routine, [(0, False)] * 6)
    first = dataclasses.replace(status.today.exercises[0].exercise, name=name)
    exercises = (dataclasses.replace(status.today.exercises[0], exercise=first),)
    status = dataclasses.replace(
        status,
        today=dataclasses.replace(status.today, exercises=exercises + status.today.exercises[1:]),
    )
    lines = _exercise_lines(as_text(status))
    doses = [item.exercise.dose.describe() for item in status.today.exercises]
    # Where each dose starts on the screen, in columns.
    starts = {_cells(line[: line.index(dose, 6)]) for line, dose in zip(lines, doses, strict=True)}
    assert len(starts) == 1, lines
    assert all(_cells(line) <= 80 for line in lines)
