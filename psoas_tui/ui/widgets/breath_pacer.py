"""A one-line breathing pacer: a bar that fills on the inhale and empties on the exhale."""

from __future__ import annotations

import math
from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from psoas_tui.core.timer import Breath, breath_at

_LABEL_WIDTH = 12


class BreathPacer(Widget):
    """Paces slow breathing during a hold, ``breath_in`` seconds in and ``breath_out`` out.

    The owner calls ``show(elapsed)`` with the hold's elapsed seconds; the pacer redraws only when
    what it shows changes (a cell of the bar, a second of the count), not on every call.
    """

    DEFAULT_CSS = """
    BreathPacer {
        height: 1;
        width: 1fr;
    }
    BreathPacer .breath-pacer--inhale {
        color: $accent;
    }
    BreathPacer .breath-pacer--exhale {
        color: $primary;
    }
    BreathPacer .breath-pacer--empty {
        color: $panel-lighten-2;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "breath-pacer--inhale",
        "breath-pacer--exhale",
        "breath-pacer--empty",
    }

    def __init__(
        self,
        breath_in: float,
        breath_out: float,
        *,
        breaths: int | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.breath_in = breath_in
        self.breath_out = breath_out
        self.breaths = breaths
        self._breath = Breath(inhale=True, progress=0.0, number=1)
        self._shown: tuple[object, ...] = ()

    def show(self, elapsed: float) -> None:
        """Show the breath ``elapsed`` seconds into the hold."""
        self._breath = breath_at(elapsed, self.breath_in, self.breath_out)
        shown = (*self._view(), self.breaths, self.size.width)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def _view(self) -> tuple[bool, int, int, int]:
        """What is drawn: inhale or not, cells filled, whole seconds left, breath number."""
        breath = self._breath
        width = self._bar_width()
        if breath.inhale:
            fill = breath.progress
            left = self.breath_in * (1 - breath.progress)
        else:
            fill = 1 - breath.progress
            left = self.breath_out * (1 - breath.progress)
        return breath.inhale, round(fill * width), math.ceil(left - 1e-9), breath.number

    def _bar_width(self) -> int:
        return max(0, self.size.width - _LABEL_WIDTH - len(self._suffix(0, 0)))

    def _suffix(self, left: int, number: int) -> str:
        text = f" {left:>2} s"
        if self.breaths is not None:
            digits = len(str(self.breaths))
            text += f"  breath {min(number, self.breaths):>{digits}} of {self.breaths}"
        return text

    def render(self) -> Text:
        inhale, filled, left, number = self._view()
        width = self._bar_width()
        role = "inhale" if inhale else "exhale"
        style = self.get_component_rich_style(f"breath-pacer--{role}")
        empty = self.get_component_rich_style("breath-pacer--empty")
        label = "Breathe in" if inhale else "Breathe out"
        text = Text(f"{label:<{_LABEL_WIDTH}}", style=style)
        text.append("━" * filled, style=style)
        # A thinner line for what is left, so the bar reads without colour (NO_COLOR) too.
        text.append("─" * (width - filled), style=empty)
        text.append(self._suffix(left, number))
        return text
