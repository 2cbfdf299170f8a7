"""Eyes-free cues: a fake ``espeak-ng`` and an ``on_phase`` command on ``PATH`` hear every phase of
a whole exercise; a missing speaker or a failing command is said once and the timer goes on."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.routine import Routine
from psoas_tui.core.timer import Phase
from psoas_tui.services.cues import CUE_THREAD
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.hold import HoldScreen
from tests.conftest import script
from tests.ui.conftest import AppFactory
from tests.ui.test_hold import KNEELING, SIZE, holds_today, open_timer

#: Seconds of each hold and each rest of the short exercise below.
HOLD, REST = 3, 2

#: Every phase of two reps a side, in order: (what the voice says, what on_phase is told).
EXERCISE = [
    ("Hold. Left side, 1 of 2.", "hold left 1"),
    ("Rest.", "rest left 2"),
    ("Hold. Left side, 2 of 2.", "hold left 2"),
    ("Switch sides: right side next.", "switch right 1"),
    ("Hold. Right side, 1 of 2.", "hold right 1"),
    ("Rest.", "rest right 2"),
    ("Hold. Right side, 2 of 2.", "hold right 2"),
    ("Done.", "done right 2"),
]
#: How long each phase of ``EXERCISE`` lasts, the last (done) not at all.
LENGTHS = [HOLD, REST, HOLD, REST, HOLD, REST, HOLD]


@pytest.fixture
def short_routine(routine: Routine) -> Routine:
    """The default routine with the kneeling stretch cut to 2 reps a side of 3 s, 2 s apart."""
    exercises = tuple(
        replace(
            exercise,
            dose=replace(exercise.dose, reps=2, hold_seconds=HOLD, rest_seconds=REST),
        )
        if exercise.id == KNEELING
        else exercise
        for exercise in routine.exercises
    )
    return Routine(exercises, routine.file)


def fake_espeak(bin_dir: Path, heard: Path, then: str = "") -> None:
    script(bin_dir, "espeak-ng", f"printf '%s\\n' \"$1\" >> '{heard}'\n{then}")


def fake_hook(bin_dir: Path, told: Path) -> None:
    # Only the shell's own printf: nothing else is on PATH.
    script(
        bin_dir,
        "record-phase",
        f'printf \'%s %s %s %s|%s|%s|%s\\n\' "$PSOAS_PHASE" "$PSOAS_SIDE" "$PSOAS_REP" '
        f'"$PSOAS_REPS" "$PSOAS_EXERCISE" "$PSOAS_EXERCISE_NAME" "$PSOAS_TEXT" >> \'{told}\'',
    )


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


async def until(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Let the app run until ``done()``: the cues' processes run beside the test."""
    for _ in range(500):
        await pilot.pause()
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError("the cue never came")


async def settled(pilot: Pilot[None]) -> None:
    """Wait until every cue's process has ended and been waited for, and what it had to say
    has reached the app."""
    await until(pilot, lambda: not any(t.name == CUE_THREAD for t in threading.enumerate()))
    await pilot.pause()


def cue_problems(app: PsoasApp) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Hold timer"]


def recorded(paths: list[Path], count: int) -> Callable[[], bool]:
    return lambda: all(len(lines(path)) >= count for path in paths)


async def run_exercise(
    pilot: Pilot[None],
    clock: ManualClock,
    screen: HoldScreen,
    heard: list[Path],
) -> None:
    """Time the whole short exercise, waiting at each phase for its cues to be recorded and
    their processes to end (one cut short is another test)."""
    for number, seconds in enumerate(LENGTHS, start=1):
        await until(pilot, recorded(heard, number))
        await settled(pilot)
        for _ in range(seconds):
            clock.advance(1)
            screen.tick()
    await until(pilot, recorded(heard, len(EXERCISE)))
    await settled(pilot)
    assert screen.timer is not None and screen.timer.phase is Phase.DONE


