"""The referral prompt in the app: when it shows, what it offers, what an answer stores."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import Button, Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import SymptomEntry
from psoas_tui.locations import Locations
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.log import LogScreen
from psoas_tui.ui.screens.referral import ReferralScreen
from psoas_tui.ui.screens.today import TodayScreen
from psoas_tui.ui.widgets.referral_banner import ReferralBanner
from tests.apps import store
from tests.ui.conftest import AppFactory

SIZE = (100, 30)
DAY = 24 * 60 * 60


def text_of(app: PsoasApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def noticed(app: PsoasApp) -> str:
    return "\n".join(str(reason.render()) for reason in app.screen.query(".reason"))


def seed_pain_days(app: PsoasApp, clock: ManualClock, days: int, pain: int = 4) -> None:
    """``days`` days of pain ending today, saved straight to the store."""
    for back in range(days):
        store(app).save_entry(
            SymptomEntry(
                f"p{back}",
                clock.today() - timedelta(days=back),
                clock.now() - timedelta(days=back),
                pain=pain,
                stiffness=3,
            )
        )


async def log_through_the_form(pilot: Pilot[None], stiffness: int, pain: int) -> None:
    await pilot.press(str(stiffness), "tab", str(pain), "ctrl+s")
    await pilot.pause()


async def test_eight_days_of_pain_logged_in_the_form_bring_the_prompt(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        for day in range(8):
            if day:
                clock.advance(DAY)
            assert isinstance(app.screen, LogScreen), f"a prompt before day {day + 1}"
            await log_through_the_form(pilot, 3, 5)
        assert isinstance(app.screen, ReferralScreen)
        assert app.screen.query_one("#referral").has_class("soon")
        assert text_of(app, "#referral-title") == "Time to have this checked"
        assert noticed(app).splitlines() == [
            "You logged pain on all 8 days from Sat 21 November to Sat 28 November, and no "
            "pain-free day.",
            "Your daily pain was 5 out of 10 each day you logged.",
            "You did some or all of your routine on 0 of these 8 days.",
        ]
        assert "physical therapist, a doctor or a chiropractor" in text_of(app, "#referral-todo")
        assert "cannot tell what is causing" in text_of(app, "#referral-cause")
        labels = [str(button.label) for button in app.screen.query(Button)]
        assert labels == [
            "I've arranged to see someone",
            "Remind me tomorrow",
            "Summary for my clinician",
        ]
        assert len(store(app).entries()) == 8


async def test_acknowledged_the_prompt_stays_away_after_a_restart_but_the_banner_stays(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        assert app.focused is app.screen.query_one("#acknowledge")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        [response] = store(app).responses()
        start = clock.today() - timedelta(days=7)
        assert (response.rule, response.key, response.kind) == (
            "persistent_pain",
            start.isoformat(),
            "acknowledged",
        )

    reopened = make_test_app()
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(reopened.screen, TodayScreen)
        banner = reopened.screen.query_one(ReferralBanner)
        assert banner.has_class("active") and not banner.has_class("urgent")
        assert str(banner.render()) == (
            "Worth having checked: pain logged on 8 days since Sat 14 November; "
            "you have arranged to see someone."
        )


async def test_an_urgent_sign_brings_the_urgent_prompt_without_snooze(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("2", "tab", "6")
        app.screen.query_one("#sign-saddle_numbness").focus()
        await pilot.press("y", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        assert app.screen.query_one("#referral").has_class("urgent")
        assert text_of(app, "#referral-title") == "Please get medical care now"
        assert "Stop the exercises and get urgent medical care now" in text_of(
            app, "#referral-todo"
        )
        assert "numbness or tingling in the groin" in noticed(app)
        assert not app.screen.query("#snooze")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        await pilot.press("t")
        await pilot.pause()
        banner = app.screen.query_one(ReferralBanner)
        assert banner.has_class("urgent")
        assert str(banner.render()).startswith("Please get medical care now: an urgent sign")


async def test_closed_without_an_answer_it_asks_again_at_the_next_start_only(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await log_through_the_form(pilot, 2, 4)
        assert isinstance(app.screen, LogScreen)
        assert store(app).responses() == []

    reopened = make_test_app()
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(reopened.screen, ReferralScreen)


async def test_a_new_sign_after_an_answered_episode_asks_again(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("2", "tab", "4")
        app.screen.query_one("#sign-radiating").focus()
        await pilot.press("y", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        assert [rule.rule for rule in app.screen.rules] == ["warning_sign"]


async def test_remind_me_tomorrow_hides_it_until_the_next_day(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#snooze")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        [response] = store(app).responses()
        assert (response.kind, response.day) == ("snoozed", clock.today())

    same_day = make_test_app()
    async with same_day.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(same_day.screen, TodayScreen)

    clock.advance(DAY)
    seed_pain_days(same_day, clock, 1)
    next_day = make_test_app()
    async with next_day.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(next_day.screen, ReferralScreen)


async def test_the_summary_is_written_privately_and_the_prompt_says_where(
    make_test_app: AppFactory, clock: ManualClock, locations: Locations
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 9, pain=6)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#summary")
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        [written] = list(locations.reports.iterdir())
        assert written.name == "clinician-report-2026-11-21.html"
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        assert stat.S_IMODE(locations.reports.stat().st_mode) == 0o700
        text = written.read_text(encoding="utf-8")
        assert "You logged pain on all 9 days from Fri 13 November to Sat 21 November" in text
        assert "not a clinical record" in text
        assert text_of(app, "#referral-written") == (
            f"Summary written to {written} (only you can read it)."
        )
        assert store(app).responses() == []


async def test_clicking_the_banner_shows_the_prompt_again(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click(ReferralBanner)
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        assert app.screen.rules[0].acknowledged


async def test_no_banner_and_no_prompt_without_an_active_rule(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 7)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert not app.screen.query_one(ReferralBanner).display


def _snapshot_app(make_test_app: AppFactory, clock: ManualClock, urgent: bool) -> PsoasApp:
    app = make_test_app()
    seed_pain_days(app, clock, 9, pain=5)
    if urgent:
        store(app).save_entry(
            SymptomEntry("u", clock.today(), clock.now(), 7, 4, signs=("leg_weakness",))
        )
    return app


def test_snapshot_of_the_soon_prompt(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    assert snap_compare(_snapshot_app(make_test_app, clock, urgent=False), terminal_size=SIZE)


def test_snapshot_of_the_urgent_prompt(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    assert snap_compare(_snapshot_app(make_test_app, clock, urgent=True), terminal_size=SIZE)
