"""The report's wording, shared by the HTML and the Markdown: section texts, the words for each
status and answer, and how a day, a score, a schedule or a period is said.

Every referral word (the rules, their levels, "not asked" apart from "no") is ``core.prompt``'s;
this module only frames it. The report speaks of the person in the third person.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from psoas_tui.core.dates import WEEKDAYS, format_day, weekday_short
from psoas_tui.core.model import Answer
from psoas_tui.core.pauses import reason_words
from psoas_tui.core.profile import ProfileKey
from psoas_tui.core.prompt import LEVEL_WORDS, SIGN_ANSWER_WORDS
from psoas_tui.core.report.model import (
    ClinicianReport,
    ExerciseDone,
    PromptSeen,
    ReportDay,
    SignAsked,
)
from psoas_tui.core.signs import PLACES, Level, SignAnswer, statement, statements
from psoas_tui.core.streaks import DayStatus

TITLE = "Psoas routine and symptom log"
OWN_LOG = (
    "This is the person's own log, kept with psoas-tui, a self-care app for a daily psoas "
    "release routine. It is not a clinical record: the app makes no diagnosis and only reports "
    "what was logged."
)
SCALE = "Pain and stiffness are the person's own scores from 0 (none) to 10 (worst imaginable)."
NOTHING_NOTICED = "No referral rule of the app was met when this report was written."
NOTICED_INTRO = (
    "The app's referral rules met when this report was written, each stated as the app applies "
    "it, with its level and what the person had answered."
)
NO_SIGNS = "No sign question was answered yes in this period."
ASKED_INTRO = (
    "How the person's entries in this period answered each sign question. “Not asked” means "
    "the question was not shown with the entry (for example an entry made from the command "
    "line); “not recorded” means the entry was saved before the app recorded which questions "
    "it showed. Neither is the same as “no”."
)
NO_ENTRIES = "No symptom entry was made in this period."
NO_PROMPTS = "No referral rule was met in this period."
PROMPTS_INTRO = (
    "The app asks the person to get checked when what they logged meets one of its referral "
    "rules. Each rule met during the period is stated as the app applies it, with its level in "
    "the app, the days it was met, and what the person answered."
)
DAILY_INTRO = (
    "The highest pain and stiffness logged each day, and the longest morning stiffness. "
    "A routine marked rested (symptoms) was not done on a day with severe pain or a sign logged."
)
ABOUT_YOU_INTRO = (
    "The person chose to include their answers to the app's “about you” questions. They are "
    "the person's own answers, not checked by anyone; the app uses them to decide how soon some "
    "signs should be checked."
)
ABOUT_YOU_NONE = "They answered none of these questions yes."
#: The "about you" questions answered yes, in the third person.
PROFILE_WORDS: dict[ProfileKey, str] = {
    ProfileKey.cancer: "has had cancer",
    ProfileKey.steroids: "has taken steroid tablets for 3 months or more",
    ProfileKey.osteoporosis: "has been told they have thin bones (osteoporosis)",
    ProfileKey.immunosuppressed: "has a weakened immune system",
    ProfileKey.injected_drugs: "has injected drugs",
    ProfileKey.age_50_plus: "is 50 or older",
}

STATUS_WORDS = {
    DayStatus.DONE: "done",
    DayStatus.PARTIAL: "partly done",
    DayStatus.MISSED: "not done",
    DayStatus.REST: "rest day",
    DayStatus.SYMPTOM_REST: "rested (symptoms)",
    DayStatus.PENDING: "today, not finished",
    DayStatus.NOT_TRACKED: "before the routine was tracked",
    DayStatus.PAUSED: "paused",
}
#: What each stored answer says the person did; ``shown`` records only that a prompt showed it.
ANSWER_WORDS: dict[Answer, str] = {
    Answer.acknowledged: "said they had arranged to see someone",
    Answer.snoozed: "asked to be reminded the next day",
    Answer.getting_help: "said they were getting help now",
    Answer.checked: "said they had been checked or advised",
    Answer.mistake: "said they had answered yes by mistake and opened the entry",
    Answer.reminded: "was asked later whether they had it checked",
    Answer.not_yet: "said they had not been checked yet",
    Answer.start_anyway: "started the exercises anyway",
    Answer.shown: "was shown the prompt",
}
#: The columns of the sign-questions table, in order.
ASKED_COLUMNS: tuple[str, ...] = tuple(SIGN_ANSWER_WORDS[answer] for answer in SignAnswer)
_RRULE_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def schedule_words(schedule: str) -> str:
    """A plain daily or weekly schedule in words (``every day``, ``Mon, Wed, Fri``); any other
    rule as it is written."""
    text = schedule.strip().upper().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for part in text.split(";"):
        name, _, value = part.partition("=")
        parts[name] = value
    if parts == {"FREQ": "DAILY"}:
        return "every day"
    if parts.keys() == {"FREQ", "INTERVAL"} and parts["FREQ"] == "DAILY":
        return f"every {parts['INTERVAL']} days"
    if parts.keys() == {"FREQ", "BYDAY"} and parts["FREQ"] == "WEEKLY":
        days = parts["BYDAY"].split(",")
        if all(day in _RRULE_DAYS for day in days):
            ordered = sorted(days, key=lambda day: _RRULE_DAYS[day])
            return ", ".join(WEEKDAYS[_RRULE_DAYS[day]][:3] for day in ordered)
    return schedule.strip()


def day_cell(day: date) -> str:
    """``2026-11-21 Sat``: a date in a table."""
    return f"{day.isoformat()} {weekday_short(day)}"


def score_text(score: int | None) -> str:
    """A score in a table, ``–`` when none was logged."""
    return "–" if score is None else str(score)


def status_words(day: ReportDay) -> str:
    """The routine's status on ``day`` in words."""
    return "no records yet" if day.status is None else STATUS_WORDS[day.status]


