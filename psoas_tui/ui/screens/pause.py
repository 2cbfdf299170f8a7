"""Declaring a pause: a small form, from, to and why."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from psoas_tui.core.errors import PsoasError
from psoas_tui.core.model import Pause, PauseReason
from psoas_tui.ui.base import psoas_app
from psoas_tui.ui.messages import Saved, SaveKind

_LABELS = {
    PauseReason.travel: "Travel",
    PauseReason.illness: "Illness",
    PauseReason.flare: "A flare",
    PauseReason.clinician: "A clinician's advice",
}
#: The form's fields, as a refusal names them.
FIELD_NAMES = ("From", "To", "Reason")


class _Choice(RadioButton):
    """A reason to pick, its button filled only when chosen: without colour (``NO_COLOR``),
    Textual draws every button the same."""

    def __init__(self, label: str, value: bool, id: str) -> None:
        super().__init__(label, value=value, id=id)
        self._mark()

    def watch_value(self) -> None:
        self._mark()
        super().watch_value()

    def _mark(self) -> None:
        self.BUTTON_INNER = "●" if self.value else " "


class PauseScreen(ModalScreen[Pause | None]):
    """From (default today), to (default a week on) and the reason; ``ctrl+s`` or ``enter`` in a
    field saves, ``escape`` cancels. A refused or failed save says why in the form and keeps
    what was typed; nothing is saved."""

    DEFAULT_CSS = """
    PauseScreen {
        align: center middle;
    }
    #pause {
        width: 60;
        height: auto;
        border: round $accent;
        padding: 0 2;
        background: $surface;
    }
    #pause Input {
        width: 20;
    }
    #pause-error {
        color: $error;
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save pause"),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        today = psoas_app(self).psoas.clock.today()
        with Vertical(id="pause"):
            yield Static(
                "Pause the routine: these days neither add to the streak nor break it.",
                id="pause-intro",
            )
            yield Label("From (YYYY-MM-DD, today or yesterday)")
            yield Input(today.isoformat(), id="pause-from")
            yield Label("To")
            yield Input((today + timedelta(days=6)).isoformat(), id="pause-to")
            yield Label("Why (up/down, then space)")
            with RadioSet(id="pause-reason"):
                for index, reason in enumerate(PauseReason):
                    yield _Choice(_LABELS[reason], value=index == 0, id=reason.value)
            yield Static("", id="pause-error", markup=False)
            yield Static("ctrl+s or enter saves · escape cancels", id="pause-keys")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Save the pause, or say in the form why not (nothing is saved then)."""
        app = psoas_app(self)
        pressed = self.query_one("#pause-reason", RadioSet).pressed_button
        reason = "" if pressed is None or pressed.id is None else pressed.id
        start = self.query_one("#pause-from", Input).value
        end = self.query_one("#pause-to", Input).value
        try:
            pause = app.psoas.declare_pause(start, end, reason, FIELD_NAMES)
        except PsoasError as error:
            self.query_one("#pause-error", Static).update(str(error))
            return
        app.post_message(Saved(SaveKind.PAUSE))
        self.dismiss(pause)
