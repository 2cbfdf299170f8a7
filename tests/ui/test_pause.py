"""``P``: the pause form, and how a pause shows on Today, the calendar and the day panel."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, RadioButton, RadioSet, Static

from psoas_tui.core.model import Pause, PauseReason
from psoas_tui.core.streaks import DayStatus
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.help import HelpScreen
from psoas_tui.ui.screens.pause import PauseScreen
from psoas_tui.ui.widgets.streak_calendar import GLYPHS, StreakCalendar, legend_text
from tests.apps import store
from tests.ui.conftest import AppFactory

SIZE = (100, 30)


def _summary(app: PsoasApp) -> str:
    return str(app.screen.query_one("#today-summary", Static).render())


async def test_p_opens_the_form_from_today_a_bad_date_is_said_and_nothing_saved(
    make_test_app: AppFactory,
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("P")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PauseScreen)
        assert screen.query_one("#pause-from", Input).value == "2026-11-21"
        assert screen.query_one("#pause-to", Input).value == "2026-11-27"
        # Keyboard only: tab to "to", type a bad day, enter.
        await pilot.press("tab", "ctrl+a", "ctrl+k", *"2026-11-5", "enter")
        await pilot.pause()
        error = str(screen.query_one("#pause-error", Static).render())
        assert error == "To: '2026-11-5' is not a date; allowed: YYYY-MM-DD, today or yesterday"
        assert app.screen is screen
        assert store(app).pauses() == []

        await pilot.press("ctrl+a", "ctrl+k", *"2026-11-30", "tab", "down", "space", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PauseScreen)
        assert store(app).pauses() == [
            Pause(date(2026, 11, 21), date(2026, 11, 30), PauseReason.illness)
        ]
        assert _summary(app).startswith("Paused for illness until 2026-11-30: nothing is due")


async def test_escape_closes_the_form_without_saving(make_test_app: AppFactory) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen.query_one("#pause-reason", RadioSet), RadioSet)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PauseScreen)
        assert store(app).pauses() == []


async def test_help_lists_p(make_test_app: AppFactory) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(str(part.render()) for part in app.screen.query(".help-keys"))
        assert "P            Pause" in shown


def test_paused_days_have_their_own_character_and_a_place_in_the_legend() -> None:
    glyph = GLYPHS[DayStatus.PAUSED]
    assert glyph.isascii() and list(GLYPHS.values()).count(glyph) == 1
    assert f"{glyph} paused" in legend_text().plain


async def test_the_calendar_draws_paused_days_and_the_panel_names_the_pause(
    make_test_app: AppFactory,
) -> None:
    app = make_test_app()
    app.psoas.mark_done("bridge", date(2026, 11, 10))
    store(app).save_pause(Pause(date(2026, 11, 15), date(2026, 11, 19), PauseReason.travel))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        calendar = app.screen.query_one(StreakCalendar)
        # Sunday's row: 15 November is a Sunday.
        sunday = calendar.render().plain.splitlines()[7]
        assert "=" in sunday
        sunday_summary = calendar.summary(date(2026, 11, 15))
        assert sunday_summary is not None and sunday_summary.status is DayStatus.PAUSED
        await pilot.press("up", "up", "up")
        await pilot.pause()
        panel = str(app.screen.query_one("#day-panel", Static).render())
        assert "= paused, never a break" in panel
        assert "Paused for travel: 15 Nov - 19 Nov" in panel


async def test_the_chosen_reason_shows_without_colour(make_test_app: AppFactory) -> None:
    app = make_test_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("P")
        await pilot.press("tab", "tab", "down", "space")
        await pilot.pause()
        buttons = list(app.screen.query_one("#pause-reason", RadioSet).query(RadioButton))
        marks = {button.id: button.render().plain[1] for button in buttons}
        assert marks == {"travel": " ", "illness": "●", "flare": " ", "clinician": " "}


async def test_at_80_columns_a_pause_keeps_the_whole_date(make_test_app: AppFactory) -> None:
    app = make_test_app()
    store(app).save_pause(Pause(date(2026, 11, 21), date(2026, 11, 30), PauseReason.clinician))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # A shorter wording, not a squeezed date: the whole line would not fit beside it.
        assert "until 2026-11-30" in _summary(app)
        assert "nothing is due" not in _summary(app)
    wide = make_test_app()
    async with wide.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        assert "until 2026-11-30: nothing is due" in _summary(wide)
