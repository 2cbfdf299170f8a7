"""The routine's versions: every routine the app has seen, each with the first day it was in force.

Changing the routine never rewrites a day that has passed: every day is judged by the version in
force on it (``RoutineVersions.in_force``), its schedule for a day never touched and its doses for
whether each exercise was complete. The store keeps each version as its TOML text
(``StoredVersion``); a version is read again only when one of its days is judged, and then once
per process.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from psoas_tui.core.errors import FileRefused
from psoas_tui.core.routine import Routine
from psoas_tui.core.routine_toml import parse_routine


@dataclass(frozen=True)
class StoredVersion:
    """A version as the store keeps it: its first day in force, its TOML text and fingerprint
    (``Routine.fingerprint``)."""

    day: date
    toml: str
    fingerprint: str

    @classmethod
    def of(cls, routine: Routine, day: date) -> StoredVersion:
        """``routine`` as the version in force from ``day``."""
        return cls(day, routine.source, routine.fingerprint)


class RoutineVersions:
    """The versions of the routine, oldest first, each in force from its first day until the next
    one's. The first version also covers the days before it: nothing older is known.

    ``routines`` holds each version's ``Routine`` where it is at hand (the routine read at start),
    ``None`` where it is read from its TOML text when first asked for.
    """

    def __init__(
        self, stored: Sequence[StoredVersion], routines: Sequence[Routine | None] | None = None
    ) -> None:
        order = sorted(range(len(stored)), key=lambda index: stored[index].day)
        self._stored = tuple(stored[index] for index in order)
        given = [None] * len(stored) if routines is None else list(routines)
        self._routines = [given[index] for index in order]
        self._days = [version.day for version in self._stored]

    @property
    def stored(self) -> tuple[StoredVersion, ...]:
        """The versions as the store keeps them, oldest first."""
        return self._stored

    def in_force(self, day: date) -> Routine:
        """The version in force on ``day`` (the first version for a day before every version).

        ``LookupError`` when there is no version at all.
        """
        if not self._stored:
            raise LookupError("the routine has no version yet")
        return self._routine_at(max(0, bisect_right(self._days, day) - 1))

    def _routine_at(self, index: int) -> Routine:
        routine = self._routines[index]
        if routine is None:
            version = self._stored[index]
            try:
                routine = _read(version.toml, f"the routine in force from {version.day}")
            except FileRefused:
                # A version this psoas no longer reads (its rules for routine.toml grew stricter)
                # is judged by the next version that reads.
                if index + 1 == len(self._stored):
                    raise
                routine = self._routine_at(index + 1)
            self._routines[index] = routine
        return routine

    def with_current(
        self, routine: Routine, today: date, start: date | None = None
    ) -> RoutineVersions:
        """These versions with ``routine`` in force from ``today``.

        If the version in force today has ``routine``'s fingerprint, nothing is added (only its
        ``Routine`` is taken from ``routine``, so it is not read again); otherwise ``routine`` is
        a new version starting today, replacing a version that also started today. With no
        version yet, the first starts on ``start`` (default ``today``).
        """
        stored = list(self._stored)
        routines = list(self._routines)
        if not stored:
            return RoutineVersions([StoredVersion.of(routine, start or today)], [routine])
        index = max(0, bisect_right(self._days, today) - 1)
        if stored[index].fingerprint == routine.fingerprint:
            routines[index] = routine
            return RoutineVersions(stored, routines)
        if stored[index].day == today:
            del stored[index], routines[index]
        return RoutineVersions([*stored, StoredVersion.of(routine, today)], [*routines, routine])


@lru_cache(maxsize=32)
def _read(toml: str, file: str) -> Routine:
    # Reading TOML and compiling its schedules takes milliseconds: each version is read once.
    return parse_routine(toml, file)
