"""``psoas status [--json] [--short]``: today's progress, the streak and any active referral.

The JSON shape is stable: keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psoas_tui.context import Context


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the ``status`` command."""
    parser = subparsers.add_parser(
        "status",
        parents=[common],
        help="today's progress, current streak and any active referral",
        description="Today's progress, the current streak and any active referral.",
    )
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print a JSON object")
    shape.add_argument(
        "--short", action="store_true", help="one line for a shell prompt or a tmux status bar"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the status in the chosen shape."""
    from psoas_tui.core.progress import progress_on
    from psoas_tui.core.referral import active_rules, banner_text
    from psoas_tui.core.signs import URGENT
    from psoas_tui.core.streaks import StreakBook

    routine, clock = ctx.routine, ctx.clock
    repo = ctx.open_repo()
    try:
        progress = progress_on(routine, repo.day(clock.today()))
        entries = repo.entries()
        streak = StreakBook(routine).current_streak_reading(
            repo.days, repo.first_day(), entries, clock.today(), ctx.config.count_partial
        )
        rules = active_rules(entries, clock.today(), repo.responses())
    finally:
        repo.close()
    status: dict[str, Any] = {
        "date": progress.day.isoformat(),
        "today": {
            "done": progress.done_count,
            "total": progress.total,
            "minutes_left": progress.minutes_left,
            "exercises": [
                {
                    "id": item.exercise.id,
                    "name": item.exercise.name,
                    "dose": item.exercise.dose.describe(),
                    "holds_done": item.holds_done,
                    "holds_planned": item.exercise.dose.holds,
                    "marked_done": item.marked,
                    "done": item.done,
                    "state": item.describe(),
                }
                for item in progress.exercises
            ],
        },
        "streak": {
            "current": streak.length,
            "since": streak.first.isoformat() if streak.first else None,
        },
        "referral": [
            {
                "rule": rule.rule,
                "level": rule.level,
                "key": rule.key,
                "first_day": rule.first_day.isoformat(),
                "last_day": rule.last_day.isoformat(),
                "reasons": list(rule.reasons),
                "acknowledged": rule.acknowledged,
                "snoozed": rule.snoozed,
            }
            for rule in rules
        ],
    }
    if args.json:
        print(json.dumps(status, indent=2))
        return 0
    if args.short:
        urgent = any(rule.level == URGENT for rule in rules)
        referral = ", get care now" if urgent else ", get checked" if rules else ""
        print(
            f"psoas {progress.done_count}/{progress.total} today, streak {streak.length}{referral}"
        )
        return 0
    day = progress.day.strftime("%A %-d %B %Y")
    if not progress.total:
        print(f"{day}: a rest day, nothing scheduled.")
    else:
        left = f", {progress.minutes_left} min left" if progress.minutes_left else ""
        print(f"{day}: {progress.done_count} of {progress.total} exercises done{left}")
        for item in progress.exercises:
            mark = "x" if item.done else " "
            print(
                f"  [{mark}] {item.exercise.name:<32} {item.exercise.dose.describe():<22} "
                f"{item.describe()}"
            )
    days = "day" if streak.length == 1 else "days"
    since = f", since {streak.first.strftime('%A %-d %B')}" if streak.first else ""
    print(f"Current streak: {streak.length} {days}{since}")
    if rules:
        print(banner_text(rules))
    return 0
