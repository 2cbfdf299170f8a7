"""Where it hurts: a list of places to tick, each drawn ``[x]`` or ``[ ]``.

Textual's ``SelectionList`` draws the same mark for a ticked and an unticked place and tells them
apart by colour alone; without colour (``NO_COLOR``) they look the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from psoas_tui.ui.widgets.focus import ShowsFocus


class PlaceList(ShowsFocus, can_focus=True):
    """Places (key and words) in order; ``space`` ticks or unticks the highlighted one."""

    DEFAULT_CSS = """
    PlaceList {
        height: auto;
        width: 1fr;
    }
    PlaceList:focus {
        background: $boost;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next place", show=False),
        Binding("up,k", "move(-1)", "Previous place", show=False),
        Binding("space,x", "tick", "Tick", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, places: Mapping[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.places = dict(places)
        self._ticked: set[str] = set()

    @property
    def selected(self) -> list[str]:
        """The ticked places' keys, in the list's order."""
        return [key for key in self.places if key in self._ticked]

    def select(self, key: str) -> None:
        """Tick ``key``."""
        self._ticked.add(key)
        self.refresh()

    def deselect_all(self) -> None:
        """Untick every place."""
        self._ticked.clear()
        self.refresh()

    def render(self) -> Text:
        text = Text()
        for index, (key, words) in enumerate(self.places.items()):
            if index:
                text.append("\n")
            here = self.has_focus and index == self.cursor
            mark = "[x]" if key in self._ticked else "[ ]"
            text.append(f"{'▸' if here else ' '} {mark} {words}", style="bold" if here else "")
        return text

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.places)

    def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self.places):
            self.cursor = event.y
            self.action_tick()

    def watch_cursor(self) -> None:
        self.refresh()

    def action_move(self, by: int) -> None:
        """Highlight the next or previous place."""
        self.cursor = max(0, min(len(self.places) - 1, self.cursor + by))

    def action_tick(self) -> None:
        """Tick or untick the highlighted place."""
        key = list(self.places)[self.cursor]
        self._ticked.symmetric_difference_update({key})
        self.refresh()
