"""Widgets that draw their own focus mark (a pointer), so focus reads without colour too."""

from __future__ import annotations

from textual.widget import Widget


class ShowsFocus(Widget):
    """Redraws when focus comes or goes: ``render`` draws the mark from ``has_focus``."""

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
