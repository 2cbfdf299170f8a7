"""``psoas log --pain N --stiffness N ...``: one symptom entry, without opening the app.

The same checks as the log screen. When a referral rule is pending or in force, its words are
printed after the entry (for a same-day or emergency rule, with how to get a summary for the
person who sees them); otherwise the first entry of a day ends with what would need care at once.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command, offer

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context
    from psoas_tui.core.model import SymptomEntry


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``log`` command."""
    from psoas_tui.core.signs import PLACES, QUESTIONS, SIGN_BY_KEY

    signs = "\n".join(f"  {key.value:<20} {SIGN_BY_KEY[key].question}" for key in QUESTIONS)
    parser = add_command(
        subparsers,
        common,
        "log",
        run,
        help="log how you feel, without opening the app",
        description="Log one symptom entry: pain and stiffness from 0 (none) to 10 (worst "
        "imaginable); mild 1-3, moderate 4-6, severe 7-10. --sign records that question as "
        "asked and answered yes (and no other as asked); --no-signs records every question as "
        "asked and answered no.",
        epilog=f"places for --where: {', '.join(PLACES)}\n\nsigns for --sign (each a yes):\n"
        f"{signs}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Numbers are read as text so that a bad value gets the same one-line message as in the app.
    parser.add_argument("--pain", metavar="N", required=True, help="pain now, 0-10")
    parser.add_argument("--stiffness", metavar="N", required=True, help="stiffness now, 0-10")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="a past day (default: today)")
    parser.add_argument("--minutes", metavar="N", help="minutes of morning stiffness, 0-600")
    where = parser.add_argument(
        "--where", metavar="PLACE", action="append", default=[], help="where it hurts; repeatable"
    )
    offer(where, PLACES)
    answers = parser.add_mutually_exclusive_group()
    sign = answers.add_argument(
        "--sign", metavar="KEY", action="append", default=[], help="a sign you have; repeatable"
    )
    offer(sign, QUESTIONS)
    answers.add_argument(
        "--no-signs",
        action="store_true",
        help="every sign question asked and answered no",
    )
    parser.add_argument("--note", metavar="TEXT", default="", help="a short note")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check every value, save the entry, then print it and what the referral rules say."""
    from uuid import uuid4

    from psoas_tui.core.dates import parse_day
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.core.model import SymptomEntry
    from psoas_tui.core.prompt import LOG_SAFETY_LINE, cli_text, no_signs_text
    from psoas_tui.core.signs import QUESTIONS
    from psoas_tui.core.symptoms import EntryRefused, check_entry, parse_minutes, parse_score
    from psoas_tui.services.output import say_saved

    clock = ctx.clock
    today = clock.today()
    unknown = [key for key in args.sign if key not in QUESTIONS]
    if unknown:
        raise InvalidInput(f"--sign: {unknown[0]!r} is not known; allowed: {', '.join(QUESTIONS)}")
    asked = tuple(QUESTIONS) if args.no_signs else tuple(args.sign)
    _refuse_undecoded(args.note, "--note")
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
                asked=asked,
            ),
            today,
        )
    except EntryRefused as error:
        raise InvalidInput(f"--{error.field}: {error.problem}; allowed: {error.allowed}") from None
    with ctx.open() as psoas:
        first_today = not any(logged.day == today for logged in psoas.recent_entries(1))
        psoas.log_entry(entry)
        rules = psoas.referral_rules()
    lines = [describe_saved(entry)]
    if args.no_signs:
        lines.append(no_signs_text(QUESTIONS))
    referral = cli_text(rules)
    if referral:
        lines += ["", referral]
    elif first_today:
        # Once a day, when nothing else is said: what would need care at once.
        lines += ["", LOG_SAFETY_LINE]
    say_saved("\n".join(lines))
    return 0


def _refuse_undecoded(typed: str, option: str) -> None:
    """``InvalidInput`` naming the first byte of ``typed`` that was not UTF-8 text.

    Python hands such a byte of the command line over as a lone surrogate (U+DC80 to U+DCFF),
    which the note's own check would name as half of a character: the user typed no such thing.
    """
    from psoas_tui.core.errors import InvalidInput

    try:
        raw = typed.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        # A lone surrogate that stands for no byte: the note's own check names it.
        return
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"{option}: byte {error.start + 1} (0x{raw[error.start]:02X}) is not UTF-8 text; "
            "allowed: text in UTF-8 (set the terminal to UTF-8)"
        ) from None


def describe_saved(entry: SymptomEntry) -> str:
    """Every field ``psoas log`` saved, in words: the day, the scores, and what else was given."""
    from psoas_tui.core.signs import PLACES, statements, stored_sign

    parts = [
        f"Logged {entry.day.isoformat()}: pain {entry.pain}/10, stiffness {entry.stiffness}/10"
    ]
    if entry.stiffness_minutes is not None:
        parts.append(f"{entry.stiffness_minutes} min of morning stiffness")
    if entry.where:
        parts.append("where: " + ", ".join(PLACES[place] for place in entry.where))
    if entry.signs:
        parts.append("yes to: " + "; ".join(statements(stored_sign(key) for key in entry.signs)))
    if entry.note:
        parts.append(f"note: {entry.note}")
    return ", ".join(parts)
