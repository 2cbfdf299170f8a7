"""Reading values out of parsed files: one set of checks, one way to refuse.

``config.toml``, ``routine.toml``, the symptom log, an import and the database all check the
same things (a whole number, a string, a list, a field present and no other): each reader here
returns the value it checked or raises ``Refusal``, and every caller turns that into its own
error at its boundary, so a rule is written once however many places apply it.

A refusal names a value in one of two ways, and each caller keeps the one its users already
read: by the value itself, cut short (``'4' is not a whole number``), or by its JSON kind
(``a string, not a whole number``) where echoing a value would say nothing useful.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import TypeGuard, TypeVar

#: Longest value echoed in a refusal: a huge one is cut, so the message stays one short line.
SHOWN_LENGTH = 60
#: A key written as it is in a message; any other is shown quoted, so that a line break or a
#: control character in it cannot break the one-line message.
BARE_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}", re.ASCII)
# Only the calendar form: fromisoformat also takes week dates such as 2026-W47-5.
_CALENDAR_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: How a value appears in a refusal; ``None`` names only its JSON kind.
Show = Callable[[object], str] | None
_N = TypeVar("_N", int, float)


class Refusal(ValueError):
    """A value refused: where it is, what is wrong with it, and what would be allowed.

    ``allowed`` may be empty when the caller knows better what to say (the routine looks it up
    by field).
    """

    def __init__(self, where: str, problem: str, allowed: str = "") -> None:
        super().__init__(where, problem, allowed)
        self.where = where
        self.problem = problem
        self.allowed = allowed


class Missing(Refusal):
    """A required field is absent; ``name`` is the field, ``where`` its full place."""

    def __init__(self, where: str, name: str, allowed: str = "") -> None:
        super().__init__(where, "missing field", allowed)
        self.name = name


def cut(text: str, length: int = SHOWN_LENGTH, ellipsis: str = "…") -> str:
    """``text``, cut to ``length`` characters ending in ``ellipsis`` if it is longer."""
    return text if len(text) <= length else text[: length - len(ellipsis)] + ellipsis


def cells(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide character (CJK, most emoji), none
    for a combining mark, one for any other."""
    return sum(_cells_of(char) for char in text)


