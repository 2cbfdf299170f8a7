"""Schedules: which days an exercise falls on, from its RFC 5545 RRULE.

Schedules are RRULEs read by python-dateutil. A rule without its own ``DTSTART`` counts from
``SCHEDULE_START``, which matters only for an ``INTERVAL`` above 1 or a ``WEEKLY`` rule without
``BYDAY``. The RRULE text is split into its parts in one place, ``rule_parts``; every reader of a
schedule (checking it, the plan arithmetic, the report's words) goes through it. A plain daily or
weekly rule, such as every rule of the default routine, is checked and planned by arithmetic
on day numbers, so that most starts never import dateutil's rules (nor the parser and
``decimal`` that reading an RRULE text pulls in).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from functools import lru_cache
from math import lcm
from typing import TYPE_CHECKING

from psoas_tui.core.model import Exercise
from psoas_tui.core.validate import cut, shown

if TYPE_CHECKING:
    from dateutil.rrule import rrule

#: Where a schedule without its own ``DTSTART`` starts counting: a Monday, so that
#: ``FREQ=WEEKLY`` alone means Mondays and ``INTERVAL=2`` weeks start on a Monday.
SCHEDULE_START = datetime(2000, 1, 3)

#: What a schedule may be, for a refusal.
SCHEDULE_ALLOWED = (
    'an RRULE with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY that occurs, such as "FREQ=DAILY" or '
    '"FREQ=WEEKLY;BYDAY=MO,WE,FR", optionally after a line "DTSTART:YYYYMMDD"'
)
#: The RRULE parts a schedule of days may use.
RULE_PARTS = frozenset(
    {
        "FREQ",
        "INTERVAL",
        "COUNT",
        "UNTIL",
        "BYDAY",
        "BYMONTHDAY",
        "BYMONTH",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYSETPOS",
        "WKST",
    }
)
#: RRULE weekday codes, Monday first as ``date.weekday()`` counts.
RRULE_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_FREQUENCIES = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_INTERVAL = (1, 366)
_DTSTART = re.compile(r"DTSTART(?:;VALUE=DATE)?:\d{8}(?:T\d{6})?", re.ASCII)
_UNTIL = re.compile(r"\d{8}(?:T\d{6})?", re.ASCII)
# ASCII digits only: str.isdigit() also takes "²", which int() then rejects.
_DIGITS = re.compile(r"\d+", re.ASCII)
_ONE_RULE = "a schedule is one RRULE line, optionally after a DTSTART line"


class ScheduleError(ValueError):
    """A schedule that is not a usable RRULE. ``problem`` says why, ``allowed`` what would do."""

    def __init__(self, problem: str, allowed: str = "") -> None:
        self.problem = problem
        self.allowed = allowed or SCHEDULE_ALLOWED
        super().__init__(f"{problem}; allowed: {self.allowed}")


def rule_parts(schedule: str) -> dict[str, str]:
    """The ``NAME=VALUE`` parts of ``schedule``'s RRULE, names and values upper-case.

    A ``DTSTART`` line before the rule is given as the part ``DTSTART`` (its date, as written),
    so a plain rule is one whose parts are all of a few known names. ``ScheduleError`` if the
    text is not one rule line of known, distinct ``NAME=VALUE`` parts.
    """
    start_line, rule_line = _lines(schedule)
    parts = _parts_of(rule_line)
    if start_line:
        return {"DTSTART": start_line.rpartition(":")[2], **parts}
    return parts


@lru_cache(maxsize=256)
def compile_schedule(schedule: str) -> rrule:
    """The dateutil rule for ``schedule``; ``ScheduleError`` if it is not a usable RRULE.

    Only day-sized frequencies and parts are accepted: a schedule says which days, and a rule
    by the hour or an ``INTERVAL`` of 0 would make dateutil walk for minutes or forever.
    Zoned ``DTSTART`` and ``UNTIL`` values are refused because days here are the user's local
    dates. ``COUNT`` needs a ``DTSTART`` of its own: counted from ``SCHEDULE_START`` it would
    have run out long ago.
    """
    start_line, rule_line, parts = _checked_parts(schedule)
    text = "\n".join(line for line in (start_line, "RRULE:" + rule_line) if line)
    from dateutil.rrule import rrule, rrulestr

    try:
        rule = rrulestr(text, dtstart=SCHEDULE_START, cache=True)
    except (ValueError, TypeError, OverflowError) as error:
        raise ScheduleError(f"it does not parse ({cut(str(error))})") from None
    if not isinstance(rule, rrule):
        raise ScheduleError(_ONE_RULE)
    if _no_set_position_fits(parts) or _no_day_passes(parts) or not _occurs(rule, parts):
        raise ScheduleError("it never occurs")
    return rule


def check_schedule(schedule: str) -> None:
    """``ScheduleError`` if ``schedule`` is not a usable RRULE, exactly as ``compile_schedule``
    would say; a plain daily or weekly rule is checked without building dateutil's rule."""
    plain = _plain(schedule)
    if plain is None:
        compile_schedule(schedule)
    elif not plain[1]:
        raise ScheduleError("it never occurs")


