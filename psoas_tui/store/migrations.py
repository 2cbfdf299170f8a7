"""Schema migrations: each step takes the tables of version N to version N + 1.

The storage writes a backup of the file as it was before the first step runs (see
``backups.write_pre_migration``), and refuses a file newer than ``CURRENT_VERSION``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from psoas_tui.core.model import ReferralResponse, SymptomEntry
from psoas_tui.core.referral import from_version_1
from psoas_tui.core.signs import V1_KEYS, SignKey
from psoas_tui.store.schema import (
    CURRENT_VERSION,
    DAYS,
    ENTRIES,
    META,
    PAUSES,
    PROFILE,
    RESPONSES,
    ROUTINES,
    SCHEMA_KEY,
    Doc,
    SchemaError,
    Tables,
    entry_from_doc,
    response_from_doc,
    response_key,
    response_to_doc,
    schema_version,
)

Step = Callable[[Tables], Tables]

#: TinyDB's own table, used by ``db.insert`` without a table name.
_TINYDB_DEFAULT = "_default"
#: The record tables of version 1.
_V1_TABLES = (DAYS, ENTRIES, RESPONSES)
#: Every version-2 sign key, as stored.
_SIGN_KEYS = frozenset(key.value for key in SignKey)


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
        if name not in (META, *_V1_TABLES) and not (name == _TINYDB_DEFAULT and not table)
    }
    migrated[META] = dict(tables.get(META, {}))
    migrated[DAYS] = _rekeyed(tables.get(DAYS, {}), lambda doc: _text_field(doc, "day"))
    migrated[ENTRIES] = _rekeyed(tables.get(ENTRIES, {}), lambda doc: _text_field(doc, "id"))
    migrated[RESPONSES] = _rekeyed(tables.get(RESPONSES, {}), _response_key)
    return migrated


def _v1_to_v2(tables: Tables) -> Tables:
    """Version 2 has the referral rules' second version: new sign keys, answers keyed by an
    episode or a run, and the "about you" table.

    - Entries: each sign key in ``signs`` becomes its version-2 key (``core.signs.V1_KEYS``:
      ``saddle_numbness`` is ``saddle`` now, ``leg_weakness`` is ``both_legs``, the others keep
      their key, ``trauma`` as the legacy sign), so every yes is kept. ``asked`` is null: version
      1 did not record which questions it showed, and "not known" must never read as "no".
    - Responses go through ``core.referral.from_version_1``. Persistent-pain and severe-pain
      answers are kept as they are (their first-day key still overlaps the episode or run). A
      warning-sign answer becomes one soon-sign answer per soon sign of its entry, keyed by that
      entry's day. Dropped on purpose: every urgent-sign answer (version 1's "I've arranged to see
      someone" never said the person had been checked, and only that answers a same-day or
      emergency rule now, so such a sign prompts again while it is in the window), and a
      warning-sign answer whose entry is gone, unreadable or has no soon sign left (nothing says
      which sign it answered). The pre-migration backup keeps them all.
    - The empty ``profile`` table is added.

    A document that does not read is carried over unchanged, so that reading it later names it.
    """
    migrated: Tables = dict(tables)
    entries: dict[str, Doc] = {}
    for key, doc in tables.get(ENTRIES, {}).items():
        entries[key] = _v2_entry(doc)
    readable: list[SymptomEntry] = []
    for doc in entries.values():
        try:
            readable.append(_known_signs_only(entry_from_doc(doc)))
        except SchemaError:
            continue
    responses: dict[str, Doc] = {}
    old: list[ReferralResponse] = []
    for key, doc in tables.get(RESPONSES, {}).items():
        try:
            old.append(response_from_doc(doc))
        except SchemaError:
            responses[key] = doc
    for response in from_version_1(old, readable):
        responses[response_key(response)] = response_to_doc(response)
    migrated[ENTRIES] = entries
    migrated[RESPONSES] = responses
    migrated[PROFILE] = dict(tables.get(PROFILE, {}))
    return migrated


def _v2_entry(doc: Doc) -> Doc:
    signs = doc.get("signs")
    changed = dict(doc)
    if isinstance(signs, list):
        # dict.fromkeys: each key once, in the order stored.
        mapped = [
            V1_KEYS[key].value if isinstance(key, str) and key in V1_KEYS else key for key in signs
        ]
        changed["signs"] = list(dict.fromkeys(mapped))
    changed["asked"] = None
    return changed


def _known_signs_only(entry: SymptomEntry) -> SymptomEntry:
    # from_version_1 looks up each sign of an entry: a key no version knew would stop the
    # migration, and it cannot be a soon sign, which is all it looks for.
    return replace(entry, signs=tuple(key for key in entry.signs if key in _SIGN_KEYS))


def _v2_to_v3(tables: Tables) -> Tables:
    """Version 3 keeps every version of the routine: the empty ``routines`` table is added. The
    first version is stored when the app or a command next opens the file."""
    migrated: Tables = dict(tables)
    migrated[ROUTINES] = dict(tables.get(ROUTINES, {}))
    return migrated


def _v3_to_v4(tables: Tables) -> Tables:
    """Version 4 keeps the pauses the user declares: the empty ``pauses`` table is added."""
    migrated: Tables = dict(tables)
    migrated[PAUSES] = dict(tables.get(PAUSES, {}))
    return migrated


#: The step that starts at each version.
STEPS: dict[int, Step] = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def migrate(tables: Tables) -> Tables:
    """``tables`` brought up to ``CURRENT_VERSION``, one step at a time."""
    version = schema_version(tables)
    while version < CURRENT_VERSION:
        tables = STEPS[version](tables)
        version += 1
        tables.setdefault(META, {})[SCHEMA_KEY] = {"version": version}
    return tables
