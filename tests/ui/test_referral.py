"""The referral prompt in the app: when it shows, what it offers, what an answer stores.

Also the timer's question while a rule is in force, "about you", and "Earlier you logged".
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Sequence
from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import Button, Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import Answer, SymptomEntry
from psoas_tui.core.profile import ProfileAnswer, ProfileKey
from psoas_tui.core.prompt import (
    EMERGENCY_ADVICE,
    HEADLINES,
    SAFETY_NET_EMERGENCY,
    SAFETY_NET_WORSE,
    SAME_DAY_ADVICE,
    SOON_DAYS_ADVICE,
    SOON_WEEK_ADVICE,
)
from psoas_tui.core.referral import Rule
from psoas_tui.core.signs import QUESTIONS, Level
from psoas_tui.locations import Locations
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.hold import HoldScreen
from psoas_tui.ui.screens.log import LogScreen
from psoas_tui.ui.screens.profile import AnswerRow, ProfileScreen
from psoas_tui.ui.screens.referral import EarlierScreen, ReferralScreen, TimerQuestion
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


def labels(app: PsoasApp) -> list[str]:
    return [str(button.label) for button in app.screen.query(Button)]


def seed_pain_days(app: PsoasApp, clock: ManualClock, days: int, pain: int = 4) -> None:
    """``days`` days of pain ending today, saved straight to the store, no sign asked."""
    for back in range(days):
        store(app).save_entry(
            SymptomEntry(
                f"p{back}",
                clock.today() - timedelta(days=back),
                clock.now() - timedelta(days=back),
                pain=pain,
                stiffness=3,
                asked=(),
            )
        )


def seed_sign(
    app: PsoasApp, clock: ManualClock, sign: str, back: int = 0, entry_id: str = "s"
) -> None:
    """A yes to ``sign`` ``back`` days ago, with every question asked."""
    day = clock.today() - timedelta(days=back)
    entry = SymptomEntry(
        entry_id, day, clock.now() - timedelta(days=back), 2, 3, signs=(sign,), asked=QUESTIONS
    )
    store(app).save_entry(entry)


def answered(app: PsoasApp) -> list[Answer]:
    """The answers stored, leaving out what the app recorded as shown."""
    return [r.kind for r in store(app).responses() if r.kind is not Answer.shown]


async def log_through_the_form(pilot: Pilot[None], stiffness: int, pain: int) -> None:
    await pilot.press(str(stiffness), "tab", str(pain), "ctrl+s")
    await pilot.pause()


async def skip_about_you(app: PsoasApp, pilot: Pilot[None]) -> None:
    if isinstance(app.screen, ProfileScreen):
        await pilot.press("escape")
        await pilot.pause()


async def test_eight_days_of_pain_logged_in_the_form_bring_the_soon_prompt(
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
            await skip_about_you(app, pilot)
            assert isinstance(app.screen, LogScreen), f"a prompt before day {day + 1}"
            await log_through_the_form(pilot, 3, 5)
        assert isinstance(app.screen, ReferralScreen)
        assert app.screen.query_one("#referral").has_class("soon")
        assert text_of(app, "#referral-title") == HEADLINES[Level.soon]
        assert "You did some or all of your routine on 0 of these 8 days." in noticed(app)
        assert SOON_WEEK_ADVICE in text_of(app, "#referral-todo")
        assert "cannot tell what is causing" in text_of(app, "#referral-cause")
        assert text_of(app, "#referral-net") == f"{SAFETY_NET_WORSE}\n{SAFETY_NET_EMERGENCY}"
        assert labels(app) == [
            "I've arranged to see someone",
            "Remind me tomorrow",
            "Summary for my clinician",
        ]
        assert len(store(app).entries()) == 8


async def test_no_button_has_focus_and_enter_answers_nothing(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    for sign in ("saddle", "radiating"):
        app = make_test_app()
        seed_sign(app, clock, sign, entry_id=sign)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ReferralScreen)
            assert app.focused is None
            await pilot.press("enter", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ReferralScreen)
            assert answered(app) == []
        store(app).delete_entry(sign)


async def test_acknowledged_the_prompt_stays_away_after_a_restart_but_the_banner_stays(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        await pilot.click("#acknowledged")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        [response] = [r for r in store(app).responses() if r.kind is Answer.acknowledged]
        assert response.rule == Rule.persistent_pain

    reopened = make_test_app()
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(reopened.screen, TodayScreen)
        banner = reopened.screen.query_one(ReferralBanner)
        assert banner.has_class("active") and not banner.has_class("emergency")
        assert str(banner.render()).startswith(
            "Time to have this checked: pain logged on 8 days since Sat 14 November; "
            "you have arranged to see someone."
        )


async def test_an_emergency_sign_brings_the_emergency_prompt_without_snooze(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("2", "tab", "6")
        app.screen.query_one("#sign-saddle").focus()
        await pilot.press("y", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        assert app.screen.query_one("#referral").has_class("emergency")
        assert text_of(app, "#referral-title") == "Please get emergency care now"
        assert EMERGENCY_ADVICE in text_of(app, "#referral-todo")
        assert "numbness or a changed feeling around the genitals" in noticed(app)
        assert "saddle" not in noticed(app)
        assert labels(app) == [
            "I'm getting help now",
            "I've been checked or advised about this",
            "I answered yes by mistake",
            "Summary for my clinician",
        ]
        await pilot.press("escape")
        await pilot.pause()
        await skip_about_you(app, pilot)
        assert isinstance(app.screen, LogScreen)
        await pilot.press("t")
        await pilot.pause()
        banner = app.screen.query_one(ReferralBanner)
        assert banner.has_class("emergency")
        assert str(banner.render()).startswith("Please get emergency care now:")


async def test_getting_help_then_a_soon_sign_opens_it_again_at_the_emergency_level(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_sign(app, clock, "saddle")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#getting_help")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("2", "tab", "3")
        app.screen.query_one("#sign-radiating").focus()
        await pilot.press("y", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        assert text_of(app, "#referral-title") == "Please get emergency care now"

    clock.advance(DAY)
    next_day = make_test_app()
    async with next_day.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(next_day.screen, ReferralScreen)
        assert text_of(next_day, "#referral-title") == "Please get emergency care now"


async def test_the_timer_asks_first_while_a_rule_is_in_force_no_by_default(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_sign(app, clock, "saddle")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, TimerQuestion)
        assert text_of(app, "#timer-question") == (
            "You logged numbness or a changed feeling around the genitals, bottom or inner "
            "thighs on Sat 21 November. The app suggests getting medical care before these "
            "exercises. Start anyway?"
        )
        assert app.focused is app.screen.query_one("#dont_start", Button)
        assert str(app.screen.query_one("#dont_start", Button).label) == "No"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("h")
        await pilot.pause()
        await pilot.click("#start_anyway")
        await pilot.pause()
        assert isinstance(app.screen, HoldScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        # "Start anyway" holds for the rest of the day.
        assert isinstance(app.screen, HoldScreen)


async def test_checked_or_advised_ends_the_timer_question(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_sign(app, clock, "saddle")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#checked")
        await pilot.pause()
        assert answered(app) == [Answer.checked]
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HoldScreen)


async def test_answered_yes_by_mistake_opens_that_entry_to_correct(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_sign(app, clock, "bladder_bowel", entry_id="mistaken")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#mistake")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        assert "Editing the entry of Sat 21 November" in text_of(app, "#log-heading")
        question = app.screen.query_one("#sign-bladder_bowel")
        assert question.value is True
        question.focus()
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        [entry] = store(app).entries()
        assert entry.signs == ()
        assert not isinstance(app.screen, ReferralScreen)


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
        await skip_about_you(app, pilot)
        assert isinstance(app.screen, LogScreen)
        assert answered(app) == []

    reopened = make_test_app()
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(reopened.screen, ReferralScreen)


async def test_remind_me_tomorrow_hides_it_until_the_next_day(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#snoozed")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert answered(app) == [Answer.snoozed]

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
        assert "not a clinical record" in written.read_text(encoding="utf-8")
        assert text_of(app, "#referral-written") == (
            f"The summary for your clinician is in {written}. You can show it or print it."
        )
        assert answered(app) == []


async def test_r_and_the_banner_show_the_prompt_again(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#acknowledged")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        assert app.screen.rules[0].answered_by is Answer.acknowledged
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(ReferralBanner)
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)


async def test_no_banner_and_no_prompt_without_an_active_rule(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 7)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert not app.screen.query_one(ReferralBanner).display


async def test_about_you_opens_once_after_the_first_entry_and_the_rules_follow_it(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app(ask_about_you=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("2", "tab", "3")
        app.screen.query_one("#sign-minor_fall").focus()
        await pilot.press("y", "ctrl+s")
        await pilot.pause()
        # A minor fall alone is a soon sign: its prompt first, then "about you".
        assert isinstance(app.screen, ReferralScreen)
        assert text_of(app, "#referral-title") == HEADLINES[Level.soon]
        assert SOON_DAYS_ADVICE in text_of(app, "#referral-todo")
        await pilot.click("#acknowledged")
        await pilot.pause()
        await log_through_the_form(pilot, 2, 3)
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert app.focused is None or isinstance(app.focused, AnswerRow)
        row = app.screen.query_one(f"#about-{ProfileKey.age_50_plus.value}", AnswerRow)
        row.focus()
        await pilot.press("y", "ctrl+s")
        await pilot.pause()
        profile = app.psoas.profile()
        assert profile.answer(ProfileKey.age_50_plus) is ProfileAnswer.yes
        assert profile.answer(ProfileKey.cancer) is ProfileAnswer.unsaid
        # With age 50 or over the fall needs a doctor today: it prompts again, one level up.
        assert isinstance(app.screen, ReferralScreen)
        assert text_of(app, "#referral-title") == HEADLINES[Level.same_day]
        assert SAME_DAY_ADVICE in text_of(app, "#referral-todo")
        await pilot.press("escape")
        await pilot.pause()
        await log_through_the_form(pilot, 1, 1)
        assert not isinstance(app.screen, ProfileScreen)


async def test_earlier_you_logged_mentions_once_a_sign_that_ended_unanswered(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_sign(app, clock, "saddle", back=13)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReferralScreen)
        await pilot.press("escape")
        await pilot.pause()

    clock.advance(DAY)
    later = make_test_app()
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(later.screen, EarlierScreen)
        assert noticed(later).startswith("Earlier you logged numbness or a changed feeling")
        assert noticed(later).endswith("Did you get it checked?")
        assert later.focused is None
        await pilot.click("#not_yet")
        await pilot.pause()
        assert isinstance(later.screen, EarlierScreen)
        assert text_of(later, "#referral-advice")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(later.screen, TodayScreen)

    again = make_test_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, TodayScreen)


async def test_a_long_episode_prompts_again_at_six_weeks(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app()
    seed_pain_days(app, clock, 8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#acknowledged")
        await pilot.pause()
    for _ in range(35):
        clock.advance(DAY)
        seed_pain_days(app, clock, 1)
        store(app).save_entry(
            SymptomEntry(f"later{clock.today()}", clock.today(), clock.now(), 4, 3, asked=())
        )
    later = make_test_app()
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(later.screen, ReferralScreen)
        assert "has now lasted six weeks" in text_of(later, "#referral-todo")


def _level_app(make_test_app: AppFactory, clock: ManualClock, signs: Sequence[str]) -> PsoasApp:
    app = make_test_app()
    seed_pain_days(app, clock, 9, pain=5)
    for sign in signs:
        seed_sign(app, clock, sign, entry_id=sign)
    return app


LEVELS = {"soon": (), "same_day": ("one_leg_weak",), "emergency": ("both_legs",)}


def _snapshot(
    snap_compare: Callable[..., bool],
    make_test_app: AppFactory,
    clock: ManualClock,
    level: str,
    size: tuple[int, int],
) -> bool:
    return snap_compare(_level_app(make_test_app, clock, LEVELS[level]), terminal_size=size)


def test_snapshot_of_the_soon_prompt(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    assert _snapshot(snap_compare, make_test_app, clock, "soon", SIZE)


def test_snapshot_of_the_same_day_prompt(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    assert _snapshot(snap_compare, make_test_app, clock, "same_day", SIZE)


def test_snapshot_of_the_emergency_prompt(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    assert _snapshot(snap_compare, make_test_app, clock, "emergency", SIZE)


def test_snapshot_of_the_soon_prompt_at_80x24(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    assert _snapshot(snap_compare, make_test_app, clock, "soon", (80, 24))


def test_snapshot_of_the_same_day_prompt_at_80x24(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    assert _snapshot(snap_compare, make_test_app, clock, "same_day", (80, 24))


def test_snapshot_of_the_emergency_prompt_at_80x24(
    snap_compare: Callable[..., bool], make_test_app: AppFactory, clock: ManualClock
) -> None:
    assert _snapshot(snap_compare, make_test_app, clock, "emergency", (80, 24))


async def test_about_you_is_answered_from_the_keyboard(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app(ask_about_you=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_about_you()
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("n", "down", "y", "j", "u", "k", "k", "y", "ctrl+s")
        await pilot.pause()
        profile = app.psoas.profile()
        assert profile.answer(ProfileKey.cancer) is ProfileAnswer.yes
        assert profile.answer(ProfileKey.steroids) is ProfileAnswer.yes
        assert profile.answer(ProfileKey.osteoporosis) is ProfileAnswer.unsaid
        assert profile.item(ProfileKey.immunosuppressed) is None


async def test_a_no_to_the_age_question_is_asked_again_a_year_later(
    make_test_app: AppFactory, clock: ManualClock
) -> None:
    app = make_test_app(ask_about_you=True)
    for key in ProfileKey:
        answer = ProfileAnswer.no if key is ProfileKey.age_50_plus else ProfileAnswer.unsaid
        app.psoas.answer_profile(key, answer)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await log_through_the_form(pilot, 2, 2)
        await pilot.pause()
        assert not isinstance(app.screen, ProfileScreen)  # answered this year
    clock.advance(366 * DAY)
    later = make_test_app(ask_about_you=True)
    async with later.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await log_through_the_form(pilot, 2, 2)
        await pilot.pause()
        assert isinstance(later.screen, ProfileScreen)
        await pilot.press("escape")
        await pilot.pause()
        item = later.psoas.profile().item(ProfileKey.age_50_plus)
        assert item is not None and (item.answer, item.day) == (ProfileAnswer.no, clock.today())
        await log_through_the_form(pilot, 1, 1)
        await pilot.pause()
        assert not isinstance(later.screen, ProfileScreen)
