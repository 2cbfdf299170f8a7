"""routine.toml fuzzed: the default routine with fields broken, dropped, retyped and made up.

Every file is either read into a routine whose doses stay in their bounds, or refused with a
message naming the file, the exercise that is wrong and its field. Nothing else is ever raised.
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from psoas_tui.core.errors import FileRefused
from psoas_tui.core.routine import Routine
from psoas_tui.core.routine_file import default_routine_file
from psoas_tui.core.routine_toml import HOLD_SECONDS, REPS, REST_SECONDS, parse_routine
from tests.faults.refusals import assert_clear, names_key
from tests.faults.toml_text import dumps, huge_text, odd_text, toml_integers, toml_values

FILE = "/home/someone/.config/psoas-tui/routine.toml"

DEFAULT = tomllib.loads(default_routine_file().read_text(encoding="utf-8"))
DEFAULT_IDS = [exercise["id"] for exercise in DEFAULT["exercise"]]

_texts = st.one_of(odd_text, huge_text, st.sampled_from(["", "  ", "\n", "ok"]))
_text_lists = st.one_of(st.lists(_texts, max_size=4), toml_values)
_whole = st.one_of(st.integers(-3, 1300), toml_integers, st.floats(), st.booleans())

_parts = {
    "FREQ": st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "daily", "", "X"]),
    "INTERVAL": st.one_of(st.integers(-2, 400).map(str), st.sampled_from(["²", "١", "", "1.5"])),
    "BYDAY": st.lists(
        st.builds(
            lambda ordinal, day: ordinal + day,
            st.sampled_from(["", "", "+1", "-1", "+5", "+6", "-53", "+99999"]),
            st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU", "XX", "mo"]),
        ),
        min_size=1,
        max_size=3,
    ).map(",".join),
    "BYMONTH": st.integers(-1, 13).map(str),
    "BYMONTHDAY": st.one_of(st.integers(-32, 32), toml_integers).map(str),
    "BYYEARDAY": st.integers(-367, 367).map(str),
    "BYWEEKNO": st.integers(-54, 60).map(str),
    "UNTIL": st.sampled_from(["20270101", "00010101", "99999999", "٢٠٢٦٠١٠١", "2027", "20270101Z"]),
    "COUNT": st.integers(-1, 5).map(str),
    "WKST": st.sampled_from(["MO", "SU", "XX"]),
    "BYHOUR": st.just("1"),
    "X": odd_text,
}
_rules = st.dictionaries(st.sampled_from(sorted(_parts)), st.none(), max_size=5).flatmap(
    lambda names: st.fixed_dictionaries({name: _parts[name] for name in names})
)
_schedules = st.one_of(
    st.builds(
        lambda start, rule: start + ";".join(f"{name}={value}" for name, value in rule.items()),
        st.sampled_from(["", "", "DTSTART:20260101\n", "DTSTART:٢٠٢٦٠١٠١\n", "DTSTART:2026\n"]),
        _rules,
    ),
    st.sampled_from(
        [
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=DAILY;BYYEARDAY=366;BYMONTH=1",
            "FREQ=WEEKLY;BYWEEKNO=60",
            "FREQ=MONTHLY;BYMONTHDAY=99999999999999999999",
            "FREQ=DAILY;INTERVAL=²",
            "FREQ=DAILY\nFREQ=WEEKLY",
        ]
    ),
    _texts,
)
_sources = st.one_of(
    st.lists(
        st.fixed_dictionaries(
            {"seed": st.sampled_from(["000", "001", "own", "002", "", "0"]), "title": _texts}
        ),
        max_size=3,
    ),
    toml_values,
)

#: Plausible and implausible values for each field of an exercise, and of its dose.
_FIELDS = {
    "id": st.one_of(
        st.sampled_from([*DEFAULT_IDS, "Bridge", "a" * 41, "hip--stretch", "-x", "x-", "ü", ""]),
        odd_text,
    ),
    "name": _texts,
    "summary": _texts,
    "steps": _text_lists,
    "cues": _text_lists,
    "cautions": _text_lists,
    "schedule": st.one_of(_schedules, toml_values),
    "source": _sources,
    "dose": toml_values,
}
_DOSE_FIELDS = {
    "sides": st.one_of(
        st.sampled_from([[], ["left", "right"], ["right", "left"], ["left"], ["left", "left"]]),
        toml_values,
    ),
    "reps": _whole,
    "hold_seconds": _whole,
    "rest_seconds": _whole,
    "breaths": _whole,
    "hold_range": st.one_of(st.lists(_whole, max_size=3), toml_values),
}
_NEW_FIELDS = st.one_of(st.sampled_from(["Name", "dose_", "a\nb", "", "x" * 1000]), odd_text)


@dataclass(frozen=True)
class Change:
    """One change to exercise ``index`` (to its dose if ``in_dose``): ``field`` set or removed."""

    index: int
    in_dose: bool
    field: str
    value: object
    removed: bool


@st.composite
def _changes(draw: st.DrawFn) -> Change:
    index = draw(st.integers(0, len(DEFAULT_IDS) - 1))
    in_dose = draw(st.booleans())
    if draw(st.integers(0, 9)) == 0:
        return Change(index, in_dose, draw(_NEW_FIELDS), draw(toml_values), False)
    fields = _DOSE_FIELDS if in_dose else _FIELDS
    field = draw(st.sampled_from(sorted(fields)))
    return Change(index, in_dose, field, draw(fields[field]), draw(st.integers(0, 4)) == 0)


def _apply(changes: list[Change]) -> dict[str, Any]:
    document = copy.deepcopy(DEFAULT)
    for change in changes:
        table = document["exercise"][change.index]
        if change.in_dose:
            if not isinstance(table.get("dose"), dict):
                continue
            table = table["dose"]
        if change.removed:
            table.pop(change.field, None)
        else:
            table[change.field] = change.value
    return document


_WHERE = re.compile(r'exercise (?:(\d+)|"([a-z0-9-]+)"), (.+)', re.DOTALL)


def _blames(where: str, change: Change, document: dict[str, Any]) -> bool:
    """Whether a refusal at ``where`` points at what ``change`` broke."""
    match = _WHERE.fullmatch(where)
    if match is None:
        return False
    position, exercise_id, field = match.groups()
    if position is not None:
        named = int(position) == change.index + 1
    else:
        ids = {DEFAULT_IDS[change.index], document["exercise"][change.index].get("id")}
        named = exercise_id in ids
    if change.in_dose:
        # hold_range and breaths bound hold_seconds: a change to one can put it out of bounds.
        nested = field.removeprefix("dose.")
        return named and (names_key(nested, change.field) or field == "dose.hold_seconds")
    if change.field == "id":
        # A duplicate id is blamed on the later of the two exercises.
        return field == "id"
    if change.field == "dose":
        return named and (field == "dose" or field.startswith("dose."))
    return named and names_key(field, change.field)


def _read(text: str) -> Routine | FileRefused:
    try:
        return parse_routine(text, FILE)
    except FileRefused as error:
        assert_clear(error, FILE)
        return error


def _assert_in_bounds(routine: Routine) -> None:
    for exercise in routine.exercises:
        dose = exercise.dose
        assert REPS[0] <= dose.reps <= REPS[1]
        assert HOLD_SECONDS[0] <= dose.hold_seconds <= HOLD_SECONDS[1]
        assert REST_SECONDS[0] <= dose.rest_seconds <= REST_SECONDS[1]
        assert dose.sides in ((), ("left", "right"))
        assert exercise.name and exercise.steps and exercise.source
    assert len(set(routine.ids)) == len(routine.ids)


@settings(max_examples=500, deadline=None)
@example([Change(0, False, "schedule", "FREQ=DAILY;INTERVAL=²", False)])
@example([Change(0, False, "schedule", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", False)])
@example([Change(1, False, "a\nb", 1, False)])
@example([Change(2, False, "name", "x" * 100_000, False)])
@example([Change(3, True, "x" * 5000, 1, False)])
@given(st.lists(_changes(), min_size=1, max_size=3))
def test_a_broken_field_is_refused_naming_exercise_and_field(changes: list[Change]) -> None:
    document = _apply(changes)
    result = _read(dumps(document))
    if isinstance(result, FileRefused):
        assert any(_blames(result.where, change, document) for change in changes), result.where
    else:
        _assert_in_bounds(result)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.dictionaries(st.one_of(st.just("exercise"), odd_text), toml_values, max_size=3),
        st.fixed_dictionaries({"exercise": st.lists(toml_values, max_size=3)}),
        st.fixed_dictionaries(
            {"exercise": st.lists(st.dictionaries(odd_text, toml_values, max_size=4), max_size=2)}
        ),
    )
)
def test_any_document_is_read_or_refused(document: dict[str, object]) -> None:
    result = _read(dumps(document))
    if isinstance(result, Routine):
        _assert_in_bounds(result)


@settings(max_examples=200, deadline=None)
@example("[[exercise]]\n[[exercise]]\n")
@example("exercise = 1\n")
@example("\ufeff[[exercise]]")
@given(st.one_of(st.text(), st.text(st.sampled_from('=[]{}"#\n .:-_0123456789exrcisd'))))
def test_any_text_is_read_or_refused(text: str) -> None:
    result = _read(text)
    if isinstance(result, Routine):
        _assert_in_bounds(result)
