"""A thin progress bar that redraws only when what it shows changes."""

from __future__ import annotations

from typing import ClassVar

from textual.renderables.bar import Bar
from textual.widget import Widget


class TimerBar(Widget, can_focus=False):
    """How far a phase or an exercise has got, from 0 to 1, filled to the nearest half cell.

    Textual's ``ProgressBar`` refreshes itself every second for its ETA; the hold timer shows no
    ETA, and its screen must do nothing while paused, so this bar only redraws when ``show`` moves
    it by at least half a cell.
    """

    DEFAULT_CSS = """
    TimerBar {
        width: 1fr;
        height: 1;
    }
    TimerBar > .timer-bar--done {
        color: $primary;
    }
    TimerBar > .timer-bar--left {
        color: $panel-lighten-2;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"timer-bar--done", "timer-bar--left"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.share = 0.0
        self._halves = 0

    def show(self, share: float) -> None:
        """Show ``share`` of the bar filled."""
        self.share = min(1.0, max(0.0, share))
        halves = int(self.share * self.size.width * 2)
        if halves != self._halves:
            self._halves = halves
            self.refresh()

    def on_resize(self) -> None:
        self._halves = int(self.share * self.size.width * 2)

    def render(self) -> Bar:
        width = self.size.width
        return Bar(
            highlight_range=(0, self._halves / 2),
            highlight_style=self.get_component_rich_style("timer-bar--done"),
            background_style=self.get_component_rich_style("timer-bar--left"),
            width=width,
        )
