"""``psoas demo --years N [--seed S]``: fill an empty data directory with a realistic history."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context


MAX_YEARS = 30


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``demo`` command."""
    parser = add_command(
        subparsers,
        common,
        "demo",
        run,
        help="fill an empty data directory with a realistic, seeded history",
        description="Fill an empty data directory with a realistic, seeded history, for trying "
        "the app. It refuses a directory that already holds records: point --data-dir at a new "
        "one.",
    )
    parser.add_argument("--years", type=int, default=1, metavar="N", help="years of history (1)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (1)")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Generate the history and merge it in one write."""
    from psoas_tui.core.demo import demo_history
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.services.output import say_saved

    if not 1 <= args.years <= MAX_YEARS:
        raise InvalidInput(f"--years: {args.years} is out of range; allowed: 1 to {MAX_YEARS}")
    now = ctx.clock.now()
    assert now.tzinfo is not None
    history = demo_history(ctx.routine, ctx.clock.today(), now.tzinfo, args.years, args.seed)
    with ctx.open() as psoas:
        if not psoas.is_empty():
            raise InvalidInput(
                f"--data-dir: {ctx.locations.data_dir} already holds records; allowed: an empty "
                "data directory (demo never mixes with real records)"
            )
        counts = psoas.merge(history)
    say_saved(
        f"Filled {ctx.locations.data_dir} with {args.years} year(s) of demo history: "
        f"{counts.days} days, {counts.holds} holds, {counts.marks} marks, "
        f"{counts.entries} symptom entries."
    )
    return 0
