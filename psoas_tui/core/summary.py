"""A plain Markdown summary of what the user logged, to take to a clinician.

It states what was logged and what the app noticed, in the same words as the prompt; it never
guesses at a cause.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from psoas_tui.core.model import SymptomEntry
from psoas_tui.core.referral import ActiveRule, DaysBetween, exercised
from psoas_tui.core.signs import PLACES, SIGN_BY_KEY

SUMMARY_WEEKS = 4


def summary_file_name(made_at: datetime) -> str:
    """``clinician-summary-2025-03-10-0815.md``: sorts by time, one per minute."""
    return f"clinician-summary-{made_at:%Y-%m-%d-%H%M}.md"


def clinician_summary(
    entries: Iterable[SymptomEntry],
    rules: Sequence[ActiveRule],
    today: date,
    made_at: datetime,
    days: DaysBetween | None = None,
    weeks: int = SUMMARY_WEEKS,
) -> str:
    """The summary as Markdown: what the app noticed, then every entry of the last ``weeks``.

    The period reaches further back when an active rule began earlier, so the whole episode is
    shown. ``days``, when given (``Repository.days`` fits), adds how many days of the period some of
    the routine was done.
    """
    start = min([today - timedelta(days=weeks * 7 - 1), *(rule.first_day for rule in rules)])
    shown = sorted(
        (entry for entry in entries if start <= entry.day <= today),
        key=lambda entry: (entry.day, entry.logged_at),
    )
    lines = [
        "# Symptom summary for a clinician",
        "",
        f"Made on {made_at:%Y-%m-%d %H:%M} with psoas-tui, a self-care tracker for a daily psoas "
        "release routine. Everything below was logged by the person themselves; it is not a "
        "medical assessment.",
        "",
        "## What the app noticed",
        "",
    ]
    if rules:
        lines += [f"- {reason}" for rule in rules for reason in rule.reasons]
    else:
        lines.append("- Nothing that its referral rules look for.")
    lines += [
        "",
        f"## Entries from {start.isoformat()} to {today.isoformat()}",
        "",
        "Pain and stiffness are scores from 0 (none) to 10 (worst imaginable).",
        "",
    ]
    if shown:
        lines += [
            "| date | pain | stiffness | morning stiffness | where | yes to | note |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [_row(entry) for entry in shown]
    else:
        lines.append("No entries in this period.")
    if days is not None:
        period = (today - start).days + 1
        done = sum(1 for record in days(start, today) if exercised(record))
        lines += ["", f"Some or all of the routine was done on {done} of these {period} days."]
    return "\n".join(lines) + "\n"


def _row(entry: SymptomEntry) -> str:
    minutes = "" if entry.stiffness_minutes is None else f"{entry.stiffness_minutes} min"
    cells = [
        entry.day.isoformat(),
        _score(entry.pain),
        _score(entry.stiffness),
        minutes,
        ", ".join(PLACES[place] for place in entry.where),
        "; ".join(SIGN_BY_KEY[sign].noticed for sign in entry.signs),
        entry.note,
    ]
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _score(score: int | None) -> str:
    return "not given" if score is None else f"{score}/10"


def _cell(text: str) -> str:
    # A table cell ends at a pipe or a line break, so both are neutralised.
    return " ".join(text.replace("|", "\\|").split())
