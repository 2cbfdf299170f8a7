"""Gathering the clinician report's figures: what the person logged over a few weeks, and what
the referral rules noticed, in the prompt's own words. Data in, data out, no I/O."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from psoas_tui.core.config import Config
from psoas_tui.core.dates import EARLIEST_DAY
from psoas_tui.core.model import Answer, Pause, ReferralResponse, SymptomEntry
from psoas_tui.core.pauses import EasedRoutine, easings
from psoas_tui.core.profile import Profile, ProfileKey
from psoas_tui.core.prompt import report_lead, report_sentence, sign_answer_words
from psoas_tui.core.referral import ActiveRule, Rule, active_rules, keys_overlap, sign_level
from psoas_tui.core.report.model import (
    ClinicianReport,
    ExerciseDone,
    PromptSeen,
    ReportDay,
    SignAsked,
    SignLogged,
)
from psoas_tui.core.report.words import schedule_words
from psoas_tui.core.routine import Routine, RoutineInForce
from psoas_tui.core.signs import PLACES, SIGNS, highest, stored_sign
from psoas_tui.core.streaks import DaysBetween, DayStatus, DaySummary, StreakBook, consistency
from psoas_tui.core.symptoms import daily_highest

#: Weeks a report covers unless asked for another span, and the most it may cover.
REPORT_WEEKS = 4
MAX_WEEKS = 52


#: The rules whose sentence names the days from ``first_day`` on, so the period shows them all.
#: The others name one day in the last 14; a sign's run or the cancer-and-pain run of pain days
#: only keys the answers and may reach back for months.
_SPANS = frozenset(
    {Rule.persistent_pain, Rule.long_persistent_pain, Rule.cancer_long_pain, Rule.severe_pain}
)


def report_file_name(today: date, markdown: bool = False) -> str:
    """``clinician-report-2026-11-21.html`` (or ``.md``): one a day, the latest kept."""
    return f"clinician-report-{today.isoformat()}.{'md' if markdown else 'html'}"


def build_report(
    days: DaysBetween,
    first_day: date | None,
    entries: Iterable[SymptomEntry],
    responses: Iterable[ReferralResponse],
    routine: RoutineInForce,
    config: Config,
    today: date,
    made_at: datetime,
    weeks: int,
    *,
    profile: Profile,
    include_profile: bool = False,
    pauses: Sequence[Pause] = (),
) -> ClinicianReport:
    """The report over the last ``weeks`` weeks up to ``today``, from everything recorded.

    ``days`` reads the day records between two days (``Repository.days`` fits) and ``first_day``
    is the first day with one (``None``: there is none); ``entries`` and ``responses`` are every
    symptom entry and referral answer, ``routine`` the routine or its versions (each day is judged
    by the version in force on it; the exercises listed are today's), ``profile`` the "about you"
    answers as they are now (the rules use them whether or not they are shown).
    ``include_profile`` is the person's choice to show those answers; without it a rule that rests
    on one says so without naming it. The period reaches further back when an episode of pain or
    severe pain active today began earlier, so the whole of it is shown.
    ``pauses`` are every pause declared: their days are paused, the sessions after one are
    judged at the graded return's doses (``core.pauses``), and each one with a day in the
    period is listed. Day statuses are ``core.streaks``'s; the rules met are found by asking
    ``core.referral`` about each day of the period, with the entries and answers dated up to it,
    and every referral word is ``core.prompt``'s.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, not {weeks}")
    entries = sorted(entries, key=lambda entry: (entry.day, entry.logged_at))
    responses = sorted(responses, key=lambda answer: answer.day)
    rules = active_rules(entries, today, responses, profile, days=days)
    start = today - timedelta(days=7 * weeks - 1)
    earliest = min([start, *(rule.first_day for rule in rules if rule.rule in _SPANS)])
    # Every record from the first one on: the streaks start a day's status on the first day
    # anything was recorded, which may be long before the period. A day before EARLIEST_DAY is
    # a typo the streaks leave out.
    records = () if first_day is None else days(max(first_day, EARLIEST_DAY), today)
    judged = StreakBook(
        EasedRoutine(routine, easings(pauses, days, today), pauses), pauses
    ).summaries(records, entries, today)
    summaries = {summary.day: summary for summary in judged if summary.day >= earliest}
    period = [earliest + timedelta(days=offset) for offset in range((today - earliest).days + 1)]
    by_day: dict[date, list[SymptomEntry]] = {}
    for entry in entries:
        if earliest <= entry.day <= today:
            by_day.setdefault(entry.day, []).append(entry)
    pain_of = daily_highest(entries)
    report_days = tuple(
        _report_day(day, summaries.get(day), by_day.get(day, []), pain_of.get(day), profile)
        for day in period
    )
    signs = tuple(
        SignLogged(day.day, sign, sign_level(sign, profile))
        for day in report_days
        for sign in day.signs
    )
    in_period = [entry for day in period for entry in by_day.get(day, [])]
    return ClinicianReport(
        start=earliest,
        end=today,
        weeks=weeks,
        extended=earliest < start,
        made_at=made_at,
        day_starts_at=config.day_starts_at,
        exercises=_exercises(
            routine.in_force(today), [summaries[day] for day in period if day in summaries]
        ),
        days=report_days,
        signs=signs,
        asked=_asked(in_period),
        prompts=_prompts(entries, responses, period, profile, include_profile),
        lead=report_lead(rules),
        noticed=tuple(report_sentence(rule, include_profile=include_profile) for rule in rules),
        about_you=(
            tuple(key for key in ProfileKey if profile.yes(key)) if include_profile else None
        ),
        pauses=tuple(
            sorted(
                (pause for pause in pauses if pause.start <= today and pause.end >= earliest),
                key=lambda pause: pause.start,
            )
        ),
        consistency=consistency(judged, config.count_partial),
        count_partial=config.count_partial,
    )


def _report_day(
    day: date,
    summary: DaySummary | None,
    entries: list[SymptomEntry],
    pain: int | None,
    profile: Profile,
) -> ReportDay:
    minutes = [entry.stiffness_minutes for entry in entries if entry.stiffness_minutes is not None]
    where = {place for entry in entries for place in entry.where}
    signs = {stored_sign(sign) for entry in entries for sign in entry.signs}
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
        level=highest(sign_level(sign, profile) for sign in signs),
    )