def period_words(report: ClinicianReport) -> str:
    """The dates the report covers, why it starts earlier if it does, and when a day starts."""
    days = (report.end - report.start).days + 1
    text = (
        f"From {format_day(report.start)} {report.start.year} to {format_day(report.end)} "
        f"{report.end.year} ({days} days)."
    )
    if report.extended:
        text += (
            f" The last {report.weeks} weeks were asked for; the period starts earlier so that "
            "the whole of what the app noticed is shown."
        )
    if report.day_starts_at != time(0, 0):
        text += (
            f" A day runs from {report.day_starts_at:%H:%M} to {report.day_starts_at:%H:%M} "
            "the next morning (the person's setting)."
        )
    return text


def done_words(report: ClinicianReport) -> str:
    """How often the whole routine was done, in a sentence or a few."""
    scheduled = sum(
        report.count(status) for status in (DayStatus.DONE, DayStatus.PARTIAL, DayStatus.MISSED)
    )
    rested = report.count(DayStatus.SYMPTOM_REST)
    if not scheduled:
        words = "The routine was not due on any counted day of this period."
    else:
        words = (
            f"The whole routine was done on {report.count(DayStatus.DONE)} of the {scheduled} "
            f"days it was due, part of it on {report.count(DayStatus.PARTIAL)}, none of it on "
            f"{report.count(DayStatus.MISSED)}."
        )
    if rested:
        words += (
            f" On {_plural(rested, 'other day')} it was not done while the person logged severe "
            "pain or answered yes to a sign question (a rest for symptoms, left out of the "
            "counts above)."
        )
    rest = report.count(DayStatus.REST)
    if rest:
        words += f" {_plural(rest, 'day')} had nothing scheduled."
    untracked = report.count(DayStatus.NOT_TRACKED)
    if untracked:
        words += (
            f" {_plural(untracked, 'day')} came before the routine was tracked in the app "
            "(only symptoms were logged) and are not counted."
        )
    paused = report.count(DayStatus.PAUSED)
    if paused:
        words += (
            f" {_plural(paused, 'day')} fell in a pause the person declared and "
            f"{'is' if paused == 1 else 'are'} not counted."
        )
    if report.days[-1].status is DayStatus.PENDING:
        words += " Today is not counted until its routine is done."
    return words


