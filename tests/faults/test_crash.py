"""Writers killed with SIGKILL at random moments: the database always loads and keeps every save
that had returned.

Each round opens several writing children, lets them all start saving at once (they share the
lock, so at any moment one is usually in the middle of a save and the others wait for it) and
kills them one by one after short random delays. The children are forked from a forkserver that
has already imported the store, so a kill costs milliseconds and hundreds fit in a CI run. After
every round the parent opens the database as the app would.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import IO

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from tests.conftest import ZONE
from tests.faults.conftest import fault_rounds
from tests.faults.crash_child import write_until_killed
from tests.store.conftest import returned_ids

#: Kills in the CI run: the issue asks for at least 200.
KILLS = 200
#: Writers started together in each round.
WRITERS_PER_ROUND = 4
#: The longest random wait before each kill, in seconds.
LONGEST_DELAY = 0.03


@pytest.fixture(scope="module")
def forkserver() -> ForkServerContext:
    """A forkserver that has imported the store and the writer before the first child."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.faults.crash_child"])
    return context


@dataclass
class Child:
    """A writing child and the pipe its standard output goes to."""

    process: BaseProcess
    output: IO[str]


@dataclass
class Tally:
    """What the rounds saw."""

    returned: set[str] = field(default_factory=set)
    kills: int = 0
    mid_write: int = 0


def _start(context: ForkServerContext, data_dir: Path, go: Path) -> Child:
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=write_until_killed, args=(str(data_dir), str(go), writer))
    process.start()
    writer.close()
    output = os.fdopen(os.dup(reader.fileno()), "r")
    reader.close()
    return Child(process, output)


def _kill(child: Child) -> str:
    """SIGKILL the child; return what it printed."""
    child.process.kill()
    child.process.join(timeout=30)
    assert child.process.exitcode == -signal.SIGKILL
    return child.output.read()


@contextmanager
def _writers(context: ForkServerContext, data_dir: Path, count: int) -> Iterator[list[Child]]:
    """``count`` children, all opened and saving; any left alive at the end are killed."""
    go = data_dir.parent / "go"
    go.unlink(missing_ok=True)
    children = [_start(context, data_dir, go) for _ in range(count)]
    try:
        for child in children:
            assert child.output.readline() == "ready\n"
        go.touch()
        yield children
    finally:
        for child in children:
            if child.process.is_alive():
                child.process.kill()
            child.process.join(timeout=30)
            child.output.close()


def _killed_at_random(
    context: ForkServerContext, locations: Locations, rng: random.Random, writers: int
) -> Iterator[str]:
    """Start ``writers`` children, then kill each after a random delay; yield what each printed."""
    with _writers(context, locations.data_dir, writers) as children:
        rng.shuffle(children)
        for child in children:
            time.sleep(rng.uniform(0, LONGEST_DELAY))
            yield _kill(child)


def _check(locations: Locations, clock: ManualClock, tally: Tally, round_number: int) -> None:
    """The database loads, holds every returned save, and nothing that no one saved."""
    if list(locations.data_dir.glob(".psoas*.tmp")):
        tally.mid_write += 1
    with Repository.open(locations, clock) as repo:
        stored = {entry.id for entry in repo.entries()}
    missing = tally.returned - stored
    assert not missing, f"round {round_number}: {len(missing)} returned saves lost"
    # A child can be killed after its save returned and before it printed the id: at most one
    # such entry per kill. More would mean entries from nowhere.
    assert len(stored - tally.returned) <= tally.kills
    assert not list(locations.data_dir.glob(".psoas*.tmp"))


def _run(
    forkserver: ForkServerContext, locations: Locations, kills: int, writers: int, seed: int
) -> Tally:
    rng = random.Random(seed)
    clock = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=ZONE))
    Repository.open(locations, clock).close()
    tally = Tally()
    round_number = 0
    while tally.kills < kills:
        round_number += 1
        for printed in _killed_at_random(forkserver, locations, rng, writers):
            tally.kills += 1
            tally.returned |= returned_ids(printed)
        _check(locations, clock, tally, round_number)
    return tally


def test_200_kills_lose_no_returned_save(
    forkserver: ForkServerContext, locations: Locations
) -> None:
    tally = _run(forkserver, locations, KILLS, WRITERS_PER_ROUND, seed=20261121)

    assert tally.kills >= 200
    # The test proves something only if kills landed between a save's start and its end.
    assert tally.mid_write > 0
    assert len(tally.returned) > tally.kills


@pytest.mark.slow
def test_many_more_kills_with_more_writers(
    forkserver: ForkServerContext, locations: Locations
) -> None:
    kills = fault_rounds(240)
    tally = _run(forkserver, locations, kills, writers=8, seed=7)

    assert tally.kills >= kills
    assert tally.mid_write > 0