def _asked(entries: Sequence[SymptomEntry]) -> tuple[SignAsked, ...]:
    # Every question the form asks, and the legacy one only where an entry said yes to it.
    found = []
    for sign in SIGNS:
        answers: dict[str, int] = {}
        for entry in entries:
            words = sign_answer_words(entry, sign.key)
            answers[words] = answers.get(words, 0) + 1
        if not sign.legacy or answers.get("yes"):
            found.append(SignAsked(sign.key, answers))
    return tuple(found)


def _exercises(routine: Routine, summaries: Sequence[DaySummary]) -> tuple[ExerciseDone, ...]:
    # As for the streak: a day rested for symptoms or paused is never held against the person,
    # today counts once its routine is done, and a day before the routine was tracked never
    # counts.
    left_out = (
        DayStatus.PENDING,
        DayStatus.SYMPTOM_REST,
        DayStatus.NOT_TRACKED,
        DayStatus.PAUSED,
    )
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
    entries: Sequence[SymptomEntry],
    responses: Sequence[ReferralResponse],
    period: Sequence[date],
    profile: Profile,
    include_profile: bool,
) -> tuple[PromptSeen, ...]:
    entry_days = [entry.day for entry in entries]
    answer_days = [answer.day for answer in responses]
    # One row per rule and thing it is about: an episode's key grows day by day (S/L, then
    # S/L+1), so a rule whose days overlap a row's is that row, carried on.
    seen: list[tuple[ActiveRule, date, date]] = []
    for day in period:
        known = entries[: bisect_right(entry_days, day)]
        answered = responses[: bisect_right(answer_days, day)]
        for rule in active_rules(known, day, answered, profile):
            at = next((i for i, row in enumerate(seen) if _same_thing(row[0], rule)), None)
            if at is None:
                seen.append((rule, day, day))
            else:
                seen[at] = (rule, seen[at][1], day)
    found = []
    for rule, first, last in seen:
        # Stated with every answer given up to the report, so that one given after the rule
        # stopped being active ("Yes, I was checked") is not left out of its sentence.
        known = entries[: bisect_right(entry_days, last)]
        now = next(
            (
                again
                for again in active_rules(known, last, responses, profile)
                if _same_thing(again, rule)
            ),
            rule,
        )
        answers = tuple(
            answer
            for answer in responses
            if answer.rule == rule.rule
            and keys_overlap(answer.key, rule.key)
            and Answer(answer.kind) is not Answer.shown
        )
        found.append(
            PromptSeen(
                rule=rule.rule,
                level=rule.level,
                key=now.key,
                sentence=report_sentence(now, include_profile=include_profile),
                first=first,
                last=last,
                answers=answers,
            )
        )
    return tuple(sorted(found, key=lambda prompt: (prompt.first, -prompt.level.rank, prompt.key)))


def _same_thing(one: ActiveRule, other: ActiveRule) -> bool:
    return one.rule == other.rule and keys_overlap(one.key, other.key)
