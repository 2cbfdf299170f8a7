"""Pauses through the use cases: neutral days, the graded return, the report and the export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.errors import InvalidInput
from psoas_tui.core.model import History, Pause, PauseReason
from psoas_tui.core.routine import Routine
from psoas_tui.core.streaks import DayStatus
from psoas_tui.core.timer import Phase
from psoas_tui.core.transfer.json_export import export_json
from psoas_tui.core.transfer.json_import import read_export
from psoas_tui.locations import Locations
from psoas_tui.services import Psoas
from psoas_tui.services.hold import HoldSession

#: Five days of illness, ending the day before yesterday (the clock's today is 21 November).
ILLNESS = Pause(date(2026, 11, 15), date(2026, 11, 19), PauseReason.illness)


@pytest.fixture
def psoas(locations: Locations, clock: ManualClock, routine: Routine) -> Iterator[Psoas]:
    with Psoas.open(locations, routine, Config(), clock) as opened:
        yield opened


def _do_the_day(psoas: Psoas, day: date) -> None:
    for item in psoas.progress_on(day).exercises:
        psoas.mark_done(item.exercise.id, day)


def _declare(psoas: Psoas, pause: Pause) -> Pause:
    return psoas.declare_pause(pause.start.isoformat(), pause.end.isoformat(), pause.reason)


def test_a_streak_steps_over_a_pause(psoas: Psoas) -> None:
    for day in (date(2026, 11, 13), date(2026, 11, 14), date(2026, 11, 20)):
        _do_the_day(psoas, day)
    assert psoas.current_streak().length == 1

    _declare(psoas, ILLNESS)

    streak = psoas.current_streak()
    assert (streak.length, streak.first) == (3, date(2026, 11, 13))
    by_day = {summary.day: summary.status for summary in psoas.streak_summaries()}
    assert {by_day[date(2026, 11, 15) + timedelta(days=n)] for n in range(5)} == {DayStatus.PAUSED}
    figures = psoas.streak_figures(psoas.streak_summaries())
    # Paused days are neither scheduled-and-missed nor done.
    assert (figures.last_7.done, figures.last_7.days) == (3, 3)


def test_a_paused_day_done_anyway_counts(psoas: Psoas) -> None:
    _declare(psoas, ILLNESS)
    _do_the_day(psoas, date(2026, 11, 16))
    by_day = {summary.day: summary.status for summary in psoas.streak_summaries()}
    assert by_day[date(2026, 11, 16)] is DayStatus.DONE
    assert by_day[date(2026, 11, 17)] is DayStatus.PAUSED


def test_today_in_a_pause_says_so(psoas: Psoas, clock: ManualClock) -> None:
    pause = psoas.declare_pause("yesterday", "2026-12-09", "travel")
    progress = psoas.today()
    assert (
        progress.pause == pause == Pause(date(2026, 11, 20), date(2026, 12, 9), PauseReason.travel)
    )
    assert progress.easing is None


def test_overlapping_pauses_are_refused_and_nothing_is_saved(psoas: Psoas) -> None:
    _declare(psoas, ILLNESS)
    with pytest.raises(InvalidInput, match="overlaps the pause for illness from 2026-11-15"):
        psoas.declare_pause("2026-11-19", "2026-11-22", "flare")
    assert psoas.pauses() == [ILLNESS]
    # The day after is free.
    assert psoas.declare_pause("2026-11-20", "2026-11-22", "flare").start == date(2026, 11, 20)


def test_the_two_sessions_after_a_long_pause_are_eased_then_the_dose_comes_back(
    psoas: Psoas, clock: ManualClock
) -> None:
    _do_the_day(psoas, date(2026, 11, 14))
    _declare(psoas, ILLNESS)
    _do_the_day(psoas, date(2026, 11, 20))

    progress = psoas.today()
    kneeling = next(i for i in progress.exercises if i.exercise.id == "kneeling-hip-flexor-stretch")
    # 3 x 30 s (hold_range 20-30) eased: the bottom of the range, one rep fewer.
    assert kneeling.exercise.dose.describe() == "2 x 20 s each side"
    assert progress.easing is not None
    assert progress.easing.words(kneeling.exercise.dose) == (
        "easing back in after 5 days paused for illness: 2 x 20 s each side"
    )
    bridge = next(i for i in progress.exercises if i.exercise.id == "bridge")
    assert bridge.exercise.dose.reps == 2

    # The timer times the eased dose, and the eased exercise is done.
    session = HoldSession(psoas, "kneeling-hip-flexor-stretch")
    while not session.timer.finished:
        clock.advance(1)
        session.handle(session.timer.tick())
    assert session.timer.phase is Phase.DONE
    holds = [
        h
        for h in psoas.progress_on(clock.today()).exercises
        if h.exercise.id == kneeling.exercise.id
    ]
    assert holds[0].done and holds[0].holds_done == 4
    _do_the_day(psoas, clock.today())
    assert psoas.streak_summaries()[-1].status is DayStatus.DONE
    assert psoas.current_streak().length == 3

    clock.advance(86_400)
    after = psoas.today()
    assert after.easing is None
    assert after.exercises[1].exercise.dose.describe() == "3 x 30 s each side"
    # The eased days stay done: they are judged at the dose they were offered at.
    by_day = {summary.day: summary.status for summary in psoas.streak_summaries()}
    assert by_day[date(2026, 11, 21)] is DayStatus.DONE


def test_a_short_pause_is_not_followed_by_eased_sessions(psoas: Psoas) -> None:
    psoas.declare_pause("2026-11-18", "2026-11-19", "travel")
    assert psoas.today().easing is None
    assert psoas.today().exercises[1].exercise.dose.reps == 3


def test_ending_today_s_pause_ends_it_yesterday_or_removes_it(psoas: Psoas) -> None:
    assert psoas.end_pause() is None
    psoas.declare_pause("2026-11-18", "2026-11-30", "flare")
    old, new = psoas.end_pause() or (None, None)
    assert old is not None and new == Pause(
        date(2026, 11, 18), date(2026, 11, 20), PauseReason.flare
    )
    psoas.declare_pause("today", "2026-11-30", "clinician")
    assert psoas.end_pause() == (
        Pause(date(2026, 11, 21), date(2026, 11, 30), PauseReason.clinician),
        None,
    )
    assert psoas.pauses() == [new]


def test_the_report_lists_each_pause_of_the_period(psoas: Psoas, locations: Locations) -> None:
    _do_the_day(psoas, date(2026, 11, 14))
    _declare(psoas, ILLNESS)
    text = psoas.write_report(locations.data_dir / "report.md").read_text()
    assert "Paused 5 days for illness: Sun 15 November 2026 to Thu 19 November 2026." in text
    assert "5 days fell in a pause the person declared and are not counted." in text
    html = psoas.write_report(locations.data_dir / "report.html").read_text()
    assert "Paused 5 days for illness: Sun 15 November 2026 to Thu 19 November 2026." in html


def test_pauses_go_out_in_the_export_and_come_back_in(
    psoas: Psoas, routine: Routine, clock: ManualClock
) -> None:
    _declare(psoas, ILLNESS)
    raw = export_json(psoas._repo.history(), routine, clock.now())
    history = read_export(raw, "export.json")
    assert history.pauses == (ILLNESS,)
    psoas.end_pause()
    assert psoas.merge(history).pauses == 0


def test_an_export_from_before_pauses_imports(
    psoas: Psoas, routine: Routine, clock: ManualClock
) -> None:
    import json

    doc = json.loads(export_json(History(), routine, clock.now()))
    doc["schema_version"] = 2
    del doc["pauses"]
    history = read_export(json.dumps(doc).encode(), "old.json")
    assert history.pauses == ()
    doc["pauses"] = []
    with pytest.raises(Exception, match="pauses: unknown field"):
        read_export(json.dumps(doc).encode(), "old.json")
