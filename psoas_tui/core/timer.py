"""The hold timer as a pure state machine: no Textual, no storage, no real time.

One ``HoldTimer`` runs one exercise. It walks a plan made from the exercise's dose::

    get ready -> hold (left, 1) -> rest -> hold (left, 2) -> ... -> switch sides
              -> hold (right, 1) -> rest -> ... -> hold (right, n) -> done

All reps are done on one side before switching, as the source article says: "hold the stretch
... and repeat three times per side". It also saves the user getting up and down between reps.

Time comes from an injected clock. Each phase remembers the monotonic instant it started and the
seconds it was paused; what remains is computed from those and the clock's reading, never by
counting ticks, so a late or missed tick cannot make the timer drift. When a tick comes late, the
next phase starts at the instant the previous one was due to end, not when the tick noticed.

Every action returns the events it caused: ``HoldEnded`` carries the ``Hold`` record to save,
``PhaseChanged`` tells the screen to ring the bell and redraw.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from psoas_tui.core.model import Dose, Exercise, Hold

if TYPE_CHECKING:
    from psoas_tui.clock import Clock

#: Seconds the "+" key adds to the current phase.
EXTEND_SECONDS = 10


class Phase(StrEnum):
    """Where the timer is in an exercise."""

    GET_READY = "get_ready"
    HOLD = "hold"
    REST = "rest"
    SWITCH = "switch"
    DONE = "done"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        """The phase as the screen names it."""
        return _LABELS[self]


_LABELS = {
    Phase.GET_READY: "Get ready",
    Phase.HOLD: "Hold",
    Phase.REST: "Rest",
    Phase.SWITCH: "Switch sides",
    Phase.DONE: "Done",
    Phase.STOPPED: "Stopped",
}


@dataclass(frozen=True)
class Step:
    """One timed phase of the plan.

    For a hold, ``side`` and ``rep`` are the hold's own; for a wait (get ready, rest, switch) they
    are those of the hold that follows it, so the screen can say what comes next.
    """

    phase: Phase
    seconds: float
    side: str | None
    rep: int


@dataclass(frozen=True)
class PhaseChanged:
    """The timer moved into a new phase (the screen rings the bell)."""

    phase: Phase
    side: str | None
    rep: int


@dataclass(frozen=True)
class HoldEnded:
    """A hold ended, fully held or not; ``hold`` is the record to save."""

    hold: Hold


Event = PhaseChanged | HoldEnded


@dataclass(frozen=True)
class TimerStatus:
    """Everything the screen shows, read at one instant.

    ``holds_done`` counts the holds already behind: those before the current phase.
    """

    phase: Phase
    side: str | None
    rep: int
    reps: int
    holds_done: int
    holds: int
    elapsed: float
    seconds: float
    paused: bool

    @property
    def remaining(self) -> float:
        """Seconds left in the current phase, never negative."""
        return max(0.0, self.seconds - self.elapsed)

    @property
    def progress(self) -> float:
        """Share of the current phase gone by, from 0 to 1."""
        if self.seconds <= 0:
            return 1.0
        return min(1.0, self.elapsed / self.seconds)

    @property
    def hold_number(self) -> int:
        """The hold under way or next, counted over both sides from 1 (``hold 4 of 6``)."""
        return min(self.holds_done + 1, self.holds)

    @property
    def exercise_progress(self) -> float:
        """Share of the exercise's holds gone by, the current hold counted in part."""
        current = self.progress if self.phase is Phase.HOLD else 0.0
        return (self.holds_done + current) / self.holds

    def stepped(self, step: float) -> TimerStatus:
        """This status with the elapsed time rounded down to a whole number of ``step`` seconds.

        Everything drawn from a stepped status (digits, bars, the breathing pacer) changes at the
        same instants, at most once a step, so the screen repaints that often and no more.
        """
        return replace(self, elapsed=math.floor(self.elapsed / step) * step)


def hold_seconds_of(dose: Dose, breath_in: float, breath_out: float) -> float:
    """Seconds one hold of ``dose`` lasts.

    A hold counted in breaths lasts that many breaths at the user's pacing, so that it ends on an
    exhale; any other hold lasts the dose's ``hold_seconds``.
    """
    if dose.breaths is not None:
        return dose.breaths * (breath_in + breath_out)
    return float(dose.hold_seconds)


