"""``psoas done EXERCISE_ID [--date YYYY-MM-DD]``: mark an exercise done by hand."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``done`` command."""
    parser = add_command(
        subparsers,
        common,
        "done",
        run,
        help="mark an exercise done by hand",
        description="Mark an exercise of the routine done by hand, for today or a past day.",
    )
    parser.add_argument("exercise_id", metavar="EXERCISE_ID", help="an exercise id, e.g. bridge")
    parser.add_argument(
        "--date", metavar="DATE", help="YYYY-MM-DD, today or yesterday (default: today)"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Validate, then save the mark; print what was done."""
    from psoas_tui.core.dates import parse_day
    from psoas_tui.core.errors import InvalidInput

    routine, clock = ctx.routine, ctx.clock
    today = clock.today()
    day = parse_day(args.date, today) if args.date else today
    if args.exercise_id not in routine.ids:
        raise InvalidInput(
            f"EXERCISE_ID: unknown exercise {args.exercise_id!r}; allowed: "
            + ", ".join(routine.ids)
        )
    with ctx.open() as psoas:
        planned = psoas.mark_done(args.exercise_id, day)
    name = routine.get(args.exercise_id).name
    extra = "" if planned else " (it was not on the plan for that day)"
    print(f"Marked done: {name}, {day.isoformat()}{extra}")
    return 0
