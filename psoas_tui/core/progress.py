"""Today at a glance: what the routine schedules on a day, how far each exercise has got, and
the day as a whole."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from psoas_tui.core.model import DayRecord, Exercise, Hold, Pause
from psoas_tui.core.routine import RoutineInForce

if TYPE_CHECKING:
    from psoas_tui.core.pauses import Easing


def complete_holds(exercise: Exercise, holds: Iterable[Hold]) -> int:
    """Planned holds done to at least 90%, counted per side and capped at the reps of each side.

    Holding the left side six times does not stand in for the right side.
    """
    return counted_holds(exercise, complete_keys(holds))


def exercise_complete(exercise: Exercise, holds_done: int, marked: bool) -> bool:
    """Whether ``exercise`` is complete for the day: marked done by hand, or ``holds_done``
    (``complete_holds``, ``counted_holds``) reaches every planned hold (sides x reps)."""
    return marked or holds_done >= exercise.dose.holds


def complete_keys(holds: Iterable[Hold]) -> tuple[tuple[str, str | None], ...]:
    """The exercise id and side of each hold held to 90%, in order: worked out once for a day,
    it serves every exercise of that day (``counted_holds``)."""
    return tuple([(hold.exercise_id, hold.side) for hold in holds if hold.complete])


def counted_holds(exercise: Exercise, keys: Iterable[tuple[str, str | None]]) -> int:
    """``complete_holds`` of ``exercise`` from a day's ``complete_keys``."""
    dose = exercise.dose
    sides: Sequence[str | None] = dose.sides or (None,)
    counts = dict.fromkeys(sides, 0)
    for exercise_id, side in keys:
        if exercise_id == exercise.id and side in counts:
            counts[side] += 1
    return sum(min(count, dose.reps) for count in counts.values())


@dataclass(frozen=True)
class ExerciseProgress:
    """One exercise's state today."""

    exercise: Exercise
    holds_done: int
    marked: bool

    @property
    def done(self) -> bool:
        """Every hold done, or marked done by hand (``exercise_complete``)."""
        return exercise_complete(self.exercise, self.holds_done, self.marked)

    @property
    def started(self) -> bool:
        """At least one hold done."""
        return self.holds_done > 0

    @property
    def seconds_left(self) -> int:
        """Holding and resting still ahead, zero once done."""
        if self.done:
            return 0
        dose = self.exercise.dose
        left = dose.holds - self.holds_done
        return left * dose.hold_seconds + max(0, left - 1) * dose.rest_seconds

    def describe(self) -> str:
        """``not started``, ``2/6 holds``, ``done`` or ``done by hand``."""
        if self.marked and self.holds_done < self.exercise.dose.holds:
            return "done by hand"
        if self.done:
            return "done"
        if not self.started:
            return "not started"
        return f"{self.holds_done}/{self.exercise.dose.holds} holds"


@dataclass(frozen=True)
class DayProgress:
    """The day's routine: each scheduled exercise's progress, in routine order.

    ``pause`` is the pause the day is in (``None``: none): nothing is due on a paused day.
    ``easing`` is the graded return the day is part of, when something is scheduled: the doses
    of ``exercises`` are then the eased ones (``core.pauses``).
    """

    day: date
    exercises: tuple[ExerciseProgress, ...]
    pause: Pause | None = None
    easing: Easing | None = None

    @property
    def done_count(self) -> int:
        """Exercises complete."""
        return sum(1 for item in self.exercises if item.done)

    @property
    def total(self) -> int:
        """Exercises scheduled."""
        return len(self.exercises)

    @property
    def minutes_left(self) -> int:
        """Whole minutes of the routine still ahead, rounded up."""
        seconds = sum(item.seconds_left for item in self.exercises)
        return -(-seconds // 60)

    @property
    def fraction(self) -> float:
        """Share of the day's routine time done, 0.0 to 1.0 (1.0 when nothing is scheduled)."""
        planned = sum(item.exercise.dose.total_seconds for item in self.exercises)
        if not planned:
            return 1.0
        left = sum(item.seconds_left for item in self.exercises)
        return (planned - left) / planned

    def next_undone(self) -> Exercise | None:
        """The first exercise not yet done, in routine order."""
        return next((item.exercise for item in self.exercises if not item.done), None)


def day_progress(scheduled: Sequence[Exercise], record: DayRecord) -> DayProgress:
    """Progress of ``scheduled`` exercises given what ``record`` holds for that day."""
    marked = {mark.exercise_id for mark in record.marks}
    return DayProgress(
        day=record.day,
        exercises=tuple(
            ExerciseProgress(
                exercise=exercise,
                holds_done=complete_holds(exercise, record.holds),
                marked=exercise.id in marked,
            )
            for exercise in scheduled
        ),
    )


def scheduled_for(routine: RoutineInForce, record: DayRecord) -> tuple[Exercise, ...]:
    """The exercises planned on ``record``'s day, with the doses of the routine in force that day:
    its frozen plan if it has one, else that routine's schedule.

    An id in a frozen plan that the routine no longer has is left out: there is nothing to time.
    A plan naming such an id was frozen under another version (the routine changed that very
    day, its ids renamed), so the exercises that routine schedules that day are added to it:
    changing ids in the middle of a day never makes it a rest day.
    """
    in_force = routine.in_force(record.day)
    if record.planned is None:
        return in_force.scheduled_on(record.day)
    known = {exercise.id: exercise for exercise in in_force.exercises}
    planned = tuple(known[exercise_id] for exercise_id in record.planned if exercise_id in known)
    if len(planned) == len(record.planned):
        return planned
    added = tuple(
        exercise
        for exercise in in_force.scheduled_on(record.day)
        if exercise.id not in record.planned
    )
    return planned + added


def progress_on(routine: RoutineInForce, record: DayRecord) -> DayProgress:
    """Progress of the day ``record`` describes, against its plan and the doses in force then."""
    return day_progress(scheduled_for(routine, record), record)
