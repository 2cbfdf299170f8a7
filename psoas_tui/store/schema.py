"""The database's layout, and the conversion between its documents and core's types.

The file is one TinyDB JSON object of tables, each a mapping from a document's key to the
document. Keys are the records' own keys, never TinyDB's counters, so two processes can never
hand out the same one:

``meta``
    ``{"schema": {"version": 4}}``.
``days``
    One document per day, keyed by the ISO date (fewer, larger documents load and save
    faster than one per hold)::

        {"day": "2026-11-21",
         "planned": ["kneeling-hip-flexor", "bridge"],          # null: the day was never touched
         "holds": [["kneeling-hip-flexor", "left", 1, 30.0, 29.6, "2026-11-21T07:31:02+01:00"]],
         "marks": [["bridge", "2026-11-21T07:45:00+01:00"]]}

    A hold is a row ``[exercise_id, side or null, rep, planned_seconds, held_seconds,
    started_at]`` and a mark a row ``[exercise_id, marked_at]``: rows keep ten years of holds
    small enough to load and save quickly. Their day is the document's.
``entries``
    One document per symptom entry, keyed by its id (a uuid4 hex string)::

        {"id": "...", "day": "2026-11-21", "logged_at": "2026-11-21T08:02:11+01:00",
         "pain": 3, "stiffness": 4, "stiffness_minutes": 20, "where": ["left groin"],
         "signs": ["radiating"], "note": "", "asked": ["radiating", "worse_after_stretch"]}

    ``signs`` are the sign questions answered yes and ``asked`` the ones shown with the entry
    (``core.signs`` keys); ``asked`` is null on entries saved before version 2, when what was
    shown was not recorded.
``responses``
    One document per answer to a referral prompt, or per thing a prompt showed, keyed by
    ``response_key``::

        {"rule": "soon_sign", "key": "radiating:2026-11-02/2026-11-09", "kind": "snoozed",
         "day": "2026-11-21", "at": "2026-11-21T08:05:00+01:00"}

    ``rule`` is a ``core.referral.Rule`` and ``kind`` a ``core.model.Answer``, by value.
``profile``
    One document per "about you" question answered, keyed by its ``ProfileKey``::

        {"key": "cancer", "answer": "no", "day": "2026-11-21"}

``summary``
    What the database knows of its archives (``archive/psoas-YYYY.json``, see ``archive``), in
    one document keyed ``"archive"``, absent while nothing was ever archived::

        {"boundary": "2026-05-01", "checked": "2026-05-01", "first_day": "2016-11-22",
         "first_entry": "2016-11-23", "shadows": [2019]}

    Every day document and entry dated from ``boundary`` on is in this file; older ones are in
    the archive of their year unless this file holds a newer copy, which wins. ``checked`` is
    the window start the last compaction worked to, ``first_day`` and ``first_entry`` the
    earliest archived day and entry, and ``shadows`` the archives that may still hold an older
    copy of an entry this file holds.
``routines`` (since version 3)
    One document per version of the routine the app has seen, keyed by the ISO date of the
    first day it was in force::

        {"day": "2026-11-21", "toml": "[[exercise]]\\nid = ...", "fingerprint": "9f86d0..."}

    ``toml`` is the routine file's text as it was read, ``fingerprint`` its SHA-256 in hex
    (``core.routine.Routine.fingerprint``). Every past day is judged by the version in force on
    it (``core.routine_versions``). The routine is not a record of the user's, so a file with
    nothing else in it is still empty (no backup is taken of it).
``pauses`` (since version 4)
    One document per pause the user declared, keyed by the ISO date of its first day::

        {"start": "2026-12-01", "end": "2026-12-09", "reason": "travel"}

    ``reason`` is a ``core.model.PauseReason`` by value. No two pauses share a day. Pauses are
    few and stay in this file: the archives never hold one.

Dates are ISO dates written ``YYYY-MM-DD`` (a week date or a basic date is damage); instants
are ISO date-times with their UTC offset. Every record keeps ``core.records``'s contract, the one
an import keeps, and is stored under its own key (a day's under its day, an entry's under its id):
a document that does not is damaged, and so is a file that names a key twice in one object
(``codec``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, tzinfo
from typing import Any

from psoas_tui.core import records, validate
from psoas_tui.core.model import (
    Answer,
    DayRecord,
    DoneMark,
    Hold,
    Pause,
    PauseReason,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.profile import ProfileAnswer, ProfileItem, ProfileKey
from psoas_tui.core.routine_versions import StoredVersion
from psoas_tui.core.validate import Missing, Refusal, kind_of

#: The schema this psoas writes. Older files are migrated (see ``migrations``); newer refused.
CURRENT_VERSION = 4

META = "meta"
DAYS = "days"
ENTRIES = "entries"
RESPONSES = "responses"
PROFILE = "profile"
SUMMARY = "summary"
#: The key of the document in ``summary`` that describes the archives.
ARCHIVE_KEY = "archive"
ROUTINES = "routines"
PAUSES = "pauses"
#: The key of the document in ``meta`` that holds ``{"version": N}``.
SCHEMA_KEY = "schema"
RECORD_TABLES = (DAYS, ENTRIES, RESPONSES, PROFILE, PAUSES)

_NUMBER_TYPES = (int, float)

Doc = dict[str, Any]
Tables = dict[str, dict[str, Doc]]


class SchemaError(ValueError):
    """A document, or the file as a whole, does not have the shape this module describes."""


def empty_tables() -> Tables:
    """A new database at the current schema version, with every table present."""
    tables: Tables = {META: {SCHEMA_KEY: {"version": CURRENT_VERSION}}}
    for name in (*RECORD_TABLES, ROUTINES):
        tables[name] = {}
    return tables


def check_structure(data: object) -> Tables:
    """``data`` as parsed from the file, if it is shaped like a TinyDB database at all.

    TinyDB needs an object of tables, each an object of documents, each an object. The schema
    version, if present, must be a whole number. Raises ``SchemaError`` saying what is wrong.
    """
    if not isinstance(data, dict):
        raise SchemaError(f"the file holds {kind_of(data)}, not an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise SchemaError(f"table {name!r} is {kind_of(table)}, not an object")
        for key, doc in table.items():
            if not isinstance(doc, dict):
                raise SchemaError(f"document {key!r} of table {name!r} is {kind_of(doc)}")
    version = data.get(META, {}).get(SCHEMA_KEY, {}).get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise SchemaError(f"the schema version is {version!r}, not a whole number")
    return data


def check_documents(tables: Tables) -> None:
    """Raise ``SchemaError`` naming the first document of a record table that breaks the
    contract (``core.records``) or is not stored under its record's key.

    Dates are data: no day is too early or too late. The daily backup runs it, so a damaged
    file never becomes a backup that pushes a good one out.
    """
    for what, name, convert, key_of in READERS:
        for key, doc in tables.get(name, {}).items():
            check_key(what, key, _converted(what, key, doc, convert), key_of)


def check_key(what: str, key: str, record: object, key_of: Callable[[Any], str]) -> None:
    """Raise ``SchemaError`` unless ``key`` is ``record``'s own key (``key_of``)."""
    if key_of(record) != key:
        raise SchemaError(f"{what} {key!r}: stored under {key!r}, not under {key_of(record)!r}")


