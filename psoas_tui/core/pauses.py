"""Pauses the person declares (travel, illness, a flare, a clinician's advice), and the graded
return after one.

A paused day is neutral for the streaks (``core.streaks``): it neither adds to a streak nor
breaks it, unless it was done anyway, which counts. Pauses never overlap: a new one that would
share a day with another is refused, never merged, since two pauses can have different reasons.

After a pause of ``EASE_AFTER_DAYS`` days or more, the first ``EASED_SESSIONS`` sessions (days
with a hold or a hand mark) are offered at an eased dose: the bottom of each exercise's
``hold_range`` (its hold when it has none) with one rep fewer, never below one. ``EasedRoutine``
is the routine with those doses on those days, so Today, the hold timer and the streaks all use
it: a session done at the eased dose is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from psoas_tui.core.dates import parse_day
from psoas_tui.core.errors import InvalidInput
from psoas_tui.core.model import DayRecord, Dose, Pause, PauseReason
from psoas_tui.core.routine import Routine, RoutineInForce

#: A pause this long or longer is followed by eased sessions.
EASE_AFTER_DAYS = 3
#: How many sessions after such a pause are eased.
EASED_SESSIONS = 2
#: How far ahead a pause may be declared, and how long one may last.
AHEAD_DAYS = 365
#: The reasons, as a refusal lists them.
REASONS = tuple(reason.value for reason in PauseReason)

_REASON_WORDS = {
    PauseReason.travel: "for travel",
    PauseReason.illness: "for illness",
    PauseReason.flare: "for a flare",
    PauseReason.clinician: "on a clinician's advice",
}
#: How many days of records the graded return reads at a time, looking for the sessions.
_SCAN_DAYS = 28

#: Reads the day records from a first to a last day, both included (``Repository.days``).
DaysBetween = Callable[[date, date], Iterable[DayRecord]]


def reason_words(reason: PauseReason) -> str:
    """``for travel``, ``for a flare``, ``on a clinician's advice``."""
    return _REASON_WORDS[reason]


def pause_on(pauses: Iterable[Pause], day: date) -> Pause | None:
    """The pause ``day`` is in, if any."""
    return next((pause for pause in pauses if pause.contains(day)), None)


def describe(pause: Pause) -> str:
    """``Paused for travel until 2026-12-09``."""
    return f"Paused {reason_words(pause.reason)} until {pause.end.isoformat()}"


def day_note(pause: Pause | None, easing: Easing | None) -> str | None:
    """What Today and ``psoas status`` say of a paused day or a day of a graded return:
    ``Paused for travel until 2026-12-09``, ``Easing back in after 5 days paused for illness:
    lighter doses today``; ``None`` on any other day."""
    if pause is not None:
        return describe(pause)
    if easing is not None:
        eased = easing.pause
        return (
            f"Easing back in after {eased.days} days paused {reason_words(eased.reason)}: "
            "lighter doses today"
        )
    return None


def read_pause(
    start: str,
    end: str,
    reason: str,
    today: date,
    pauses: Sequence[Pause],
    names: tuple[str, str, str] = ("--from", "--to", "--reason"),
) -> Pause:
    """The pause typed as ``start``, ``end`` and ``reason`` (each day as ``parse_day`` reads one,
    up to ``AHEAD_DAYS`` ahead); ``InvalidInput`` naming the field (``names``) that is wrong: a
    day that is not one, an end before the start, an unknown reason, or days another pause has.
    """
    latest = today + timedelta(days=AHEAD_DAYS)
    first = parse_day(start, today, names[0], latest)
    last = parse_day(end, today, names[1], latest)
    if last < first:
        raise InvalidInput(
            f"{names[1]}: {last.isoformat()} is before {names[0]} {first.isoformat()}; "
            f"allowed: a day on or after {first.isoformat()}"
        )
    typed = reason.strip().lower()
    if typed not in REASONS:
        raise InvalidInput(f"{names[2]}: {reason!r} is not a reason; allowed: {', '.join(REASONS)}")
    pause = Pause(first, last, PauseReason(typed))
    clash = next((other for other in pauses if overlaps(other, pause)), None)
    if clash is not None:
        raise InvalidInput(
            f"{first.isoformat()} to {last.isoformat()} overlaps the pause "
            f"{reason_words(clash.reason)} from {clash.start.isoformat()} to "
            f"{clash.end.isoformat()}; allowed: days no other pause has (psoas pause --list)"
        )
    return pause


