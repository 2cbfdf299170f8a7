"""Streaks and trends: the two streaks, a calendar of day statuses, and pain and stiffness."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Footer, Header, Static
from textual.worker import get_current_worker

from psoas_tui.core.dates import format_day, short_day
from psoas_tui.core.errors import PsoasError
from psoas_tui.core.pauses import pause_on, reason_words
from psoas_tui.core.signs import statement, stored_sign
from psoas_tui.core.streaks import (
    NEVER_TWICE,
    Consistency,
    DayStatus,
    DaySummary,
    Rate,
    Streak,
    StreakFigures,
)
from psoas_tui.ui.base import psoas_app
from psoas_tui.ui.widgets.streak_calendar import GLYPHS, StreakCalendar
from psoas_tui.ui.widgets.symptom_chart import DayScores, SymptomChart

#: Weeks the calendar shows, and on a terminal narrower than ``WIDE_FROM`` columns.
WEEKS = 26
NARROW_WEEKS = 16
WIDE_FROM = 96

#: How often the screen checks whether the day has rolled over while it stays open.
DAY_CHECK_SECONDS = 30.0

_SPANS = (30, 90)

#: What the figures' place says while the history is first read.
COUNTING = "Counting…"

_STATUS_WORDS = {
    DayStatus.DONE: "done",
    DayStatus.PARTIAL: "partial",
    DayStatus.MISSED: "missed",
    DayStatus.REST: "rest day, nothing scheduled",
    DayStatus.SYMPTOM_REST: "symptom rest, never a break",
    DayStatus.PENDING: "today, still to do",
    DayStatus.NOT_TRACKED: "before your routine's history began, never missed",
    DayStatus.PAUSED: "paused, never a break",
}


def streak_dates(streak: Streak, today: date, *, running: bool) -> str:
    """``since 17 Nov`` for a running streak, ``6 Aug - 22 Aug`` or ``on 6 Aug`` for a past one."""
    if streak.first is None or streak.last is None:
        return "no streak yet"
    if running:
        return f"since {short_day(streak.first, today)}"
    if streak.first == streak.last:
        return f"on {short_day(streak.first, today)}"
    return f"{short_day(streak.first, today)} - {short_day(streak.last, today)}"


def describe_consistency(consistency: Consistency | None, *, narrow: bool = False) -> str:
    """``6 of the last 7 scheduled days · never twice in a row`` (on two lines when ``narrow``),
    or nothing while there is too little history to say."""
    if consistency is None:
        return ""
    words = consistency.describe()
    if not consistency.never_twice:
        return words
    return f"{words}\n{NEVER_TWICE}" if narrow else f"{words} · {NEVER_TWICE}"


def describe_rate(rate: Rate) -> str:
    """``6 of 7 (86%)``, or a dash before any scheduled day has counted."""
    if rate.share is None:
        return "-"
    return f"{rate.done} of {rate.days} ({rate.share:.0%})"


class StreaksScreen(Screen[None]):
    """The current and longest streaks, 26 weeks of days, and daily pain and stiffness."""

    DEFAULT_CSS = """
    #streaks {
        padding: 0 1;
    }
    #streak-top, #streak-figures, #streak-left, #streak-right {
        height: auto;
    }
    #streak-left, #streak-figures {
        width: auto;
    }
    .streak-box {
        width: 26;
        height: auto;
    }
    .streak-label, .streak-dates {
        color: $text-muted;
    }
    .streak-box Digits {
        width: auto;
        color: $success;
    }
    #calendar {
        margin-top: 1;
    }
    #calendar-legend {
        width: 56;
        color: $text-muted;
    }
    #consistency {
        width: 56;
    }
    #streak-right {
        width: 1fr;
        margin-left: 2;
    }
    #streak-rates {
        height: 4;
        color: $text;
    }
    StreaksScreen.-narrow .streak-box {
        width: 19;
    }
    StreaksScreen.-narrow #calendar-legend, StreaksScreen.-narrow #consistency {
        width: 38;
    }
    #day-panel {
        height: auto;
        min-height: 8;
        padding-left: 1;
        border-left: wide $primary;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "toggle_span", "30/90 days", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._today: date | None = None
        self._consistency: Consistency | None = None
        #: A count of the figures is running, and another was asked for meanwhile.
        self._counting = False
        self._recount = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="streaks", can_focus=False):
            with Horizontal(id="streak-top"):
                with Vertical(id="streak-left"):
                    with Horizontal(id="streak-figures"):
                        with Vertical(classes="streak-box"):
                            yield Static("Current streak", classes="streak-label")
                            yield Digits("-", id="current-streak")
                            yield Static(id="current-dates", classes="streak-dates")
                        with Vertical(classes="streak-box"):
                            yield Static("Longest streak", classes="streak-label")
                            yield Digits("-", id="longest-streak")
                            yield Static(id="longest-dates", classes="streak-dates")
                    # Beside the streak, so that one lapse is not a reset.
                    yield Static(id="consistency")
                    yield StreakCalendar(id="calendar")
                    yield Static(id="calendar-legend")
                with Vertical(id="streak-right"):
                    yield Static(id="streak-rates")
                    yield Static(id="day-panel")
            yield SymptomChart(id="chart")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Streaks and trends"
        self.query_one(StreakCalendar).focus()
        self.set_interval(DAY_CHECK_SECONDS, self._check_day)

    def on_resize(self, event: events.Resize) -> None:
        # On a narrow terminal (80 columns) fewer weeks leave the side panel room for its lines.
        calendar = self.query_one(StreakCalendar)
        narrow = event.size.width < WIDE_FROM
        self.set_class(narrow, "-narrow")
        weeks = NARROW_WEEKS if narrow else WEEKS
        if calendar.weeks != weeks:
            calendar.weeks = weeks
            calendar.refresh(layout=True)
        self._show_consistency()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the history again and redraw every figure, keeping the calendar's cursor.

        The history is read and judged in a thread (ten years take a while the first time), so
        keys keep working; until the first figures are in, the screen says it is counting.
        """
        if self._counting:
            # One count at a time (they share the history's caches): count again after it.
            self._recount = True
            return
        if self._today is None:
            self.query_one("#streak-rates", Static).update(COUNTING)
        self._counting = True
        self._count()

    @work(thread=True, group="streak-figures")
    def _count(self) -> None:
        psoas = psoas_app(self).psoas
        today = psoas.clock.today()
        try:
            summaries = psoas.streak_summaries()
            figures = psoas.streak_figures(summaries)
            consistency = psoas.consistency_of(summaries)
        except PsoasError as error:
            # A record damaged since the app opened (another program wrote the file), or in an
            # archive: say what cannot be read, and keep the app running.
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._cannot_count, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._fill, today, summaries, figures, consistency)

    def _cannot_count(self, reason: str) -> None:
        self._counting = False
        self._recount = False
        self.query_one("#streak-rates", Static).update(
            Text(f"The streaks cannot be counted. {reason}")
        )
        self.app.notify(reason, title="Streaks", severity="error", timeout=10, markup=False)

    def _fill(
        self,
        today: date,
        summaries: list[DaySummary],
        figures: StreakFigures,
        consistency: Consistency | None,
    ) -> None:
        self._counting = False
        if self._recount:
            self._recount = False
            self.reload()
        self._today = today
        self._show_figures(figures, today)
        self._consistency = consistency
        self._show_consistency()
        calendar = self.query_one(StreakCalendar)
        calendar.show({summary.day: summary for summary in summaries}, today)
        self.query_one("#calendar-legend", Static).update(calendar.legend())
        by_day = {summary.day: summary for summary in summaries[-max(_SPANS) :]}
        self.query_one(SymptomChart).show(
            [_scores_on(today - timedelta(days=back), by_day) for back in range(max(_SPANS))][::-1]
        )
        self._show_day(calendar.cursor)

    def _show_consistency(self) -> None:
        shown = self.query_one("#consistency", Static)
        shown.update(describe_consistency(self._consistency, narrow=self.has_class("-narrow")))
        shown.display = self._consistency is not None

    def _check_day(self) -> None:
        if self._today is not None and psoas_app(self).psoas.clock.today() != self._today:
            self.reload()

    def _show_figures(self, figures: StreakFigures, today: date) -> None:
        self.query_one("#current-streak", Digits).update(str(figures.current.length))
        self.query_one("#longest-streak", Digits).update(str(figures.longest.length))
        current, longest = figures.current, figures.longest
        # "No streak yet" would read as never having had one: say how to start again instead.
        running = (
            streak_dates(current, today, running=True)
            if current.length or not longest.length
            else "none running: start again today"
        )
        self.query_one("#current-dates", Static).update(running)
        self.query_one("#longest-dates", Static).update(
            streak_dates(longest, today, running=longest == current)
        )
        self.query_one("#streak-rates", Static).update(
            "\n".join(
                (
                    "Scheduled days done",
                    f"  last 7   {describe_rate(figures.last_7)}",
                    f"  last 30  {describe_rate(figures.last_30)}",
                    f"All time: {figures.total_holds:,} holds, {figures.minutes_held:,} min held",
                )
            )
        )

    @on(StreakCalendar.Moved)
    def _moved(self, message: StreakCalendar.Moved) -> None:
        self._show_day(message.day)

    def _show_day(self, day: date) -> None:
        summary = self.query_one(StreakCalendar).summary(day)
        self.query_one("#day-panel", Static).update(self.describe_day(day, summary))

    def describe_day(self, day: date, summary: DaySummary | None) -> Text:
        """The side panel's text for ``day``: status, scores and signs, exercises and holds."""
        text = Text()
        text.append(f"{format_day(day)} {day.year}", style="bold")
        if summary is None:
            text.append("\nNothing recorded: your history starts later.")
            return text
        lines = [f"{GLYPHS[summary.status]} {_STATUS_WORDS[summary.status]}", _scores(summary)]
        pause = pause_on(psoas_app(self).psoas.pauses(), day)
        if pause is not None:
            lines.insert(
                1,
                f"Paused {reason_words(pause.reason)}: {short_day(pause.start)} - "
                f"{short_day(pause.end, pause.start)}",
            )
        lines.extend(f"! {_sign_words(key)}" for key in summary.signs)
        if summary.planned:
            done = f"{len(summary.complete)} of {len(summary.planned)} exercises done"
            if summary.holds:
                done += f" · {summary.holds} holds, {summary.seconds_held / 60:.0f} min"
            lines.append(done)
            routine = psoas_app(self).psoas.routine_on(day)
            names = {exercise.id: exercise.name for exercise in routine.exercises}
            for exercise_id in summary.planned:
                mark = "✓" if exercise_id in summary.complete else "·"
                lines.append(f"{mark} {names.get(exercise_id, exercise_id)}")
        # The routine's names are the user's text: appended as text, never read as markup.
        text.append("".join(f"\n{line}" for line in lines))
        return text

    def action_toggle_span(self) -> None:
        """Show pain and stiffness over the last 30 or the last 90 days."""
        chart = self.query_one(SymptomChart)
        chart.span = _SPANS[(_SPANS.index(chart.span) + 1) % len(_SPANS)]


def _scores(summary: DaySummary) -> str:
    if summary.pain is None and summary.stiffness is None:
        return "No pain or stiffness logged"
    pain = "-" if summary.pain is None else str(summary.pain)
    stiffness = "-" if summary.stiffness is None else str(summary.stiffness)
    return f"Pain {pain} · stiffness {stiffness}"


def _scores_on(day: date, by_day: dict[date, DaySummary]) -> DayScores:
    summary = by_day.get(day)
    if summary is None:
        return DayScores(day, None, None)
    return DayScores(day, summary.pain, summary.stiffness)


def _sign_words(key: str) -> str:
    return statement(stored_sign(key))
