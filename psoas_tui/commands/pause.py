"""``psoas pause [--from DATE] --to DATE --reason REASON`` / ``--list`` / ``--end``: declare a
pause (its days neither add to the streak nor break it), list the pauses, or end today's."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from datetime import date

    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context
    from psoas_tui.core.model import Pause


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``pause`` command."""
    parser = add_command(
        subparsers,
        common,
        "pause",
        run,
        help="declare a pause (travel, illness, a flare, a clinician's advice), list or end one",
        description="Declare a pause: its days neither add to the streak nor break it, the "
        "calendar marks them and the report lists them. After a pause of 3 days or more the "
        "first two sessions are eased. A pause that would share a day with another is refused.",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true", help="list every pause declared")
    what.add_argument(
        "--end",
        action="store_true",
        help="end the pause in force today (it ends yesterday, or goes if it starts today)",
    )
    parser.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="the first day: YYYY-MM-DD, today or yesterday (default: today)",
    )
    parser.add_argument(
        "--to", dest="end_day", metavar="DATE", help="the last day: YYYY-MM-DD, today or yesterday"
    )
    parser.add_argument(
        "--reason", choices=("travel", "illness", "flare", "clinician"), help="why you pause"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check the options, then declare, list or end; say what was done."""
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.core.pauses import read_pause
    from psoas_tui.services.output import say, say_saved

    given = [
        name
        for name, value in (
            ("--from", args.start),
            ("--to", args.end_day),
            ("--reason", args.reason),
        )
        if value is not None
    ]
    if (args.list or args.end) and given:
        chosen = "--list" if args.list else "--end"
        raise InvalidInput(
            f"{given[0]} given with {chosen}; allowed: {chosen} alone, or --to and --reason "
            "(and --from) to declare a pause"
        )
    today = ctx.clock.today()
    start = "today" if args.start is None else args.start
    if not (args.list or args.end):
        missing = [name for name in ("--to", "--reason") if name not in given]
        if missing:
            raise InvalidInput(
                f"{' and '.join(missing)} missing; allowed: psoas pause [--from DATE] --to DATE "
                "--reason travel|illness|flare|clinician, or --list, or --end"
            )
        # Checked before the database opens, so a bad day never creates or waits for it.
        read_pause(start, args.end_day, args.reason, today, ())
    with ctx.open() as psoas:
        if args.list:
            pauses = psoas.pauses()
            say("\n".join(_line(pause, today) for pause in pauses) or "No pauses declared.")
            return 0
        if args.end:
            result = psoas.end_pause()
            if result is None:
                raise InvalidInput(
                    f"--end: no pause is in force today ({today.isoformat()}); allowed: --end "
                    "while a pause is in force (psoas pause --list shows them)"
                )
            old, new = result
            if new is None:
                say_saved(f"Removed the pause {_span(old)}: it started today.")
            else:
                say_saved(f"Ended the pause {_span(old)}: it now ends {new.end.isoformat()}.")
            return 0
        pause = psoas.declare_pause(start, args.end_day, args.reason)
    say_saved(
        f"Paused {_span(pause)} ({_days(pause)}). Those days neither add to the streak nor "
        "break it."
    )
    return 0


def _span(pause: Pause) -> str:
    from psoas_tui.core.pauses import reason_words

    return f"{reason_words(pause.reason)} from {pause.start.isoformat()} to {pause.end.isoformat()}"


def _days(pause: Pause) -> str:
    return "1 day" if pause.days == 1 else f"{pause.days} days"


def _line(pause: Pause, today: date) -> str:
    """``2026-12-01 to 2026-12-09  travel  9 days  (in force)``."""
    now = "  (in force)" if pause.contains(today) else ""
    reason = pause.reason.value
    return f"{pause.start.isoformat()} to {pause.end.isoformat()}  {reason:<9}  {_days(pause)}{now}"
