"""When what the user logged needs a professional: the rules of ``specs/referral.md``.

A pure function of the entries, today and the stored answers. Days are compared as dates (their
ordinals), never as timestamps, so a DST change or travel cannot move an episode. The order the
entries were saved in never matters. The app never diagnoses: the reasons say what was logged, with
dates and numbers, and nothing about what could be causing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from psoas_tui.core.dates import format_day
from psoas_tui.core.model import DayRecord, ReferralResponse, SymptomEntry
from psoas_tui.core.signs import SIGNS, SOON, URGENT
from psoas_tui.core.symptoms import SEVERE_FROM, daily_highest

PERSISTENT_PAIN = "persistent_pain"
WARNING_SIGN = "warning_sign"
SEVERE_PAIN = "severe_pain"
URGENT_SIGN = "urgent_sign"
RULES = (URGENT_SIGN, PERSISTENT_PAIN, WARNING_SIGN, SEVERE_PAIN)

#: The day records from one day to another, both included: ``Repository.days`` fits.
DaysBetween = Callable[[date, date], Iterable[DayRecord]]

ACKNOWLEDGED = "acknowledged"
SNOOZED = "snoozed"

#: Persistent pain: L - S of at least 7 days, i.e. pain across 8 or more calendar dates.
EPISODE_MIN_SPAN = 7
#: Longest run of unlogged days an episode can step over.
EPISODE_MAX_GAP = 3
#: The episode is current while its latest day is at most this many days before today.
EPISODE_CURRENT_DAYS = 2
#: Signs and severe pain count while logged within this many days, today included.
RECENT_DAYS = 14


@dataclass(frozen=True)
class ActiveRule:
    """A rule that is active today, and what the user already answered about it.

    ``key`` is what an answer is stored against: a persistent-pain episode's first day or a run
    of severe days' first day (ISO), or the id of the entry that answered yes to a sign.
    ``reasons`` say what was noticed, in plain words; ``summary`` says it in a few, for a banner.
    """

    rule: str
    level: str
    key: str
    first_day: date
    last_day: date
    reasons: tuple[str, ...]
    summary: str
    acknowledged: bool = False
    snoozed: bool = False

    @property
    def pending(self) -> bool:
        """Neither acknowledged nor snoozed: the prompt should ask about it."""
        return not (self.acknowledged or self.snoozed)


@dataclass(frozen=True)
class Prompt:
    """The words of the referral prompt, shared by the app's modal and ``psoas log``."""

    level: str
    title: str
    noticed: tuple[str, ...]
    what_to_do: str
    cannot_tell: str

    @property
    def snooze_offered(self) -> bool:
        """Whether "Remind me tomorrow" is offered: never for an urgent sign."""
        return self.level != URGENT

    def text(self) -> str:
        """The prompt as plain lines, for a terminal."""
        lines = [self.title, "", "What the app noticed:"]
        lines += [f"  - {reason}" for reason in self.noticed]
        lines += ["", self.what_to_do, self.cannot_tell]
        return "\n".join(lines)


def exercised(record: DayRecord) -> bool:
    """Whether some of the routine was done that day: a complete hold or an exercise marked done."""
    return bool(record.marks) or any(hold.complete for hold in record.holds)


def pain_episode(daily: dict[date, int]) -> tuple[date, date] | None:
    """``(S, L)``: the pain episode that ends on the latest logged day ``L``, if that is a pain day.

    ``S`` is the earliest pain day reached walking back from ``L`` without meeting a pain-free day
    or a run of more than three unlogged days. Whether the episode is long or current enough to be
    active is for the caller to decide.
    """
    if not daily:
        return None
    logged = sorted(daily, reverse=True)
    latest = logged[0]
    if daily[latest] == 0:
        return None
    start = latest
    for day in logged[1:]:
        unlogged_between = start.toordinal() - day.toordinal() - 1
        if daily[day] == 0 or unlogged_between > EPISODE_MAX_GAP:
            break
        start = day
    return start, latest


