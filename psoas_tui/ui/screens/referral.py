"""The referral prompt: what was noticed, what to do and how soon, and the user's answer, stored.

Every word comes from ``core.prompt``. ``ReferralPrompter`` decides when a prompt appears: at
start-up while a rule is pending, and after a save that makes one so; a rule the user closed
without answering is not asked about again the same day while the app stays open. At start-up a
rule that was shown, never answered and has since ended is mentioned once ("Earlier you logged").
No button has focus when a prompt opens, so a half-awake enter answers nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from psoas_tui.core.errors import PsoasError
from psoas_tui.core.model import Answer
from psoas_tui.core.prompt import (
    EARLIER_CHOICES,
    NOTICED_TITLE,
    TIMER_CHOICES,
    TIMER_DEFAULT,
    Choice,
    Prompt,
    earlier_text,
    not_yet_advice,
    prompt_for,
    summary_written,
    timer_text,
)
from psoas_tui.core.referral import ActiveRule, modal_due
from psoas_tui.ui.base import psoas_app
from psoas_tui.ui.messages import SaveKind

if TYPE_CHECKING:
    from psoas_tui.ui.app import PsoasApp

#: The button id of the choice that writes the clinician summary (it stores no answer).
SUMMARY_ID = "summary"


def choice_id(choice: Choice) -> str:
    """The id of ``choice``'s button: its answer, or ``summary``."""
    return SUMMARY_ID if choice.answer is None else choice.answer.value


class _Choices(ModalScreen[Answer | None]):
    """A prompt with a row of choices; none has focus when it opens.

    A choice that stores an answer stores it before the prompt closes, so a failed save leaves the
    prompt open to try again. "Summary for my clinician" writes the report and says where.
    """

    # An empty selector: nothing is focused when it opens (None would take the app's "*").
    AUTO_FOCUS = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("up", "scroll(-1)", "Scroll up", show=False),
        Binding("down", "scroll(1)", "Scroll down", show=False),
        Binding("pageup", "scroll(-10)", "Page up", show=False),
        Binding("pagedown", "scroll(10)", "Page down", show=False),
    ]

    def action_scroll(self, lines: int) -> None:
        """Scroll the prompt's words (the container takes no focus, so no answer is chosen)."""
        self.query_one("#referral", VerticalScroll).scroll_relative(y=lines, animate=False)

    def _written(self, what: str) -> None:
        written = self.query_one("#referral-written", Static)
        written.update(what)
        written.add_class("shown")

    def _write_summary(self) -> None:
        app = psoas_app(self)
        path = app.write_file(app.psoas.write_report, "the summary")
        if path is not None:
            self._written(summary_written(str(path)))

    def action_close(self) -> None:
        """Close without answering."""
        self.dismiss(None)


def _choice_buttons(choices: Sequence[Choice]) -> ComposeResult:
    with Grid(id="referral-choices"):
        for choice in choices:
            yield Button(choice.label, id=choice_id(choice))


class ReferralScreen(_Choices):
    """The prompt for ``prompt``'s rules: returns the answer stored, or None when closed."""

    def __init__(self, prompt: Prompt) -> None:
        super().__init__()
        self.prompt = prompt

    @property
    def rules(self) -> tuple[ActiveRule, ...]:
        """The rules the prompt shows: an answer applies to every one of them."""
        return self.prompt.rules

    def compose(self) -> ComposeResult:
        prompt = self.prompt
        with VerticalScroll(id="referral", classes=prompt.level.value, can_focus=False):
            yield Static(prompt.headline, id="referral-title", markup=False)
            yield Static(NOTICED_TITLE)
            with Vertical(id="referral-noticed"):
                for reason in prompt.noticed:
                    with Horizontal(classes="noticed"):
                        yield Static("•", classes="bullet")
                        yield Static(reason, classes="reason", markup=False)
            yield Static("\n".join(prompt.what_to_do), id="referral-todo", markup=False)
            yield Static(prompt.cannot_tell, id="referral-cause", markup=False)
            if prompt.safety_net:
                yield Static("\n".join(prompt.safety_net), id="referral-net", markup=False)
            yield Static(id="referral-written", markup=False)
            yield from _choice_buttons(prompt.choices)
            yield Static(
                "tab moves to the answers · escape closes this for now", id="referral-close"
            )

    def on_mount(self) -> None:
        # What was seen is recorded to mention it once more later; failing to record it must
        # not stand between the person and the advice.
        with suppress(PsoasError):
            psoas_app(self).psoas.note_shown(self.rules)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = next(c for c in self.prompt.choices if choice_id(c) == event.button.id)
        if choice.answer is None:
            self._write_summary()
        elif choice.answer is Answer.mistake:
            self._open_the_entry()
        else:
            self._answer(choice.answer)

    def _answer(self, answer: Answer) -> None:
        app = psoas_app(self)
        rules = self.rules
        if app.save(SaveKind.REFERRAL, lambda: app.psoas.answer_referral(rules, answer)):
            self.dismiss(answer)

    def _open_the_entry(self) -> None:
        entry_id = next((rule.entry_id for rule in self.rules if rule.entry_id), None)
        self.dismiss(None)
        if entry_id is not None:
            psoas_app(self).edit_entry(entry_id)


