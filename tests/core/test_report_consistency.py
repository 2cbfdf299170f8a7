"""The clinician report states the consistency the app shows beside the streak, in HTML and in
Markdown."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from test_report import START, TODAY, report_of, scenario

from psoas_tui.core.config import Config
from psoas_tui.core.model import History
from psoas_tui.core.report import report_html, report_markdown
from psoas_tui.core.routine import Routine, load_routine
from psoas_tui.core.streaks import Consistency

WHOLE = (
    "Consistency, as the app shows it beside the streak: the whole routine was done on 7 of "
    "the last 7 scheduled days up to today; days with nothing scheduled and rests for symptoms "
    "are left out. In the last 30 days it was never left undone two scheduled days in a row."
)


@pytest.fixture(scope="module")
def routine() -> Routine:
    return load_routine(Path("/nonexistent/routine.toml"))


def tracked_from_the_period(routine: Routine, *undone: int) -> History:
    """The report tests' four weeks, tracked from their first day (not from a rest day three
    weeks before, which would make the days between missed), the days ``undone`` days before
    today left without a record."""
    history = scenario(routine)
    gone = {TODAY - timedelta(days=back) for back in undone}
    days = tuple(day for day in history.days if day.day >= START and day.day not in gone)
    return replace(history, days=days)


def test_days_missed_before_the_period_count_against_never_twice(routine: Routine) -> None:
    # The scenario's first record is a rest day on 1 October: the days from then to the
    # period's start, 25 October, are missed, and the last 30 days reach two of them.
    report = report_of(scenario(routine), routine, Config(), 4)
    assert report.consistency == Consistency(7, 7, never_twice=False)


def test_the_report_states_the_consistency_in_html_and_markdown(routine: Routine) -> None:
    report = report_of(tracked_from_the_period(routine), routine, Config(), 4)
    # One partial day and one missed day apart, and a rest for severe pain between.
    assert report.consistency == Consistency(7, 7, never_twice=True)
    html = report_html(report)
    routine_section = html[html.index('<section id="routine"') : html.index('<section id="daily"')]
    assert f'<p id="consistency">{WHOLE}</p>' in routine_section
    markdown = report_markdown(report)
    assert f"\n{WHOLE}\n\n## Day by day\n" in markdown


def test_two_days_undone_in_a_row_leave_out_never_twice(routine: Routine) -> None:
    report = report_of(tracked_from_the_period(routine, 2, 1), routine, Config(), 4)
    assert report.consistency == Consistency(5, 7, never_twice=False)
    words = (
        "the whole routine was done on 5 of the last 7 scheduled days up to today; days with "
        "nothing scheduled and rests for symptoms are left out.</p>"
    )
    html = report_html(report)
    assert words in html
    assert "never left undone" not in html
    assert "never left undone" not in report_markdown(report)


def test_with_count_partial_a_partial_day_counts_and_the_report_says_so(
    routine: Routine,
) -> None:
    report = report_of(tracked_from_the_period(routine), routine, Config(count_partial=True), 4)
    assert (
        "the routine was done in whole or in part (the person counts a day done in part) on "
        in (report_markdown(report))
    )


def test_no_consistency_before_two_scheduled_days(routine: Routine) -> None:
    report = report_of(History(), routine, Config(), 4)
    assert report.consistency is None
    assert 'id="consistency"' not in report_html(report)
    assert "Consistency" not in report_markdown(report)
