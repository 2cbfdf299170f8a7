"""Reading ``routine.toml``: every field of every exercise checked, and the ``Routine`` built.

A file that breaks a rule is refused with ``FileRefused`` naming the file, the exercise (by id,
or by position when the id itself is the problem), the field and what is allowed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping

from psoas_tui.core.errors import FileRefused
from psoas_tui.core.model import SIDES, Dose, Exercise
from psoas_tui.core.routine import Routine
from psoas_tui.core.schedule import SCHEDULE_ALLOWED, ScheduleError, check_schedule
from psoas_tui.core.validate import (
    Refusal,
    bare_key,
    list_of,
    obj,
    only,
    shown,
    text,
    whole,
    within,
)

#: The schedule of an exercise whose ``schedule`` is left out: every day.
DEFAULT_SCHEDULE = "FREQ=DAILY"

#: The sources an exercise may name: the two seed articles, or the user's own.
SOURCES: Mapping[str, str] = {
    "000": "How to Release Your Psoas With Effective Exercises",
    "001": "Simple stretches that target the psoas",
    "own": "an exercise from your own clinician or reading",
}

#: The seed of a caution (or an exercise) that does not come from the two articles.
OWN = "own"

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


def parse_routine(text: str, file: str) -> Routine:
    """Read ``routine.toml`` text; ``FileRefused`` naming file, exercise and field if invalid."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileRefused(
            file, "", f"not valid TOML ({error})", "a TOML file of [[exercise]] tables"
        ) from None
    except RecursionError:
        raise FileRefused(
            file, "", "nested too deeply", "a TOML file of [[exercise]] tables"
        ) from None
    unknown = sorted(set(raw) - {"exercise"})
    if unknown:
        raise FileRefused(file, bare_key(unknown[0]), "unknown field", "[[exercise]] tables only")
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
                f"{shown(exercise.id)} is already the id of an earlier exercise",
                "a different id for each exercise",
            )
        exercises.append(exercise)
    return Routine(tuple(exercises), file, text)


