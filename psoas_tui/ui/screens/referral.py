"""The referral prompt: what was noticed, what to do, and the user's answer, stored.

``ReferralPrompter`` decides when the prompt appears: at start-up while a rule is active and
neither acknowledged nor snoozed, and after a save that makes one so. A rule the user closed
without answering is not asked about again the same day while the app stays open.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from psoas_tui.core.errors import PsoasError
from psoas_tui.core.referral import (
    ACKNOWLEDGED,
    SNOOZED,
    ActiveRule,
    pending,
    prompt_for,
)
from psoas_tui.ui.base import psoas_app
from psoas_tui.ui.messages import SaveKind

if TYPE_CHECKING:
    from psoas_tui.ui.app import PsoasApp


class ReferralScreen(ModalScreen[str | None]):
    """The prompt for ``rules``; returns ``"acknowledged"``, ``"snoozed"`` or None when closed.

    The answer is stored before the prompt closes, so a failed save leaves it open to try again.
    """

    DEFAULT_CSS = """
    ReferralScreen {
        align: center middle;
    }
    #referral {
        width: 94;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 2;
        background: $surface;
        border: round $primary;
    }
    #referral.urgent {
        border: heavy $error;
        background: $error 10%;
    }
    #referral-title {
        text-style: bold;
        color: $text-primary;
        margin-bottom: 1;
    }
    #referral.urgent #referral-title {
        color: $text-error;
    }
    #referral-noticed, .noticed {
        height: auto;
    }
    .noticed .bullet {
        width: 3;
        padding-left: 1;
    }
    .noticed .reason {
        width: 1fr;
    }
    #referral-todo {
        margin-top: 1;
        text-style: bold;
    }
    #referral-cause, #referral-close {
        color: $text-muted;
    }
    #referral-written {
        display: none;
        margin-top: 1;
        color: $text-success;
    }
    #referral-written.shown {
        display: block;
    }
    #referral-choices {
        height: auto;
        margin-top: 1;
    }
    #referral-choices Button {
        margin-right: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, rules: Sequence[ActiveRule]) -> None:
        super().__init__()
        self.rules = list(rules)
        self.prompt = prompt_for(self.rules)

    def compose(self) -> ComposeResult:
        prompt = self.prompt
        with Vertical(id="referral", classes=prompt.level):
            yield Static(prompt.title, id="referral-title", markup=False)
            yield Static("What the app noticed:")
            with Vertical(id="referral-noticed"):
                for reason in prompt.noticed:
                    with Horizontal(classes="noticed"):
                        yield Static("•", classes="bullet")
                        yield Static(reason, classes="reason", markup=False)
            yield Static(prompt.what_to_do, id="referral-todo", markup=False)
            yield Static(prompt.cannot_tell, id="referral-cause")
            yield Static(id="referral-written", markup=False)
            with Horizontal(id="referral-choices"):
                yield Button("I've arranged to see someone", id="acknowledge", variant="primary")
                if prompt.snooze_offered:
                    yield Button("Remind me tomorrow", id="snooze")
                yield Button("Summary for my clinician", id="summary")
            yield Static("escape closes this for now", id="referral-close")

    def on_mount(self) -> None:
        self.query_one("#acknowledge", Button).focus()

    @on(Button.Pressed, "#acknowledge")
    def _acknowledge(self) -> None:
        self._answer(ACKNOWLEDGED)

    @on(Button.Pressed, "#snooze")
    def _snooze(self) -> None:
        self._answer(SNOOZED)

    @on(Button.Pressed, "#summary")
    def _summary(self) -> None:
        written = self.query_one("#referral-written", Static)
        try:
            path = psoas_app(self).psoas.write_report()
        except PsoasError as error:
            self.notify(
                f"Could not write the summary: {error}",
                title="Not written",
                severity="error",
                timeout=10,
            )
            return
        written.update(f"Summary written to {path} (only you can read it).")
        written.add_class("shown")

    def _answer(self, kind: str) -> None:
        app = psoas_app(self)
        if app.save(SaveKind.REFERRAL, lambda: app.psoas.answer_referral(self.rules, kind)):
            self.dismiss(kind)

    def action_close(self) -> None:
        """Close without answering; the prompt comes back at the next start."""
        self.dismiss(None)


class ReferralPrompter:
    """Shows the prompt when a rule needs asking about; the app calls ``check``."""

    def __init__(self, app: PsoasApp) -> None:
        self._app = app
        self._asked: dict[tuple[str, str], date] = {}

    def check(self) -> None:
        """Show the prompt if a rule is pending that was not asked about today in this session."""
        app = self._app
        if any(isinstance(screen, ReferralScreen) for screen in app.screen_stack):
            return
        today = app.psoas.clock.today()
        waiting = pending(app.psoas.referral_rules())
        if all(self._asked.get((rule.rule, rule.key)) == today for rule in waiting):
            return
        for rule in waiting:
            self._asked[(rule.rule, rule.key)] = today
        app.push_screen(ReferralScreen(waiting))

    def show_active(self) -> None:
        """Show the prompt for every active rule, answered or not (from the banner)."""
        rules = self._app.psoas.referral_rules()
        if rules and not isinstance(self._app.screen, ReferralScreen):
            self._app.push_screen(ReferralScreen(rules))
