"""Days: reading one the user typed, and saying one in words.

Day and month names are English and written out here rather than taken from ``strftime``:
``%-d`` exists only in glibc (it raises on Windows) and ``%A``/``%B`` follow the locale, while
every other word the app shows is English.
"""

from __future__ import annotations

import re
from datetime import date

from psoas_tui.core.errors import InvalidInput

_CALENDAR_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: Monday first, as ``date.weekday()`` counts.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


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


def weekday_short(day: date) -> str:
    """``Mon``."""
    return WEEKDAYS[day.weekday()][:3]


def month_short(day: date) -> str:
    """``Mar``."""
    return MONTHS[day.month - 1][:3]


def format_day(day: date) -> str:
    """A day as people say it: ``Mon 3 March``."""
    return f"{weekday_short(day)} {day.day} {MONTHS[day.month - 1]}"


def long_day(day: date, *, year: bool = True) -> str:
    """``Tuesday 3 March 2026`` (or ``Tuesday 3 March`` without the year)."""
    words = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return f"{words} {day.year}" if year else words


def short_day(day: date, today: date | None = None) -> str:
    """``3 Mar``, with the year added when ``today`` is given and falls in another year."""
    words = f"{day.day} {month_short(day)}"
    return words if today is None or day.year == today.year else f"{words} {day.year}"
