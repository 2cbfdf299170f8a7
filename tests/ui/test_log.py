"""The symptom log screen: a keyboard-first form, field messages, edit and delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import Answer, SymptomEntry
from psoas_tui.store.errors import SaveFailed
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.messages import Saved
from psoas_tui.ui.screens.confirm import Confirm
from psoas_tui.ui.screens.log import LogScreen, ScoreField, YesNo
from psoas_tui.ui.screens.referral import ReferralScreen
from psoas_tui.ui.widgets.place_list import PlaceList
from tests.apps import store
from tests.ui.conftest import AppFactory

SIZE = (100, 30)


def score(app: PsoasApp, field: str) -> int | None:
    return app.screen.query_one(f"#log-{field}", ScoreField).value


def error_at(app: PsoasApp, field: str) -> str:
    error = app.screen.query_one(f"#error-{field}", Static)
    return str(error.render()) if error.has_class("shown") else ""


async def open_log(pilot: Pilot[None]) -> None:
    await pilot.press("l")
    await pilot.pause()


async def test_digits_set_the_focused_score_and_1_then_0_makes_10(
    make_test_app: AppFactory,
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        assert isinstance(app.screen, LogScreen)
        assert app.focused is app.screen.query_one("#log-stiffness")
        await pilot.press("3")
        assert score(app, "stiffness") == 3
        await pilot.press("tab", "1", "0")
        assert score(app, "pain") == 10
        await pilot.press("7", "left", "left")
        assert score(app, "pain") == 5
        await pilot.press("right")
        assert score(app, "pain") == 6
        await pilot.press("1", "1")
        assert score(app, "pain") == 1
        assert score(app, "stiffness") == 3
        anchors = str(app.screen.query_one("#log-anchors", Static).render())
        assert "0 none" in anchors and "10 worst imaginable" in anchors
        assert "1-3 mild" in anchors and "4-6 moderate" in anchors and "7-10 severe" in anchors


async def test_a_whole_entry_typed_from_the_keyboard_is_saved(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    saved: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Saved):
            saved.append(message.kind)

    app = make_test_app()
    async with app.run_test(size=SIZE, message_hook=hook, notifications=True) as pilot:
        await open_log(pilot)
        await pilot.press("4", "tab", "6", "tab", "2", "5", "tab")
        assert app.focused is app.screen.query_one("#log-where")
        await pilot.press("down", "space", "down", "down", "down", "down", "space")
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#log-note")
        await pilot.press(*"stiff after the drive")
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#sign-radiating")
        await pilot.press("y")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        await pilot.press("escape")
        await pilot.pause()
        [entry] = store(app).entries()
        assert entry.day == clock.today()
        assert (entry.stiffness, entry.pain, entry.stiffness_minutes) == (4, 6, 25)
        assert entry.where == ("right_hip", "lower_back")
        assert entry.signs == ("radiating",)
        assert entry.note == "stiff after the drive"
        assert "entry" in saved
        assert score(app, "pain") is None
        assert app.screen.query_one("#log-note", Input).value == ""
        table = app.screen.query_one("#log-recent", DataTable)
        assert table.row_count == 1
        assert table.get_cell(entry.id, "pain") == "6"


async def test_several_entries_a_day_are_kept(make_test_app: AppFactory) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        for stiffness, pain in ((2, 3), (1, 1), (5, 4)):
            await pilot.press(str(stiffness), "tab", str(pain), "ctrl+s")
            await pilot.pause()
        assert sorted(e.pain for e in store(app).entries()) == [1, 3, 4]
        assert app.screen.query_one("#log-recent", DataTable).row_count == 3


async def test_a_score_not_set_gets_a_message_and_nothing_is_saved(
    make_test_app: AppFactory,
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_log(pilot)
        await pilot.press("3")
        app.screen.query_one("#log-note", Input).value = "kept as typed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store(app).entries() == []
        assert error_at(app, "pain").startswith("pain: not set yet")
        assert error_at(app, "stiffness") == ""
        assert app.focused is app.screen.query_one("#log-pain")
        assert score(app, "stiffness") == 3
        assert app.screen.query_one("#log-note", Input).value == "kept as typed"
        assert any("Nothing was saved" in n.message for n in app._notifications)
        await pilot.press("5", "ctrl+s")
        await pilot.pause()
        assert [e.pain for e in store(app).entries()] == [5]
        assert error_at(app, "pain") == ""


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("minutes", "lots", "minutes: 'lots' is not a whole number"),
        ("minutes", "601", "minutes: 601 is out of range"),
        ("date", "2026-11-22", "date: 2026-11-22 is in the future"),
        ("date", "21/11/2026", "date: '21/11/2026' is not a date"),
        ("note", "n" * 501, "note: 501 characters is too long"),
    ],
)
async def test_a_bad_value_gets_a_message_at_its_field_and_nothing_typed_is_lost(
    make_test_app: AppFactory, field: str, typed: str, message: str
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("2", "tab", "3")
        app.screen.query_one(f"#log-{field}", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store(app).entries() == []
        assert error_at(app, field).startswith(message)
        assert app.focused is app.screen.query_one(f"#log-{field}")
        assert app.screen.query_one(f"#log-{field}", Input).value == typed
        assert (score(app, "stiffness"), score(app, "pain")) == (2, 3)


async def test_a_past_date_backfills(make_test_app: AppFactory, clock: ManualClock) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one("#log-date")
        await pilot.press(*"2026-11-18", "tab", "1", "tab", "2", "ctrl+s")
        await pilot.pause()
        [entry] = store(app).entries()
        assert entry.day == clock.today() - timedelta(days=3)
        assert app.screen.query_one("#log-date", Input).value == ""


async def test_a_failed_save_keeps_the_form_as_typed(
    make_test_app: AppFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = make_test_app()

    def full_disk(entry: SymptomEntry) -> None:
        raise SaveFailed(tmp_path / "psoas.json", OSError(28, "No space left on device"))

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_log(pilot)
        monkeypatch.setattr(store(app), "save_entry", full_disk)
        await pilot.press("4", "tab", "7")
        app.screen.query_one("#log-note", Input).value = "do not lose me"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("the disk is full" in n.message for n in app._notifications)
        assert (score(app, "stiffness"), score(app, "pain")) == (4, 7)
        assert app.screen.query_one("#log-note", Input).value == "do not lose me"
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e.note for e in store(app).entries()] == ["do not lose me"]


def _seed(app: PsoasApp, clock: ManualClock) -> list[SymptomEntry]:
    today = clock.today()
    entries = [
        SymptomEntry(
            "older",
            today - timedelta(days=1),
            clock.now() - timedelta(days=1),
            pain=2,
            stiffness=3,
            where=("left_groin",),
        ),
        SymptomEntry(
            "newer",
            today,
            clock.now(),
            pain=4,
            stiffness=5,
            stiffness_minutes=15,
            where=("buttock",),
            signs=("restricted",),
            note="sore",
        ),
    ]
    for entry in entries:
        store(app).save_entry(entry)
    # Answered already, so that no prompt covers the log in these tests.
    app.psoas.answer_referral(app.psoas.referral_rules(), Answer.acknowledged)
    return entries


async def test_selecting_a_recent_entry_edits_it_in_place(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    older, newer = _seed(app, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        table = app.screen.query_one("#log-recent", DataTable)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert (score(app, "stiffness"), score(app, "pain")) == (5, 4)
        assert app.screen.query_one("#log-minutes", Input).value == "15"
        assert app.screen.query_one("#log-where", PlaceList).selected == ["buttock"]
        assert app.screen.query_one("#sign-restricted", YesNo).value
        assert app.screen.query_one("#log-date", Input).value == newer.day.isoformat()
        assert "Editing the entry of" in str(app.screen.query_one("#log-heading").render())
        assert app.focused is app.screen.query_one("#log-stiffness")
        await pilot.press("tab", "8", "ctrl+s")
        await pilot.pause()
        stored = {entry.id: entry for entry in store(app).entries()}
        assert set(stored) == {"older", "newer"}
        assert stored["newer"].pain == 8
        assert stored["newer"].logged_at == newer.logged_at
        assert stored["newer"].note == "sore"
        assert stored["older"] == older


async def test_escape_leaves_an_edited_entry_as_it_was(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    _seed(app, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        app.screen.query_one("#log-recent", DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "9", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        assert score(app, "pain") is None
        assert "A new entry" in str(app.screen.query_one("#log-heading").render())
        assert {e.id: e.pain for e in store(app).entries()} == {"older": 2, "newer": 4}


async def test_delete_asks_first(make_test_app: AppFactory, clock: ManualClock) -> None:
    app = make_test_app()
    _seed(app, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        app.screen.query_one("#log-recent", DataTable).focus()
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Fri 20 November: pain 2, stiffness 3" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        assert len(store(app).entries()) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [e.id for e in store(app).entries()] == ["newer"]
        assert app.screen.query_one("#log-recent", DataTable).row_count == 1


async def test_d_types_into_a_text_field_and_deletes_nothing(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    _seed(app, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        app.screen.query_one("#log-note", Input).focus()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        assert app.screen.query_one("#log-note", Input).value == "d"
        assert len(store(app).entries()) == 2


def _still(app: PsoasApp) -> None:
    for field in app.screen.query(Input):
        field.cursor_blink = False


def test_snapshot_of_the_form(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    _seed(app, clock)

    async def fill(pilot: Pilot[None]) -> None:
        await open_log(pilot)
        _still(app)
        await pilot.press("3", "tab", "5")

    assert snap_compare(app, terminal_size=SIZE, run_before=fill)
