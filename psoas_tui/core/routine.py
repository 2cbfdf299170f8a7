"""The routine: which exercises, with what dose, on which days.

The default routine is ``data/routine.toml``, built from the two seed articles. A user's own
``routine.toml`` in the config directory replaces it as a whole. Every field is checked: a file
that breaks a rule is refused with ``FileRefused`` naming the file, the exercise (by id, or by
position when the id itself is the problem), the field and what is allowed.

Schedules are RFC 5545 RRULEs read by python-dateutil. A rule without its own ``DTSTART`` counts
from ``SCHEDULE_START``, which matters only for an ``INTERVAL`` above 1 or a ``WEEKLY`` rule
without ``BYDAY``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from math import lcm
from pathlib import Path

from dateutil.rrule import rrule, rrulestr

from psoas_tui.core.errors import FileRefused, PsoasError
from psoas_tui.core.model import SIDES, Dose, Exercise
from psoas_tui.core.textfile import read_user_text

#: Where a schedule without its own ``DTSTART`` starts counting: a Monday, so that
#: ``FREQ=WEEKLY`` alone means Mondays and ``INTERVAL=2`` weeks start on a Monday.
SCHEDULE_START = datetime(2000, 1, 3)

#: The schedule of an exercise whose ``schedule`` is left out (``specs/streaks.md``).
DEFAULT_SCHEDULE = "FREQ=DAILY"

#: The sources an exercise may name: the two seed articles, or the user's own.
SOURCES: Mapping[str, str] = {
    "000": "How to Release Your Psoas With Effective Exercises",
    "001": "Simple stretches that target the psoas",
    "own": "an exercise from your own clinician or reading",
}

# Sane bounds, wide enough for any dose the articles give (constructive rest: up to 10 minutes).
REPS = (1, 10)
HOLD_SECONDS = (5, 1200)
REST_SECONDS = (0, 300)
BREATHS = (1, 20)
#: Seconds one paced breath can take: ``breath_in + breath_out``, each 2 to 12 s in config.toml.
SECONDS_PER_BREATH = (4, 24)
ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
ID_LENGTH = 40
NAME_LENGTH = 60
#: Longest value echoed in a refusal: a huge one is cut, so the message stays one short line.
SHOWN_LENGTH = 60
#: A field named as it is written; any other key is shown quoted.
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}", re.ASCII)


class ScheduleError(ValueError):
    """A schedule that is not a usable RRULE. ``problem`` says why, ``allowed`` what would do."""

    def __init__(self, problem: str, allowed: str = "") -> None:
        self.problem = problem
        self.allowed = allowed or _SCHEDULE_ALLOWED
        super().__init__(f"{problem}; allowed: {self.allowed}")


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
        return _plans_of(self.exercises).exercises_on(day)


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


_SCHEDULE_ALLOWED = (
    'an RRULE with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY that occurs, such as "FREQ=DAILY" or '
    '"FREQ=WEEKLY;BYDAY=MO,WE,FR", optionally after a line "DTSTART:YYYYMMDD"'
)
_RULE_PARTS = frozenset(
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
_FREQUENCIES = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_INTERVAL = (1, 366)
_DTSTART = re.compile(r"DTSTART(?:;VALUE=DATE)?:\d{8}(?:T\d{6})?", re.ASCII)
_UNTIL = re.compile(r"\d{8}(?:T\d{6})?", re.ASCII)
_DIGITS = re.compile(r"\d+", re.ASCII)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@lru_cache(maxsize=256)
def compile_schedule(schedule: str) -> rrule:
    """The dateutil rule for ``schedule``; ``ScheduleError`` if it is not a usable RRULE.

    Only day-sized frequencies and parts are accepted: a schedule says which days, and a rule
    by the hour or an ``INTERVAL`` of 0 would make dateutil walk for minutes or forever.
    Zoned ``DTSTART`` and ``UNTIL`` values are refused because days here are the user's local
    dates. ``COUNT`` needs a ``DTSTART`` of its own: counted from ``SCHEDULE_START`` it would
    have run out long ago.
    """
    lines = [line.strip() for line in schedule.strip().upper().splitlines() if line.strip()]
    start_line = ""
    if lines and lines[0].startswith("DTSTART"):
        start_line = lines.pop(0)
        if not _DTSTART.fullmatch(start_line):
            raise ScheduleError(
                f"{_shown(start_line)} is not a local start date",
                '"DTSTART:YYYYMMDD" with no time zone',
            )
    if len(lines) != 1:
        raise ScheduleError("a schedule is one RRULE line, optionally after a DTSTART line")
    rule_line = lines[0].removeprefix("RRULE:")
    parts = _rule_parts(rule_line)
    if parts.get("FREQ") not in _FREQUENCIES:
        raise ScheduleError(f"FREQ={_cut(parts.get('FREQ', ''))} is not a frequency of days")
    interval = parts.get("INTERVAL", "1")
    # ASCII digits only: str.isdigit() also takes "²", which int() then rejects.
    if not (_DIGITS.fullmatch(interval) and _INTERVAL[0] <= int(interval) <= _INTERVAL[1]):
        raise ScheduleError(f"INTERVAL={_cut(interval)} is out of range", "INTERVAL from 1 to 366")
    if "UNTIL" in parts and not _UNTIL.fullmatch(parts["UNTIL"]):
        raise ScheduleError(
            f"UNTIL={_cut(parts['UNTIL'])} is not a local date", "UNTIL=YYYYMMDD, with no time zone"
        )
    if "COUNT" in parts and not start_line:
        raise ScheduleError(
            "COUNT counts from the start of the schedule, which is not given",
            'a "DTSTART:YYYYMMDD" line before the RRULE, or UNTIL instead of COUNT',
        )
    text = "\n".join(line for line in (start_line, "RRULE:" + rule_line) if line)
    try:
        rule = rrulestr(text, dtstart=SCHEDULE_START, cache=True)
    except (ValueError, TypeError, OverflowError) as error:
        raise ScheduleError(f"it does not parse ({_cut(str(error))})") from None
    if not isinstance(rule, rrule):
        raise ScheduleError("a schedule is one RRULE line, optionally after a DTSTART line")
    if _no_day_passes(parts) or next(iter(rule), None) is None:
        raise ScheduleError("it never occurs")
    return rule


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
    weekdays = {day.lstrip("+-0123456789") for day in byday.split(",")} if byday else _WEEKDAYS
    filters.append("BYDAY=" + ",".join(sorted(weekdays)))
    superset = rrulestr(f"{_LAST_CYCLE}\nRRULE:FREQ=YEARLY;" + ";".join(filters))
    return next(iter(superset), None) is None


def _rule_parts(rule_line: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for part in rule_line.split(";"):
        name, equals, value = part.partition("=")
        if not equals or not value:
            raise ScheduleError(f"{_shown(part)} is not NAME=VALUE")
        if name not in _RULE_PARTS:
            raise ScheduleError(
                f"{_cut(name)} is not a part of a schedule of days",
                ", ".join(sorted(_RULE_PARTS)),
            )
        if name in parts:
            raise ScheduleError(f"{_cut(name)} is given twice")
        parts[name] = value
    return parts


def parse_routine(text: str, file: str) -> Routine:
    """Read ``routine.toml`` text; ``FileRefused`` naming file, exercise and field if invalid."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileRefused(
            file, "", f"not valid TOML ({error})", "a TOML file of [[exercise]] tables"
        ) from None
    unknown = sorted(set(raw) - {"exercise"})
    if unknown:
        raise FileRefused(file, _key(unknown[0]), "unknown field", "[[exercise]] tables only")
    tables = raw.get("exercise", [])
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        raise FileRefused(file, "exercise", "not a list of tables", "[[exercise]] tables")
    if not tables:
        raise FileRefused(file, "", "no exercises", "at least one [[exercise]] table")
    exercises: list[Exercise] = []
    for position, table in enumerate(tables, start=1):
        exercise = _ExerciseReader(file, position, table).read()
        if any(earlier.id == exercise.id for earlier in exercises):
            raise FileRefused(
                file,
                f"exercise {position}, id",
                f"{_shown(exercise.id)} is already the id of an earlier exercise",
                "a different id for each exercise",
            )
        exercises.append(exercise)
    return Routine(tuple(exercises), file)


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def _shown(value: object) -> str:
    return _cut(repr(value))


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _shown(key)


