"""Reading a day the user typed."""

from __future__ import annotations

from datetime import date

from psoas_tui.core.errors import InvalidInput


def parse_day(text: str, today: date, field: str = "--date") -> date:
    """A ``YYYY-MM-DD`` date not in the future; else ``InvalidInput`` naming ``field``."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{field}: {text!r} is not a date; allowed: YYYY-MM-DD, today or earlier"
        ) from None
    if len(text.strip()) != 10:
        raise InvalidInput(f"{field}: {text!r} is not a date; allowed: YYYY-MM-DD")
    if day > today:
        raise InvalidInput(
            f"{field}: {day.isoformat()} is in the future; allowed: today ({today.isoformat()}) "
            "or earlier"
        )
    return day
