"""The use cases: each rule applied once, the same for the app and every command."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from dateutil import tz

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.model import Hold, SymptomEntry
from psoas_tui.core.prompt import noticed
from psoas_tui.core.report import OWN_LOG
from psoas_tui.core.routine import Routine
from psoas_tui.core.symptoms import EntryRefused
from psoas_tui.locations import Locations
from psoas_tui.services import Psoas

#: The context line the referral rules add when the day records are passed to them.
REASON = "You did some or all of your routine on 9 of these 9 days."


@pytest.fixture
def psoas(locations: Locations, clock: ManualClock, routine: Routine) -> Iterator[Psoas]:
    """The use cases over the test's data directory."""
    with Psoas.open(locations, routine, Config(), clock) as opened:
        yield opened


def _nine_days_of_pain_and_routine(psoas: Psoas, clock: ManualClock) -> None:
    today = clock.today()
    for offset in range(9):
        day = today - timedelta(days=offset)
        psoas.log_entry(SymptomEntry(f"{offset:032d}", day, clock.now(), 4, 3))
        psoas.mark_done("bridge", day)


def test_a_day_is_frozen_to_its_plan_at_its_first_write(
    psoas: Psoas, clock: ManualClock, routine: Routine
) -> None:
    scheduled = [exercise.id for exercise in routine.scheduled_on(clock.today())]
    assert psoas.mark_done(scheduled[0]) is True
    assert [item.exercise.id for item in psoas.today().exercises] == scheduled
    second = routine.get(scheduled[1])
    side = second.dose.sides[0] if second.dose.sides else None
    seconds = float(second.dose.hold_seconds)
    hold = Hold(second.id, side, 1, seconds, seconds, clock.now(), clock.today())
    psoas.record_hold(hold)
    progress = psoas.today()
    assert progress.exercises[0].marked and progress.exercises[1].holds_done == 1


def test_marking_an_exercise_not_on_the_plan_says_so(psoas: Psoas, clock: ManualClock) -> None:
    assert psoas.mark_done("not-on-the-plan") is False


def test_a_bad_entry_is_refused_and_nothing_is_written(psoas: Psoas, clock: ManualClock) -> None:
    with pytest.raises(EntryRefused):
        psoas.log_entry(SymptomEntry("e" * 32, clock.today(), clock.now(), 11, 3))
    assert psoas.recent_entries(30) == []


def test_recent_entries_are_newest_first_and_stop_at_the_span(
    psoas: Psoas, clock: ManualClock
) -> None:
    today = clock.today()
    for offset in (0, 2, 40):
        psoas.log_entry(
            SymptomEntry(f"{offset:032d}", today - timedelta(days=offset), clock.now(), 1, 1)
        )
    assert [entry.day for entry in psoas.recent_entries(30)] == [today, today - timedelta(days=2)]


def test_this_hurts_is_logged_as_the_warning_sign(psoas: Psoas, clock: ManualClock) -> None:
    entry = psoas.note_hurt("during the bridge, rep 1 of 3 (hold)")
    assert entry.signs == ("worse_after_stretch",) and entry.pain is None
    assert psoas.recent_entries(1) == [entry]
    assert entry.note == 'Pressed "this hurts" during the bridge, rep 1 of 3 (hold).'


def test_the_referral_reasons_include_the_routine_done(psoas: Psoas, clock: ManualClock) -> None:
    _nine_days_of_pain_and_routine(psoas, clock)
    [rule] = psoas.referral_rules()
    assert REASON in noticed(rule)
    assert psoas.status().rules == (rule,)


def test_the_report_is_written_where_the_prompt_says(
    locations: Locations, clock: ManualClock, routine: Routine
) -> None:
    clock.set_now(datetime(2026, 11, 21, 7, 45, tzinfo=tz.gettz("Europe/Berlin")))
    with Psoas.open(locations, routine, Config(), clock) as psoas:
        for offset in range(9):
            day = clock.today() - timedelta(days=offset)
            psoas.log_entry(SymptomEntry(f"{offset:032d}", day, clock.now(), 4, 3))
        path = psoas.write_report()
        summary = psoas.write_report(locations.reports / "summary.md", 1)
    assert path == locations.reports / "clinician-report-2026-11-21.html"
    assert stat.S_IMODE(locations.reports.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "Made on 2026-11-21 07:45 with psoas-tui." in text
    assert (
        "From Friday 13 November 2026 to Saturday 21 November 2026 (9 calendar dates) the "
        "person logged pain on each of the 9 days they logged"
    ) in text
    assert OWN_LOG.replace("'", "&#x27;") in text
    # One week was asked for; the period reaches back to the episode's first day.
    assert "From Fri 13 November 2026 to Sat 21 November 2026 (9 days)." in summary.read_text(
        encoding="utf-8"
    )
