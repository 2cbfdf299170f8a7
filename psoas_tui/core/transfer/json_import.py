"""Reading a JSON export back in, every field of every record checked before anything is returned.

An import is all or nothing: a refusal names the record and the field, what is wrong and what is
allowed. The file's ``schema_version`` is the export layout's version
(``layout.FORMAT_VERSION``), so a file from a newer psoas is refused.

A version-1 file holds the referral rules' first version. It is read with that version's sign
keys, rules, answers and keys, then mapped as the store's migration maps a database: each sign
key to its version-2 key (``core.signs.V1_KEYS``), ``asked`` unknown, and the answers through
``core.referral.from_version_1``, which drops every urgent-sign answer (it never said the person
was checked) and a warning-sign answer whose entry is not in the file. A file before version 3
has no pauses.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from psoas_tui.core import records, validate
from psoas_tui.core.errors import FileRefused
from psoas_tui.core.model import (
    SIDES,
    Answer,
    DayRecord,
    DoneMark,
    History,
    Hold,
    Pause,
    PauseReason,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.profile import Profile, ProfileAnswer, ProfileItem, ProfileKey
from psoas_tui.core.referral import Rule, from_version_1
from psoas_tui.core.routine_toml import HOLD_SECONDS, ID_LENGTH, REPS
from psoas_tui.core.signs import PLACES, QUESTIONS, V1_KEYS
from psoas_tui.core.symptoms import (
    MINUTES_MAX,
    SCORE_MAX,
)
from psoas_tui.core.transfer.layout import (
    DAY_FIELDS,
    DOSE_FIELDS,
    ENTRY_FIELDS,
    EXERCISE_FIELDS,
    FORMAT,
    FORMAT_VERSION,
    HOLD_FIELDS,
    MARK_FIELDS,
    PAUSE_FIELDS,
    PROFILE_FIELDS,
    RESPONSE_FIELDS,
    ROUTINE_FIELDS,
    TOP_FIELDS,
    V1_ENTRY_FIELDS,
    V1_TOP_FIELDS,
    V2_TOP_FIELDS,
    sorted_profile,
)
from psoas_tui.core.validate import Refusal, kind_of, obj, place

#: Larger files are refused before they are read: ten years of history export to about 15 MB.
MAX_IMPORT_BYTES = 256 * 1024 * 1024

_SIGN_KEYS = records.SIGN_KEYS
_ASKED_KEYS = tuple(key.value for key in QUESTIONS)
_RULES = tuple(rule.value for rule in Rule)
_ANSWERS = tuple(answer.value for answer in Answer)
_PROFILE_KEYS = tuple(key.value for key in ProfileKey)
_PROFILE_ANSWERS = tuple(answer.value for answer in ProfileAnswer)
_PAUSE_REASONS = tuple(reason.value for reason in PauseReason)
#: Version 1's sign keys, rules and answers, in the order its refusals listed them.
_V1_SIGN_KEYS = tuple(V1_KEYS)
_V1_RULES = ("urgent_sign", "persistent_pain", "warning_sign", "severe_pain")
_V1_DAY_KEYED = ("persistent_pain", "severe_pain")
_V1_ANSWERS = (Answer.acknowledged.value, Answer.snoozed.value)
#: What a missing field of the export is told to be.
_EVERY_FIELD = "every field of the export"


def read_export(raw: bytes, file: str) -> History:
    """The records of a JSON export, every field checked; ``FileRefused`` for the first problem.

    Every record must keep the contract the database keeps (``core.records``), so whatever
    psoas exported imports again, whatever its days. A version-1 file is read and mapped to
    version 2 (see the module docstring); the "about you" answers come in the question order.
    The routine in the file is checked for shape only: an import never changes the routine.
    """
    return _Reader(file).read(raw)


class _Reader:
    """Reads one export, knowing the file's name for every refusal."""

    def __init__(self, file: str) -> None:
        self._file = file
        self._version = FORMAT_VERSION

    def read(self, raw: bytes) -> History:
        """The file's records; ``FileRefused`` naming this file for the first problem found."""
        try:
            return self._read(raw)
        except Refusal as refused:
            raise FileRefused(self._file, refused.where, refused.problem, refused.allowed) from None

    def _read(self, raw: bytes) -> History:
        export = "a JSON file made by psoas export --format json"
        if len(raw) > MAX_IMPORT_BYTES:
            raise Refusal("", f"{len(raw)} bytes is too large", f"at most {MAX_IMPORT_BYTES}")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise Refusal("", f"byte {error.start} is not UTF-8 text", export) from None
        try:
            top = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        except json.JSONDecodeError as error:
            raise Refusal(
                f"line {error.lineno}, column {error.colno}",
                f"not valid JSON ({error.msg})",
                export,
            ) from None
        except RecursionError:
            raise Refusal("", "nested too deeply", export) from None
        if not isinstance(top, dict):
            raise Refusal("", f"the file holds {kind_of(top)}, not an object", export)
        if "format" not in top and isinstance(top.get("meta"), dict):
            raise Refusal(
                "",
                "this is a psoas database or backup, not an export",
                f"{export} (to put a backup back in place, use psoas restore)",
            )
        _field(top, "format", "")
        if top["format"] != FORMAT:
            raise Refusal("format", f"{_shown(top['format'])} is not {FORMAT!r}", export)
        version = _field(top, "schema_version", "")
        if not validate.is_whole(version) or version < 1:
            raise Refusal("schema_version", f"{_shown(version)} is not a version", "1 or more")
        if version > FORMAT_VERSION:
            raise Refusal(
                "schema_version",
                f"the file was written by a newer psoas (schema version {version}; this psoas "
                f"reads up to version {FORMAT_VERSION}); nothing was imported",
                "a file from this psoas or an older one (update psoas to import this file)",
            )
        self._version = version
        _only(top, (V1_TOP_FIELDS, V2_TOP_FIELDS, TOP_FIELDS)[min(version, 3) - 1], "")
        _instant_of(_field(top, "exported_at", ""), "exported_at")
        for end in ("from", "to"):
            value = _field(top, end, "")
            if value is not None:
                _day_of(value, end)
        self._routine(_field(top, "routine", ""))
        profile = [] if version == 1 else self._records(top, "profile", self._profile_item)
        pauses = [] if version < 3 else self._records(top, "pauses", self._pause)
        records.check_pauses(pauses)
        days = self._records(top, "days", self._day)
        entries = self._records(top, "entries", self._entry)
        responses = self._records(top, "responses", self._response)
        records.unique([record.day for record in days], "days", "day", "one record per day")
        records.unique(
            [entry.id for entry in entries], "entries", "id", "a different id for each entry"
        )
        records.unique(
            [_response_identity(response) for response in responses],
            "responses",
            "",
            "each answer once",
        )
        records.unique([item.key for item in profile], "profile", "key", "each question once")
        if version == 1:
            entries = [_v2_signs(entry) for entry in entries]
            # Answers one prompt gave to two entries of a day can become the same answer.
            responses = list(dict.fromkeys(from_version_1(responses, entries)))
        answers = Profile(tuple(sorted_profile(Profile(tuple(profile)))))
        return History(tuple(days), tuple(entries), tuple(responses), answers, tuple(pauses))

    def _records(
        self, top: Mapping[str, object], name: str, read: Callable[[object, str], Any]
    ) -> list[Any]:
        items = validate.list_of(_field(top, name, ""), name, "a list of records")
        return [read(item, f"{name}[{index}]") for index, item in enumerate(items)]

    def _routine(self, value: object) -> None:
        routine = obj(value, "routine")
        _only(routine, ROUTINE_FIELDS, "routine")
        for index, item in enumerate(_list(routine, "exercises", "routine")):
            where = f"routine.exercises[{index}]"
            exercise = obj(item, where)
            _only(exercise, EXERCISE_FIELDS, where)
            _exercise_id(_field(exercise, "id", where), f"{where}.id")
            for name in ("name", "summary", "schedule", "source"):
                validate.text(_field(exercise, name, where), f"{where}.{name}")
            dose = obj(_field(exercise, "dose", where), f"{where}.dose")
            _only(dose, DOSE_FIELDS, f"{where}.dose")
            sides = _field(dose, "sides", f"{where}.dose")
            if sides not in ([], list(SIDES)):
                raise Refusal(
                    f"{where}.dose.sides",
                    f"{_shown(sides)} is not a choice of sides",
                    '[] or ["left", "right"]',
                )
            for name in ("reps", "hold_seconds", "rest_seconds"):
                _whole(_field(dose, name, f"{where}.dose"), f"{where}.dose.{name}")
            hold_range = _field(dose, "hold_range", f"{where}.dose")
            if hold_range is not None and not (
                isinstance(hold_range, list)
                and len(hold_range) == 2
                and all(validate.is_whole(end) for end in hold_range)
            ):
                raise Refusal(
                    f"{where}.dose.hold_range", _shown(hold_range), "null or two whole numbers"
                )
            breaths = _field(dose, "breaths", f"{where}.dose")
            if breaths is not None:
                _whole(breaths, f"{where}.dose.breaths")

    def _day(self, value: object, where: str) -> DayRecord:
        doc = obj(value, where)
        day = _day_of(_field(doc, "day", where), place(where, "day"))
        where = f"{where} ({day.isoformat()})"
        _only(doc, DAY_FIELDS, where)
        planned_value = _field(doc, "planned", where)
        planned: tuple[str, ...] | None = None
        if planned_value is not None:
            ids = validate.list_of(
                planned_value, place(where, "planned"), "null or a list of exercise ids"
            )
            planned = tuple(
                _exercise_id(item, place(where, f"planned[{index}]"))
                for index, item in enumerate(ids)
            )
        holds = tuple(
            _plain_hold(item, day) or self._hold(item, day, place(where, f"holds[{index}]"))
            for index, item in enumerate(_list(doc, "holds", where))
        )
        marks = tuple(
            self._mark(item, day, place(where, f"marks[{index}]"))
            for index, item in enumerate(_list(doc, "marks", where))
        )
        record = DayRecord(day, planned, holds, marks)
        records.check_day(record, where)
        return record

    def _hold(self, value: object, day: date, where: str) -> Hold:
        doc = obj(value, where)
        _only(doc, HOLD_FIELDS, where)
        side = _field(doc, "side", where)
        if side is not None and not isinstance(side, str):
            raise Refusal(
                place(where, "side"), f"{_shown(side)} is not a side", "left, right or null"
            )
        rep = _whole(_field(doc, "rep", where), place(where, "rep"))
        planned = _number(_field(doc, "planned_seconds", where), place(where, "planned_seconds"))
        held = _number(_field(doc, "held_seconds", where), place(where, "held_seconds"))
        # The ranges are the contract's (``core.records.check_day``).
        return Hold(
            exercise_id=_exercise_id(
                _field(doc, "exercise_id", where), place(where, "exercise_id")
            ),
            side=side,
            rep=rep,
            planned_seconds=planned,
            held_seconds=held,
            started_at=_instant_of(_field(doc, "started_at", where), place(where, "started_at")),
            day=day,
        )

    def _mark(self, value: object, day: date, where: str) -> DoneMark:
        doc = obj(value, where)
        _only(doc, MARK_FIELDS, where)
        return DoneMark(
            exercise_id=_exercise_id(
                _field(doc, "exercise_id", where), place(where, "exercise_id")
            ),
            day=day,
            marked_at=_instant_of(_field(doc, "marked_at", where), place(where, "marked_at")),
        )

    def _entry(self, value: object, where: str) -> SymptomEntry:
        doc = obj(value, where)
        entry_id = _field(doc, "id", where)
        if not isinstance(entry_id, str) or not records.ENTRY_ID.fullmatch(entry_id):
            raise Refusal(
                place(where, "id"),
                f"{_shown(entry_id)} is not an entry id",
                "1 to 64 letters, digits, - or _",
            )
        day = _day_of(_field(doc, "day", where), place(where, "day"))
        where = f"{where} (id {entry_id}, {day.isoformat()})"
        _only(doc, V1_ENTRY_FIELDS if self._version == 1 else ENTRY_FIELDS, where)
        pain, stiffness, minutes = (
            _optional_whole(_field(doc, name, where), place(where, name), top)
            for name, top in (
                ("pain", SCORE_MAX),
                ("stiffness", SCORE_MAX),
                ("stiffness_minutes", MINUTES_MAX),
            )
        )
        where_hurts = _keys(_field(doc, "where", where), place(where, "where"), tuple(PLACES))
        v1 = self._version == 1
        vocabulary = _V1_SIGN_KEYS if v1 else _SIGN_KEYS
        signs = _keys(_field(doc, "signs", where), place(where, "signs"), vocabulary)
        asked = None
        asked_value = None if v1 else _field(doc, "asked", where)
        if asked_value is not None:
            asked = _keys(asked_value, place(where, "asked"), _ASKED_KEYS)
        note = validate.text(_field(doc, "note", where), place(where, "note"))
        # The contract's rules (``core.records``), not ``core.symptoms.check_entry``, which would
        # also put places and signs in the form's order: an import keeps a record as it was.
        entry = SymptomEntry(
            id=entry_id,
            day=day,
            logged_at=_instant_of(_field(doc, "logged_at", where), place(where, "logged_at")),
            pain=pain,
            stiffness=stiffness,
            stiffness_minutes=minutes,
            where=where_hurts,
            signs=signs,
            note=note,
            asked=asked,
        )
        # A version-1 entry keeps the contract once its signs have their version-2 keys.
        records.check_entry(_v2_signs(entry) if v1 else entry, where)
        return entry

    def _response(self, value: object, where: str) -> ReferralResponse:
        doc = obj(value, where)
        _only(doc, RESPONSE_FIELDS, where)
        v1 = self._version == 1
        rule = _choice(_field(doc, "rule", where), _V1_RULES if v1 else _RULES, where, "rule")
        kind = _choice(_field(doc, "kind", where), _V1_ANSWERS if v1 else _ANSWERS, where, "kind")
        key = _field(doc, "key", where)
        if v1 and rule in _V1_DAY_KEYED:
            key = _day_of(key, place(where, "key")).isoformat()
        elif v1:
            if not isinstance(key, str) or not records.ENTRY_ID.fullmatch(key):
                raise Refusal(
                    place(where, "key"), f"{_shown(key)} is not an entry id", "an entry's id"
                )
        else:
            key = records.check_answer_key(key, Rule(rule), place(where, "key"))
        day = _day_of(_field(doc, "day", where), place(where, "day"))
        return ReferralResponse(
            rule=rule,
            key=key,
            kind=Answer(kind),
            day=day,
            at=_instant_of(_field(doc, "at", where), place(where, "at")),
        )

    def _pause(self, value: object, where: str) -> Pause:
        doc = obj(value, where)
        _only(doc, PAUSE_FIELDS, where)
        start = _day_of(_field(doc, "start", where), place(where, "start"))
        end = _day_of(_field(doc, "end", where), place(where, "end"))
        reason = _choice(_field(doc, "reason", where), _PAUSE_REASONS, where, "reason")
        return Pause(start, end, PauseReason(reason))

    def _profile_item(self, value: object, where: str) -> ProfileItem:
        doc = obj(value, where)
        _only(doc, PROFILE_FIELDS, where)
        key = _choice(_field(doc, "key", where), _PROFILE_KEYS, where, "key", "a question")
        answer = _choice(_field(doc, "answer", where), _PROFILE_ANSWERS, where, "answer")
        day = _day_of(_field(doc, "day", where), place(where, "day"))
        return ProfileItem(ProfileKey(key), ProfileAnswer(answer), day)


