"""Documents and core types convert both ways, and a bad document is named precisely."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import orjson
import pytest

from psoas_tui.core.model import (
    Answer,
    DayRecord,
    DoneMark,
    Hold,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.profile import ProfileAnswer, ProfileItem, ProfileKey
from psoas_tui.store.schema import (
    SchemaError,
    check_documents,
    check_structure,
    day_from_doc,
    day_to_doc,
    entry_from_doc,
    entry_to_doc,
    profile_item_from_doc,
    profile_item_key,
    profile_item_to_doc,
    response_from_doc,
    response_key,
    response_to_doc,
    schema_version,
    share_repeated_values,
)

PLUS_ONE = timezone(timedelta(hours=1))
DAY = date(2026, 11, 21)
AT = datetime(2026, 11, 21, 7, 31, 2, 500000, tzinfo=PLUS_ONE)


def _day() -> DayRecord:
    return DayRecord(
        DAY,
        ("kneeling-hip-flexor", "bridge"),
        (
            Hold("kneeling-hip-flexor", "left", 1, 30.0, 29.6, AT, DAY),
            Hold("bridge", None, 2, 5.0, 2.25, AT + timedelta(minutes=3), DAY),
        ),
        (DoneMark("bridge", DAY, AT + timedelta(minutes=9)),),
    )


def test_day_round_trip() -> None:
    record = _day()
    doc = day_to_doc(record)
    assert doc["holds"][0] == [
        "kneeling-hip-flexor",
        "left",
        1,
        30.0,
        29.6,
        "2026-11-21T07:31:02.500000+01:00",
    ]
    assert doc["marks"] == [["bridge", "2026-11-21T07:40:02.500000+01:00"]]
    back = day_from_doc(doc)
    assert back == record
    assert back.holds[0].started_at.utcoffset() == timedelta(hours=1)


def test_untouched_day_keeps_planned_none() -> None:
    assert day_from_doc(day_to_doc(DayRecord(DAY))) == DayRecord(DAY)


def test_whole_seconds_come_back_as_floats() -> None:
    doc = day_to_doc(_day())
    doc["holds"][0][3] = 30
    hold = day_from_doc(doc).holds[0]
    assert hold.planned_seconds == 30.0
    assert isinstance(hold.planned_seconds, float)


def test_entry_round_trip_keeps_every_field() -> None:
    entry = SymptomEntry(
        "9f1c",
        DAY,
        AT,
        pain=None,
        stiffness=6,
        stiffness_minutes=45,
        where=("left_groin", "lower_back"),
        signs=("radiating",),
        note="after a long drive ✓",
        asked=("radiating", "saddle"),
    )
    doc = entry_to_doc(entry)
    assert doc["asked"] == ["radiating", "saddle"]
    assert entry_from_doc(doc) == entry


@pytest.mark.parametrize("asked", [None, (), ("radiating",)])
def test_asked_keeps_unknown_apart_from_nothing_asked(asked: tuple[str, ...] | None) -> None:
    entry = SymptomEntry("a", DAY, AT, 2, 1, asked=asked)
    doc = entry_to_doc(entry)
    assert doc["asked"] == (None if asked is None else list(asked))
    assert entry_from_doc(doc).asked == asked


def test_entry_optional_fields_may_be_absent() -> None:
    doc = {"id": "a", "day": "2026-11-21", "logged_at": AT.isoformat(), "pain": 2, "stiffness": 1}
    assert entry_from_doc(doc) == SymptomEntry("a", DAY, AT, 2, 1)
    assert entry_from_doc(doc).asked is None


def test_response_round_trip_and_key() -> None:
    response = ReferralResponse(
        "soon_sign", "radiating:2026-11-02/2026-11-09", Answer.snoozed, DAY, AT
    )
    doc = response_to_doc(response)
    assert doc["kind"] == "snoozed" and type(doc["kind"]) is str
    back = response_from_doc(doc)
    assert back == response and type(back.kind) is Answer
    assert response_key(response) == (
        "2026-11-21T07:31:02.500000+01:00 soon_sign radiating:2026-11-02/2026-11-09 snoozed"
    )


@pytest.mark.parametrize("kind", list(Answer))
def test_every_answer_is_stored_as_its_value_and_read_back(kind: Answer) -> None:
    response = ReferralResponse("emergency_sign", "saddle:2026-11-20/2026-11-20", kind, DAY, AT)
    doc = orjson.loads(orjson.dumps(response_to_doc(response)))
    assert doc["kind"] == kind.value
    assert response_from_doc(doc).kind is kind


def test_a_response_of_an_unknown_kind_is_named() -> None:
    doc = response_to_doc(ReferralResponse("soon_sign", "k", Answer.shown, DAY, AT))
    doc["kind"] = "ignored"
    with pytest.raises(SchemaError, match="kind 'ignored' is not one of: acknowledged, snoozed,"):
        response_from_doc(doc)
    doc["kind"] = 3
    with pytest.raises(SchemaError, match="kind is a number, not a string"):
        response_from_doc(doc)


def test_profile_item_round_trip_and_key() -> None:
    item = ProfileItem(ProfileKey.age_50_plus, ProfileAnswer.unsaid, DAY)
    doc = profile_item_to_doc(item)
    assert doc == {"key": "age_50_plus", "answer": "unsaid", "day": "2026-11-21"}
    assert profile_item_key(item) == "age_50_plus"
    back = profile_item_from_doc(orjson.loads(orjson.dumps(doc)))
    assert back == item
    assert type(back.key) is ProfileKey and type(back.answer) is ProfileAnswer


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda doc: doc.pop("answer"), "field 'answer' is missing"),
        (
            lambda doc: doc.update(key="height"),
            "key 'height' is not one of: cancer, steroids, osteoporosis, immunosuppressed, "
            "injected_drugs, age_50_plus",
        ),
        (lambda doc: doc.update(answer="maybe"), "answer 'maybe' is not one of: yes, no, unsaid"),
        (lambda doc: doc.update(answer=True), "answer is true/false, not a string"),
        (lambda doc: doc.update(day="soon"), "day 'soon' is not an ISO date"),
    ],
)
def test_bad_profile_document_names_the_field(change: Any, message: str) -> None:
    doc = profile_item_to_doc(ProfileItem(ProfileKey.cancer, ProfileAnswer.no, DAY))
    change(doc)
    with pytest.raises(SchemaError, match=message):
        profile_item_from_doc(doc)
    with pytest.raises(SchemaError, match=f"profile item 'cancer': {message}"):
        check_documents({"profile": {"cancer": doc}})


def test_naive_datetime_is_refused_on_write() -> None:
    entry = SymptomEntry("a", DAY, datetime(2026, 11, 21, 7, 30), 1, 1)
    with pytest.raises(ValueError, match="aware"):
        entry_to_doc(entry)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda doc: doc.pop("day"), "field 'day' is missing"),
        (lambda doc: doc.update(day="21.11.2026"), "day '21.11.2026' is not an ISO date"),
        (lambda doc: doc.update(planned="bridge"), "planned is a string, not a list of strings"),
        (lambda doc: doc.update(holds={}), "holds is an object, not a list"),
        (lambda doc: doc["holds"][1].pop(), r"holds\[1\] is not a row of 6 values"),
        (lambda doc: doc["holds"][0].__setitem__(2, "1"), r"holds\[0\] rep is a string"),
        (lambda doc: doc["holds"][0].__setitem__(2, True), r"holds\[0\] rep is true/false"),
        (lambda doc: doc["holds"][1].__setitem__(4, None), r"holds\[1\] held seconds is null"),
        (
            lambda doc: doc["holds"][0].__setitem__(5, "2026-11-21T07:31:02"),
            r"holds\[0\] started_at '2026-11-21T07:31:02' is not an ISO date-time with a UTC",
        ),
        (lambda doc: doc["marks"][0].__setitem__(0, 7), r"marks\[0\] exercise is a number"),
        (lambda doc: doc["marks"].append("bridge"), r"marks\[1\] is not a row of 2 values"),
    ],
)
def test_bad_day_document_names_the_field(change: Any, message: str) -> None:
    doc = day_to_doc(_day())
    change(doc)
    with pytest.raises(SchemaError, match=message):
        day_from_doc(doc)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda doc: doc.pop("logged_at"), "field 'logged_at' is missing"),
        (lambda doc: doc.update(pain="3"), "pain is a string, not a whole number"),
        (lambda doc: doc.update(pain=2.5), "pain is a number, not a whole number"),
        (lambda doc: doc.update(where=["hip", 3]), "where item is a number, not a string"),
        (lambda doc: doc.update(note=None), "note is null, not a string"),
        (lambda doc: doc.update(asked="radiating"), "asked is a string, not a list of strings"),
        (lambda doc: doc.update(asked=["radiating", 3]), "asked item is a number, not a string"),
    ],
)
def test_bad_entry_document_names_the_field(change: Any, message: str) -> None:
    doc = entry_to_doc(SymptomEntry("a", DAY, AT, 3, 4))
    change(doc)
    with pytest.raises(SchemaError, match=message):
        entry_from_doc(doc)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "the file holds a list, not an object of tables"),
        ("psoas", "the file holds a string"),
        ({"days": [1]}, "table 'days' is a list, not an object"),
        ({"days": {"2026-11-21": 3}}, "document '2026-11-21' of table 'days' is a number"),
        ({"meta": {"schema": {"version": "1"}}}, "the schema version is '1'"),
        ({"meta": {"schema": {"version": -1}}}, "the schema version is -1"),
    ],
)
def test_structure_is_checked(data: object, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        check_structure(data)


def test_a_file_without_a_version_is_version_zero() -> None:
    assert schema_version(check_structure({})) == 0
    assert schema_version(check_structure({"_default": {"1": {"a": 1}}})) == 0
    assert schema_version(check_structure({"meta": {"schema": {"version": 1}}})) == 1


def test_repeated_values_in_day_rows_become_one_object() -> None:
    docs = [day_to_doc(_day()) for _ in range(2)]
    tables = orjson.loads(orjson.dumps({"days": {"a": docs[0], "b": docs[1]}}))
    tables["days"]["c"] = {"day": "2026-11-22", "holds": [[["odd"], {}], 5], "marks": "x"}
    a, b = tables["days"]["a"], tables["days"]["b"]
    assert a["holds"][0][0] is not b["holds"][0][0]

    share_repeated_values(tables)

    assert a["holds"][0][0] is b["holds"][0][0]  # exercise id
    assert a["holds"][0][1] is b["holds"][0][1]  # side
    assert a["holds"][0][3] is b["holds"][0][3]  # planned seconds
    assert a["marks"][0][0] is b["marks"][0][0] is b["holds"][1][0]
    assert a["holds"][0][5] is not b["holds"][0][5]  # instants are not shared
    assert day_from_doc(b) == _day()