def _checked_parts(schedule: str) -> tuple[str, str, dict[str, str]]:
    """The ``DTSTART`` line, the rule line and its parts, once the checks that need no dateutil
    have passed (see ``compile_schedule``)."""
    start_line, rule_line = _lines(schedule)
    parts = _parts_of(rule_line)
    if parts.get("FREQ") not in _FREQUENCIES:
        raise ScheduleError(f"FREQ={cut(parts.get('FREQ', ''))} is not a frequency of days")
    interval = parts.get("INTERVAL", "1")
    if not (_DIGITS.fullmatch(interval) and _INTERVAL[0] <= int(interval) <= _INTERVAL[1]):
        raise ScheduleError(f"INTERVAL={cut(interval)} is out of range", "INTERVAL from 1 to 366")
    if "UNTIL" in parts and not _UNTIL.fullmatch(parts["UNTIL"]):
        raise ScheduleError(
            f"UNTIL={cut(parts['UNTIL'])} is not a local date", "UNTIL=YYYYMMDD, with no time zone"
        )
    if "COUNT" in parts and not start_line:
        raise ScheduleError(
            "COUNT counts from the start of the schedule, which is not given",
            'a "DTSTART:YYYYMMDD" line before the RRULE, or UNTIL instead of COUNT',
        )
    return start_line, rule_line, parts


def _lines(schedule: str) -> tuple[str, str]:
    """The schedule's ``DTSTART`` line (``""`` if none) and its rule line without ``RRULE:``."""
    lines = [line.strip() for line in schedule.strip().upper().splitlines() if line.strip()]
    start_line = ""
    if lines and lines[0].startswith("DTSTART"):
        start_line = lines.pop(0)
        if not _DTSTART.fullmatch(start_line):
            raise ScheduleError(
                f"{shown(start_line)} is not a local start date",
                '"DTSTART:YYYYMMDD" with no time zone',
            )
    if len(lines) != 1:
        raise ScheduleError(_ONE_RULE)
    return start_line, lines[0].removeprefix("RRULE:")