def load_routine(user_file: Path) -> Routine:
    """The user's ``routine.toml`` if it exists, else the default routine shipped with the app."""
    if user_file.exists():
        return parse_routine(read_user_text(user_file, str(user_file)), str(user_file))
    bundled = default_routine_file()
    return parse_routine(read_user_text(bundled, str(bundled)), str(bundled))


def default_routine_file(package: str = "psoas_tui") -> Traversable:
    """Where the default routine is: inside the installed package, else in the source checkout.

    A wheel carries it as ``<package>/data/routine.toml``. A source checkout or an editable
    install has it in ``data/`` beside ``pyproject.toml``, one directory above the package.
    """
    packaged = resources.files(package) / "data" / "routine.toml"
    if packaged.is_file():
        return packaged
    package_dir = Path(str(resources.files(package)))
    checkout = package_dir.parent
    candidate = checkout / "data" / "routine.toml"
    if (checkout / "pyproject.toml").is_file() and candidate.is_file():
        return candidate
    raise PsoasError(
        f"the default routine is missing from this installation (looked in {packaged} and "
        f"{candidate}); reinstall psoas-tui, or write your own routine.toml"
    )


_EXERCISE_FIELDS = {
    "id": (
        f"kebab-case: lower-case letters, digits and single hyphens, starting with a letter, "
        f'at most {ID_LENGTH} characters, such as "hip-stretch"'
    ),
    "name": f"a text of 1 to {NAME_LENGTH} characters",
    "summary": "a text",
    "steps": "a list of one or more texts",
    "cues": "a list of texts",
    "cautions": "a list of texts",
    "dose": "a table [exercise.dose] with sides, reps, hold_seconds and rest_seconds",
    "schedule": _SCHEDULE_ALLOWED,
    "source": (
        'a list of one or more { seed = "...", title = "..." } with seed '
        + ", ".join(f'"{key}" ({title})' for key, title in SOURCES.items())
    ),
}
_EXERCISE_REQUIRED = ("id", "name", "steps", "dose", "source")