def _converted(what: str, key: str, doc: Doc, convert: Callable[[Mapping[str, Any]], Any]) -> Any:
    try:
        return convert(doc)
    except SchemaError as error:
        raise SchemaError(f"{what} {key!r}: {error}") from None


def schema_version(tables: Tables) -> int:
    """The file's schema version; a file without one (plain TinyDB) is version 0."""
    version: int = tables.get(META, {}).get(SCHEMA_KEY, {}).get("version", 0)
    return version


def has_records(tables: Tables) -> bool:
    """Whether ``tables`` hold anything the user recorded (an empty one is not worth a backup)."""
    return any(tables.get(name) for name in RECORD_TABLES)


def share_repeated_values(tables: Tables) -> None:
    """Make each repeated exercise id, side, planned and held duration in the day rows one object.

    Ten years hold some 70,000 holds naming a handful of exercises and a few hundred durations;
    the parser makes a new object for each, about a third of the loaded file's memory. Rows of
    another shape are left for ``day_from_doc`` to report.
    """
    shared: dict[str | float, Any] = {}
    share = shared.setdefault
    for doc in tables.get(DAYS, {}).values():
        holds = doc.get("holds")
        if type(holds) is list:
            for row in holds:
                if type(row) is list and len(row) == 6:
                    # Columns 0, 1, 3 and 4, spelt out: this runs once for every hold recorded.
                    value = row[0]
                    if type(value) is str or type(value) is float:
                        row[0] = share(value, value)
                    value = row[1]
                    if type(value) is str or type(value) is float:
                        row[1] = share(value, value)
                    value = row[3]
                    if type(value) is str or type(value) is float:
                        row[3] = share(value, value)
                    value = row[4]
                    if type(value) is str or type(value) is float:
                        row[4] = share(value, value)
        marks = doc.get("marks")
        if type(marks) is list:
            for row in marks:
                if type(row) is list and row:
                    value = row[0]
                    if type(value) is str or type(value) is float:
                        row[0] = share(value, value)


