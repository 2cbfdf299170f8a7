"""Streaks and trends: each day's status, the current and longest streaks, completion rates.

A day is done when every exercise planned on it is complete, partial when some are and missed
when none are. A day with nothing planned is a rest day; a day not done with severe pain or a
warning or urgent sign logged is a symptom rest; otherwise today is pending until done. Those three
neither add to a streak nor break it. Everything here works on dates (the ``day`` each record
carries, decided once when it was made, after ``day_starts_at``), never on timestamps, so a DST
change or travel never breaks a streak or counts a day twice.

Which routine decides a day: the version in force on it (``core.routine_versions``), so a change
to the routine never rewrites a day that has passed.

* A touched day (``DayRecord.planned`` is not ``None``) is judged against the plan frozen when it
  was first touched; an untouched day against the schedule of the version in force on it (a
  schedule made daily does not turn past rest days into missed ones).
* An exercise is complete as ``core.progress.exercise_complete`` decides, with its dose from the
  version in force that day (a dose raised does not turn past done days into partial ones). An
  exercise that version does not have is complete when it was marked done by hand, or when
  every hold recorded for it that day was complete (its planned holds are not known, so the
  holds the timer recorded stand for them).

The routine's history starts on the first day a plan was frozen (the first day the app or a
command wrote to). Earlier days are "not tracked": neutral, whatever was logged on them, so
installing the app is never a run of missed days and backfilling how a past day felt never turns
it into a missed one. Days with a symptom entry before that start still carry its scores.

A day inside a pause the person declared (``core.pauses``) is paused, neutral like a rest day,
whatever else it would have been, unless it was done anyway: a day done counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from operator import attrgetter

from psoas_tui.core.dates import EARLIEST_DAY
from psoas_tui.core.model import DayRecord, Exercise, Pause, SymptomEntry
from psoas_tui.core.progress import complete_keys, counted_holds, exercise_complete
from psoas_tui.core.routine import Routine, RoutineInForce, RoutinePlans
from psoas_tui.core.symptoms import SEVERE_FROM

#: Reads the day records from a first to a last day, both included (``Repository.days``).
DaysBetween = Callable[[date, date], Iterable[DayRecord]]
#: The symptom entries from one day to another, both included: ``Repository.entries`` fits.
EntriesBetween = Callable[[date, date], Iterable[SymptomEntry]]


class DayStatus(StrEnum):
    """What a day was, for the streak."""

    DONE = "done"
    PARTIAL = "partial"
    MISSED = "missed"
    REST = "rest"
    SYMPTOM_REST = "symptom rest"
    PENDING = "pending"
    NOT_TRACKED = "not tracked"
    PAUSED = "paused"


#: Statuses that neither add to a streak nor break it: never scheduled-and-missed, never done.
NEUTRAL = frozenset(
    {
        DayStatus.REST,
        DayStatus.SYMPTOM_REST,
        DayStatus.PENDING,
        DayStatus.NOT_TRACKED,
        DayStatus.PAUSED,
    }
)


@dataclass(frozen=True)
class DaySummary:
    """One day as the streak screen shows it.

    ``planned`` is the ids of the exercises scheduled that day, ``complete`` those complete.
    ``holds`` counts every hold recorded and ``seconds_held`` every second held: a hold stopped
    early still took effort. ``pain`` and ``stiffness`` are the day's highest scores, ``None``
    when no entry gave one; ``signs`` every warning or urgent sign logged that day.
    """

    day: date
    status: DayStatus
    planned: tuple[str, ...]
    complete: tuple[str, ...]
    holds: int
    seconds_held: float
    pain: int | None
    stiffness: int | None
    signs: tuple[str, ...]


@dataclass(frozen=True)
class Streak:
    """A run of counted days: its length and its first and last counted dates."""

    length: int
    first: date | None
    last: date | None


NO_STREAK = Streak(0, None, None)


@dataclass(frozen=True)
class Rate:
    """Days done out of the last scheduled days counted (``days`` may be fewer than asked)."""

    done: int
    days: int

    @property
    def share(self) -> float | None:
        """``done / days``, or ``None`` before any scheduled day has counted."""
        return self.done / self.days if self.days else None


@dataclass(frozen=True)
class StreakFigures:
    """Every figure of the streak screen and of ``psoas status``."""

    current: Streak
    longest: Streak
    last_7: Rate
    last_30: Rate
    total_holds: int
    minutes_held: int


@dataclass(frozen=True)
class _Recorded:
    """What was recorded up to today, by day: the records, the highest scores and the signs."""

    records: dict[date, DayRecord]
    pains: dict[date, int]
    stiffnesses: dict[date, int]
    signs: dict[date, tuple[str, ...]]
    first: date
    #: The first day with a frozen plan: the routine's history starts there (``None``: none yet).
    tracked_from: date | None

    @classmethod
    def gather(
        cls, days: Iterable[DayRecord], entries: Iterable[SymptomEntry], today: date
    ) -> _Recorded:
        """Sort out ``days`` and ``entries`` by day, leaving out those after ``today`` and those
        before ``EARLIEST_DAY`` (a typo that would have every day from it on judged)."""
        records = {record.day: record for record in days if EARLIEST_DAY <= record.day <= today}
        pains: dict[date, int] = {}
        stiffnesses: dict[date, int] = {}
        signs: dict[date, tuple[str, ...]] = {}
        for entry in entries:
            day = entry.day
            if not EARLIEST_DAY <= day <= today:
                continue
            # The day's highest pain, as ``symptoms.daily_highest`` finds it, but in the one pass
            # that also gathers stiffness and signs: calling it would walk every entry twice, and
            # that slows each refresh after a save measurably (``bench/bench_streaks.py``).
            if entry.pain is not None and entry.pain > pains.get(day, -1):
                pains[day] = entry.pain
            if entry.stiffness is not None and entry.stiffness > stiffnesses.get(day, -1):
                stiffnesses[day] = entry.stiffness
            if entry.signs:
                logged = signs.get(day, ())
                signs[day] = logged + tuple(key for key in entry.signs if key not in logged)
        first = min((*records, *pains, *stiffnesses, *signs), default=today)
        tracked_from = min(
            (day for day, record in records.items() if record.planned is not None), default=None
        )
        return cls(records, pains, stiffnesses, signs, first, tracked_from)

    def changed_since(self, before: _Recorded) -> set[date]:
        """The days whose record (by identity), scores or signs differ from ``before``'s."""
        changed = {
            day for day, record in self.records.items() if before.records.get(day) is not record
        }
        changed.update(before.records.keys() - self.records.keys())
        for now, then in (
            (self.pains, before.pains),
            (self.stiffnesses, before.stiffnesses),
            (self.signs, before.signs),
        ):
            if now != then:
                changed.update(
                    day for day in now.keys() | then.keys() if now.get(day) != then.get(day)
                )
        return changed


