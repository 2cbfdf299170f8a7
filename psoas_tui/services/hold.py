"""One run of the hold timer, apart from its screen: what is timed, what is saved, what comes next.

``HoldSession`` owns the ``HoldTimer``, saves every hold as it ends (any that fail to save wait
in the app's ``UnsavedHolds``, oldest first, to be tried again after the next hold and at quit),
picks the next exercise of the day, writes the "this hurts" entry and gives each phase to the
app's ``Cues`` (spoken, and the user's ``on_phase`` command). The screen only draws the timer's
status and forwards keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from psoas_tui.core.errors import PsoasError
from psoas_tui.core.model import Exercise, SymptomEntry
from psoas_tui.core.progress import DayProgress
from psoas_tui.core.timer import Event, HoldEnded, HoldTimer, Phase, PhaseChanged
from psoas_tui.services import Psoas
from psoas_tui.services.cues import Cue, Cues
from psoas_tui.services.unsaved import UnsavedHolds

HURT_ADVICE = (
    "Stop this stretch and rest in a position that feels comfortable.\n\n"
    "Pain that gets worse right after a stretch is worth having checked by a physical "
    "therapist, doctor or chiropractor. This app cannot tell what is causing it.\n\n"
    "It is noted in your log. Press l to log how you feel, or escape to go back."
)


@dataclass
class Handled:
    """What a batch of timer events came to.

    ``ring``: a phase changed (the bell); ``saved``: holds written now; ``error``: why the holds
    still waiting (``waiting``) were not; ``finished``: the exercise's plan ran to its end.
    """

    ring: bool = False
    saved: int = 0
    error: PsoasError | None = None
    waiting: int = 0
    finished: bool = False


@dataclass(frozen=True)
class Hurt:
    """After "this hurts": what the timer did, and whether the entry reached the log."""

    handled: Handled
    error: PsoasError | None = None

    @property
    def advice(self) -> str:
        """What the screen says, with the reason if the entry could not be noted."""
        if self.error is None:
            return HURT_ADVICE
        return f"{HURT_ADVICE}\n\nIt could not be noted in your log: {self.error}"


@dataclass
class HoldSession:
    """Times exercises of today's routine one after another, saving each hold as it ends."""

    psoas: Psoas
    exercise_id: str
    #: The holds waiting to be saved: the app's, shared by every timer it opens (its own if none).
    waiting: UnsavedHolds | None = None
    #: Where each phase is said aloud or handed to the user's command (``None``: nowhere).
    cues: Cues | None = None
    timer: HoldTimer = field(init=False)
    #: The exercise offered once this one is done (``None`` until then, or when all are done).
    next_exercise: Exercise | None = field(init=False, default=None)
    #: The "this hurts" entry saved from this timer, until it is taken back.
    hurt_entry: SymptomEntry | None = field(init=False, default=None)
    _waiting: UnsavedHolds = field(init=False)

    def __post_init__(self) -> None:
        self._waiting = UnsavedHolds(self.psoas) if self.waiting is None else self.waiting
        self.start(self.exercise_id)

    @property
    def exercise(self) -> Exercise:
        """The exercise being timed."""
        return self.psoas.exercise(self.exercise_id)

    @property
    def unsaved(self) -> int:
        """Holds that ended but could not be saved yet."""
        return len(self._waiting)

    def start(self, exercise_id: str) -> None:
        """Start timing ``exercise_id``: from its first hold not yet done today (from the top
        when none or all are)."""
        config = self.psoas.config
        self.exercise_id = exercise_id
        self.timer = HoldTimer(
            self.exercise,
            self.psoas.clock,
            get_ready_seconds=config.get_ready_seconds,
            breath_in=config.breath_in,
            breath_out=config.breath_out,
            # Started again the same day, it picks up at the first hold still missing.
            done=self.psoas.complete_holds(exercise_id, self.psoas.clock.today()),
        )
        self.next_exercise = None
        status = self.timer.status()
        self._cue(PhaseChanged(status.phase, status.side, status.rep))

    def handle(self, events: list[Event]) -> Handled:
        """Save the holds that ``events`` ended and say what else they mean."""
        handled = Handled()
        changes = [event for event in events if isinstance(event, PhaseChanged)]
        if changes:
            # A tick come late may cross several phases: only the one the timer is in is said,
            # and before any hold is saved, so that it comes when the phase does.
            self._cue(changes[-1])
        for event in events:
            if isinstance(event, HoldEnded):
                self._waiting.add(event.hold)
                saved, error = self._waiting.save()
                handled.saved += saved
                handled.error = error
            elif event.phase is not Phase.STOPPED:
                handled.ring = True
                if event.phase is Phase.DONE:
                    handled.finished = True
                    self._choose_next()
        handled.waiting = len(self._waiting)
        return handled

    def _cue(self, change: PhaseChanged) -> None:
        if self.cues is not None:
            self.cues.phase(Cue(change.phase, self.timer.exercise, change.side, change.rep))

    def abort(self) -> Handled:
        """Stop now; a hold under way is kept as held so far."""
        return self.handle(self.timer.abort())

    def hurt(self) -> Hurt:
        """Stop at once, keep the partial hold and note the warning sign with where it happened."""
        timer, exercise = self.timer, self.exercise
        status = timer.status()
        if timer.finished:
            when = f"just after {exercise.name}"
        else:
            side = f"{status.side} side, " if exercise.dose.sides and status.side else ""
            when = (
                f"during {exercise.name}, {side}rep {status.rep} of {status.reps} "
                f"({status.phase.label.lower()})"
            )
        handled = self.handle(timer.hurt())
        try:
            self.hurt_entry = self.psoas.note_hurt(when)
        except PsoasError as error:
            return Hurt(handled, error)
        return Hurt(handled)

    def undo_hurt(self) -> bool:
        """Take the "this hurts" entry out of the log again (a key pressed by mistake); the hold
        kept so far stays. ``False`` if there was none to take back."""
        entry = self.hurt_entry
        if entry is None:
            return False
        self.psoas.delete_entry(entry.id)
        self.hurt_entry = None
        return True

    def _day(self) -> DayProgress:
        # The exercise counts on the day its first hold started, even if it ran past midnight.
        day = self.timer.day
        return self.psoas.today() if day is None else self.psoas.progress_on(day)

    def _choose_next(self) -> None:
        items = list(self._day().exercises)
        ids = [item.exercise.id for item in items]
        at = ids.index(self.exercise_id) + 1 if self.exercise_id in ids else 0
        # Look after this exercise first, then wrap round to any left undone before it.
        ordered = items[at:] + items[:at]
        self.next_exercise = next(
            (
                item.exercise
                for item in ordered
                if not item.done and item.exercise.id != self.exercise_id
            ),
            None,
        )

    def summary(self) -> str:
        """How the finished exercise went, and what is offered next."""
        this = next(
            (item for item in self._day().exercises if item.exercise.id == self.exercise_id),
            None,
        )
        exercise = self.exercise
        if this is None or this.done:
            how = f"{exercise.name}: done."
        else:
            how = (
                f"{exercise.name}: {this.holds_done} of {exercise.dose.holds} "
                "holds held to 90% of their time."
            )
        upcoming = self.next_exercise
        if upcoming is not None:
            offer = f"Next: {upcoming.name} ({upcoming.dose.describe()}). Press enter to start it."
        else:
            offer = "Everything scheduled today is done. Press escape to go back."
        return f"{how}\n{offer}"
