"""The domain's plain data types, shared by every part of the app.

Everything here is immutable. A ``day`` is always the user's calendar date as decided when the
record was made (after ``day_starts_at``) and is stored as such, never re-derived from a timestamp.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from psoas_tui.core.profile import Profile

SIDES = ("left", "right")

#: Share of a hold's planned seconds that counts the hold as complete.
COMPLETE_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class Dose:
    """How much of an exercise: sides x reps holds of ``hold_seconds``, ``rest_seconds`` apart.

    ``sides`` is ``("left", "right")`` for an exercise done on each side and ``()`` for one done
    once (constructive rest). ``hold_range`` is the range the source article gives, when it gives
    one; ``hold_seconds`` is the planned hold inside it. ``breaths`` marks a hold paced by breaths
    (the bridge: "hold for a few breaths").
    """

    sides: tuple[str, ...]
    reps: int
    hold_seconds: int
    rest_seconds: int
    hold_range: tuple[int, int] | None = None
    breaths: int | None = None

    @property
    def holds(self) -> int:
        """Number of holds planned: one per rep per side."""
        return max(1, len(self.sides)) * self.reps

    @property
    def planned_seconds(self) -> int:
        """Seconds of holding planned, rests excluded."""
        return self.holds * self.hold_seconds

    @property
    def total_seconds(self) -> int:
        """Seconds the whole exercise takes, rests between holds included."""
        return self.planned_seconds + (self.holds - 1) * self.rest_seconds

    def describe(self) -> str:
        """The dose in a few words, for example ``3 x 30 s each side``."""
        if self.breaths is not None:
            hold = f"{self.breaths} breaths"
        else:
            hold = format_seconds(self.hold_seconds)
        text = f"{self.reps} x {hold}"
        if self.sides:
            text += " each side"
        return text


def format_seconds(seconds: int) -> str:
    """``30 s``, ``90 s``, ``5 min``, ``5 min 30 s``: a duration as a person says it."""
    if seconds < 120:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of the routine, as the seed articles describe it.

    ``cautions`` are every caution's plain text, in order. ``own_cautions`` are those among them
    that do not come from the articles (``seed = "own"`` in routine.toml): screens show them
    marked, through ``shown_cautions``.
    """

    id: str
    name: str
    summary: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    dose: Dose
    schedule: str
    source: str
    own_cautions: tuple[str, ...] = ()

    @property
    def shown_cautions(self) -> tuple[str, ...]:
        """Every caution as a screen shows it, the ones not from the articles marked so."""
        return tuple(
            f"{caution}{OWN_CAUTION_MARK}" if caution in self.own_cautions else caution
            for caution in self.cautions
        )


#: Added to a caution that does not come from the seed articles, wherever it is shown.
OWN_CAUTION_MARK = " (not from the articles)"


@dataclass(frozen=True, slots=True)
class Hold:
    """One hold as it happened. A stopped or partial hold is recorded as what it was."""

    exercise_id: str
    side: str | None
    rep: int
    planned_seconds: float
    held_seconds: float
    started_at: datetime
    day: date

    @property
    def complete(self) -> bool:
        """Held for at least 90% of the planned seconds."""
        return self.held_seconds >= COMPLETE_SHARE * self.planned_seconds


@dataclass(frozen=True, slots=True)
class DoneMark:
    """An exercise marked done by hand for a day."""

    exercise_id: str
    day: date
    marked_at: datetime


@dataclass(frozen=True, slots=True)
class DayRecord:
    """Everything recorded about the routine on one day.

    ``planned`` is the ids of the exercises the routine scheduled that day, frozen when the day was
    first touched, so that a later change to the routine never rewrites a past day. ``None`` means
    the day was never touched.
    """

    day: date
    planned: tuple[str, ...] | None = None
    holds: tuple[Hold, ...] = ()
    marks: tuple[DoneMark, ...] = ()


@dataclass(frozen=True, slots=True)
class SymptomEntry:
    """One symptom check-in.

    ``pain`` and ``stiffness`` are 0-10. They are ``None`` only on an entry the hold timer makes
    when the user presses "this hurts", which records a warning sign before any score is known.
    ``signs`` holds the keys of the sign questions answered yes (see ``core.signs``). ``asked``
    holds the keys of the sign questions shown with the entry, so that "no" can be told from "not
    asked"; a question shown and left unanswered counts as no. ``None`` means not known: entries
    saved before the form recorded what it asked.
    """

    id: str
    day: date
    logged_at: datetime
    pain: int | None
    stiffness: int | None
    stiffness_minutes: int | None = None
    where: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    note: str = ""
    asked: tuple[str, ...] | None = None


class Answer(StrEnum):
    """What a referral record says happened; the value is what is stored.

    Only ``acknowledged`` (soon rules), ``checked`` (any rule) and, until the next day starts,
    ``snoozed`` (soon rules) answer a rule. The others record what was shown or chosen so that
    the app can keep its promises: ``getting_help`` hides the modal until the next day starts,
    ``mistake`` notes that the entry was opened to be corrected, ``shown`` that a prompt showed the
    rule, ``reminded`` and ``not_yet`` that "Earlier you logged" mentioned it (and the reply), and
    ``start_anyway`` that the hold timer was started while the rule was in force.
    """

    acknowledged = "acknowledged"
    snoozed = "snoozed"
    getting_help = "getting_help"
    checked = "checked"
    mistake = "mistake"
    shown = "shown"
    reminded = "reminded"
    not_yet = "not_yet"
    start_anyway = "start_anyway"


@dataclass(frozen=True, slots=True)
class ReferralResponse:
    """What the user answered to a referral prompt, or what the app showed them.

    ``rule`` names the rule and ``key`` the thing it was about (see ``core.referral``: an episode
    or run of days, or a sign's run of yes answers). ``kind`` is an ``Answer``, stored as its
    string value; ``day`` is the day it was given on.
    """

    rule: str
    key: str
    kind: Answer
    day: date
    at: datetime


class PauseReason(StrEnum):
    """Why the person paused the routine."""

    travel = "travel"
    illness = "illness"
    flare = "flare"
    clinician = "clinician"


@dataclass(frozen=True, slots=True)
class Pause:
    """Days the person declared off the routine, ``start`` to ``end`` (both included).

    Pauses never overlap, so a pause is known by its first day. ``core.pauses`` has the rules.
    """

    start: date
    end: date
    reason: PauseReason

    @property
    def days(self) -> int:
        """How many days the pause lasts."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """Whether ``day`` is one of the pause's days."""
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class History:
    """Everything the user ever recorded, in plain data, oldest first.

    ``profile`` is the "about you" answers: the store, an export and an import carry them with
    the records, so that moving a history to another computer moves them too. ``pauses`` are the
    pauses declared, by first day.
    """

    days: tuple[DayRecord, ...] = ()
    entries: tuple[SymptomEntry, ...] = ()
    responses: tuple[ReferralResponse, ...] = field(default=())
    profile: Profile = field(default=Profile())
    pauses: tuple[Pause, ...] = field(default=())
