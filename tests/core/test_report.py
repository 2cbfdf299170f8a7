"""The clinician report: the figures it gathers, and every section in HTML and in Markdown."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from psoas_tui.core.config import Config
from psoas_tui.core.model import DayRecord, DoneMark, History, ReferralResponse, SymptomEntry
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
from psoas_tui.core.streaks import DayStatus

BERLIN = tz.gettz("Europe/Berlin")
TODAY = date(2026, 11, 21)
MADE_AT = datetime(2026, 11, 21, 9, 15, tzinfo=BERLIN)
START = date(2026, 10, 25)
PARTIAL, MISSED, RESTED = date(2026, 11, 3), date(2026, 11, 5), date(2026, 11, 12)
WARNING_DAY, URGENT_DAY = date(2026, 11, 10), date(2026, 11, 18)
WARNING_ID, URGENT_ID = "1" * 32, "2" * 32
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
    """Four weeks mostly done: one partial day, one missed, one rested for severe pain; a warning
    sign (acknowledged), two severe days (snoozed), an urgent sign (unanswered)."""
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
        entry(WARNING_DAY, 4, 3, WARNING_ID, signs=("radiating",), where=("left_hip",)),
        entry(RESTED, 5, 6, note=NOTE),
        entry(RESTED, 8, 6, where=("lower_back", "left_groin")),
        entry(date(2026, 11, 13), 7, 5),
        entry(URGENT_DAY, 6, 4, URGENT_ID, signs=("fever", "radiating")),
    ]
    responses = (
        ReferralResponse(
            "warning_sign", WARNING_ID, "acknowledged", WARNING_DAY, morning(WARNING_DAY, 50)
        ),
        ReferralResponse(
            "severe_pain",
            "2026-11-12",
            "snoozed",
            date(2026, 11, 13),
            morning(date(2026, 11, 13), 50),
        ),
    )
    return History(tuple(days), tuple(entries), responses)


def report_of(history: History, routine: Routine, config: Config, weeks: int) -> ClinicianReport:
    """``build_report`` on ``TODAY`` over ``history``, its days read by date as the repository
    reads them."""

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


def test_signs_are_listed_with_their_dates(report: ClinicianReport) -> None:
    assert [(logged.day, logged.sign.key) for logged in report.signs] == [
        (WARNING_DAY, "radiating"),
        (URGENT_DAY, "radiating"),
        (URGENT_DAY, "fever"),
    ]


def test_referral_prompts_met_in_the_period_and_their_answers(report: ClinicianReport) -> None:
    prompts = {(prompt.rule, prompt.key): prompt for prompt in report.prompts}
    assert list(prompts) == [
        ("warning_sign", WARNING_ID),
        ("severe_pain", "2026-11-12"),
        ("urgent_sign", URGENT_ID),
        ("warning_sign", URGENT_ID),
    ]
    warning = prompts["warning_sign", WARNING_ID]
    assert (warning.first, warning.last) == (WARNING_DAY, TODAY)
    assert [answer.kind for answer in warning.answers] == ["acknowledged"]
    severe = prompts["severe_pain", "2026-11-12"]
    assert (severe.first, severe.last) == (date(2026, 11, 13), TODAY)
    assert [answer.kind for answer in severe.answers] == ["snoozed"]
    urgent = prompts["urgent_sign", URGENT_ID]
    assert (urgent.level, urgent.first, urgent.answers) == ("urgent", URGENT_DAY, ())
    assert urgent.about == "an urgent sign logged on Wed 18 November"


def test_what_the_app_notices_today_is_the_prompts_own_words(report: ClinicianReport) -> None:
    assert any("fever or feeling unwell" in reason for reason in report.noticed)
    acknowledged = next(reason for reason in report.noticed if "Tue 10 November" in reason)
    assert acknowledged.endswith("they arranged to see someone about it.")


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
    assert "No warning or urgent sign was logged in this period." in text
    assert "No referral rule was met in this period." in text
    assert "Nothing that its referral rules look for." in text
    assert "Symptoms were logged on 0 of these days." in text


HTML_SECTIONS = ("period", "noticed", "chart", "signs", "prompts", "routine", "daily")


def test_html_has_every_section_in_order(report: ClinicianReport) -> None:
    text = report_html(report)
    positions = [text.index(f'<section id="{name}"') for name in HTML_SECTIONS]
    assert positions == sorted(positions)
    for heading in (
        "Period",
        "What the app notices today",
        "Pain and stiffness over the period",
        "Warning and urgent signs logged",
        "Referral prompts",
        "The routine and how often it was done",
        "Day by day",
    ):
        assert f"<h2>{heading}</h2>" in text
    assert text.count(OWN_LOG.replace("'", "&#x27;")) == 2
    assert "From Sun 25 October 2026 to Sat 21 November 2026 (28 days)." in text
    assert (
        "<td>Bridge</td><td>5 x 3 breaths</td><td>every day</td><td>24 of 26 days (92%)</td>"
        in text
    )
    assert "arranged to see someone (2026-11-10)" in text
    assert "asked to be reminded (2026-11-13)" in text
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
    assert "nothing logged" in daily


def test_html_is_self_contained_and_escapes_what_was_typed(report: ClinicianReport) -> None:
    text = report_html(report)
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | *not bold*" in text
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
    "## Warning and urgent signs logged",
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
    assert "| Bridge | 5 x 3 breaths | every day | 24 of 26 days (92%) |" in text
    assert "| 2026-11-18 Wed | urgent | fever or feeling unwell with the back or hip pain |" in text
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
