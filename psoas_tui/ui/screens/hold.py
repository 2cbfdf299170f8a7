"""The live hold timer: counts each hold down, paces breathing and saves every hold as it ends.

The counting is ``core.timer.HoldTimer``'s and the saving ``services.hold.HoldSession``'s; this
screen draws the timer, rings the bell and turns keys into the session's actions. ``tick()``
runs ten times a second while the timer runs, and not at all while it is paused or finished.
"""

from __future__ import annotations

import math
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Digits, Footer, Header, Static

from psoas_tui.core.model import Exercise
from psoas_tui.core.timer import Event, HoldTimer, Phase, TimerStatus
from psoas_tui.services.hold import Handled, HoldSession
from psoas_tui.services.unsaved import holds_text
from psoas_tui.ui.base import psoas_app
from psoas_tui.ui.messages import Saved, SaveKind
from psoas_tui.ui.screens.confirm import Confirm
from psoas_tui.ui.widgets.breath_pacer import BreathPacer
from psoas_tui.ui.widgets.timer_bar import TimerBar

#: Seconds between ticks while the timer runs: at most ten a second.
TICK_SECONDS = 0.1

#: What the screen shows moves in quarter seconds: smooth enough to pace a breath, and it keeps
#: repaints to four a second (each costs far more than a tick that finds nothing to change).
FRAME_SECONDS = 0.25

AnyWidget = TypeVar("AnyWidget", bound=Widget)

_PHASE_CLASSES = {phase: f"-{phase.value.replace('_', '-')}" for phase in Phase}


def clock_text(seconds: float) -> str:
    """``M:SS`` for the big digits, counting a started second as whole (29.2 s shows 0:30)."""
    whole = math.ceil(max(0.0, seconds) - 1e-9)
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


def where_text(status: TimerStatus, sided: bool) -> str:
    """``Left side · rep 2 of 3`` during a hold; ``Next: left side, rep 2 of 3`` before one."""
    side = f"{status.side} side" if sided and status.side else ""
    rep = f"rep {status.rep} of {status.reps}"
    if status.phase is Phase.HOLD:
        return f"{side.capitalize()} · {rep}" if side else rep.capitalize()
    if status.phase in (Phase.DONE, Phase.STOPPED):
        return ""
    return f"Next: {side}, {rep}" if side else f"Next: {rep}"


def count_text(status: TimerStatus) -> str:
    """``Hold 2 of 6`` during a hold; ``1 of 6 holds done`` around one."""
    if status.phase is Phase.HOLD:
        return f"Hold {status.hold_number} of {status.holds}"
    return f"{status.holds_done} of {status.holds} holds done"