def day_key(day: date) -> str:
    """The key of a day's document."""
    return day.isoformat()


def day_to_doc(record: DayRecord) -> Doc:
    """A day's document."""
    return {
        "day": record.day.isoformat(),
        "planned": None if record.planned is None else list(record.planned),
        "holds": [
            [
                hold.exercise_id,
                hold.side,
                hold.rep,
                hold.planned_seconds,
                hold.held_seconds,
                _instant_text(hold.started_at, "started_at"),
            ]
            for hold in record.holds
        ],
        "marks": [
            [mark.exercise_id, _instant_text(mark.marked_at, "marked_at")] for mark in record.marks
        ],
    }


def day_from_doc(doc: Mapping[str, Any]) -> DayRecord:
    """The ``DayRecord`` a day's document holds. Raises ``SchemaError`` naming the bad field."""
    try:
        day = _date(_field(doc, "day"), "day")
        planned_value = _field(doc, "planned")
        planned = None if planned_value is None else validate.texts(planned_value, "planned")
        holds = tuple([_hold(row, day, index) for index, row in enumerate(_list(doc, "holds"))])
        marks = tuple([_mark(row, day, index) for index, row in enumerate(_list(doc, "marks"))])
    except Refusal as refusal:
        raise schema_error(refusal) from None
    record = DayRecord(day, planned, holds, marks)
    _contract(lambda: records.check_day(record))
    return record


# Ten years hold some 70,000 holds. The fast paths check the exact types orjson produces without
# building any message; a row they do not accept goes through the careful path, which says what
# is wrong with it.


def _hold(row: object, day: date, index: int) -> Hold:
    if type(row) is list and len(row) == 6:
        exercise_id, side, rep, planned, held, started_at = row
        if (
            type(exercise_id) is str
            and (side is None or type(side) is str)
            and type(rep) is int
            and type(planned) in _NUMBER_TYPES
            and type(held) in _NUMBER_TYPES
            and type(started_at) is str
        ):
            try:
                instant = datetime.fromisoformat(started_at)
            except ValueError:
                instant = None
            if instant is not None and instant.tzinfo is not None:
                return Hold(
                    exercise_id, side, rep, float(planned), float(held), _one_zone(instant), day
                )
    return _checked_hold(row, day, f"holds[{index}]")


def _checked_hold(row: object, day: date, what: str) -> Hold:
    exercise_id, side, rep, planned, held, started_at = _row(row, 6, what)
    return Hold(
        exercise_id=_text(exercise_id, f"{what} exercise"),
        side=None if side is None else _text(side, f"{what} side"),
        rep=_whole(rep, f"{what} rep"),
        planned_seconds=_number(planned, f"{what} planned seconds"),
        held_seconds=_number(held, f"{what} held seconds"),
        started_at=_instant(started_at, f"{what} started_at"),
        day=day,
    )


