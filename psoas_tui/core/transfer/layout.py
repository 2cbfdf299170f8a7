"""The export's layout, shared by the writers and the reader: its fields and its record order.

The export is a format of its own, not a copy of the database: a hold is an object here and a
row there. It has its own version, so a change to the store's schema never changes what an
export looks like, and a change to the export's layout is a new ``FORMAT_VERSION``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from psoas_tui.core.model import DayRecord, Pause, ReferralResponse, SymptomEntry
from psoas_tui.core.profile import Profile, ProfileItem, ProfileKey

#: The version of the export's layout this psoas writes, and the newest it reads. The file
#: names it ``schema_version``, as it always has. Version 2 added the "about you" answers
#: (``profile``) and each entry's ``asked``, and holds the referral rules' second version: its
#: sign keys, rules, answer kinds and answer keys. Version 3 added the pauses (``pauses``).
#: Version 1 and 2 files are still read.
FORMAT_VERSION = 3
#: The ``format`` field that tells a psoas export from any other JSON file.
FORMAT = "psoas-tui export"

TOP_FIELDS = (
    "format",
    "schema_version",
    "exported_at",
    "from",
    "to",
    "routine",
    "profile",
    "pauses",
    "days",
    "entries",
    "responses",
)
#: The top level of a version-2 export: no ``pauses``.
V2_TOP_FIELDS = tuple(name for name in TOP_FIELDS if name != "pauses")
#: The top level of a version-1 export: no ``profile`` either.
V1_TOP_FIELDS = tuple(name for name in V2_TOP_FIELDS if name != "profile")
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
    "asked",
)
#: A version-1 entry: no ``asked``.
V1_ENTRY_FIELDS = tuple(name for name in ENTRY_FIELDS if name != "asked")
PROFILE_FIELDS = ("key", "answer", "day")
PAUSE_FIELDS = ("start", "end", "reason")
RESPONSE_FIELDS = ("rule", "key", "kind", "day", "at")
ROUTINE_FIELDS = ("exercises",)
EXERCISE_FIELDS = ("id", "name", "summary", "dose", "schedule", "source")
DOSE_FIELDS = ("sides", "reps", "hold_seconds", "rest_seconds", "hold_range", "breaths")


def instant_text(instant: datetime) -> str:
    """An instant as the export writes it: ISO, with the UTC offset it was recorded with."""
    if instant.utcoffset() is None:
        raise ValueError(f"an instant must carry its UTC offset, not {instant!r}")
    return instant.isoformat()


def sorted_days(days: Iterable[DayRecord]) -> list[DayRecord]:
    """Days in the order an export writes them: by date."""
    return sorted(days, key=lambda record: record.day)


def sorted_entries(entries: Iterable[SymptomEntry]) -> list[SymptomEntry]:
    """Symptom entries in export order: by day, then by when they were logged, then by id."""
    return sorted(entries, key=lambda entry: (entry.day, entry.logged_at, entry.id))


def sorted_responses(responses: Iterable[ReferralResponse]) -> list[ReferralResponse]:
    """Referral answers in export order: by instant (and its written form), then rule, key, kind."""
    return sorted(
        responses,
        key=lambda answer: (
            answer.at,
            instant_text(answer.at),
            answer.rule,
            answer.key,
            answer.kind,
        ),
    )


def sorted_pauses(pauses: Iterable[Pause]) -> list[Pause]:
    """Pauses in export order: by first day."""
    return sorted(pauses, key=lambda pause: pause.start)


def sorted_profile(profile: Profile) -> list[ProfileItem]:
    """The "about you" answers in export order: the order the questions are asked."""
    order = list(ProfileKey)
    return sorted(profile.items, key=lambda item: order.index(item.key))
