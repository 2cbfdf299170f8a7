"""``psoas done [EXERCISE_ID | --all] [--date DATE]``: mark an exercise (or the whole day's
routine) done by hand; with neither, list the day's exercises."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from psoas_tui.commands import add_command

if TYPE_CHECKING:
    from datetime import date

    from psoas_tui.commands import Subparsers
    from psoas_tui.context import Context
    from psoas_tui.core.progress import DayProgress, ExerciseProgress
    from psoas_tui.services import Psoas

#: The width the day's list fits in: the classic terminal.
WIDTH = 80


def register(subparsers: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``done`` command."""
    parser = add_command(
        subparsers,
        common,
        "done",
        run,
        help="mark an exercise done by hand, or list the day's exercises",
        description="Mark an exercise of the routine done by hand, for today or a past day. "
        "Without EXERCISE_ID, list the exercises scheduled that day, each with its id and "
        "whether it is done; --all marks every one of them done.",
    )
    parser.add_argument(
        "exercise_id",
        nargs="?",
        metavar="EXERCISE_ID",
        help="an exercise id, e.g. bridge (psoas done alone lists them)",
    )
    parser.add_argument(
        "--all", action="store_true", help="mark every exercise scheduled that day done"
    )
    parser.add_argument(
        "--date", metavar="DATE", help="YYYY-MM-DD, today or yesterday (default: today)"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Validate, then list the day or save the marks; print what was done."""
    from psoas_tui.core.dates import parse_day
    from psoas_tui.core.errors import InvalidInput
    from psoas_tui.services.output import say, say_saved

    routine, clock = ctx.routine, ctx.clock
    today = clock.today()
    day = parse_day(args.date, today) if args.date else today
    # Checked before the database opens, so bad input never creates or waits for it.
    if args.exercise_id is not None and args.all:
        raise InvalidInput(
            f"EXERCISE_ID: {args.exercise_id!r} given with --all; allowed: one exercise id, "
            "or --all for every exercise of the day"
        )
    if args.exercise_id is not None and args.exercise_id not in routine.ids:
        raise InvalidInput(
            f"EXERCISE_ID: unknown exercise {args.exercise_id!r}; allowed: "
            + ", ".join(routine.ids)
        )
    with ctx.open() as psoas:
        progress = psoas.progress_on(day)
        if args.all:
            lines = [_mark(psoas, item, day) for item in progress.exercises]
            if not lines:
                lines = [f"{_day_words(progress)}; nothing was marked."]
        elif args.exercise_id is not None:
            lines = [_mark_one(psoas, progress, args.exercise_id, day)]
        else:
            lines = day_list(progress)
    # A listing is all the command gives; marks are saved by now and stand whatever stdout does.
    show = say if args.exercise_id is None and not args.all else say_saved
    show("\n".join(lines))
    return 0


def day_list(progress: DayProgress) -> list[str]:
    """The day, then each exercise scheduled: done or not, its id, its name and its state."""
    from psoas_tui.core.validate import cells, fit

    if not progress.exercises:
        return [f"{_day_words(progress)}."]
    rows = [(item, item.describe()) for item in progress.exercises]
    id_width = max(len(item.exercise.id) for item, _ in rows)
    state_width = max(len(state) for _, state in rows)
    longest = max(cells(item.exercise.name) for item, _ in rows)
    # "  [x] " and two gaps of two spaces; names longer than what is left are cut.
    name_width = max(8, min(longest, WIDTH - 6 - id_width - 2 - 2 - state_width))
    lines = [f"{_day_words(progress)}: {progress.done_count} of {progress.total} done"]
    for item, state in rows:
        mark = "x" if item.done else " "
        name = fit(item.exercise.name, name_width)
        lines.append(f"  [{mark}] {item.exercise.id:<{id_width}}  {name}  {state}")
    return lines


def _day_words(progress: DayProgress) -> str:
    from psoas_tui.core.dates import long_day

    day = long_day(progress.day)
    return day if progress.exercises else f"{day}: a rest day, nothing scheduled"


def _mark_one(psoas: Psoas, progress: DayProgress, exercise_id: str, day: date) -> str:
    for item in progress.exercises:
        if item.exercise.id == exercise_id:
            return _mark(psoas, item, day)
    # Not on the day's plan: the mark is still kept, and said to be off the plan.
    psoas.mark_done(exercise_id, day)
    name = psoas.exercise(exercise_id).name
    return f"Marked done: {name}, {day.isoformat()} (it was not on the plan for that day)"


def _mark(psoas: Psoas, item: ExerciseProgress, day: date) -> str:
    """Mark one exercise of the day's plan done, unless it already is; say which it was."""
    name = item.exercise.name
    if item.done:
        return f"Already done: {name}, {day.isoformat()}"
    psoas.mark_done(item.exercise.id, day)
    return f"Marked done: {name}, {day.isoformat()}"
