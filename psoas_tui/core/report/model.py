"""What the clinician report shows, as plain data: ``build_report`` fills it, the renderers lay
it out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from psoas_tui.core.model import ReferralResponse
from psoas_tui.core.signs import Sign
from psoas_tui.core.streaks import DayStatus


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
    stiffness logged; ``where`` and ``signs`` gather every entry of the day.
    """

    day: date
    status: DayStatus | None
    entries: int
    pain: int | None
    stiffness: int | None
    minutes: int | None
    where: tuple[str, ...]
    signs: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class SignLogged:
    """A warning or urgent sign answered yes on a day."""

    day: date
    sign: Sign


@dataclass(frozen=True)
class PromptSeen:
    """A referral rule that was active on some days of the period, and what was answered.

    ``about`` is the rule's summary on the last day of the period it was active.
    """

    rule: str
    level: str
    key: str
    about: str
    first: date
    last: date
    answers: tuple[ReferralResponse, ...]


@dataclass(frozen=True)
class ClinicianReport:
    """Everything the report shows. ``extended`` is set when the period reaches back further than
    the weeks asked for, to show the whole of a rule active today."""

    start: date
    end: date
    weeks: int
    extended: bool
    made_at: datetime
    day_starts_at: time
    exercises: tuple[ExerciseDone, ...]
    days: tuple[ReportDay, ...]
    signs: tuple[SignLogged, ...]
    prompts: tuple[PromptSeen, ...]
    noticed: tuple[str, ...]

    def count(self, status: DayStatus) -> int:
        """Days of the period with ``status``."""
        return sum(1 for day in self.days if day.status is status)

    @property
    def logged_days(self) -> int:
        """Days of the period with at least one symptom entry."""
        return sum(1 for day in self.days if day.entries)
