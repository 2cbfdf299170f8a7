"""Everything the user recorded, out as JSON or CSV, and a JSON export read back in.

The JSON export is the one ``psoas import`` reads. Reading it checks every field of every record
before anything is returned, so an import is all or nothing; a refusal names the record and the
field, what is wrong and what is allowed. The file's ``schema_version`` is the store's: records
look the same in the database and in the export, so a file from a newer psoas is refused.

The JSON file is written one record per line (a day with its holds and marks, an entry, an
answer to a referral prompt), so it diffs and greps well, and the same history always gives the
same bytes: only ``exported_at`` changes from one export to the next.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import orjson

from psoas_tui.core.errors import FileRefused, InvalidInput
from psoas_tui.core.model import (
    SIDES,
    DayRecord,
    DoneMark,
    Exercise,
    History,
    Hold,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.referral import ACKNOWLEDGED, PERSISTENT_PAIN, RULES, SEVERE_PAIN, SNOOZED
from psoas_tui.core.routine import HOLD_SECONDS, ID_LENGTH, ID_PATTERN, REPS, Routine
from psoas_tui.core.signs import PLACES, SIGNS
from psoas_tui.core.symptoms import (
    MINUTES_MAX,
    NOTE_MAX,
    PLAIN_TEXT_ALLOWED,
    SCORE_MAX,
    plain_text_problem,
)

#: The store schema whose records this module writes and reads (``store.schema.CURRENT_VERSION``;
#: a test keeps the two equal, so a new schema cannot ship without its export).
SCHEMA_VERSION = 1
#: The ``format`` field that tells a psoas export from any other JSON file.
FORMAT = "psoas-tui export"
#: Larger files are refused before they are read: ten years of history export to about 15 MB.
MAX_IMPORT_BYTES = 256 * 1024 * 1024
#: The longest a hold can have lasted, extensions included: a day.
HELD_MAX = 86_400.0

TOP_FIELDS = (
    "format",
    "schema_version",
    "exported_at",
    "from",
    "to",
    "routine",
    "days",
    "entries",
    "responses",
)
DAY_FIELDS = ("day", "planned", "holds", "marks")
HOLD_FIELDS = ("exercise_id", "side", "rep", "planned_seconds", "held_seconds", "started_at")
MARK_FIELDS = ("exercise_id", "marked_at")
ENTRY_FIELDS = (
    "id",
    "day",
    "logged_at",
    "pain",
    "stiffness",
    "stiffness_minutes",
    "where",
    "signs",
    "note",
)
RESPONSE_FIELDS = ("rule", "key", "kind", "day", "at")
ROUTINE_FIELDS = ("exercises",)
EXERCISE_FIELDS = ("id", "name", "summary", "dose", "schedule", "source")
DOSE_FIELDS = ("sides", "reps", "hold_seconds", "rest_seconds", "hold_range", "breaths")

#: The CSV's columns: ``kind`` is plan, hold, mark, entry or response; a row fills the columns
#: its kind has and leaves the others empty.
CSV_COLUMNS = (
    "kind",
    "day",
    "at",
    "exercise_id",
    "side",
    "rep",
    "planned_seconds",
    "held_seconds",
    "planned",
    "id",
    "pain",
    "stiffness",
    "stiffness_minutes",
    "where",
    "signs",
    "note",
    "rule",
    "key",
    "answer",
)

_ENTRY_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
_BARE_NAME = re.compile(r"[0-9A-Za-z_-]{1,40}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SIGN_KEYS = tuple(sign.key for sign in SIGNS)
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Period:
    """The days an export covers, both ends inclusive; ``None`` leaves that end open."""

    start: date | None = None
    end: date | None = None

    def holds(self, day: date) -> bool:
        """Whether ``day`` is inside the period."""
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def parse_period(start: str | None, end: str | None) -> Period:
    """``--from`` and ``--to`` as typed: ``YYYY-MM-DD`` each, the first not after the second."""
    period = Period(_option_day(start, "--from"), _option_day(end, "--to"))
    if period.start is not None and period.end is not None and period.start > period.end:
        raise InvalidInput(
            f"--from {period.start.isoformat()} is after --to {period.end.isoformat()}; "
            "allowed: a --from on or before --to"
        )
    return period


def _option_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    stripped = text.strip()
    try:
        if not _ISO_DAY.fullmatch(stripped):
            raise ValueError(stripped)
        return date.fromisoformat(stripped)
    except ValueError:
        raise InvalidInput(f"{option}: {text!r} is not a date; allowed: YYYY-MM-DD") from None


def select(history: History, period: Period) -> History:
    """The days, entries and referral answers of ``history`` whose day is inside ``period``."""
    return History(
        days=tuple(record for record in history.days if period.holds(record.day)),
        entries=tuple(entry for entry in history.entries if period.holds(entry.day)),
        responses=tuple(response for response in history.responses if period.holds(response.day)),
    )


# Writing


def export_json(
    history: History, routine: Routine, exported_at: datetime, period: Period = Period()
) -> bytes:
    """The JSON export (UTF-8) of the records of ``history`` inside ``period``.

    The same history, routine and period always give the same bytes apart from ``exported_at``,
    which stands alone on its own line.
    """
    chosen = select(history, period)
    head = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": _instant(exported_at),
        "from": None if period.start is None else period.start.isoformat(),
        "to": None if period.end is None else period.end.isoformat(),
    }
    lines = ["{"]
    lines += [f"  {_dump(name)}: {_dump(value)}," for name, value in head.items()]
    exercises = [_exercise_doc(exercise) for exercise in routine.exercises]
    lines += ['  "routine": {', *_section("exercises", exercises, "    ", ""), "  },"]
    lines += _section("days", [day_doc(record) for record in _sorted_days(chosen.days)], "  ", ",")
    lines += _section(
        "entries", [entry_doc(entry) for entry in _sorted_entries(chosen.entries)], "  ", ","
    )
    lines += _section(
        "responses",
        [response_doc(answer) for answer in _sorted_responses(chosen.responses)],
        "  ",
        "",
    )
    lines.append("}")
    return ("\n".join(lines) + "\n").encode()


def _section(name: str, docs: list[dict[str, Any]], indent: str, comma: str) -> list[str]:
    """A list field written one item per line."""
    if not docs:
        return [f'{indent}"{name}": []{comma}']
    items = f",\n{indent}  ".join(_dump(doc) for doc in docs)
    return [f'{indent}"{name}": [', f"{indent}  {items}", f"{indent}]{comma}"]


def _exercise_doc(exercise: Exercise) -> dict[str, Any]:
    dose = exercise.dose
    return {
        "id": exercise.id,
        "name": exercise.name,
        "summary": exercise.summary,
        "dose": {
            "sides": list(dose.sides),
            "reps": dose.reps,
            "hold_seconds": dose.hold_seconds,
            "rest_seconds": dose.rest_seconds,
            "hold_range": None if dose.hold_range is None else list(dose.hold_range),
            "breaths": dose.breaths,
        },
        "schedule": exercise.schedule,
        "source": exercise.source,
    }


def day_doc(record: DayRecord) -> dict[str, Any]:
    """A day in the export: its frozen plan, its holds and its hand marks, in recorded order."""
    return {
        "day": record.day.isoformat(),
        "planned": None if record.planned is None else list(record.planned),
        "holds": [
            {
                "exercise_id": hold.exercise_id,
                "side": hold.side,
                "rep": hold.rep,
                "planned_seconds": hold.planned_seconds,
                "held_seconds": hold.held_seconds,
                "started_at": _instant(hold.started_at),
            }
            for hold in record.holds
        ],
        "marks": [
            {"exercise_id": mark.exercise_id, "marked_at": _instant(mark.marked_at)}
            for mark in record.marks
        ],
    }


def entry_doc(entry: SymptomEntry) -> dict[str, Any]:
    """A symptom entry in the export, every field included."""
    return {
        "id": entry.id,
        "day": entry.day.isoformat(),
        "logged_at": _instant(entry.logged_at),
        "pain": entry.pain,
        "stiffness": entry.stiffness,
        "stiffness_minutes": entry.stiffness_minutes,
        "where": list(entry.where),
        "signs": list(entry.signs),
        "note": entry.note,
    }


def response_doc(response: ReferralResponse) -> dict[str, Any]:
    """An answer to a referral prompt in the export."""
    return {
        "rule": response.rule,
        "key": response.key,
        "kind": response.kind,
        "day": response.day.isoformat(),
        "at": _instant(response.at),
    }


def export_csv(history: History, period: Period = Period()) -> str:
    """The CSV export: a header, then one row per record, day by day.

    Each day gives its ``plan`` row, its holds, its marks, then the entries and referral answers
    of that day. Lists are joined with ``;``. A note that a spreadsheet would run as a formula
    (it starts with ``=``, ``+``, ``-`` or ``@``) is written with a leading ``'``.
    """
    chosen = select(history, period)
    rows: dict[date, list[dict[str, object]]] = {}
    for record in _sorted_days(chosen.days):
        day_rows = rows.setdefault(record.day, [])
        day_rows.append({"kind": "plan", "planned": _joined(record.planned or ())})
        day_rows += [_hold_row(hold) for hold in record.holds]
        day_rows += [
            {"kind": "mark", "at": _instant(mark.marked_at), "exercise_id": mark.exercise_id}
            for mark in record.marks
        ]
    for entry in _sorted_entries(chosen.entries):
        rows.setdefault(entry.day, []).append(_entry_row(entry))
    for response in _sorted_responses(chosen.responses):
        rows.setdefault(response.day, []).append(
            {
                "kind": "response",
                "at": _instant(response.at),
                "rule": response.rule,
                "key": response.key,
                "answer": response.kind,
            }
        )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for day in sorted(rows):
        for row in rows[day]:
            writer.writerow({"day": day.isoformat(), **row})
    return buffer.getvalue()


def _hold_row(hold: Hold) -> dict[str, object]:
    return {
        "kind": "hold",
        "at": _instant(hold.started_at),
        "exercise_id": hold.exercise_id,
        "side": hold.side or "",
        "rep": hold.rep,
        "planned_seconds": hold.planned_seconds,
        "held_seconds": hold.held_seconds,
    }


def _entry_row(entry: SymptomEntry) -> dict[str, object]:
    return {
        "kind": "entry",
        "at": _instant(entry.logged_at),
        "id": entry.id,
        "pain": "" if entry.pain is None else entry.pain,
        "stiffness": "" if entry.stiffness is None else entry.stiffness,
        "stiffness_minutes": "" if entry.stiffness_minutes is None else entry.stiffness_minutes,
        "where": _joined(entry.where),
        "signs": _joined(entry.signs),
        "note": "'" + entry.note if entry.note.startswith(_FORMULA_STARTS) else entry.note,
    }


def _joined(values: Iterable[str]) -> str:
    return ";".join(values)


def _sorted_days(days: Iterable[DayRecord]) -> list[DayRecord]:
    return sorted(days, key=lambda record: record.day)


def _sorted_entries(entries: Iterable[SymptomEntry]) -> list[SymptomEntry]:
    return sorted(entries, key=lambda entry: (entry.day, entry.logged_at, entry.id))


def _sorted_responses(responses: Iterable[ReferralResponse]) -> list[ReferralResponse]:
    return sorted(
        responses,
        key=lambda answer: (answer.at, _instant(answer.at), answer.rule, answer.key, answer.kind),
    )


def _dump(value: object) -> str:
    return orjson.dumps(value).decode()


def _instant(instant: datetime) -> str:
    if instant.utcoffset() is None:
        raise ValueError(f"an instant must carry its UTC offset, not {instant!r}")
    return instant.isoformat()


# Reading


def read_export(raw: bytes, file: str, today: date) -> History:
    """The records of a JSON export, every field checked; ``FileRefused`` for the first problem.

    Nothing dated after ``today`` is accepted; entries follow the symptom log's rules (scores
    0-10, minutes 0-600, known places and signs, a note of at most 500 characters of plain text).
    The routine in the file is checked for shape only: an import never changes the routine.
    """
    return _Reader(file, today).read(raw)


class _Refused(Exception):
    """A problem found deep in the file, with where it is; ``_Reader`` adds the file's name."""

    def __init__(self, where: str, problem: str, allowed: str) -> None:
        super().__init__(where, problem, allowed)
        self.where = where
        self.problem = problem
        self.allowed = allowed


