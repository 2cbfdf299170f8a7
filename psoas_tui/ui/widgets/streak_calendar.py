"""A calendar of day statuses: weeks as columns, weekdays as rows, and a cursor on one day."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from psoas_tui.core.dates import WEEKDAYS, month_short
from psoas_tui.core.streaks import DayStatus, DaySummary

#: One glyph per status, so the calendar reads without colour too; in legend order, the statuses
#: that count first, then from ``REST`` on the neutral ones.
GLYPHS: dict[DayStatus, str] = {
    DayStatus.DONE: "●",
    DayStatus.PARTIAL: "◐",
    DayStatus.MISSED: "○",
    DayStatus.REST: "·",
    DayStatus.SYMPTOM_REST: "+",
    DayStatus.PAUSED: "=",
    DayStatus.PENDING: "◌",
    DayStatus.NOT_TRACKED: "-",
}

_WEEKDAYS = tuple(name[:3] for name in WEEKDAYS)
_LABEL_WIDTH = 4
_CELL_WIDTH = 2


def component(status: DayStatus) -> str:
    """The component class that colours ``status``."""
    return "streak-calendar--" + status.value.replace(" ", "-")


def legend_text(style_of: Mapping[DayStatus, Style] | None = None) -> Text:
    """Each status's glyph and name, the neutral ones on the second and third lines (each fits
    the calendar's width), coloured when styles are given."""
    styles = style_of or {}
    text = Text()
    for status in GLYPHS:
        if status is DayStatus.REST:
            text.append("\nneutral: ")
        elif status is DayStatus.PAUSED:
            text.append("\n")
        elif text:
            text.append("  ")
        text.append(GLYPHS[status], style=styles.get(status, ""))
        text.append(f" {_LEGEND_WORDS.get(status, status.value)}")
    return text


#: Shorter names where the status's own would not fit the calendar's width.
_LEGEND_WORDS = {DayStatus.NOT_TRACKED: "before"}


def foreground(style: Style) -> Style:
    """``style``'s colour and weight without its background, to draw over other backgrounds."""
    return Style(color=style.color, bold=style.bold)


