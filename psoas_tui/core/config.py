"""The user's settings from ``config.toml``, validated field by field."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import time
from typing import Any

from psoas_tui.core.errors import FileRefused
from psoas_tui.core.validate import Refusal, bare_key, number, shown, whole, within


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
    #: A Textual theme's name; the app checks it against the themes it has.
    theme: str | None = None
    #: Speak the hold timer's phases through the speaker the platform has.
    voice: bool = False
    #: A shell command run at each phase of the hold timer, the phase in its environment.
    on_phase: str | None = None


#: Longest ``on_phase`` command taken.
ON_PHASE_LENGTH = 1000

_FIELDS = {
    "day_starts_at": 'a time "HH:MM" from "00:00" to "11:59"',
    "count_partial": "true or false",
    "bell": "true or false",
    "breath_in": "a number of seconds from 2 to 12",
    "breath_out": "a number of seconds from 2 to 12",
    "get_ready_seconds": "a whole number of seconds from 0 to 30",
    "timezone": 'a time-zone name such as "Europe/Paris"',
    "theme": 'a theme name such as "nord" or "textual-light"',
    "voice": "true or false",
    "on_phase": (
        f"a command of 1 to {ON_PHASE_LENGTH} characters on one line, "
        """such as 'notify-send psoas "$PSOAS_TEXT"'"""
    ),
}

#: A theme's name as Textual spells them: lower-case words joined by hyphens.
_THEME_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)

_DAY_START = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
#: An IANA zone name: no path to elsewhere, nothing a file name could choke on.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*", re.ASCII)
_ZONE_NAME_LENGTH = 64
#: Control characters but the tab: a command is one line, and the environment cannot carry a NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def parse_config(text: str, file: str = "config.toml") -> Config:
    """Read ``config.toml`` text into a ``Config``; raise ``FileRefused`` naming the bad field."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileRefused(file, "", f"not valid TOML ({error})", "TOML key = value lines") from None
    except RecursionError:
        raise FileRefused(file, "", "nested too deeply", "TOML key = value lines") from None
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        raise FileRefused(file, bare_key(unknown[0]), "unknown setting", ", ".join(sorted(_FIELDS)))
    values: dict[str, Any] = {}
    for name, value in raw.items():
        values[name] = _check(file, name, value)
    return Config(**values)


def _check(file: str, name: str, value: object) -> object:
    try:
        return _setting(name, value)
    except Refusal as refusal:
        raise FileRefused(file, name, refusal.problem, _FIELDS[name]) from None


def _setting(name: str, value: object) -> object:
    if name == "day_starts_at":
        return _parse_day_start(value, name)
    if name in ("count_partial", "bell", "voice"):
        if not isinstance(value, bool):
            raise Refusal(name, f"{shown(value)} is not true or false")
        return value
    if name in ("breath_in", "breath_out"):
        seconds = number(value, name)
        if not 2 <= seconds <= 12:
            raise Refusal(name, f"{shown(value)} is out of range")
        return seconds
    if name == "get_ready_seconds":
        return within(whole(value, name), (0, 30), name, "", show=shown)
    if name == "theme":
        if not (isinstance(value, str) and len(value) <= 40 and _THEME_NAME.fullmatch(value)):
            raise Refusal(name, f"{shown(value)} is not a theme name")
        return value
    if name == "on_phase":
        return _parse_on_phase(value, name)
    if not (isinstance(value, str) and _is_zone_name(value)):
        raise Refusal(name, f"{shown(value)} is not a known time zone")
    return value


def _parse_on_phase(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise Refusal(name, f"{shown(value)} is not a command")
    if not value.strip():
        raise Refusal(name, "an empty command")
    if len(value) > ON_PHASE_LENGTH:
        raise Refusal(name, f"{len(value)} characters is too long")
    if _CONTROL.search(value):
        raise Refusal(name, f"{shown(value)} has a line break or a control character")
    return value


def _is_zone_name(name: str) -> bool:
    # gettz also reads files by path and POSIX TZ strings such as "UTC+5" (five hours *behind*
    # UTC): only a name from the time-zone database is taken.
    if len(name) > _ZONE_NAME_LENGTH or not _ZONE_NAME.fullmatch(name):
        return False
    from dateutil import tz

    try:
        zone = tz.gettz(name)
    except (OSError, ValueError):
        return False
    return zone is not None and not isinstance(zone, tz.tzstr)


def _parse_day_start(value: object, name: str) -> time:
    if isinstance(value, time):
        # A bare TOML time (day_starts_at = 04:00:00) is as good as the quoted form.
        if value.second or value.microsecond or value.tzinfo is not None:
            raise Refusal(name, f"{value.isoformat()} is not a whole minute")
        value = value.strftime("%H:%M")
    # ASCII digits only: str.isdigit() also takes "²", which int() then rejects.
    if not isinstance(value, str):
        raise Refusal(name, f"{shown(value)} is not a time")
    match = _DAY_START.fullmatch(value)
    if match is None:
        raise Refusal(name, f"{shown(value)} is not a time")
    hours, minutes = int(match[1]), int(match[2])
    if not (0 <= hours <= 11 and 0 <= minutes <= 59):
        raise Refusal(name, f"{shown(value)} is out of range")
    return time(hours, minutes)


_THEME_LINE = re.compile(r"^\s*theme\s*=.*$", re.MULTILINE)


def theme_line(text: str, theme: str) -> str:
    """``config.toml``'s ``text`` with its ``theme`` setting made ``theme`` (added at the end
    when it has none); every other line stays as the user wrote it."""
    line = f'theme = "{theme}"'
    if _THEME_LINE.search(text):
        return _THEME_LINE.sub(line, text, count=1)
    ending = "" if not text or text.endswith("\n") else "\n"
    return f"{text}{ending}{line}\n"
