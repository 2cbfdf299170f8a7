"""``psoas profile [--set KEY=yes|no|unsaid]...``: show or change the "about you" answers."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command, offer

if TYPE_CHECKING:
    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context
    from psoas_tui.core.profile import ProfileAnswer, ProfileKey


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``profile`` command."""
    from psoas_tui.core.profile import QUESTIONS, ProfileAnswer

    keys = "\n".join(f"  {key.value:<18} {question}" for key, question in QUESTIONS.items())
    parser = add_command(
        subparsers,
        common,
        "profile",
        run,
        help='show or change the "about you" answers the referral rules use',
        description='Show the "about you" answers, or change them with --set. A few things '
        "about you change how soon some signs should be checked; unsaid counts as no. The "
        "rules follow a change at once.",
        epilog=f"keys for --set:\n{keys}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    answers = parser.add_argument(
        "--set",
        dest="answers",
        metavar="KEY=ANSWER",
        action="append",
        default=[],
        help="answer a question: yes, no or unsaid; repeatable",
    )
    offer(answers, (f"{key.value}={answer.value}" for key in QUESTIONS for answer in ProfileAnswer))


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check every ``--set`` first (nothing is written if one is wrong), store them, show all."""
    from psoas_tui.core.profile import QUESTIONS, UNSAID_WORDS, ProfileAnswer
    from psoas_tui.services.output import say, say_saved

    answers = [parse_answer(text) for text in args.answers]
    with ctx.open() as psoas:
        for key, answer in answers:
            psoas.answer_profile(key, answer)
        profile = psoas.profile()
    words = {ProfileAnswer.yes: "yes", ProfileAnswer.no: "no"}
    lines = []
    for key, question in QUESTIONS.items():
        item = profile.item(key)
        shown = "not answered" if item is None else words.get(item.answer, UNSAID_WORDS.lower())
        since = "" if item is None else f" (since {item.day.isoformat()})"
        lines.append(f"{key.value:<18} {shown}{since}  {question}")
    text = "\n".join(lines)
    if answers:
        say_saved(text)
    else:
        say(text)
    return 0


def parse_answer(text: str) -> tuple[ProfileKey, ProfileAnswer]:
    """``KEY=ANSWER`` as a key and an answer; ``InvalidInput`` naming what is allowed."""
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.core.profile import QUESTIONS, ProfileAnswer, ProfileKey

    key, equals, answer = text.partition("=")
    if not equals:
        raise InvalidInput(f"--set: {text!r} is not KEY=ANSWER; allowed: for example cancer=no")
    if key not in {known.value for known in QUESTIONS}:
        allowed = ", ".join(known.value for known in QUESTIONS)
        raise InvalidInput(f"--set: {key!r} is not known; allowed: {allowed}")
    if answer not in {known.value for known in ProfileAnswer}:
        raise InvalidInput(f"--set: {answer!r} is not an answer; allowed: yes, no, unsaid")
    return ProfileKey(key), ProfileAnswer(answer)
