"""``psoas import FILE``: read a JSON export back, all or nothing.

The module cannot be called ``import``; the command is.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context

_ALLOWED = "a JSON file made by psoas export --format json"


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``import`` command."""
    parser = add_command(
        subparsers,
        common,
        "import",
        run,
        help="read a JSON export back in (all or nothing)",
        description="Read a file made by psoas export --format json back in. Every record is "
        "checked before anything is written; then everything not stored yet is added in one "
        "write, so importing the same file twice adds nothing. Your routine is not changed.",
    )
    parser.add_argument("file", metavar="FILE", help="a JSON export")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check the whole file, then merge it in one write; say what was added."""
    from psoas_tui.core.transfer.json_import import read_export
    from psoas_tui.locations import expand_user
    from psoas_tui.services.output import say_saved

    # The whole file is checked before the database is opened: a refused file writes nothing.
    history = read_export(read_file(expand_user(args.file, "FILE", "a JSON export")), args.file)
    with ctx.open() as psoas:
        counts = psoas.merge(history)
    parts = [
        _count(counts.entries, "entry", "entries"),
        _count(counts.holds, "hold", "holds"),
        _count(counts.marks, "mark", "marks"),
        _count(counts.responses, "referral answer", "referral answers"),
        _count(counts.profile, "“about you” answer", "“about you” answers"),
    ]
    if counts.pauses:
        parts.append(_count(counts.pauses, "pause", "pauses"))
    added = f"{', '.join(parts[:-1])} and {parts[-1]}"
    if counts.total == 0 and counts.days == 0:
        say_saved(f"Imported {added} from {args.file} (nothing new: all of it was already stored).")
    else:
        days = _count(counts.days, "day", "days")
        say_saved(f"Imported {added} from {args.file} ({days} changed).")
    return 0


def read_file(path: Path) -> bytes:
    """The file's bytes; ``FileRefused`` if it is missing, a directory, too big or unreadable.

    At most one byte more than ``MAX_IMPORT_BYTES`` is read, whatever the file is: a device
    (``/dev/zero``) or a pipe has no size to check before reading.
    """
    from psoas_tui.core.errors import FileRefused
    from psoas_tui.core.transfer.json_import import MAX_IMPORT_BYTES

    name = str(path)
    limit = f"{_ALLOWED}, of at most {MAX_IMPORT_BYTES} bytes"
    if not path.exists():
        raise FileRefused(name, "", "no such file", _ALLOWED)
    if path.is_dir():
        raise FileRefused(name, "", "a directory, not a file", _ALLOWED)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise FileRefused(name, "", f"{size} bytes is too large", limit)
        with path.open("rb") as stream:
            raw = stream.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise FileRefused(name, "", f"cannot be read ({error.strerror})", _ALLOWED) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise FileRefused(name, "", "too large", limit)
    return raw


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