_HOLD_KEYS = frozenset(HOLD_FIELDS)
_NUMBER_TYPES = (int, float)


def _plain_hold(value: object, day: date) -> Hold | None:
    """The hold in ``value`` if it passes every check, else ``None``, building no message.

    Holds are most of an export, and most of an import's time would go to building the places
    and messages of checks that pass. A hold this path does not accept goes through
    ``_Reader._hold``, which says what is wrong with it; a test keeps the two in agreement.
    """
    if type(value) is not dict or value.keys() != _HOLD_KEYS:
        return None
    exercise_id = value["exercise_id"]
    side = value["side"]
    rep = value["rep"]
    planned = value["planned_seconds"]
    held = value["held_seconds"]
    started_at = value["started_at"]
    if not (
        type(exercise_id) is str
        and records.known_exercise_id(exercise_id)
        and (side is None or (type(side) is str and side in SIDES))
        and type(rep) is int
        and REPS[0] <= rep <= REPS[1]
        and type(planned) in _NUMBER_TYPES
        and 0 < planned <= HOLD_SECONDS[1]
        and type(held) in _NUMBER_TYPES
        and 0 < held <= records.HELD_MAX
        and type(started_at) is str
        and 19 <= len(started_at) <= 40
    ):
        return None
    try:
        instant = datetime.fromisoformat(started_at)
    except ValueError:
        return None
    if instant.utcoffset() is None:
        return None
    return Hold(exercise_id, side, rep, float(planned), float(held), instant, day)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc = dict(pairs)
    if len(doc) != len(pairs):
        seen: set[str] = set()
        for name, _ in pairs:
            if name in seen:
                raise Refusal("", f"an object names {name!r} twice", "each field once")
            seen.add(name)
    return doc


