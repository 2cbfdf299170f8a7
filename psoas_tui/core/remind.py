"""Whether something is due now, and what a reminder says and when it goes out.

``due_now`` is the one decision of "due or not": ``psoas status --due``, ``--short --only-due``
and ``psoas remind`` all ask it, with today's status as the streak judges it. ``decide`` adds
the reminder's own rules: each slot of the day reminds once at most; the first reminder of a day
goes out at whichever slot finds something due, and a later one only while nothing was done since
the last; while a same-day or emergency rule is in force a reminder repeats that level's advice
and never says "time to stretch".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from psoas_tui.core.errors import InvalidInput
from psoas_tui.core.progress import DayProgress
from psoas_tui.core.prompt import remind_advice, remind_booked
from psoas_tui.core.referral import ActiveRule
from psoas_tui.core.streaks import DayStatus

#: Today's statuses on which nothing is due: the one place a new kind of day is added.
NOTHING_DUE = frozenset({DayStatus.DONE, DayStatus.REST, DayStatus.SYMPTOM_REST, DayStatus.PAUSED})

#: Why nothing is due, in words, by today's status.
_NOTHING_DUE_WORDS = {
    DayStatus.DONE: "today's routine is done",
    DayStatus.REST: "today is a rest day",
    DayStatus.SYMPTOM_REST: "today is a symptom rest (you logged severe pain or a warning sign)",
    DayStatus.PAUSED: "today is paused (psoas pause --list)",
}

#: A reminder's title while no rule is in force.
STRETCH_TITLE = "psoas: time to stretch"

_SLOT = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


@dataclass(frozen=True, slots=True)
class Due:
    """Whether something is due now, and today's status that decided it."""

    kind: DayStatus

    @property
    def due(self) -> bool:
        """Something of today's routine is still to do, and nothing says to leave it."""
        return self.kind not in NOTHING_DUE

    def words(self) -> str:
        """Why nothing is due (``today is a rest day``), or that something is."""
        if self.due:
            return "something is due now"
        return _NOTHING_DUE_WORDS.get(self.kind, f"nothing is due today ({self.kind.value})")


def due_now(kind: DayStatus) -> Due:
    """Whether something is due now, given today's status (``StreakBook``'s judgement of today):
    nothing is once the day is done, on a rest day or a symptom rest."""
    return Due(kind)


@dataclass(frozen=True, slots=True)
class Sent:
    """A reminder that went out: its slot (``HH:MM``, or ``""`` when no slot applied), when, and
    how much of the day was done then (``done_so_far``)."""

    slot: str
    at: datetime
    done: int


@dataclass(frozen=True, slots=True)
class Notice:
    """What a reminder says; ``urgent`` while a same-day or emergency rule is in force."""

    title: str
    body: str
    urgent: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    """What a reminder does now: ``notice`` to send (and ``sent`` to record), or ``None`` and
    ``reason``, why it stays silent."""

    notice: Notice | None
    sent: Sent | None
    reason: str


def parse_slot(text: str) -> str:
    """``HH:MM`` (24-hour) as two digits each; ``InvalidInput`` saying what is allowed."""
    matched = _SLOT.fullmatch(text.strip())
    if matched is None:
        raise InvalidInput(
            f"--at: {text!r} is not a time of day; allowed: HH:MM from 00:00 to 23:59, "
            "for example 08:00 or 19:30"
        )
    return f"{int(matched[1]):02d}:{matched[2]}"


def slot_at(slots: Iterable[str], now: datetime) -> str:
    """The latest of ``slots`` at or before ``now``'s time of day; ``""`` when none is (no slot
    installed, or before the first)."""
    clock = f"{now.hour:02d}:{now.minute:02d}"
    return max((slot for slot in slots if slot <= clock), default="")


def done_so_far(progress: DayProgress) -> int:
    """Holds held to 90% and exercises marked by hand today: what "done since" compares."""
    return sum(item.holds_done + int(item.marked) for item in progress.exercises)


def decide(
    due: Due,
    progress: DayProgress,
    rules: Sequence[ActiveRule],
    slots: Sequence[str],
    now: datetime,
    sent_today: Sequence[Sent],
) -> Decision:
    """What ``psoas remind`` does at ``now``, given what is due, today's progress, the referral
    rules active today, the installed ``slots`` and the reminders ``sent_today``.

    Silent when nothing is due, when this slot has reminded today already (a second scheduler,
    a run at wake), and, after a reminder went out today, once something was done since it.
    """
    if not due.due:
        return Decision(None, None, due.words())
    slot = slot_at(slots, now)
    if any(sent.slot == slot for sent in sent_today):
        when = f"the {slot} slot" if slot else "today"
        return Decision(None, None, f"a reminder went out for {when} already")
    done = done_so_far(progress)
    if sent_today:
        last = max(sent_today, key=lambda sent: sent.at)
        if done > last.done:
            return Decision(None, None, f"something was done since the reminder at {last.at:%H:%M}")
    notice = reminder_notice(progress, rules)
    reason = f"the {slot} slot" if slot else "no slot installed"
    return Decision(notice, Sent(slot, now, done), reason)


def reminder_notice(progress: DayProgress, rules: Sequence[ActiveRule]) -> Notice:
    """A reminder's words: while a same-day or emergency rule is in force, that level's headline
    and advice; otherwise what is left of today, the next exercise, and, while a soon prompt is
    unanswered, "have you booked someone?"."""
    advice = remind_advice(rules)
    if advice is not None:
        headline, lines = advice
        return Notice(headline, " ".join(lines), urgent=True)
    left = f", {progress.minutes_left} min left" if progress.minutes_left else ""
    body = f"{progress.done_count} of {progress.total} done{left}."
    following = progress.next_undone()
    if following is not None:
        body += f" Next: {following.name}."
    booked = remind_booked(rules)
    if booked:
        body += f" {booked}"
    return Notice(STRETCH_TITLE, body)