class _Reader:
    def __init__(self, file: str, today: date) -> None:
        self._file = file
        self._today = today

    def read(self, raw: bytes) -> History:
        try:
            return self._read(raw)
        except _Refused as refused:
            raise FileRefused(self._file, refused.where, refused.problem, refused.allowed) from None

    def _read(self, raw: bytes) -> History:
        export = "a JSON file made by psoas export --format json"
        if len(raw) > MAX_IMPORT_BYTES:
            raise _Refused("", f"{len(raw)} bytes is too large", f"at most {MAX_IMPORT_BYTES}")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _Refused("", f"byte {error.start} is not UTF-8 text", export) from None
        try:
            top = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        except json.JSONDecodeError as error:
            raise _Refused(
                f"line {error.lineno}, column {error.colno}",
                f"not valid JSON ({error.msg})",
                export,
            ) from None
        except RecursionError:
            raise _Refused("", "nested too deeply", export) from None
        if not isinstance(top, dict):
            raise _Refused("", f"the file holds {_kind(top)}, not an object", export)
        if "format" not in top and isinstance(top.get("meta"), dict):
            raise _Refused(
                "",
                "this is a psoas database or backup, not an export",
                f"{export} (to put a backup back in place, use psoas restore)",
            )
        _field(top, "format", "")
        if top["format"] != FORMAT:
            raise _Refused("format", f"{_shown(top['format'])} is not {FORMAT!r}", export)
        version = _field(top, "schema_version", "")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise _Refused("schema_version", f"{_shown(version)} is not a version", "1 or more")
        if version > SCHEMA_VERSION:
            raise _Refused(
                "schema_version",
                f"the file was written by a newer psoas (schema version {version}; this psoas "
                f"reads up to version {SCHEMA_VERSION}); nothing was imported",
                "a file from this psoas or an older one (update psoas to import this file)",
            )
        _only(top, TOP_FIELDS, "")
        _instant_of(_field(top, "exported_at", ""), "exported_at")
        for end in ("from", "to"):
            value = _field(top, end, "")
            if value is not None:
                _day_of(value, end)
        self._routine(_field(top, "routine", ""))
        days = self._records(top, "days", self._day)
        entries = self._records(top, "entries", self._entry)
        responses = self._records(top, "responses", self._response)
        _unique([record.day for record in days], "days", "day", "one record per day")
        _unique([entry.id for entry in entries], "entries", "id", "a different id for each entry")
        _unique(
            [_response_identity(response) for response in responses],
            "responses",
            "",
            "each answer once",
        )
        return History(tuple(days), tuple(entries), tuple(responses))

    def _records(
        self, top: Mapping[str, object], name: str, read: Callable[[object, str], Any]
    ) -> list[Any]:
        items = _field(top, name, "")
        if not isinstance(items, list):
            raise _Refused(name, f"{_kind(items)}, not a list", "a list of records")
        return [read(item, f"{name}[{index}]") for index, item in enumerate(items)]

    def _routine(self, value: object) -> None:
        routine = _object(value, "routine")
        _only(routine, ROUTINE_FIELDS, "routine")
        exercises = _field(routine, "exercises", "routine")
        if not isinstance(exercises, list):
            raise _Refused("routine.exercises", f"{_kind(exercises)}, not a list", "a list")
        for index, item in enumerate(exercises):
            where = f"routine.exercises[{index}]"
            exercise = _object(item, where)
            _only(exercise, EXERCISE_FIELDS, where)
            _exercise_id(_field(exercise, "id", where), f"{where}.id")
            for name in ("name", "summary", "schedule", "source"):
                _text(_field(exercise, name, where), f"{where}.{name}")
            dose = _object(_field(exercise, "dose", where), f"{where}.dose")
            _only(dose, DOSE_FIELDS, f"{where}.dose")
            sides = _field(dose, "sides", f"{where}.dose")
            if sides not in ([], list(SIDES)):
                raise _Refused(
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
                and all(isinstance(end, int) and not isinstance(end, bool) for end in hold_range)
            ):
                raise _Refused(
                    f"{where}.dose.hold_range", _shown(hold_range), "null or two whole numbers"
                )
            breaths = _field(dose, "breaths", f"{where}.dose")
            if breaths is not None:
                _whole(breaths, f"{where}.dose.breaths")

    def _day(self, value: object, where: str) -> DayRecord:
        doc = _object(value, where)
        day = _day_of(_field(doc, "day", where), _in(where, "day"))
        where = f"{where} ({day.isoformat()})"
        _only(doc, DAY_FIELDS, where)
        self._not_future(day, _in(where, "day"))
        planned_value = _field(doc, "planned", where)
        planned: tuple[str, ...] | None = None
        if planned_value is not None:
            if not isinstance(planned_value, list):
                raise _Refused(
                    _in(where, "planned"),
                    f"{_kind(planned_value)}, not a list",
                    "null or a list of exercise ids",
                )
            planned = tuple(
                _exercise_id(item, _in(where, f"planned[{index}]"))
                for index, item in enumerate(planned_value)
            )
            _unique(list(planned), _in(where, "planned"), "", "each exercise once")
        holds = tuple(
            _plain_hold(item, day) or self._hold(item, day, _in(where, f"holds[{index}]"))
            for index, item in enumerate(_list(doc, "holds", where))
        )
        _unique(
            [(hold.exercise_id, hold.side, hold.rep, hold.started_at) for hold in holds],
            _in(where, "holds"),
            "",
            "each hold once (exercise, side, rep and start)",
        )
        marks = tuple(
            self._mark(item, day, _in(where, f"marks[{index}]"))
            for index, item in enumerate(_list(doc, "marks", where))
        )
        _unique(
            [mark.exercise_id for mark in marks],
            _in(where, "marks"),
            "exercise_id",
            "one mark per exercise a day",
        )
        return DayRecord(day, planned, holds, marks)

    def _hold(self, value: object, day: date, where: str) -> Hold:
        doc = _object(value, where)
        _only(doc, HOLD_FIELDS, where)
        side = _field(doc, "side", where)
        if side is not None and side not in SIDES:
            raise _Refused(
                _in(where, "side"), f"{_shown(side)} is not a side", "left, right or null"
            )
        rep = _whole(_field(doc, "rep", where), _in(where, "rep"))
        if not REPS[0] <= rep <= REPS[1]:
            raise _Refused(
                _in(where, "rep"), f"{rep} is out of range", f"a whole number from 1 to {REPS[1]}"
            )
        planned = _number(_field(doc, "planned_seconds", where), _in(where, "planned_seconds"))
        if not 0 < planned <= HOLD_SECONDS[1]:
            raise _Refused(
                _in(where, "planned_seconds"),
                f"{planned} is out of range",
                f"more than 0 and at most {HOLD_SECONDS[1]} seconds",
            )
        held = _number(_field(doc, "held_seconds", where), _in(where, "held_seconds"))
        if not 0 < held <= HELD_MAX:
            raise _Refused(
                _in(where, "held_seconds"),
                f"{held} is out of range",
                f"more than 0 and at most {HELD_MAX:.0f} seconds",
            )
        return Hold(
            exercise_id=_exercise_id(_field(doc, "exercise_id", where), _in(where, "exercise_id")),
            side=side,
            rep=rep,
            planned_seconds=planned,
            held_seconds=held,
            started_at=_instant_of(_field(doc, "started_at", where), _in(where, "started_at")),
            day=day,
        )

    def _mark(self, value: object, day: date, where: str) -> DoneMark:
        doc = _object(value, where)
        _only(doc, MARK_FIELDS, where)
        return DoneMark(
            exercise_id=_exercise_id(_field(doc, "exercise_id", where), _in(where, "exercise_id")),
            day=day,
            marked_at=_instant_of(_field(doc, "marked_at", where), _in(where, "marked_at")),
        )

    def _entry(self, value: object, where: str) -> SymptomEntry:
        doc = _object(value, where)
        entry_id = _field(doc, "id", where)
        if not isinstance(entry_id, str) or not _ENTRY_ID.fullmatch(entry_id):
            raise _Refused(
                _in(where, "id"),
                f"{_shown(entry_id)} is not an entry id",
                "1 to 64 letters, digits, - or _",
            )
        day = _day_of(_field(doc, "day", where), _in(where, "day"))
        where = f"{where} (id {entry_id}, {day.isoformat()})"
        _only(doc, ENTRY_FIELDS, where)
        self._not_future(day, _in(where, "day"))
        pain, stiffness, minutes = (
            _optional_whole(_field(doc, name, where), _in(where, name), top)
            for name, top in (
                ("pain", SCORE_MAX),
                ("stiffness", SCORE_MAX),
                ("stiffness_minutes", MINUTES_MAX),
            )
        )
        where_hurts = _keys(_field(doc, "where", where), _in(where, "where"), tuple(PLACES))
        signs = _keys(_field(doc, "signs", where), _in(where, "signs"), _SIGN_KEYS)
        note = _text(_field(doc, "note", where), _in(where, "note"))
        if len(note) > NOTE_MAX:
            raise _Refused(
                _in(where, "note"), f"{len(note)} characters is too long", f"at most {NOTE_MAX}"
            )
        _safe_text(note, _in(where, "note"))
        # The symptom log's rules, checked here rather than through ``check_entry``, which would
        # also put places and signs in the form's order: an import keeps a record as it was.
        return SymptomEntry(
            id=entry_id,
            day=day,
            logged_at=_instant_of(_field(doc, "logged_at", where), _in(where, "logged_at")),
            pain=pain,
            stiffness=stiffness,
            stiffness_minutes=minutes,
            where=where_hurts,
            signs=signs,
            note=note,
        )

    def _response(self, value: object, where: str) -> ReferralResponse:
        doc = _object(value, where)
        _only(doc, RESPONSE_FIELDS, where)
        rule = _field(doc, "rule", where)
        if not isinstance(rule, str) or rule not in RULES:
            raise _Refused(_in(where, "rule"), f"{_shown(rule)} is not a rule", ", ".join(RULES))
        kind = _field(doc, "kind", where)
        if not isinstance(kind, str) or kind not in (ACKNOWLEDGED, SNOOZED):
            raise _Refused(
                _in(where, "kind"), f"{_shown(kind)} is not an answer", f"{ACKNOWLEDGED}, {SNOOZED}"
            )
        key = _field(doc, "key", where)
        if rule in (PERSISTENT_PAIN, SEVERE_PAIN):
            key = _day_of(key, _in(where, "key")).isoformat()
        elif not isinstance(key, str) or not _ENTRY_ID.fullmatch(key):
            raise _Refused(_in(where, "key"), f"{_shown(key)} is not an entry id", "an entry's id")
        day = _day_of(_field(doc, "day", where), _in(where, "day"))
        self._not_future(day, _in(where, "day"))
        return ReferralResponse(
            rule=rule,
            key=key,
            kind=kind,
            day=day,
            at=_instant_of(_field(doc, "at", where), _in(where, "at")),
        )

    def _not_future(self, day: date, where: str) -> None:
        if day > self._today:
            raise _Refused(
                where,
                f"{day.isoformat()} is in the future",
                f"today ({self._today.isoformat()}) or earlier",
            )


