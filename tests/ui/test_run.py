"""``psoas`` itself: the exit code tells a crash from a quit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from psoas_tui.context import Context
from psoas_tui.locations import Locations
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.run import run_app


def _headless(monkeypatch: pytest.MonkeyPatch) -> None:
    run = PsoasApp.run

    def headless(self: PsoasApp, **options: Any) -> None:
        run(self, headless=True, size=(100, 30), **options)

    monkeypatch.setattr(PsoasApp, "run", headless)


def test_an_error_inside_the_app_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _headless(monkeypatch)

    def broken(self: PsoasApp) -> None:
        raise RuntimeError("a screen failed")

    monkeypatch.setattr(PsoasApp, "on_mount", broken)
    assert run_app(Context(Locations(tmp_path / "data", tmp_path / "config"))) == 1


def test_quitting_exits_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _headless(monkeypatch)
    mount = PsoasApp.on_mount

    def mount_then_quit(self: PsoasApp) -> None:
        mount(self)
        self.call_later(self.exit)

    monkeypatch.setattr(PsoasApp, "on_mount", mount_then_quit)
    assert run_app(Context(Locations(tmp_path / "data", tmp_path / "config"))) == 0
