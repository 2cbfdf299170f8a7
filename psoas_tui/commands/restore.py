"""``psoas restore [BACKUP]``: put the newest backup that reads (or the named one) back in place."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``restore`` command."""
    parser = add_command(
        subparsers,
        common,
        "restore",
        run,
        help="put the newest good (or the named) backup back in place",
        description="Put the newest backup that reads completely, or the one named, in place of "
        "the database. The file it replaces is kept aside, never deleted. --list shows the "
        "backups.",
    )
    parser.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup's file name")
    parser.add_argument("--list", action="store_true", help="list the backups, newest first")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Restore, or list, and say what happened."""
    from psoas_tui.services.backups import list_backups, restore

    if args.list:
        backups = list_backups(ctx.locations)
        if not backups:
            print(f"No backups yet in {ctx.locations.backups}.")
        for path in backups:
            print(path.name)
        return 0
    used, kept = restore(ctx.locations, args.backup)
    print(f"Restored {used.name} to {ctx.locations.database}.")
    if kept is not None:
        print(f"The file it replaced is kept at {kept}.")
    return 0