def plan_steps(dose: Dose, get_ready_seconds: float, hold_seconds: float) -> tuple[Step, ...]:
    """The phases an exercise walks through, from get ready to its last hold."""
    sides: tuple[str | None, ...] = dose.sides or (None,)
    # Changing sides means getting down into a new position: give it at least the get-ready time.
    switch_seconds = max(float(dose.rest_seconds), float(get_ready_seconds))
    steps: list[Step] = []
    for side_index, side in enumerate(sides):
        for rep in range(1, dose.reps + 1):
            if rep > 1:
                wait = Step(Phase.REST, float(dose.rest_seconds), side, rep)
            elif side_index > 0:
                wait = Step(Phase.SWITCH, switch_seconds, side, rep)
            else:
                wait = Step(Phase.GET_READY, float(get_ready_seconds), side, rep)
            # A wait of no length is left out rather than rung as a phase that ends at once.
            if wait.seconds > 0:
                steps.append(wait)
            steps.append(Step(Phase.HOLD, hold_seconds, side, rep))
    return tuple(steps)


def _first_missing(
    steps: list[Step], done: frozenset[tuple[str | None, int]], get_ready_seconds: float
) -> int:
    """Where an exercise picks up again: the wait before its first hold not yet done, made a
    get-ready (``steps`` is changed in place). With every hold or none done, the start."""
    holds = [index for index, step in enumerate(steps) if step.phase is Phase.HOLD]
    missing = [index for index in holds if (steps[index].side, steps[index].rep) not in done]
    if not missing or missing[0] == holds[0]:
        return 0
    first = missing[0]
    before = steps[first - 1]
    if before.phase is Phase.HOLD or get_ready_seconds <= 0:
        # No wait to make a get-ready of (a rest, or a get-ready, of no length): start at the
        # hold itself.
        return first
    steps[first - 1] = Step(Phase.GET_READY, float(get_ready_seconds), before.side, before.rep)
    return first - 1


