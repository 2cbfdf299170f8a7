"""About you: the few answers that change how soon a sign needs care, asked once, never blocking.

It opens by itself once, after the first entry, and can be skipped; ``a`` on the log screen,
the command palette and ``psoas profile`` change the answers at any time. The rules follow a
change at once.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from psoas_tui.core.profile import QUESTIONS, UNSAID_WORDS, WHY_ASKED, ProfileAnswer, ProfileKey
from psoas_tui.ui.base import psoas_app
from psoas_tui.ui.messages import SaveKind
from psoas_tui.ui.widgets.focus import ShowsFocus

#: Where these questions come from: not from the two articles the routine is built on.
SOURCE = (
    "These questions come from the NHS and NICE lists of warning signs for back pain, not from "
    "the two articles the routine is based on."
)

#: Each answer's words, in the order the row shows them.
ANSWER_WORDS = {
    ProfileAnswer.yes: "Yes",
    ProfileAnswer.no: "No",
    ProfileAnswer.unsaid: UNSAID_WORDS,
}


class AnswerRow(ShowsFocus, can_focus=True):
    """One question, answered yes (``y``), no (``n``) or rather not say (``u``)."""

    DEFAULT_CSS = """
    AnswerRow {
        height: auto;
        width: 1fr;
        margin-bottom: 1;
    }
    AnswerRow:focus {
        background: $boost;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", "Yes", show=False),
        Binding("n", "answer('no')", "No", show=False),
        Binding("u", "answer('unsaid')", "Rather not say", show=False),
        Binding("right", "step(1)", "Next answer", show=False),
        Binding("left", "step(-1)", "Previous answer", show=False),
        # On the row itself: the scrolling page around it would take up and down first.
        Binding("down,j", "app.focus_next", "Next question", show=False),
        Binding("up,k", "app.focus_previous", "Previous question", show=False),
    ]

    value: reactive[ProfileAnswer | None] = reactive(None)

    def __init__(self, key: ProfileKey, value: ProfileAnswer | None) -> None:
        super().__init__(id=f"about-{key.value}")
        self.key = key
        self.set_reactive(AnswerRow.value, value)

    def render(self) -> Text:
        focus = "▸ " if self.has_focus else "  "
        text = Text(f"{focus}{QUESTIONS[self.key]}\n  ")
        for answer, words in ANSWER_WORDS.items():
            chosen = answer is self.value
            # The brackets mark the answer without colour (NO_COLOR), the reverse with it.
            text.append(
                f"[{words}]" if chosen else f" {words} ", style="reverse bold" if chosen else ""
            )
            text.append("  ")
        if self.value is None:
            text.append("not answered", style="italic")
        return text

    def action_answer(self, answer: str) -> None:
        """Choose ``answer``."""
        self.value = ProfileAnswer(answer)

    def action_step(self, by: int) -> None:
        """Move to the next or previous answer."""
        answers = list(ANSWER_WORDS)
        at = -1 if self.value is None else answers.index(self.value)
        self.value = answers[(at + by) % len(answers)]


class ProfileScreen(ModalScreen[bool]):
    """The "about you" questions; returns whether anything was saved.

    ``first_time``: opened by itself (after the first entry, or when the yearly question is due
    again); saving or skipping then records every question it was due to ask, so it does not
    open by itself again until one is due.
    """

    AUTO_FOCUS = "AnswerRow"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "skip", "Skip"),
    ]

    def __init__(self, *, first_time: bool = False) -> None:
        super().__init__()
        self.first_time = first_time

    def compose(self) -> ComposeResult:
        profile = psoas_app(self).psoas.profile()
        with VerticalScroll(id="about", can_focus=False):
            yield Static("About you", id="about-title")
            yield Static(WHY_ASKED, classes="about-note")
            yield Static(SOURCE, classes="about-note")
            yield Static("y yes · n no · u rather not say · ↑↓ question", classes="about-keys")
            for key in QUESTIONS:
                item = profile.item(key)
                yield AnswerRow(key, None if item is None else item.answer)
            with Horizontal(id="about-buttons"):
                yield Button("Save (ctrl+s)", id="about-save", variant="primary")
                yield Button(
                    "Skip for now (escape)" if self.first_time else "Close (escape)",
                    id="about-skip",
                )

    @on(Button.Pressed, "#about-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#about-skip")
    def _skip_pressed(self) -> None:
        self.action_skip()

    def action_save(self) -> None:
        """Store every answer given (a change replaces the earlier answer) and close."""
        answers = {row.key: row.value for row in self.query(AnswerRow) if row.value is not None}
        if self.first_time:
            profile = psoas_app(self).psoas.profile()
            answers = {key: answers.get(key, profile.answer(key)) for key in QUESTIONS}
        self._store(answers)

    def action_skip(self) -> None:
        """Close. Opened by itself, every question it was due to ask is recorded as answered
        today: "rather not say" where there was no answer, the old answer where one is asked
        again once a year, so it does not open by itself again the next time."""
        if not self.first_time:
            self.dismiss(False)
            return
        profile = psoas_app(self).psoas.profile()
        self._store({key: profile.answer(key) for key in QUESTIONS})

    def _store(self, answers: dict[ProfileKey, ProfileAnswer]) -> None:
        app = psoas_app(self)
        profile = app.psoas.profile()
        # Opened by itself, the questions it was due to ask are stored even when unchanged: the
        # day they were answered is what decides when the yearly one is asked again.
        due = set(app.psoas.profile_due()) if self.first_time else set()
        changed = {
            key: answer
            for key, answer in answers.items()
            if profile.answer(key) is not answer or profile.item(key) is None or key in due
        }

        def write() -> None:
            for key, answer in changed.items():
                app.psoas.answer_profile(key, answer)

        if app.save(SaveKind.PROFILE, write):
            self.dismiss(bool(changed))