def _no_constant(name: str) -> object:
    raise Refusal("", f"{name} is not a number", "numbers, as JSON writes them")


def _response_identity(response: ReferralResponse) -> tuple[str, str, str, str]:
    return (response.at.isoformat(), response.rule, response.key, response.kind)


# The import's wording on the shared readers: values shown cut at 40 characters with "...".


def _shown(value: object) -> str:
    return validate.shown(value, 40, "...")


def _field(doc: Mapping[str, object], name: str, where: str) -> object:
    return validate.field(doc, name, where, _EVERY_FIELD)


def _only(doc: Mapping[str, object], fields: tuple[str, ...], where: str) -> None:
    validate.only(doc, fields, where, missing_allowed=_EVERY_FIELD, show=_shown)


def _list(doc: Mapping[str, object], name: str, where: str) -> list[object]:
    return validate.list_of(_field(doc, name, where), place(where, name))


def _whole(value: object, where: str) -> int:
    return validate.whole(value, where, show=_shown)


def _optional_whole(value: object, where: str, highest: int) -> int | None:
    if value is None:
        return None
    allowed = f"a whole number from 0 to {highest}, or null"
    return validate.within(_whole(value, where), (0, highest), where, allowed)


def _number(value: object, where: str) -> float:
    return validate.number(value, where, "a number of seconds", show=_shown)