_EXERCISE_FIELDS = {
    "id": (
        f"kebab-case: lower-case letters, digits and single hyphens, starting with a letter, "
        f'at most {ID_LENGTH} characters, such as "hip-stretch"'
    ),
    "name": f"a text of 1 to {NAME_LENGTH} characters",
    "summary": "a text",
    "steps": "a list of one or more texts",
    "cues": "a list of texts",
    "cautions": (
        'a list of texts (from the articles) or { text = "...", seed = "own" } tables (not '
        "from them)"
    ),
    "dose": "a table [exercise.dose] with sides, reps, hold_seconds and rest_seconds",
    "schedule": SCHEDULE_ALLOWED,
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
        try:
            return self._read()
        except Refusal as refusal:
            raise self.refuse(refusal.where, refusal.problem, refusal.allowed or None) from None

    def _read(self) -> Exercise:
        table = self._table
        if "id" not in table:
            raise self.refuse("id", "missing field")
        exercise_id = table["id"]
        if not (
            isinstance(exercise_id, str)
            and len(exercise_id) <= ID_LENGTH
            and ID_PATTERN.fullmatch(exercise_id)
        ):
            raise self.refuse("id", f"{shown(exercise_id)} is not a valid id")
        self._label = f'exercise "{exercise_id}"'
        only(table, tuple(_EXERCISE_FIELDS), "", required=_EXERCISE_REQUIRED)
        name = self._text("name", table["name"])
        if len(name) > NAME_LENGTH:
            raise self.refuse("name", f"{len(name)} characters is too long")
        steps = self._texts("steps", table["steps"])
        if not steps:
            raise self.refuse("steps", "no steps")
        schedule = _a_text(table.get("schedule", DEFAULT_SCHEDULE), "schedule")
        try:
            check_schedule(schedule)
        except ScheduleError as error:
            raise self.refuse(
                "schedule", f"{shown(schedule)}: {error.problem}", error.allowed
            ) from None
        summary = _a_text(table.get("summary", ""), "summary")
        cautions = self._cautions(table.get("cautions", []))
        return Exercise(
            id=exercise_id,
            name=name,
            summary=summary.strip(),
            steps=steps,
            cues=self._texts("cues", table.get("cues", [])),
            cautions=tuple(caution for caution, _ in cautions),
            dose=self._dose(table["dose"]),
            schedule=schedule.strip(),
            source=self._source(table["source"]),
            own_cautions=tuple(caution for caution, seed in cautions if seed == OWN),
        )

    def _text(self, field: str, value: object) -> str:
        stripped = _a_text(value, field).strip()
        if not stripped:
            raise self.refuse(field, "empty text")
        return stripped

    def _texts(self, field: str, value: object) -> tuple[str, ...]:
        texts: list[str] = []
        items = list_of(value, field, "", wanted="a list of texts", show=shown)
        for number, item in enumerate(items, start=1):
            if not isinstance(item, str) or not item.strip():
                raise self.refuse(field, f"item {number} ({shown(item)}) is not a text")
            texts.append(item.strip())
        return tuple(texts)

    def _cautions(self, value: object) -> list[tuple[str, str]]:
        """Each caution's text and seed: a plain text is the articles' (seed ``""``), a table is
        ``seed = "own"``, not from them, so that a screen can show it marked."""
        field = "cautions"
        cautions: list[tuple[str, str]] = []
        items = list_of(value, field, "", wanted="a list of texts or tables", show=shown)
        for number, item in enumerate(items, start=1):
            if isinstance(item, str) and item.strip():
                cautions.append((item.strip(), ""))
                continue
            if not isinstance(item, dict):
                raise self.refuse(field, f"item {number} ({shown(item)}) is not a text or a table")
            if set(item) != {"text", "seed"}:
                raise self.refuse(field, f"item {number} ({shown(item)}) is not a text and a seed")
            seed, words = item["seed"], item["text"]
            # A caution from the articles is a plain text: the table is only for the others.
            if seed != OWN:
                raise self.refuse(field, f"item {number}: seed {shown(seed)} is not 'own'")
            if not isinstance(words, str) or not words.strip():
                raise self.refuse(field, f"item {number}: text {shown(words)} is not a text")
            cautions.append((words.strip(), seed))
        return cautions

    def _whole(self, field: str, value: object, bounds: tuple[int, int]) -> int:
        return within(whole(value, field, ""), bounds, field, "")

    def _dose(self, table: object) -> Dose:
        value = obj(table, "dose", "", wanted="a table", show=shown)
        only(value, tuple(_DOSE_FIELDS), "dose", required=_DOSE_REQUIRED)
        sides = value["sides"]
        if sides not in ([], list(SIDES)):
            raise self.refuse("dose.sides", f"{shown(sides)} is not a choice of sides")
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
            raise self.refuse(field, f"{shown(value)} is not a range of two whole numbers")
        low, high = value
        if not HOLD_SECONDS[0] <= low < high <= HOLD_SECONDS[1]:
            raise self.refuse(field, f"{shown(value)} is not a valid range")
        return low, high

    def _source(self, value: object) -> str:
        if not isinstance(value, list) or not value:
            raise self.refuse("source", f"{shown(value)} is not a list of one or more sources")
        cited: dict[str, str] = {}
        for number, item in enumerate(value, start=1):
            if not isinstance(item, dict) or set(item) != {"seed", "title"}:
                raise self.refuse(
                    "source", f"item {number} ({shown(item)}) is not a seed and a title"
                )
            seed, title = item["seed"], item["title"]
            if not isinstance(seed, str) or seed not in SOURCES:
                raise self.refuse(
                    "source", f"item {number}: seed {shown(seed)} is not a known source"
                )
            if seed in cited:
                raise self.refuse("source", f"item {number}: seed {shown(seed)} is cited twice")
            cited[seed] = self._text("source", title)
        return "; ".join(f"{seed}: {title}" for seed, title in cited.items())


def _a_text(value: object, field: str) -> str:
    return text(value, field, "", wanted="a text", show=shown)
