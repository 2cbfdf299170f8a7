"""The hold timer screen, driven by a manual clock: what it shows, what it stores, what it asks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable, Digits, Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.model import Hold
from psoas_tui.core.routine import Routine
from psoas_tui.core.timer import Phase
from psoas_tui.store.errors import SaveFailed
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.messages import Saved
from psoas_tui.ui.screens.confirm import Confirm
from psoas_tui.ui.screens.help import HelpScreen
from psoas_tui.ui.screens.hold import HoldScreen
from psoas_tui.ui.screens.referral import ReferralScreen
from psoas_tui.ui.screens.today import TodayScreen
from tests.apps import store
from tests.ui.conftest import AppFactory

SIZE = (100, 30)
KNEELING = "kneeling-hip-flexor-stretch"
SUPINE = "supine-psoas-stretch"


async def open_timer(app: PsoasApp, pilot: Pilot[None], exercise_id: str = KNEELING) -> HoldScreen:
    await pilot.pause()
    app.action_hold(exercise_id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, HoldScreen)
    return screen


async def run_for(
    pilot: Pilot[None], clock: ManualClock, screen: HoldScreen, seconds: float, step: float = 1.0
) -> None:
    """Let ``seconds`` go by on the manual clock, ticking the screen after each step."""
    steps = round(seconds / step)
    for _ in range(steps):
        clock.advance(step)
        screen.tick()
    await pilot.pause()


def text(screen: HoldScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def holds_today(app: PsoasApp, clock: ManualClock) -> tuple[Hold, ...]:
    return store(app).day(clock.today()).holds


def saved(messages: list[Message]) -> list[str]:
    return [message.kind for message in messages if isinstance(message, Saved)]


def hook(messages: list[Message]) -> Callable[[Message], None]:
    return messages.append


async def test_a_whole_exercise_is_timed_and_stored_hold_by_hold(
    make_test_app: AppFactory, clock: ManualClock, routine: Routine
) -> None:
    app = make_test_app()
    messages: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=hook(messages)) as pilot:
        screen = await open_timer(app, pilot)
        assert text(screen, "#hold-name") == "Kneeling hip flexor stretch"
        assert text(screen, "#hold-phase") == "Get ready"
        assert text(screen, "#hold-where") == "Next: left side, rep 1 of 3"
        assert screen.query_one("#hold-clock", Digits).value == "0:05"

        await run_for(pilot, clock, screen, 5 + 12)
        assert text(screen, "#hold-phase") == "Hold"
        assert text(screen, "#hold-where") == "Left side · rep 1 of 3"
        assert text(screen, "#hold-count") == "Hold 1 of 6"
        assert screen.query_one("#hold-clock", Digits).value == "0:18"
        assert "Breathe" in str(screen.query_one("#hold-pacer").render())

        await run_for(pilot, clock, screen, 18)
        assert text(screen, "#hold-phase") == "Rest"
        assert text(screen, "#hold-where") == "Next: left side, rep 2 of 3"
        assert text(screen, "#hold-count") == "1 of 6 holds done"
        assert len(holds_today(app, clock)) == 1

        await run_for(pilot, clock, screen, 10 + 30 + 10 + 30)
        assert text(screen, "#hold-phase") == "Switch sides"
        assert text(screen, "#hold-where") == "Next: right side, rep 1 of 3"

        await run_for(pilot, clock, screen, 10 + 30 + 10 + 30 + 10 + 30)
        assert screen.timer is not None and screen.timer.phase is Phase.DONE
        assert "Next: Supine psoas stretch" in text(screen, "#hold-message")

    record = store(app).day(clock.today())
    assert [(h.exercise_id, h.side, h.rep, h.held_seconds) for h in record.holds] == [
        (KNEELING, side, rep, 30.0) for side in ("left", "right") for rep in (1, 2, 3)
    ]
    assert all(h.planned_seconds == 30 and h.day == clock.today() for h in record.holds)
    assert record.planned == tuple(e.id for e in routine.scheduled_on(clock.today()))
    assert saved(messages).count("hold") == 6


async def test_enter_starts_the_next_exercise_of_the_day(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await pilot.press("enter")
        assert screen.exercise_id == KNEELING
        await run_for(pilot, clock, screen, 6 * 30 + 5 * 10)
        assert screen.next_exercise is not None and screen.next_exercise.id == SUPINE
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.exercise_id == SUPINE
        assert text(screen, "#hold-name") == "Supine psoas stretch"
        assert text(screen, "#hold-phase") == "Hold"
        assert text(screen, "#hold-message") == ""
        await run_for(pilot, clock, screen, 30)
    assert [h.exercise_id for h in holds_today(app, clock)][-1] == SUPINE


async def test_a_whole_routine_runs_without_leaving_the_timer(
    make_test_app: AppFactory, clock: ManualClock, routine: Routine
) -> None:
    scheduled = routine.scheduled_on(clock.today())
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot, scheduled[0].id)
        for exercise in scheduled:
            assert screen.exercise_id == exercise.id
            await run_for(pilot, clock, screen, 5 + exercise.dose.total_seconds + 10, step=5)
            await pilot.press("enter")
            await pilot.pause()
        assert screen.next_exercise is None
        assert "Everything scheduled today is done" in text(screen, "#hold-message")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        table = app.screen.query_one("#exercises", DataTable)
        assert [str(table.get_cell(e.id, "state")) for e in scheduled] == ["done"] * len(scheduled)
    holds = holds_today(app, clock)
    assert len(holds) == sum(exercise.dose.holds for exercise in scheduled)
    assert all(hold.complete for hold in holds)


async def test_a_breath_counted_hold_paces_and_counts_the_breaths(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0, breath_in=3, breath_out=5))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot, "bridge")
        await run_for(pilot, clock, screen, 9)
        pacer = str(screen.query_one("#hold-pacer").render())
        assert pacer.startswith("Breathe in")
        assert pacer.endswith(" 2 s  breath 2 of 3")
        await run_for(pilot, clock, screen, 3)
        assert str(screen.query_one("#hold-pacer").render()).startswith("Breathe out")
        await run_for(pilot, clock, screen, 12)
    (hold,) = holds_today(app, clock)
    # Three breaths of 3 s in and 5 s out.
    assert (hold.exercise_id, hold.planned_seconds, hold.held_seconds) == ("bridge", 24, 24)


async def test_h_inside_the_timer_does_not_open_a_second_one(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is screen
        assert sum(isinstance(s, HoldScreen) for s in app.screen_stack) == 1


async def test_pause_stops_the_count_and_the_ticks(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    opened_at = clock.now()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5 + 10)
        assert screen.ticking
        await pilot.press("space")
        await pilot.pause()
        assert not screen.ticking
        assert text(screen, "#hold-phase") == "Hold · paused (space to resume)"
        await run_for(pilot, clock, screen, 300)
        assert screen.query_one("#hold-clock", Digits).value == "0:20"
        assert holds_today(app, clock) == ()
        await pilot.press("space")
        await pilot.pause()
        assert screen.ticking
        await run_for(pilot, clock, screen, 20)
    (hold,) = holds_today(app, clock)
    assert hold.held_seconds == 30
    assert hold.started_at == opened_at + timedelta(seconds=5)


async def test_skip_saves_the_hold_as_held_so_far(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5 + 12)
        await pilot.press("n")
        await pilot.pause()
        assert text(screen, "#hold-phase") == "Rest"
        await pilot.press("n")
        await pilot.pause()
        assert text(screen, "#hold-phase") == "Hold"
        assert text(screen, "#hold-where") == "Left side · rep 2 of 3"
    (hold,) = holds_today(app, clock)
    assert (hold.rep, hold.held_seconds, hold.complete) == (1, 12.0, False)


async def test_plus_adds_ten_seconds_to_the_hold(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5 + 25)
        await pilot.press("plus")
        await pilot.pause()
        assert screen.query_one("#hold-clock", Digits).value == "0:15"
        await run_for(pilot, clock, screen, 15)
    (hold,) = holds_today(app, clock)
    assert (hold.planned_seconds, hold.held_seconds) == (30, 40)


async def test_escape_during_a_hold_asks_first(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5 + 8)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.ticking
        assert holds_today(app, clock) == ()
        await run_for(pilot, clock, screen, 2)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    (hold,) = holds_today(app, clock)
    assert hold.held_seconds == 10


async def test_escape_outside_a_hold_leaves_at_once(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5 + 30 + 3)
        assert text(screen, "#hold-phase") == "Rest"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        table = app.screen.query_one("#exercises", DataTable)
        assert str(table.get_cell(KNEELING, "state")) == "1/6 holds"
    assert len(holds_today(app, clock)) == 1


async def test_quitting_in_the_middle_of_a_hold_keeps_the_hold(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5 + 30 + 10 + 9)
        await pilot.press("q")
        await pilot.pause()
    assert [(h.rep, h.held_seconds) for h in holds_today(app, clock)] == [(1, 30.0), (2, 9.0)]


async def test_this_hurts_stops_saves_and_notes_the_sign(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    messages: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=hook(messages)) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5 + 30 + 10 + 7)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert screen.timer is not None and screen.timer.phase is Phase.STOPPED
        assert not screen.ticking
        advice = text(screen, "#hold-message")
        assert "Stop this stretch" in advice
        assert "physical therapist, doctor or chiropractor" in advice
        assert "cannot tell what is causing it" in advice
        assert "Press l to log how you feel" in advice
        await run_for(pilot, clock, screen, 60)
        assert len(holds_today(app, clock)) == 2
        assert saved(messages) == ["hold", "hold", "entry"]

    holds = holds_today(app, clock)
    assert [(h.rep, h.held_seconds) for h in holds] == [(1, 30.0), (2, 7.0)]
    (entry,) = store(app).entries()
    assert entry.signs == ("worse_after_stretch",)
    assert (entry.pain, entry.stiffness) == (None, None)
    assert entry.day == clock.today()
    assert entry.note == (
        'Pressed "this hurts" during Kneeling hip flexor stretch, left side, rep 2 of 3 (hold).'
    )


async def test_this_hurts_prompts_a_check_and_l_leaves_for_the_log(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5 + 7)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        # The noted sign is a warning sign: the referral prompt opens over the timer.
        assert isinstance(app.screen, ReferralScreen)
        app.pop_screen()
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("l")
        await pilot.pause()
        assert app.current_mode == "log"
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_this_hurts_after_the_exercise_is_still_noted(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot, SUPINE)
        await run_for(pilot, clock, screen, 30 + 10 + 30)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "Stop this stretch" in text(screen, "#hold-message")
        await pilot.press("exclamation_mark")
        await pilot.pause()
    (entry,) = store(app).entries()
    assert entry.note == 'Pressed "this hurts" just after Supine psoas stretch.'


async def test_a_failed_save_is_shown_and_the_timer_keeps_going(
    make_test_app: AppFactory, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_test_app(config=Config(get_ready_seconds=0))
    add_hold = store(app).add_hold
    failures = [SaveFailed(Path("/data/psoas.json"), OSError(28, "No space left on device"))]

    def flaky_add_hold(hold: Hold, planned: Any) -> None:
        if failures:
            raise failures.pop()
        add_hold(hold, planned)

    monkeypatch.setattr(store(app), "add_hold", flaky_add_hold)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 30)
        problem = text(screen, "#hold-message")
        assert "the disk is full" in problem
        assert "1 unsaved hold is tried again after the next hold" in problem
        assert screen.ticking
        assert holds_today(app, clock) == ()
        await run_for(pilot, clock, screen, 10 + 30)
        assert [h.rep for h in holds_today(app, clock)] == [1, 2]


async def test_the_bell_rings_at_each_phase_change_until_b(
    make_test_app: AppFactory, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_test_app()
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5)
        await run_for(pilot, clock, screen, 30)
        assert len(rings) == 2
        await pilot.press("b")
        await pilot.pause()
        assert not screen.bell
        await run_for(pilot, clock, screen, 10)
        assert len(rings) == 2


async def test_help_lists_every_key_of_the_timer(make_test_app: AppFactory) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_timer(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(str(block.render()) for block in app.screen.query(".help-keys"))
        for key, description in [
            ("space", "Pause/resume"),
            ("n", "Skip"),
            ("+", "Add 10 s"),
            ("!", "This hurts"),
            ("b", "Bell on/off"),
            ("esc", "Stop"),
        ]:
            assert f"{key:<12} {description}" in shown
    assert all(
        isinstance(binding, Binding) and binding.description for binding in HoldScreen.BINDINGS
    )


def _at(clock: ManualClock, seconds: float) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open the kneeling stretch's timer and let ``seconds`` go by on the frozen clock."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, PsoasApp)
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, seconds)

    return run_before


def test_snapshot_in_a_hold(
    make_test_app: AppFactory, clock: ManualClock, snap_compare: object
) -> None:
    app = make_test_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=_at(clock, 5 + 30 + 10 + 12))  # type: ignore[operator]


def test_snapshot_in_a_rest(
    make_test_app: AppFactory, clock: ManualClock, snap_compare: object
) -> None:
    app = make_test_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=_at(clock, 5 + 30 + 4))  # type: ignore[operator]
