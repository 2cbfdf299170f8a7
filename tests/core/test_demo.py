"""The demo history: seeded, realistic, and it shows the referral prompt and a warning sign."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil import tz

from psoas_tui.core.demo import EPISODE_DAYS, WARNING_DAYS_AGO, demo_history
from psoas_tui.core.referral import Rule, active_rules
from psoas_tui.core.routine import Routine
from psoas_tui.core.streaks import DayStatus, StreakBook, streak_figures

TODAY = date(2026, 11, 21)
ZONE = tz.gettz("Europe/Berlin")


def test_the_same_seed_gives_the_same_history(routine: Routine) -> None:
    assert demo_history(routine, TODAY, ZONE, 1, seed=7) == demo_history(
        routine, TODAY, ZONE, 1, seed=7
    )
    assert demo_history(routine, TODAY, ZONE, 1, seed=7) != demo_history(
        routine, TODAY, ZONE, 1, seed=8
    )


def test_history_ends_yesterday_and_leaves_today_to_the_user(routine: Routine) -> None:
    history = demo_history(routine, TODAY, ZONE, 2)
    assert max(record.day for record in history.days) < TODAY
    assert max(entry.day for entry in history.entries) == TODAY - timedelta(days=1)
    assert min(record.day for record in history.days) >= TODAY - timedelta(days=730)


def test_the_routine_is_mostly_done_with_some_missed_days(routine: Routine) -> None:
    history = demo_history(routine, TODAY, ZONE, 2)
    summaries = StreakBook(routine).summaries(history.days, history.entries, TODAY)
    statuses = [summary.status for summary in summaries if summary.day < TODAY]
    done = statuses.count(DayStatus.DONE) / len(statuses)
    assert 0.7 < done < 0.95
    assert statuses.count(DayStatus.MISSED) > 14
    assert statuses.count(DayStatus.PARTIAL) > 0
    figures = streak_figures(summaries, count_partial=False)
    assert figures.longest.length >= 20


def test_the_pain_episode_makes_the_persistent_pain_rule_active(routine: Routine) -> None:
    history = demo_history(routine, TODAY, ZONE, 1)
    rules = active_rules(history.entries, TODAY)
    persistent = [rule for rule in rules if rule.rule is Rule.persistent_pain]
    assert len(persistent) == 1
    assert persistent[0].first_day <= TODAY - timedelta(days=EPISODE_DAYS)
    assert persistent[0].last_day == TODAY - timedelta(days=1)


def test_a_warning_sign_is_logged_two_months_ago(routine: Routine) -> None:
    history = demo_history(routine, TODAY, ZONE, 1)
    signed = [entry for entry in history.entries if entry.signs]
    assert [(entry.day, entry.signs) for entry in signed] == [
        (TODAY - timedelta(days=WARNING_DAYS_AGO), ("radiating",))
    ]


def test_stiffness_eases_over_the_years(routine: Routine) -> None:
    history = demo_history(routine, TODAY, ZONE, 4)
    first_year = [e.stiffness for e in history.entries if e.day < TODAY - timedelta(days=3 * 365)]
    last_year = [e.stiffness for e in history.entries if e.day >= TODAY - timedelta(days=365)]
    assert all(score is not None for score in first_year + last_year)
    assert sum(last_year) / len(last_year) < sum(first_year) / len(first_year) - 1  # type: ignore[arg-type]
