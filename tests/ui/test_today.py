"""Today's routine: select, mark done, undo, reopen, day rollover."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, ProgressBar, Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.routine import Routine
from psoas_tui.ui.screens.confirm import Confirm
from psoas_tui.ui.screens.help import HelpScreen
from psoas_tui.ui.screens.hold import HoldScreen
from psoas_tui.ui.screens.today import TodayScreen
from tests.apps import store
from tests.ui.conftest import AppFactory

SIZE = (100, 30)


def _state(table: DataTable[str], exercise_id: str) -> str:
    return str(table.get_cell(exercise_id, "state"))


async def test_today_lists_the_scheduled_exercises_with_dose_and_state(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        table = app.screen.query_one("#exercises", DataTable)
        scheduled = routine.scheduled_on(clock.today())
        assert table.row_count == len(scheduled) > 0
        for exercise in scheduled:
            assert table.get_cell(exercise.id, "name").plain == exercise.name
            assert table.get_cell(exercise.id, "dose") == exercise.dose.describe()
            assert _state(table, exercise.id) == "not started"
        date_text = str(app.screen.query_one("#today-date", Static).render())
        assert date_text == "Saturday 21 November 2026"
        summary = str(app.screen.query_one("#today-summary", Static).render())
        assert summary.startswith(f"0 of {len(scheduled)} done")


async def test_mark_done_saves_at_once_and_survives_a_restart(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    scheduled = routine.scheduled_on(clock.today())
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "d")
        await pilot.pause()
        table = app.screen.query_one("#exercises", DataTable)
        assert _state(table, scheduled[1].id) == "done by hand"
        assert _state(table, scheduled[0].id) == "not started"
        assert [mark.exercise_id for mark in store(app).day(clock.today()).marks] == [
            scheduled[1].id
        ]
        bar = app.screen.query_one("#today-bar", ProgressBar)
        assert bar.progress > 0

    reopened = make_test_app()
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = reopened.screen.query_one("#exercises", DataTable)
        assert _state(table, scheduled[1].id) == "done by hand"
        summary = str(reopened.screen.query_one("#today-summary", Static).render())
        assert summary.startswith(f"1 of {len(scheduled)} done")


async def test_undo_removes_the_mark_and_is_saved(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    first = routine.scheduled_on(clock.today())[0]
    app = make_test_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        table = app.screen.query_one("#exercises", DataTable)
        assert _state(table, first.id) == "not started"
        assert store(app).day(clock.today()).marks == ()
        await pilot.press("u")
        await pilot.pause()
        assert any("no by-hand mark" in n.message for n in app._notifications)

    reopened = make_test_app()
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = reopened.screen.query_one("#exercises", DataTable)
        assert _state(table, first.id) == "not started"


async def test_enter_opens_the_hold_timer_for_the_selected_exercise(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    scheduled = routine.scheduled_on(clock.today())
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HoldScreen)
        assert app.screen.exercise_id == scheduled[2].id


async def test_help_lists_the_keys_of_today(make_test_app: AppFactory) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(block.render()) for block in app.screen.query(".help-keys"))
        for key, description in [
            ("⏎", "Start hold"),
            ("d", "Mark done"),
            ("u", "Undo mark"),
            ("t", "Today"),
            ("h", "Hold timer"),
            ("q", "Quit"),
            ("j", "Down"),
        ]:
            assert any(
                line.split()[:1] == [key] and line.endswith(description)
                for line in text.splitlines()
            ), (key, description, text)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_today_rolls_over_when_midnight_passes(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        clock.advance(timedelta(hours=17).total_seconds())
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        screen._check_day()
        await pilot.pause()
        date_text = str(screen.query_one("#today-date", Static).render())
        assert date_text == "Sunday 22 November 2026"
        table = screen.query_one("#exercises", DataTable)
        first = routine.scheduled_on(clock.today())[0]
        assert _state(table, first.id) == "not started"


async def test_escape_goes_back_to_today_from_the_log_and_the_streaks(
    make_test_app: AppFactory,
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("l", "s"):
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, TodayScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen), key
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_everything_done_shows_the_streak_and_a_nudge_to_log(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    for exercise in routine.scheduled_on(clock.today()):
        app.psoas.mark_done(exercise.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary = str(app.screen.query_one("#today-summary", Static).render())
        assert summary == "Everything done: streak 1. Press l to log how you feel"


async def test_the_summary_carries_the_current_streak(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    yesterday = clock.today() - timedelta(days=1)
    for exercise in routine.scheduled_on(yesterday):
        app.psoas.mark_done(exercise.id, yesterday)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary = str(app.screen.query_one("#today-summary", Static).render())
        assert summary.endswith("min left · streak 1")


async def test_back_from_a_finished_exercise_the_highlight_moves_to_the_next_to_do(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    scheduled = routine.scheduled_on(clock.today())
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.psoas.mark_done(scheduled[0].id)
        await pilot.press("escape")
        await pilot.pause()
        if isinstance(app.screen, Confirm):
            await pilot.press("y")
            await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.selected_exercise_id() == scheduled[1].id


async def test_j_and_k_move_like_the_arrows_and_help_explains_the_glyphs(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    scheduled = routine.scheduled_on(clock.today())
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("j", "j")
        assert app.screen.selected_exercise_id() == scheduled[2].id
        await pilot.press("k")
        assert app.screen.selected_exercise_id() == scheduled[1].id
        await pilot.press("question_mark")
        await pilot.pause()
        shown = "\n".join(str(part.render()) for part in app.screen.query(".help-keys"))
        assert "◐  started: some holds done" in shown
        assert "Cursor up" not in shown and "Page down" not in shown
