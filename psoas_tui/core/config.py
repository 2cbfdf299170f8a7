"""The user's settings from ``config.toml``, validated field by field."""

from __future__ import annotations

import re
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

_DAY_START = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
#: An IANA zone name: no path to elsewhere, nothing a file name could choke on.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*", re.ASCII)
_ZONE_NAME_LENGTH = 64
#: A setting named as it is written; any other key is shown quoted.
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}", re.ASCII)
#: Longest value echoed in a message: a huge one is cut, so the message stays one short line.
_SHOWN_LENGTH = 60


def parse_config(text: str, file: str = "config.toml") -> Config:
    """Read ``config.toml`` text into a ``Config``; raise ``FileRefused`` naming the bad field."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileRefused(file, "", f"not valid TOML ({error})", "TOML key = value lines") from None
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        key = unknown[0]
        where = key if _BARE_KEY.fullmatch(key) else _shown(key)
        raise FileRefused(file, where, "unknown setting", ", ".join(sorted(_FIELDS)))
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
            raise refuse(f"{_shown(value)} is not true or false")
        return value
    if name in ("breath_in", "breath_out"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise refuse(f"{_shown(value)} is not a number")
        if not 2 <= value <= 12:
            raise refuse(f"{_shown(value)} is out of range")
        return float(value)
    if name == "get_ready_seconds":
        if isinstance(value, bool) or not isinstance(value, int):
            raise refuse(f"{_shown(value)} is not a whole number")
        if not 0 <= value <= 30:
            raise refuse(f"{_shown(value)} is out of range")
        return value
    if not (isinstance(value, str) and _is_zone_name(value)):
        raise refuse(f"{_shown(value)} is not a known time zone")
    return value


def _is_zone_name(name: str) -> bool:
    # gettz also reads files by path and POSIX TZ strings such as "UTC+5" (five hours *behind*
    # UTC): only a name from the time-zone database is taken.
    if len(name) > _ZONE_NAME_LENGTH or not _ZONE_NAME.fullmatch(name):
        return False
    try:
        zone = tz.gettz(name)
    except (OSError, ValueError):
        return False
    return zone is not None and not isinstance(zone, tz.tzstr)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 1] + "…"


def _parse_day_start(value: object, refuse: Any) -> time:
    if isinstance(value, time):
        # A bare TOML time (day_starts_at = 04:00:00) is as good as the quoted form.
        if value.second or value.microsecond or value.tzinfo is not None:
            raise refuse(f"{value.isoformat()} is not a whole minute")
        value = value.strftime("%H:%M")
    if not isinstance(value, str):
        raise refuse(f"{_shown(value)} is not a time")
    # ASCII digits only: str.isdigit() also takes "²", which int() then rejects.
    match = _DAY_START.fullmatch(value)
    if match is None:
        raise refuse(f"{_shown(value)} is not a time")
    hours, minutes = int(match[1]), int(match[2])
    if not (0 <= hours <= 11 and 0 <= minutes <= 59):
        raise refuse(f"{_shown(value)} is out of range")
    return time(hours, minutes)
