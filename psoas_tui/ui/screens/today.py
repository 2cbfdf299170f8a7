"""Today's routine: the app's home."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static

from psoas_tui.core.dates import long_day
from psoas_tui.core.model import Exercise
from psoas_tui.core.pauses import Easing, day_note
from psoas_tui.core.progress import DayProgress, ExerciseProgress
from psoas_tui.core.streaks import NEVER_TWICE, Consistency
from psoas_tui.ui.base import psoas_app
from psoas_tui.ui.messages import SaveKind
from psoas_tui.ui.widgets.referral_banner import ReferralBanner

#: How often Today checks whether the day has rolled over while the app stays open.
DAY_CHECK_SECONDS = 30.0


def _glyph(item: ExerciseProgress) -> str:
    if item.done:
        return "✓"
    return "◐" if item.started else "·"


class ExerciseTable(DataTable[str]):
    """Today's exercises; ``enter`` starts the hold timer on the highlighted one."""

    BINDINGS = [Binding("enter", "select_cursor", "Start hold")]


class TodayTop(Horizontal):
    """The date, and beside it the fullest of the day's summaries that leaves the date whole
    (the shortest when none does)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._day = ""
        self._wordings: tuple[str, ...] = ("",)

    def compose(self) -> ComposeResult:
        yield Static(id="today-date")
        yield Static(id="today-summary")

    def show(self, day: str, wordings: Sequence[str]) -> None:
        """Show ``day`` and the first of ``wordings`` (fullest first) that fits beside it."""
        self._day, self._wordings = day, tuple(wordings)
        self.query_one("#today-date", Static).update(day)
        self._fit()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        # Two columns between the date and the summary.
        room = self.content_size.width - cell_len(self._day) - 2
        fits = (words for words in self._wordings if cell_len(words) <= room)
        self.query_one("#today-summary", Static).update(next(fits, self._wordings[-1]))


def summary_wordings(
    progress: DayProgress, streak: int, consistency: Consistency | None
) -> list[str]:
    """Today's summary, fullest first: the streak with the consistency beside it ("streak 2 · 5
    of last 7 · never twice in a row"), then without "never twice", and once everything is done
    without the nudge to log; the streak alone last."""
    streaks = [f"streak {streak}"]
    if consistency is not None:
        beside = f"streak {streak} · {consistency.describe_short()}"
        streaks[:0] = [f"{beside} · {NEVER_TWICE}", beside] if consistency.never_twice else [beside]
    wordings = _summaries(progress, streaks)
    if progress.easing is not None:
        # The whole sentence is in the exercise's detail: the top line has room for little.
        return [f"Easing back in · {summary}" for summary in wordings]
    return wordings


def _summaries(progress: DayProgress, streaks: list[str]) -> list[str]:
    pause = progress.pause
    if pause is not None and progress.done_count < progress.total:
        note = day_note(pause, progress.easing)
        # Fullest first; the shortest still says until when, so the date need not give way.
        return [
            *(f"{note}: nothing is due · {words}" for words in streaks),
            *(f"{note} · {words}" for words in streaks),
            f"Paused until {pause.end.isoformat()} · {streaks[-1]}",
        ]
    if progress.total == 0:
        return [f"A rest day: nothing scheduled · {words}" for words in streaks]
    if progress.done_count == progress.total:
        # The consistency goes before the nudge (which the end of the last hold gives too).
        *fuller, plain = streaks
        return [
            *(f"Everything done: {words}. Press l to log how you feel" for words in fuller),
            *(f"Everything done: {words}" for words in fuller),
            f"Everything done: {plain}. Press l to log how you feel",
            f"Everything done: {plain}",
        ]
    return [
        f"{progress.done_count} of {progress.total} done · "
        f"{progress.minutes_left} min left · {words}"
        for words in streaks
    ]


class TodayScreen(Screen[None]):
    """The date, today's exercises with their dose and state, and the day's progress."""

    BINDINGS = [
        Binding("d", "mark_done", "Mark done"),
        Binding("u", "undo_mark", "Undo mark"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    #: What help says beyond the keys: the state glyphs of the list.
    HELP_NOTES = (
        "The list",
        "  ✓  done (every hold, or marked done by hand)",
        "  ◐  started: some holds done",
        "  ·  not started",
        "  enter starts the hold timer on the highlighted exercise; up/down or j/k move",
    )

    def __init__(self) -> None:
        super().__init__()
        self._progress: DayProgress | None = None
        self._streak = 0
        self._consistency: Consistency | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReferralBanner()
        with Vertical(id="today"):
            yield TodayTop(id="today-top")
            yield ProgressBar(id="today-bar", show_eta=False)
            yield ExerciseTable(id="exercises", cursor_type="row", zebra_stripes=True)
            # Scrollable (tab to it, then the arrows) when the steps, cues and cautions are
            # longer than the screen, as at 80x24.
            with VerticalScroll(id="detail-scroll"):
                yield Static(id="exercise-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Today"
        table = self.query_one("#exercises", DataTable)
        table.add_column(" ", key="glyph", width=1)
        # The state before the dose: at 80 columns the last column is the one cut short.
        table.add_column("Exercise", key="name")
        table.add_column("State", key="state")
        table.add_column("Dose", key="dose")
        table.add_column("Time", key="time")
        self.reload()
        self.set_interval(DAY_CHECK_SECONDS, self._check_day)

    def on_screen_resume(self) -> None:
        self.reload()
        # Back from the timer: the highlight moves on to the next exercise still to do.
        item, progress = self._selected(), self._progress
        if item is not None and progress is not None and item.done:
            upcoming = progress.next_undone()
            if upcoming is not None:
                ids = [entry.exercise.id for entry in progress.exercises]
                self.query_one("#exercises", DataTable).move_cursor(row=ids.index(upcoming.id))

    def reload(self) -> None:
        """Read today's records again and redraw, keeping the selected row."""
        psoas = psoas_app(self).psoas
        self._progress = psoas.today()
        self._streak = psoas.current_streak().length
        self._consistency = psoas.consistency()
        self._render_progress(self._progress)

    def _check_day(self) -> None:
        if self._progress is not None and psoas_app(self).psoas.clock.today() != self._progress.day:
            self.reload()

    def _moved_to_a_new_day(self) -> bool:
        # The periodic check runs only every DAY_CHECK_SECONDS. A key pressed on the old day's
        # list must change nothing: its row may now be another exercise, and a record belongs
        # to the day it is made on.
        today = psoas_app(self).psoas.clock.today()
        if self._progress is None or today == self._progress.day:
            return False
        self.reload()
        self.notify(
            f"It is now {long_day(today, year=False)}: Today has moved on to the new day, "
            "and nothing was changed.",
            title="A new day",
        )
        return True

    def _render_progress(self, progress: DayProgress) -> None:
        self.query_one(TodayTop).show(
            long_day(progress.day), summary_wordings(progress, self._streak, self._consistency)
        )
        self.query_one("#today-bar", ProgressBar).update(
            total=100, progress=progress.fraction * 100
        )
        table = self.query_one("#exercises", DataTable)
        row = table.cursor_row
        table.clear()
        for item in progress.exercises:
            dose = item.exercise.dose
            table.add_row(
                _glyph(item),
                Text(item.exercise.name),
                item.describe(),
                dose.describe(),
                f"~{-(-dose.total_seconds // 60)} min",
                key=item.exercise.id,
            )
        if progress.exercises:
            table.move_cursor(row=min(row, len(progress.exercises) - 1))
        self._show_detail()

    @on(DataTable.RowHighlighted, "#exercises")
    def _row_highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#exercises")
    def _row_selected(self) -> None:
        self.action_start()

    def _selected(self) -> ExerciseProgress | None:
        if self._progress is None or not self._progress.exercises:
            return None
        row = self.query_one("#exercises", DataTable).cursor_row
        return self._progress.exercises[min(row, len(self._progress.exercises) - 1)]

    def selected_exercise_id(self) -> str | None:
        """The id of the highlighted exercise, if any."""
        item = self._selected()
        return item.exercise.id if item else None

    def _show_detail(self) -> None:
        item = self._selected()
        detail = self.query_one("#exercise-detail", Static)
        if item is None:
            detail.update(
                "Nothing is scheduled today. Rest is part of the routine: see you tomorrow."
            )
            return
        easing = self._progress.easing if self._progress is not None else None
        detail.update(_describe(item.exercise, easing))

    def action_cursor(self, direction: str) -> None:
        """Move the highlight up or down (``j`` and ``k`` as well as the arrows)."""
        table = self.query_one("#exercises", DataTable)
        if direction == "down":
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_start(self) -> None:
        """Start the hold timer for the highlighted exercise."""
        exercise_id = self.selected_exercise_id()
        if exercise_id is not None:
            psoas_app(self).action_hold(exercise_id)

    def action_mark_done(self) -> None:
        """Mark the highlighted exercise done by hand; saved at once."""
        if self._moved_to_a_new_day():
            return
        item = self._selected()
        if item is None or self._progress is None:
            return
        if item.marked:
            self.notify(f"{item.exercise.name} is already marked done.")
            return
        app, day = psoas_app(self), self._progress.day
        if app.save(SaveKind.MARK, lambda: app.psoas.mark_done(item.exercise.id, day)):
            self.reload()

    def action_undo_mark(self) -> None:
        """Undo a by-hand mark on the highlighted exercise; saved at once."""
        if self._moved_to_a_new_day():
            return
        item = self._selected()
        if item is None or self._progress is None:
            return
        if not item.marked:
            self.notify(f"{item.exercise.name} has no by-hand mark to undo.")
            return
        app, day = psoas_app(self), self._progress.day
        if app.save(SaveKind.MARK, lambda: app.psoas.unmark_done(item.exercise.id, day)):
            self.reload()


def _describe(exercise: Exercise, easing: Easing | None = None) -> Text:
    # Every part but the labels comes from the routine file: it is text, never markup.
    dose = exercise.dose
    text = Text.assemble(
        (exercise.name, "bold"),
        f" · {dose.describe() if easing is None else easing.words(dose)}\n",
    )
    text.append(f"{exercise.summary}\n\n")
    text.append("\n".join(f"{number}. {step}" for number, step in enumerate(exercise.steps, 1)))
    if exercise.cues:
        text.append("\n\n")
        text.append("Cues", "bold")
        text.append(": " + " · ".join(exercise.cues))
    if exercise.shown_cautions:
        text.append("\n")
        text.append("Careful", "bold")
        text.append(": " + " · ".join(exercise.shown_cautions))
    return text
