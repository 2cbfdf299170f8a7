"""``psoas export --format csv|json [--from DATE] [--to DATE] [-o FILE]``: everything logged."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from psoas_tui.context import Context


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the ``export`` command."""
    parser = subparsers.add_parser(
        "export",
        parents=[common],
        help="everything you logged, as JSON or CSV",
        description="Everything you logged: JSON (every field of every record, the schema "
        "version and the routine in force; psoas import reads it back) or CSV (one row per "
        "record, for a spreadsheet). Written to stdout unless -o names a file (created 0600).",
    )
    parser.add_argument(
        "--format", required=True, choices=("csv", "json"), help="json or csv (required)"
    )
    parser.add_argument("--from", dest="start", metavar="DATE", help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", metavar="DATE", help="last day, YYYY-MM-DD")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Export the chosen days to stdout or to the file named."""
    from psoas_tui.core.transfer.csv_export import export_csv
    from psoas_tui.core.transfer.json_export import export_json
    from psoas_tui.core.transfer.period import parse_period

    period = parse_period(args.start, args.end)
    output = None if args.output is None else checked_output(args.output, ctx)
    routine, clock = ctx.routine, ctx.clock
    repo = ctx.open_repo()
    try:
        history = repo.history()
    finally:
        repo.close()
    if args.format == "json":
        content = export_json(history, routine, clock.now(), period)
    else:
        content = export_csv(history, period).encode()
    if output is None:
        return write_stdout(content)
    write_private(output, content)
    print(f"Exported to {output} ({len(content)} bytes).")
    return 0


def checked_output(name: str, ctx: Context) -> Path:
    """The file ``-o`` names, if it can be written: never the database or one of its backups."""
    from psoas_tui.core.errors import InvalidInput

    path = Path(name).expanduser()
    if path.is_dir() or name.endswith(os.sep):
        raise InvalidInput(f"-o: {name} is a directory; allowed: a file name")
    if not path.parent.is_dir():
        raise InvalidInput(
            f"-o: the directory {path.parent} does not exist; allowed: a file in an existing "
            "directory"
        )
    resolved = path.resolve()
    keep_out = (ctx.locations.database.resolve(), ctx.locations.backups.resolve())
    if resolved == keep_out[0] or keep_out[1] in resolved.parents:
        raise InvalidInput(
            f"-o: {name} is psoas's own database or a backup of it; allowed: any other file"
        )
    return path


def write_private(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` atomically, as a 0600 file; a clear error if it fails."""
    from psoas_tui.core.errors import PsoasError
    from psoas_tui.store.files import write_atomic

    try:
        write_atomic(path, content)
    except OSError as error:
        raise PsoasError(
            f"Could not write {path}: {error.strerror or error}; nothing was written."
        ) from None


def write_stdout(content: bytes) -> int:
    """Write ``content`` to stdout; a reader that stops early (``| head``) is not an error."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # Python would report the broken pipe again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
