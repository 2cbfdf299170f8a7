"""The file's bytes to tables and back, with orjson (several times faster than ``json``).

orjson keeps the last of two values under one key, so a file that names ``entries`` twice would
load with the second, perhaps empty, table and lose the first without a word. A file psoas wrote
is exactly what ``encode`` makes of what it parses to, which no file with a repeated key can be
(encoding a dict never repeats one): that comparison costs a fraction of the parse. A file that
differs (another tool wrote it, or a hand edit) is read again with ``json``, which sees every
key, to find the repeated one.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson

from psoas_tui.store.schema import SchemaError, Tables, check_structure


def decode(raw: bytes) -> object:
    """Parse the file's bytes. Raises ``ValueError`` (orjson.JSONDecodeError) on bad JSON."""
    return orjson.loads(raw)


def encode(tables: Tables) -> bytes:
    """Serialise the tables, compactly."""
    return orjson.dumps(tables)


def read_tables(raw: bytes) -> Tables:
    """The tables in ``raw``, or ``SchemaError`` saying in plain words why there are none."""
    if not raw.strip():
        raise SchemaError("the file is empty")
    try:
        with gc_paused():
            data = decode(raw)
    except orjson.JSONDecodeError as error:
        raise SchemaError(f"it is not valid JSON: {error}") from None
    if orjson.dumps(data) != raw:
        _no_repeated_key(raw)
    return check_structure(data)


def _no_repeated_key(raw: bytes) -> None:
    """Raise ``SchemaError`` naming a key ``raw`` gives twice in one object."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        names = [name for name, _ in pairs]
        if len(set(names)) != len(names):
            repeated = next(name for name in names if names.count(name) > 1)
            raise SchemaError(f"an object names {repeated!r} twice")
        return dict(pairs)

    with gc_paused():
        json.loads(raw, object_pairs_hook=unique)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles.

    Parsing ten years of history creates about a million containers; each collection the
    allocations set off walks all of them again, which more than doubles the time.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
