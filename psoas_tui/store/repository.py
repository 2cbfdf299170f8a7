"""The one way to the database: plain core types in, plain core types out.

Every write is atomic and durable when it returns; if it raises (``SaveFailed``), nothing changed.
Reads are served from memory and converted to core types once per document: a document is
converted again only when it was rewritten or another process changed the file.

``psoas.json`` keeps the recent weeks (from the first of the month ``WINDOW_WEEKS`` back) and the
yearly archives (``archive``) the rest, so that opening it costs the same at twenty years as at
one. A compaction, at most once a month, moves the older day documents and entries into the
archive of their year: it writes each archive first and ``psoas.json`` last, without them and with
the new boundary, so a crash at any point leaves each record in one file or in two, and the copy in
``psoas.json`` (always the newer) wins. Records stay in ``psoas.json`` as far back as a chain of
pain days or of one sign's answers reaches (``core.referral.reach_back``): so the referral rules,
Today, ``status``, ``log`` and ``done`` never open an archive. Whatever asks for older days (the
streaks screen, the report, export, a backfilled day) reads the archives of those years only.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

from psoas_tui.clock import Clock
from psoas_tui.core.model import (
    DayRecord,
    DoneMark,
    History,
    Hold,
    Pause,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.pauses import overlaps
from psoas_tui.core.profile import Profile, ProfileItem, ProfileKey
from psoas_tui.core.records import check_pauses
from psoas_tui.core.referral import REACH_GAP, reach_back
from psoas_tui.core.routine_versions import StoredVersion
from psoas_tui.core.validate import Refusal
from psoas_tui.locations import Locations
from psoas_tui.store.archive import Archives, ArchiveSummary, archive_path
from psoas_tui.store.backups import newest_backup, write_before_archiving
from psoas_tui.store.codec import gc_paused
from psoas_tui.store.errors import CorruptDatabase
from psoas_tui.store.schema import (
    ARCHIVE_KEY,
    DAYS,
    ENTRIES,
    PAUSES,
    PROFILE,
    RESPONSES,
    ROUTINES,
    SUMMARY,
    Doc,
    SchemaError,
    check_key,
    day_from_doc,
    day_key,
    day_to_doc,
    entry_from_doc,
    entry_to_doc,
    pause_from_doc,
    pause_key,
    pause_to_doc,
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
from psoas_tui.store.storage import Database

#: ``psoas.json`` keeps this many weeks before today, and the rest of their first month.
WINDOW_WEEKS = 26


def window_start(today: date) -> date:
    """The first day ``psoas.json`` keeps on ``today``: the first of the month 26 weeks back."""
    return (today - timedelta(weeks=WINDOW_WEEKS)).replace(day=1)


class _Dated(Protocol):
    @property
    def day(self) -> date: ...


class _Documents(Protocol):
    def raw(self) -> Mapping[str, Doc]: ...


class _ArchiveTable:
    """One table of one year's archive, as ``_Converted`` reads a table."""

    def __init__(self, archives: Archives, year: int, name: str) -> None:
        self._archives = archives
        self._year = year
        self._name = name

    def raw(self) -> Mapping[str, Doc]:
        return self._archives.tables(self._year)[self._name]


Record = TypeVar("Record", bound=_Dated)


class _Converted(Generic[Record]):
    """One table's records, converted from its documents and kept sorted.

    TinyDB gives a table a new dict whenever it is written and the storage builds new documents
    when it reloads, so identity tells what is current: the sorted list is rebuilt only when the
    table's dict changed, and a document is converted again only when it is a new object.
    """

    def __init__(
        self,
        table: _Documents,
        what: str,
        convert: Callable[[Mapping[str, Any]], Record],
        sort_key: Callable[[Record], Any],
        on_error: Callable[[str], CorruptDatabase],
        key_of: Callable[[Record], str],
        key_of_day: Callable[[date], str] | None = None,
    ) -> None:
        self._table = table
        self._what = what
        self._convert = convert
        self._sort_key = sort_key
        self._on_error = on_error
        self._key_of = key_of
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
            check_key(self._what, key, record, self._key_of)
        except SchemaError as error:
            raise self._on_error(f"{self._what} {key!r}: {error}") from None
        self._by_key[key] = (doc, record)
        return record


