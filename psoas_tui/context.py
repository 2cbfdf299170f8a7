"""What every command and the app need, loaded once and only when asked for."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property

from psoas_tui.clock import SystemClock
from psoas_tui.core.config import Config, parse_config
from psoas_tui.core.dates import EARLIEST_DAY
from psoas_tui.core.errors import PsoasError
from psoas_tui.core.routine import Routine, load_routine
from psoas_tui.core.textfile import read_user_text
from psoas_tui.locations import Locations
from psoas_tui.services import Psoas


@dataclass
class Context:
    """The chosen directories, and the config, clock and routine read from them."""

    locations: Locations
    debug: bool = False
    #: The command only reads the database (``status``, ``export``, ``report``).
    reading: bool = False

    @cached_property
    def config(self) -> Config:
        """``config.toml`` if the user has one, else the defaults."""
        path = self.locations.config_file
        if not path.exists():
            return Config()
        return parse_config(read_user_text(path, str(path)), str(path))

    @cached_property
    def clock(self) -> SystemClock:
        """The system clock, in the configured zone, with the configured day start.

        ``PsoasError`` if it reads a day before ``EARLIEST_DAY``: every day such a clock gives
        would be out of range, and the calendar's arithmetic from the year 1 overflows.
        """
        zone = None
        if self.config.timezone:
            # Only a configured zone needs dateutil's time zones; the local one needs none.
            from dateutil import tz

            zone = tz.gettz(self.config.timezone)
        clock = SystemClock(self.config.day_starts_at, zone)
        today = clock.today()
        if today < EARLIEST_DAY:
            raise PsoasError(
                f"the clock says it is {today.isoformat()}, before {EARLIEST_DAY.isoformat()}: "
                "set the computer's date and time (or the timezone in config.toml), then try again"
            )
        return clock

    @cached_property
    def routine(self) -> Routine:
        """The user's ``routine.toml`` if present, else the default routine."""
        return load_routine(self.locations.routine_file)

    def open(self, long_lived: bool = False) -> Psoas:
        """Open the database (creating the data directory on first use) and its use cases.

        ``long_lived`` (the app) spends a little time at open to keep the loaded history small;
        it says the store's notices and what became of holds an app kept at quit itself. A
        command's are said here, once each, on stderr.
        """
        psoas = Psoas.open(
            self.locations, self.routine, self.config, self.clock, long_lived, self.reading
        )
        if not long_lived:
            for notice in [*psoas.kept_notices, *psoas.take_notices()]:
                print(f"psoas: {notice}", file=sys.stderr)
        return psoas