def overlaps(one: Pause, other: Pause) -> bool:
    """Whether two pauses share a day."""
    return one.start <= other.end and other.start <= one.end


def ended(pause: Pause, today: date) -> Pause | None:
    """``pause``, in force ``today``, ended: its end set to yesterday, or ``None`` (removed) when
    it starts today."""
    if pause.start >= today:
        return None
    return replace(pause, end=today - timedelta(days=1))


def eased_dose(dose: Dose) -> Dose:
    """``dose`` eased: the bottom of its ``hold_range`` (its hold without one), one rep fewer
    (never below one)."""
    hold = dose.hold_seconds if dose.hold_range is None else dose.hold_range[0]
    return replace(dose, reps=max(1, dose.reps - 1), hold_seconds=hold)


@dataclass(frozen=True)
class Easing:
    """The graded return after ``pause``: eased from the day after it to ``last`` (the day of the
    last eased session; ``None`` while fewer sessions than ``EASED_SESSIONS`` were done)."""

    pause: Pause
    last: date | None

    def covers(self, day: date) -> bool:
        """Whether ``day`` is offered at the eased dose."""
        return self.pause.end < day and (self.last is None or day <= self.last)

    def words(self, dose: Dose) -> str:
        """``easing back in after 5 days paused for illness: 2 x 20 s``."""
        pause = self.pause
        return (
            f"easing back in after {pause.days} days paused {reason_words(pause.reason)}: "
            f"{dose.describe()}"
        )


def easings(pauses: Sequence[Pause], days: DaysBetween, today: date) -> tuple[Easing, ...]:
    """The graded return after each pause of ``EASE_AFTER_DAYS`` or more that ended before
    ``today``: it runs to its ``EASED_SESSIONS``-th session, or to the day before the next pause.

    ``days`` is asked for a few weeks after each pause at a time, until the sessions are found:
    an old pause costs its own weeks, not the years since.
    """
    ordered = sorted(pauses, key=lambda pause: pause.start)
    found = []
    for index, pause in enumerate(ordered):
        if pause.days < EASE_AFTER_DAYS or pause.end >= today:
            continue
        limit = today
        if index + 1 < len(ordered):
            limit = min(limit, ordered[index + 1].start - timedelta(days=1))
        first = pause.end + timedelta(days=1)
        if first > limit:
            continue
        last = _last_eased(days, first, limit)
        if last is None and limit < today:
            last = limit
        found.append(Easing(pause, last))
    return tuple(found)


def _last_eased(days: DaysBetween, first: date, limit: date) -> date | None:
    sessions = 0
    start = first
    while start <= limit:
        end = min(limit, start + timedelta(days=_SCAN_DAYS - 1))
        for record in days(start, end):
            if record.holds or record.marks:
                sessions += 1
                if sessions == EASED_SESSIONS:
                    return record.day
        start = end + timedelta(days=1)
    return None


class EasedRoutine:
    """The routine in force (``RoutineInForce``), with every dose eased on the days of a graded
    return (``easings``). The eased routine of a version is made once, so it keeps its identity
    (the streaks remember work by it)."""

    def __init__(
        self, routine: RoutineInForce, found: Sequence[Easing], pauses: Sequence[Pause] = ()
    ) -> None:
        self._routine = routine
        self.easings = tuple(found)
        #: The pauses the graded returns follow.
        self.pauses = tuple(pauses)
        self._eased: dict[int, tuple[Routine, Routine]] = {}

    def easing_on(self, day: date) -> Easing | None:
        """The graded return ``day`` is part of, if any."""
        return next((easing for easing in self.easings if easing.covers(day)), None)

    def in_force(self, day: date) -> Routine:
        """The routine in force on ``day``, eased if ``day`` is part of a graded return."""
        routine = self._routine.in_force(day)
        if self.easing_on(day) is None:
            return routine
        known = self._eased.get(id(routine))
        if known is None or known[0] is not routine:
            exercises = tuple(
                replace(exercise, dose=eased_dose(exercise.dose)) for exercise in routine.exercises
            )
            known = self._eased[id(routine)] = (
                routine,
                Routine(exercises, routine.file, routine.source),
            )
        return known[1]