def zombies() -> list[str]:
    """This process's children that ended and were never waited for."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # a process that ended while the folder was read
        if fields[0] == "Z" and int(fields[1]) == os.getpid():
            found.append(stat.parent.name)
    return found


async def test_the_voice_and_on_phase_hear_every_phase_of_a_whole_exercise(
    make_test_app: AppFactory, clock: ManualClock, short_routine: Routine, bin_dir: Path
) -> None:
    heard, told = bin_dir.parent / "heard", bin_dir.parent / "told"
    fake_espeak(bin_dir, heard)
    fake_hook(bin_dir, told)
    config = Config(get_ready_seconds=0, voice=True, on_phase="record-phase")
    app = make_test_app(config=config, routine=short_routine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_timer(app, pilot)
        await run_exercise(pilot, clock, screen, [heard, told])
        assert zombies() == []
        assert cue_problems(app) == []

    assert lines(heard) == [words for words, _ in EXERCISE]
    assert lines(told) == [
        f"{phase} 2|{KNEELING}|Kneeling hip flexor stretch|{words}" for words, phase in EXERCISE
    ]
    assert len(holds_today(app, clock)) == 4


async def test_a_get_ready_names_the_exercise_and_a_stop_reaches_only_on_phase(
    make_test_app: AppFactory, clock: ManualClock, short_routine: Routine, bin_dir: Path
) -> None:
    heard, told = bin_dir.parent / "heard", bin_dir.parent / "told"
    fake_espeak(bin_dir, heard)
    fake_hook(bin_dir, told)
    config = Config(get_ready_seconds=5, voice=True, on_phase="record-phase")
    app = make_test_app(config=config, routine=short_routine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timer(app, pilot)
        await until(pilot, lambda: len(lines(told)) == 1 and len(lines(heard)) == 1)
        await pilot.press("escape")
        await until(pilot, lambda: len(lines(told)) == 2)

    assert lines(heard) == ["Get ready: Kneeling hip flexor stretch, left side."]
    phases = [line.split("|")[0] for line in lines(told)]
    assert phases == ["get_ready left 1 2", "stopped left 1 2"]
    assert lines(told)[1].endswith("|")


async def test_a_new_phase_cuts_the_words_of_the_last_and_that_is_no_failure(
    make_test_app: AppFactory, clock: ManualClock, short_routine: Routine, bin_dir: Path
) -> None:
    heard = bin_dir.parent / "heard"
    # The first words are still being said when the next phase comes: the speaker notes the TERM
    # it is sent.
    talking = bin_dir.parent / "talking"
    fake_espeak(
        bin_dir,
        heard,
        f"[ -e '{talking}' ] && exit 0\n: > '{talking}'\n"
        f"trap 'kill $!; echo cut >> {heard}; exit 143' TERM\n/bin/sleep 30 & wait",
    )
    config = Config(get_ready_seconds=0, voice=True)
    app = make_test_app(config=config, routine=short_routine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_timer(app, pilot)
        await until(pilot, lambda: len(lines(heard)) == 1)
        await pilot.press("n")
        await until(pilot, lambda: len(lines(heard)) == 3)
        assert sorted(lines(heard)[1:]) == ["Rest.", "cut"]
        await pilot.press("escape")
        await pilot.pause()
        assert cue_problems(app) == []
        assert screen.timer is not None and screen.timer.phase is Phase.STOPPED


async def test_no_speaker_on_path_is_said_once_and_the_timer_goes_on(
    make_test_app: AppFactory, clock: ManualClock, short_routine: Routine, bin_dir: Path
) -> None:
    told = bin_dir.parent / "told"
    fake_hook(bin_dir, told)
    config = Config(get_ready_seconds=0, voice=True, on_phase="record-phase")
    app = make_test_app(config=config, routine=short_routine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_timer(app, pilot)
        await run_exercise(pilot, clock, screen, [told])
        assert cue_problems(app) == [
            "voice = true, but none of espeak-ng, spd-say, say is on PATH; "
            "the timer goes on without a voice."
        ]
    assert len(holds_today(app, clock)) == 4


async def test_a_speaker_that_fails_is_said_once(
    make_test_app: AppFactory, clock: ManualClock, short_routine: Routine, bin_dir: Path
) -> None:
    heard = bin_dir.parent / "heard"
    fake_espeak(bin_dir, heard, "exit 1")
    config = Config(get_ready_seconds=0, voice=True)
    app = make_test_app(config=config, routine=short_routine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_timer(app, pilot)
        await run_exercise(pilot, clock, screen, [heard])
        assert zombies() == []
        assert cue_problems(app) == ["voice: espeak-ng failed (exit status 1); the timer goes on."]
    assert len(lines(heard)) == len(EXERCISE)


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ("no-such-command", "on_phase: 'no-such-command' was not found; the timer goes on."),
        (
            "record-phase; exit 3",
            "on_phase: 'record-phase; exit 3' failed (exit status 3); the timer goes on.",
        ),
    ],
)
async def test_a_failing_on_phase_command_is_said_once_and_the_exercise_completes(
    make_test_app: AppFactory,
    clock: ManualClock,
    short_routine: Routine,
    bin_dir: Path,
    command: str,
    problem: str,
) -> None:
    told = bin_dir.parent / "told"
    fake_hook(bin_dir, told)
    heard = bin_dir.parent / "heard"
    fake_espeak(bin_dir, heard)
    config = Config(get_ready_seconds=0, voice=True, on_phase=command)
    app = make_test_app(config=config, routine=short_routine)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_timer(app, pilot)
        await run_exercise(pilot, clock, screen, [heard])
        # Every phase's command has ended: were there a second report, it would be here.
        assert cue_problems(app) == [problem]
    assert len(holds_today(app, clock)) == 4
