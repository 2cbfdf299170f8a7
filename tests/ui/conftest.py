"""Fixtures for Pilot tests: a fresh app over a temporary data directory and a frozen clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.profile import QUESTIONS, ProfileAnswer, ProfileItem
from psoas_tui.core.routine import Routine
from psoas_tui.locations import Locations
from psoas_tui.services import Psoas
from psoas_tui.store.repository import Repository
from psoas_tui.ui.app import PsoasApp

AppFactory = Callable[..., PsoasApp]


@pytest.fixture
def make_test_app(
    locations: Locations, clock: ManualClock, routine: Routine
) -> Iterator[AppFactory]:
    """Build apps over one temporary data directory; every repository opened is closed after."""
    opened: list[Repository] = []

    def factory(
        *,
        clock: ManualClock = clock,
        config: Config | None = None,
        routine: Routine = routine,
        ask_about_you: bool = False,
    ) -> PsoasApp:
        repo = Repository.open(locations, clock, long_lived=True)
        opened.append(repo)
        if not ask_about_you and not repo.profile().items:
            # "About you" opens once, after the first entry; only the tests about it want it.
            for key in QUESTIONS:
                repo.save_profile_item(ProfileItem(key, ProfileAnswer.unsaid, clock.today()))
        return PsoasApp(Psoas(repo, routine, config or Config(), clock, locations))

    yield factory
    for repo in opened:
        repo.close()


@pytest.fixture
def data_dir(locations: Locations) -> Path:
    """The test app's data directory."""
    return locations.data_dir
