"""Before the app quits with holds not saved: try again, keep them for the next start, or not."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from psoas_tui.core.errors import PsoasError
from psoas_tui.services.unsaved import UnsavedHolds, holds_text

_CHOICES = (
    "r tries to save them again, k keeps them in a file that the next start of psoas saves, "
    "d discards them. Escape goes back to the app."
)


class UnsavedHoldsScreen(ModalScreen[bool]):
    """Says why the holds ``waiting`` are not saved and asks what to do with them.

    Returns ``True`` once they are saved, kept or discarded (the app quits), ``False`` to go back
    to the app with them still waiting. A choice that fails says why and asks again.
    """

    DEFAULT_CSS = """
    UnsavedHoldsScreen {
        align: center middle;
    }
    #unsaved {
        width: 80;
        max-width: 100%;
        height: auto;
        border: round $error;
        padding: 1 2;
        background: $surface;
    }
    #unsaved-buttons {
        height: auto;
        margin-top: 1;
    }
    #unsaved-buttons Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Try again"),
        Binding("k", "keep", "Keep them for next time"),
        Binding("d", "discard", "Discard them"),
        Binding("escape", "back", "Back to the app"),
    ]

    def __init__(self, waiting: UnsavedHolds, error: PsoasError) -> None:
        super().__init__()
        self.waiting = waiting
        self._error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved"):
            yield Static(id="unsaved-question", markup=False)
            with Horizontal(id="unsaved-buttons"):
                yield Button("Try again (r)", id="retry", variant="primary")
                yield Button("Keep for next time (k)", id="keep")
                yield Button("Discard (d)", id="discard", variant="error")

    def on_mount(self) -> None:
        self._ask()

    def _ask(self, keeping: PsoasError | None = None) -> None:
        count = len(self.waiting)
        are = "is" if count == 1 else "are"
        why = f"{holds_text(count)} {are} not saved yet: {self._error}"
        if keeping is not None:
            why += f"\nThey could not be kept either: {keeping}"
        self.query_one("#unsaved-question", Static).update(f"{why}\n\n{_CHOICES}")

    @on(Button.Pressed)
    async def _pressed(self, event: Button.Pressed) -> None:
        # Each button's id is the name of its key's action.
        await self.run_action(str(event.button.id))

    def action_retry(self) -> None:
        """Save them again: quit once they are saved."""
        _, error = self.waiting.save()
        if error is None:
            self.dismiss(True)
            return
        self._error = error
        self._ask()

    def action_keep(self) -> None:
        """Keep them in a file the next start saves, then quit."""
        try:
            self.waiting.keep()
        except PsoasError as error:
            self._ask(keeping=error)
            return
        self.dismiss(True)

    def action_discard(self) -> None:
        """Quit without them."""
        self.waiting.discard()
        self.dismiss(True)

    def action_back(self) -> None:
        """Back to the app, the holds still waiting."""
        self.dismiss(False)