def _cells_of(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def fit(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` in exactly ``width`` columns: cut, ending in ``ellipsis``, if it takes more, and
    padded with spaces if it takes fewer (``cells``)."""
    if cells(text) > width:
        room, kept = width - cells(ellipsis), []
        for char in text:
            room -= _cells_of(char)
            if room < 0:
                break
            kept.append(char)
        text = "".join(kept) + ellipsis
    return text + " " * (width - cells(text))


def shown(value: object, length: int = SHOWN_LENGTH, ellipsis: str = "…") -> str:
    """A value for a one-line message: its repr, cut short."""
    return cut(repr(value), length, ellipsis)


def bare_key(key: str, show: Callable[[object], str] = shown) -> str:
    """A key for a message: as it is written if it is a plain name, else quoted and cut."""
    return key if BARE_KEY.fullmatch(key) else show(key)


def kind_of(value: object) -> str:
    """The JSON kind of a parsed value, as a message says it: ``a string``, ``null``, ..."""
    if value is None:
        return "null"
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    return names.get(type(value), "a number")


def is_whole(value: object) -> TypeGuard[int]:
    """Whether ``value`` is a whole number: an ``int``, and not ``True`` or ``False``."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> TypeGuard[int | float]:
    """Whether ``value`` is a number: an ``int`` or a ``float``, and not ``True`` or ``False``."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def place(where: str, name: str) -> str:
    """The place of field ``name`` of the record or object at ``where``, for a message.

    A labelled record reads ``days[3] (2026-11-21) holds[0].side``, a plain path
    ``routine.exercises``, and a field of the top level just its name.
    """
    if not where:
        return name
    return f"{where} {name}" if where.endswith(")") else f"{where}.{name}"


def wrong(value: object, wanted: str, where: str, allowed: str, show: Show) -> Refusal:
    """The refusal of ``value`` at ``where`` for not being ``wanted`` (``a whole number``)."""
    if show is None:
        return Refusal(where, f"{kind_of(value)}, not {wanted}", allowed)
    return Refusal(where, f"{show(value)} is not {wanted}", allowed)


def field(doc: Mapping[str, object], name: str, where: str, allowed: str = "") -> object:
    """Field ``name`` of ``doc``; ``Missing`` if it is absent."""
    if name not in doc:
        raise Missing(place(where, name), name, allowed)
    return doc[name]


def only(
    doc: Mapping[str, object],
    fields: Sequence[str],
    where: str,
    *,
    required: Sequence[str] | None = None,
    missing_allowed: str = "",
    show: Callable[[object], str] = shown,
) -> None:
    """Refuse a field of ``doc`` not among ``fields``, then one of ``required`` that is absent.

    ``required`` is every field unless given. An unknown field is named by ``bare_key``.
    """
    required = fields if required is None else required
    if len(doc) == len(required) and all(name in doc for name in required):
        return
    for name in doc:
        if name not in fields:
            raise Refusal(place(where, bare_key(name, show)), "unknown field", ", ".join(fields))
    for name in required:
        field(doc, name, where, missing_allowed)


def obj(
    value: object,
    where: str,
    allowed: str = "an object",
    *,
    wanted: str = "an object",
    show: Show = None,
) -> dict[str, object]:
    """``value`` if it is an object (a TOML table); else a refusal."""
    if not isinstance(value, dict):
        raise wrong(value, wanted, where, allowed, show)
    return value


def list_of(
    value: object, where: str, allowed: str = "a list", *, wanted: str = "a list", show: Show = None
) -> list[object]:
    """``value`` if it is a list; else a refusal."""
    if not isinstance(value, list):
        raise wrong(value, wanted, where, allowed, show)
    return value


def text(
    value: object,
    where: str,
    allowed: str = "a string",
    *,
    wanted: str = "a string",
    show: Show = None,
) -> str:
    """``value`` if it is a string; else a refusal."""
    if not isinstance(value, str):
        raise wrong(value, wanted, where, allowed, show)
    return value


def texts(value: object, where: str) -> tuple[str, ...]:
    """``value`` if it is a list of strings, as a tuple; else a refusal naming the bad item."""
    items = list_of(value, where, wanted="a list of strings")
    return tuple(text(item, f"{where} item") for item in items)


def whole(value: object, where: str, allowed: str = "a whole number", *, show: Show = shown) -> int:
    """``value`` if it is a whole number (not ``True`` or ``False``); else a refusal."""
    if not is_whole(value):
        raise wrong(value, "a whole number", where, allowed, show)
    return value


def number(value: object, where: str, allowed: str = "a number", *, show: Show = shown) -> float:
    """``value`` as a float if it is a number (not ``True`` or ``False``); else a refusal."""
    if not is_number(value):
        raise wrong(value, "a number", where, allowed, show)
    return float(value)


def within(
    value: _N, bounds: tuple[float, float], where: str, allowed: str, *, show: Show = None
) -> _N:
    """``value`` if it lies in ``bounds`` (both ends included); else ``... is out of range``."""
    if not bounds[0] <= value <= bounds[1]:
        subject = str(value) if show is None else show(value)
        raise Refusal(where, f"{subject} is out of range", allowed)
    return value


def iso_day(value: object, where: str, *, show: Callable[[object], str] = shown) -> date:
    """``value`` if it is a date written ``YYYY-MM-DD``; else ``... is not a date``."""
    if isinstance(value, str) and _CALENDAR_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise Refusal(where, f"{show(value)} is not a date", "YYYY-MM-DD")


def instant(value: object, where: str, *, show: Callable[[object], str] = shown) -> datetime:
    """``value`` if it is an ISO date-time with its UTC offset; else a refusal saying so."""
    # 19 characters is the shortest date-time; 40 is beyond the longest with an offset.
    if isinstance(value, str) and 19 <= len(value) <= 40:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.utcoffset() is not None:
                return moment
    raise Refusal(
        where,
        f"{show(value)} is not a date-time with its UTC offset",
        "an ISO date-time such as 2026-11-21T07:31:02+01:00",
    )
