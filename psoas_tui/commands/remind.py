"""``psoas remind [--dry-run]`` and ``psoas remind --install --at HH:MM [--at HH:MM]...`` /
``--uninstall``: one reminder now when something is due, and the platform's own scheduler entry
that runs it (a systemd user timer, a launchd agent, a scheduled task; no daemon of ours)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``remind`` command."""
    parser = add_command(
        subparsers,
        common,
        "remind",
        run,
        help="send one reminder now if something is due; --install schedules it",
        description="Decide now and, when something of today's routine is due, send one desktop "
        "notification; silent when the day is done, a rest day or a symptom rest. While a "
        "same-day or emergency rule is in force it repeats that advice instead. Each slot "
        "reminds once a day; a later slot only when nothing was done since the last reminder. "
        "--install writes the platform's own scheduler entry to run it at each --at.",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--install", action="store_true", help="schedule reminders at each --at time"
    )
    action.add_argument(
        "--uninstall", action="store_true", help="remove exactly what --install wrote"
    )
    parser.add_argument(
        "--at",
        metavar="HH:MM",
        action="append",
        default=[],
        help="a time of day for --install (24-hour); repeatable",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print what it would send or write; do nothing"
    )
    # A seam for the tests: which platform's notifier and scheduler to use.
    parser.add_argument("--platform", choices=("linux", "darwin", "win32"), help=argparse.SUPPRESS)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Remind, install or uninstall; every option checked before anything is done."""
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.core.remind import parse_slot
    from psoas_tui.services.remind import platform_of

    platform = platform_of(args.platform)
    if args.at and not args.install:
        raise InvalidInput("--at: only with --install; allowed: psoas remind --install --at HH:MM")
    if args.install:
        if not args.at:
            raise InvalidInput(
                "--install: needs a time; allowed: --at HH:MM, repeatable (for example "
                "--at 08:00 --at 19:30)"
            )
        slots = sorted({parse_slot(text) for text in args.at})
        return _install(ctx, platform, slots, args.dry_run)
    if args.uninstall:
        return _uninstall(ctx, args.dry_run)
    return _remind(ctx, platform, args.dry_run)


def _remind(ctx: Context, platform: str, dry_run: bool) -> int:
    import os

    from psoas_tui.services.output import say
    from psoas_tui.services.remind import bell_text, remind

    with ctx.open() as psoas:
        reminded = remind(psoas, platform, os.environ, dry_run)
    decision = reminded.decision
    notice = decision.notice
    if dry_run:
        if notice is None:
            say(f"Nothing to send: {decision.reason}.")
        else:
            via = reminded.via or "the terminal bell"
            say(f"Would send ({via}, {decision.reason}):\n{notice.title}\n{notice.body}")
    elif notice is not None and reminded.via is None:
        say(bell_text(notice))
    return 0


def _install(ctx: Context, platform: str, slots: list[str], dry_run: bool) -> int:
    import os

    from psoas_tui.services.output import say
    from psoas_tui.services.remind import dry_install, install, plan_for, psoas_argv

    locations = ctx.locations
    plan = plan_for(
        platform,
        slots,
        psoas_argv(locations),
        locations,
        os.environ,
        ctx.clock.today(),
        ctx.config.timezone,
    )
    if dry_run:
        say("\n".join(dry_install(plan, slots)))
        return 0
    outcome = install(plan, slots, locations)
    say("\n".join(outcome.lines))
    return 1 if outcome.failed else 0


def _uninstall(ctx: Context, dry_run: bool) -> int:
    from psoas_tui.services.output import say
    from psoas_tui.services.remind import uninstall

    outcome = uninstall(ctx.locations, dry_run)
    say("\n".join(outcome.lines))
    return 1 if outcome.failed else 0