class StreakBook:
    """Day summaries for one routine and its versions, each day judged again only when what
    decides it changed.

    The repository hands back the very same ``DayRecord`` object while a day's document is
    unchanged, and records are frozen, so comparing this refresh's records (by identity) and
    scores with the last refresh's finds the days a save changed: only those are judged again.
    Keep one book per routine (or set of versions, ``RoutineVersions``) and pauses, and ask it
    again after every save; when the versions or the pauses change, make a new book.
    """

    def __init__(self, routine: RoutineInForce, pauses: Sequence[Pause] = ()) -> None:
        self._routine = routine
        self._pauses = tuple(pauses)
        # Each version's exercises by id and its plans, by the identity of its ``Routine``.
        self._versions: dict[int, _Version] = {}
        self._last: tuple[date, _Recorded, list[DaySummary]] | None = None

    def summaries(
        self, days: Iterable[DayRecord], entries: Iterable[SymptomEntry], today: date
    ) -> list[DaySummary]:
        """Every day from the first one with a record to ``today``, oldest first.

        Records dated after ``today`` are ignored. With nothing recorded at all, the list holds
        ``today`` alone.
        """
        recorded = _Recorded.gather(days, entries, today)
        start = recorded.first.toordinal()
        last = self._last
        if (
            last is not None
            and last[0] == today
            and last[1].first == recorded.first
            and last[1].tracked_from == recorded.tracked_from
        ):
            summaries = list(last[2])
            for day in recorded.changed_since(last[1]):
                summaries[day.toordinal() - start] = self._judge_day(recorded, day, today)
        else:
            summaries = [
                self._judge_day(recorded, date.fromordinal(ordinal), today)
                for ordinal in range(start, today.toordinal() + 1)
            ]
        self._last = (today, recorded, summaries)
        return list(summaries)

    def current_streak(
        self,
        days: Iterable[DayRecord],
        entries: Iterable[SymptomEntry],
        today: date,
        count_partial: bool,
    ) -> Streak:
        """The current streak alone, as ``streak_figures`` finds it, judging days from today
        backwards only until the streak breaks: what ``psoas status`` needs, at a cost that
        follows the streak's length rather than the history's."""
        streak, _reached = self._walk_back(
            _Recorded.gather(days, entries, today), today, count_partial, lowest=None
        )
        return streak

    def current_streak_reading(
        self,
        days: DaysBetween,
        first_day: date | None,
        entries: EntriesBetween,
        today: date,
        count_partial: bool,
    ) -> Streak:
        """``current_streak``, asking ``days`` and ``entries`` only for the weeks the streak
        reaches.

        ``first_day`` is the first day with a day record (``None``: there is none). Ten years of
        history cost no more than the streak's own weeks: a window of days is read, and read
        again four times as long only while the streak runs to its start.
        """
        span = 64
        while True:
            start = date.fromordinal(max(1, today.toordinal() - span))
            if first_day is None or start <= first_day:
                since = first_day or today
                return self.current_streak(
                    days(since, today), entries(since, today), today, count_partial
                )
            recorded = _Recorded.gather(days(start, today), entries(start, today), today)
            streak, reached = self._walk_back(recorded, today, count_partial, lowest=start)
            if not reached:
                return streak
            span *= 4

    def consistency_reading(
        self,
        days: DaysBetween,
        first_day: date | None,
        entries: EntriesBetween,
        today: date,
        count_partial: bool,
    ) -> Consistency | None:
        """``consistency`` of the whole history, asking ``days`` and ``entries`` only for the
        weeks it needs.

        ``first_day`` is the first day with a day record (``None``: there is none). The last
        ``NEVER_TWICE_DAYS`` days are read first, and read again four times as far back only
        while they hold fewer than ``CONSISTENCY_DAYS`` scheduled days. A record before the days
        read is taken to have its plan frozen, as every record the app writes has, so the
        routine's history began before them; if ``first_day`` is a typo before
        ``EARLIEST_DAY`` that cannot be known, and a day that reads as before the history has
        the whole history read.
        """
        span = NEVER_TWICE_DAYS
        while True:
            start = date.fromordinal(max(1, today.toordinal() - span + 1))
            if first_day is None or start <= first_day:
                return self._consistency_of_all(days, first_day, entries, today, count_partial)
            recorded = _Recorded.gather(days(start, today), entries(start, today), today)
            if first_day >= EARLIEST_DAY:
                recorded = replace(recorded, tracked_from=start)
            window = [
                self._judge_day(recorded, date.fromordinal(ordinal), today)
                for ordinal in range(start.toordinal(), today.toordinal() + 1)
            ]
            if any(summary.status is DayStatus.NOT_TRACKED for summary in window):
                return self._consistency_of_all(days, first_day, entries, today, count_partial)
            found = consistency(window, count_partial)
            if found is not None and not found.so_far:
                return found
            span *= 4

    def _consistency_of_all(
        self,
        days: DaysBetween,
        first_day: date | None,
        entries: EntriesBetween,
        today: date,
        count_partial: bool,
    ) -> Consistency | None:
        since = min(first_day or today, today)
        summaries = self.summaries(days(since, today), entries(since, today), today)
        return consistency(summaries, count_partial)

    def _walk_back(
        self, recorded: _Recorded, today: date, count_partial: bool, lowest: date | None
    ) -> tuple[Streak, bool]:
        """The streak ending today, walking back no further than ``lowest`` (if given); and
        whether the walk reached ``lowest`` without the streak breaking."""
        bottom = recorded.first if lowest is None else max(recorded.first, lowest)
        length = 0
        first: date | None = None
        last: date | None = None
        broke = False
        for ordinal in range(today.toordinal(), bottom.toordinal() - 1, -1):
            summary = self._judge_day(recorded, date.fromordinal(ordinal), today)
            if summary.status in NEUTRAL:
                continue
            if not counts(summary.status, count_partial):
                broke = True
                break
            length += 1
            first = summary.day
            last = last or summary.day
        streak = Streak(length, first, last) if length else NO_STREAK
        return streak, not broke and lowest is not None and bottom == lowest

    def _judge_day(self, recorded: _Recorded, day: date, today: date) -> DaySummary:
        version = self._version_on(day)
        record = recorded.records.get(day)
        if record is not None and record.planned is not None:
            planned = record.planned
        else:
            planned = version.plans.on(day)
        if record is not None and (record.holds or record.marks):
            complete = version.complete(planned, record)
            holds, seconds = len(record.holds), sum(map(_held_seconds, record.holds), 0.0)
        else:
            complete, holds, seconds = (), 0, 0.0
        pain = recorded.pains.get(day)
        signs = recorded.signs.get(day, ())
        status = _status(
            planned=len(planned),
            complete=len(complete),
            resting=bool(signs) or (pain is not None and pain >= SEVERE_FROM),
            is_today=day == today,
        )
        tracked_from = recorded.tracked_from
        if day != today and (tracked_from is None or day < tracked_from):
            status = DayStatus.NOT_TRACKED
        if status is not DayStatus.DONE and any(pause.contains(day) for pause in self._pauses):
            status = DayStatus.PAUSED
        stiffness = recorded.stiffnesses.get(day)
        return DaySummary(day, status, planned, complete, holds, seconds, pain, stiffness, signs)

    def _version_on(self, day: date) -> _Version:
        routine = self._routine.in_force(day)
        version = self._versions.get(id(routine))
        if version is None or version.routine is not routine:
            version = self._versions[id(routine)] = _Version(routine)
        return version


