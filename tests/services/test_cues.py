"""The timer's cues apart from the app: the words of each phase, the variables ``on_phase`` gets,
which speaker a platform uses, and a speaker that cannot even start."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from psoas_tui.core.model import Exercise
from psoas_tui.core.routine import Routine
from psoas_tui.core.timer import Phase
from psoas_tui.services.cues import CUE_THREAD, Cue, Cues
from tests.conftest import script


@pytest.fixture
def kneeling(routine: Routine) -> Exercise:
    return routine.get("kneeling-hip-flexor-stretch")


def speaker(folder: Path, name: str, heard: Path) -> None:
    script(folder, name, f"printf '%s %s\\n' {name} \"$1\" >> '{heard}'")


def settle() -> None:
    """Wait for every cue's process to end and be waited for."""
    for thread in threading.enumerate():
        if thread.name == CUE_THREAD:
            thread.join(timeout=10)


@pytest.mark.parametrize(
    ("phase", "side", "rep", "words"),
    [
        (Phase.GET_READY, "left", 1, "Get ready: Kneeling hip flexor stretch, left side."),
        (Phase.HOLD, "left", 1, "Hold. Left side, 1 of 3."),
        (Phase.REST, "left", 2, "Rest."),
        (Phase.SWITCH, "right", 1, "Switch sides: right side next."),
        (Phase.HOLD, "right", 3, "Hold. Right side, 3 of 3."),
        (Phase.DONE, "right", 3, "Done."),
        (Phase.STOPPED, "right", 2, ""),
    ],
)
def test_each_phase_has_its_words(
    kneeling: Exercise, phase: Phase, side: str, rep: int, words: str
) -> None:
    assert Cue(phase, kneeling, side, rep).words == words


def test_an_exercise_done_once_names_no_side_and_one_rep_no_count(kneeling: Exercise) -> None:
    once = replace(kneeling, name="Rest", dose=replace(kneeling.dose, sides=(), reps=1))
    assert Cue(Phase.GET_READY, once, None, 1).words == "Get ready: Rest."
    assert Cue(Phase.HOLD, once, None, 1).words == "Hold."
    assert Cue(Phase.HOLD, replace(once, dose=replace(once.dose, reps=2)), None, 2).words == (
        "Hold. 2 of 2."
    )


def test_on_phase_gets_the_phase_in_its_environment_and_a_name_with_no_nul(
    kneeling: Exercise,
) -> None:
    named = replace(kneeling, name="Kneel\x00ing")
    assert Cue(Phase.SWITCH, named, "right", 1).environment() == {
        "PSOAS_PHASE": "switch",
        "PSOAS_EXERCISE": "kneeling-hip-flexor-stretch",
        "PSOAS_EXERCISE_NAME": "Kneel ing",
        "PSOAS_SIDE": "right",
        "PSOAS_REP": "1",
        "PSOAS_REPS": "3",
        "PSOAS_TEXT": "Switch sides: right side next.",
    }


@pytest.mark.parametrize(("platform", "used"), [("darwin", "say"), ("linux", "espeak-ng")])
def test_the_platform_own_speaker_comes_first(
    kneeling: Exercise, bin_dir: Path, platform: str, used: str
) -> None:
    heard = bin_dir.parent / "heard"
    for name in ("say", "espeak-ng", "spd-say"):
        speaker(bin_dir, name, heard)
    problems: list[str] = []
    cues = Cues(True, None, problems.append, platform=platform)
    cues.phase(Cue(Phase.REST, kneeling, "left", 2))
    settle()
    assert heard.read_text(encoding="utf-8") == f"{used} Rest.\n"
    assert problems == []


def test_spd_say_is_used_when_it_is_the_only_one(kneeling: Exercise, bin_dir: Path) -> None:
    heard = bin_dir.parent / "heard"
    speaker(bin_dir, "spd-say", heard)
    cues = Cues(True, None, [].append, platform="linux")
    cues.phase(Cue(Phase.DONE, kneeling, "right", 3))
    settle()
    assert heard.read_text(encoding="utf-8") == "spd-say Done.\n"


def test_a_speaker_that_cannot_start_is_said_once(kneeling: Exercise, bin_dir: Path) -> None:
    # Executable, but no program: the system refuses to run it.
    broken = bin_dir / "espeak-ng"
    broken.write_bytes(b"\x00\x01 not a program")
    broken.chmod(0o700)
    problems: list[str] = []
    cues = Cues(True, None, problems.append, platform="linux")
    for phase in (Phase.HOLD, Phase.REST, Phase.DONE):
        cues.phase(Cue(phase, kneeling, "left", 1))
    settle()
    assert len(problems) == 1
    assert problems[0].startswith("voice: espeak-ng could not start: ")
