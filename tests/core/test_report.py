"""The clinician report: the figures it gathers, and every section in HTML and in Markdown."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from psoas_tui.core.config import Config
from psoas_tui.core.model import (
    Answer,
    DayRecord,
    DoneMark,
    History,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.profile import Profile, ProfileAnswer, ProfileKey
from psoas_tui.core.referral import Rule
from psoas_tui.core.report import (
    OWN_LOG,
    ClinicianReport,
    build_report,
    chart_svg,
    report_file_name,
    report_html,
    report_markdown,
    schedule_words,
)
from psoas_tui.core.routine import Routine, load_routine
from psoas_tui.core.signs import QUESTIONS, Level
from psoas_tui.core.streaks import DayStatus

BERLIN = tz.gettz("Europe/Berlin")
TODAY = date(2026, 11, 21)
MADE_AT = datetime(2026, 11, 21, 9, 15, tzinfo=BERLIN)
START = date(2026, 10, 25)
PARTIAL, MISSED, RESTED = date(2026, 11, 3), date(2026, 11, 5), date(2026, 11, 12)
SOON_DAY, SAME_DAY = date(2026, 11, 10), date(2026, 11, 18)
SOON_ID, SAME_DAY_ID = "1" * 32, "2" * 32
ASKED_DAY = date(2026, 11, 19)
SOON_KEY = "radiating:2026-11-10/2026-11-10"
SEVERE_KEY = "2026-11-12/2026-11-13"
NOTE = "<script>alert(1)</script> | *not bold* [link](x)"


@pytest.fixture(scope="module")
def routine() -> Routine:
    return load_routine(Path("/nonexistent/routine.toml"))


def morning(day: date, minute: int = 0) -> datetime:
    return datetime.combine(day, time(8, minute), tzinfo=BERLIN)


def entry(
    day: date, pain: int, stiffness: int, entry_id: str = "", **fields: object
) -> SymptomEntry:
    return SymptomEntry(
        entry_id or f"{day:%Y%m%d}{pain:02d}".ljust(32, "0"),
        day,
        morning(day, 30 + pain),
        pain,
        stiffness,
        **fields,  # type: ignore[arg-type]
    )


def scenario(routine: Routine) -> History:
    """Four weeks mostly done: one partial day, one missed, one rested for severe pain; a soon
    sign (acknowledged), two severe days (snoozed), a same-day sign with a soon one (unanswered).
    Most entries were saved before the questions shown were recorded; on ``ASKED_DAY`` one entry
    was asked every question and one none."""
    days = [DayRecord(date(2026, 10, 1), (), (), ())]
    entries = []
    for offset in range((TODAY - START).days):
        day = START + timedelta(days=offset)
        planned = tuple(exercise.id for exercise in routine.scheduled_on(day))
        doing = planned[:1] if day == PARTIAL else planned
        if day not in (MISSED, RESTED):
            marks = tuple(DoneMark(exercise_id, day, morning(day)) for exercise_id in doing)
            days.append(DayRecord(day, planned, (), marks))
        if day.day % 4 == 0:
            continue
        entries.append(entry(day, pain=day.day % 3, stiffness=2, stiffness_minutes=day.day))
    entries += [
        entry(SOON_DAY, 4, 3, SOON_ID, signs=("radiating",), where=("left_hip",)),
        entry(RESTED, 5, 6, note=NOTE),
        entry(RESTED, 8, 6, where=("lower_back", "left_groin")),
        entry(date(2026, 11, 13), 7, 5),
        entry(SAME_DAY, 6, 4, SAME_DAY_ID, signs=("fever", "radiating")),
        entry(ASKED_DAY, 1, 2, "3" * 32, asked=QUESTIONS),
        entry(ASKED_DAY, 1, 2, "4" * 32, asked=()),
    ]
    responses = (
        ReferralResponse(
            Rule.soon_sign, SOON_KEY, Answer.acknowledged, SOON_DAY, morning(SOON_DAY, 50)
        ),
        ReferralResponse(
            Rule.severe_pain,
            SEVERE_KEY,
            Answer.snoozed,
            date(2026, 11, 13),
            morning(date(2026, 11, 13), 50),
        ),
        ReferralResponse(
            Rule.severe_pain,
            SEVERE_KEY,
            Answer.shown,
            date(2026, 11, 13),
            morning(date(2026, 11, 13), 49),
        ),
    )
    return History(tuple(days), tuple(entries), responses)


def report_of(
    history: History,
    routine: Routine,
    config: Config,
    weeks: int,
    profile: Profile | None = None,
    include_profile: bool = False,
) -> ClinicianReport:
    """``build_report`` on ``TODAY`` over ``history``, its days read by date as the repository
    reads them, called as ``Psoas.write_report`` calls it."""

    def days(first: date, last: date) -> list[DayRecord]:
        return sorted(
            (record for record in history.days if first <= record.day <= last),
            key=lambda record: record.day,
        )

    first_day = min((record.day for record in history.days), default=None)
    return build_report(
        days,
        first_day,
        history.entries,
        history.responses,
        routine,
        config,
        TODAY,
        MADE_AT,
        weeks,
        profile=profile or Profile(),
        include_profile=include_profile,
    )


@pytest.fixture(scope="module")
def report(routine: Routine) -> ClinicianReport:
    return report_of(scenario(routine), routine, Config(), 4)


def test_the_period_is_the_last_four_weeks_up_to_today(report: ClinicianReport) -> None:
    assert (report.start, report.end, report.extended) == (START, TODAY, False)
    assert [day.day for day in report.days][:2] == [START, START + timedelta(days=1)]
    assert len(report.days) == 28


def test_day_statuses_come_from_the_streak_rules(report: ClinicianReport) -> None:
    status = {day.day: day.status for day in report.days}
    assert status[PARTIAL] is DayStatus.PARTIAL
    assert status[MISSED] is DayStatus.MISSED
    assert status[RESTED] is DayStatus.SYMPTOM_REST
    assert status[TODAY] is DayStatus.PENDING
    assert report.count(DayStatus.DONE) == 24


def test_how_often_each_exercise_was_done(report: ClinicianReport) -> None:
    done = {exercise.id: (exercise.done, exercise.scheduled) for exercise in report.exercises}
    # 27 days before today, one of them rested for symptoms (left out), one partial, one missed.
    assert done["standing-lunge-stretch"] == (25, 26)
    assert done["bridge"] == (24, 26)
    assert done["ball-release"] == (12, 12)
    ball = next(exercise for exercise in report.exercises if exercise.id == "ball-release")
    assert ball.schedule == "Mon, Wed, Fri"
    assert ball.dose == "1 x 30 s each side"


def test_daily_scores_are_the_days_highest(report: ClinicianReport) -> None:
    rested = next(day for day in report.days if day.day == RESTED)
    assert (rested.pain, rested.stiffness, rested.entries) == (8, 6, 2)
    assert rested.where == ("left_groin", "lower_back")
    assert rested.notes == (NOTE,)
    unlogged = next(day for day in report.days if day.day == date(2026, 11, 4))
    assert (unlogged.entries, unlogged.pain, unlogged.stiffness) == (0, None, None)
    assert report.logged_days == 22


def test_signs_are_listed_with_their_dates_and_levels(report: ClinicianReport) -> None:
    assert [(logged.day, logged.sign, logged.level) for logged in report.signs] == [
        (SOON_DAY, "radiating", Level.soon),
        (SAME_DAY, "radiating", Level.soon),
        (SAME_DAY, "fever", Level.same_day),
    ]


def test_not_asked_and_not_recorded_are_told_apart_from_no(report: ClinicianReport) -> None:
    asked = {row.sign: row.answers for row in report.asked}
    assert "trauma" not in asked and len(asked) == len(QUESTIONS)
    assert asked["radiating"] == {"yes": 2, "no": 1, "not asked": 1, "not recorded": 24}
    assert asked["saddle"] == {"no": 1, "not asked": 1, "not recorded": 26}
    text = report_markdown(report)
    assert "| Sign question | Yes | No | Not asked | Not recorded |" in text
    assert (
        "| numbness or a changed feeling around the genitals, bottom or inner thighs "
        "| 0 | 1 | 1 | 26 |" in text
    )


def test_referral_prompts_met_in_the_period_and_their_answers(report: ClinicianReport) -> None:
    prompts = {(prompt.rule, prompt.key): prompt for prompt in report.prompts}
    assert list(prompts) == [
        ("soon_sign", SOON_KEY),
        ("severe_pain", SEVERE_KEY),
        ("same_day_sign", "fever:2026-11-18/2026-11-18"),
        ("soon_sign", "radiating:2026-11-18/2026-11-18"),
    ]
    soon = prompts["soon_sign", SOON_KEY]
    assert (soon.first, soon.last) == (SOON_DAY, TODAY)
    assert [answer.kind for answer in soon.answers] == ["acknowledged"]
    severe = prompts["severe_pain", SEVERE_KEY]
    assert (severe.first, severe.last) == (date(2026, 11, 13), TODAY)
    # "shown" only records that the prompt showed it: it is not an answer.
    assert [answer.kind for answer in severe.answers] == ["snoozed"]
    same_day = prompts["same_day_sign", "fever:2026-11-18/2026-11-18"]
    assert (same_day.level, same_day.first, same_day.answers) == (Level.same_day, SAME_DAY, ())
    assert same_day.sentence == (
        "On Wednesday 18 November 2026 the person answered yes to a high temperature or feeling "
        "hot and shivery (same-day level in the app); when this report was written they had "
        "not marked it as checked."
    )


def test_each_rule_is_stated_exactly_never_as_pain_on_most_days(
    report: ClinicianReport,
) -> None:
    severe = next(prompt for prompt in report.prompts if prompt.rule == "severe_pain")
    assert severe.sentence == (
        "From Thursday 12 November 2026 to Friday 13 November 2026 the person logged a daily "
        "pain of 7 or more on 2 scored days, with no lower score between them and at most 3 "
        "days between each two (highest 8 out of 10) (soon level in the app); when this report "
        "was written they had not said they had arranged to see someone."
    )
    for text in (report_html(report), report_markdown(report)):
        assert "most days" not in text
    # The third person; only the lead quotes what the app tells the person.
    for sentence in (*report.noticed, *(prompt.sentence for prompt in report.prompts)):
        assert " you " not in sentence and " your " not in sentence


def test_what_the_app_notices_today_leads_with_the_level_in_force(
    report: ClinicianReport,
) -> None:
    assert report.lead == (
        "When this report was written the app was telling the person: “Please contact a doctor "
        "today. Ask for an urgent appointment with a doctor today, or call your local urgent "
        "health line (111 in England). If you cannot reach one today, go to an urgent care "
        "centre or emergency department. Stop the exercises until you have been checked.”"
    )
    assert report.noticed[0].startswith(
        "On Wednesday 18 November 2026 the person answered yes to a high temperature"
    )
    acknowledged = next(line for line in report.noticed if "Tuesday 10 November" in line)
    assert acknowledged.endswith(
        "when this report was written they had said on Tuesday 10 November 2026 that they had "
        "arranged to see someone."
    )
    text = report_html(report)
    noticed = text[text.index('<section id="noticed"') :]
    assert noticed.index('<p class="in-force">When this report was written') < noticed.index(
        "<li>On Wednesday 18 November 2026"
    )


def test_no_lead_while_no_rule_is_in_force(routine: Routine) -> None:
    history = History(entries=(entry(SOON_DAY, 3, 2, signs=("radiating",)),))
    report = report_of(history, routine, Config(), 4)
    assert report.lead == "" and len(report.noticed) == 1
    assert 'class="in-force"' not in report_html(report)


def test_an_emergency_sign_leads_with_emergency_care(routine: Routine) -> None:
    history = History(entries=(entry(TODAY, 3, 2, signs=("saddle",), asked=QUESTIONS),))
    report = report_of(history, routine, Config(), 1)
    assert report.lead.startswith(
        "When this report was written the app was telling the person: “Please get emergency "
        "care now. Go to an emergency department now"
    )
    assert report.noticed == (
        "On Saturday 21 November 2026 the person answered yes to numbness or a changed feeling "
        "around the genitals, bottom or inner thighs (emergency level in the app); when this "
        "report was written they had not marked it as checked.",
    )
    text = report_html(report)
    assert '<tr class="urgent"><td class="date">2026-11-21 Sat</td>' in text
    assert "<td>emergency level in the app</td>" in text


CANCER_AND_AGE = (
    Profile()
    .with_answer(ProfileKey.cancer, ProfileAnswer.yes, START)
    .with_answer(ProfileKey.age_50_plus, ProfileAnswer.yes, START)
    .with_answer(ProfileKey.steroids, ProfileAnswer.no, START)
)


def test_about_you_answers_are_left_out_unless_the_person_chose_them(routine: Routine) -> None:
    report = report_of(scenario(routine), routine, Config(), 4, CANCER_AND_AGE)
    assert report.about_you is None
    # The rules still use the profile: radiating with a history of cancer is an emergency, and
    # after the no of 19 November it stays in force at the same-day level.
    rules = [prompt.rule for prompt in report.prompts]
    assert rules.count("cancer_nerve_sign") == 2 and "cancer_pain" in rules
    assert report.lead.startswith(
        "When this report was written the app was telling the person: “Please contact a doctor "
        "today."
    )
    raised = next(line for line in report.noticed if "logged pain" in line)
    assert raised == (
        "On Thursday 19 November 2026 the person logged pain, with an “about you” answer that "
        "raises the level (same-day level in the app); when this report was written they had "
        "not marked it as checked."
    )
    for text in (report_html(report), report_markdown(report)):
        assert "cancer" not in text and "50 or older" not in text
        assert "About the person" not in text


def test_about_you_answers_chosen_are_shown_as_the_persons_own(routine: Routine) -> None:
    report = report_of(scenario(routine), routine, Config(), 4, CANCER_AND_AGE, True)
    assert report.about_you == (ProfileKey.cancer, ProfileKey.age_50_plus)
    raised = next(line for line in report.noticed if "logged pain" in line)
    assert raised.startswith(
        "On Thursday 19 November 2026 the person logged pain and has said they have had cancer"
    )
    text = report_html(report)
    section = text[text.index('<section id="about-you"') : text.index('<section id="noticed"')]
    assert "<h2>About the person, in their own words</h2>" in section
    assert "the person&#x27;s own answers, not checked by anyone" in section
    assert "<li>The person has had cancer.</li><li>The person is 50 or older.</li>" in section
    assert "steroid" not in section
    markdown = report_markdown(report)
    assert "## About the person, in their own words" in markdown
    assert "- The person has had cancer.\n- The person is 50 or older.\n" in markdown


def test_about_you_chosen_with_no_yes_answer_says_so(routine: Routine) -> None:
    report = report_of(History(), routine, Config(), 1, Profile(), True)
    assert report.about_you == ()
    assert "<li>They answered none of these questions yes.</li>" in report_html(report)


def test_the_period_reaches_back_to_the_start_of_an_active_episode(routine: Routine) -> None:
    first = date(2026, 10, 15)
    pains = tuple(
        entry(first + timedelta(days=offset), 3, 2) for offset in range((TODAY - first).days)
    )
    report = report_of(History(entries=pains), routine, Config(), weeks=2)
    assert (report.start, report.extended) == (first, True)
    assert "the period starts earlier" in report_markdown(report)
    [prompt] = report.prompts
    assert prompt.rule == "persistent_pain" and prompt.first == first + timedelta(days=7)


def test_a_long_run_of_pain_with_cancer_does_not_stretch_the_period(routine: Routine) -> None:
    # The cancer-and-pain rule names one pain day; its run only keys the answers.
    first = TODAY - timedelta(days=90)
    pains = tuple(entry(first + timedelta(days=offset), 2, 2) for offset in range(0, 91, 5))
    report = report_of(History(entries=pains), routine, Config(), 4, CANCER_AND_AGE)
    assert (report.start, report.extended) == (START, False)
    [prompt] = report.prompts
    assert prompt.rule == "cancer_pain"


def test_days_before_anything_was_recorded_have_no_status(routine: Routine) -> None:
    history = History(entries=(entry(date(2026, 11, 19), 2, 2),))
    report = report_of(history, routine, Config(), weeks=1)
    assert [day.status for day in report.days[:4]] == [None] * 4
    assert "no records yet" in report_html(report)


def test_a_record_long_before_the_period_gives_every_day_of_it_a_status(
    routine: Routine,
) -> None:
    history = History(days=(DayRecord(date(2026, 1, 5), (), (), ()),))
    report = report_of(history, routine, Config(), weeks=1)
    assert None not in [day.status for day in report.days]
    assert report.count(DayStatus.MISSED) == 6


def test_weeks_start_at_one(routine: Routine) -> None:
    with pytest.raises(ValueError, match="weeks must be 1 or more, not 0"):
        report_of(History(), routine, Config(), 0)


def test_an_empty_history_still_gives_every_section(routine: Routine) -> None:
    report = report_of(History(), routine, Config(), 4)
    text = report_html(report)
    assert "No sign question was answered yes in this period." in text
    assert "No symptom entry was made in this period." in text
    assert "No referral rule was met in this period." in text
    assert "No referral rule of the app was met when this report was written." in text
    assert "Symptoms were logged on 0 of these days." in text
    assert "The routine was not due on any counted day of this period." in text


HTML_SECTIONS = ("period", "noticed", "chart", "signs", "asked", "prompts", "routine", "daily")


def test_html_has_every_section_in_order(report: ClinicianReport) -> None:
    text = report_html(report)
    positions = [text.index(f'<section id="{name}"') for name in HTML_SECTIONS]
    assert positions == sorted(positions)
    for heading in (
        "Period",
        "What the app notices today",
        "Pain and stiffness over the period",
        "Signs answered yes",
        "Sign questions asked",
        "Referral prompts",
        "The routine and how often it was done",
        "Day by day",
    ):
        assert f"<h2>{heading}</h2>" in text
    assert text.count(OWN_LOG.replace("'", "&#x27;")) == 2
    assert "From Sun 25 October 2026 to Sat 21 November 2026 (28 days)." in text
    assert (
        "<td>Bridge</td><td>3 x 3 breaths</td><td>every day</td><td>24 of 26 days (92%)</td>"
        in text
    )
    assert "said they had arranged to see someone (2026-11-10)" in text
    assert "asked to be reminded the next day (2026-11-13)" in text
    assert "was shown the prompt" not in text
    assert "Made on 2026-11-21 09:15 with psoas-tui." in text


def test_html_table_rows_per_day_with_scores(report: ClinicianReport) -> None:
    text = report_html(report)
    daily = text[text.index('<section id="daily"') :]
    assert daily.count("<tr") == 1 + 28
    assert (
        '<td class="date">2026-11-12 Thu</td><td>rested (symptoms)</td><td class="num">8</td>'
        in daily
    )
    assert '<tr class="urgent"><td class="date">2026-11-18 Wed</td>' in daily
    assert '<tr class="sign"><td class="date">2026-11-10 Tue</td>' in daily
    assert (
        "Yes to: pain, tingling or numbness shooting or spreading down one leg; a high "
        "temperature or feeling hot and shivery." in daily
    )
    assert "nothing logged" in daily


def test_html_is_self_contained_and_escapes_what_was_typed(report: ClinicianReport) -> None:
    text = report_html(report)
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | *not bold*" in text
    assert "“Please contact a doctor today." in text and "&quot;" not in text
    assert not re.search(r"(src|href)\s*=|url\(|@import", text)
    assert re.findall(r"https?://[^\s\"']+", text) == ["http://www.w3.org/2000/svg"]
    assert text.startswith("<!DOCTYPE html>\n") and text.endswith("</html>\n")


def test_html_prints_on_paper(report: ClinicianReport) -> None:
    text = report_html(report)
    assert "@page { margin:" in text
    assert "thead { display: table-header-group; }" in text
    assert "break-inside: avoid" in text and "break-after: avoid" in text
    assert "table-layout: fixed" in text and "overflow-wrap: anywhere" in text


def test_chart_draws_both_series_broken_over_long_gaps(report: ClinicianReport) -> None:
    svg = chart_svg(report.days)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('class="pain"') >= 1 and svg.count('class="stiffness"') >= 1
    assert svg.count('class="sign-mark"') == 2
    blank = [replace(day, entries=0, pain=None, stiffness=None) for day in report.days[5:10]]
    gap = [*report.days[:5], *blank, *report.days[10:]]
    assert chart_svg(gap).count('class="pain"') == svg.count('class="pain"') + 1


def test_chart_y_axis_runs_from_0_to_10(report: ClinicianReport) -> None:
    svg = chart_svg(report.days)
    labels = re.findall(r'text-anchor="end">(\d+)</text>', svg)
    assert labels == ["0", "2", "4", "6", "8", "10"]


MARKDOWN_SECTIONS = (
    "## Period",
    "## What the app notices today",
    "## Pain and stiffness over the period",
    "## Signs answered yes",
    "## Sign questions asked",
    "## Referral prompts",
    "## The routine and how often it was done",
    "## Day by day",
)


def test_markdown_has_every_section_in_order(report: ClinicianReport) -> None:
    text = report_markdown(report)
    positions = [text.index(f"\n{heading}\n") for heading in MARKDOWN_SECTIONS]
    assert positions == sorted(positions)
    assert text.startswith("# Psoas routine and symptom log\n")
    assert f"> {OWN_LOG}" in text and text.rstrip().endswith(OWN_LOG)
    assert "| Bridge | 3 x 3 breaths | every day | 24 of 26 days (92%) |" in text
    assert (
        "| 2026-11-18 Wed | same-day level in the app | a high temperature or feeling hot and "
        "shivery |" in text
    )
    assert "| Rule met | Days met | Answers |" in text
    assert "| 2026-11-12 Thu | rested (symptoms) | 8 | 6 |  | left groin, lower back |" in text
    assert "```text\nfrom 2026-10-25\nsigns " in text


def test_markdown_escapes_what_was_typed(report: ClinicianReport) -> None:
    text = report_markdown(report)
    assert "\\<script\\>alert(1)\\</script\\> \\| \\*not bold\\* \\[link\\](x)" in text
    rows = [line for line in text.splitlines() if line.startswith("| 2026-11-12 Thu")]
    assert len(rows) == 1 and rows[0].count(" | ") == 6


def test_a_day_start_other_than_midnight_is_stated(routine: Routine) -> None:
    config = Config(day_starts_at=time(4, 0))
    report = report_of(History(), routine, config, 4)
    assert "A day runs from 04:00 to 04:00 the next morning" in report_markdown(report)


@pytest.mark.parametrize(
    ("schedule", "words"),
    [
        ("FREQ=DAILY", "every day"),
        ("RRULE:FREQ=DAILY", "every day"),
        ("FREQ=DAILY;INTERVAL=2", "every 2 days"),
        ("FREQ=WEEKLY;BYDAY=FR,MO,WE", "Mon, Wed, Fri"),
        ("FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=MONTHLY;BYMONTHDAY=1"),
    ],
)
def test_schedule_words(schedule: str, words: str) -> None:
    assert schedule_words(schedule) == words


def test_report_file_name() -> None:
    assert report_file_name(TODAY) == "clinician-report-2026-11-21.html"
    assert report_file_name(TODAY, markdown=True) == "clinician-report-2026-11-21.md"


def test_days_before_the_routine_was_tracked_are_left_out_of_the_counts() -> None:
    routine = load_routine(Path("/nonexistent/routine.toml"))
    planned = tuple(exercise.id for exercise in routine.scheduled_on(TODAY))
    at = datetime.combine(TODAY, time(8, 0), tzinfo=BERLIN)
    marks = tuple(DoneMark(exercise_id, TODAY, at) for exercise_id in planned)
    history = History(
        days=(DayRecord(TODAY, planned, (), marks),),
        entries=(SymptomEntry("a" * 32, TODAY - timedelta(days=2), at, 3, 2),),
        responses=(),
    )
    report = report_of(history, routine, Config(), 1)
    earlier = [day.status for day in report.days if day.day < TODAY and day.status is not None]
    assert earlier == [DayStatus.NOT_TRACKED, DayStatus.NOT_TRACKED]
    text = report_markdown(report)
    assert "The whole routine was done on 1 of the 1 days it was due" in text
    assert "2 days came before the routine was tracked in the app" in text
    assert [(row.scheduled, row.done) for row in report.exercises if row.scheduled] == [
        (1, 1)
    ] * len(planned)


def test_a_share_of_one_day_reads_day_not_days() -> None:
    from psoas_tui.core.report.model import ExerciseDone
    from psoas_tui.core.report.words import exercise_share

    one = ExerciseDone(id="bridge", name="Bridge", dose="", schedule="", scheduled=1, done=1)
    assert exercise_share(one) == "1 of 1 day (100%)"
    assert exercise_share(replace(one, scheduled=4, done=3)) == "3 of 4 days (75%)"