def _mark(row: object, day: date, index: int) -> DoneMark:
    if type(row) is list and len(row) == 2:
        exercise_id, marked_at = row
        if type(exercise_id) is str and type(marked_at) is str:
            try:
                instant = datetime.fromisoformat(marked_at)
            except ValueError:
                instant = None
            if instant is not None and instant.tzinfo is not None:
                return DoneMark(exercise_id, day, _one_zone(instant))
    return _checked_mark(row, day, f"marks[{index}]")


def _checked_mark(row: object, day: date, what: str) -> DoneMark:
    exercise_id, marked_at = _row(row, 2, what)
    return DoneMark(
        exercise_id=_text(exercise_id, f"{what} exercise"),
        day=day,
        marked_at=_instant(marked_at, f"{what} marked_at"),
    )


def entry_to_doc(entry: SymptomEntry) -> Doc:
    """A symptom entry's document, every field included."""
    return {
        "id": entry.id,
        "day": entry.day.isoformat(),
        "logged_at": _instant_text(entry.logged_at, "logged_at"),
        "pain": entry.pain,
        "stiffness": entry.stiffness,
        "stiffness_minutes": entry.stiffness_minutes,
        "where": list(entry.where),
        "signs": list(entry.signs),
        "note": entry.note,
        "asked": None if entry.asked is None else list(entry.asked),
    }


def entry_from_doc(doc: Mapping[str, Any]) -> SymptomEntry:
    """The ``SymptomEntry`` a document holds; fields after ``stiffness`` may be absent (an absent
    ``asked`` is null: not known)."""
    # The fast path takes the exact types orjson produces; anything else gets the careful path,
    # which names what is wrong.
    get = doc.get
    entry_id, day, logged_at = get("id"), get("day"), get("logged_at")
    pain, stiffness, minutes = get("pain"), get("stiffness"), get("stiffness_minutes")
    where, signs, note = get("where", []), get("signs", []), get("note", "")
    asked = get("asked")
    if (
        type(entry_id) is str
        and type(day) is str
        and type(logged_at) is str
        and (pain is None or type(pain) is int)
        and (stiffness is None or type(stiffness) is int)
        and "pain" in doc
        and "stiffness" in doc
        and (minutes is None or type(minutes) is int)
        and type(where) is list
        and all(type(item) is str for item in where)
        and type(signs) is list
        and all(type(item) is str for item in signs)
        and type(note) is str
        and (asked is None or (type(asked) is list and all(type(item) is str for item in asked)))
    ):
        try:
            instant = datetime.fromisoformat(logged_at)
            on = date.fromisoformat(day)
        except ValueError:
            instant = None
        if instant is not None and instant.utcoffset() is not None and _CALENDAR_DAY(day):
            return _kept(
                SymptomEntry(
                    entry_id,
                    on,
                    _one_zone(instant),
                    pain,
                    stiffness,
                    minutes,
                    tuple(where),
                    tuple(signs),
                    note,
                    None if asked is None else tuple(asked),
                )
            )
    return _checked_entry(doc)


def _kept(entry: SymptomEntry) -> SymptomEntry:
    _contract(lambda: records.check_entry(entry))
    return entry


def _checked_entry(doc: Mapping[str, Any]) -> SymptomEntry:
    try:
        entry = _entry_fields(doc)
    except Refusal as refusal:
        raise schema_error(refusal) from None
    return _kept(entry)


def _entry_fields(doc: Mapping[str, Any]) -> SymptomEntry:
    return SymptomEntry(
        id=_text(_field(doc, "id"), "id"),
        day=_date(_field(doc, "day"), "day"),
        logged_at=_instant(_field(doc, "logged_at"), "logged_at"),
        pain=_optional_whole(_field(doc, "pain"), "pain"),
        stiffness=_optional_whole(_field(doc, "stiffness"), "stiffness"),
        stiffness_minutes=_optional_whole(doc.get("stiffness_minutes"), "stiffness_minutes"),
        where=validate.texts(doc.get("where", []), "where"),
        signs=validate.texts(doc.get("signs", []), "signs"),
        note=_text(doc.get("note", ""), "note"),
        asked=_optional_texts(doc.get("asked"), "asked"),
    )


