"""Schema migrations: each step takes the tables of version N to version N + 1.

The storage writes a backup of the file as it was before the first step runs (see
``backups.write_pre_migration``), and refuses a file newer than ``CURRENT_VERSION``.
"""

from __future__ import annotations

from collections.abc import Callable

from psoas_tui.store.schema import (
    CURRENT_VERSION,
    DAYS,
    ENTRIES,
    META,
    RECORD_TABLES,
    RESPONSES,
    SCHEMA_KEY,
    Doc,
    Tables,
    schema_version,
)

Step = Callable[[Tables], Tables]

#: TinyDB's own table, used by ``db.insert`` without a table name.
_TINYDB_DEFAULT = "_default"


def _rekeyed(table: dict[str, Doc], key_of: Callable[[Doc], str | None]) -> dict[str, Doc]:
    # A document without its natural key keeps the key it had, so nothing is dropped; reading it
    # later says which field is missing.
    rekeyed: dict[str, Doc] = {}
    for old_key, doc in table.items():
        rekeyed[key_of(doc) or old_key] = doc
    return rekeyed


def _text_field(doc: Doc, name: str) -> str | None:
    value = doc.get(name)
    return value if isinstance(value, str) else None


def _response_key(doc: Doc) -> str | None:
    parts = [_text_field(doc, name) for name in ("at", "rule", "key", "kind")]
    return " ".join(part for part in parts if part is not None) if all(parts) else None


def _v0_to_v1(tables: Tables) -> Tables:
    """Version 0 is a TinyDB file with no schema version: ``{}``, or tables TinyDB filled itself,
    keyed by its counter (``"1"``, ``"2"``, ...). Version 1 keys each document by its record's own
    key (the day, the entry id, the response's key) and has every table present."""
    migrated: Tables = {
        name: table
        for name, table in tables.items()
        if name not in (META, *RECORD_TABLES) and not (name == _TINYDB_DEFAULT and not table)
    }
    migrated[META] = dict(tables.get(META, {}))
    migrated[DAYS] = _rekeyed(tables.get(DAYS, {}), lambda doc: _text_field(doc, "day"))
    migrated[ENTRIES] = _rekeyed(tables.get(ENTRIES, {}), lambda doc: _text_field(doc, "id"))
    migrated[RESPONSES] = _rekeyed(tables.get(RESPONSES, {}), _response_key)
    return migrated


#: The step that starts at each version.
STEPS: dict[int, Step] = {0: _v0_to_v1}


def migrate(tables: Tables) -> Tables:
    """``tables`` brought up to ``CURRENT_VERSION``, one step at a time."""
    version = schema_version(tables)
    while version < CURRENT_VERSION:
        tables = STEPS[version](tables)
        version += 1
        tables.setdefault(META, {})[SCHEMA_KEY] = {"version": version}
    return tables