def _day_of(value: object, where: str) -> date:
    return validate.iso_day(value, where, show=_shown)


def _instant_of(value: object, where: str) -> datetime:
    return validate.instant(value, where, show=_shown)


def _exercise_id(value: object, where: str) -> str:
    if not (isinstance(value, str) and records.known_exercise_id(value)):
        raise Refusal(
            where,
            f"{_shown(value)} is not an exercise id",
            f"lowercase letters, digits and single hyphens, at most {ID_LENGTH} characters",
        )
    return value


def _choice(
    value: object,
    choices: tuple[str, ...],
    where: str,
    name: str,
    wanted: str | None = None,
) -> str:
    """Field ``name`` of the record at ``where`` if it is one of ``choices``; else a refusal
    listing them."""
    if not isinstance(value, str) or value not in choices:
        what = wanted or ("an answer" if name in ("kind", "answer") else f"a {name}")
        raise Refusal(place(where, name), f"{_shown(value)} is not {what}", ", ".join(choices))
    return value


def _v2_signs(entry: SymptomEntry) -> SymptomEntry:
    """A version-1 entry with its signs under their version-2 keys; what it asked is unknown."""
    return replace(entry, signs=tuple(V1_KEYS[key].value for key in entry.signs), asked=None)


def _keys(value: object, where: str, vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    keys: list[str] = []
    listed = validate.list_of(value, where, "a list of: " + ", ".join(vocabulary))
    for index, key in enumerate(listed):
        if not isinstance(key, str) or key not in vocabulary:
            raise Refusal(f"{where}[{index}]", f"{_shown(key)} is not known", ", ".join(vocabulary))
        if key in keys:
            raise Refusal(f"{where}[{index}]", f"{key!r} is listed twice", "each key once")
        keys.append(key)
    return tuple(keys)