class _Version:
    """One version of the routine, as the book judges its days."""

    def __init__(self, routine: Routine) -> None:
        self.routine = routine
        self.plans = RoutinePlans(routine.exercises)
        self._exercises: dict[str, Exercise] = {
            exercise.id: exercise for exercise in routine.exercises
        }
        # Which planned exercises are complete follows from the plan, the complete holds' exercise
        # and side, and the hand marks: over years of mornings a few dozen such patterns recur.
        self._complete_by_pattern: dict[_Pattern, tuple[str, ...]] = {}

    def complete(self, planned: tuple[str, ...], record: DayRecord) -> tuple[str, ...]:
        """The planned exercises complete on ``record``'s day, by this version's doses."""
        keys = complete_keys(record.holds)
        marked = tuple([mark.exercise_id for mark in record.marks])
        pattern = (planned, keys, marked)
        complete = self._complete_by_pattern.get(pattern)
        if complete is None:
            complete = tuple(
                exercise_id
                for exercise_id in planned
                if self._exercise_complete(exercise_id, record, keys, marked)
            )
            if all(exercise_id in self._exercises for exercise_id in planned):
                self._complete_by_pattern[pattern] = complete
        return complete

    def _exercise_complete(
        self,
        exercise_id: str,
        record: DayRecord,
        keys: tuple[tuple[str, str | None], ...],
        marked: tuple[str, ...],
    ) -> bool:
        exercise = self._exercises.get(exercise_id)
        if exercise is not None:
            return exercise_complete(exercise, counted_holds(exercise, keys), exercise_id in marked)
        if exercise_id in marked:
            return True
        recorded = [hold for hold in record.holds if hold.exercise_id == exercise_id]
        return bool(recorded) and all(hold.complete for hold in recorded)


