"""The one way to the database: plain core types in, plain core types out.

Every write is atomic and durable when it returns; if it raises (``SaveFailed``), nothing changed.
Reads are served from memory and converted to core types once per document: a document is
converted again only when it was rewritten or another process changed the file.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

from psoas_tui.clock import Clock
from psoas_tui.core.model import (
    DayRecord,
    DoneMark,
    History,
    Hold,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.profile import Profile, ProfileItem, ProfileKey
from psoas_tui.core.routine_versions import StoredVersion
from psoas_tui.locations import Locations
from psoas_tui.store.backups import newest_backup
from psoas_tui.store.codec import gc_paused
from psoas_tui.store.errors import CorruptDatabase
from psoas_tui.store.schema import (
    DAYS,
    ENTRIES,
    PROFILE,
    RESPONSES,
    ROUTINES,
    Doc,
    SchemaError,
    day_from_doc,
    day_key,
    day_to_doc,
    entry_from_doc,
    entry_to_doc,
    profile_item_from_doc,
    profile_item_key,
    profile_item_to_doc,
    response_from_doc,
    response_key,
    response_to_doc,
    routine_version_from_doc,
    routine_version_key,
    routine_version_to_doc,
)
from psoas_tui.store.storage import Database, KeyedTable


class _Dated(Protocol):
    @property
    def day(self) -> date: ...


Record = TypeVar("Record", bound=_Dated)


class _Converted(Generic[Record]):
    """One table's records, converted from its documents and kept sorted.

    TinyDB gives a table a new dict whenever it is written and the storage builds new documents
    when it reloads, so identity tells what is current: the sorted list is rebuilt only when the
    table's dict changed, and a document is converted again only when it is a new object.
    """

    def __init__(
        self,
        table: KeyedTable,
        what: str,
        convert: Callable[[Mapping[str, Any]], Record],
        sort_key: Callable[[Record], Any],
        on_error: Callable[[str], CorruptDatabase],
        key_of_day: Callable[[date], str] | None = None,
    ) -> None:
        self._table = table
        self._what = what
        self._convert = convert
        self._sort_key = sort_key
        self._on_error = on_error
        self._key_of_day = key_of_day
        self._by_key: dict[str, tuple[Mapping[str, Any], Record]] = {}
        self._source: Mapping[str, Any] | None = None
        self._sorted: list[Record] = []
        self._days: list[date] = []

    def one(self, key: str) -> Record | None:
        """The record under ``key``, if there is one."""
        doc = self._table.raw().get(key)
        return None if doc is None else self._record(key, doc)

    def all(self) -> list[Record]:
        """Every record, sorted. The caller must not change the list."""
        docs = self._table.raw()
        if docs is not self._source:
            with gc_paused():
                records = [self._record(key, doc) for key, doc in docs.items()]
            records.sort(key=self._sort_key)
            for stale in self._by_key.keys() - docs.keys():
                del self._by_key[stale]
            self._sorted = records
            self._days = [record.day for record in records]
            self._source = docs
        return self._sorted

    def between(self, start: date | None, end: date | None) -> list[Record]:
        """The records whose day is from ``start`` to ``end`` (inclusive), for a table sorted by
        day first."""
        docs = self._table.raw()
        key_of_day = self._key_of_day
        ranged = start is not None or end is not None
        if key_of_day is not None and ranged and docs is not self._source:
            return self._keyed_between(docs, key_of_day, start, end)
        records = self.all()
        low = 0 if start is None else bisect_left(self._days, start)
        high = len(records) if end is None else bisect_right(self._days, end)
        return records[low:high]

    def _keyed_between(
        self,
        docs: Mapping[str, Any],
        key_of_day: Callable[[date], str],
        start: date | None,
        end: date | None,
    ) -> list[Record]:
        # A table keyed by its records' days (ISO dates, which sort as the dates do) converts
        # only the documents in the range while the whole sorted list is not at hand: a few days
        # must not cost the whole history.
        low = "" if start is None else key_of_day(start)
        high = None if end is None else key_of_day(end)
        records = [
            self._record(key, doc)
            for key, doc in docs.items()
            if low <= key and (high is None or key <= high)
        ]
        records.sort(key=self._sort_key)
        return [
            record
            for record in records
            if (start is None or record.day >= start) and (end is None or record.day <= end)
        ]

    def _record(self, key: str, doc: Mapping[str, Any]) -> Record:
        known = self._by_key.get(key)
        if known is not None and known[0] is doc:
            return known[1]
        try:
            record = self._convert(doc)
        except SchemaError as error:
            raise self._on_error(f"{self._what} {key!r}: {error}") from None
        self._by_key[key] = (doc, record)
        return record


class Repository:
    """Days, symptom entries, referral responses and the "about you" answers, in the database of
    ``locations``."""

    def __init__(self, database: Database, locations: Locations) -> None:
        self._db = database
        self._locations = locations
        self._storage = database.safe_storage
        self._days = database.keyed(DAYS)
        self._entries = database.keyed(ENTRIES)
        self._responses = database.keyed(RESPONSES)
        self._profile = database.keyed(PROFILE)
        self._day_records = _Converted(
            self._days, "day", day_from_doc, lambda record: record.day, self._corrupt, day_key
        )
        self._entry_records = _Converted(
            self._entries,
            "entry",
            entry_from_doc,
            lambda entry: (entry.day, entry.logged_at, entry.id),
            self._corrupt,
        )
        self._response_records = _Converted(
            self._responses,
            "response",
            response_from_doc,
            lambda response: (response.at, response.rule, response.key),
            self._corrupt,
        )

    @classmethod
    def open(cls, locations: Locations, clock: Clock, long_lived: bool = False) -> Repository:
        """Open (or create) the database of ``locations``.

        Creates the data directory (0700) if needed, sweeps temporary files a killed writer left,
        moves an unreadable file aside (``CorruptDatabase``), refuses a newer schema
        (``NewerSchema``), migrates an older one after a backup, and takes today's backup.
        ``SaveFailed`` or ``DatabaseLocked`` if the directory cannot be written or stays locked.
        ``long_lived`` (the app, open for a whole session) makes repeated values of the history
        one object each as it loads: slower to open, much smaller to keep.
        """
        return cls(Database(locations, clock.today, long_lived), locations)

    def close(self) -> None:
        """Release the file. Nothing needs saving: every change was saved when it was made."""
        self._db.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _corrupt(self, reason: str) -> CorruptDatabase:
        return CorruptDatabase(
            self._locations.database, reason, None, newest_backup(self._locations)
        )

    # Days

    def day(self, day: date) -> DayRecord:
        """What was recorded on ``day``; an untouched ``DayRecord`` if nothing was."""
        return self._day_records.one(day_key(day)) or DayRecord(day)

    def days(self, start: date | None = None, end: date | None = None) -> list[DayRecord]:
        """The recorded days from ``start`` to ``end`` (both inclusive, either open), by date.

        Days with nothing recorded are not included.
        """
        return self._day_records.between(start, end)

    def first_day(self) -> date | None:
        """The first day with a day record, without converting any (``None`` if there is none)."""
        keys = self._days.raw().keys()
        # Day keys are ISO dates, so the smallest string is the earliest day.
        return date.fromisoformat(min(keys)) if keys else None

    def add_hold(self, hold: Hold, planned: Sequence[str]) -> None:
        """Record a hold on ``hold.day``, freezing that day's plan to ``planned`` if it had none."""
        with self._storage.transaction():
            record = self.day(hold.day)
            self._put_day(
                replace(
                    record,
                    planned=_frozen(record, planned),
                    holds=(*record.holds, hold),
                )
            )

    def mark_done(self, mark: DoneMark, planned: Sequence[str]) -> None:
        """Mark an exercise done by hand on ``mark.day`` (freezing the plan if it had none).

        An exercise already marked that day keeps its first mark, and nothing is written.
        """
        with self._storage.transaction():
            record = self.day(mark.day)
            marked = any(old.exercise_id == mark.exercise_id for old in record.marks)
            if marked and record.planned is not None:
                return
            self._put_day(
                replace(
                    record,
                    planned=_frozen(record, planned),
                    marks=record.marks if marked else (*record.marks, mark),
                )
            )

    def unmark_done(self, exercise_id: str, day: date) -> bool:
        """Take back the hand mark of ``exercise_id`` on ``day``; ``False`` if there was none."""
        with self._storage.transaction():
            record = self.day(day)
            kept = tuple(mark for mark in record.marks if mark.exercise_id != exercise_id)
            if len(kept) == len(record.marks):
                return False
            self._put_day(replace(record, marks=kept))
        return True

    def _put_day(self, record: DayRecord) -> None:
        self._days.put(day_key(record.day), day_to_doc(record))

    # Symptom entries

    def entries(self, start: date | None = None, end: date | None = None) -> list[SymptomEntry]:
        """The entries from ``start`` to ``end`` (inclusive, either open), by day then logged_at."""
        return self._entry_records.between(start, end)

    def save_entry(self, entry: SymptomEntry) -> None:
        """Store ``entry``, replacing the entry with the same id if there is one."""
        self._entries.put(entry.id, entry_to_doc(entry))

    def delete_entry(self, entry_id: str) -> bool:
        """Remove the entry with ``entry_id``; ``False`` if there was none."""
        return self._entries.delete(entry_id)

    # Referral responses

    def responses(self) -> list[ReferralResponse]:
        """Every answer to a referral prompt, oldest first."""
        return list(self._response_records.all())

    def add_response(self, response: ReferralResponse) -> None:
        """Store an answer to a referral prompt (the same answer twice is stored once)."""
        self._responses.put(response_key(response), response_to_doc(response))

    # About you

    def profile(self) -> Profile:
        """The "about you" answers given so far, in the order the questions are asked."""
        items = []
        for key, doc in self._profile.raw().items():
            try:
                item = profile_item_from_doc(doc)
            except SchemaError as error:
                raise self._corrupt(f"profile item {key!r}: {error}") from None
            if item.key != key:
                # Two documents answering one question would make the answer depend on order.
                raise self._corrupt(f"profile item {key!r}: it answers {item.key.value!r}")
            items.append(item)
        return Profile(tuple(sorted(items, key=_question_order)))

    def save_profile_item(self, item: ProfileItem) -> None:
        """Store one "about you" answer, replacing the earlier answer to that question."""
        self._profile.put(profile_item_key(item), profile_item_to_doc(item))

    def merge(self, history: History) -> MergeCounts:
        """Add everything in ``history`` that is not stored yet, in one atomic write.

        A hold is already stored when its day holds one of the same exercise, side, rep and start
        instant; a hand mark when its day has a mark for that exercise; an entry when its id is
        stored; a response when the same answer is. A day's frozen plan is kept; an unfrozen one
        takes the incoming plan. An "about you" answer replaces the stored one only if it was
        given on a later day, so an import never undoes an answer the user gave since. So merging
        the same history twice adds nothing the second time.
        """
        counts = MergeCounts()
        with self._storage.transaction():
            days: dict[str, Doc] = {}
            for incoming in history.days:
                record = self.day(incoming.day)
                seen = {_hold_identity(hold) for hold in record.holds}
                holds = [hold for hold in incoming.holds if _hold_identity(hold) not in seen]
                marked = {mark.exercise_id for mark in record.marks}
                marks = [mark for mark in incoming.marks if mark.exercise_id not in marked]
                planned = record.planned if record.planned is not None else incoming.planned
                if not holds and not marks and planned == record.planned:
                    continue
                merged = replace(
                    record,
                    planned=planned,
                    holds=(*record.holds, *holds),
                    marks=(*record.marks, *marks),
                )
                days[day_key(incoming.day)] = day_to_doc(merged)
                counts.days += 1
                counts.holds += len(holds)
                counts.marks += len(marks)
            stored_entries = self._entries.raw()
            entries = {
                entry.id: entry_to_doc(entry)
                for entry in history.entries
                if entry.id not in stored_entries
            }
            stored_responses = self._responses.raw()
            responses = {
                response_key(response): response_to_doc(response)
                for response in history.responses
                if response_key(response) not in stored_responses
            }
            stored_profile = self.profile()
            profile = {
                profile_item_key(item): profile_item_to_doc(item)
                for item in history.profile.items
                if _later(item, stored_profile.item(item.key))
            }
            counts.entries = len(entries)
            counts.responses = len(responses)
            counts.profile = len(profile)
            if days or entries or responses or profile:
                self._db.put_many(
                    {DAYS: days, ENTRIES: entries, RESPONSES: responses, PROFILE: profile}
                )
        return counts

    def history(self) -> History:
        """Everything recorded, oldest first."""
        return History(
            days=tuple(self.days()),
            entries=tuple(self.entries()),
            responses=tuple(self.responses()),
            profile=self.profile(),
        )

    # Routine versions: every routine seen, each with the first day it was in force. Not part of
    # the history: an export or an import leaves them out, and ``merge`` never touches them.

    def routine_versions(self) -> list[StoredVersion]:
        """Every version of the routine stored, oldest first."""
        versions = []
        for key, doc in self._db.keyed(ROUTINES).raw().items():
            try:
                versions.append(routine_version_from_doc(doc))
            except SchemaError as error:
                raise self._corrupt(f"routine version {key!r}: {error}") from None
        return sorted(versions, key=lambda version: version.day)

    def save_routine_version(self, version: StoredVersion) -> None:
        """Store ``version``, replacing a version that starts on the same day."""
        self._db.keyed(ROUTINES).put(routine_version_key(version), routine_version_to_doc(version))


@dataclass
class MergeCounts:
    """What a merge added: days changed, holds, hand marks, entries, responses and "about you"
    answers added or replaced."""

    days: int = 0
    holds: int = 0
    marks: int = 0
    entries: int = 0
    responses: int = 0
    profile: int = 0

    @property
    def total(self) -> int:
        """Records added (days are containers and not counted)."""
        return self.holds + self.marks + self.entries + self.responses + self.profile


def _later(incoming: ProfileItem, stored: ProfileItem | None) -> bool:
    # On the same day the stored answer stands: it may be the user's own, given after the export.
    return stored is None or incoming.day > stored.day


def _question_order(item: ProfileItem) -> int:
    return list(ProfileKey).index(item.key)


def _hold_identity(hold: Hold) -> tuple[str, str | None, int, datetime]:
    return (hold.exercise_id, hold.side, hold.rep, hold.started_at)


def _frozen(record: DayRecord, planned: Sequence[str]) -> tuple[str, ...]:
    return record.planned if record.planned is not None else tuple(planned)
