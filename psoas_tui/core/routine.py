"""The routine: which exercises, with what dose, on which days.

The default routine is ``data/routine.toml``, built from the two seed articles. A user's own
``routine.toml`` in the config directory replaces it as a whole. ``routine_toml`` reads and checks
such a file, ``routine_file`` finds it, and ``schedule`` works out the days of each exercise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from psoas_tui.core.model import Exercise
from psoas_tui.core.schedule import RoutinePlans, occurs_on, plans_of


@dataclass(frozen=True)
class Routine:
    """The exercises in the order they are done, and the file they were read from."""

    exercises: tuple[Exercise, ...]
    file: str

    @property
    def ids(self) -> tuple[str, ...]:
        """The exercises' ids, in routine order."""
        return tuple(exercise.id for exercise in self.exercises)

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id; ``KeyError`` naming the known ids if there is none."""
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(
            f"no exercise {exercise_id!r} in {self.file}; its exercises are: {', '.join(self.ids)}"
        )

    def occurs(self, exercise: Exercise, day: date) -> bool:
        """Whether ``exercise``'s schedule falls on ``day``."""
        return occurs_on(exercise.schedule, day)

    def scheduled_on(self, day: date) -> tuple[Exercise, ...]:
        """The exercises scheduled on ``day``, in routine order."""
        return plans_of(self.exercises).exercises_on(day)


def load_routine(user_file: Path) -> Routine:
    """The user's ``routine.toml`` if it exists, else the default routine shipped with the app.

    The loading is ``routine_file.load_routine``; this name stays for the callers that import it
    from here.
    """
    # Imported on call: routine_file builds a Routine, so it imports this module.
    from psoas_tui.core.routine_file import load_routine as load

    return load(user_file)


# RoutinePlans lives in schedule; streaks.py imports it from here.
__all__ = ["Routine", "RoutinePlans", "load_routine"]
