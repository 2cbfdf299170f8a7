"""Every screen at 80x24, the classic terminal, and without colour (``NO_COLOR``).

At 80 columns the footer keeps ``? Help`` and ``q Quit`` on every screen and ``esc Stop`` on the
timer, Today keeps its state column, and each screen has a snapshot; without colour, each
screen's snapshot is taken again (the ticks, the focus and the states read from glyphs).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.ui.app import PsoasApp
from tests.ui.conftest import AppFactory
from tests.ui.test_streaks import counted, seed_history

SMALL = (80, 24)


def footer_keys(app: PsoasApp) -> list[str]:
    """The footer's keys that fit on the screen, as ``key description``."""
    return [
        f"{key.key_display} {key.description}"
        for key in app.screen.query(FooterKey)
        if key.region.width and key.region.right <= SMALL[0]
    ]


async def _today(pilot: Pilot[None]) -> None:
    await pilot.pause()


async def _hold(pilot: Pilot[None]) -> None:
    await pilot.press("enter")
    await pilot.pause()


async def _log(pilot: Pilot[None]) -> None:
    await pilot.press("l")
    await pilot.pause()


async def _streaks(pilot: Pilot[None]) -> None:
    await pilot.press("s")
    await counted(pilot)


async def _help(pilot: Pilot[None]) -> None:
    await pilot.press("l", "question_mark")
    await pilot.pause()


async def _about_you(pilot: Pilot[None]) -> None:
    await pilot.press("l", "a")
    await pilot.pause()


SCREENS: dict[str, Callable[[Pilot[None]], Awaitable[None]]] = {
    "today": _today,
    "hold": _hold,
    "log": _log,
    "streaks": _streaks,
}
#: The modal screens, drawn over the others: at 80x24 too.
MODALS: dict[str, Callable[[Pilot[None]], Awaitable[None]]] = {
    "help": _help,
    "about-you": _about_you,
}


@pytest.mark.parametrize("screen", SCREENS)
async def test_at_80x24_the_footer_keeps_help_and_quit(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock, screen: str
) -> None:
    app = make_test_app()
    seed_history(app.psoas._repo, routine, clock)
    async with app.run_test(size=SMALL) as pilot:
        await SCREENS[screen](pilot)
        shown = footer_keys(app)
        assert "? Help" in shown and "q Quit" in shown, shown
        if screen == "hold":
            assert shown[0] == "esc Stop"


async def test_at_80x24_today_keeps_its_state_column(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#exercises", DataTable)
        columns = table.ordered_columns
        keys = [column.key.value for column in columns]
        through_state = columns[: keys.index("state") + 1]
        assert sum(column.get_render_width(table) for column in through_state) <= SMALL[0]


def _snapshot_app(make_test_app: AppFactory, routine: Routine, clock: ManualClock) -> PsoasApp:
    app = make_test_app()
    seed_history(app.psoas._repo, routine, clock)
    return app


@pytest.mark.parametrize("screen", SCREENS)
def test_snapshot_at_80x24(
    snap_compare: Callable[..., bool],
    make_test_app: AppFactory,
    routine: Routine,
    clock: ManualClock,
    screen: str,
) -> None:
    app = _snapshot_app(make_test_app, routine, clock)
    assert snap_compare(app, terminal_size=SMALL, run_before=SCREENS[screen])


@pytest.mark.parametrize("screen", SCREENS)
def test_snapshot_without_colour(
    snap_compare: Callable[..., bool],
    make_test_app: AppFactory,
    routine: Routine,
    clock: ManualClock,
    screen: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual reads NO_COLOR when the app is made, and draws it in monochrome.
    monkeypatch.setenv("NO_COLOR", "1")
    app = _snapshot_app(make_test_app, routine, clock)
    assert app.no_color
    assert snap_compare(app, terminal_size=(100, 30), run_before=SCREENS[screen])


@pytest.mark.parametrize("screen", MODALS)
def test_snapshot_of_a_modal_at_80x24(
    snap_compare: Callable[..., bool],
    make_test_app: AppFactory,
    routine: Routine,
    clock: ManualClock,
    screen: str,
) -> None:
    app = _snapshot_app(make_test_app, routine, clock)
    assert snap_compare(app, terminal_size=SMALL, run_before=MODALS[screen])


def test_snapshot_of_the_timer_question_at_80x24(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    app.psoas.log_entry(
        SymptomEntry(
            "s" * 32,
            clock.today(),
            clock.now(),
            3,
            2,
            signs=("one_leg_weak",),
            asked=("one_leg_weak",),
        )
    )

    async def ask(pilot: Pilot[None]) -> None:
        await pilot.press("escape", "h")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=ask)