class HoldTimer:
    """The timer for one exercise, driven by ``tick()`` and the user's actions.

    Holds that end are returned as ``HoldEnded`` events, each once, for the caller to save. A
    hold that ends with nothing held (skipped or stopped the instant it began) is not recorded.
    """

    def __init__(
        self,
        exercise: Exercise,
        clock: Clock,
        *,
        get_ready_seconds: float = 5,
        breath_in: float = 4.0,
        breath_out: float = 6.0,
        done: Iterable[tuple[str | None, int]] = (),
    ) -> None:
        self.exercise = exercise
        self._clock = clock
        self.hold_seconds = hold_seconds_of(exercise.dose, breath_in, breath_out)
        steps = list(plan_steps(exercise.dose, get_ready_seconds, self.hold_seconds))
        self.pain_reported = False
        self._day: date | None = None
        self._index = _first_missing(steps, frozenset(done), get_ready_seconds)
        self.steps = tuple(steps)
        self._phase = self.steps[self._index].phase
        self._started = clock.monotonic()
        self._started_wall = clock.now()
        self._paused_at: float | None = None
        self._paused_for = 0.0
        self._extra = 0.0

    # -- reading -----------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """The current phase."""
        return self._phase

    @property
    def day(self) -> date | None:
        """The day the exercise's holds count on: the day its first hold started (``None``
        before one has ended)."""
        return self._day

    @property
    def paused(self) -> bool:
        """Whether the timer is paused."""
        return self._paused_at is not None

    @property
    def finished(self) -> bool:
        """Done or stopped: no action changes anything any more."""
        return self._phase in (Phase.DONE, Phase.STOPPED)

    @property
    def running(self) -> bool:
        """Counting down: neither paused nor finished."""
        return not self.finished and not self.paused

    def status(self) -> TimerStatus:
        """What the timer shows now."""
        dose = self.exercise.dose
        if self.finished:
            step = self.steps[min(self._index, len(self.steps) - 1)]
            elapsed, seconds = 0.0, 0.0
        else:
            step = self.steps[self._index]
            elapsed, seconds = self._elapsed(), step.seconds + self._extra
        return TimerStatus(
            phase=self._phase,
            side=step.side,
            rep=step.rep,
            reps=dose.reps,
            holds_done=self._holds_before(self._index),
            holds=dose.holds,
            elapsed=elapsed,
            seconds=seconds,
            paused=self.paused,
        )

    # -- driving -----------------------------------------------------------------------------

    def tick(self) -> list[Event]:
        """Move on through every phase whose time is up; return what happened."""
        events: list[Event] = []
        while self.running:
            step = self.steps[self._index]
            seconds = step.seconds + self._extra
            if self._elapsed() < seconds:
                break
            ends_at = self._started + self._paused_for + seconds
            events.extend(self._end_phase(held=seconds, at=ends_at))
        return events

    def pause(self) -> None:
        """Stop counting; paused time never counts towards a hold."""
        if self.running:
            self._paused_at = self._clock.monotonic()

    def resume(self) -> None:
        """Count again from where the pause began."""
        if self._paused_at is not None:
            self._paused_for += self._clock.monotonic() - self._paused_at
            self._paused_at = None

    def toggle_pause(self) -> None:
        """Pause when running, resume when paused."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    def skip(self) -> list[Event]:
        """End the current phase now: a hold is recorded as held so far, a wait is cut short.

        A paused timer stays paused in the next phase.
        """
        if self.finished:
            return []
        events = self.tick()
        if self.finished:
            return events
        events.extend(self._end_phase(held=self._elapsed(), at=self._now()))
        return events

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        """Add ``seconds`` to the current phase (a hold keeps its planned seconds)."""
        if not self.finished:
            self._extra += seconds

    def abort(self) -> list[Event]:
        """Stop the exercise; a hold in progress is recorded as held so far."""
        return self._stop()

    def hurt(self) -> list[Event]:
        """Stop at once because the stretch hurts; a hold in progress is recorded as it was.

        Pain reported after the exercise is done is still noted in ``pain_reported``.
        """
        self.pain_reported = True
        return self._stop()

    # -- inside ------------------------------------------------------------------------------

    def _now(self) -> float:
        return self._paused_at if self._paused_at is not None else self._clock.monotonic()

    def _elapsed(self) -> float:
        return self._now() - self._started - self._paused_for

    def _holds_before(self, index: int) -> int:
        return sum(1 for step in self.steps[:index] if step.phase is Phase.HOLD)

    def _stop(self) -> list[Event]:
        if self.finished:
            return []
        events = self.tick()
        if self.finished:
            return events
        step = self.steps[self._index]
        if step.phase is Phase.HOLD:
            events.extend(self._record(step, self._elapsed()))
        self._phase = Phase.STOPPED
        self._paused_at = None
        events.append(PhaseChanged(Phase.STOPPED, step.side, step.rep))
        return events

    def _end_phase(self, held: float, at: float) -> list[Event]:
        """End the current phase at monotonic instant ``at`` and start the next one there."""
        step = self.steps[self._index]
        events: list[Event] = []
        if step.phase is Phase.HOLD:
            events.extend(self._record(step, held))
        self._index += 1
        self._started = at
        # Read the wall clock as the phase starts: a suspend or a clock change later on must
        # not move the instant (and so the day) a hold began.
        self._started_wall = self._clock.now() - timedelta(seconds=self._clock.monotonic() - at)
        self._paused_for = 0.0
        self._extra = 0.0
        if self._paused_at is not None:
            self._paused_at = at
        if self._index == len(self.steps):
            self._phase = Phase.DONE
            self._paused_at = None
            events.append(PhaseChanged(Phase.DONE, step.side, step.rep))
        else:
            following = self.steps[self._index]
            self._phase = following.phase
            events.append(PhaseChanged(following.phase, following.side, following.rep))
        return events

    def _record(self, step: Step, held: float) -> list[Event]:
        if held <= 0:
            return []
        started_at = self._started_wall
        if self._day is None:
            # Every hold of the exercise counts on the day its first hold started, so an
            # evening routine that runs past midnight is not split over two days.
            self._day = self._clock.day_of(started_at)
        hold = Hold(
            exercise_id=self.exercise.id,
            side=step.side,
            rep=step.rep,
            planned_seconds=self.hold_seconds,
            held_seconds=held,
            started_at=started_at,
            day=self._day,
        )
        return [HoldEnded(hold)]


@dataclass(frozen=True)
class Breath:
    """Where the breathing pacer is: ``inhale`` or ``exhale``, how far through it, which breath."""

    inhale: bool
    progress: float
    number: int


def breath_at(elapsed: float, breath_in: float, breath_out: float) -> Breath:
    """The breath ``elapsed`` seconds into a hold paced at ``breath_in`` in, ``breath_out`` out."""
    cycle = breath_in + breath_out
    number, into = divmod(max(0.0, elapsed), cycle)
    if into < breath_in:
        return Breath(inhale=True, progress=into / breath_in, number=int(number) + 1)
    return Breath(inhale=False, progress=(into - breath_in) / breath_out, number=int(number) + 1)
