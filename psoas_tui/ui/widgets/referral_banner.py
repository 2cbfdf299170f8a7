"""One line at the top of Today while any referral rule is active, answered or not."""

from __future__ import annotations

from datetime import date

from textual.screen import Screen
from textual.widgets import Static

from psoas_tui.core.prompt import banner_text
from psoas_tui.core.referral import top_level
from psoas_tui.core.signs import Level
from psoas_tui.ui.base import psoas_app

#: How often the banner checks whether the day has changed while the app stays open.
DAY_CHECK_SECONDS = 60.0


class ReferralBanner(Static):
    """Hidden while no rule is active; a rule in force looks different. A click, or ``r``, opens
    the prompt."""

    DEFAULT_CSS = """
    ReferralBanner {
        display: none;
        width: 1fr;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
        background: $warning 20%;
        color: $text;
    }
    ReferralBanner.active {
        display: block;
    }
    ReferralBanner.emergency {
        background: $error 30%;
        text-style: bold;
    }
    ReferralBanner.same-day {
        background: $warning 30%;
        text-style: bold;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="referral-banner", markup=False)
        self._day: date | None = None

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self.set_interval(DAY_CHECK_SECONDS, self._check_day)
        self.reload()

    def _screen_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.reload()

    def _check_day(self) -> None:
        if psoas_app(self).psoas.clock.today() != self._day:
            self.reload()

    def reload(self) -> None:
        """Read the rules again and show or hide the line."""
        psoas = psoas_app(self).psoas
        self._day = psoas.clock.today()
        rules = psoas.referral_rules()
        self.update(banner_text(rules))
        self.set_class(bool(rules), "active")
        level = top_level(rules)
        self.set_class(level is Level.emergency, "emergency")
        self.set_class(level is Level.same_day, "same-day")

    def on_click(self) -> None:
        psoas_app(self).referral.show_active()
