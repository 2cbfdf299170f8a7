"""The user's settings from ``config.toml``, validated field by field."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import time
from typing import Any

from dateutil import tz

from psoas_tui.core.errors import FileRefused


@dataclass(frozen=True)
class Config:
    """Settings with their defaults. Every field can be set in ``config.toml``."""

    day_starts_at: time = time(0, 0)
    count_partial: bool = False
    bell: bool = True
    breath_in: float = 4.0
    breath_out: float = 6.0
    get_ready_seconds: int = 5
    timezone: str | None = None


_FIELDS = {
    "day_starts_at": 'a time "HH:MM" from "00:00" to "11:59"',
    "count_partial": "true or false",
    "bell": "true or false",
    "breath_in": "a number of seconds from 2 to 12",
    "breath_out": "a number of seconds from 2 to 12",
    "get_ready_seconds": "a whole number of seconds from 0 to 30",
    "timezone": 'a time-zone name such as "Europe/Paris"',
}


def parse_config(text: str, file: str = "config.toml") -> Config:
    """Read ``config.toml`` text into a ``Config``; raise ``FileRefused`` naming the bad field."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileRefused(file, "", f"not valid TOML ({error})", "TOML key = value lines") from None
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        raise FileRefused(file, unknown[0], "unknown setting", ", ".join(sorted(_FIELDS)))
    values: dict[str, Any] = {}
    for name, value in raw.items():
        values[name] = _check(file, name, value)
    return Config(**values)


def _check(file: str, name: str, value: object) -> object:
    def refuse(problem: str) -> FileRefused:
        return FileRefused(file, name, problem, _FIELDS[name])

    if name == "day_starts_at":
        return _parse_day_start(value, refuse)
    if name in ("count_partial", "bell"):
        if not isinstance(value, bool):
            raise refuse(f"{value!r} is not true or false")
        return value
    if name in ("breath_in", "breath_out"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise refuse(f"{value!r} is not a number")
        if not 2 <= value <= 12:
            raise refuse(f"{value} is out of range")
        return float(value)
    if name == "get_ready_seconds":
        if isinstance(value, bool) or not isinstance(value, int):
            raise refuse(f"{value!r} is not a whole number")
        if not 0 <= value <= 30:
            raise refuse(f"{value} is out of range")
        return value
    if not isinstance(value, str) or tz.gettz(value) is None:
        raise refuse(f"{value!r} is not a known time zone")
    return value


def _parse_day_start(value: object, refuse: Any) -> time:
    if isinstance(value, time):
        # A bare TOML time (day_starts_at = 04:00:00) is as good as the quoted form.
        if value.second or value.microsecond or value.tzinfo is not None:
            raise refuse(f"{value.isoformat()} is not a whole minute")
        value = value.strftime("%H:%M")
    if not isinstance(value, str):
        raise refuse(f"{value!r} is not a time")
    hours, _, minutes = value.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2):
        raise refuse(f"{value!r} is not a time")
    start = (int(hours), int(minutes))
    if not (0 <= start[0] <= 11 and 0 <= start[1] <= 59):
        raise refuse(f"{value!r} is out of range")
    return time(*start)
