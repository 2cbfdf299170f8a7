"""One hold timer at a time: ``h`` brings back the running one, and leaving it pauses it."""

from __future__ import annotations

from textual.pilot import Pilot

from psoas_tui.clock import ManualClock
from psoas_tui.core.timer import Phase
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.confirm import Confirm
from psoas_tui.ui.screens.help import HelpScreen
from psoas_tui.ui.screens.hold import HoldScreen
from tests.apps import store
from tests.ui.conftest import AppFactory
from tests.ui.test_hold import KNEELING, SIZE, open_timer, run_for


async def _into_the_first_hold(app: PsoasApp, pilot: Pilot[None], clock: ManualClock) -> HoldScreen:
    screen = await open_timer(app, pilot)
    await run_for(pilot, clock, screen, 5 + 12)
    assert screen.timer is not None and screen.timer.phase is Phase.HOLD
    return screen


async def test_h_on_another_screen_brings_back_the_running_timer(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        first = await _into_the_first_hold(app, pilot, clock)
        for mode_key in ("s", "l"):
            await pilot.press(mode_key)
            await pilot.pause()
            assert not isinstance(app.screen, HoldScreen)
            await pilot.press("h")
            await pilot.pause()
            assert app.screen is first
        stacked = {
            id(screen)
            for stack in app._screen_stacks.values()
            for screen in stack
            if isinstance(screen, HoldScreen)
        }
        assert stacked == {id(first)}


async def test_leaving_the_timer_pauses_it_and_nothing_is_saved_twice(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _into_the_first_hold(app, pilot, clock)
        assert screen.timer is not None
        before = screen.timer.status().remaining
        await pilot.press("s")
        await pilot.pause()
        clock.advance(120)
        await pilot.pause()
        assert screen.timer.paused
        await pilot.press("h")
        await pilot.pause()
        assert screen.timer.paused and screen.timer.status().remaining == before
        assert store(app).day(clock.today()).holds == ()
        await pilot.press("space")
        await run_for(pilot, clock, screen, before + 1)
        assert len(store(app).day(clock.today()).holds) == 1


async def test_the_stop_question_pauses_the_timer_until_it_is_answered(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _into_the_first_hold(app, pilot, clock)
        assert screen.timer is not None
        before = screen.timer.status().remaining
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        clock.advance(60)
        screen.tick()
        assert screen.timer.phase is Phase.HOLD and screen.timer.status().remaining == before
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and not screen.timer.paused
        assert store(app).day(clock.today()).holds == ()


async def test_help_over_the_timer_pauses_it(make_test_app: AppFactory, clock: ManualClock) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _into_the_first_hold(app, pilot, clock)
        assert screen.timer is not None
        before = screen.timer.status().remaining
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        clock.advance(60)
        screen.tick()
        assert screen.timer.status().remaining == before
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not screen.timer.paused
        assert screen.exercise_id == KNEELING