def pause_lines(report: ClinicianReport) -> list[str]:
    """A line per pause with a day in the period: ``Paused 4 days for a flare: Mon 3 December
    to Thu 6 December 2026.``"""
    return [
        f"Paused {_plural(pause.days, 'day')} {reason_words(pause.reason)}: "
        f"{format_day(pause.start)} {pause.start.year} to {format_day(pause.end)} "
        f"{pause.end.year}."
        for pause in report.pauses
    ]


def consistency_words(report: ClinicianReport) -> str:
    """The consistency the app shows beside the streak, in a sentence or two ("" while there is
    none: fewer than two scheduled days)."""
    found = report.consistency
    if found is None:
        return ""
    done = (
        "the routine was done in whole or in part (the person counts a day done in part)"
        if report.count_partial
        else "the whole routine was done"
    )
    words = (
        f"Consistency, as the app shows it beside the streak: {done} on {found.describe()} "
        "up to today; days with nothing scheduled and rests for symptoms are left out."
    )
    if found.never_twice:
        words += " In the last 30 days it was never left undone two scheduled days in a row."
    return words


def exercise_share(exercise: ExerciseDone) -> str:
    """``12 of 14 days (86%)`` (``1 of 1 day``): the days ``exercise`` was complete of those it
    was due."""
    if not exercise.scheduled:
        return "not scheduled in this period"
    percent = round(100 * exercise.done / exercise.scheduled)
    days = "day" if exercise.scheduled == 1 else "days"
    return f"{exercise.done} of {exercise.scheduled} {days} ({percent}%)"


def active_words(prompt: PromptSeen) -> str:
    """The days a prompt's rule was met: ``on 2026-11-18`` or ``2026-11-10 to 2026-11-18``."""
    if prompt.first == prompt.last:
        return f"on {prompt.first.isoformat()}"
    return f"{prompt.first.isoformat()} to {prompt.last.isoformat()}"


def answer_words(prompt: PromptSeen) -> str:
    """What the person answered to a prompt, with the dates."""
    if not prompt.answers:
        return "no answer"
    return "; ".join(
        f"{ANSWER_WORDS[Answer(answer.kind)]} ({answer.day.isoformat()})"
        for answer in prompt.answers
    )


def level_words(level: Level) -> str:
    """``emergency level in the app``: a level as the report names it."""
    return LEVEL_WORDS[level]


def asked_counts(asked: SignAsked) -> tuple[int, ...]:
    """How many entries gave each answer of ``ASKED_COLUMNS`` to one sign question."""
    return tuple(asked.answers.get(words, 0) for words in ASKED_COLUMNS)


def sign_words(asked: SignAsked) -> str:
    """The sign question a row is about, by its statement."""
    return statement(asked.sign)


def about_you_words(report: ClinicianReport) -> tuple[str, ...]:
    """The "about you" answers included, as sentences: the yes answers, or that there were none."""
    if not report.about_you:
        return (ABOUT_YOU_NONE,)
    return tuple(f"The person {PROFILE_WORDS[key]}." for key in report.about_you)


def _plural(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def places_words(keys: Iterable[str]) -> str:
    """The places that hurt, by name."""
    return ", ".join(PLACES[key] for key in keys)


def made_words(report: ClinicianReport) -> str:
    """When the report was made, and by what."""
    return f"Made on {report.made_at:%Y-%m-%d %H:%M} with psoas-tui."


def signs_words(day: ReportDay) -> str:
    """The signs answered yes to on ``day``, in one sentence."""
    return "Yes to: " + "; ".join(statements(day.signs)) + "."


def minutes_text(day: ReportDay) -> str:
    """The longest morning stiffness of ``day`` (``20 min``), empty when none was logged."""
    return "" if day.minutes is None else f"{day.minutes} min"
