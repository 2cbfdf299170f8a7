"""The yearly archive files: the history older than the database's recent weeks.

``archive/psoas-YYYY.json`` holds the day documents and the symptom entries dated in year YYYY
that a compaction moved out of ``psoas.json`` (see ``repository``): a TinyDB file of the same
document shapes, with its own ``meta`` table, so that reading ten years costs nothing until some
screen or command asks for them. The files are only written under the database lock, each one
atomically (a temporary file, fsync, rename, directory fsync) and 0600 in a 0700 folder.

A file is read once and kept while it is unchanged on disk (its device, inode, mtime and size),
so another process's compaction is seen at the next read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from psoas_tui.locations import Locations, ensure_private_dir
from psoas_tui.store import codec
from psoas_tui.store.errors import CorruptDatabase, SaveFailed
from psoas_tui.store.files import write_atomic
from psoas_tui.store.migrations import migrate
from psoas_tui.store.schema import (
    CURRENT_VERSION,
    DAYS,
    ENTRIES,
    META,
    SCHEMA_KEY,
    Doc,
    SchemaError,
    Tables,
    schema_version,
)

_ARCHIVE = re.compile(r"psoas-(\d{4})\.json")

_Identity = tuple[int, int, int, int]


def archive_path(locations: Locations, year: int) -> Path:
    """The archive file of ``year``."""
    return locations.archive / f"psoas-{year:04d}.json"


def empty_archive() -> Tables:
    """An archive with nothing in it yet."""
    return {META: {SCHEMA_KEY: {"version": CURRENT_VERSION}}, DAYS: {}, ENTRIES: {}}


class Archives:
    """The archive files of one data directory, read when asked for and kept while unchanged."""

    def __init__(self, locations: Locations) -> None:
        self._locations = locations
        self._loaded: dict[int, tuple[_Identity, Tables]] = {}

    def years(self) -> list[int]:
        """The years with an archive file, oldest first."""
        folder = self._locations.archive
        if not folder.is_dir():
            return []
        found = (_ARCHIVE.fullmatch(path.name) for path in folder.iterdir())
        return sorted(int(match.group(1)) for match in found if match)

    def tables(self, year: int) -> Tables:
        """The tables of ``year``'s archive (an empty archive if it has no file).

        ``CorruptDatabase`` names the file if it does not read: an archive is never set aside or
        replaced, since what it holds is in no other file.
        """
        path = archive_path(self._locations, year)
        try:
            status = os.stat(path)
        except FileNotFoundError:
            self._loaded.pop(year, None)
            return empty_archive()
        identity = (status.st_dev, status.st_ino, status.st_mtime_ns, status.st_size)
        known = self._loaded.get(year)
        if known is not None and known[0] == identity:
            return known[1]
        try:
            tables = codec.read_tables(path.read_bytes())
            version = schema_version(tables)
            if version > CURRENT_VERSION:
                raise SchemaError(f"it was written by a newer psoas (schema version {version})")
            if version < CURRENT_VERSION:
                # Read as the current version; the file itself is rewritten by the next move.
                tables = migrate(tables)
        except SchemaError as error:
            raise CorruptDatabase(path, str(error), None, None) from None
        except OSError as error:
            raise SaveFailed(path, error) from error
        for name in (DAYS, ENTRIES):
            tables.setdefault(name, {})
        self._loaded[year] = (identity, tables)
        return tables

    def write(self, year: int, tables: Tables) -> None:
        """Replace ``year``'s archive with ``tables``, atomically. Hold the database lock."""
        path = archive_path(self._locations, year)
        try:
            ensure_private_dir(self._locations.archive)
            write_atomic(path, codec.encode(tables))
        except OSError as error:
            self._loaded.pop(year, None)
            raise SaveFailed(path, error) from error
        self._loaded.pop(year, None)


@dataclass(frozen=True)
class ArchiveSummary:
    """The ``summary`` table's ``archive`` document (see ``schema``)."""

    boundary: date | None = None
    checked: date | None = None
    first_day: date | None = None
    first_entry: date | None = None
    shadows: frozenset[int] = frozenset()

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any] | None) -> ArchiveSummary:
        """The summary a document holds; ``SchemaError`` naming the field that does not read."""
        if doc is None:
            return cls()
        shadows = doc.get("shadows", [])
        if type(shadows) is not list or not all(type(year) is int for year in shadows):
            raise SchemaError(f"summary shadows {shadows!r} is not a list of years")
        return cls(
            _day(doc, "boundary"),
            _day(doc, "checked"),
            _day(doc, "first_day"),
            _day(doc, "first_entry"),
            frozenset(shadows),
        )

    def to_doc(self) -> Doc:
        """The summary's document."""
        return {
            "boundary": _text(self.boundary),
            "checked": _text(self.checked),
            "first_day": _text(self.first_day),
            "first_entry": _text(self.first_entry),
            "shadows": sorted(self.shadows),
        }


def _day(doc: Mapping[str, Any], field: str) -> date | None:
    value = doc.get(field)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise SchemaError(f"summary {field} {value!r} is not an ISO date") from None


def _text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
