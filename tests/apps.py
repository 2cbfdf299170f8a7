"""Reaching under the app in tests: the repository its use cases write to, and waiting for an
app that an error ends."""

from __future__ import annotations

import asyncio

from psoas_tui.store.repository import Repository
from psoas_tui.ui.app import PsoasApp


def store(app: PsoasApp) -> Repository:
    """The repository under ``app`` (screens never touch it; tests seed and inspect through it)."""
    return app.psoas._repo


async def ended(app: PsoasApp) -> None:
    """Wait (up to ten seconds) for ``app`` to be ended by a store error (``ended_by``): there is
    no screen left for the pilot to wait on then."""
    for _ in range(200):
        if app.ended_by is not None:
            return
        await asyncio.sleep(0.05)
