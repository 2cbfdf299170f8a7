"""Days: reading one the user typed, and saying one in words.

Day and month names are English and written out here rather than taken from ``strftime``:
``%-d`` exists only in glibc (it raises on Windows) and ``%A``/``%B`` follow the locale, while
every other word the app shows is English.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from psoas_tui.core.errors import InvalidInput

_CALENDAR_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: The words a typed day may be, and how many days before today each means.
_DAY_WORDS = {"today": 0, "yesterday": 1}
#: The forms a typed day may take, as a refusal says them.
DAY_FORMS = "YYYY-MM-DD, today or yesterday"
#: The earliest day a typed date may name: an earlier one is a typo (0026 or 1926 for 2026), and
#: an entry saved on it would be out of sight of every screen.
EARLIEST_DAY = date(1990, 1, 1)

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


def parse_day(text: str, today: date, field: str = "--date", latest: date | None = None) -> date:
    """``YYYY-MM-DD``, ``today`` or ``yesterday`` (any case, spaces around ignored), from
    ``EARLIEST_DAY`` to ``today`` (or to ``latest``, for a day that may lie ahead); else
    ``InvalidInput`` naming ``field``."""
    typed = text.strip()
    back = _DAY_WORDS.get(typed.lower())
    if back is not None:
        return today - timedelta(days=back)
    # Only the calendar form: fromisoformat also takes week dates such as 2026-W47-5.
    try:
        if not _CALENDAR_DATE.fullmatch(typed):
            raise ValueError
        day = date.fromisoformat(typed)
    except ValueError:
        raise InvalidInput(f"{field}: {text!r} is not a date; allowed: {DAY_FORMS}") from None
    if latest is not None and day > latest:
        raise InvalidInput(
            f"{field}: {day.isoformat()} is too far ahead; allowed: a day up to "
            f"{latest.isoformat()}"
        )
    if latest is None and day > today:
        raise InvalidInput(
            f"{field}: {day.isoformat()} is in the future; allowed: today ({today.isoformat()}) "
            "or earlier"
        )
    if day < EARLIEST_DAY:
        raise InvalidInput(
            f"{field}: {day.isoformat()} is before {EARLIEST_DAY.isoformat()}; allowed: a day "
            f"from {EARLIEST_DAY.isoformat()} to "
            + (f"today ({today.isoformat()})" if latest is None else latest.isoformat())
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