class EarlierScreen(_Choices):
    """ "Earlier you logged ...": a rule that ended unanswered, mentioned once more."""

    def __init__(self, rules: Sequence[ActiveRule]) -> None:
        super().__init__()
        self.rules = tuple(rules)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="referral", classes="earlier", can_focus=False):
            yield Static("Earlier you logged", id="referral-title")
            for rule in self.rules:
                yield Static(earlier_text(rule), classes="reason", markup=False)
            yield Static(id="referral-advice", markup=False)
            yield Static(id="referral-written", markup=False)
            yield from _choice_buttons(EARLIER_CHOICES)
            yield Static("tab moves to the answers · escape closes this", id="referral-close")

    def on_mount(self) -> None:
        app = psoas_app(self)
        app.save(SaveKind.REFERRAL, lambda: app.psoas.note_shown(self.rules, Answer.reminded))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = next(c for c in EARLIER_CHOICES if choice_id(c) == event.button.id)
        if choice.answer is None:
            self._write_summary()
            return
        app, answer = psoas_app(self), choice.answer
        if not app.save(SaveKind.REFERRAL, lambda: app.psoas.answer_earlier(self.rules, answer)):
            return
        if answer is Answer.not_yet:
            # "Not yet" shows that level's advice once, then the prompt closes on the next key.
            advice = [line for rule in self.rules for line in not_yet_advice(rule)]
            self.query_one("#referral-advice", Static).update("\n".join(dict.fromkeys(advice)))
            self.query_one("#referral-choices").display = False
            self.query_one("#referral-close", Static).update("escape closes this")
            return
        self.dismiss(answer)


class TimerQuestion(ModalScreen[bool]):
    """Before a hold timer while a same-day or emergency rule is in force: start anyway?

    "No" has focus, so enter alone does not start the exercises.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No"),
    ]

    def __init__(self, rule: ActiveRule) -> None:
        super().__init__()
        self.rule = rule

    def compose(self) -> ComposeResult:
        with Vertical(id="referral", classes=self.rule.level.value):
            yield Static(timer_text(self.rule), id="timer-question", markup=False)
            with Horizontal(id="timer-choices"):
                for choice in TIMER_CHOICES:
                    yield Button(choice.label, id=_timer_id(choice))

    def on_mount(self) -> None:
        default = next(c for c in TIMER_CHOICES if c.label == TIMER_DEFAULT)
        self.query_one(f"#{_timer_id(default)}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == Answer.start_anyway.value)

    def action_answer(self, start: bool) -> None:
        """Close with the answer."""
        self.dismiss(start)


def _timer_id(choice: Choice) -> str:
    return "dont_start" if choice.answer is None else choice.answer.value


class ReferralPrompter:
    """Shows the prompt when a rule needs asking about; the app calls ``check``."""

    def __init__(self, app: PsoasApp) -> None:
        self._app = app
        self._asked: dict[tuple[str, str], date] = {}

    def _open(self) -> bool:
        return any(isinstance(screen, _Choices) for screen in self._app.screen_stack)

    def check(self) -> None:
        """Show the prompt if a rule is pending that was not asked about today in this session."""
        app = self._app
        if self._open():
            return
        today = app.psoas.clock.today()
        rules = app.psoas.referral_rules()
        if not modal_due(rules):
            return
        prompt = prompt_for(rules)
        if prompt is None:
            return
        fresh = [
            rule
            for rule in prompt.rules
            if rule.pending and self._asked.get((rule.rule, rule.key)) != today
        ]
        if not fresh:
            return
        for rule in prompt.rules:
            self._asked[(rule.rule, rule.key)] = today
        app.push_screen(ReferralScreen(prompt))

    def check_earlier(self) -> None:
        """At start-up: mention once more a rule that ended before it was answered."""
        earlier = self._app.psoas.earlier_logged()
        if earlier and not self._open():
            self._app.push_screen(EarlierScreen(earlier))

    def show_active(self) -> None:
        """Show the prompt for every active rule, answered or not (the banner, ``r``)."""
        prompt = prompt_for(self._app.psoas.referral_rules(), everything=True)
        if prompt is None:
            self._app.notify(
                "Nothing that the referral rules look for is active.", title="Referral"
            )
        elif not self._open():
            self._app.push_screen(ReferralScreen(prompt))