def active_rules(
    entries: Iterable[SymptomEntry],
    today: date,
    responses: Iterable[ReferralResponse] = (),
    days: DaysBetween | None = None,
) -> list[ActiveRule]:
    """Every rule active today, urgent first, each marked as ``responses`` answered it.

    ``days``, when given (``Repository.days`` fits), is asked for the day records of an active
    persistent-pain episode, to say how often the routine was done as context; it never changes
    which rules are active.
    """
    entries = tuple(entries)
    daily = daily_highest(entries)
    found: list[ActiveRule] = []
    persistent = _persistent_pain(daily, today, days)
    if persistent is not None:
        found.append(persistent)
    found += _severe_pain(daily, today)
    found += _signs(entries, today)
    answers = _answers(responses, today)
    marked = [_mark(rule, answers.get((rule.rule, rule.key), frozenset())) for rule in found]
    return sorted(marked, key=_order)


def pending(rules: Iterable[ActiveRule]) -> list[ActiveRule]:
    """The rules the prompt should ask about: neither acknowledged nor snoozed."""
    return [rule for rule in rules if rule.pending]


def respond(
    rules: Iterable[ActiveRule], kind: str, today: date, at: datetime
) -> list[ReferralResponse]:
    """The answers to store when the user chose ``kind`` (acknowledged or snoozed) for ``rules``."""
    rules = list(rules)
    if kind not in (ACKNOWLEDGED, SNOOZED):
        raise ValueError(f"unknown response kind {kind!r}")
    if kind == SNOOZED and any(rule.level == URGENT for rule in rules):
        raise ValueError("an urgent sign cannot be snoozed")
    return [ReferralResponse(rule.rule, rule.key, kind, today, at) for rule in rules]


def prompt_for(rules: Sequence[ActiveRule]) -> Prompt:
    """The prompt's words for ``rules`` (at least one), urgent wording if any rule is urgent."""
    if not rules:
        raise ValueError("a prompt needs at least one active rule")
    ordered = sorted(rules, key=_order)
    noticed = tuple(reason for rule in ordered for reason in rule.reasons)
    cannot_tell = "The app only sees what you logged; it cannot tell what is causing this."
    if ordered[0].level == URGENT:
        return Prompt(
            level=URGENT,
            title="Please get medical care now",
            noticed=noticed,
            what_to_do=(
                "Stop the exercises and get urgent medical care now: an urgent care service, "
                "an emergency department or your local emergency number. Do not wait to see "
                "whether it passes."
            ),
            cannot_tell=cannot_tell,
        )
    return Prompt(
        level=SOON,
        title="Time to have this checked",
        noticed=noticed,
        what_to_do=(
            "Please arrange to see a physical therapist, a doctor or a chiropractor about it, "
            "and take what you logged with you."
        ),
        cannot_tell=cannot_tell,
    )


def banner_text(rules: Sequence[ActiveRule]) -> str:
    """One line for the Today screen while any rule is active; empty when none is."""
    if not rules:
        return ""
    first = sorted(rules, key=_order)[0]
    lead = "Please get medical care now" if first.level == URGENT else "Worth having checked"
    text = f"{lead}: {first.summary}"
    if len(rules) > 1:
        text += f" (and {len(rules) - 1} more)"
    if all(rule.acknowledged for rule in rules):
        text += "; you have arranged to see someone"
    return text + "."


