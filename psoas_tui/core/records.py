"""What a record may hold: one contract for the database, its archives, backups and imports.

The store reads its documents into core's types and an import reads an export's records into the
same types; both then ask this module whether each record keeps the rules, so what the store
accepts is what ``psoas import`` accepts and an export always imports again. Each check raises
``Refusal`` with the field's place inside the record (``holds[2].rep``), the problem starting with
the value (``11 is out of range``) and what is allowed; the caller puts the record's own place in
front (``where``).

Dates are data: a record may carry any day written ``YYYY-MM-DD``. A day a person types is
checked where it is typed (1990-01-01 to today), but a stored one outside that range (an old typo,
a clock that ran ahead, a flight west across the date line) is kept, exported and imported again;
the streaks and the report leave out what lies outside their range (``latest_day``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from itertools import pairwise

from psoas_tui.core.model import SIDES, DayRecord, Hold, Pause, SymptomEntry
from psoas_tui.core.referral import Rule
from psoas_tui.core.routine_toml import HOLD_SECONDS, ID_LENGTH, ID_PATTERN, REPS
from psoas_tui.core.signs import PLACES, QUESTIONS, SIGN_BY_KEY, SIGNS, SignKey
from psoas_tui.core.symptoms import (
    MINUTES_MAX,
    NOTE_MAX,
    PLAIN_TEXT_ALLOWED,
    SCORE_MAX,
    plain_text_problem,
)
from psoas_tui.core.validate import Refusal, place, shown

#: The furthest-east time zone there is (Kiribati's Line Islands): no day starts earlier.
FURTHEST_EAST = timezone(timedelta(hours=14))
#: The longest a hold can have lasted, extensions included: a day.
HELD_MAX = 86_400.0
#: An entry's id: what psoas writes (a uuid4's hex) and what an older tool may have.
ENTRY_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")

SIGN_KEYS = tuple(sign.key.value for sign in SIGNS)
ASKED_KEYS = tuple(key.value for key in QUESTIONS)
_PLACES = tuple(PLACES)
#: An answer's key: a day or two joined by ``/``, after a sign's key and ``:`` for a sign rule.
_ANSWER_KEY = re.compile(
    r"(?:([a-z_]+):)?([0-9]{4}-[0-9]{2}-[0-9]{2})(?:/([0-9]{4}-[0-9]{2}-[0-9]{2}))?"
)
_CALENDAR_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER_TYPES = (int, float)


def latest_day(now: datetime) -> date:
    """The latest day the report runs to at ``now``: today in UTC+14, the furthest east, so the
    days recorded before a flight west across the date line are in it."""
    try:
        return now.astimezone(FURTHEST_EAST).date()
    except OverflowError:
        return date.max


def check_day(record: DayRecord, where: str = "") -> None:
    """Refuse a day record that breaks the contract: an exercise id that is not one, a hold out
    of range, a hold or a mark repeated."""
    planned = record.planned
    if planned is not None:
        for index, exercise_id in enumerate(planned):
            check_exercise_id(exercise_id, place(where, f"planned[{index}]"))
        unique(planned, place(where, "planned"), "", "each exercise once")
    holds = record.holds
    for index, hold in enumerate(holds):
        if not _plain_hold(hold):
            _check_hold(hold, place(where, f"holds[{index}]"))
    if len(holds) > 1:
        unique(
            [(hold.exercise_id, hold.side, hold.rep, hold.started_at) for hold in holds],
            place(where, "holds"),
            "",
            "each hold once (exercise, side, rep and start)",
        )
    marks = record.marks
    for index, mark in enumerate(marks):
        check_exercise_id(mark.exercise_id, place(where, f"marks[{index}].exercise_id"))
    unique(
        [mark.exercise_id for mark in marks],
        place(where, "marks"),
        "exercise_id",
        "one mark per exercise a day",
    )


def _plain_hold(hold: Hold) -> bool:
    # Ten years hold some 70,000 holds: the ones that pass (all but a damaged one) build nothing.
    side = hold.side
    return (
        (side is None or side in SIDES)
        and REPS[0] <= hold.rep <= REPS[1]
        and 0 < hold.planned_seconds <= HOLD_SECONDS[1]
        and 0 < hold.held_seconds <= HELD_MAX
        and known_exercise_id(hold.exercise_id)
    )


def _check_hold(hold: Hold, where: str) -> None:
    check_exercise_id(hold.exercise_id, place(where, "exercise_id"))
    if hold.side is not None and hold.side not in SIDES:
        raise Refusal(
            place(where, "side"), f"{_shown(hold.side)} is not a side", "left, right or null"
        )
    if not REPS[0] <= hold.rep <= REPS[1]:
        raise Refusal(
            place(where, "rep"),
            f"{hold.rep} is out of range",
            f"a whole number from 1 to {REPS[1]}",
        )
    if not 0 < hold.planned_seconds <= HOLD_SECONDS[1]:
        raise Refusal(
            place(where, "planned_seconds"),
            f"{hold.planned_seconds} is out of range",
            f"more than 0 and at most {HOLD_SECONDS[1]} seconds",
        )
    if not 0 < hold.held_seconds <= HELD_MAX:
        raise Refusal(
            place(where, "held_seconds"),
            f"{hold.held_seconds} is out of range",
            f"more than 0 and at most {HELD_MAX:.0f} seconds",
        )


def check_exercise_id(value: str, where: str) -> None:
    """Refuse a string that is not an exercise id as a routine writes one."""
    if not known_exercise_id(value):
        raise Refusal(
            where,
            f"{_shown(value)} is not an exercise id",
            f"lowercase letters, digits and single hyphens, at most {ID_LENGTH} characters",
        )


@lru_cache(maxsize=256)
def known_exercise_id(exercise_id: str) -> bool:
    """Whether ``exercise_id`` is an exercise id as a routine writes one (cached: a history
    repeats a few ids tens of thousands of times)."""
    return len(exercise_id) <= ID_LENGTH and ID_PATTERN.fullmatch(exercise_id) is not None


def check_entry(entry: SymptomEntry, where: str = "") -> None:
    """Refuse a symptom entry the symptom log would refuse: scores 0-10, minutes 0-600, known
    places and signs (each once), every yes among the questions ``asked``, a note of at most 500
    characters of plain text; an id of 1 to 64 letters, digits, ``-`` or ``_``. Places and signs
    are kept in the order stored."""
    if not ENTRY_ID.fullmatch(entry.id):
        raise Refusal(
            place(where, "id"),
            f"{_shown(entry.id)} is not an entry id",
            "1 to 64 letters, digits, - or _",
        )
    for name, value, top in (
        ("pain", entry.pain, SCORE_MAX),
        ("stiffness", entry.stiffness, SCORE_MAX),
        ("stiffness_minutes", entry.stiffness_minutes, MINUTES_MAX),
    ):
        if value is not None and not 0 <= value <= top:
            raise Refusal(
                place(where, name),
                f"{value} is out of range",
                f"a whole number from 0 to {top}, or null",
            )
    known_keys(entry.where, place(where, "where"), _PLACES)
    known_keys(entry.signs, place(where, "signs"), SIGN_KEYS)
    if entry.asked is not None:
        known_keys(entry.asked, place(where, "asked"), ASKED_KEYS)
        for index, key in enumerate(entry.signs):
            if key not in entry.asked and not SIGN_BY_KEY[SignKey(key)].legacy:
                raise Refusal(
                    place(where, f"signs[{index}]"),
                    f"{key!r} is answered yes but was not asked",
                    "a yes only to a question listed in asked",
                )
    note = entry.note
    if len(note) > NOTE_MAX:
        raise Refusal(
            place(where, "note"), f"{len(note)} characters is too long", f"at most {NOTE_MAX}"
        )
    problem = plain_text_problem(note)
    if problem is not None:
        raise Refusal(place(where, "note"), problem, PLAIN_TEXT_ALLOWED)


def check_pauses(pauses: Sequence[Pause], where: str = "pauses") -> None:
    """Refuse a pause that ends before it starts, or one that shares a day with another (each
    day is in one pause at most). ``where`` names the list; a pause is named by its place in it."""
    for index, pause in enumerate(pauses):
        if pause.end < pause.start:
            raise Refusal(
                f"{where}[{index}].end",
                f"{pause.end.isoformat()} is before its start {pause.start.isoformat()}",
                "an end on or after the start",
            )
    ordered = sorted(range(len(pauses)), key=lambda index: pauses[index].start)
    for before, after in pairwise(ordered):
        if pauses[after].start <= pauses[before].end:
            raise Refusal(
                f"{where}[{after}].start",
                f"{pauses[after].start.isoformat()} is inside the pause at {where}[{before}]",
                "pauses that share no day",
            )


def known_keys(keys: Sequence[str], where: str, vocabulary: tuple[str, ...]) -> None:
    """Refuse a key not in ``vocabulary``, or one listed twice."""
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key not in vocabulary:
            raise Refusal(f"{where}[{index}]", f"{_shown(key)} is not known", ", ".join(vocabulary))
        if key in seen:
            raise Refusal(f"{where}[{index}]", f"{key!r} is listed twice", "each key once")
        seen.add(key)


def check_answer_key(value: object, rule: Rule, where: str) -> str:
    """``value`` if it is an answer's key as version 2 writes it: the days of an episode or run
    (``S/L``, or one day), and for a sign rule the sign's key before them; else a refusal."""
    sign_rule = rule.family == "sign"
    if sign_rule:
        allowed = (
            "a sign's key and a day or two joined by /, such as radiating:2026-11-02/2026-11-09"
        )
    else:
        allowed = "a day or two joined by /, such as 2026-11-02/2026-11-09"
    found = _ANSWER_KEY.fullmatch(value) if isinstance(value, str) else None
    if found is None or (found.group(1) is not None) != sign_rule:
        raise Refusal(where, f"{_shown(value)} is not the key of a {rule.value} answer", allowed)
    sign, first, last = found.groups()
    if sign is not None and sign not in SIGN_KEYS:
        raise Refusal(where, f"{sign!r} is not known", ", ".join(SIGN_KEYS))
    for day in (first, last):
        if day is not None:
            iso_day(day, where)
    return found.string


def iso_day(value: str, where: str) -> date:
    """``value`` as a date if it is written ``YYYY-MM-DD`` (not a week or a basic date)."""
    if _CALENDAR_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise Refusal(where, f"{_shown(value)} is not a date", "YYYY-MM-DD")


def unique(values: Iterable[object], where: str, field: str, allowed: str) -> None:
    """Refuse the first value of ``values`` equal to an earlier one, naming both places."""
    seen: dict[object, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            at = f"{where}[{index}]" + (f".{field}" if field else "")
            raise Refusal(at, f"the same as {where}[{seen[value]}]", allowed)
        seen[value] = index


def _shown(value: object) -> str:
    return shown(value, 40, "...")
