"""Fixtures shared by every layer of tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from dateutil import tz

from psoas_tui.clock import ManualClock
from psoas_tui.core.routine import Routine, load_routine
from psoas_tui.locations import Locations

ZONE = tz.gettz("Europe/Berlin")


def script(folder: Path, name: str, body: str) -> Path:
    """A shell script ``name`` in ``folder`` running ``body``: a fake of a program psoas runs."""
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o700)
    return path


@pytest.fixture
def locations(tmp_path: Path) -> Locations:
    """A data and a config directory under the test's temporary directory (not created yet)."""
    return Locations(tmp_path / "data", tmp_path / "config")


@pytest.fixture
def clock() -> ManualClock:
    """A frozen clock at 07:30 on Saturday 21 November 2026, Berlin time."""
    return ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=ZONE))


@pytest.fixture(scope="session")
def routine() -> Routine:
    """The default routine."""
    return load_routine(Path("/nonexistent/routine.toml"))


@pytest.fixture(autouse=True)
def _no_user_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    # A test must never read or write the real user's data, whatever it forgets to pass.
    monkeypatch.setenv("PSOAS_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("PSOAS_CONFIG_DIR", str(tmp_path / "env-config"))
    yield


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder that is the whole ``PATH``, so only the fakes put there are found."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder
