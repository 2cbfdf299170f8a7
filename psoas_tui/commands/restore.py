"""``psoas restore [BACKUP] [--yes]``: put the newest backup that reads (or the named one) back in
place, after asking; ``--list`` shows the backups; ``--fresh`` starts an empty database on
purpose (after a damaged file was set aside, nothing else does)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from datetime import tzinfo

    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context
    from psoas_tui.services.backups import BackupFile


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``restore`` command."""
    parser = add_command(
        subparsers,
        common,
        "restore",
        run,
        help="put the newest good (or the named) backup back in place",
        description="Put the newest backup that reads completely, or the one named, in place of "
        "the database, after asking (at a terminal) or with --yes. The file it replaces is kept "
        "aside, never deleted. --list shows the backups. --fresh starts an empty database "
        "instead, on purpose: nothing else replaces a database that was set aside as damaged.",
    )
    parser.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup's file name")
    parser.add_argument(
        "--list",
        action="store_true",
        help="list the backups, newest first, with when each was written and its size",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start an empty database in place of the current or damaged one (it is kept aside)",
    )
    parser.add_argument(
        "--yes",
        action="store_true",
        help="replace the database without asking (needed when standard input is not a terminal)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Restore, or list, and say what happened."""
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.services.backups import backup_files, list_backups, newest_backup, restore
    from psoas_tui.services.output import say_saved

    locations = ctx.locations
    today = ctx.clock.today()
    if args.fresh and (args.list or args.backup is not None):
        raise InvalidInput(
            "--fresh: starts an empty database, so it takes no BACKUP and no --list; nothing "
            "was changed; allowed: psoas restore --fresh --yes"
        )
    if args.fresh:
        return _start_fresh(args, ctx)
    if args.list:
        backups = backup_files(locations, today)
        if not backups:
            print(f"No backups yet in {locations.backups}.")
        zone = ctx.clock.now().tzinfo
        for line in listing(backups, zone):
            print(line)
        return 0
    # Ask only about a backup that is there: without one, restore refuses and changes nothing.
    if args.backup is None:
        newest = newest_backup(locations, today)
        name = None if newest is None else newest.name
    else:
        name = Path(args.backup).name
        names = [path.name for path in list_backups(locations, today)]
        if name not in names:
            # A name typed wrong is bad input (exit 2), like any other option.
            raise InvalidInput(
                f"BACKUP: there is no backup named {args.backup!r} in {locations.backups}; "
                f"nothing was changed; allowed: {', '.join(names) or 'none yet'}"
            )
    if name is not None and not _asked(args, f"Replace the database with {name}? [y/N] "):
        print("Nothing was changed.")
        return 1
    used, kept = restore(locations, args.backup, today)
    said = f"Restored {used.name} to {locations.database}."
    if kept is not None:
        said += f"\nThe file it replaced is kept at {kept}."
    say_saved(said)
    return 0


def _start_fresh(args: argparse.Namespace, ctx: Context) -> int:
    """``--fresh``: an empty database in place of the current one, after asking."""
    from psoas_tui.services.backups import start_fresh
    from psoas_tui.services.output import say_saved

    database = ctx.locations.database
    if not _asked(args, f"Start an empty database in place of {database}? [y/N] "):
        print("Nothing was changed.")
        return 1
    kept = start_fresh(ctx.locations)
    said = f"Started an empty database at {database}."
    if kept is not None:
        said += f"\nThe file it replaced is kept at {kept}."
    say_saved(
        f"{said}\nEvery backup stays in {ctx.locations.backups}; `psoas restore --list` shows them."
    )
    return 0


def _asked(args: argparse.Namespace, question: str) -> bool:
    """Whether to go on: ``--yes`` given, or the user at the terminal said yes to ``question``."""
    from psoas_tui.core.errors import InvalidInput

    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise InvalidInput(
            "--yes: needed to replace the database when standard input is not a terminal "
            "to ask at; nothing was changed; allowed: psoas restore [BACKUP | --fresh] --yes"
        )
    return _confirmed(question)


def listing(backups: list[BackupFile], zone: tzinfo | None) -> list[str]:
    """One line per backup: its name, when it was written (in ``zone``) and its size, aligned."""
    rows = [
        (backup.path.name, f"{backup.written.astimezone(zone):%Y-%m-%d %H:%M}", size(backup.size))
        for backup in backups
    ]
    name_width = max((len(name) for name, _, _ in rows), default=0)
    size_width = max((len(words) for _, _, words in rows), default=0)
    return [
        f"{name:<{name_width}}  {written}  {words:>{size_width}}" for name, written, words in rows
    ]


def size(count: int) -> str:
    """A size in bytes as people read it: ``980 B``, ``1.5 KB``, ``2.5 MB`` (1 KB = 1000 B)."""
    if count < 1000:
        return f"{count} B"
    value, units = count / 1000, ["KB", "MB", "GB"]
    # 999.95 and up would print as 1000.0: the next unit says it better.
    while value >= 999.95 and len(units) > 1:
        value /= 1000
        units.pop(0)
    return f"{value:.1f} {units[0]}"


def _confirmed(question: str) -> bool:
    """Whether the user, asked ``question`` at the terminal, answers yes (end of input is no)."""
    try:
        answer = input(question)
    except EOFError:
        print()
        return False
    return answer.strip().lower() in ("y", "yes")
