"""What every command and the app need, loaded once and only when asked for."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property

from psoas_tui.clock import SystemClock
from psoas_tui.core.config import Config, parse_config
from psoas_tui.core.routine import Routine, load_routine
from psoas_tui.core.textfile import read_user_text
from psoas_tui.locations import Locations
from psoas_tui.services import Psoas


@dataclass
class Context:
    """The chosen directories, and the config, clock and routine read from them."""

    locations: Locations
    debug: bool = False

    @cached_property
    def config(self) -> Config:
        """``config.toml`` if the user has one, else the defaults."""
        path = self.locations.config_file
        if not path.exists():
            return Config()
        return parse_config(read_user_text(path, str(path)), str(path))

    @cached_property
    def clock(self) -> SystemClock:
        """The system clock, in the configured zone, with the configured day start."""
        zone = None
        if self.config.timezone:
            # Only a configured zone needs dateutil's time zones; the local one needs none.
            from dateutil import tz

            zone = tz.gettz(self.config.timezone)
        return SystemClock(self.config.day_starts_at, zone)

    @cached_property
    def routine(self) -> Routine:
        """The user's ``routine.toml`` if present, else the default routine."""
        return load_routine(self.locations.routine_file)

    def open(self, long_lived: bool = False) -> Psoas:
        """Open the database (creating the data directory on first use) and its use cases.

        ``long_lived`` (the app) spends a little time at open to keep the loaded history small.
        A command says on stderr what became of holds an app kept at quit; the app (long-lived)
        shows it itself, where the user will see it.
        """
        psoas = Psoas.open(self.locations, self.routine, self.config, self.clock, long_lived)
        if not long_lived:
            for notice in psoas.kept_notices:
                print(f"psoas: {notice}", file=sys.stderr)
        return psoas