def _persistent_pain(
    daily: dict[date, int], today: date, days: DaysBetween | None
) -> ActiveRule | None:
    episode = pain_episode(daily)
    if episode is None:
        return None
    start, latest = episode
    span = latest.toordinal() - start.toordinal()
    if span < EPISODE_MIN_SPAN or today.toordinal() - latest.toordinal() > EPISODE_CURRENT_DAYS:
        return None
    dates = span + 1
    scores = [pain for day, pain in daily.items() if start <= day <= latest]
    between = f"from {format_day(start)} to {format_day(latest)}"
    if len(scores) == dates:
        logged = f"You logged pain on all {dates} days {between}, and no pain-free day."
    else:
        unlogged = dates - len(scores)
        logged = (
            f"You logged pain on {len(scores)} of the {dates} days {between} "
            f"({unlogged} not logged), and no pain-free day."
        )
    low, high = min(scores), max(scores)
    if low == high:
        level = f"Your daily pain was {high} out of 10 each day you logged."
    else:
        level = f"Your daily pain was between {low} and {high} out of 10."
    reasons = [logged, level]
    if days is not None:
        done = sum(1 for record in days(start, latest) if exercised(record))
        reasons.append(f"You did some or all of your routine on {done} of these {dates} days.")
    return ActiveRule(
        rule=PERSISTENT_PAIN,
        level=SOON,
        key=start.isoformat(),
        first_day=start,
        last_day=latest,
        reasons=tuple(reasons),
        summary=f"pain logged on {len(scores)} days since {format_day(start)}",
    )


def _severe_pain(daily: dict[date, int], today: date) -> list[ActiveRule]:
    # Runs are found over the whole history so that a run's key (its first day) stays the same
    # as the 14-day window moves along it; a run is active while two of its days are in the window.
    runs: list[list[date]] = []
    previous_severe = False
    for day in sorted(daily):
        severe = daily[day] >= SEVERE_FROM
        if severe and previous_severe:
            runs[-1].append(day)
        elif severe:
            runs.append([day])
        previous_severe = severe
    found = []
    for run in runs:
        recent = [day for day in run if _recent(day, today)]
        if len(recent) < 2:
            continue
        first, last = run[0], run[-1]
        highest = max(daily[day] for day in run)
        found.append(
            ActiveRule(
                rule=SEVERE_PAIN,
                level=SOON,
                key=first.isoformat(),
                first_day=first,
                last_day=last,
                reasons=(
                    f"Your daily pain was {SEVERE_FROM} or more on {len(run)} logged days in a "
                    f"row, from {format_day(first)} to {format_day(last)} "
                    f"(highest {highest} out of 10).",
                ),
                summary=f"pain of {SEVERE_FROM} or more on {len(run)} logged days in a row",
            )
        )
    return found


def _signs(entries: Sequence[SymptomEntry], today: date) -> list[ActiveRule]:
    found = []
    for entry in entries:
        if not _recent(entry.day, today):
            continue
        for level, rule, name in (
            (URGENT, URGENT_SIGN, "an urgent sign"),
            (SOON, WARNING_SIGN, "a warning sign"),
        ):
            answered = [sign for sign in SIGNS if sign.level == level and sign.key in entry.signs]
            if not answered:
                continue
            when = format_day(entry.day)
            words = "; ".join(sign.noticed for sign in answered)
            found.append(
                ActiveRule(
                    rule=rule,
                    level=level,
                    key=entry.id,
                    first_day=entry.day,
                    last_day=entry.day,
                    reasons=(f"On {when} you answered yes to: {words}.",),
                    summary=f"{name} logged on {when}",
                )
            )
    return found


def _recent(day: date, today: date) -> bool:
    return today.toordinal() - day.toordinal() < RECENT_DAYS


def _answers(
    responses: Iterable[ReferralResponse], today: date
) -> dict[tuple[str, str], frozenset[str]]:
    kinds: dict[tuple[str, str], set[str]] = {}
    for response in responses:
        # A snooze lasts until the day after the one it was given on.
        if response.kind == SNOOZED and response.day < today:
            continue
        kinds.setdefault((response.rule, response.key), set()).add(response.kind)
    return {pair: frozenset(found) for pair, found in kinds.items()}


def _mark(rule: ActiveRule, kinds: frozenset[str]) -> ActiveRule:
    return replace(
        rule,
        acknowledged=ACKNOWLEDGED in kinds,
        snoozed=SNOOZED in kinds and rule.level != URGENT,
    )


def _order(rule: ActiveRule) -> tuple[int, int, date, str]:
    return (0 if rule.level == URGENT else 1, RULES.index(rule.rule), rule.first_day, rule.key)
