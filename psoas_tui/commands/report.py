"""``psoas report [--weeks N] [-o FILE] [--about-you]``: a summary to take to a clinician.

The referral prompt's "Summary for my clinician" writes the same report (``Psoas.write_report``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``report`` command."""
    from psoas_tui.core.report import MAX_WEEKS, REPORT_WEEKS

    parser = add_command(
        subparsers,
        common,
        "report",
        run,
        help="a summary for a clinician (HTML that prints well, or Markdown)",
        description="Write a summary of the last weeks for a clinician: the routine and how "
        "often it was done, daily pain and stiffness with a chart, the signs answered yes and "
        "the questions asked, and the referral rules met. HTML that prints on A4 and Letter, or "
        "Markdown when FILE ends in .md. Without -o it goes to the reports folder of the data "
        'directory. Your "about you" answers are left out unless you add --about-you.',
    )
    parser.add_argument(
        "--weeks",
        type=int,
        default=REPORT_WEEKS,
        metavar="N",
        help=f"weeks to cover, 1 to {MAX_WEEKS} (default {REPORT_WEEKS})",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write it (.md: Markdown)")
    # Off by default: the answers are private, and the rules use them whether shown or not.
    parser.add_argument(
        "--about-you",
        action="store_true",
        help='include your "about you" answers (the ones you answered yes); default: left out',
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check the options, write the report, say where it is."""
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.core.report import MAX_WEEKS
    from psoas_tui.services.output import checked_output, say_saved

    if not 1 <= args.weeks <= MAX_WEEKS:
        raise InvalidInput(f"--weeks: {args.weeks} is out of range; allowed: 1 to {MAX_WEEKS}")
    chosen = None if args.output is None else checked_output(args.output, ctx.locations)
    with ctx.open() as psoas:
        path = psoas.write_report(chosen, args.weeks, about_you=args.about_you)
    say_saved(f"Wrote the report for your clinician to {path}")
    return 0