def _parts_of(rule_line: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for part in rule_line.split(";"):
        name, equals, value = part.partition("=")
        if not equals or not value:
            raise ScheduleError(f"{shown(part)} is not NAME=VALUE")
        if name not in RULE_PARTS:
            raise ScheduleError(
                f"{cut(name)} is not a part of a schedule of days",
                ", ".join(sorted(RULE_PARTS)),
            )
        if name in parts:
            raise ScheduleError(f"{cut(name)} is given twice")
        parts[name] = value
    return parts


#: The last whole 400-year cycle dateutil reaches. Dates, weekdays and week numbers repeat every
#: 400 years, so a day that passes a rule's filters falls in this cycle or in none.
_LAST_CYCLE = "DTSTART:96000101"
_DAY_FILTERS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")


def _no_day_passes(parts: Mapping[str, str]) -> bool:
    """Whether no day of any year passes the rule's filters (30 February, week 60, ...).

    dateutil can only tell by walking to the year 9999 one period at a time: seconds for a daily
    rule. A yearly rule with the same filters (weekdays without their ordinals) allows every day
    the rule could, and one 400-year cycle of it settles the question.
    """
    if not any(name in parts for name in (*_DAY_FILTERS, "BYDAY")):
        return False
    filters = [f"{name}={parts[name]}" for name in (*_DAY_FILTERS, "WKST") if name in parts]
    byday = parts.get("BYDAY")
    weekdays = {day.lstrip("+-0123456789") for day in byday.split(",")} if byday else RRULE_WEEKDAYS
    filters.append("BYDAY=" + ",".join(sorted(weekdays)))
    from dateutil.rrule import rrulestr

    superset = rrulestr(f"{_LAST_CYCLE}\nRRULE:FREQ=YEARLY;" + ";".join(filters))
    return next(iter(superset), None) is None


def _no_set_position_fits(parts: Mapping[str, str]) -> bool:
    """Whether every ``BYSETPOS`` asks for a day further into a period than any period holds.

    The 2nd day of a daily rule, or the 8th of a weekly one, would make dateutil walk to the year
    9999 building each period's days to find none: an upper bound on the days a period can hold
    settles it by arithmetic.
    """
    if "BYSETPOS" not in parts:
        return False
    positions = [abs(int(position)) for position in parts["BYSETPOS"].split(",")]
    return min(positions) > _most_days_in_a_period(parts)


def _most_days_in_a_period(parts: Mapping[str, str]) -> int:
    """An upper bound on the days one period of the rule holds, from its frequency and filters.

    Each month day or year day named falls at most once in a day, a week or a month (its
    repeats are four weeks apart or more), and once a month in a year; a bare weekday at most
    five times a month and 53 times a year, one with an ordinal (``2MO``) once per month or
    year it counts in. Without any of these filters, dateutil takes the start's own day.
    """
    frequency = parts["FREQ"]
    most = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}[frequency]
    months = len(set(parts["BYMONTH"].split(","))) if "BYMONTH" in parts else 12
    per_month = months if frequency == "YEARLY" else 1
    if not any(name in parts for name in ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY")):
        return per_month if frequency == "YEARLY" and "BYMONTH" in parts else 1
    if "BYMONTHDAY" in parts:
        most = min(most, len(set(parts["BYMONTHDAY"].split(","))) * per_month)
    if "BYYEARDAY" in parts:
        most = min(most, len(set(parts["BYYEARDAY"].split(","))))
    if "BYWEEKNO" in parts:
        most = min(most, 7 * len(set(parts["BYWEEKNO"].split(","))))
    if "BYDAY" in parts:
        days = set(parts["BYDAY"].split(","))
        bare = {day for day in days if day in RRULE_WEEKDAYS}
        counted = len(days - bare)
        if frequency == "MONTHLY":
            most = min(most, 5 * len(bare) + counted)
        elif frequency == "YEARLY" and "BYMONTH" in parts:
            most = min(most, (5 * len(bare) + counted) * months)
        elif frequency == "YEARLY":
            most = min(most, 53 * len(bare) + counted)
        else:
            most = min(most, len({day.lstrip("+-0123456789") for day in days}))
    return most


#: Dates, weekdays and week numbers repeat every 400 years: a rule that steps ``INTERVAL``
#: periods at a time meets every kind of period it ever will within 400 x ``INTERVAL`` years.
_CYCLE_YEARS = 400


def _occurs(rule: rrule, parts: Mapping[str, str]) -> bool:
    """Whether the rule has a day, walking at most two cycles of periods (see ``_CYCLE_YEARS``).

    dateutil looks for a rule's first day one period at a time up to the year 9999, whatever its
    ``UNTIL``: a rule none of whose periods hold a day is walked to the end. So the same rule is
    first walked from a start moved on by whole cycles (the same weekday, the same kinds of
    period in the same order) to just far enough before 9999: it has a day there if and only if
    it has one at all. Only a rule that does is walked from its own start, which then reaches its
    first day (or its ``UNTIL`` or ``COUNT``) within a cycle.
    """
    start = _local(parts["DTSTART"]) if "DTSTART" in parts else SCHEDULE_START
    span = _CYCLE_YEARS * int(parts.get("INTERVAL", "1"))
    cycles = max(0, (datetime.max.year - start.year - span) // _CYCLE_YEARS)
    if cycles:
        moved = start.replace(year=start.year + cycles * _CYCLE_YEARS)
        if next(iter(rule.replace(dtstart=moved, count=None, until=None)), None) is None:
            return False
    return next(iter(rule), None) is not None


def _local(written: str) -> datetime:
    """A ``DTSTART`` or ``UNTIL`` value (``YYYYMMDD``, ``YYYYMMDDTHHMMSS``) as dateutil reads it."""
    return datetime.strptime(written, "%Y%m%dT%H%M%S" if "T" in written else "%Y%m%d")


def occurs_on(schedule: str, day: date) -> bool:
    """Whether the RRULE ``schedule`` falls on ``day``.

    Each year of a schedule is expanded once and kept, so asking about every day of ten years
    costs ten expansions per schedule, not one walk of the rule per day.
    """
    return day in _days_in_year(schedule, day.year)


@lru_cache(maxsize=4096)
def _days_in_year(schedule: str, year: int) -> frozenset[date]:
    moments = compile_schedule(schedule).between(
        datetime(year, 1, 1), datetime.combine(date(year, 12, 31), time.max), inc=True
    )
    return frozenset(moment.date() for moment in moments)


class RoutinePlans:
    """The routine's plan for any day, worked out once per routine.

    A plain daily or weekly rule (only ``FREQ``, ``INTERVAL``, ``BYDAY`` with bare weekdays and
    ``WKST``, counted from ``SCHEDULE_START``) repeats every few days: the days of one period are
    worked out once (``_plain``) and every day after that is arithmetic on day numbers, with no
    RRULE walk and no year to expand. Any other rule asks ``occurs_on``.
    """

    def __init__(self, exercises: Sequence[Exercise]) -> None:
        self._tests = [(exercise, _occurrence_test(exercise.schedule)) for exercise in exercises]

    def on(self, day: date) -> tuple[str, ...]:
        """Ids of the exercises the routine schedules on ``day``, in routine order."""
        return tuple(exercise.id for exercise in self.exercises_on(day))

    def exercises_on(self, day: date) -> tuple[Exercise, ...]:
        """The exercises the routine schedules on ``day``, in routine order."""
        ordinal = day.toordinal()
        return tuple(exercise for exercise, occurs in self._tests if occurs(ordinal))


@lru_cache(maxsize=8)
def plans_of(exercises: tuple[Exercise, ...]) -> RoutinePlans:
    """The ``RoutinePlans`` of these exercises, kept for the few routines a process sees."""
    return RoutinePlans(exercises)


def _occurrence_test(schedule: str) -> Callable[[int], bool]:
    """A test of a day's ordinal that answers as ``occurs_on`` does."""
    plain = _plain(schedule)
    if plain is None:
        return lambda ordinal: occurs_on(schedule, date.fromordinal(ordinal))
    period, residues = plain
    start = SCHEDULE_START.toordinal()
    return lambda ordinal: ordinal >= start and ordinal % period in residues


def _plain(schedule: str) -> tuple[int, frozenset[int]] | None:
    """For a plain daily or weekly rule, its period in days and the remainders (of a day's
    ordinal divided by the period) of the days it falls on, from ``SCHEDULE_START`` on, worked
    out as dateutil would walk the rule; ``None`` for any other rule, and for a schedule
    ``compile_schedule`` refuses for a reason other than never occurring.

    Plain means only ``FREQ`` (``DAILY`` or ``WEEKLY``), ``INTERVAL``, ``BYDAY`` with bare
    weekdays and ``WKST``, and no ``DTSTART`` line. A daily rule falls on every ``INTERVAL``-th
    day from the start that has one of the weekdays; a weekly one on the weekdays (else the
    start's) of every ``INTERVAL``-th week, weeks beginning on ``WKST`` (Monday).
    """
    try:
        start_line, _rule_line, parts = _checked_parts(schedule)
    except ScheduleError:
        return None
    if start_line or not set(parts) <= {"FREQ", "INTERVAL", "BYDAY", "WKST"}:
        return None
    weekdays = parts["BYDAY"].split(",") if "BYDAY" in parts else []
    week_start = parts.get("WKST", "MO")
    if not set(weekdays) <= set(RRULE_WEEKDAYS) or week_start not in RRULE_WEEKDAYS:
        return None
    interval = int(parts.get("INTERVAL", "1"))
    start = SCHEDULE_START.toordinal()
    days = {RRULE_WEEKDAYS.index(day) for day in weekdays}
    if parts["FREQ"] == "DAILY":
        period = interval if not days else lcm(interval, 7)

        def falls(ordinal: int) -> bool:
            return (ordinal - start) % interval == 0 and (not days or _weekday(ordinal) in days)

    elif parts["FREQ"] == "WEEKLY":
        period = 7 * interval
        days = days or {_weekday(start)}
        first_week = start - (_weekday(start) - RRULE_WEEKDAYS.index(week_start)) % 7

        def falls(ordinal: int) -> bool:
            return _weekday(ordinal) in days and (ordinal - first_week) // 7 % interval == 0

    else:
        return None
    # The first period may be cut short by the rule's start; the second one is always whole.
    whole = range(start + period, start + 2 * period)
    return period, frozenset(ordinal % period for ordinal in whole if falls(ordinal))


def _weekday(ordinal: int) -> int:
    """``date.fromordinal(ordinal).weekday()``: day 1 of the proleptic calendar is a Monday."""
    return (ordinal - 1) % 7