#: A plan, the exercise and side of each complete hold, and the hand-marked exercises.
_Pattern = tuple[tuple[str, ...], tuple[tuple[str, str | None], ...], tuple[str, ...]]

_held_seconds = attrgetter("held_seconds")


def _status(*, planned: int, complete: int, resting: bool, is_today: bool) -> DayStatus:
    if not planned:
        return DayStatus.REST
    if complete >= planned:
        return DayStatus.DONE
    if resting:
        return DayStatus.SYMPTOM_REST
    if is_today:
        return DayStatus.PENDING
    return DayStatus.PARTIAL if complete else DayStatus.MISSED


def counts(status: DayStatus, count_partial: bool) -> bool:
    """Whether a day with ``status`` adds one to a streak."""
    return status is DayStatus.DONE or (count_partial and status is DayStatus.PARTIAL)


def streak_figures(summaries: Sequence[DaySummary], count_partial: bool) -> StreakFigures:
    """The current and longest streaks, the 7- and 30-day completion rates and the totals.

    ``summaries`` are consecutive days, oldest first, the last one today (``StreakBook.summaries``).
    The current streak is the run still open at the end: it ends today, or on the last counted
    day while every day after it is neutral (today pending, rest, symptom rest). On equal
    lengths the longest streak is the most recent run.
    """
    longest = NO_STREAK
    run = 0
    run_first: date | None = None
    run_last: date | None = None
    total_holds = 0
    seconds_held = 0.0
    for summary in summaries:
        total_holds += summary.holds
        seconds_held += summary.seconds_held
        status = summary.status
        if status in NEUTRAL:
            continue
        if counts(status, count_partial):
            run += 1
            if run == 1:
                run_first = summary.day
            run_last = summary.day
            if run >= longest.length:
                longest = Streak(run, run_first, run_last)
        else:
            run, run_first, run_last = 0, None, None
    current = Streak(run, run_first, run_last) if run else NO_STREAK
    return StreakFigures(
        current=current,
        longest=longest,
        last_7=_rate(summaries, 7, count_partial),
        last_30=_rate(summaries, 30, count_partial),
        total_holds=total_holds,
        minutes_held=round(seconds_held / 60),
    )


