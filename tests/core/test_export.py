"""Export to JSON and CSV, and reading a JSON export back: every field, every refusal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from dateutil import tz

from psoas_tui.core.errors import FileRefused, InvalidInput
from psoas_tui.core.model import (
    Answer,
    DayRecord,
    DoneMark,
    History,
    Hold,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.profile import Profile, ProfileAnswer, ProfileItem, ProfileKey
from psoas_tui.core.referral import Rule
from psoas_tui.core.routine import Routine
from psoas_tui.core.routine_file import load_routine
from psoas_tui.core.transfer import (
    CSV_COLUMNS,
    FORMAT,
    FORMAT_VERSION,
    Period,
    export_csv,
    export_json,
    json_import,
    layout,
    parse_period,
    read_export,
    select,
)

BERLIN = tz.gettz("Europe/Berlin")
NEW_YORK = tz.gettz("America/New_York")
TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 7, 30, tzinfo=BERLIN)
FIRST_ID = "a" * 32
#: What the form asks on every entry, in its order.
ALWAYS = [
    "radiating",
    "worse_after_stretch",
    "restricted",
    "saddle",
    "bladder_bowel",
    "both_legs",
    "sexual",
    "serious_accident",
    "cannot_bear_weight",
    "chest_pain",
    "belly",
]
HURT_ID = "b" * 32
TRAVEL_ID = "c" * 32


@pytest.fixture(scope="module")
def routine() -> Routine:
    return load_routine(Path("/nonexistent/routine.toml"))


def at(
    day: date, hour: int, minute: int, second: int = 0, micro: int = 0, zone: Any = BERLIN
) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, micro, tzinfo=zone)


def sample_history() -> History:
    """A history with every kind of record and every optional field both ways."""
    early, d19, d20 = date(2026, 11, 10), date(2026, 11, 19), date(2026, 11, 20)
    holds = (
        Hold("kneeling-hip-flexor-stretch", "left", 1, 30.0, 29.6, at(d19, 7, 31, 2, 123456), d19),
        Hold("kneeling-hip-flexor-stretch", "right", 1, 30.0, 31.0, at(d19, 7, 32, 10), d19),
        Hold("bridge", None, 1, 15.0, 8.25, at(d19, 7, 40), d19),
    )
    return History(
        days=(
            DayRecord(early, None, (Hold("bridge", None, 2, 15.0, 15.0, at(early, 6, 5), early),)),
            DayRecord(
                d19,
                ("kneeling-hip-flexor-stretch", "bridge"),
                holds,
                (DoneMark("constructive-rest", d19, at(d19, 21, 0)),),
            ),
            DayRecord(d20, (), (), ()),
        ),
        entries=(
            SymptomEntry(
                FIRST_ID,
                d19,
                at(d19, 8, 2, 11),
                3,
                4,
                20,
                ("lower_back", "left_hip"),
                ("radiating",),
                "après la course 🏃‍♀️\nslept badly, שלום\u200f",
                tuple(ALWAYS),
            ),
            SymptomEntry(
                HURT_ID,
                d20,
                at(d20, 7, 35),
                None,
                None,
                None,
                (),
                ("worse_after_stretch",),
                asked=("worse_after_stretch",),
            ),
            # Saved before the app recorded what it asked, with the legacy sign.
            SymptomEntry(
                TRAVEL_ID, d20, at(d20, 23, 50, zone=NEW_YORK), 2, 3, 0, (), ("trauma",), ""
            ),
        ),
        responses=(
            ReferralResponse(
                Rule.soon_sign,
                "radiating:2026-11-19/2026-11-19",
                Answer.snoozed,
                d19,
                at(d19, 8, 3),
            ),
            ReferralResponse(
                Rule.persistent_pain,
                "2026-11-02/2026-11-19",
                Answer.acknowledged,
                d20,
                at(d20, 9, 0),
            ),
        ),
        profile=Profile(
            (
                ProfileItem(ProfileKey.cancer, ProfileAnswer.no, d19),
                ProfileItem(ProfileKey.age_50_plus, ProfileAnswer.unsaid, d20),
            )
        ),
    )


def exported(routine: Routine, history: History | None = None) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(export_json(history or sample_history(), routine, NOW))
    return loaded


def read(doc: dict[str, Any]) -> History:
    return read_export(json.dumps(doc).encode(), "export.json")


def test_the_export_names_its_own_format_version(routine: Routine) -> None:
    # The export lays its records out apart from the database (a hold is an object here, a row
    # there), so a new store schema leaves it as it is; a new layout of the export is a new
    # FORMAT_VERSION, which the file gives as schema_version.
    assert FORMAT_VERSION == 3
    assert exported(routine)["schema_version"] == FORMAT_VERSION


def test_json_round_trip_keeps_every_field(routine: Routine) -> None:
    history = sample_history()
    back = read_export(export_json(history, routine, NOW), "export.json")
    assert back == history
    # Equality of instants is not enough: the offset each was recorded with is kept too.
    assert [entry.logged_at.isoformat() for entry in back.entries] == [
        entry.logged_at.isoformat() for entry in history.entries
    ]
    assert back.entries[0].where == ("lower_back", "left_hip")


def test_json_shape(routine: Routine) -> None:
    doc = exported(routine)
    assert list(doc) == list(layout.TOP_FIELDS)
    assert doc["format"] == FORMAT and doc["schema_version"] == FORMAT_VERSION
    assert doc["exported_at"] == NOW.isoformat()
    assert doc["from"] is None and doc["to"] is None
    exercises = doc["routine"]["exercises"]
    assert [exercise["id"] for exercise in exercises] == list(routine.ids)
    assert exercises[1]["dose"] == {
        "sides": ["left", "right"],
        "reps": 3,
        "hold_seconds": 30,
        "rest_seconds": 10,
        "hold_range": [20, 30],
        "breaths": None,
    }
    assert exercises[1]["schedule"] == "FREQ=DAILY"
    day = doc["days"][1]
    assert day["planned"] == ["kneeling-hip-flexor-stretch", "bridge"]
    assert day["holds"][0] == {
        "exercise_id": "kneeling-hip-flexor-stretch",
        "side": "left",
        "rep": 1,
        "planned_seconds": 30.0,
        "held_seconds": 29.6,
        "started_at": "2026-11-19T07:31:02.123456+01:00",
    }
    assert day["marks"] == [
        {"exercise_id": "constructive-rest", "marked_at": "2026-11-19T21:00:00+01:00"}
    ]
    assert doc["days"][0]["planned"] is None
    assert doc["entries"][1] == {
        "id": HURT_ID,
        "day": "2026-11-20",
        "logged_at": "2026-11-20T07:35:00+01:00",
        "pain": None,
        "stiffness": None,
        "stiffness_minutes": None,
        "where": [],
        "signs": ["worse_after_stretch"],
        "note": "",
        "asked": ["worse_after_stretch"],
    }
    assert doc["entries"][0]["asked"] == ALWAYS
    assert doc["entries"][2]["asked"] is None
    assert doc["responses"][0] == {
        "rule": "soon_sign",
        "key": "radiating:2026-11-19/2026-11-19",
        "kind": "snoozed",
        "day": "2026-11-19",
        "at": "2026-11-19T08:03:00+01:00",
    }
    assert doc["profile"] == [
        {"key": "cancer", "answer": "no", "day": "2026-11-19"},
        {"key": "age_50_plus", "answer": "unsaid", "day": "2026-11-20"},
    ]


def test_json_is_one_record_a_line_and_the_same_bytes_but_for_the_export_time(
    routine: Routine,
) -> None:
    history = sample_history()
    first = export_json(history, routine, NOW).decode().splitlines()
    later = export_json(history, routine, NOW + timedelta(days=3)).decode().splitlines()
    differing = [(a, b) for a, b in zip(first, later, strict=True) if a != b]
    assert len(differing) == 1 and differing[0][0].startswith('  "exported_at": ')
    assert sum(1 for line in first if line.startswith('    {"id":')) == 3
    assert sum(1 for line in first if line.startswith('    {"day":')) == 3
    assert sum(1 for line in first if line.startswith('    {"key":')) == 2


def test_the_order_records_come_in_does_not_change_the_file(routine: Routine) -> None:
    history = sample_history()
    shuffled = History(
        history.days[::-1],
        history.entries[::-1],
        history.responses[::-1],
        Profile(history.profile.items[::-1]),
    )
    assert export_json(shuffled, routine, NOW) == export_json(history, routine, NOW)


def test_period_keeps_days_entries_and_answers_inside_it_inclusive(routine: Routine) -> None:
    period = Period(date(2026, 11, 19), date(2026, 11, 19))
    chosen = select(sample_history(), period)
    assert [record.day for record in chosen.days] == [date(2026, 11, 19)]
    assert [entry.id for entry in chosen.entries] == [FIRST_ID]
    assert [answer.rule for answer in chosen.responses] == ["soon_sign"]
    # The about-you answers say how things are now: every export carries them all.
    assert chosen.profile == sample_history().profile
    doc = json.loads(export_json(sample_history(), routine, NOW, period))
    assert (doc["from"], doc["to"]) == ("2026-11-19", "2026-11-19")
    assert len(doc["entries"]) == 1
    open_start = select(sample_history(), Period(None, date(2026, 11, 10)))
    assert [record.day for record in open_start.days] == [date(2026, 11, 10)]
    assert not open_start.entries


def test_parse_period() -> None:
    assert parse_period(None, None, TODAY) == Period()
    assert parse_period("2026-01-01", "2026-01-01", TODAY) == Period(
        date(2026, 1, 1), date(2026, 1, 1)
    )
    assert parse_period(" 2026-01-01", None, TODAY) == Period(date(2026, 1, 1), None)
    yesterday = TODAY - timedelta(days=1)
    assert parse_period("Yesterday", " today ", TODAY) == Period(yesterday, TODAY)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-13-01", None, "--from: '2026-13-01' is not a date; allowed: YYYY-MM-DD"),
        (None, "2026-1-1", "--to: '2026-1-1' is not a date"),
        ("tomorrow", None, "--from: 'tomorrow' is not a date; allowed: YYYY-MM-DD, today or"),
        (None, "2099-01-01", "--to: 2099-01-01 is in the future; allowed: today (2026-11-21)"),
        ("1989-12-31", None, "--from: 1989-12-31 is before 1990-01-01"),
        (None, "20260101", "--to: '20260101' is not a date"),
        ("2026-02-02", "2026-02-01", "--from 2026-02-02 is after --to 2026-02-01"),
    ],
)
def test_parse_period_refuses(start: str | None, end: str | None, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_period(start, end, TODAY)
    assert message in str(refused.value)


def test_csv_is_one_row_per_record_with_a_kind_column() -> None:
    text = export_csv(sample_history())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    kinds = [row["kind"] for row in rows]
    assert kinds.count("plan") == 3
    assert kinds.count("hold") == 4
    assert kinds.count("mark") == 1
    assert kinds.count("entry") == 3
    assert kinds.count("response") == 2
    assert [row["day"] for row in rows] == sorted(row["day"] for row in rows)
    plan = next(row for row in rows if row["kind"] == "plan" and row["day"] == "2026-11-19")
    assert plan["planned"] == "kneeling-hip-flexor-stretch;bridge"
    hold = next(row for row in rows if row["kind"] == "hold")
    assert (hold["exercise_id"], hold["side"], hold["rep"], hold["held_seconds"]) == (
        "bridge",
        "",
        "2",
        "15.0",
    )
    first = next(row for row in rows if row["id"] == FIRST_ID)
    assert first["where"] == "lower_back;left_hip"
    assert first["signs"] == "radiating"
    assert first["note"] == "après la course 🏃‍♀️\nslept badly, שלום\u200f"
    assert first["at"] == "2026-11-19T08:02:11+01:00"
    hurt = next(row for row in rows if row["id"] == HURT_ID)
    assert (hurt["pain"], hurt["stiffness"], hurt["stiffness_minutes"]) == ("", "", "")
    assert first["asked"] == ";".join(ALWAYS)
    assert hurt["asked"] == "worse_after_stretch"
    travel = next(row for row in rows if row["id"] == TRAVEL_ID)
    assert (travel["signs"], travel["asked"]) == ("trauma", "unknown")
    answer = next(row for row in rows if row["kind"] == "response")
    assert (answer["rule"], answer["key"], answer["answer"]) == (
        "soon_sign",
        "radiating:2026-11-19/2026-11-19",
        "snoozed",
    )


def test_csv_rounds_seconds_to_a_tenth_and_the_json_keeps_them_whole(routine: Routine) -> None:
    holds = (
        Hold("bridge", None, 1, 30.04, 10.95938103900005, NOW, TODAY),
        Hold("bridge", None, 2, 15.0, 8.25, NOW, TODAY),
        Hold("bridge", None, 3, 20.0, 19.96, NOW, TODAY),
    )
    history = History(days=(DayRecord(TODAY, ("bridge",), holds),))
    rows = [row for row in csv.DictReader(io.StringIO(export_csv(history))) if row["rep"]]
    assert [(row["planned_seconds"], row["held_seconds"]) for row in rows] == [
        ("30.0", "11.0"),
        ("15.0", "8.3"),
        ("20.0", "20.0"),
    ]
    [day] = json.loads(export_json(history, routine, NOW))["days"]
    assert [(hold["planned_seconds"], hold["held_seconds"]) for hold in day["holds"]] == [
        (30.04, 10.95938103900005),
        (15.0, 8.25),
        (20.0, 19.96),
    ]


@pytest.mark.parametrize("note", ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)"])
def test_csv_never_hands_a_spreadsheet_a_formula(note: str) -> None:
    entry = SymptomEntry("d" * 32, TODAY, NOW, 1, 1, note=note)
    [row] = csv.DictReader(io.StringIO(export_csv(History(entries=(entry,)))))
    assert row["note"] == "'" + note


def test_csv_of_an_empty_history_is_the_header_alone() -> None:
    assert export_csv(History()) == ",".join(CSV_COLUMNS) + "\n"


# Reading: accepted


def test_a_byte_order_mark_is_accepted(routine: Routine) -> None:
    raw = b"\xef\xbb\xbf" + export_json(sample_history(), routine, NOW)
    assert read_export(raw, "export.json") == sample_history()


def test_whole_numbers_of_seconds_are_read_as_seconds(routine: Routine) -> None:
    doc = exported(routine)
    doc["days"][1]["holds"][0]["held_seconds"] = 30
    assert read(doc).days[1].holds[0].held_seconds == 30.0


# Reading: refused


def entry(doc: dict[str, Any], index: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = doc["entries"][index]
    return found


def hold(doc: dict[str, Any], index: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = doc["days"][1]["holds"][index]
    return found


ENTRY = f"entries[0] (id {FIRST_ID}, 2026-11-19)"
DAY = "days[1] (2026-11-19)"

Mutation = Callable[[dict[str, Any]], object]

REFUSALS: list[tuple[str, Mutation, str]] = [
    ("format", lambda doc: doc.update(format="other"), "format: 'other' is not 'psoas-tui export'"),
    ("no format", lambda doc: doc.pop("format"), "format: missing field"),
    (
        "newer schema",
        lambda doc: doc.update(schema_version=FORMAT_VERSION + 1),
        f"schema_version: the file was written by a newer psoas (schema version "
        f"{FORMAT_VERSION + 1}; this psoas reads up to version {FORMAT_VERSION})",
    ),
    ("schema zero", lambda doc: doc.update(schema_version=0), "schema_version: 0 is not a version"),
    ("schema text", lambda doc: doc.update(schema_version="1"), "schema_version: '1' is not"),
    ("unknown field", lambda doc: doc.update(extra=1), "extra: unknown field"),
    ("missing days", lambda doc: doc.pop("days"), "days: missing field"),
    ("days not list", lambda doc: doc.update(days={}), "days: an object, not a list"),
    ("exported_at", lambda doc: doc.update(exported_at="now"), "exported_at: 'now' is not a date"),
    ("from", lambda doc: doc.update({"from": "2026-02-30"}), "from: '2026-02-30' is not a date"),
    ("routine", lambda doc: doc.update(routine=[]), "routine: a list, not an object"),
    (
        "routine sides",
        lambda doc: doc["routine"]["exercises"][0]["dose"].update(sides=["up"]),
        "routine.exercises[0].dose.sides: ['up'] is not a choice of sides",
    ),
    (
        "routine id",
        lambda doc: doc["routine"]["exercises"][2].update(id="Not An Id"),
        "routine.exercises[2].id: 'Not An Id' is not an exercise id",
    ),
    # Entries
    ("pain high", lambda doc: entry(doc).update(pain=11), f"{ENTRY} pain: 11 is out of range"),
    ("pain text", lambda doc: entry(doc).update(pain="3"), f"{ENTRY} pain: '3' is not a whole"),
    ("pain bool", lambda doc: entry(doc).update(pain=True), f"{ENTRY} pain: True is not a whole"),
    ("pain half", lambda doc: entry(doc).update(pain=2.5), f"{ENTRY} pain: 2.5 is not a whole"),
    (
        "stiffness low",
        lambda doc: entry(doc).update(stiffness=-1),
        f"{ENTRY} stiffness: -1 is out of range; allowed: a whole number from 0 to 10, or null",
    ),
    (
        "minutes",
        lambda doc: entry(doc).update(stiffness_minutes=601),
        f"{ENTRY} stiffness_minutes: 601 is out of range",
    ),
    ("no pain field", lambda doc: entry(doc).pop("pain"), f"{ENTRY} pain: missing field"),
    ("entry extra", lambda doc: entry(doc).update(mood=3), f"{ENTRY} mood: unknown field"),
    (
        "place",
        lambda doc: entry(doc).update(where=["knee"]),
        f"{ENTRY} where[0]: 'knee' is not known; allowed: left_hip, right_hip",
    ),
    (
        "place twice",
        lambda doc: entry(doc).update(where=["left_hip", "left_hip"]),
        f"{ENTRY} where[1]: 'left_hip' is listed twice",
    ),
    (
        "sign",
        lambda doc: entry(doc).update(signs=["dizzy"]),
        f"{ENTRY} signs[0]: 'dizzy' is not known; allowed: radiating,",
    ),
    ("signs text", lambda doc: entry(doc).update(signs="fever"), f"{ENTRY} signs: a string, not"),
    (
        "huge note",
        lambda doc: entry(doc).update(note="x" * 5000),
        f"{ENTRY} note: 5000 characters is too long; allowed: at most 500",
    ),
    (
        "escape in note",
        lambda doc: entry(doc).update(note="ok \x1b[2J"),
        f"{ENTRY} note: character 4 is U+001B (a control character), which is not plain text",
    ),
    (
        "override in note",
        lambda doc: entry(doc).update(note="pain 2\u202e01"),
        f"{ENTRY} note: character 7 is U+202E (RIGHT-TO-LEFT OVERRIDE)",
    ),
    (
        "lone surrogate",
        lambda doc: entry(doc).update(note="a\ud800b"),
        f"{ENTRY} note: character 2 is U+D800",
    ),
    ("nul", lambda doc: entry(doc).update(note="a\x00"), f"{ENTRY} note: character 2 is U+0000"),
    (
        "week date",
        lambda doc: entry(doc).update(day="2026-W47-6"),
        "entries[0].day: '2026-W47-6' is not a date; allowed: YYYY-MM-DD",
    ),
    ("day", lambda doc: entry(doc).update(day="2026-02-30"), "entries[0].day: '2026-02-30' is"),
    (
        "naive instant",
        lambda doc: entry(doc).update(logged_at="2026-11-19T08:02:11"),
        f"{ENTRY} logged_at: '2026-11-19T08:02:11' is not a date-time with its UTC offset",
    ),
    ("id", lambda doc: entry(doc).update(id="no spaces"), "entries[0].id: 'no spaces' is not an"),
    (
        "same id",
        lambda doc: entry(doc, 2).update(id=FIRST_ID),
        "entries[2].id: the same as entries[0]",
    ),
    ("entry not object", lambda doc: doc["entries"].append([]), "entries[3]: a list, not an"),
    # Days and holds
    ("same day", lambda doc: doc["days"][2].update(day="2026-11-19"), "days[2].day: the same as"),
    (
        "side",
        lambda doc: hold(doc).update(side="middle"),
        f"{DAY} holds[0].side: 'middle' is not a side; allowed: left, right or null",
    ),
    ("rep zero", lambda doc: hold(doc).update(rep=0), f"{DAY} holds[0].rep: 0 is out of range"),
    ("rep high", lambda doc: hold(doc).update(rep=11), f"{DAY} holds[0].rep: 11 is out of range"),
    (
        "planned seconds",
        lambda doc: hold(doc).update(planned_seconds=0),
        f"{DAY} holds[0].planned_seconds: 0.0 is out of range",
    ),
    (
        "held negative",
        lambda doc: hold(doc).update(held_seconds=-1),
        f"{DAY} holds[0].held_seconds: -1.0 is out of range",
    ),
    (
        "held text",
        lambda doc: hold(doc).update(held_seconds="30"),
        f"{DAY} holds[0].held_seconds: '30' is not a number",
    ),
    (
        "hold instant",
        lambda doc: hold(doc).update(started_at="2026-11-19 07:31"),
        f"{DAY} holds[0].started_at: '2026-11-19 07:31' is not a date-time",
    ),
    (
        "exercise id",
        lambda doc: hold(doc).update(exercise_id="Bridge!"),
        f"{DAY} holds[0].exercise_id: 'Bridge!' is not an exercise id",
    ),
    ("hold extra", lambda doc: hold(doc).update(x=1), f"{DAY} holds[0].x: unknown field"),
    (
        "same hold",
        lambda doc: doc["days"][1]["holds"].append(dict(hold(doc))),
        f"{DAY} holds[3]: the same as {DAY} holds[0]",
    ),
    (
        "same mark",
        lambda doc: doc["days"][1]["marks"].append(dict(doc["days"][1]["marks"][0])),
        f"{DAY} marks[1].exercise_id: the same as",
    ),
    (
        "planned",
        lambda doc: doc["days"][1].update(planned="bridge"),
        f"{DAY} planned: a string, not a list; allowed: null or a list of exercise ids",
    ),
    (
        "planned twice",
        lambda doc: doc["days"][1].update(planned=["bridge", "bridge"]),
        f"{DAY} planned[1]: the same as",
    ),
    (
        "day not in the calendar",
        lambda doc: doc["days"][2].update(day="2026-02-30"),
        "days[2].day: '2026-02-30' is not a date",
    ),
    # Responses
    (
        "rule",
        lambda doc: doc["responses"][0].update(rule="bad_luck"),
        "responses[0].rule: 'bad_luck' is not a rule; allowed: persistent_pain, "
        "long_persistent_pain, cancer_long_pain, severe_pain, soon_sign,",
    ),
    (
        "v1 rule",
        lambda doc: doc["responses"][0].update(rule="warning_sign"),
        "responses[0].rule: 'warning_sign' is not a rule",
    ),
    (
        "kind",
        lambda doc: doc["responses"][0].update(kind="ignored"),
        "responses[0].kind: 'ignored' is not an answer; allowed: acknowledged, snoozed, "
        "getting_help, checked, mistake, shown, reminded, not_yet, start_anyway",
    ),
    (
        "episode key",
        lambda doc: doc["responses"][1].update(key="soon"),
        "responses[1].key: 'soon' is not the key of a persistent_pain answer; allowed: a day or "
        "two joined by /",
    ),
    (
        "episode key with a sign",
        lambda doc: doc["responses"][1].update(key="radiating:2026-11-02"),
        "responses[1].key: 'radiating:2026-11-02' is not the key of a persistent_pain answer",
    ),
    (
        "episode key not a day",
        lambda doc: doc["responses"][1].update(key="2026-11-02/2026-13-40"),
        "responses[1].key: '2026-13-40' is not a date",
    ),
    (
        "sign key",
        lambda doc: doc["responses"][0].update(key=FIRST_ID),
        f"responses[0].key: '{FIRST_ID}' is not the key of a soon_sign answer; allowed: a "
        "sign's key and a day or two joined by /, such as radiating:2026-11-02/2026-11-09",
    ),
    (
        "sign key of an unknown sign",
        lambda doc: doc["responses"][0].update(key="dizzy:2026-11-19/2026-11-19"),
        "responses[0].key: 'dizzy' is not known; allowed: radiating, worse_after_stretch,",
    ),
    # About you
    (
        "profile key",
        lambda doc: doc["profile"][0].update(key="height"),
        "profile[0].key: 'height' is not a question; allowed: cancer, steroids, osteoporosis, "
        "immunosuppressed, injected_drugs, age_50_plus",
    ),
    (
        "profile answer",
        lambda doc: doc["profile"][1].update(answer=True),
        "profile[1].answer: True is not an answer; allowed: yes, no, unsaid",
    ),
    (
        "profile day",
        lambda doc: doc["profile"][0].update(day="20261122"),
        "profile[0].day: '20261122' is not a date",
    ),
    ("profile extra", lambda doc: doc["profile"][0].update(why=1), "profile[0].why: unknown"),
    ("profile missing", lambda doc: doc.pop("profile"), "profile: missing field"),
    (
        "profile twice",
        lambda doc: doc["profile"][1].update(key="cancer"),
        "profile[1].key: the same as profile[0]; allowed: each question once",
    ),
    # What the entries asked
    (
        "asked text",
        lambda doc: entry(doc).update(asked="radiating"),
        f"{ENTRY} asked: a string, not a list",
    ),
    (
        "asked unknown",
        lambda doc: entry(doc).update(asked=["radiating", "trauma"]),
        f"{ENTRY} asked[1]: 'trauma' is not known; allowed: radiating,",
    ),
    (
        "asked twice",
        lambda doc: entry(doc).update(asked=["radiating", "radiating"]),
        f"{ENTRY} asked[1]: 'radiating' is listed twice",
    ),
    ("asked missing", lambda doc: entry(doc).pop("asked"), f"{ENTRY} asked: missing field"),
    (
        "yes not asked",
        lambda doc: entry(doc).update(asked=["saddle"]),
        f"{ENTRY} signs[0]: 'radiating' is answered yes but was not asked; allowed: a yes only "
        "to a question listed in asked",
    ),
    (
        "v1 sign key",
        lambda doc: entry(doc).update(signs=["saddle_numbness"], asked=None),
        f"{ENTRY} signs[0]: 'saddle_numbness' is not known; allowed: radiating,",
    ),
    (
        "same answer",
        lambda doc: doc["responses"].append(dict(doc["responses"][0])),
        "responses[2]: the same as responses[0]",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "message"), [case[1:] for case in REFUSALS], ids=[case[0] for case in REFUSALS]
)
def test_a_bad_export_is_refused_naming_the_record_and_field(
    routine: Routine, mutate: Mutation, message: str
) -> None:
    doc = exported(routine)
    mutate(doc)
    with pytest.raises(FileRefused) as refused:
        read(doc)
    text = str(refused.value)
    assert text.startswith("export.json: ")
    assert message in text
    assert "\n" not in text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "export.json: line 1, column 1: not valid JSON (Expecting value)"),
        (b'{"format": ', "export.json: line 1, column 12: not valid JSON"),
        (b"\xff\xfe{}", "export.json: byte 0 is not UTF-8 text"),
        (b"[1, 2]", "export.json: the file holds a list, not an object"),
        (b'{"a": NaN}', "export.json: NaN is not a number"),
        (b'{"a": 1, "a": 2}', "export.json: an object names 'a' twice"),
        (b"[" * 100_000, "export.json: nested too deeply"),
        (
            b'{"_default": {}, "meta": {"schema": {"version": 1}}, "days": {}}',
            "export.json: this is a psoas database or backup, not an export; allowed: a JSON "
            "file made by psoas export --format json (to put a backup back in place, use psoas "
            "restore)",
        ),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(raw: bytes, message: str) -> None:
    with pytest.raises(FileRefused) as refused:
        read_export(raw, "export.json")
    assert str(refused.value).startswith(message)


def test_a_file_over_the_size_limit_is_refused_unread(
    routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_import, "MAX_IMPORT_BYTES", 100)
    with pytest.raises(FileRefused, match="bytes is too large; allowed: at most 100"):
        read_export(export_json(History(), routine, NOW), "export.json")


def test_an_instant_in_another_offset_is_kept(routine: Routine) -> None:
    doc = exported(routine)
    doc["entries"][0]["logged_at"] = "2026-11-19T08:02:11-05:00"
    logged = read(doc).entries[0].logged_at
    assert logged.utcoffset() == timedelta(hours=-5)
    assert logged == datetime(2026, 11, 19, 13, 2, 11, tzinfo=UTC)


# Every kind of answer, and the about-you answers


@pytest.mark.parametrize("kind", list(Answer))
def test_every_kind_of_answer_comes_back_as_an_answer(routine: Routine, kind: Answer) -> None:
    response = ReferralResponse(
        Rule.emergency_sign, "saddle:2026-11-19/2026-11-20", kind, TODAY, NOW
    )
    doc = exported(routine, History(responses=(response,)))
    assert doc["responses"][0]["kind"] == kind.value
    [back] = read(doc).responses
    assert back == response and back.kind is kind


def test_an_export_of_no_about_you_answers_has_an_empty_profile(routine: Routine) -> None:
    doc = exported(routine, History())
    assert doc["profile"] == []
    assert read(doc).profile == Profile()


# Reading a version-1 export: the referral rules' first version, mapped as the store maps it

OLD_SOON, OLD_URGENT = "d" * 32, "e" * 32


def version_1_export(routine: Routine) -> dict[str, Any]:
    """An export as version 1 wrote it: every old sign key, every old rule and answer."""
    doc = exported(routine, History())
    doc["schema_version"] = 1
    del doc["profile"], doc["pauses"]

    def old_entry(entry_id: str, day: str, signs: list[str]) -> dict[str, Any]:
        return {
            "id": entry_id,
            "day": day,
            "logged_at": f"{day}T08:00:00+01:00",
            "pain": 4,
            "stiffness": 3,
            "stiffness_minutes": None,
            "where": [],
            "signs": signs,
            "note": "",
        }

    doc["entries"] = [
        old_entry(OLD_SOON, "2026-11-10", ["radiating", "worse_after_stretch", "restricted"]),
        old_entry(
            OLD_URGENT,
            "2026-11-12",
            ["saddle_numbness", "bladder_bowel", "leg_weakness", "fever", "trauma"],
        ),
    ]
    answers = [
        ("persistent_pain", "2026-11-02", "acknowledged"),
        ("severe_pain", "2026-11-05", "snoozed"),
        ("warning_sign", OLD_SOON, "acknowledged"),
        ("warning_sign", OLD_SOON, "snoozed"),
        ("urgent_sign", OLD_URGENT, "acknowledged"),
        ("warning_sign", "f" * 32, "acknowledged"),
    ]
    doc["responses"] = [
        {
            "rule": rule,
            "key": key,
            "kind": kind,
            "day": "2026-11-15",
            "at": f"2026-11-15T09:0{minute}:00+01:00",
        }
        for minute, (rule, key, kind) in enumerate(answers)
    ]
    return doc


def test_a_version_1_export_is_read_with_its_keys_mapped(routine: Routine) -> None:
    history = read(version_1_export(routine))

    assert [(entry.id, entry.signs, entry.asked) for entry in history.entries] == [
        (OLD_SOON, ("radiating", "worse_after_stretch", "restricted"), None),
        (OLD_URGENT, ("saddle", "bladder_bowel", "both_legs", "fever", "trauma"), None),
    ]
    assert [(r.rule, r.key, r.kind, r.at.minute) for r in history.responses] == [
        ("persistent_pain", "2026-11-02", Answer.acknowledged, 0),
        ("severe_pain", "2026-11-05", Answer.snoozed, 1),
        *(
            ("soon_sign", f"{sign}:2026-11-10/2026-11-10", kind, minute)
            for minute, kind in ((2, Answer.acknowledged), (3, Answer.snoozed))
            for sign in ("radiating", "restricted", "worse_after_stretch")
        ),
    ]
    assert all(type(response.kind) is Answer for response in history.responses)
    assert history.profile == Profile()


V1_REFUSALS: list[tuple[str, Mutation, str]] = [
    (
        "a version-2 sign",
        lambda doc: doc["entries"][0].update(signs=["saddle"]),
        f"entries[0] (id {OLD_SOON}, 2026-11-10) signs[0]: 'saddle' is not known; allowed: "
        "radiating, worse_after_stretch, restricted, saddle_numbness, bladder_bowel, "
        "leg_weakness, fever, trauma",
    ),
    (
        "asked",
        lambda doc: doc["entries"][0].update(asked=[]),
        f"entries[0] (id {OLD_SOON}, 2026-11-10) asked: unknown field",
    ),
    ("profile", lambda doc: doc.update(profile=[]), "profile: unknown field"),
    (
        "a version-2 rule",
        lambda doc: doc["responses"][0].update(rule="soon_sign"),
        "responses[0].rule: 'soon_sign' is not a rule; allowed: urgent_sign, persistent_pain, "
        "warning_sign, severe_pain",
    ),
    (
        "a version-2 answer",
        lambda doc: doc["responses"][0].update(kind="checked"),
        "responses[0].kind: 'checked' is not an answer; allowed: acknowledged, snoozed",
    ),
    (
        "an episode key",
        lambda doc: doc["responses"][0].update(key="2026-11-02/2026-11-09"),
        "responses[0].key: '2026-11-02/2026-11-09' is not a date",
    ),
    (
        "a sign key",
        lambda doc: doc["responses"][2].update(key="radiating:2026-11-10/2026-11-10"),
        "responses[2].key: 'radiating:2026-11-10/2026-11-10' is not an entry id",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [case[1:] for case in V1_REFUSALS],
    ids=[case[0] for case in V1_REFUSALS],
)
def test_a_bad_version_1_export_is_refused_with_version_1_words(
    routine: Routine, mutate: Mutation, message: str
) -> None:
    doc = version_1_export(routine)
    mutate(doc)
    with pytest.raises(FileRefused) as refused:
        read(doc)
    assert str(refused.value).startswith(f"export.json: {message}")
    assert "\n" not in str(refused.value)
