"""The routine: which exercises, with what dose, on which days.

The default routine is ``data/routine.toml``, built from the two seed articles. A user's own
``routine.toml`` in the config directory replaces it as a whole. ``routine_toml`` reads and checks
such a file, ``routine_file`` finds it, and ``schedule`` works out the days of each exercise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from psoas_tui.core.model import Exercise
from psoas_tui.core.schedule import RoutinePlans, occurs_on, plans_of


@dataclass(frozen=True)
class Routine:
    """The exercises in the order they are done, the file they were read from and its text.

    ``source`` is the TOML text the routine was read from (``""`` for one built in code): the
    store keeps it, so that each version of the routine can be read again to judge its days.
    """

    exercises: tuple[Exercise, ...]
    file: str
    source: str = field(default="", repr=False)

    @property
    def fingerprint(self) -> str:
        """A stable hash of ``source``: the same text is the same version of the routine."""
        return hashlib.sha256(self.source.encode()).hexdigest()

    def in_force(self, day: date) -> Routine:
        """The routine in force on ``day``: a routine alone is in force on every day."""
        return self

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


class RoutineInForce(Protocol):
    """What decides each day's plan and doses: a ``Routine`` (the same on every day), or the
    routine's versions (``routine_versions.RoutineVersions``), each in force from its first day."""

    def in_force(self, day: date) -> Routine:
        """The routine in force on ``day``."""
        ...


def load_routine(user_file: Path) -> Routine:
    """The user's ``routine.toml`` if it exists, else the default routine shipped with the app.

    The loading is ``routine_file.load_routine``; this name stays for the callers that import it
    from here.
    """
    # Imported on call: routine_file builds a Routine, so it imports this module.
    from psoas_tui.core.routine_file import load_routine as load

    return load(user_file)


# RoutinePlans lives in schedule; streaks.py imports it from here.
__all__ = ["Routine", "RoutineInForce", "RoutinePlans", "load_routine"]
