"""A compaction killed at every step loses nothing and shows nothing twice.

Each child opens a database whose history is still in one file (so the open splits it into
archives) or joins a chain across the boundary (so the save brings archived entries back), and
SIGKILLs itself just before or just after the n-th file it replaces: n runs over every file the
work writes. The parent then reads the history as it was left, and again after a normal open has
finished the work.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.demo import demo_history
from psoas_tui.core.model import History, SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.core.signs import SignKey
from psoas_tui.locations import Locations
from psoas_tui.store import files
from psoas_tui.store.repository import Repository, window_start
from tests.conftest import ZONE

TODAY = date(2026, 11, 21)
CLOCK = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=ZONE))

Work = Callable[[Repository], None]


def _kill_at(step: int) -> None:
    # Step 2i: just before the i-th file is renamed into place; 2i + 1: just after.
    real = os.replace
    seen = [0]

    def replacing(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if seen[0] * 2 == step:
            os.kill(os.getpid(), signal.SIGKILL)
        real(source, target)
        if seen[0] * 2 + 1 == step:
            os.kill(os.getpid(), signal.SIGKILL)
        seen[0] += 1

    files.os.replace = replacing  # type: ignore[assignment]


def _child(data_dir: str, step: int, work: Work) -> None:
    _kill_at(step)
    with Repository.open(Locations(Path(data_dir), Path(data_dir) / "config"), CLOCK) as repo:
        work(repo)
    os._exit(0)


def _run(data_dir: Path, step: int, work: Work) -> bool:
    """Run ``work`` in a child killed at ``step``; whether it was killed (not yet done)."""
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_child, args=(str(data_dir), step, work))
    process.start()
    process.join(60)
    assert process.exitcode in (0, -signal.SIGKILL)
    return process.exitcode == -signal.SIGKILL


def _read(locations: Locations, compact: bool) -> History:
    if compact:
        with Repository.open(locations, CLOCK) as repo:
            return repo.history()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Repository, "_compact", lambda self, force: None)
        with Repository.open(locations, CLOCK) as repo:
            return repo.history()


def _unique(history: History) -> None:
    assert len({entry.id for entry in history.entries}) == len(history.entries)
    assert len({record.day for record in history.days}) == len(history.days)


def _nothing(repo: Repository) -> None:
    pass


def test_splitting_a_single_file_killed_at_every_step(tmp_path: Path, routine: Routine) -> None:
    history = demo_history(routine, TODAY, ZONE, 3, seed=9)
    template = Locations(tmp_path / "template", tmp_path / "config")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Repository, "_compact", lambda self, force: None)
        with Repository.open(template, CLOCK) as repo:
            repo.merge(history)
    expected = _read(template, compact=False)
    step = 0
    while True:
        data = tmp_path / f"step-{step}"
        shutil.copytree(template.data_dir, data)
        locations = Locations(data, tmp_path / "config")
        killed = _run(data, step, _nothing)
        left = _read(locations, compact=False)
        _unique(left)
        assert left == expected
        assert _read(locations, compact=True) == expected
        assert locations.database.stat().st_size < template.database.stat().st_size
        if not killed:
            break
        step += 1
    # The copy kept before archiving, four archives and the file itself (today's daily backup
    # was taken when the template was made).
    assert step == 2 * 6


def test_bringing_a_chain_back_killed_at_every_step(tmp_path: Path) -> None:
    boundary = window_start(TODAY)
    run = [boundary - timedelta(days=offset) for offset in (20, 14, 8, 300, 306)]
    entries = tuple(
        SymptomEntry(f"{index:032x}", day, CLOCK.now(), 1, 2, signs=(SignKey.radiating,))
        for index, day in enumerate([*run, boundary + timedelta(days=5)])
    )
    template = Locations(tmp_path / "template", tmp_path / "config")
    with Repository.open(template, CLOCK) as repo:
        repo.merge(History(entries=entries))
        assert len(repo.recent_entries()) == 1
    bridge = replace(entries[0], id="b" * 32, day=boundary - timedelta(days=2))

    def save_bridge(repo: Repository) -> None:
        repo.save_entry(bridge)

    step = 0
    while True:
        data = tmp_path / f"step-{step}"
        shutil.copytree(template.data_dir, data)
        locations = Locations(data, tmp_path / "config")
        killed = _run(data, step, save_bridge)
        for compact in (False, True):
            left = _read(locations, compact)
            _unique(left)
            ids = {entry.id for entry in left.entries}
            assert ids - {bridge.id} == {entry.id for entry in entries}
        if not killed:
            assert bridge.id in ids
            break
        step += 1
    assert step >= 2 * 2
