"""Entries, answers and profiles for the referral tests: one way to build each, shared."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from itertools import count

from dateutil import tz

from psoas_tui.core.model import Answer, DayRecord, ReferralResponse, SymptomEntry
from psoas_tui.core.profile import Profile, ProfileAnswer, ProfileKey
from psoas_tui.core.referral import ActiveRule, DaysBetween, Rule, active_rules

PARIS = tz.gettz("Europe/Paris")
NEW_YORK = tz.gettz("America/New_York")
TODAY = date(2025, 3, 20)
_ids = count()


def day(offset: int) -> date:
    """``TODAY`` plus ``offset`` days (negative: before)."""
    return TODAY + timedelta(days=offset)


def entry(
    on: date,
    pain: int | None,
    *,
    signs: Sequence[str] = (),
    asked: Sequence[str] | None = None,
    at: datetime | None = None,
    entry_id: str | None = None,
) -> SymptomEntry:
    """One entry of ``on``; ``at`` defaults to 08:00 Paris time that day."""
    return SymptomEntry(
        id=entry_id or f"e{next(_ids)}",
        day=on,
        logged_at=at or datetime(on.year, on.month, on.day, 8, 0, tzinfo=PARIS),
        pain=pain,
        stiffness=None if pain is None else 3,
        signs=tuple(signs),
        asked=None if asked is None else tuple(asked),
    )


def series(last: date, scores: Sequence[int | None]) -> list[SymptomEntry]:
    """Daily pain scores ending on ``last``; ``None`` leaves that day unlogged."""
    first = last - timedelta(days=len(scores) - 1)
    return [
        entry(first + timedelta(days=offset), score)
        for offset, score in enumerate(scores)
        if score is not None
    ]


def between(
    records: Sequence[DayRecord], asked: list[tuple[date, date]] | None = None
) -> DaysBetween:
    """What ``Repository.days`` answers over ``records``, noting each range asked for."""

    def days(start: date, end: date) -> list[DayRecord]:
        if asked is not None:
            asked.append((start, end))
        return [record for record in records if start <= record.day <= end]

    return days


def profile(**answers: str) -> Profile:
    """A profile answered on ``TODAY - 100``: ``profile(cancer="yes")``."""
    found = Profile()
    for key, answer in answers.items():
        found = found.with_answer(ProfileKey(key), ProfileAnswer(answer), day(-100))
    return found


def noon(on: date = TODAY) -> datetime:
    """Noon in Paris on ``on``: when the answers in these tests are given."""
    return datetime(on.year, on.month, on.day, 12, 0, tzinfo=PARIS)


def answer(rules: Iterable[ActiveRule], kind: Answer, on: date = TODAY) -> list[ReferralResponse]:
    """The records of answering ``kind`` to ``rules`` on ``on``, as the app stores them."""
    return [ReferralResponse(rule.rule, rule.key, kind, on, noon(on)) for rule in rules]


def named(rules: Sequence[ActiveRule], rule: Rule) -> list[ActiveRule]:
    """The rules of one name."""
    return [found for found in rules if found.rule is rule]


def rules_on(
    entries: Sequence[SymptomEntry],
    today: date = TODAY,
    responses: Sequence[ReferralResponse] = (),
    about: Profile | None = None,
) -> list[ActiveRule]:
    """``active_rules`` with the arguments in the order these tests use most."""
    return active_rules(entries, today, responses, about)
