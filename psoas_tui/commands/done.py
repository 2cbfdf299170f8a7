"""``psoas done EXERCISE_ID [--date YYYY-MM-DD]``: mark an exercise done by hand."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from psoas_tui.context import Context


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the ``done`` command."""
    parser = subparsers.add_parser(
        "done",
        parents=[common],
        help="mark an exercise done by hand",
        description="Mark an exercise of the routine done by hand, for today or a past day.",
    )
    parser.add_argument("exercise_id", metavar="EXERCISE_ID", help="an exercise id, e.g. bridge")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="a past day (default: today)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Validate, then save the mark; print what was done."""
    from psoas_tui.core.dates import parse_day
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.core.model import DoneMark
    from psoas_tui.core.progress import scheduled_for

    routine, clock = ctx.routine, ctx.clock
    today = clock.today()
    day = parse_day(args.date, today) if args.date else today
    if args.exercise_id not in routine.ids:
        raise InvalidInput(
            f"EXERCISE_ID: unknown exercise {args.exercise_id!r}; allowed: "
            + ", ".join(routine.ids)
        )
    repo = ctx.open_repo()
    try:
        record = repo.day(day)
        planned = [exercise.id for exercise in scheduled_for(routine, record)]
        repo.mark_done(DoneMark(args.exercise_id, day, clock.now()), planned)
    finally:
        repo.close()
    name = routine.get(args.exercise_id).name
    extra = "" if args.exercise_id in planned else " (it was not on the plan for that day)"
    print(f"Marked done: {name}, {day.isoformat()}{extra}")
    return 0
