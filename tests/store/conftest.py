"""Fixtures and helpers for the store's tests."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DayRecord, History, Hold, SymptomEntry
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository

WRITER = Path(__file__).with_name("writer.py")

OpenRepo = Callable[[], Repository]


@pytest.fixture
def open_repo(locations: Locations, clock: ManualClock) -> Iterator[OpenRepo]:
    """Opens a Repository on the test's data directory; every one opened is closed afterwards."""
    opened: list[Repository] = []

    def open_() -> Repository:
        repo = Repository.open(locations, clock)
        opened.append(repo)
        return repo

    yield open_
    for repo in opened:
        repo.close()


def make_entry(clock: ManualClock, day: date | None = None, **fields: Any) -> SymptomEntry:
    """A symptom entry logged now (on ``day`` if given), with a fresh id."""
    values: dict[str, Any] = {"pain": 3, "stiffness": 4}
    values.update(fields)
    return SymptomEntry(uuid.uuid4().hex, day or clock.today(), clock.now(), **values)


def make_hold(clock: ManualClock, exercise_id: str = "bridge", rep: int = 1, **fields: Any) -> Hold:
    """A complete 30 s hold started now."""
    values: dict[str, Any] = {"side": None, "planned_seconds": 30.0, "held_seconds": 30.0}
    values.update(fields)
    return Hold(exercise_id, rep=rep, started_at=clock.now(), day=clock.today(), **values)


def freeze_plan(repo: Repository, day: date, planned: Sequence[str]) -> None:
    """A day with a plan and nothing done, written as an import writes it (``merge``)."""
    repo.merge(History(days=(DayRecord(day, tuple(planned)),)))


def start_writer(data_dir: Path, count: int, go: Path | None = None) -> subprocess.Popen[str]:
    """A ``writer.py`` child adding ``count`` entries (0: until killed); waits for its ``ready``."""
    args = [sys.executable, str(WRITER), str(data_dir), str(count)]
    if go is not None:
        args.append(str(go))
    child = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    return child


def returned_ids(output: str) -> set[str]:
    """The ids a writer printed in whole lines (a line cut by a kill does not count)."""
    return {line.strip() for line in output.splitlines(keepends=True) if line.endswith("\n")}
