"""Help: every key of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

INTRO = (
    "psoas-tui is self-care guidance from two articles on releasing the psoas, "
    "not medical advice. Every change is saved at once."
)


class HelpScreen(ModalScreen[None]):
    """A table of the keys active on ``screen``, with what each does."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", key_display="?"),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self._keys = [
            (binding.key_display or self.app.get_key_display(binding), binding.description)
            for _key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items()
            if enabled and binding.description
        ]
        self._title = screen.sub_title or screen.title or "psoas"

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(f"[b]Keys: {self._title}[/b]", id="help-title")
            table: DataTable[str] = DataTable(id="help-keys", cursor_type="none")
            table.add_columns("Key", "Does")
            for key, description in self._keys:
                table.add_row(key, description)
            yield table
            yield Static(INTRO, id="help-intro")
            yield Static("escape or ? closes", id="help-close")
