"""``psoas log --pain N --stiffness N ...``: one symptom entry, without opening the app.

The same checks as the log screen. When what is logged leaves a referral rule active and
unanswered, the prompt's words are printed after the entry; answering is done in the app.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command
from psoas_tui.core.signs import PLACES, SIGNS

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``log`` command."""
    signs = "\n".join(f"  {sign.key:<20} {sign.question}" for sign in SIGNS)
    parser = add_command(
        subparsers,
        common,
        "log",
        run,
        help="log how you feel, without opening the app",
        description="Log one symptom entry: pain and stiffness from 0 (none) to 10 (worst "
        "imaginable); mild 1-3, moderate 4-6, severe 7-10.",
        epilog=f"places for --where: {', '.join(PLACES)}\n\nsigns for --sign (each a yes):\n"
        f"{signs}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Numbers are read as text so that a bad value gets the same one-line message as in the app.
    parser.add_argument("--pain", metavar="N", required=True, help="pain now, 0-10")
    parser.add_argument("--stiffness", metavar="N", required=True, help="stiffness now, 0-10")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="a past day (default: today)")
    parser.add_argument("--minutes", metavar="N", help="minutes of morning stiffness, 0-600")
    parser.add_argument(
        "--where", metavar="PLACE", action="append", default=[], help="where it hurts; repeatable"
    )
    parser.add_argument(
        "--sign", metavar="KEY", action="append", default=[], help="a sign you have; repeatable"
    )
    parser.add_argument("--note", metavar="TEXT", default="", help="a short note")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check every value, save the entry, then print it and any referral prompt."""
    from uuid import uuid4

    from psoas_tui.core.dates import parse_day
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.core.model import SymptomEntry
    from psoas_tui.core.referral import pending, prompt_for
    from psoas_tui.core.symptoms import EntryRefused, check_entry, parse_minutes, parse_score

    clock = ctx.clock
    today = clock.today()
    try:
        # Checked before the database opens, so bad input never waits for the lock.
        entry = check_entry(
            SymptomEntry(
                id=uuid4().hex,
                day=parse_day(args.date, today) if args.date is not None else today,
                logged_at=clock.now(),
                pain=parse_score(args.pain, "pain"),
                stiffness=parse_score(args.stiffness, "stiffness"),
                stiffness_minutes=None if args.minutes is None else parse_minutes(args.minutes),
                where=tuple(args.where),
                signs=tuple(args.sign),
                note=args.note,
            ),
            today,
        )
    except EntryRefused as error:
        raise InvalidInput(f"--{error.field}: {error.problem}; allowed: {error.allowed}") from None
    with ctx.open() as psoas:
        psoas.log_entry(entry)
        rules = psoas.referral_rules()
    print(f"Logged {entry.day.isoformat()}: pain {entry.pain}/10, stiffness {entry.stiffness}/10")
    waiting = pending(rules)
    if waiting:
        print()
        print(prompt_for(waiting).text())
        print()
        print(
            "Open the app (psoas) to answer or to write a summary for your clinician; "
            "it will ask when it starts."
        )
    return 0
