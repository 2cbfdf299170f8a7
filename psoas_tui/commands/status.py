"""``psoas status [--json] [--short [--only-due]] [--due]``: today's progress, the streak and
any active referral; ``--due`` answers "is something due now?" by its exit code alone.

The JSON shape is stable: keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context
    from psoas_tui.services import Status

#: The width the text form fits in: the classic terminal.
TEXT_WIDTH = 80
#: ``--due``'s exit code when nothing is due now (done, rest, symptom rest).
NOTHING_DUE_EXIT = 3


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``status`` command."""
    parser = add_command(
        subparsers,
        common,
        "status",
        run,
        help="today's progress, current streak and any active referral",
        description="Today's progress, the current streak and any active referral.",
    )
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print a JSON object")
    shape.add_argument(
        "--short", action="store_true", help="one line for a shell prompt or a tmux status bar"
    )
    shape.add_argument(
        "--due",
        action="store_true",
        help=f"print nothing; exit 0 when something is due now, {NOTHING_DUE_EXIT} when nothing "
        "is (done, rest day, symptom rest)",
    )
    parser.add_argument(
        "--only-due",
        action="store_true",
        help="with --short: print nothing at all once nothing is due (the day done, a rest day)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the status in the chosen shape; ``--due`` prints nothing and answers by its exit
    code."""
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.core.model import Answer
    from psoas_tui.services.output import say

    if args.only_due and not args.short:
        raise InvalidInput(
            "--only-due: only with --short; allowed: psoas status --short --only-due"
        )
    with ctx.open() as psoas:
        if args.due:
            return 0 if psoas.due_now().due else NOTHING_DUE_EXIT
        if args.only_due and not psoas.due_now().due:
            return 0
        status = psoas.status()
        if not (args.json or args.short) and status.earlier:
            # "Earlier you logged" is said once: here, or at the next start of the app.
            psoas.note_shown(status.earlier, Answer.reminded)
    if args.json:
        say(json.dumps(as_json(status), indent=2))
    elif args.short:
        say(short_line(status))
    else:
        say("\n".join(as_text(status)))
    return 0


def as_json(status: Status) -> dict[str, Any]:
    """The stable JSON shape: keys are only ever added, never renamed or removed."""
    from psoas_tui.core.model import Answer
    from psoas_tui.core.prompt import noticed, short_words
    from psoas_tui.core.referral import top_level

    progress, streak = status.today, status.streak
    top = top_level(status.rules)
    return {
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
        "consistency": consistency_json(status),
        "referral": [
            {
                "rule": rule.rule.value,
                "level": rule.level.value,
                "key": rule.key,
                "first_day": rule.first_day.isoformat(),
                "last_day": rule.last_day.isoformat(),
                "reasons": list(noticed(rule)),
                "acknowledged": rule.answered_by is Answer.acknowledged,
                "snoozed": rule.snoozed,
                "answered": None if rule.answered_by is None else rule.answered_by.value,
                "in_force": rule.in_force,
            }
            for rule in status.rules
        ],
        "referral_level": top.value if top is not None else None,
        "referral_words": short_words(status.rules) or None,
    }


def consistency_json(status: Status) -> dict[str, Any] | None:
    """``{"done": 5, "scheduled": 7, "never_twice": true}``: of the last ``scheduled`` scheduled
    days (7, fewer while the history holds fewer), ``done`` counted; ``None`` while fewer than two
    scheduled days are recorded."""
    found = status.consistency
    if found is None:
        return None
    return {"done": found.counted, "scheduled": found.days, "never_twice": found.never_twice}


def consistency_text(status: Status) -> list[str]:
    """``Consistency: 5 of the last 7 scheduled days, never twice in a row``, or no line."""
    from psoas_tui.core.streaks import NEVER_TWICE

    found = status.consistency
    if found is None:
        return []
    never = f", {NEVER_TWICE}" if found.never_twice else ""
    return [f"Consistency: {found.describe()}{never}"]


def short_line(status: Status) -> str:
    """``psoas 2/4 today, streak 5``, and the highest level's words while a rule is pending or in
    force (``get care now``, ``see a doctor today``, ``get checked``)."""
    from psoas_tui.core.prompt import short_words

    progress = status.today
    words = short_words(status.rules)
    referral = f", {words}" if words else ""
    streak = status.streak.length
    return f"psoas {progress.done_count}/{progress.total} today, streak {streak}{referral}"


def as_text(status: Status) -> list[str]:
    """The day, each exercise with its dose and state (the app's words) in columns that fit 80,
    the streak and any referral, line by line."""
    from psoas_tui.core.dates import long_day
    from psoas_tui.core.prompt import cli_text, earlier_text
    from psoas_tui.core.validate import cells, fit

    progress, streak = status.today, status.streak
    day = long_day(progress.day)
    if not progress.total:
        lines = [f"{day}: a rest day, nothing scheduled."]
    else:
        # The words of Today's summary ("All 6 done", "2 of 6 done · 12 min left"), which also
        # never says "1 exercises".
        if progress.done_count == progress.total and progress.total > 1:
            done = f"all {progress.total} done"
        else:
            done = f"{progress.done_count} of {progress.total} done"
        left = f", {progress.minutes_left} min left" if progress.minutes_left else ""
        lines = [f"{day}: {done}{left}"]
        rows = [
            (item, item.exercise.dose.describe(), item.describe()) for item in progress.exercises
        ]
        dose_width = max(len(dose) for _, dose, _ in rows)
        state_width = max(len(state) for _, _, state in rows)
        longest = max(cells(item.exercise.name) for item, _, _ in rows)
        # "  [x] " and two gaps of two spaces; a name longer than what is left is cut. Widths are
        # in terminal columns: a CJK character or an emoji takes two.
        name_width = max(12, min(longest, TEXT_WIDTH - 6 - 2 - dose_width - 2 - state_width))
        for item, dose, state in rows:
            mark = "x" if item.done else " "
            name = fit(item.exercise.name, name_width)
            lines.append(f"  [{mark}] {name}  {dose:<{dose_width}}  {state}")
    from psoas_tui.core.pauses import day_note

    note = day_note(progress.pause, progress.easing)
    if note is not None:
        lines.append(note)
    days = "day" if streak.length == 1 else "days"
    since = f", since {long_day(streak.first, year=False)}" if streak.first else ""
    lines.append(f"Current streak: {streak.length} {days}{since}")
    lines += consistency_text(status)
    referral = cli_text(status.rules)
    if referral:
        lines += ["", referral]
    for rule in status.earlier:
        lines += ["", earlier_text(rule), "Open the app (psoas) to answer."]
    return lines