_DOSE_FIELDS = {
    "sides": '[] for an exercise done once, or ["left", "right"]',
    "reps": f"a whole number from {REPS[0]} to {REPS[1]}",
    "hold_seconds": f"a whole number of seconds from {HOLD_SECONDS[0]} to {HOLD_SECONDS[1]}",
    "rest_seconds": f"a whole number of seconds from {REST_SECONDS[0]} to {REST_SECONDS[1]}",
    "hold_range": (
        f"[low, high]: whole numbers of seconds from {HOLD_SECONDS[0]} to {HOLD_SECONDS[1]}, "
        "low below high"
    ),
    "breaths": f"a whole number from {BREATHS[0]} to {BREATHS[1]}",
}
_DOSE_REQUIRED = ("sides", "reps", "hold_seconds", "rest_seconds")


class _ExerciseReader:
    """Checks one ``[[exercise]]`` table field by field and builds the ``Exercise``."""

    def __init__(self, file: str, position: int, table: dict[str, object]) -> None:
        self._file = file
        self._table = table
        self._label = f"exercise {position}"

    def refuse(self, field: str, problem: str, allowed: str | None = None) -> FileRefused:
        """A refusal naming the file, this exercise and ``field``."""
        if allowed is None:
            allowed = _EXERCISE_FIELDS.get(field) or _DOSE_FIELDS[field.removeprefix("dose.")]
        return FileRefused(self._file, f"{self._label}, {field}", problem, allowed)

    def read(self) -> Exercise:
        """The exercise, or ``FileRefused`` for the first field that breaks a rule."""
        table = self._table
        if "id" not in table:
            raise self.refuse("id", "missing field")
        exercise_id = table["id"]
        if not (
            isinstance(exercise_id, str)
            and len(exercise_id) <= ID_LENGTH
            and ID_PATTERN.fullmatch(exercise_id)
        ):
            raise self.refuse("id", f"{_shown(exercise_id)} is not a valid id")
        self._label = f'exercise "{exercise_id}"'
        self._check_fields(table, "", _EXERCISE_FIELDS, _EXERCISE_REQUIRED)
        name = self._text("name", table["name"])
        if len(name) > NAME_LENGTH:
            raise self.refuse("name", f"{len(name)} characters is too long")
        steps = self._texts("steps", table["steps"])
        if not steps:
            raise self.refuse("steps", "no steps")
        schedule = table.get("schedule", DEFAULT_SCHEDULE)
        if not isinstance(schedule, str):
            raise self.refuse("schedule", f"{_shown(schedule)} is not a text")
        try:
            compile_schedule(schedule)
        except ScheduleError as error:
            raise self.refuse(
                "schedule", f"{_shown(schedule)}: {error.problem}", error.allowed
            ) from None
        summary = table.get("summary", "")
        if not isinstance(summary, str):
            raise self.refuse("summary", f"{_shown(summary)} is not a text")
        return Exercise(
            id=exercise_id,
            name=name,
            summary=summary.strip(),
            steps=steps,
            cues=self._texts("cues", table.get("cues", [])),
            cautions=self._texts("cautions", table.get("cautions", [])),
            dose=self._dose(table["dose"]),
            schedule=schedule.strip(),
            source=self._source(table["source"]),
        )

    def _check_fields(
        self,
        table: dict[str, object],
        prefix: str,
        fields: Mapping[str, str],
        required: tuple[str, ...],
    ) -> None:
        for field in table:
            if field not in fields:
                raise self.refuse(prefix + _key(field), "unknown field", ", ".join(fields))
        for field in required:
            if field not in table:
                raise self.refuse(prefix + field, "missing field")

    def _text(self, field: str, value: object) -> str:
        if not isinstance(value, str):
            raise self.refuse(field, f"{_shown(value)} is not a text")
        if not value.strip():
            raise self.refuse(field, "empty text")
        return value.strip()

    def _texts(self, field: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.refuse(field, f"{_shown(value)} is not a list of texts")
        texts: list[str] = []
        for number, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip():
                raise self.refuse(field, f"item {number} ({_shown(item)}) is not a text")
            texts.append(item.strip())
        return tuple(texts)

    def _whole(self, field: str, value: object, bounds: tuple[int, int]) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.refuse(field, f"{_shown(value)} is not a whole number")
        if not bounds[0] <= value <= bounds[1]:
            raise self.refuse(field, f"{value} is out of range")
        return value

    def _dose(self, value: object) -> Dose:
        if not isinstance(value, dict):
            raise self.refuse("dose", f"{_shown(value)} is not a table")
        self._check_fields(value, "dose.", _DOSE_FIELDS, _DOSE_REQUIRED)
        sides = value["sides"]
        if sides not in ([], list(SIDES)):
            raise self.refuse("dose.sides", f"{_shown(sides)} is not a choice of sides")
        hold_seconds = self._whole("dose.hold_seconds", value["hold_seconds"], HOLD_SECONDS)
        hold_range = None
        if "hold_range" in value:
            hold_range = self._hold_range(value["hold_range"])
            if not hold_range[0] <= hold_seconds <= hold_range[1]:
                raise self.refuse(
                    "dose.hold_seconds",
                    f"{hold_seconds} is outside hold_range {list(hold_range)}",
                    f"a whole number of seconds from {hold_range[0]} to {hold_range[1]}",
                )
        breaths = None
        if "breaths" in value:
            breaths = self._whole("dose.breaths", value["breaths"], BREATHS)
            shortest, longest = (breaths * seconds for seconds in SECONDS_PER_BREATH)
            if not shortest <= hold_seconds <= longest:
                raise self.refuse(
                    "dose.hold_seconds",
                    f"{hold_seconds} s does not fit {breaths} breaths",
                    f"from {shortest} to {longest} s for {breaths} breaths "
                    f"({SECONDS_PER_BREATH[0]} to {SECONDS_PER_BREATH[1]} s a breath)",
                )
        return Dose(
            sides=tuple(sides),
            reps=self._whole("dose.reps", value["reps"], REPS),
            hold_seconds=hold_seconds,
            rest_seconds=self._whole("dose.rest_seconds", value["rest_seconds"], REST_SECONDS),
            hold_range=hold_range,
            breaths=breaths,
        )

    def _hold_range(self, value: object) -> tuple[int, int]:
        field = "dose.hold_range"
        if not (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(end, int) and not isinstance(end, bool) for end in value)
        ):
            raise self.refuse(field, f"{_shown(value)} is not a range of two whole numbers")
        low, high = value
        if not HOLD_SECONDS[0] <= low < high <= HOLD_SECONDS[1]:
            raise self.refuse(field, f"{_shown(value)} is not a valid range")
        return low, high

    def _source(self, value: object) -> str:
        if not isinstance(value, list) or not value:
            raise self.refuse("source", f"{_shown(value)} is not a list of one or more sources")
        cited: dict[str, str] = {}
        for number, item in enumerate(value, start=1):
            if not isinstance(item, dict) or set(item) != {"seed", "title"}:
                raise self.refuse(
                    "source", f"item {number} ({_shown(item)}) is not a seed and a title"
                )
            seed, title = item["seed"], item["title"]
            if not isinstance(seed, str) or seed not in SOURCES:
                raise self.refuse(
                    "source", f"item {number}: seed {_shown(seed)} is not a known source"
                )
            if seed in cited:
                raise self.refuse("source", f"item {number}: seed {_shown(seed)} is cited twice")
            cited[seed] = self._text("source", title)
        return "; ".join(f"{seed}: {title}" for seed, title in cited.items())


