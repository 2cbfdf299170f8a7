"""A realistic, seeded history: for trying the app, for snapshots and for benchmarks.

Mostly done mornings, a few missed weeks, the odd partial day, stiffness that eases over the
years, and, ending yesterday, a pain episode long enough for the persistent-pain rule, plus a
warning sign logged two months ago. The same seed always gives the same history.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, tzinfo

from psoas_tui.core.model import DayRecord, DoneMark, History, Hold, SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.core.signs import ALWAYS_SHOWN

#: Days in the pain episode that ends yesterday: 9 pain dates, more than a week.
EPISODE_DAYS = 9
#: How long before today the demo's warning sign was logged.
WARNING_DAYS_AGO = 60

_PLACES = ("lower_back", "left_hip", "right_hip", "front_thigh", "buttock", "left_groin")
_NOTES = (
    "long day at the desk",
    "after a run",
    "slept badly",
    "felt looser after the bridge",
    "cycled to work",
    "",
)


def demo_history(routine: Routine, today: date, zone: tzinfo, years: int, seed: int = 1) -> History:
    """``years`` years of history ending yesterday (today is left for the user to do)."""
    rng = random.Random(seed)
    first = today - timedelta(days=365 * years)
    missed = _missed_days(rng, first, today)
    span = (today - first).days
    days: list[DayRecord] = []
    entries: list[SymptomEntry] = []
    for offset in range(span):
        day = first + timedelta(days=offset)
        record = _routine_day(rng, routine, day, zone, skip=day in missed)
        if record is not None:
            days.append(record)
        entry = _entry(rng, day, zone, today, eased=offset / span)
        if entry is not None:
            entries.append(entry)
    return History(days=tuple(days), entries=tuple(entries))


def _missed_days(rng: random.Random, first: date, today: date) -> set[date]:
    # Two missed weeks a year (a holiday, a cold), never in the last month.
    missed: set[date] = set()
    years = max(1, (today - first).days // 365)
    for _ in range(2 * years):
        start = first + timedelta(days=rng.randrange(max(1, (today - first).days - 40)))
        missed.update(start + timedelta(days=n) for n in range(7))
    return missed


def _morning(rng: random.Random, day: date, zone: tzinfo) -> datetime:
    minutes = rng.randrange(6 * 60 + 30, 8 * 60 + 30)
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=zone)


def _routine_day(
    rng: random.Random, routine: Routine, day: date, zone: tzinfo, skip: bool
) -> DayRecord | None:
    scheduled = routine.scheduled_on(day)
    if not scheduled or skip or rng.random() < 0.07:
        return None
    planned = tuple(exercise.id for exercise in scheduled)
    doing = scheduled
    if rng.random() < 0.06:
        doing = scheduled[: rng.randrange(1, len(scheduled))]
    at = _morning(rng, day, zone)
    holds: list[Hold] = []
    marks: list[DoneMark] = []
    for exercise in doing:
        if rng.random() < 0.03:
            marks.append(DoneMark(exercise.id, day, at))
            continue
        planned_seconds = float(exercise.dose.hold_seconds)
        for side, rep in _holds_of(exercise.dose.sides, exercise.dose.reps):
            # Now and then a hold is let go early and done again.
            shares = [rng.uniform(0.3, 0.8)] if rng.random() < 0.02 else []
            shares.append(rng.uniform(0.97, 1.06))
            for share in shares:
                held = round(planned_seconds * share, 1)
                holds.append(Hold(exercise.id, side, rep, planned_seconds, held, at, day))
                at += timedelta(seconds=held + exercise.dose.rest_seconds)
    return DayRecord(day, planned, tuple(holds), tuple(marks))


def _holds_of(sides: tuple[str, ...], reps: int) -> Iterator[tuple[str | None, int]]:
    for side in sides or (None,):
        for rep in range(1, reps + 1):
            yield side, rep


def _entry(
    rng: random.Random, day: date, zone: tzinfo, today: date, eased: float
) -> SymptomEntry | None:
    days_ago = (today - day).days
    in_episode = days_ago <= EPISODE_DAYS
    warning_day = days_ago == WARNING_DAYS_AGO
    if not in_episode and not warning_day and rng.random() < 0.25:
        return None
    stiffness = round(6 - 4 * eased + rng.gauss(0, 1.2))
    if in_episode:
        pain = rng.randint(3, 5)
    elif rng.random() < 0.6:
        pain = 0
    else:
        pain = rng.randint(1, 3)
    signs: tuple[str, ...] = ()
    if warning_day:
        pain, signs = 5, ("radiating",)
    where = tuple(sorted(rng.sample(_PLACES, rng.randint(1, 2)))) if pain else ()
    return SymptomEntry(
        id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
        day=day,
        logged_at=_morning(rng, day, zone) + timedelta(minutes=20),
        pain=pain,
        stiffness=min(10, max(0, stiffness)),
        stiffness_minutes=rng.choice((None, 5, 10, 15, 20, 30)),
        where=where,
        signs=signs,
        note=rng.choice(_NOTES),
        # As the form asks them: the questions always shown.
        asked=ALWAYS_SHOWN,
    )