_HOLD_KEYS = frozenset(HOLD_FIELDS)
_NUMBER_TYPES = (int, float)


def _plain_hold(value: object, day: date) -> Hold | None:
    """The hold in ``value`` if it passes every check, else ``None``, building no message.

    Ten years hold some 70,000 holds: this path keeps an import of them under a second. A hold
    it does not accept goes through ``_Reader._hold``, which says what is wrong with it.
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
        and len(exercise_id) <= ID_LENGTH
        and _known_id(exercise_id)
        and (side is None or (type(side) is str and side in SIDES))
        and type(rep) is int
        and REPS[0] <= rep <= REPS[1]
        and type(planned) in _NUMBER_TYPES
        and 0 < planned <= HOLD_SECONDS[1]
        and type(held) in _NUMBER_TYPES
        and 0 < held <= HELD_MAX
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


@lru_cache(maxsize=256)
def _known_id(exercise_id: str) -> bool:
    return ID_PATTERN.fullmatch(exercise_id) is not None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc = dict(pairs)
    if len(doc) != len(pairs):
        seen: set[str] = set()
        for name, _ in pairs:
            if name in seen:
                raise _Refused("", f"an object names {name!r} twice", "each field once")
            seen.add(name)
    return doc


def _no_constant(name: str) -> object:
    raise _Refused("", f"{name} is not a number", "numbers, as JSON writes them")


def _response_identity(response: ReferralResponse) -> tuple[str, str, str, str]:
    return (response.at.isoformat(), response.rule, response.key, response.kind)


def _unique(values: Sequence[object], where: str, field: str, allowed: str) -> None:
    seen: dict[object, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            place = f"{where}[{index}]" + (f".{field}" if field else "")
            raise _Refused(place, f"the same as {where}[{seen[value]}]", allowed)
        seen[value] = index


def _kind(value: object) -> str:
    if value is None:
        return "null"
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    return names.get(type(value), "a number")


def _shown(value: object) -> str:
    """A value for a one-line message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _in(where: str, name: str) -> str:
    """The place of field ``name`` of the record or object at ``where``, for a message.

    A labelled record reads ``days[3] (2026-11-21) holds[0].side``, a plain path
    ``routine.exercises``.
    """
    if not where:
        return name
    return f"{where} {name}" if where.endswith(")") else f"{where}.{name}"