def response_key(response: ReferralResponse) -> str:
    """A response's key: the same answer given twice (an import repeated) is stored once."""
    return " ".join(
        (_instant_text(response.at, "at"), response.rule, response.key, Answer(response.kind))
    )


def response_to_doc(response: ReferralResponse) -> Doc:
    """A referral response's document."""
    return {
        "rule": response.rule,
        "key": response.key,
        "kind": Answer(response.kind).value,
        "day": response.day.isoformat(),
        "at": _instant_text(response.at, "at"),
    }


def response_from_doc(doc: Mapping[str, Any]) -> ReferralResponse:
    """The ``ReferralResponse`` a document holds, its ``kind`` an ``Answer``."""
    try:
        return ReferralResponse(
            rule=_text(_field(doc, "rule"), "rule"),
            key=_text(_field(doc, "key"), "key"),
            kind=Answer(_choice(_field(doc, "kind"), _ANSWERS, "kind")),
            day=_date(_field(doc, "day"), "day"),
            at=_instant(_field(doc, "at"), "at"),
        )
    except Refusal as refusal:
        raise schema_error(refusal) from None


def profile_item_key(item: ProfileItem) -> str:
    """A profile item's key: its question's, so that each question has one answer stored."""
    return ProfileKey(item.key).value


def profile_item_to_doc(item: ProfileItem) -> Doc:
    """An "about you" answer's document."""
    return {
        "key": ProfileKey(item.key).value,
        "answer": ProfileAnswer(item.answer).value,
        "day": item.day.isoformat(),
    }


def profile_item_from_doc(doc: Mapping[str, Any]) -> ProfileItem:
    """The ``ProfileItem`` a document holds."""
    try:
        return ProfileItem(
            key=ProfileKey(_choice(_field(doc, "key"), _PROFILE_KEYS, "key")),
            answer=ProfileAnswer(_choice(_field(doc, "answer"), _PROFILE_ANSWERS, "answer")),
            day=_date(_field(doc, "day"), "day"),
        )
    except Refusal as refusal:
        raise schema_error(refusal) from None


def routine_version_key(version: StoredVersion) -> str:
    """A routine version's key: its first day, so that a day has one version starting on it."""
    return version.day.isoformat()


def routine_version_to_doc(version: StoredVersion) -> Doc:
    """A routine version's document."""
    return {
        "day": version.day.isoformat(),
        "toml": version.toml,
        "fingerprint": version.fingerprint,
    }


def routine_version_from_doc(doc: Mapping[str, Any]) -> StoredVersion:
    """The ``StoredVersion`` a document holds."""
    try:
        return StoredVersion(
            day=_date(_field(doc, "day"), "day"),
            toml=_text(_field(doc, "toml"), "toml"),
            fingerprint=_text(_field(doc, "fingerprint"), "fingerprint"),
        )
    except Refusal as refusal:
        raise schema_error(refusal) from None


def pause_key(pause: Pause) -> str:
    """A pause's key: its first day (pauses never overlap, so no two start on one day)."""
    return pause.start.isoformat()


def pause_to_doc(pause: Pause) -> Doc:
    """A pause's document."""
    return {
        "start": pause.start.isoformat(),
        "end": pause.end.isoformat(),
        "reason": PauseReason(pause.reason).value,
    }


def pause_from_doc(doc: Mapping[str, Any]) -> Pause:
    """The ``Pause`` a document holds, ending on or after its start."""
    try:
        pause = Pause(
            start=_date(_field(doc, "start"), "start"),
            end=_date(_field(doc, "end"), "end"),
            reason=PauseReason(_choice(_field(doc, "reason"), _PAUSE_REASONS, "reason")),
        )
    except Refusal as refusal:
        raise schema_error(refusal) from None
    _contract(lambda: records.check_pauses([pause], "pause"))
    return pause