class StreakCalendar(Widget, can_focus=True):
    """``weeks`` weeks, one cell per day, coloured by status; at first the weeks up to today's.

    Days before the history starts and after today are blank. The arrow keys (and ``j``/``k``)
    move the cursor between days, and the weeks shown follow it back to the history's first day;
    ``[`` and ``]`` move it by the weeks shown. ``Moved`` says where it went.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "streak-calendar--cursor",
        "streak-calendar--month",
        *(component(status) for status in DayStatus),
    }

    DEFAULT_CSS = """
    StreakCalendar {
        width: auto;
        height: auto;
    }
    StreakCalendar > .streak-calendar--done { color: $success; }
    StreakCalendar > .streak-calendar--partial { color: $warning; }
    StreakCalendar > .streak-calendar--missed { color: $error; }
    StreakCalendar > .streak-calendar--rest { color: $foreground-darken-3; }
    StreakCalendar > .streak-calendar--symptom-rest { color: $primary-lighten-2; }
    StreakCalendar > .streak-calendar--pending { color: $foreground; }
    StreakCalendar > .streak-calendar--paused { color: $accent; }
    StreakCalendar > .streak-calendar--not-tracked { color: $foreground-darken-3; }
    StreakCalendar > .streak-calendar--month { color: $foreground-darken-3; }
    StreakCalendar > .streak-calendar--cursor { text-style: reverse; }
    StreakCalendar:focus > .streak-calendar--cursor { text-style: reverse bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Day before", show=False),
        Binding("down,j", "move(1)", "Day after", show=False),
        Binding("left", "move(-7)", "Week before", show=False),
        Binding("right", "move(7)", "Week after", show=False),
        # Not pageup/pagedown: on a small terminal those scroll the page down to the chart.
        Binding("left_square_bracket", "page(-1)", "Earlier weeks", key_display="[", show=False),
        Binding("right_square_bracket", "page(1)", "Later weeks", key_display="]", show=False),
        Binding("end", "go_today", "Back to today", show=False),
    ]

    @dataclass
    class Moved(Message):
        """The cursor moved to ``day``."""

        calendar: StreakCalendar
        day: date

        @property
        def control(self) -> StreakCalendar:
            """The calendar the cursor moved on."""
            return self.calendar

    cursor: reactive[date] = reactive(date.min, init=False)

    def __init__(
        self, weeks: int = 26, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.weeks = weeks
        self._today = date.min
        self._summaries: dict[date, DaySummary] = {}
        #: The day whose week is the last column (today unless moved back).
        self._anchor = date.min

    @property
    def first_day(self) -> date:
        """The Monday that opens the first column."""
        return self._anchor - timedelta(days=self._anchor.weekday() + 7 * (self.weeks - 1))

    @property
    def last_day(self) -> date:
        """The Sunday that closes the last column."""
        return self._anchor + timedelta(days=6 - self._anchor.weekday())

    @property
    def earliest(self) -> date:
        """The first day the cursor may go to: the history's first day, or the first column
        of the weeks up to today's when the history is shorter."""
        today = self._today
        opening = today - timedelta(days=today.weekday() + 7 * (self.weeks - 1))
        return min(min(self._summaries, default=opening), opening)

    def show(self, summaries: Mapping[date, DaySummary], today: date) -> None:
        """Show these days; the cursor stays where it was, or starts on ``today``."""
        rolled_over = today != self._today
        self._summaries = dict(summaries)
        self._today = today
        if rolled_over or not self.earliest <= self.cursor <= today:
            self._anchor = today
            self.set_reactive(StreakCalendar.cursor, today)
            self.post_message(self.Moved(self, today))
        self.refresh(layout=True)

    def legend(self) -> Text:
        """Each status's glyph, in this calendar's colours, and its name."""
        return legend_text(
            {
                status: foreground(self.get_component_rich_style(component(status)))
                for status in GLYPHS
            }
        )

    def summary(self, day: date) -> DaySummary | None:
        """What the calendar knows of ``day``."""
        return self._summaries.get(day)

    def action_move(self, days: int) -> None:
        """Move the cursor by ``days``, staying between the history's first day and today; the
        weeks shown follow it."""
        target = self.cursor + timedelta(days=days)
        if self.earliest <= target <= self._today:
            self._follow(target)

    def action_page(self, pages: int) -> None:
        """Move the cursor by the number of weeks shown, earlier or later."""
        target = self.cursor + timedelta(days=7 * self.weeks * pages)
        self._follow(max(min(target, self._today), self.earliest))

    def _follow(self, day: date) -> None:
        if day < self.first_day:
            self._anchor = day + timedelta(days=7 * (self.weeks - 1))
        elif day > self.last_day:
            self._anchor = day
        self.cursor = day

    def action_go_today(self) -> None:
        """Put the cursor back on today."""
        self._anchor = self._today
        self.cursor = self._today

    def watch_cursor(self, day: date) -> None:
        self.post_message(self.Moved(self, day))
        self.refresh()

    def get_content_width(self, container: object, viewport: object) -> int:
        return _LABEL_WIDTH + _CELL_WIDTH * self.weeks

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 1 + len(_WEEKDAYS)

    def render(self) -> Text:
        if self._today == date.min:
            return Text()
        first = self.first_day
        text = Text(no_wrap=True, overflow="crop")
        text.append_text(self._month_row(first))
        status_styles = {
            status: foreground(self.get_component_rich_style(component(status)))
            for status in DayStatus
        }
        cursor_style = self.get_component_rich_style("streak-calendar--cursor", partial=True)
        for weekday, name in enumerate(_WEEKDAYS):
            text.append("\n")
            text.append(f"{name:<{_LABEL_WIDTH}}")
            for week in range(self.weeks):
                day = first + timedelta(days=7 * week + weekday)
                summary = self._summaries.get(day) if day <= self._today else None
                glyph = GLYPHS[summary.status] if summary is not None else " "
                style = status_styles[summary.status] if summary is not None else Style()
                if day == self.cursor:
                    style = style + cursor_style
                text.append(glyph, style=style)
                text.append(" ")
        return text

    def _month_row(self, first: date) -> Text:
        """Each month's short name over the week its first day falls in (and the first week's
        month, when there is room before the next name)."""
        opening = [
            week
            for week in range(self.weeks)
            if (first + timedelta(days=7 * week + 6)).day <= 7 or week == 0
        ]
        if len(opening) > 1 and opening[1] == 1:
            opening = opening[1:]
        width = _LABEL_WIDTH + _CELL_WIDTH * self.weeks
        row = " " * _LABEL_WIDTH
        for week in opening:
            name = month_short(first + timedelta(days=7 * week + 6))
            # A name that would run past the grid moves left to end with it: a wrapped name
            # would cost a row and push Sunday out of sight.
            column = min(_LABEL_WIDTH + _CELL_WIDTH * week, width - len(name))
            if column > len(row):
                row = row.ljust(column) + name
        style = foreground(self.get_component_rich_style("streak-calendar--month"))
        return Text(row, style=style)