class HoldScreen(Screen[None]):
    """Times one exercise, then offers the next one of today's routine."""

    # Stop (or Back) first: on a narrow footer the way out is never the key that is cut.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", "Stop"),
        Binding("escape", "back", "Back"),
        Binding("space", "toggle_pause", "Pause/resume"),
        Binding("n", "skip", "Skip"),
        Binding("plus", "extend", "Add 10 s", key_display="+", show=False),
        Binding("exclamation_mark", "hurts", "This hurts", key_display="!"),
        Binding("u", "undo_hurt", "Undo this hurts"),
        Binding("b", "toggle_bell", "Bell on/off", show=False),
        Binding("enter", "next_exercise", "Next exercise"),
        Binding("l", "log", "Log how you feel"),
    ]

    DEFAULT_CSS = """
    #hold {
        padding: 1 2;
        height: 1fr;
        overflow-y: auto;
    }
    #hold-top {
        height: 1;
    }
    #hold-name {
        width: 1fr;
        text-style: bold;
    }
    #hold-dose {
        width: auto;
        color: $text-muted;
    }
    #hold-where {
        height: 1;
    }
    #hold-phase {
        height: 1;
        margin-top: 1;
        text-style: bold;
        color: $accent;
    }
    HoldScreen.-hold #hold-phase {
        color: $success;
    }
    HoldScreen.-paused #hold-phase, HoldScreen.-paused #hold-clock {
        color: $text-muted;
    }
    #hold-clock {
        width: auto;
        margin: 0 0 1 0;
    }
    #hold-bars {
        height: 2;
    }
    .hold-bar-row {
        height: 1;
    }
    .hold-bar-label {
        width: 21;
        color: $text-muted;
    }
    .hold-bar-row TimerBar {
        width: 1fr;
    }
    #hold-pacer {
        margin-top: 1;
        display: none;
    }
    HoldScreen.-hold #hold-pacer {
        display: block;
    }
    #hold-notes {
        margin-top: 1;
        height: auto;
        color: $text;
    }
    #hold-cautions {
        height: auto;
        color: $warning;
    }
    HoldScreen.-done #hold-clock, HoldScreen.-done #hold-bars, HoldScreen.-done #hold-notes,
    HoldScreen.-done #hold-cautions, HoldScreen.-stopped #hold-clock,
    HoldScreen.-stopped #hold-bars, HoldScreen.-stopped #hold-notes,
    HoldScreen.-stopped #hold-cautions {
        display: none;
    }
    #hold-message {
        margin-top: 1;
        height: auto;
        display: none;
        padding: 0 1;
        border-left: wide $primary;
    }
    #hold-message.-shown {
        display: block;
    }
    #hold-message.-problem {
        border-left: wide $error;
    }
    """

    def __init__(self, exercise_id: str) -> None:
        super().__init__()
        self.exercise_id = exercise_id
        self.session: HoldSession | None = None
        self.bell = True
        #: Paused because a question or help opened over it: resumed when it closes.
        self._resume_on_return = False
        self._ticker: Timer | None = None
        #: Whether the ten-a-second tick is on: only while the timer runs.
        self.ticking = False
        self._phase_end: Timer | None = None
        self._shown: dict[str, str] = {}
        self._drawn: TimerStatus | None = None
        self._widgets: dict[str, Widget] = {}

    @property
    def timer(self) -> HoldTimer | None:
        """The running exercise's timer (``None`` before the screen mounts)."""
        return None if self.session is None else self.session.timer

    @property
    def next_exercise(self) -> Exercise | None:
        """The exercise offered once this one finished."""
        return None if self.session is None else self.session.next_exercise

    @property
    def exercise(self) -> Exercise:
        """The exercise being timed."""
        return self._session().exercise

    def compose(self) -> ComposeResult:
        config = psoas_app(self).psoas.config
        yield Header()
        with Vertical(id="hold"):
            with Horizontal(id="hold-top"):
                yield Static(id="hold-name", markup=False)
                yield Static(id="hold-dose", markup=False)
            yield Static(id="hold-where", markup=False)
            yield Static(id="hold-phase", markup=False)
            yield Digits(id="hold-clock")
            with Vertical(id="hold-bars"):
                with Horizontal(classes="hold-bar-row"):
                    yield Static("This phase", classes="hold-bar-label")
                    yield TimerBar(id="hold-phase-bar")
                with Horizontal(classes="hold-bar-row"):
                    yield Static(id="hold-count", classes="hold-bar-label", markup=False)
                    yield TimerBar(id="hold-exercise-bar")
            yield BreathPacer(config.breath_in, config.breath_out, id="hold-pacer")
            yield Static(id="hold-notes", markup=False)
            yield Static(id="hold-cautions", markup=False)
            yield Static(id="hold-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Hold timer"
        psoas = psoas_app(self).psoas
        self.bell = psoas.config.bell
        self._ticker = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        app = psoas_app(self)
        self.session = HoldSession(psoas, self.exercise_id, app.unsaved_holds, app.cues)
        self._show_exercise()

    # -- the timer -------------------------------------------------------------------------------

    def _show_exercise(self) -> None:
        exercise = self.exercise
        self.exercise_id = exercise.id
        self.query_one("#hold-name", Static).update(exercise.name)
        easing = psoas_app(self).psoas.today().easing
        dose = exercise.dose
        self.query_one("#hold-dose", Static).update(
            dose.describe() if easing is None else easing.words(dose)
        )
        self.query_one("#hold-pacer", BreathPacer).breaths = exercise.dose.breaths
        self.query_one("#hold-notes", Static).update("\n".join(exercise.cues))
        self.query_one("#hold-cautions", Static).update(
            "\n".join(f"Careful: {caution}" for caution in exercise.shown_cautions)
        )
        self._say("")
        self._draw()
        self._keep_ticking()

    def tick(self) -> None:
        """Move the timer on to the clock's present and redraw; save any hold that ended."""
        timer = self._timer()
        self._handle(timer.tick())
        self._draw()
        self._keep_ticking()

    def _session(self) -> HoldSession:
        assert self.session is not None, "the session starts when the screen mounts"
        return self.session

    def _timer(self) -> HoldTimer:
        return self._session().timer

    def _handle(self, events: list[Event]) -> None:
        if events:
            self._report(self._session().handle(events))

    def _report(self, handled: Handled) -> None:
        """Announce what was saved, say what failed, ring, and offer the next exercise."""
        for _ in range(handled.saved):
            self.app.post_message(Saved(SaveKind.HOLD))
        if handled.error is not None:
            waiting = (
                "1 unsaved hold is"
                if handled.waiting == 1
                else f"{handled.waiting} unsaved holds are"
            )
            self._say(
                f"{handled.error}\nThe timer keeps running; {waiting} tried again after the next "
                "hold, and when you quit.",
                problem=True,
            )
            self.notify(str(handled.error), title="Hold not saved", severity="error", markup=False)
        elif handled.finished and not handled.waiting:
            self._say(self._session().summary())
        if handled.ring and self.bell:
            self.app.bell()
        self.refresh_bindings()

    def _keep_ticking(self) -> None:
        """Tick only while the timer runs, and once more exactly when the phase is due to end.

        The ten-a-second ticks alone could notice the end of a hold up to 0.1 s late.
        """
        timer = self._timer()
        assert self._ticker is not None
        self.ticking = timer.running
        if not self.ticking:
            self._ticker.pause()
            return
        self._ticker.resume()
        remaining = timer.status().remaining
        if remaining < TICK_SECONDS and self._phase_end is None:
            self._phase_end = self.set_timer(remaining, self._tick_at_phase_end)

    def _tick_at_phase_end(self) -> None:
        self._phase_end = None
        self.tick()

    # -- drawing -----------------------------------------------------------------------------

    def _draw(self) -> None:
        timer = self._timer()
        status = timer.status().stepped(FRAME_SECONDS)
        if status == self._drawn:
            return
        self._drawn = status
        for phase, css_class in _PHASE_CLASSES.items():
            self.set_class(status.phase is phase, css_class)
        self.set_class(status.paused, "-paused")
        paused = " · paused (space to resume)" if status.paused else ""
        self._show("#hold-phase", status.phase.label + paused)
        self._show("#hold-where", where_text(status, bool(timer.exercise.dose.sides)))
        self._show("#hold-count", count_text(status))
        digits = clock_text(status.remaining)
        clock = self._widget("#hold-clock", Digits)
        if clock.value != digits:
            clock.update(digits)
        self._widget("#hold-phase-bar", TimerBar).show(status.progress)
        self._widget("#hold-exercise-bar", TimerBar).show(status.exercise_progress)
        if status.phase is Phase.HOLD:
            self._widget("#hold-pacer", BreathPacer).show(status.elapsed)

    def _widget(self, selector: str, kind: type[AnyWidget]) -> AnyWidget:
        """``query_one``, remembered: the screen looks its widgets up ten times a second."""
        widget = self._widgets.get(selector)
        if widget is None:
            widget = self._widgets[selector] = self.query_one(selector, kind)
        assert isinstance(widget, kind)
        return widget

    def _show(self, selector: str, text: str) -> None:
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self._widget(selector, Static).update(text)

    def _say(self, text: str, *, problem: bool = False) -> None:
        message = self.query_one("#hold-message", Static)
        message.update(text)
        message.set_class(bool(text), "-shown")
        message.set_class(problem, "-problem")

    def on_screen_suspend(self) -> None:
        # Time away from the timer never counts: a question or help over it pauses it until it
        # closes; another screen pauses it until the user comes back (h) and resumes (space).
        timer = self.timer
        if timer is None or not timer.running:
            return
        timer.pause()
        self._keep_ticking()
        self._draw()
        self._resume_on_return = isinstance(self.app.screen, ModalScreen)
        if not self._resume_on_return:
            self.app.notify(
                f"{self.exercise.name} is paused: h goes back to the timer.",
                title="Hold timer",
                markup=False,
            )

    def on_screen_resume(self) -> None:
        if self._resume_on_return and self.timer is not None:
            self._resume_on_return = False
            self.timer.resume()
            self._keep_ticking()
            self._draw()

    def on_unmount(self) -> None:
        app = psoas_app(self)
        if app.running_hold is not None and app.running_hold[1] is self:
            app.running_hold = None
        # The app ending any way at all still keeps a hold under way as it was; if it cannot be
        # saved it waits in the app's unsaved holds, which are settled after the app is gone.
        session = self.session
        if session is not None and not session.timer.finished:
            session.abort()

    def stop(self) -> None:
        """Stop the timer for good (the app quits): a hold under way is kept as held so far."""
        session = self.session
        if session is not None and not session.timer.finished:
            self._report(session.abort())
            self._keep_ticking()

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.timer is None:
            return True
        if action in ("toggle_pause", "skip", "extend"):
            return not self.timer.finished
        if action == "next_exercise":
            return self.timer.phase is Phase.DONE and self.next_exercise is not None
        if action in ("log", "back"):
            return self.timer.finished
        if action == "stop":
            return not self.timer.finished
        if action == "hurts":
            return not self.timer.pain_reported
        if action == "undo_hurt":
            return self.session is not None and self.session.hurt_entry is not None
        return True

    def action_toggle_pause(self) -> None:
        """Pause or resume; paused time never counts."""
        self._timer().toggle_pause()
        self._draw()
        self._keep_ticking()

    def action_skip(self) -> None:
        """End this hold now (saved as held so far), or cut a wait short."""
        self._handle(self._timer().skip())
        self._draw()
        self._keep_ticking()

    def action_extend(self) -> None:
        """Ten more seconds in this phase."""
        self._timer().extend()
        self._draw()
        self._keep_ticking()

    def action_toggle_bell(self) -> None:
        """Ring at each phase change, or not."""
        self.bell = not self.bell
        self.notify("Bell on." if self.bell else "Bell off.", title="Hold timer")

    def action_next_exercise(self) -> None:
        """Start the exercise offered when this one finished."""
        if self.next_exercise is not None:
            self._session().start(self.next_exercise.id)
            self._show_exercise()
            self.refresh_bindings()

    def action_stop(self) -> None:
        """Leave the timer; in the middle of a hold, ask first."""
        if self._timer().phase is Phase.HOLD:
            self.app.push_screen(
                Confirm(
                    f"Stop {self.exercise.name} now?\nThe hold so far is saved as it is.",
                    yes="Stop",
                    no="Keep going",
                ),
                self._stop_answered,
            )
        else:
            self._leave()

    def action_back(self) -> None:
        """Leave the finished timer."""
        self._close()

    def _stop_answered(self, stop: bool | None) -> None:
        if stop:
            self._leave()

    def _leave(self) -> None:
        self._handle(self._timer().abort())
        self._keep_ticking()
        self._close()

    def _close(self) -> None:
        # The holds still waiting outlive the screen: say where they went.
        waiting = self._session().unsaved
        if waiting:
            are = "is" if waiting == 1 else "are"
            self.app.notify(
                f"{holds_text(waiting)} {are} not saved yet: tried again after the next hold, "
                "and when you quit.",
                title="Hold not saved",
                severity="warning",
                timeout=10,
            )
        self.dismiss()

    def action_log(self) -> None:
        """Leave the finished timer for the symptom log."""
        self._close()
        self.app.switch_mode("log")

    def action_undo_hurt(self) -> None:
        """Take back "this hurts" pressed by mistake: the note leaves the log."""
        app = psoas_app(self)
        session = self._session()
        if app.save(SaveKind.ENTRY, session.undo_hurt, failed="Not taken back"):
            self._say(
                '"This hurts" is taken back: it is no longer in your log. The hold so far is '
                "kept. Press escape to go back, or enter on Today to start the exercise again."
            )
            self.refresh_bindings()

    def action_hurts(self) -> None:
        """Stop at once, keep the partial hold, note the warning sign and say what to do."""
        hurt = self._session().hurt()
        self._report(hurt.handled)
        self._keep_ticking()
        self._draw()
        if hurt.error is None:
            self.app.post_message(Saved(SaveKind.ENTRY))
        self._say(hurt.advice, problem=hurt.error is not None)
        self.refresh_bindings()
