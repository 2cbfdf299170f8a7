"""The hold timer's session without its screen: saving, retrying, what comes next, "this hurts"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.errors import PsoasError
from psoas_tui.core.model import Hold
from psoas_tui.core.routine import Routine
from psoas_tui.core.timer import Phase
from psoas_tui.locations import Locations
from psoas_tui.services import Psoas
from psoas_tui.services.hold import HURT_ADVICE, HoldSession
from tests.conftest import ZONE


@pytest.fixture
def psoas(locations: Locations, clock: ManualClock, routine: Routine) -> Iterator[Psoas]:
    """The use cases, with no get-ready wait so a hold starts at once."""
    with Psoas.open(locations, routine, Config(get_ready_seconds=0), clock) as opened:
        yield opened


def _run_to_the_end(session: HoldSession, clock: ManualClock) -> list[object]:
    """Tick a second at a time until the exercise is done; every batch of events, handled."""
    handled = []
    while not session.timer.finished:
        clock.advance(1)
        handled.append(session.handle(session.timer.tick()))
    return handled


def test_each_hold_is_saved_as_it_ends(psoas: Psoas, clock: ManualClock) -> None:
    first = psoas.today().exercises[0].exercise
    session = HoldSession(psoas, first.id)
    _run_to_the_end(session, clock)
    assert session.timer.phase is Phase.DONE
    assert psoas.today().exercises[0].done
    assert session.unsaved == 0


def test_the_next_exercise_is_the_first_undone_after_this_one(
    psoas: Psoas, clock: ManualClock
) -> None:
    exercises = [item.exercise for item in psoas.today().exercises]
    session = HoldSession(psoas, exercises[1].id)
    _run_to_the_end(session, clock)
    assert session.next_exercise == exercises[2]
    assert session.summary() == (
        f"{exercises[1].name}: done.\n"
        f"Next: {exercises[2].name} ({exercises[2].dose.describe()}). Press enter to start it."
    )


def test_the_last_undone_exercise_wraps_round_and_then_offers_nothing(
    psoas: Psoas, clock: ManualClock
) -> None:
    exercises = [item.exercise for item in psoas.today().exercises]
    for exercise in exercises[1:]:
        psoas.mark_done(exercise.id)
    session = HoldSession(psoas, exercises[-1].id)
    _run_to_the_end(session, clock)
    assert session.next_exercise == exercises[0]
    session.start(exercises[0].id)
    _run_to_the_end(session, clock)
    assert session.next_exercise is None
    assert session.summary().endswith(
        "Everything scheduled today is done. Press escape to go back."
    )


def test_a_hold_that_fails_to_save_is_kept_and_saved_after_the_next(
    psoas: Psoas, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    exercise = psoas.today().exercises[0].exercise
    session = HoldSession(psoas, exercise.id)
    record_hold = psoas.record_hold
    failures = iter([True])

    def flaky(hold: Hold) -> None:
        if next(failures, False):
            raise PsoasError("Could not save: the disk is full; nothing was changed.")
        record_hold(hold)

    monkeypatch.setattr(psoas, "record_hold", flaky)
    batches = _run_to_the_end(session, clock)
    failed = [batch for batch in batches if batch.error is not None]
    assert len(failed) == 1 and failed[0].waiting == 1
    assert sum(batch.saved for batch in batches) == exercise.dose.holds
    assert session.unsaved == 0
    assert psoas.today().exercises[0].done


def test_abort_keeps_the_hold_under_way(psoas: Psoas, clock: ManualClock) -> None:
    exercise = psoas.today().exercises[0].exercise
    session = HoldSession(psoas, exercise.id)
    clock.advance(1)
    session.handle(session.timer.tick())
    clock.advance(5)
    handled = session.abort()
    assert handled.saved == 1
    [hold] = psoas._repo.day(clock.today()).holds
    assert hold.held_seconds == pytest.approx(6, abs=0.01)


def test_this_hurts_stops_keeps_the_hold_and_logs_the_sign(
    psoas: Psoas, clock: ManualClock
) -> None:
    exercise = psoas.today().exercises[0].exercise
    session = HoldSession(psoas, exercise.id)
    clock.advance(3)
    session.handle(session.timer.tick())
    hurt = session.hurt()
    assert hurt.error is None and hurt.advice == HURT_ADVICE
    assert hurt.handled.saved == 1
    assert session.timer.phase is Phase.STOPPED
    [entry] = psoas.recent_entries(1)
    assert entry.signs == ("worse_after_stretch",)
    assert entry.note.startswith(f'Pressed "this hurts" during {exercise.name}, ')


def test_this_hurts_says_when_the_entry_could_not_be_noted(
    psoas: Psoas, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = HoldSession(psoas, psoas.today().exercises[0].exercise.id)

    def refuse(when: str) -> None:
        raise PsoasError("the disk is full")

    monkeypatch.setattr(psoas, "note_hurt", refuse)
    hurt = session.hurt()
    assert hurt.advice == f"{HURT_ADVICE}\n\nIt could not be noted in your log: the disk is full"


def test_an_exercise_past_midnight_is_summed_up_on_the_day_it_started(
    locations: Locations, routine: Routine
) -> None:
    clock = ManualClock(datetime(2026, 12, 2, 23, 59, 40, tzinfo=ZONE))
    with Psoas.open(locations, routine, Config(get_ready_seconds=0), clock) as psoas:
        started = clock.today()
        exercise = psoas.today().exercises[0].exercise
        session = HoldSession(psoas, exercise.id)
        _run_to_the_end(session, clock)
        assert clock.today() > started
        assert psoas.progress_on(started).exercises[0].done
        assert session.summary().startswith(f"{exercise.name}: done.")