class RoutinePlans:
    """The routine's plan for any day, worked out once per routine.

    A plain daily or weekly rule (only ``FREQ``, ``INTERVAL``, ``BYDAY`` with bare weekdays and
    ``WKST``, counted from ``SCHEDULE_START``) repeats every few days: one period of it is
    expanded once and every day after that is arithmetic on day numbers, with no RRULE walk and
    no year to expand. Any other rule asks ``occurs_on``.
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


def _occurrence_test(schedule: str) -> Callable[[int], bool]:
    """A test of a day's ordinal that answers as ``occurs_on`` does."""
    period = _period(schedule)
    if period is None:
        return lambda ordinal: occurs_on(schedule, date.fromordinal(ordinal))
    start = SCHEDULE_START.toordinal()
    # The first period may be cut short by the rule's start; the second one is always whole.
    sample_start = datetime.combine(date.fromordinal(start + period), time.min)
    sample = compile_schedule(schedule).between(
        sample_start, sample_start + timedelta(days=period, microseconds=-1), inc=True
    )
    residues = frozenset(moment.toordinal() % period for moment in sample)
    return lambda ordinal: ordinal >= start and ordinal % period in residues


def _period(schedule: str) -> int | None:
    """The period in days of a plain daily or weekly rule, ``None`` for any other rule."""
    text = schedule.strip().upper().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for part in text.split(";"):
        name, equals, value = part.partition("=")
        if not equals or name in parts:
            return None
        parts[name] = value
    if not set(parts) <= {"FREQ", "INTERVAL", "BYDAY", "WKST"}:
        return None
    interval_text = parts.get("INTERVAL", "1")
    if not interval_text.isdigit() or int(interval_text) < 1:
        return None
    interval = int(interval_text)
    weekdays = parts.get("BYDAY")
    if weekdays is not None and not set(weekdays.split(",")) <= set(_WEEKDAYS):
        return None
    if parts.get("FREQ") == "DAILY":
        return interval if weekdays is None else lcm(interval, 7)
    if parts.get("FREQ") == "WEEKLY":
        return 7 * interval
    return None


@lru_cache(maxsize=8)
def _plans_of(exercises: tuple[Exercise, ...]) -> RoutinePlans:
    return RoutinePlans(exercises)
