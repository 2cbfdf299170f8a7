"""Daily pain and stiffness over the last weeks, drawn over the mild, moderate and severe bands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from psoas_tui.core.dates import short_day
from psoas_tui.ui.widgets.streak_calendar import foreground

PAIN_GLYPH = "●"
STIFFNESS_GLYPH = "○"
BOTH_GLYPH = "◉"

#: The bands of a 0-10 score, highest first: (name, lowest score in it).
BANDS = (("severe", 7), ("moderate", 4), ("mild", 1), ("none", 0))
_GUTTER = 9


@dataclass(frozen=True)
class DayScores:
    """One day's highest pain and stiffness, ``None`` when nothing was logged."""

    day: date
    pain: int | None
    stiffness: int | None


def band_of(score: float) -> str:
    """The band a score falls in (scores between two bands go to the nearer one)."""
    return next(name for name, lowest in BANDS if score >= lowest - 0.5)


def columns(scores: Sequence[DayScores], width: int) -> list[tuple[int | None, int | None]]:
    """Fit ``scores`` into at most ``width`` columns, several days a column when they must be.

    A column shows the highest pain and the highest stiffness of its days, the newest day in the
    last column.
    """
    if not scores or width < 1:
        return []
    per_column = ceil(len(scores) / width)
    result: list[tuple[int | None, int | None]] = []
    end = len(scores)
    while end > 0:
        bucket = scores[max(0, end - per_column) : end]
        pains = [s.pain for s in bucket if s.pain is not None]
        stiffnesses = [s.stiffness for s in bucket if s.stiffness is not None]
        result.append((max(pains, default=None), max(stiffnesses, default=None)))
        end -= per_column
    result.reverse()
    return result


class SymptomChart(Widget):
    """Pain (●) and stiffness (○), one column a day when it fits, over coloured score bands.

    An unlogged day is a gap, never a zero. The band names sit in the left margin, so the chart
    reads without colour too. With eleven rows or more each score has its own row; with fewer,
    neighbouring scores share one.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "symptom-chart--severe",
        "symptom-chart--moderate",
        "symptom-chart--mild",
        "symptom-chart--none",
        "symptom-chart--pain",
        "symptom-chart--stiffness",
        "symptom-chart--axis",
    }

    DEFAULT_CSS = """
    SymptomChart {
        height: 1fr;
        min-height: 12;
    }
    SymptomChart > .symptom-chart--severe { background: $error 20%; }
    SymptomChart > .symptom-chart--moderate { background: $warning 15%; }
    SymptomChart > .symptom-chart--mild { background: $success 10%; }
    SymptomChart > .symptom-chart--none { background: $surface; }
    SymptomChart > .symptom-chart--pain { color: $error; text-style: bold; }
    SymptomChart > .symptom-chart--stiffness { color: $primary; text-style: bold; }
    SymptomChart > .symptom-chart--axis { color: $foreground-darken-3; }
    """

    span: reactive[int] = reactive(30)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._scores: list[DayScores] = []

    def show(self, scores: Sequence[DayScores]) -> None:
        """Draw these days, oldest first, the last one today; only the last ``span`` are shown."""
        self._scores = list(scores)
        self.refresh()

    def title(self) -> str:
        """The chart's heading: what is drawn, over how long, and how to change it."""
        return f"{self.legend()} · {self.span_words()}"

    def legend(self) -> str:
        """Which glyph is which score."""
        return f"{PAIN_GLYPH} pain  {STIFFNESS_GLYPH} stiffness  {BOTH_GLYPH} both"

    def span_words(self) -> str:
        """How many days are drawn, and the key for the other span."""
        other = 90 if self.span == 30 else 30
        return f"last {self.span} days (tab: {other})"

    def render(self) -> Text:
        width, height = self.content_size
        text = Text(no_wrap=True, overflow="crop")
        axis = foreground(self.get_component_rich_style("symptom-chart--axis"))
        shown = self._scores[-self.span :]
        plot_rows = height - 1
        plot_width = width - _GUTTER
        cells = columns(shown, plot_width)
        if plot_rows < 2 or not cells:
            return Text(self.title(), style=axis)
        if all(pain is None and stiffness is None for pain, stiffness in cells):
            return Text(f"{self.title()}\n\nNothing logged in these days.", style=axis)
        cell_width = plot_width // len(cells)
        pain_style = foreground(self.get_component_rich_style("symptom-chart--pain"))
        stiffness_style = foreground(self.get_component_rich_style("symptom-chart--stiffness"))
        glyph_styles = {
            PAIN_GLYPH: pain_style,
            STIFFNESS_GLYPH: stiffness_style,
            BOTH_GLYPH: pain_style,
        }
        labelled: set[str] = set()
        for row in range(plot_rows):
            band = band_of(10 - row * 10 / (plot_rows - 1))
            label = "" if band in labelled else band
            labelled.add(band)
            text.append(f"{label:<{_GUTTER - 1}}│", style=axis)
            line = Text(style=self.get_component_rich_style(f"symptom-chart--{band}"))
            for pain, stiffness in cells:
                glyph = _glyph(row, plot_rows, pain, stiffness)
                line.append(glyph.center(cell_width), style=glyph_styles.get(glyph, ""))
            # The bands stop where the plotted days stop: past them is no day, not a calm one.
            text.append_text(line)
            text.append("\n")
        text.append(self._axis_row(shown, cell_width * len(cells), plot_width), style=axis)
        return text

    def _axis_row(self, shown: Sequence[DayScores], used: int, width: int) -> str:
        """The first and the last day drawn, under the two ends of the plot, with the title
        between them; when it does not fit there, the legend goes after the last day."""
        first = short_day(shown[0].day)
        last = short_day(shown[-1].day)
        room = used - len(first) - len(last)
        title = f"  {self.title()}  "
        if len(title) <= room:
            return " " * _GUTTER + first + title.center(room) + last
        legend = f"  {self.legend()}"
        after = legend if len(legend) <= width - used else ""
        return " " * _GUTTER + first + f"  {self.span_words()}  ".center(room) + last + after


def _row_of(score: int, plot_rows: int) -> int:
    return round((10 - score) * (plot_rows - 1) / 10)


def _glyph(row: int, plot_rows: int, pain: int | None, stiffness: int | None) -> str:
    pain_here = pain is not None and _row_of(pain, plot_rows) == row
    stiffness_here = stiffness is not None and _row_of(stiffness, plot_rows) == row
    if pain_here and stiffness_here:
        return BOTH_GLYPH
    if pain_here:
        return PAIN_GLYPH
    if stiffness_here:
        return STIFFNESS_GLYPH
    return " "
