"""Eyes-free cues of the hold timer: each phase spoken aloud, and the user's own command run.

With ``voice = true`` in ``config.toml`` each phase is spoken by the first speaker found on
``PATH`` at the first cue: ``say`` on macOS, else ``espeak-ng``, then ``spd-say``. With
``on_phase = "COMMAND"`` the command runs at each phase through the shell, the phase in its
environment (and never in the command's text, so no exercise name can change what runs)::

    PSOAS_PHASE          get_ready, hold, rest, switch, done or stopped
    PSOAS_EXERCISE       the exercise's id, such as kneeling-hip-flexor-stretch
    PSOAS_EXERCISE_NAME  its name, such as Kneeling hip flexor stretch
    PSOAS_SIDE           left or right; empty for an exercise not done side by side
    PSOAS_REP            the rep under way, or the one that comes next (1, 2, ...)
    PSOAS_REPS           reps per side
    PSOAS_TEXT           what the voice says at this phase (empty for stopped)

The command goes to the shell rather than being split into words: it is the user's own line in
their own file, and the shell lets it read ``$PSOAS_TEXT`` and use pipes and ``&&``, as timers'
users do (``&& say done``).

Nothing here waits. Each process starts with no terminal, in a session of its own; a thread
waits for it, so it never lingers as a zombie and a failure can be said. A new phase cuts the
words of the one before, so what is heard is always where the timer is; the user's command runs
to its end. A speaker that is missing or fails, and a command that fails, are each said once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from psoas_tui.core.model import Exercise
from psoas_tui.core.timer import Phase
from psoas_tui.core.validate import shown

#: Where a problem is said: called once per problem, from any thread.
Report = Callable[[str], None]

#: The speakers looked for, in order, by platform.
SPEAKERS = {"darwin": ("say", "espeak-ng", "spd-say")}
OTHER_SPEAKERS = ("espeak-ng", "spd-say", "say")

#: The name of each thread that waits for a cue's process.
CUE_THREAD = "psoas-cue"

#: The shell's exit status for a command it cannot find.
_NOT_FOUND = 127


@dataclass(frozen=True)
class Cue:
    """A phase the timer has moved into: ``side`` and ``rep`` are as ``PhaseChanged`` has them."""

    phase: Phase
    exercise: Exercise
    side: str | None
    rep: int

    @property
    def words(self) -> str:
        """What the voice says: ``Hold. Left side, 1 of 2.`` (nothing for stopped, which the
        user did)."""
        side = f"{self.side} side" if self.side else ""
        reps = self.exercise.dose.reps
        if self.phase is Phase.GET_READY:
            return f"Get ready: {_plain(self.exercise.name)}" + (f", {side}." if side else ".")
        if self.phase is Phase.HOLD:
            where = [side.capitalize(), f"{self.rep} of {reps}" if reps > 1 else ""]
            said = ", ".join(part for part in where if part)
            return f"Hold. {said}." if said else "Hold."
        if self.phase is Phase.SWITCH:
            return f"Switch sides: {side} next." if side else "Switch sides."
        if self.phase is Phase.STOPPED:
            return ""
        return f"{self.phase.label}."

    def environment(self) -> dict[str, str]:
        """The ``PSOAS_*`` variables the ``on_phase`` command reads."""
        return {
            "PSOAS_PHASE": self.phase.value,
            "PSOAS_EXERCISE": self.exercise.id,
            "PSOAS_EXERCISE_NAME": _plain(self.exercise.name),
            "PSOAS_SIDE": self.side or "",
            "PSOAS_REP": str(self.rep),
            "PSOAS_REPS": str(self.exercise.dose.reps),
            "PSOAS_TEXT": self.words,
        }


def _plain(text: str) -> str:
    # A routine's name may hold a NUL, which no argument or environment can carry.
    return "".join(" " if ord(char) < 32 or ord(char) == 127 else char for char in text)


class _Child:
    """A process started for a cue, and whether a later cue cut it short."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.cut = False


class Cues:
    """Speaks the timer's phases and runs the user's ``on_phase`` command, waiting for neither.

    One per app, shared by every timer it opens, so each problem is said once however many
    exercises are timed.
    """

    def __init__(
        self,
        voice: bool,
        on_phase: str | None,
        report: Report,
        *,
        platform: str = sys.platform,
    ) -> None:
        self._voice = voice
        self._on_phase = on_phase
        self._report = report
        self._platform = platform
        self._speaker: str | None = None
        self._looked = False
        self._speaking: _Child | None = None
        self._said: set[str] = set()
        self._lock = threading.Lock()

    def phase(self, cue: Cue) -> None:
        """Speak ``cue`` and run the user's command for it; return as soon as both started."""
        if self._voice and cue.words:
            self._speak(cue.words)
        if self._on_phase is not None:
            self._start(self._on_phase, "on_phase", env={**os.environ, **cue.environment()})

    def _speak(self, words: str) -> None:
        speaker = self._find_speaker()
        if speaker is None:
            return
        before = self._speaking
        # Not poll(): while the waiting thread is in wait() it says "running" even once ended;
        # returncode is set by that thread as soon as the process is gone.
        if before is not None and before.process.returncode is None:
            before.cut = True
            before.process.terminate()
        self._speaking = self._start([speaker, words], "voice")

    def _find_speaker(self) -> str | None:
        if not self._looked:
            self._looked = True
            names = SPEAKERS.get(self._platform, OTHER_SPEAKERS)
            found = (shutil.which(name) for name in names)
            self._speaker = next((speaker for speaker in found if speaker is not None), None)
            if self._speaker is None:
                self._say_once(
                    "voice",
                    f"voice = true, but none of {', '.join(names)} is on PATH; "
                    "the timer goes on without a voice.",
                )
        return self._speaker

    def _start(
        self, command: str | list[str], setting: str, env: dict[str, str] | None = None
    ) -> _Child | None:
        """Start ``command``: a line for the shell, or a program and its arguments."""
        try:
            # Its own session and no terminal: the app's keys and signals never reach it, and
            # nothing it prints lands on the app's screen.
            process = subprocess.Popen(
                command,
                shell=isinstance(command, str),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as error:
            self._say_once(setting, f"{setting}: {_named(command)} could not start: {error}.")
            return None
        child = _Child(process)
        waiting = threading.Thread(
            target=self._wait, args=(child, command, setting), name=CUE_THREAD, daemon=True
        )
        waiting.start()
        return child

    def _wait(self, child: _Child, command: str | list[str], setting: str) -> None:
        code = child.process.wait()
        if code == 0 or child.cut:
            return
        if code == _NOT_FOUND and isinstance(command, str):
            why = "was not found"
        elif code < 0:
            why = f"was ended by signal {-code}"
        else:
            why = f"failed (exit status {code})"
        self._say_once(setting, f"{setting}: {_named(command)} {why}; the timer goes on.")

    def _say_once(self, setting: str, problem: str) -> None:
        # Called from the threads that wait, as well as the app's.
        with self._lock:
            if setting in self._said:
                return
            self._said.add(setting)
        self._report(problem)


def _named(command: str | list[str]) -> str:
    return shown(command) if isinstance(command, str) else os.path.basename(command[0])