class Repository:
    """Days, symptom entries, referral responses, the "about you" answers and the pauses, in the
    database of ``locations`` and its archives."""

    def __init__(
        self, database: Database, locations: Locations, today: Callable[[], date] = date.today
    ) -> None:
        self._db = database
        self._locations = locations
        self._today = today
        self._storage = database.safe_storage
        self._days = database.keyed(DAYS)
        self._entries = database.keyed(ENTRIES)
        self._responses = database.keyed(RESPONSES)
        self._profile = database.keyed(PROFILE)
        self._pauses = database.keyed(PAUSES)
        self._summaries = database.keyed(SUMMARY)
        self._archives = Archives(locations)
        self._day_records = _Converted(
            self._days, "day", day_from_doc, _by_day, self._corrupt, _day_key_of, day_key
        )
        self._entry_records = _Converted(
            self._entries, "entry", entry_from_doc, _entry_order, self._corrupt, _entry_key_of
        )
        self._response_records = _Converted(
            self._responses,
            "response",
            response_from_doc,
            lambda response: (response.at, response.rule, response.key),
            self._corrupt,
            response_key,
        )
        self._cold_days: dict[int, _Converted[DayRecord]] = {}
        self._cold_entries: dict[int, _Converted[SymptomEntry]] = {}
        #: The archive each entry read from one was in: an edit or a deletion must reach it.
        self._archived_in: dict[str, int] = {}
        self._summary_doc: tuple[Doc | None, ArchiveSummary] | None = None

    @classmethod
    def open(
        cls, locations: Locations, clock: Clock, long_lived: bool = False, reading: bool = False
    ) -> Repository:
        """Open (or create) the database of ``locations``.

        Creates the data directory (0700) if needed, sweeps temporary files a killed writer left,
        moves an unreadable file aside (``CorruptDatabase``), refuses a newer schema
        (``NewerSchema``), migrates an older one after a backup, takes today's backup, and moves
        what has grown old into the archives when it is time (``compact``). ``SaveFailed`` or
        ``DatabaseLocked`` if the directory cannot be written or stays locked. ``long_lived``
        (the app, open for a whole session) makes repeated values of the history one object each
        as it loads: slower to open, much smaller to keep. ``reading`` (a command that only reads)
        needs nothing written: see ``storage.SafeStorage``; the compaction waits for a write.
        """
        database = Database(locations, clock.today, long_lived, reading)
        repo = cls(database, locations, clock.today)
        try:
            repo.check()
            if not reading:
                repo.compact()
        except BaseException:
            repo.close()
            raise
        return repo

    def close(self) -> None:
        """Release the file. Nothing needs saving: every change was saved when it was made."""
        self._db.close()

    def take_notices(self) -> list[str]:
        """What the store could not do since the last call and the user should hear once (a
        backup not taken, a file it could not make private); see ``SafeStorage.take_notices``."""
        return self._storage.take_notices()

    def __enter__(self) -> Repository:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def locked(self) -> AbstractContextManager[None]:
        """The database's lock, held for a decision of the caller's that must not race another
        process (``psoas remind``); re-entrant, so reads and writes inside take it too."""
        return self._storage.transaction()

    def check(self) -> None:
        """Raise ``CorruptDatabase`` naming the first record in ``psoas.json`` that breaks the
        contract (``core.records``) or is not under its own key.

        Run at every open, so that nothing is written, backed up or shown around a damaged
        record: the file is left as it is for ``psoas restore`` to keep. It converts the recent
        weeks ``psoas.json`` holds, which every command reads soon after anyway (the conversions
        are kept); the archives are checked as they are read.
        """
        self._day_records.all()
        self._entry_records.all()
        self._response_records.all()
        self.profile()
        self.routine_versions()
        self.pauses()

    def _corrupt(self, reason: str) -> CorruptDatabase:
        return CorruptDatabase(
            self._locations.database, reason, None, newest_backup(self._locations, self._today())
        )

    # Days

    def day(self, day: date) -> DayRecord:
        """What was recorded on ``day``; an untouched ``DayRecord`` if nothing was."""
        record = self._day_records.one(day_key(day))
        if record is None:
            boundary = self._summary().boundary
            if boundary is not None and day < boundary:
                record = self._archived_days(day.year).one(day_key(day))
        return record or DayRecord(day)

    def days(self, start: date | None = None, end: date | None = None) -> list[DayRecord]:
        """The recorded days from ``start`` to ``end`` (both inclusive, either open), by date.

        Days with nothing recorded are not included. Days before the boundary are read from the
        archives of their years.
        """
        recent = self._day_records.between(start, end)
        years, last = self._archived_span(start, end)
        if not years:
            return recent
        here = self._days.raw()
        older = [
            record
            for year in years
            for record in self._archived_days(year).between(start, last)
            if day_key(record.day) not in here
        ]
        return sorted([*recent, *older], key=_by_day) if older else recent

    def first_day(self) -> date | None:
        """The first day with a day record, without converting any (``None`` if there is none)."""
        keys = self._days.raw().keys()
        # Day keys are ISO dates, so the smallest string is the earliest day.
        here = None
        if keys:
            first = min(keys)
            record = self._day_records.one(first)
            here = None if record is None else record.day
        return _earliest(here, self._summary().first_day)

    def add_hold(self, hold: Hold, planned: Sequence[str]) -> None:
        """Record a hold on ``hold.day``, freezing that day's plan to ``planned`` if it had none.

        A hold already stored (the same exercise, side, rep and start: a save tried again after
        one that did land, or a kept hold another start saved) is not added twice.
        """
        with self._storage.transaction():
            record = self.day(hold.day)
            if any(_hold_identity(hold) == _hold_identity(old) for old in record.holds):
                return
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
        """The entries from ``start`` to ``end`` (inclusive, either open), by day then logged_at;
        those before the boundary from the archives of their years."""
        recent = self._entry_records.between(start, end)
        years, last = self._archived_span(start, end)
        if not years:
            return recent
        here = self._entries.raw()
        older = []
        for year in years:
            for entry in self._archived_entries(year).between(start, last):
                if entry.id not in here:
                    older.append(entry)
                    self._archived_in[entry.id] = year
        return sorted([*recent, *older], key=_entry_order) if older else recent

    def recent_entries(self) -> list[SymptomEntry]:
        """The entries ``psoas.json`` holds, by day then logged_at: every entry the referral rules
        can need on any day of the recent weeks (see the module's docstring)."""
        return self._entry_records.all()

    def first_entry_day(self) -> date | None:
        """The day of the earliest entry (``None``: there is none)."""
        recent = self._entry_records.all()
        return _earliest(recent[0].day if recent else None, self._summary().first_entry)

    def save_entry(self, entry: SymptomEntry) -> None:
        """Store ``entry``, replacing the entry with the same id if there is one."""
        doc = entry_to_doc(entry)
        with self._storage.transaction():
            summary = self._summary()
            year = self._archived_in.get(entry.id)
            if year is not None and entry.id not in self._entries.raw():
                # The archived copy stays until the next compaction; this newer one hides it.
                shadows = replace(summary, shadows=summary.shadows | {year})
                self._db.put_many(
                    {ENTRIES: {entry.id: doc}, SUMMARY: {ARCHIVE_KEY: shadows.to_doc()}}
                )
            else:
                self._entries.put(entry.id, doc)
            if summary.boundary is not None and entry.day < summary.boundary:
                self._settle(summary.boundary)

    def delete_entry(self, entry_id: str) -> bool:
        """Remove the entry with ``entry_id``, every copy of it; ``False`` if there was none."""
        with self._storage.transaction():
            years = set(self._summary().shadows)
            if entry_id in self._archived_in:
                years.add(self._archived_in[entry_id])
            removed = False
            # The archives first: while a copy remains here it hides theirs.
            for year in sorted(years):
                tables = self._archives.tables(year)
                if entry_id in tables[ENTRIES]:
                    kept = {key: doc for key, doc in tables[ENTRIES].items() if key != entry_id}
                    self._archives.write(year, {**tables, ENTRIES: kept})
                    removed = True
            removed = self._entries.delete(entry_id) or removed
            self._archived_in.pop(entry_id, None)
        return removed

    # Pauses: few, and always in ``psoas.json`` (the archives never hold one)

    def pauses(self) -> list[Pause]:
        """Every pause declared, by first day; ``CorruptDatabase`` for one that does not read,
        is not under its key, or shares a day with another."""
        pauses = []
        for key, doc in self._pauses.raw().items():
            try:
                pause = pause_from_doc(doc)
                check_key("pause", key, pause, pause_key)
            except SchemaError as error:
                raise self._corrupt(f"pause {key!r}: {error}") from None
            pauses.append(pause)
        pauses.sort(key=_by_start)
        try:
            check_pauses(pauses)
        except Refusal as refusal:
            raise self._corrupt(f"{refusal.where} {refusal.problem}") from None
        return pauses

    def save_pause(self, pause: Pause) -> None:
        """Store ``pause``, replacing the pause that starts on the same day."""
        self._pauses.put(pause_key(pause), pause_to_doc(pause))

    def delete_pause(self, pause: Pause) -> bool:
        """Remove the pause that starts on ``pause.start``; ``False`` if there was none."""
        return self._pauses.delete(pause_key(pause))

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
        with self._storage.transaction():
            self._profile.put(profile_item_key(item), profile_item_to_doc(item))
            boundary = self._summary().boundary
            if boundary is not None and item.key is ProfileKey.cancer:
                # With a history of cancer, pain days four weeks apart are one run.
                self._settle(boundary)

    def merge(self, history: History) -> MergeCounts:
        """Add everything in ``history`` that is not stored yet, in one atomic write.

        A hold is already stored when its day holds one of the same exercise, side, rep and start
        instant; a hand mark when its day has a mark for that exercise; an entry when its id is
        stored; a response when the same answer is. A day's frozen plan is kept; an unfrozen one
        takes the incoming plan. An "about you" answer replaces the stored one only if it was
        given on a later day, so an import never undoes an answer the user gave since. A pause is
        added only if it shares no day with a stored one (the stored pause stands). So merging
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
            stored_entries = self._entries.raw().keys() | self._archived_ids()
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
            stored_pauses = self.pauses()
            pauses: dict[str, Doc] = {}
            for pause in history.pauses:
                if not any(overlaps(pause, other) for other in stored_pauses):
                    pauses[pause_key(pause)] = pause_to_doc(pause)
                    stored_pauses.append(pause)
            counts.entries = len(entries)
            counts.responses = len(responses)
            counts.profile = len(profile)
            counts.pauses = len(pauses)
            if days or entries or responses or profile or pauses:
                self._db.put_many(
                    {
                        DAYS: days,
                        ENTRIES: entries,
                        RESPONSES: responses,
                        PROFILE: profile,
                        PAUSES: pauses,
                    }
                )
                self._compact(force=True)
        return counts

    def is_empty(self) -> bool:
        """Whether nothing at all is recorded, here or in an archive."""
        summary = self._summary()
        return (
            summary.first_day is None
            and summary.first_entry is None
            and not any(
                self._db.keyed(name).raw() for name in (DAYS, ENTRIES, RESPONSES, PROFILE, PAUSES)
            )
        )

    def history(self) -> History:
        """Everything recorded, oldest first."""
        return History(
            days=tuple(self.days()),
            entries=tuple(self.entries()),
            responses=tuple(self.responses()),
            profile=self.profile(),
            pauses=tuple(self.pauses()),
        )

    # Routine versions: every routine seen, each with the first day it was in force. Not part of
    # the history: an export or an import leaves them out, and ``merge`` never touches them.

    def routine_versions(self) -> list[StoredVersion]:
        """Every version of the routine stored, oldest first."""
        versions = []
        for key, doc in self._db.keyed(ROUTINES).raw().items():
            try:
                version = routine_version_from_doc(doc)
                check_key("routine version", key, version, routine_version_key)
                versions.append(version)
            except SchemaError as error:
                raise self._corrupt(f"routine version {key!r}: {error}") from None
        return sorted(versions, key=lambda version: version.day)

    def save_routine_version(self, version: StoredVersion) -> None:
        """Store ``version``, replacing a version that starts on the same day."""
        self._db.keyed(ROUTINES).put(routine_version_key(version), routine_version_to_doc(version))

    # The archives

    def compact(self) -> None:
        """Move the days and entries older than the recent weeks into the archives, once a month.

        The first time, the database as it was is kept in ``backups/`` first.
        """
        self._compact(force=False)

    def _compact(self, force: bool) -> None:
        target = window_start(self._today())
        if not force and self._summary().checked == target:
            return
        if not self._holds_before(target):
            return
        with self._storage.transaction():
            summary = self._summary()
            if not force and summary.checked == target:
                return
            if summary.boundary is None:
                write_before_archiving(self._locations, self._today())
            self._rebalance(self._reach(target), target)

    def _holds_before(self, day: date) -> bool:
        # From the documents' day strings (ISO dates sort as the dates do): nothing is converted
        # on the way to finding that nothing is due.
        key = day_key(day)
        if any(stored < key for stored in self._days.raw()):
            return True
        days = (doc.get("day") for doc in self._entries.raw().values())
        return any(type(stored) is str and stored < key for stored in days)

    def _settle(self, boundary: date) -> None:
        # An entry was written before the boundary: if a chain now reaches across it, the
        # archived part of the chain comes back here.
        reach = self._reach(boundary)
        if reach < boundary:
            self._rebalance(reach, None)

    def _reach(self, boundary: date) -> date:
        """The boundary to keep for ``boundary``: the earliest day any chain of entries reaching
        it starts on (``core.referral.reach_back``), taken again from there until no chain
        reaches the day found, so no later write can join a chain across it. Reads the entries
        here, then the archives' from the newest year down, only as far as a chain can reach."""
        here = self._entries.raw()
        cancer = self.profile().yes(ProfileKey.cancer)
        known = [entry for entry in self._entry_records.all() if entry.day < boundary]
        years = [year for year in self._archives.years() if year <= boundary.year]
        while True:
            while years and date(years[-1], 12, 31).toordinal() >= (
                boundary.toordinal() - REACH_GAP
            ):
                year = years.pop()
                known += [e for e in self._archived_entries(year).all() if e.id not in here]
            start = reach_back(known, boundary, cancer)
            if start == boundary:
                return boundary
            boundary = start

    def _rebalance(self, boundary: date, checked: date | None) -> None:
        """Make ``boundary`` the boundary: bring archived records from it on back here, move the
        records here from before it to their archives, then rewrite this file. Under the lock."""
        summary = self._summary()
        days_here, entries_here = self._days.raw(), self._entries.raw()
        pulled_days: dict[str, Doc] = {}
        pulled_entries: dict[str, Doc] = {}
        pulled_from: set[int] = set()
        old = summary.boundary
        if old is not None and boundary < old:
            for year in self._archives.years():
                if not boundary.year <= year <= old.year:
                    continue
                for record in self._archived_days(year).between(boundary, old - _DAY):
                    key = day_key(record.day)
                    if key not in days_here:
                        pulled_days[key] = self._archives.tables(year)[DAYS][key]
                for entry in self._archived_entries(year).between(boundary, old - _DAY):
                    if entry.id not in entries_here:
                        pulled_entries[entry.id] = self._archives.tables(year)[ENTRIES][entry.id]
                        pulled_from.add(year)
        moving: dict[int, tuple[dict[str, Doc], dict[str, Doc]]] = {}
        for record in self._day_records.between(None, boundary - _DAY):
            key = day_key(record.day)
            moving.setdefault(record.day.year, ({}, {}))[0][key] = days_here[key]
        moved_to: dict[str, int] = {}
        for entry in self._entry_records.all():
            if entry.day < boundary:
                moving.setdefault(entry.day.year, ({}, {}))[1][entry.id] = entries_here[entry.id]
                moved_to[entry.id] = entry.day.year
        for year in sorted(moving.keys() | summary.shadows):
            days, entries = moving.get(year, ({}, {}))
            tables = self._archives.tables(year)
            # An older copy of an entry that stays here, or that moves to another year, goes.
            kept = {
                key: doc
                for key, doc in tables[ENTRIES].items()
                if not (key in entries_here and key not in moved_to)
                and moved_to.get(key, year) == year
            }
            if days or entries or len(kept) != len(tables[ENTRIES]):
                self._archives.write(
                    year, {**tables, DAYS: {**tables[DAYS], **days}, ENTRIES: {**kept, **entries}}
                )
        moved_days = {key for days, _ in moving.values() for key in days}
        first_day = _earliest(summary.first_day, *(date.fromisoformat(key) for key in moved_days))
        first_entry = _earliest(
            summary.first_entry,
            *(entry.day for entry in self._entry_records.all() if entry.id in moved_to),
        )
        tables = dict(self._storage.read())
        tables[DAYS] = {
            **{key: doc for key, doc in days_here.items() if key not in moved_days},
            **pulled_days,
        }
        tables[ENTRIES] = {
            **{key: doc for key, doc in entries_here.items() if key not in moved_to},
            **pulled_entries,
        }
        new = ArchiveSummary(
            boundary,
            summary.checked if checked is None else checked,
            first_day,
            first_entry,
            frozenset(pulled_from),
        )
        tables[SUMMARY] = {ARCHIVE_KEY: new.to_doc()}
        self._storage.write(tables)

    def _summary(self) -> ArchiveSummary:
        doc = self._summaries.raw().get(ARCHIVE_KEY)
        known = self._summary_doc
        if known is not None and known[0] is doc:
            return known[1]
        try:
            summary = ArchiveSummary.from_doc(doc)
        except SchemaError as error:
            raise self._corrupt(str(error)) from None
        self._summary_doc = (doc, summary)
        return summary

    def _archived_span(self, start: date | None, end: date | None) -> tuple[list[int], date]:
        """The archive years that may hold records from ``start`` to ``end``, and the last day
        to read from them."""
        boundary = self._summary().boundary
        if boundary is None:
            return [], date.min
        last = boundary - _DAY if end is None else min(end, boundary - _DAY)
        if start is not None and start > last:
            return [], last
        years = [
            year
            for year in self._archives.years()
            if (start is None or year >= start.year) and year <= last.year
        ]
        return years, last

    def _archived_ids(self) -> set[str]:
        if self._summary().boundary is None:
            return set()
        return {
            key for year in self._archives.years() for key in self._archives.tables(year)[ENTRIES]
        }

    def _archived_days(self, year: int) -> _Converted[DayRecord]:
        if year not in self._cold_days:
            self._cold_days[year] = _Converted(
                _ArchiveTable(self._archives, year, DAYS),
                "day",
                day_from_doc,
                _by_day,
                self._corrupt_archive(year),
                _day_key_of,
                day_key,
            )
        return self._cold_days[year]

    def _archived_entries(self, year: int) -> _Converted[SymptomEntry]:
        if year not in self._cold_entries:
            self._cold_entries[year] = _Converted(
                _ArchiveTable(self._archives, year, ENTRIES),
                "entry",
                entry_from_doc,
                _entry_order,
                self._corrupt_archive(year),
                _entry_key_of,
            )
        return self._cold_entries[year]

    def _corrupt_archive(self, year: int) -> Callable[[str], CorruptDatabase]:
        path = archive_path(self._locations, year)
        return lambda reason: CorruptDatabase(path, reason, None, None)