#: Each record table: what a document in it is called, its table, its reader, and its key.
READERS: tuple[tuple[str, str, Callable[[Mapping[str, Any]], Any], Callable[[Any], str]], ...] = (
    ("day", DAYS, day_from_doc, lambda record: day_key(record.day)),
    ("entry", ENTRIES, entry_from_doc, lambda entry: entry.id),
    ("response", RESPONSES, response_from_doc, response_key),
    ("profile item", PROFILE, profile_item_from_doc, profile_item_key),
    ("routine version", ROUTINES, routine_version_from_doc, routine_version_key),
    ("pause", PAUSES, pause_from_doc, pause_key),
)

_ANSWERS = tuple(answer.value for answer in Answer)
_PROFILE_KEYS = tuple(key.value for key in ProfileKey)
_PROFILE_ANSWERS = tuple(answer.value for answer in ProfileAnswer)
_PAUSE_REASONS = tuple(reason.value for reason in PauseReason)


def schema_error(refusal: Refusal) -> SchemaError:
    """The store's wording of a refusal: ``pain is a string, not a whole number``."""
    if isinstance(refusal, Missing):
        return SchemaError(f"field {refusal.name!r} is missing")
    return SchemaError(f"{refusal.where} is {refusal.problem}")


def contract_error(refusal: Refusal) -> SchemaError:
    """The store's wording of a refusal by the contract (``core.records``):
    ``pain 11 is out of range, allowed: a whole number from 0 to 10, or null``."""
    return SchemaError(f"{refusal.where} {refusal.problem}, allowed: {refusal.allowed}")


def _contract(check: Callable[[], None]) -> None:
    try:
        check()
    except Refusal as refusal:
        raise contract_error(refusal) from None


# The shared readers, each naming a wrong value by its JSON kind.


def _field(doc: Mapping[str, Any], name: str) -> object:
    return validate.field(doc, name, "")


def _list(doc: Mapping[str, Any], name: str) -> list[object]:
    return validate.list_of(_field(doc, name), name)


def _row(value: object, length: int, what: str) -> list[object]:
    if not isinstance(value, list) or len(value) != length:
        raise SchemaError(f"{what} is not a row of {length} values")
    return value


def _text(value: object, what: str) -> str:
    return validate.text(value, what)


def _optional_texts(value: object, what: str) -> tuple[str, ...] | None:
    return None if value is None else validate.texts(value, what)


def _choice(value: object, choices: tuple[str, ...], what: str) -> str:
    # Read into an enum: a value it does not have must be named here, not crash the load.
    text = _text(value, what)
    if text not in choices:
        raise SchemaError(f"{what} {text!r} is not one of: {', '.join(choices)}")
    return text


def _whole(value: object, what: str) -> int:
    return validate.whole(value, what, show=None)


def _optional_whole(value: object, what: str) -> int | None:
    return None if value is None else _whole(value, what)


def _number(value: object, what: str) -> float:
    return validate.number(value, what, show=None)


# Only the calendar form: psoas has only ever written it, and fromisoformat also takes week
# dates (2026-W47-6) and basic dates (20261121), which an import refuses.
_CALENDAR_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch


def _date(value: object, what: str) -> date:
    text = _text(value, what)
    if _CALENDAR_DAY(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise SchemaError(f"{what} {value!r} is not an ISO date (YYYY-MM-DD)")


def _instant(value: object, what: str) -> datetime:
    try:
        instant = datetime.fromisoformat(_text(value, what))
    except ValueError:
        instant = None
    if instant is None or instant.utcoffset() is None:
        raise SchemaError(f"{what} {value!r} is not an ISO date-time with a UTC offset")
    return _one_zone(instant)


#: One time zone object for each UTC offset read. Parsing gives every instant a time zone (and a
#: timedelta in it) of its own, some 70 bytes a hold: 4 MB over ten years in most places.
_ZONES: dict[tzinfo, tzinfo] = {}


def _one_zone(instant: datetime) -> datetime:
    zone = instant.tzinfo
    if zone is None:
        return instant
    shared = _ZONES.setdefault(zone, zone)
    return instant if shared is zone else datetime.combine(instant, instant.time(), shared)


def _instant_text(instant: datetime, what: str) -> str:
    if instant.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime, not {instant!r}")
    return instant.isoformat()
