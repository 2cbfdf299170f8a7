"""TOML text from Python values, and hypothesis strategies for values a TOML file can hold.

Only what the fuzz tests need: every table is written inline, every key and string is a basic
string with control characters escaped, so any generated document is valid TOML and reads back
as the same values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, time

from hypothesis import strategies as st

TomlValue = object


def dumps(document: Mapping[str, TomlValue]) -> str:
    """``document`` as TOML text, one ``key = value`` line per top-level key."""
    return "".join(f"{_string(key)} = {_value(value)}\n" for key, value in document.items())


def _string(text: str) -> str:
    escaped = []
    for character in text:
        if character in '"\\':
            escaped.append("\\" + character)
        elif (character < " " and character != "\t") or character == "\x7f":
            escaped.append(f"\\u{ord(character):04X}")
        else:
            escaped.append(character)
    return '"' + "".join(escaped) + '"'


def _value(value: TomlValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{_string(key)} = {_value(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    raise TypeError(f"no TOML form for {value!r}")


#: Text with odd unicode: any code point a TOML string may hold (UTF-8: no surrogates).
odd_text = st.text(st.characters(codec="utf-8"), max_size=40)

#: One character repeated up to 200,000 times.
huge_text = st.builds(
    lambda character, count: character * count,
    st.characters(codec="utf-8"),
    st.integers(1_000, 200_000),
)

#: Whole numbers TOML can write: 64-bit, with the edges likely.
toml_integers = st.integers(-(2**63), 2**63 - 1)

toml_scalars = st.one_of(
    st.booleans(),
    toml_integers,
    st.integers(-50, 50),
    st.floats(allow_nan=True, allow_infinity=True),
    odd_text,
    huge_text,
    st.dates(),
    st.times(),
    st.datetimes(),
    st.datetimes(timezones=st.just(UTC)),
)

#: Any value a TOML file can hold, nested a little.
toml_values = st.recursive(
    toml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(odd_text, children, max_size=4),
    ),
    max_leaves=8,
)