_DAY = timedelta(days=1)


def _by_day(record: DayRecord) -> date:
    return record.day


def _day_key_of(record: DayRecord) -> str:
    return day_key(record.day)


def _entry_key_of(entry: SymptomEntry) -> str:
    return entry.id


def _entry_order(entry: SymptomEntry) -> tuple[date, datetime, str]:
    return (entry.day, entry.logged_at, entry.id)


def _earliest(*days: date | None) -> date | None:
    return min((day for day in days if day is not None), default=None)


@dataclass
class MergeCounts:
    """What a merge added: days changed, holds, hand marks, entries, responses, "about you"
    answers added or replaced, and pauses."""

    days: int = 0
    holds: int = 0
    marks: int = 0
    entries: int = 0
    responses: int = 0
    profile: int = 0
    pauses: int = 0

    @property
    def total(self) -> int:
        """Records added (days are containers and not counted)."""
        return self.holds + self.marks + self.entries + self.responses + self.profile + self.pauses


def _later(incoming: ProfileItem, stored: ProfileItem | None) -> bool:
    # On the same day the stored answer stands: it may be the user's own, given after the export.
    return stored is None or incoming.day > stored.day


def _by_start(pause: Pause) -> date:
    return pause.start


def _question_order(item: ProfileItem) -> int:
    return list(ProfileKey).index(item.key)


def _hold_identity(hold: Hold) -> tuple[str, str | None, int, datetime]:
    return (hold.exercise_id, hold.side, hold.rep, hold.started_at)


def _frozen(record: DayRecord, planned: Sequence[str]) -> tuple[str, ...]:
    return record.planned if record.planned is not None else tuple(planned)
