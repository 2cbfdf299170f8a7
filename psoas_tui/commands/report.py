"""``psoas report [--weeks N] [-o FILE]``: a summary to take to a clinician.

``write_report`` is also what the referral prompt's "Summary for my clinician" calls.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

# Every command module is imported to build the parser: what only running needs is imported
# when it runs, so that no command pays for another's imports.
if TYPE_CHECKING:
    from psoas_tui.context import Context
    from psoas_tui.core.config import Config
    from psoas_tui.core.routine import Routine
    from psoas_tui.locations import Locations
    from psoas_tui.store.repository import Repository

REPORT_WEEKS = 4
MAX_WEEKS = 52


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the ``report`` command."""
    parser = subparsers.add_parser(
        "report",
        parents=[common],
        help="a summary for a clinician (HTML that prints well, or Markdown)",
        description="Write a summary of the last weeks for a clinician: the routine and how "
        "often it was done, daily pain and stiffness with a chart, the warning and urgent signs "
        "logged, and the referral prompts. HTML that prints on A4 and Letter, or Markdown when "
        "FILE ends in .md. Without -o it goes to the reports folder of the data directory.",
    )
    parser.add_argument(
        "--weeks",
        type=int,
        default=REPORT_WEEKS,
        metavar="N",
        help=f"weeks to cover, 1 to {MAX_WEEKS} (default {REPORT_WEEKS})",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write it (.md: Markdown)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check the options, write the report, say where it is."""
    from psoas_tui.commands.export import checked_output
    from psoas_tui.core.errors import InvalidInput

    if not 1 <= args.weeks <= MAX_WEEKS:
        raise InvalidInput(f"--weeks: {args.weeks} is out of range; allowed: 1 to {MAX_WEEKS}")
    chosen = None if args.output is None else checked_output(args.output, ctx)
    routine, config, clock = ctx.routine, ctx.config, ctx.clock
    today = clock.today()
    repo = ctx.open_repo()
    try:
        path = chosen or default_report_path(ctx.locations, today)
        write_report(repo, routine, config, today, path, args.weeks, made_at=clock.now())
    finally:
        repo.close()
    print(f"Wrote the report for your clinician to {path}")
    return 0


def default_report_path(locations: Locations, today: date, markdown: bool = False) -> Path:
    """``reports/clinician-report-YYYY-MM-DD.html`` (or ``.md``); the folder is made 0700."""
    from psoas_tui.core.report import report_file_name
    from psoas_tui.locations import ensure_private_dir

    return ensure_private_dir(locations.reports) / report_file_name(today, markdown)


def write_report(
    repo: Repository,
    routine: Routine,
    config: Config,
    today: date,
    path: Path,
    weeks: int = REPORT_WEEKS,
    *,
    made_at: datetime | None = None,
) -> Path:
    """Write the report of the ``weeks`` up to ``today`` to ``path``; return ``path``.

    Markdown when ``path`` ends in ``.md``, else HTML. The file is replaced atomically and is
    0600; its folder must exist. ``made_at`` (default: now) is the time printed on it. Raises
    ``PsoasError`` if the file cannot be written, with nothing half-written left behind.
    """
    from psoas_tui.commands.export import write_private
    from psoas_tui.core.report import build_report, report_html, report_markdown

    made_at = made_at or datetime.now().astimezone()
    report = build_report(
        repo.days,
        repo.first_day(),
        repo.entries(),
        repo.responses(),
        routine,
        config,
        today,
        made_at,
        weeks,
    )
    markdown = path.suffix.lower() == ".md"
    text = report_markdown(report) if markdown else report_html(report)
    write_private(path, text.encode())
    return path
