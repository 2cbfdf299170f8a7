"""What the clinician report shows, as plain data: ``build_report`` fills it, the renderers lay
it out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from psoas_tui.core.model import Pause, ReferralResponse
from psoas_tui.core.profile import ProfileKey
from psoas_tui.core.signs import Level, SignKey
from psoas_tui.core.streaks import Consistency, DayStatus


@dataclass(frozen=True)
class ExerciseDone:
    """How often one exercise was done: days it was scheduled in the period, and days complete."""

    id: str
    name: str
    dose: str
    schedule: str
    scheduled: int
    done: int


@dataclass(frozen=True)
class ReportDay:
    """One day of the period: the routine's status and the day's highest scores.

    ``status`` is ``None`` before anything at all was recorded. ``minutes`` is the longest morning
    stiffness logged; ``where`` and ``signs`` gather every entry of the day. ``level`` is the
    highest level the app gave a sign answered yes that day (``None``: no sign).
    """

    day: date
    status: DayStatus | None
    entries: int
    pain: int | None
    stiffness: int | None
    minutes: int | None
    where: tuple[str, ...]
    signs: tuple[SignKey, ...]
    notes: tuple[str, ...]
    level: Level | None = None


@dataclass(frozen=True)
class SignLogged:
    """A sign answered yes on a day, at the level the app gave it."""

    day: date
    sign: SignKey
    level: Level


@dataclass(frozen=True)
class SignAsked:
    """How the entries of the period answered one sign question.

    ``answers`` counts each answer by its report words (``yes``, ``no``, ``not asked``, ``not
    recorded``), so that "not asked" is never read as "no".
    """

    sign: SignKey
    answers: dict[str, int]


@dataclass(frozen=True)
class PromptSeen:
    """A referral rule that was active on some days of the period, and what was answered.

    ``sentence`` states the rule as the report does, from the last day of the period it was
    active; ``answers`` are the person's answers to it, oldest first.
    """

    rule: str
    level: Level
    key: str
    sentence: str
    first: date
    last: date
    answers: tuple[ReferralResponse, ...]


@dataclass(frozen=True)
class ClinicianReport:
    """Everything the report shows. ``extended`` is set when the period reaches back further than
    the weeks asked for, to show the whole of a rule active today.

    ``lead`` is the headline and advice of the highest level in force ("" when none is);
    ``noticed`` states each rule active today. ``about_you`` is ``None`` unless the person chose
    to include their "about you" answers; then it holds the questions they answered yes.
    ``consistency`` is the app's figure beside the streak up to the report's day (``None`` before
    two scheduled days), counted with the person's ``count_partial``.
    """

    start: date
    end: date
    weeks: int
    extended: bool
    made_at: datetime
    day_starts_at: time
    exercises: tuple[ExerciseDone, ...]
    days: tuple[ReportDay, ...]
    signs: tuple[SignLogged, ...]
    asked: tuple[SignAsked, ...]
    prompts: tuple[PromptSeen, ...]
    lead: str
    noticed: tuple[str, ...]
    about_you: tuple[ProfileKey, ...] | None = None
    #: The pauses the person declared with a day in the period, by first day.
    pauses: tuple[Pause, ...] = ()
    consistency: Consistency | None = None
    count_partial: bool = False

    def count(self, status: DayStatus) -> int:
        """Days of the period with ``status``."""
        return sum(1 for day in self.days if day.status is status)

    @property
    def logged_days(self) -> int:
        """Days of the period with at least one symptom entry."""
        return sum(1 for day in self.days if day.entries)