def _field(doc: Mapping[str, object], name: str, where: str) -> object:
    if name not in doc:
        raise _Refused(_in(where, name), "missing field", "every field of the export")
    return doc[name]


def _only(doc: Mapping[str, object], fields: tuple[str, ...], where: str) -> None:
    if len(doc) == len(fields) and all(name in doc for name in fields):
        return
    for name in doc:
        if name not in fields:
            # The name comes from the file: an odd one is quoted and cut, so that a line break
            # or a control character in it cannot break the one-line message.
            shown = name if _BARE_NAME.fullmatch(name) else _shown(name)
            raise _Refused(_in(where, shown), "unknown field", ", ".join(fields))
    missing = next(name for name in fields if name not in doc)
    _field(doc, missing, where)


def _object(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise _Refused(where, f"{_kind(value)}, not an object", "an object")
    return value


def _list(doc: Mapping[str, object], name: str, where: str) -> list[object]:
    value = _field(doc, name, where)
    if not isinstance(value, list):
        raise _Refused(_in(where, name), f"{_kind(value)}, not a list", "a list")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _Refused(where, f"{_kind(value)}, not a string", "a string")
    return value


def _safe_text(text: str, where: str) -> None:
    """Refuse a note the symptom log would refuse: the same rule, so what one accepts the other
    does too."""
    problem = plain_text_problem(text)
    if problem is not None:
        raise _Refused(where, problem, PLAIN_TEXT_ALLOWED)


def _whole(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Refused(where, f"{_shown(value)} is not a whole number", "a whole number")
    return value


def _optional_whole(value: object, where: str, highest: int) -> int | None:
    if value is None:
        return None
    whole = _whole(value, where)
    if not 0 <= whole <= highest:
        raise _Refused(
            where, f"{whole} is out of range", f"a whole number from 0 to {highest}, or null"
        )
    return whole


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Refused(where, f"{_shown(value)} is not a number", "a number of seconds")
    return float(value)


def _exercise_id(value: object, where: str) -> str:
    if not (isinstance(value, str) and len(value) <= ID_LENGTH and ID_PATTERN.fullmatch(value)):
        raise _Refused(
            where,
            f"{_shown(value)} is not an exercise id",
            f"lowercase letters, digits and single hyphens, at most {ID_LENGTH} characters",
        )
    return value


def _keys(value: object, where: str, vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Refused(where, f"{_kind(value)}, not a list", "a list of: " + ", ".join(vocabulary))
    keys: list[str] = []
    for index, key in enumerate(value):
        if not isinstance(key, str) or key not in vocabulary:
            raise _Refused(
                f"{where}[{index}]", f"{_shown(key)} is not known", ", ".join(vocabulary)
            )
        if key in keys:
            raise _Refused(f"{where}[{index}]", f"{key!r} is listed twice", "each key once")
        keys.append(key)
    return tuple(keys)


def _day_of(value: object, where: str) -> date:
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _Refused(where, f"{_shown(value)} is not a date", "YYYY-MM-DD")


def _instant_of(value: object, where: str) -> datetime:
    if isinstance(value, str) and 19 <= len(value) <= 40:
        try:
            instant = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if instant.utcoffset() is not None:
                return instant
    raise _Refused(
        where,
        f"{_shown(value)} is not a date-time with its UTC offset",
        "an ISO date-time such as 2026-11-21T07:31:02+01:00",
    )
