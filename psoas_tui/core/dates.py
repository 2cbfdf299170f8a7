"""Reading a day the user typed."""

from __future__ import annotations

import re
from datetime import date

from psoas_tui.core.errors import InvalidInput

_CALENDAR_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str, today: date, field: str = "--date") -> date:
    """A ``YYYY-MM-DD`` date not in the future; else ``InvalidInput`` naming ``field``."""
    # Only the calendar form: fromisoformat also takes week dates such as 2026-W47-5.
    try:
        if not _CALENDAR_DATE.fullmatch(text.strip()):
            raise ValueError
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{field}: {text!r} is not a date; allowed: YYYY-MM-DD, today or earlier"
        ) from None
    if day > today:
        raise InvalidInput(
            f"{field}: {day.isoformat()} is in the future; allowed: today ({today.isoformat()}) "
            "or earlier"
        )
    return day
