"""``psoas export [--format json|csv] [--from DATE] [--to DATE] [-o FILE]``: everything logged."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``export`` command."""
    parser = add_command(
        subparsers,
        common,
        "export",
        run,
        help="everything you logged, as JSON or CSV",
        description="Everything you logged: JSON, the default (every field of every record, the "
        "schema version and the routine in force; psoas import reads it back) or CSV (one row "
        "per record, for a spreadsheet; seconds to a tenth). Written to stdout unless -o names "
        "a file (created 0600).",
    )
    parser.add_argument(
        "--format", default="json", choices=("json", "csv"), help="json (the default) or csv"
    )
    parser.add_argument(
        "--from", dest="start", metavar="DATE", help="first day: YYYY-MM-DD, today or yesterday"
    )
    parser.add_argument(
        "--to", dest="end", metavar="DATE", help="last day: YYYY-MM-DD, today or yesterday"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Export the chosen days to stdout or to the file named."""
    from psoas_tui.core.transfer.period import parse_period
    from psoas_tui.services.output import checked_output, say_saved, write_private, write_stdout

    period = parse_period(args.start, args.end, ctx.clock.today())
    output = None if args.output is None else checked_output(args.output, ctx.locations)
    with ctx.open() as psoas:
        content = psoas.export(args.format, period)
    if output is None:
        write_stdout(content)
        return 0
    write_private(output, content)
    say_saved(f"Exported to {output} ({len(content)} bytes).")
    return 0