def _rate(summaries: Sequence[DaySummary], wanted: int, count_partial: bool) -> Rate:
    """Over the last ``wanted`` days that were scheduled and count.

    Rest days, symptom rests and a pending today are left out: resting through warning signs is
    never a mark against the user, and today is not over.
    """
    done = days = 0
    for summary in reversed(summaries):
        if summary.status in NEUTRAL:
            continue
        days += 1
        done += counts(summary.status, count_partial)
        if days == wanted:
            break
    return Rate(done, days)


#: Consistency counts the last this many scheduled days...
CONSISTENCY_DAYS = 7
#: ...and looks over this many calendar days (today and the days before it) for a lapse of two
#: scheduled days in a row.
NEVER_TWICE_DAYS = 30
#: What consistency says while no two scheduled days in a row went uncounted.
NEVER_TWICE = "never twice in a row"


@dataclass(frozen=True)
class Consistency:
    """How steadily the routine is kept, shown beside the streak so one lapse is not a reset.

    ``counted`` of the last ``days`` scheduled days count as a streak counts them (done, or
    partial with ``count_partial``). A scheduled day is one that is done, partial or missed; rest
    days, symptom rests, a pending today, days before the routine's history and any other
    neutral day are stepped over. ``days`` is ``CONSISTENCY_DAYS``, or fewer while the history
    holds fewer (``so_far``). ``never_twice`` holds while the last ``NEVER_TWICE_DAYS`` calendar
    days have at least two scheduled days and no two of them in a row (neutral days between them
    stepped over) both went uncounted.
    """

    counted: int
    days: int
    never_twice: bool

    @property
    def so_far(self) -> bool:
        """Whether the history holds fewer than ``CONSISTENCY_DAYS`` scheduled days yet."""
        return self.days < CONSISTENCY_DAYS

    def describe(self) -> str:
        """``5 of the last 7 scheduled days``, or ``3 of 4 scheduled days so far``."""
        if self.so_far:
            return f"{self.counted} of {self.days} scheduled days so far"
        return f"{self.counted} of the last {self.days} scheduled days"

    def describe_short(self) -> str:
        """``5 of last 7``, or ``3 of 4 so far``: for a line with little room (Today's)."""
        if self.so_far:
            return f"{self.counted} of {self.days} so far"
        return f"{self.counted} of last {self.days}"


def consistency(summaries: Sequence[DaySummary], count_partial: bool) -> Consistency | None:
    """The consistency of ``summaries``: consecutive days, oldest first, the last one today
    (``StreakBook.summaries``); ``None`` while they hold fewer than two scheduled days, when a
    share would say nothing yet."""
    if not summaries:
        return None
    rate = _rate(summaries, CONSISTENCY_DAYS, count_partial)
    if rate.days < 2:
        return None
    since = summaries[-1].day.toordinal() - NEVER_TWICE_DAYS + 1
    scheduled = 0
    lapsed_after = False
    never_twice = True
    for summary in reversed(summaries):
        if summary.day.toordinal() < since:
            break
        if summary.status in NEUTRAL:
            continue
        scheduled += 1
        lapsed = not counts(summary.status, count_partial)
        if lapsed and lapsed_after:
            never_twice = False
            break
        lapsed_after = lapsed
    return Consistency(rate.done, rate.days, never_twice and scheduled >= 2)
