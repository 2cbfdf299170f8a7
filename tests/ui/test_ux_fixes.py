"""What a new user's walk through the app found confusing, each kept from coming back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual import events
from textual.widgets import DataTable, Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.demo import demo_history
from psoas_tui.core.model import Answer, SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.locations import Locations
from psoas_tui.ui.screens.confirm import Confirm
from psoas_tui.ui.screens.hold import HoldScreen
from psoas_tui.ui.screens.log import LogScreen, ScoreField
from psoas_tui.ui.widgets.streak_calendar import StreakCalendar
from tests.apps import store
from tests.ui.conftest import AppFactory
from tests.ui.test_hold import SIZE, open_timer, run_for


async def test_q_with_a_half_filled_log_form_asks_first(make_test_app: AppFactory) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        assert app.return_code == 0  # an empty form quits at once
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("7", "tab", "8", "q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        assert app.screen.query_one("#log-pain", ScoreField).value == 8


async def test_keys_typed_in_a_burst_land_in_the_fields_they_were_typed_for(
    make_test_app: AppFactory,
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        # Sent together, as a paste or a slow link delivers them: nothing waits between keys.
        for key, character in (("7", "7"), ("tab", None), ("8", "8")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#log-stiffness", ScoreField).value == 7
        assert app.screen.query_one("#log-pain", ScoreField).value == 8


async def test_this_hurts_pressed_by_mistake_is_taken_back_from_the_timer(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timer(app, pilot)
        await run_for(pilot, clock, screen, 5 + 3)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        await pilot.press("escape")  # the prompt the warning sign opens
        await pilot.pause()
        assert isinstance(app.screen, HoldScreen)
        assert [entry.signs for entry in store(app).entries()] == [("worse_after_stretch",)]
        await pilot.press("u")
        await pilot.pause()
        assert store(app).entries() == []
        assert "taken back" in str(app.screen.query_one("#hold-message", Static).render())
        assert len(store(app).day(clock.today()).holds) == 1  # the hold so far is kept


async def test_a_this_hurts_entry_is_edited_without_inventing_scores(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    entry = app.psoas.note_hurt("during the bridge, rep 1 of 3 (hold)")
    app.psoas.answer_referral(app.psoas.referral_rules(), Answer.acknowledged)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        app.screen.edit(entry.id)
        await pilot.pause()
        note = app.screen.query_one("#log-note")
        note.focus()
        await pilot.press("end", *" and then it eased", "ctrl+s")
        await pilot.pause()
        [saved] = store(app).entries()
        assert (saved.pain, saved.stiffness) == (None, None)
        assert (
            saved.note
            == 'Pressed "this hurts" during the bridge, rep 1 of 3 (hold). and then it eased'
        )


async def test_the_log_pages_back_to_older_entries(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    old = clock.today() - timedelta(days=45)
    store(app).save_entry(SymptomEntry("o" * 32, old, clock.now(), 1, 1, asked=()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one("#log-recent", DataTable)
        assert table.row_count == 0
        table.focus()
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert table.row_count == 1
        label = str(app.screen.query_one("#log-recent-label", Static).render())
        assert label.startswith("Entries from")
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert table.row_count == 1  # nothing older: it stays
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert table.row_count == 0
        assert str(app.screen.query_one("#log-recent-label", Static).render()).startswith(
            "Recent entries"
        )


async def test_the_calendar_goes_back_before_its_26_weeks(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    zone = clock.now().tzinfo
    assert zone is not None
    store(app).merge(demo_history(routine, clock.today(), zone, 1))
    app.psoas.answer_referral(app.psoas.referral_rules(), Answer.acknowledged)
    start = min(day.day for day in store(app).days())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        calendar = app.screen.query_one(StreakCalendar)
        for _ in range(40):
            await pilot.press("left")
        await pilot.pause()
        assert calendar.cursor < clock.today() - timedelta(weeks=26)
        assert calendar.first_day <= calendar.cursor
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert calendar.cursor >= start - timedelta(days=start.weekday())
        await pilot.press("end")
        await pilot.pause()
        assert calendar.cursor == clock.today()


async def test_a_theme_picked_is_kept_in_config_toml(
    make_test_app: AppFactory, locations: Locations
) -> None:
    locations.config_dir.mkdir(parents=True, exist_ok=True)
    (locations.config_dir / "config.toml").write_text("bell = false\n", encoding="utf-8")
    app = make_test_app(config=Config(bell=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    text = Path(locations.config_dir / "config.toml").read_text(encoding="utf-8")
    assert text == 'bell = false\ntheme = "nord"\n'
    again = make_test_app(config=Config(bell=False, theme="nord"))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_the_palette_writes_an_export_privately(
    make_test_app: AppFactory, clock: ManualClock, locations: Locations
) -> None:
    app = make_test_app()
    app.psoas.log_entry(SymptomEntry("e" * 32, clock.today(), clock.now(), 2, 3, asked=()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_export()
        await pilot.pause()
        commands = [command.title for command in app.get_system_commands(app.screen)]
    [written] = list(locations.reports.iterdir())
    assert written.name == f"psoas-export-{clock.today().isoformat()}.json"
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    assert '"id":"' + "e" * 32 + '"' in written.read_text(encoding="utf-8")
    for title in ("Export", "Summary for my clinician", "Referral prompt", "About you"):
        assert title in commands
