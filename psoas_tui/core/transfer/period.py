"""The days an export covers, as ``--from`` and ``--to`` give them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from psoas_tui.core.dates import parse_day
from psoas_tui.core.errors import InvalidInput
from psoas_tui.core.model import History


@dataclass(frozen=True)
class Period:
    """The days an export covers, both ends inclusive; ``None`` leaves that end open."""

    start: date | None = None
    end: date | None = None

    def contains(self, day: date) -> bool:
        """Whether ``day`` is inside the period."""
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def overlaps(self, first: date, last: date) -> bool:
        """Whether any day from ``first`` to ``last`` is inside the period."""
        return (self.start is None or last >= self.start) and (
            self.end is None or first <= self.end
        )


#: A period with both ends open: every day there is.
ALL_DAYS = Period()


def parse_period(start: str | None, end: str | None, today: date) -> Period:
    """``--from`` and ``--to`` as typed, each read as ``parse_day`` reads a day (so not after
    ``today``); the first not after the second."""
    period = Period(_option_day(start, "--from", today), _option_day(end, "--to", today))
    if period.start is not None and period.end is not None and period.start > period.end:
        raise InvalidInput(
            f"--from {period.start.isoformat()} is after --to {period.end.isoformat()}; "
            "allowed: a --from on or before --to"
        )
    return period


def select(history: History, period: Period) -> History:
    """The days, entries and referral answers of ``history`` whose day is inside ``period``, and
    the pauses with a day inside it.

    The "about you" answers are kept whole: they say how things are now, not what happened on a
    day, and an import never lets an older answer replace a later one.
    """
    return History(
        days=tuple(record for record in history.days if period.contains(record.day)),
        entries=tuple(entry for entry in history.entries if period.contains(entry.day)),
        responses=tuple(
            response for response in history.responses if period.contains(response.day)
        ),
        profile=history.profile,
        pauses=tuple(pause for pause in history.pauses if period.overlaps(pause.start, pause.end)),
    )


def _option_day(text: str | None, option: str, today: date) -> date | None:
    return None if text is None else parse_day(text, today, option)
