"""Reaching under the app in tests: the repository its use cases write to."""

from __future__ import annotations

from psoas_tui.store.repository import Repository
from psoas_tui.ui.app import PsoasApp


def store(app: PsoasApp) -> Repository:
    """The repository under ``app`` (screens never touch it; tests seed and inspect through it)."""
    return app.psoas._repo
