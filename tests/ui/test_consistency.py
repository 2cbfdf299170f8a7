"""Consistency beside the streak in the app: Today's line (as much as fits beside the whole date,
80 columns included) and the streaks screen."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.routine import Routine
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.streaks import StreaksScreen
from psoas_tui.ui.screens.today import TodayScreen
from tests.ui.conftest import AppFactory
from tests.ui.test_streaks import counted


def done_on(app: PsoasApp, routine: Routine, *days: date) -> None:
    for day in days:
        for exercise in routine.scheduled_on(day):
            app.psoas.mark_done(exercise.id, day)


def one_lapse(make_test_app: AppFactory, routine: Routine, clock: ManualClock) -> PsoasApp:
    """Ten days done but the fourth before today: the streak is 3, and 6 of the last 7."""
    app = make_test_app()
    today = clock.today()
    done_on(app, routine, *(today - timedelta(days=back) for back in range(10, 0, -1) if back != 4))
    return app


def header(app: PsoasApp) -> tuple[str, str]:
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    return (
        str(screen.query_one("#today-date", Static).render()),
        str(screen.query_one("#today-summary", Static).render()),
    )


async def test_today_shows_the_consistency_beside_the_streak_at_80_columns(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = one_lapse(make_test_app, routine, clock)
    total = len(routine.scheduled_on(clock.today()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        day, summary = header(app)
        assert summary.startswith(f"0 of {total} done · ")
        assert summary.endswith(" · streak 3 · 6 of last 7")
        # The date stays whole beside it: the line is not cut short.
        assert day == "Saturday 21 November 2026"
        assert app.screen.query_one("#today-date").size.width >= len(day) + 2
        await pilot.resize_terminal(130, 30)
        await pilot.pause()
        assert header(app)[1].endswith(" · streak 3 · 6 of last 7 · never twice in a row")


async def test_everything_done_at_80_columns_keeps_the_consistency_over_the_nudge(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = one_lapse(make_test_app, routine, clock)
    done_on(app, routine, clock.today())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Today done counts too; the lapse four days back is still among the last 7.
        assert header(app) == (
            "Saturday 21 November 2026",
            "Everything done: streak 4 · 6 of last 7",
        )
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert header(app)[1] == (
            "Everything done: streak 4 · 6 of last 7. Press l to log how you feel"
        )


async def test_today_reads_the_consistency_again_after_a_mark(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    done_on(app, routine, clock.today() - timedelta(days=2))
    scheduled = routine.scheduled_on(clock.today())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Yesterday missed and today pending: too little to say.
        assert header(app)[1].endswith("min left · streak 0 · 1 of 2 so far")
        for _ in scheduled:
            await pilot.press("d", "down")
        await pilot.pause()
        assert header(app)[1] == (
            "Everything done: streak 1 · 2 of 3 so far. Press l to log how you feel"
        )


async def test_with_too_little_history_today_shows_the_streak_alone(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    done_on(app, routine, clock.today() - timedelta(days=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert header(app)[1].endswith("min left · streak 1")


async def test_the_streaks_screen_shows_it_under_the_streaks(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = one_lapse(make_test_app, routine, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await counted(pilot)
        assert isinstance(app.screen, StreaksScreen)
        shown = app.screen.query_one("#consistency", Static)
        assert shown.display
        assert str(shown.render()) == "6 of the last 7 scheduled days · never twice in a row"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert str(shown.render()).splitlines() == [
            "6 of the last 7 scheduled days",
            "never twice in a row",
        ]


async def test_the_streaks_screen_counts_partial_days_as_the_user_chose(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    today = clock.today()
    seeding = make_test_app()
    done_on(seeding, routine, *(today - timedelta(days=back) for back in (6, 5, 3, 2, 1)))
    first = routine.scheduled_on(today - timedelta(days=4))[0]
    seeding.psoas.mark_done(first.id, today - timedelta(days=4))
    for count_partial, expected in (
        (False, "5 of 6 scheduled days so far · never twice in a row"),
        (True, "6 of 6 scheduled days so far · never twice in a row"),
    ):
        app = make_test_app(config=Config(count_partial=count_partial))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("s")
            await counted(pilot)
            assert str(app.screen.query_one("#consistency", Static).render()) == expected


async def test_the_streaks_screen_hides_it_with_too_little_history(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await counted(pilot)
        assert not app.screen.query_one("#consistency", Static).display
