"""Gathering the clinician report's figures: what the person logged over a few weeks, and what
the referral rules noticed, in the prompt's own words. Data in, data out, no I/O."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from psoas_tui.core.config import Config
from psoas_tui.core.model import ReferralResponse, SymptomEntry
from psoas_tui.core.referral import ActiveRule, active_rules
from psoas_tui.core.report.model import (
    ClinicianReport,
    ExerciseDone,
    PromptSeen,
    ReportDay,
    SignLogged,
)
from psoas_tui.core.report.words import schedule_words
from psoas_tui.core.routine import Routine
from psoas_tui.core.signs import PLACES, SIGNS
from psoas_tui.core.streaks import DaysBetween, DayStatus, DaySummary, StreakBook
from psoas_tui.core.symptoms import daily_highest

#: Weeks a report covers unless asked for another span, and the most it may cover.
REPORT_WEEKS = 4
MAX_WEEKS = 52


def report_file_name(today: date, markdown: bool = False) -> str:
    """``clinician-report-2026-11-21.html`` (or ``.md``): one a day, the latest kept."""
    return f"clinician-report-{today.isoformat()}.{'md' if markdown else 'html'}"


def build_report(
    days: DaysBetween,
    first_day: date | None,
    entries: Iterable[SymptomEntry],
    responses: Iterable[ReferralResponse],
    routine: Routine,
    config: Config,
    today: date,
    made_at: datetime,
    weeks: int,
) -> ClinicianReport:
    """The report over the last ``weeks`` weeks up to ``today``, from everything recorded.

    ``days`` reads the day records between two days (``Repository.days`` fits) and ``first_day``
    is the first day with one (``None``: there is none); ``entries`` and ``responses`` are every
    symptom entry and referral answer. The period reaches further back when a rule active today
    began earlier, so the whole episode is shown. Day statuses are ``core.streaks``'s; the
    referral prompts are found by asking ``core.referral`` about each day of the period, with the
    entries and answers dated up to it.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, not {weeks}")
    entries = sorted(entries, key=lambda entry: (entry.day, entry.logged_at))
    responses = sorted(responses, key=lambda answer: answer.day)
    rules = active_rules(entries, today, responses, days=days)
    start = today - timedelta(days=7 * weeks - 1)
    earliest = min([start, *(rule.first_day for rule in rules)])
    # Every record from the first one on: the streaks start a day's status on the first day
    # anything was recorded, which may be long before the period.
    records = () if first_day is None else days(first_day, today)
    summaries = {
        summary.day: summary
        for summary in StreakBook(routine).summaries(records, entries, today)
        if summary.day >= earliest
    }
    period = [earliest + timedelta(days=offset) for offset in range((today - earliest).days + 1)]
    by_day: dict[date, list[SymptomEntry]] = {}
    for entry in entries:
        if earliest <= entry.day <= today:
            by_day.setdefault(entry.day, []).append(entry)
    highest = daily_highest(entries)
    report_days = tuple(
        _report_day(day, summaries.get(day), by_day.get(day, []), highest.get(day))
        for day in period
    )
    signs = tuple(
        SignLogged(entry.day, sign)
        for day in period
        for entry in by_day.get(day, [])
        for sign in SIGNS
        if sign.key in entry.signs
    )
    return ClinicianReport(
        start=earliest,
        end=today,
        weeks=weeks,
        extended=earliest < start,
        made_at=made_at,
        day_starts_at=config.day_starts_at,
        exercises=_exercises(routine, [summaries[day] for day in period if day in summaries]),
        days=report_days,
        signs=signs,
        prompts=_prompts(entries, responses, period),
        noticed=tuple(_noticed(rule) for rule in rules),
    )


def _noticed(rule: ActiveRule) -> str:
    text = " ".join(rule.reasons)
    if rule.acknowledged:
        text += " The person has answered that they arranged to see someone about it."
    return text


def _report_day(
    day: date, summary: DaySummary | None, entries: list[SymptomEntry], pain: int | None
) -> ReportDay:
    minutes = [entry.stiffness_minutes for entry in entries if entry.stiffness_minutes is not None]
    where = {place for entry in entries for place in entry.where}
    signs = {sign for entry in entries for sign in entry.signs}
    stiffnesses = [entry.stiffness for entry in entries if entry.stiffness is not None]
    return ReportDay(
        day=day,
        status=None if summary is None else summary.status,
        entries=len(entries),
        pain=pain,
        stiffness=max(stiffnesses, default=None),
        minutes=max(minutes, default=None),
        where=tuple(place for place in PLACES if place in where),
        signs=tuple(sign.key for sign in SIGNS if sign.key in signs),
        notes=tuple(entry.note for entry in entries if entry.note.strip()),
    )


def _exercises(routine: Routine, summaries: Sequence[DaySummary]) -> tuple[ExerciseDone, ...]:
    # As for the streak: a day rested for symptoms is never held against the person, today
    # counts once its routine is done, and a day before the routine was tracked never counts.
    left_out = (DayStatus.PENDING, DayStatus.SYMPTOM_REST, DayStatus.NOT_TRACKED)
    counted = [summary for summary in summaries if summary.status not in left_out]
    scheduled: dict[str, int] = {}
    done: dict[str, int] = {}
    for summary in counted:
        for exercise_id in summary.planned:
            scheduled[exercise_id] = scheduled.get(exercise_id, 0) + 1
        for exercise_id in summary.complete:
            done[exercise_id] = done.get(exercise_id, 0) + 1
    rows = [
        ExerciseDone(
            id=exercise.id,
            name=exercise.name,
            dose=exercise.dose.describe(),
            schedule=schedule_words(exercise.schedule),
            scheduled=scheduled.get(exercise.id, 0),
            done=done.get(exercise.id, 0),
        )
        for exercise in routine.exercises
    ]
    rows += [
        ExerciseDone(
            id=exercise_id,
            name=exercise_id,
            dose="",
            schedule="no longer in the routine",
            scheduled=scheduled[exercise_id],
            done=done.get(exercise_id, 0),
        )
        for exercise_id in sorted(set(scheduled) - set(routine.ids))
    ]
    return tuple(rows)


def _prompts(
    entries: Sequence[SymptomEntry], responses: Sequence[ReferralResponse], period: Sequence[date]
) -> tuple[PromptSeen, ...]:
    entry_days = [entry.day for entry in entries]
    answer_days = [answer.day for answer in responses]
    seen: dict[tuple[str, str], tuple[ActiveRule, date, date]] = {}
    for day in period:
        known = entries[: bisect_right(entry_days, day)]
        answered = responses[: bisect_right(answer_days, day)]
        for rule in active_rules(known, day, answered):
            pair = (rule.rule, rule.key)
            first = seen[pair][1] if pair in seen else day
            seen[pair] = (rule, first, day)
    found = [
        PromptSeen(
            rule=rule.rule,
            level=rule.level,
            key=rule.key,
            about=rule.summary,
            first=first,
            last=last,
            answers=tuple(answer for answer in responses if (answer.rule, answer.key) == pair),
        )
        for pair, (rule, first, last) in seen.items()
    ]
    return tuple(sorted(found, key=lambda prompt: (prompt.first, prompt.rule, prompt.key)))
