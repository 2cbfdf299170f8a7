"""When what the user logged needs a professional, how soon, and what they already answered.

A pure function of the entries, today, the stored answers, the "about you" profile and, for
context only, the routine's day records. Days are compared as dates (their ordinals), never as
timestamps, so a DST change or travel cannot move an episode, and the order the entries were saved
in never matters. Nothing here has words for the user: ``core.prompt`` words every rule.

The rules, each with its level:

- persistent pain (soon): an episode of pain days across 8 or more calendar dates whose latest
  day is at most 2 days before today; long persistent pain when it spans 43 dates or more (soon,
  same day with a history of cancer).
- a sign answered yes in the last 14 days, at the sign's level, raised by the profile: a minor
  fall is same day with thin bones, steroid tablets or an age of 50 or over, a fever is an
  emergency with a weakened immune system or injected drugs, and with a history of cancer the
  nerve signs and every emergency sign are an emergency. An emergency sign later asked again and
  answered no stays in force at the same-day level.
- severe pain (soon): daily pain of 7 or more on two scored days in the window with no scored day
  and at most 3 days between them.
- cancer and pain (same day): a history of cancer and a pain day at most 2 days before today.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from itertools import pairwise

from psoas_tui.core.model import Answer, DayRecord, ReferralResponse, SymptomEntry
from psoas_tui.core.profile import Profile, ProfileKey
from psoas_tui.core.signs import (
    CANCER_NERVE_SIGNS,
    SIGN_BY_KEY,
    Level,
    SignKey,
    stored_sign,
)
from psoas_tui.core.symptoms import SEVERE_FROM

#: The day records from one day to another, both included: ``Repository.days`` fits.
DaysBetween = Callable[[date, date], Iterable[DayRecord]]

#: Persistent pain: L - S of at least 7 days, i.e. pain across 8 or more calendar dates.
EPISODE_MIN_SPAN = 7
#: Long persistent pain: L - S of at least 42 days, six weeks.
LONG_EPISODE_SPAN = 42
#: Longest run of unlogged days an episode can step over, and most days between two severe days.
EPISODE_MAX_GAP = 3
#: The episode (and the pain day of cancer and pain) is current while at most this many days old.
EPISODE_CURRENT_DAYS = 2
#: Signs and severe pain count while logged within this many days, today included.
WINDOW_DAYS = 14
#: Yes answers to a sign at most this many days apart are one run.
SIGN_RUN_GAP = 7
#: An answer to a sign covers the run's yes answers on the day it was given and this many days on.
SIGN_ANSWER_DAYS = 42
#: Pain days at most this many days apart are one run of the cancer and pain rule.
CANCER_RUN_GAP = 28
#: "Earlier you logged" looks at prompts shown in this many days before today: 26 weeks.
EARLIER_HORIZON_DAYS = 182
#: The widest gap any rule's run or episode steps over: a record more than this many days before
#: every later one of its kind cannot change a rule about the later ones.
REACH_GAP = max(CANCER_RUN_GAP, SIGN_RUN_GAP, EPISODE_MAX_GAP + 1)


class Rule(StrEnum):
    """The stored name of each rule; each has one level, so an answer records the level too."""

    persistent_pain = "persistent_pain"
    long_persistent_pain = "long_persistent_pain"
    #: Long persistent pain with a history of cancer.
    cancer_long_pain = "cancer_long_pain"
    severe_pain = "severe_pain"
    soon_sign = "soon_sign"
    #: A soon sign still answered yes six weeks after the answer that covered it.
    lasting_sign = "lasting_sign"
    same_day_sign = "same_day_sign"
    emergency_sign = "emergency_sign"
    #: A nerve sign or an emergency sign with a history of cancer.
    cancer_nerve_sign = "cancer_nerve_sign"
    #: An emergency sign that a later entry asked again and got no.
    emergency_sign_then_no = "emergency_sign_then_no"
    cancer_pain = "cancer_pain"

    @property
    def level(self) -> Level:
        """The level this rule is at."""
        return _LEVELS[self]

    @property
    def family(self) -> str:
        """What the rule is about: an answer covers only rules of its own family."""
        return _FAMILIES.get(self, "sign")


_LEVELS = {
    Rule.persistent_pain: Level.soon,
    Rule.long_persistent_pain: Level.soon,
    Rule.cancer_long_pain: Level.same_day,
    Rule.severe_pain: Level.soon,
    Rule.soon_sign: Level.soon,
    Rule.lasting_sign: Level.soon,
    Rule.same_day_sign: Level.same_day,
    Rule.emergency_sign: Level.emergency,
    Rule.cancer_nerve_sign: Level.emergency,
    Rule.emergency_sign_then_no: Level.same_day,
    Rule.cancer_pain: Level.same_day,
}
_FAMILIES = {
    Rule.persistent_pain: "persistent",
    Rule.long_persistent_pain: "long",
    Rule.cancer_long_pain: "long",
    Rule.severe_pain: "severe",
    Rule.cancer_pain: "cancer",
}
#: The order rules of one level are listed in.
RULES: tuple[Rule, ...] = tuple(Rule)

#: The answers that answer a rule of each level for good ("snoozed" lasts until the next day).
ANSWERS_FOR: dict[Level, frozenset[Answer]] = {
    Level.soon: frozenset({Answer.acknowledged, Answer.checked}),
    Level.same_day: frozenset({Answer.checked}),
    Level.emergency: frozenset({Answer.checked}),
}
#: What the "Earlier you logged" question has already been told about a rule.
_MENTIONED = frozenset({Answer.reminded, Answer.not_yet, Answer.checked})


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule that is active today, what was noticed, and what the user already answered.

    ``key`` is what an answer is stored against: ``S/L`` (ISO dates) for an episode or a run of
    days, ``sign:first/last`` for a sign's run of yes answers. ``first_day`` and ``last_day`` are
    that episode or run; ``day`` is the day named when the rule is mentioned (the latest yes, pain
    day or day of the run). The numbers are what the words need: ``logged_days`` of the episode's
    ``dates`` were logged, ``low`` to ``high`` the scores (``None`` when none was given),
    ``unscored_days`` days had only "this hurts", ``routine_days`` the days some of the routine
    was done (``None`` when not asked). For a sign: ``sign``, the days it was answered yes in the
    window (``yes_days``) and the latest entry that said so (``entry_id``).
    """

    rule: Rule
    key: str
    first_day: date
    last_day: date
    day: date
    dates: int = 1
    logged_days: int = 0
    low: int | None = None
    high: int | None = None
    unscored_days: int = 0
    routine_days: int | None = None
    sign: SignKey | None = None
    yes_days: tuple[date, ...] = ()
    entry_id: str | None = None
    answered_by: Answer | None = None
    answered_on: date | None = None
    snoozed: bool = False
    help_today: bool = False

    @property
    def level(self) -> Level:
        """The rule's level."""
        return self.rule.level

    @property
    def answered(self) -> bool:
        """Answered for good: acknowledged (soon) or checked."""
        return self.answered_by is not None

    @property
    def pending(self) -> bool:
        """Neither answered nor snoozed: the prompt should ask about it."""
        return not (self.answered or self.snoozed)

    @property
    def in_force(self) -> bool:
        """A same-day or emergency rule not answered: its level shows everywhere."""
        return self.level is not Level.soon and not self.answered


def active_rules(
    entries: Iterable[SymptomEntry],
    today: date,
    responses: Iterable[ReferralResponse] = (),
    profile: Profile | None = None,
    days: DaysBetween | None = None,
) -> list[ActiveRule]:
    """Every rule active on ``today``, most urgent first, each marked as ``responses`` answered it.

    Entries after ``today`` are left out, so asking about a past day sees what was known then.
    ``profile`` is the "about you" answers as they are now (none given: every answer counts as
    no). ``days``, when given (``Repository.days`` fits), is asked for the day records of an
    active persistent-pain episode, to say how often the routine was done as context; it never
    changes which rules are active.
    """
    profile = profile or Profile()
    entries = tuple(entry for entry in entries if entry.day <= today)
    responses = tuple(responses)
    kinds = _day_kinds(entries)
    found: list[ActiveRule] = []
    found += _persistent_pain(kinds, today, profile, days)
    found += _severe_pain(entries, today)
    found += _signs(entries, today, profile, responses)
    found += _cancer_pain(kinds, today, profile)
    marked = [_mark(rule, responses, today) for rule in found]
    return sorted(marked, key=_order)


def pending(rules: Iterable[ActiveRule]) -> list[ActiveRule]:
    """The rules the prompt should ask about: neither answered nor snoozed."""
    return [rule for rule in rules if rule.pending]


def in_force(rules: Iterable[ActiveRule]) -> list[ActiveRule]:
    """The same-day and emergency rules not answered."""
    return [rule for rule in rules if rule.in_force]


def to_show(rules: Iterable[ActiveRule]) -> list[ActiveRule]:
    """What a prompt shows: every pending rule and every rule in force, most urgent first."""
    return ordered(rule for rule in rules if rule.pending or rule.in_force)


def ordered(rules: Iterable[ActiveRule]) -> list[ActiveRule]:
    """``rules`` most urgent first, then in the order of ``RULES``, then oldest first."""
    return sorted(rules, key=_order)


def top_level(rules: Iterable[ActiveRule]) -> Level | None:
    """The level every surface carries: the highest in force, else the highest pending, if any."""
    rules = tuple(rules)
    forced = [rule.level for rule in rules if rule.in_force]
    if forced:
        return max(forced, key=_rank)
    return max((rule.level for rule in rules if rule.pending), key=_rank, default=None)


def modal_due(rules: Iterable[ActiveRule]) -> bool:
    """Whether the modal opens now (after a save, or at start-up).

    It opens while a rule is pending, except a rule answered "I'm getting help now" today: that
    hides the modal until the next day starts, unless another rule becomes pending.
    """
    return any(rule.pending and not rule.help_today for rule in rules)


def respond(
    rules: Iterable[ActiveRule], answer: Answer, today: date, at: datetime
) -> list[ReferralResponse]:
    """The records to store when the user chose ``answer`` for the rules a prompt showed.

    The answer applies to every rule shown. A prompt with a same-day or emergency rule offers no
    snooze and no "I've arranged to see someone": those are refused with ``ValueError``.
    """
    rules = list(rules)
    answer = Answer(answer)
    urgent = any(rule.level is not Level.soon for rule in rules)
    if urgent and answer in (Answer.snoozed, Answer.acknowledged):
        raise ValueError(f"a same-day or emergency rule cannot be answered {answer.value!r}")
    if not urgent and answer is Answer.getting_help:
        raise ValueError("'getting_help' is offered only for a same-day or emergency rule")
    return [ReferralResponse(rule.rule, rule.key, answer, today, at) for rule in rules]


def timer_question(
    rules: Iterable[ActiveRule], responses: Iterable[ReferralResponse], today: date
) -> ActiveRule | None:
    """The rule the hold timer names before it starts, or ``None`` when it need not ask.

    It asks while a rule is in force, until the user starts anyway: that holds until the next day
    starts or another rule comes into force. It names the highest level's latest rule.
    """
    forced = in_force(rules)
    started = [
        response
        for response in responses
        if Answer(response.kind) is Answer.start_anyway and response.day == today
    ]
    waiting = [rule for rule in forced if not any(_same(rule, r) for r in started)]
    if not waiting:
        return None
    level = max((rule.level for rule in forced), key=_rank)
    return max(
        (rule for rule in forced if rule.level is level),
        key=lambda rule: (rule.day, -RULES.index(rule.rule)),
    )


def earlier_logged(
    entries: Iterable[SymptomEntry],
    today: date,
    responses: Iterable[ReferralResponse],
    profile: Profile | None = None,
) -> list[ActiveRule]:
    """Rules to mention once more with "Earlier you logged ...", as they were when shown.

    A rule qualifies when a prompt showed it (a ``shown`` record) in the last
    ``EARLIER_HORIZON_DAYS``, it was never answered, it has stopped being active because time
    passed, and it was not mentioned before. A rule that an
    edit or a profile change made inactive does not: as the entries and the profile are now, it
    would not have been active on the day it was shown either.
    """
    entries = tuple(entries)
    responses = tuple(responses)
    horizon = today.toordinal() - EARLIER_HORIZON_DAYS
    lasting = tuple(r for r in responses if Answer(r.kind) is not Answer.snoozed)
    now = active_rules(entries, today, responses, profile)
    found: dict[tuple[Rule, str], ActiveRule] = {}
    then_on: dict[date, list[ActiveRule]] = {}
    for shown in responses:
        if Answer(shown.kind) is not Answer.shown or shown.day >= today:
            continue
        if shown.day.toordinal() < horizon:
            continue
        if shown.day not in then_on:
            then_on[shown.day] = active_rules(entries, shown.day, lasting, profile)
        for rule in then_on[shown.day]:
            if not _same(rule, shown) or rule.answered:
                continue
            if any(_overlaps(rule, current) for current in now):
                continue
            if any(_same(rule, r) and Answer(r.kind) in _MENTIONED for r in responses):
                continue
            found.setdefault((rule.rule, rule.key), rule)
    return sorted(found.values(), key=_order)


def reach_back(entries: Iterable[SymptomEntry], boundary: date, cancer: bool = False) -> date:
    """The earliest day whose entries a rule may need on ``boundary`` or a later day.

    ``entries`` are those dated before ``boundary`` (any others are ignored) and ``cancer``
    whether the profile has a history of cancer. Each rule looks at the last ``WINDOW_DAYS`` and at
    the chain reaching back from them: the pain episode (pain days, no pain-free day, at most
    ``EPISODE_MAX_GAP`` unlogged days between), the severe run (severe scored days at most
    ``EPISODE_MAX_GAP`` days apart), each sign's run of yes answers (at most ``SIGN_RUN_GAP``
    apart) and, with a history of cancer, the pain days at most ``CANCER_RUN_GAP`` apart. So
    ``boundary`` itself, unless such a chain runs across it: then the earliest day of those
    chains. Given every entry from the returned day on, the rules on any day from ``boundary``
    on come out as they would from the whole history.
    """
    before = [entry for entry in entries if entry.day < boundary]
    kinds = _day_kinds(before)
    start = _chain_start(
        sorted(kinds, reverse=True),
        boundary,
        EPISODE_MAX_GAP + 1,
        lambda day: kinds[day].kind == _PAIN,
    )
    daily: dict[date, int] = {}
    for entry in before:
        if entry.pain is not None:
            daily[entry.day] = max(entry.pain, daily.get(entry.day, 0))
    severe = _chain_start(
        sorted(daily, reverse=True),
        boundary,
        EPISODE_MAX_GAP + 1,
        lambda day: daily[day] >= SEVERE_FROM,
    )
    start = min(start, severe)
    if cancer:
        painful = sorted((day for day, kind in kinds.items() if kind.kind == _PAIN), reverse=True)
        start = min(start, _chain_start(painful, boundary, CANCER_RUN_GAP))
    yes: dict[SignKey, set[date]] = {}
    for entry in before:
        for key in entry.signs:
            yes.setdefault(stored_sign(key), set()).add(entry.day)
    for days in yes.values():
        start = min(start, _chain_start(sorted(days, reverse=True), boundary, SIGN_RUN_GAP))
    return start


def _chain_start(
    newest_first: Sequence[date],
    boundary: date,
    gap: int,
    link: Callable[[date], bool] = lambda day: True,
) -> date:
    # The first day of the chain of ``link`` days, at most ``gap`` apart, that reaches
    # ``boundary``: the chain stops at the first day that is too far or is no link.
    reached = boundary
    for day in newest_first:
        if reached.toordinal() - day.toordinal() > gap or not link(day):
            break
        reached = day
    return reached


#: Version-1 rule names that keyed an answer by the id of the entry that said yes.
_V1_SIGN_RULES = {"warning_sign": Rule.soon_sign, "urgent_sign": None}


def from_version_1(
    responses: Iterable[ReferralResponse], entries: Iterable[SymptomEntry]
) -> list[ReferralResponse]:
    """Version-1 answers as version 2 keys them, for the store's migration and old exports.

    Persistent pain and severe pain were keyed by their first day: such a key still overlaps the
    episode or run, so those answers are kept as they are. A warning sign was keyed by its entry:
    its answer becomes one per sign of that entry, keyed by that day. An urgent sign's answer is
    dropped: version 1's "I've arranged to see someone" does not say the person was checked, and
    a same-day or emergency rule is answered only by that.
    """
    by_id = {entry.id: entry for entry in entries}
    found = []
    for response in responses:
        if response.rule not in _V1_SIGN_RULES:
            found.append(replace(response, kind=Answer(response.kind)))
            continue
        rule = _V1_SIGN_RULES[response.rule]
        entry = by_id.get(response.key)
        if rule is None or entry is None:
            continue
        for sign in sorted({stored_sign(key) for key in entry.signs}):
            if SIGN_BY_KEY[sign].level is Level.soon:
                key = f"{sign.value}:{_span_key(entry.day, entry.day)}"
                found.append(replace(response, rule=rule, key=key, kind=Answer(response.kind)))
    return found


def sign_level(key: SignKey, profile: Profile) -> Level:
    """The level of a yes to ``key`` with the "about you" answers of ``profile``."""
    key = SignKey(key)
    if profile.yes(ProfileKey.cancer) and key in CANCER_NERVE_SIGNS:
        return Level.emergency
    if key is SignKey.minor_fall and profile.any_yes(
        (ProfileKey.osteoporosis, ProfileKey.steroids, ProfileKey.age_50_plus)
    ):
        return Level.same_day
    if key is SignKey.fever and profile.any_yes(
        (ProfileKey.immunosuppressed, ProfileKey.injected_drugs)
    ):
        return Level.emergency
    return SIGN_BY_KEY[key].level


def in_window(day: date, today: date) -> bool:
    """Whether ``day`` is in the last 14 days: today and the 13 days before it."""
    return 0 <= today.toordinal() - day.toordinal() < WINDOW_DAYS


# Days and their kinds.

_PAIN = "pain"
_FREE = "free"


@dataclass(frozen=True, slots=True)
class _Day:
    kind: str
    score: int | None


def _day_kinds(entries: Sequence[SymptomEntry]) -> dict[date, _Day]:
    # A day is a pain day if its highest score is 1 or more, or if it has a score-less "this
    # hurts" entry from the timer: then it is a pain day of unknown score, never pain-free, even
    # beside a 0 logged the same day. Otherwise it is pain-free.
    scores: dict[date, int] = {}
    hurts: set[date] = set()
    for entry in entries:
        if entry.pain is None:
            hurts.add(entry.day)
        else:
            scores[entry.day] = max(entry.pain, scores.get(entry.day, 0))
    kinds = {}
    for day in scores.keys() | hurts:
        score = scores.get(day)
        known = score if score else None
        painful = day in hurts or (score or 0) >= 1
        kinds[day] = _Day(_PAIN if painful else _FREE, known)
    return kinds


def _pain_episode(kinds: dict[date, _Day]) -> tuple[date, date] | None:
    if not kinds:
        return None
    logged = sorted(kinds, reverse=True)
    latest = logged[0]
    if kinds[latest].kind != _PAIN:
        return None
    start = latest
    for day in logged[1:]:
        unlogged_between = start.toordinal() - day.toordinal() - 1
        if kinds[day].kind != _PAIN or unlogged_between > EPISODE_MAX_GAP:
            break
        start = day
    return start, latest


def episode_of(entries: Iterable[SymptomEntry]) -> tuple[date, date] | None:
    """The pain episode ``(S, L)`` of ``entries``, active or not, if the latest logged day ``L``
    is a pain day: ``S`` is the earliest pain day reached walking back from ``L`` without meeting
    a pain-free day or a run of more than three unlogged days."""
    return _pain_episode(_day_kinds(tuple(entries)))


def _persistent_pain(
    kinds: dict[date, _Day], today: date, profile: Profile, days: DaysBetween | None
) -> list[ActiveRule]:
    episode = _pain_episode(kinds)
    if episode is None:
        return []
    start, latest = episode
    span = latest.toordinal() - start.toordinal()
    if span < EPISODE_MIN_SPAN or today.toordinal() - latest.toordinal() > EPISODE_CURRENT_DAYS:
        return []
    inside = [kinds[day] for day in kinds if start <= day <= latest]
    scores = [day.score for day in inside if day.score is not None]
    routine = None
    if days is not None:
        routine = sum(1 for record in days(start, latest) if exercised(record))
    rule = ActiveRule(
        rule=Rule.persistent_pain,
        key=_span_key(start, latest),
        first_day=start,
        last_day=latest,
        day=latest,
        dates=span + 1,
        logged_days=len(inside),
        low=min(scores, default=None),
        high=max(scores, default=None),
        unscored_days=len(inside) - len(scores),
        routine_days=routine,
    )
    found = [rule]
    if span >= LONG_EPISODE_SPAN:
        cancer = profile.yes(ProfileKey.cancer)
        found.append(
            replace(rule, rule=Rule.cancer_long_pain if cancer else Rule.long_persistent_pain)
        )
    return found


def exercised(record: DayRecord) -> bool:
    """Whether some of the routine was done that day: a complete hold or an exercise marked done."""
    return bool(record.marks) or any(hold.complete for hold in record.holds)


def _severe_pain(entries: Sequence[SymptomEntry], today: date) -> list[ActiveRule]:
    # Runs are found over the whole history so that a run's key stays the same as the window
    # moves along it. Two severe scored days are one run when no scored day and at most three
    # days lie between them; a score-less day between them does not break it.
    daily: dict[date, int] = {}
    for entry in entries:
        if entry.pain is not None:
            daily[entry.day] = max(entry.pain, daily.get(entry.day, 0))
    runs: list[list[date]] = []
    previous: date | None = None
    for day in sorted(daily):
        severe = daily[day] >= SEVERE_FROM
        close = previous is not None and day.toordinal() - previous.toordinal() <= (
            EPISODE_MAX_GAP + 1
        )
        if severe and close and runs and runs[-1][-1] == previous:
            runs[-1].append(day)
        elif severe:
            runs.append([day])
        previous = day
    found = []
    for run in runs:
        pairs = pairwise(run)
        if not any(in_window(a, today) and in_window(b, today) for a, b in pairs):
            continue
        first, last = run[0], run[-1]
        found.append(
            ActiveRule(
                rule=Rule.severe_pain,
                key=_span_key(first, last),
                first_day=first,
                last_day=last,
                day=last,
                dates=last.toordinal() - first.toordinal() + 1,
                logged_days=len(run),
                low=min(daily[day] for day in run),
                high=max(daily[day] for day in run),
            )
        )
    return found


def _signs(
    entries: Sequence[SymptomEntry],
    today: date,
    profile: Profile,
    responses: Sequence[ReferralResponse],
) -> list[ActiveRule]:
    ordered = sorted(entries, key=_when)
    yes: dict[SignKey, list[SymptomEntry]] = {}
    for entry in ordered:
        for key in {stored_sign(key) for key in entry.signs}:
            yes.setdefault(key, []).append(entry)
    found = []
    for sign, said in yes.items():
        for run in _runs(said):
            recent = [entry for entry in run if in_window(entry.day, today)]
            if not recent:
                continue
            latest = recent[-1]
            rule = _sign_rule(sign, profile)
            if rule.level is Level.emergency and _asked_no_after(ordered, latest, sign):
                rule = Rule.emergency_sign_then_no
            active = ActiveRule(
                rule=rule,
                key=f"{sign.value}:{_span_key(run[0].day, run[-1].day)}",
                first_day=run[0].day,
                last_day=run[-1].day,
                day=latest.day,
                sign=sign,
                yes_days=tuple(sorted({entry.day for entry in recent})),
                entry_id=latest.id,
            )
            if rule is Rule.soon_sign and _answer_lapsed(active, responses):
                active = replace(active, rule=Rule.lasting_sign)
            found.append(active)
    return found


def _sign_rule(sign: SignKey, profile: Profile) -> Rule:
    level = sign_level(sign, profile)
    if level is Level.emergency:
        cancer = profile.yes(ProfileKey.cancer) and sign in CANCER_NERVE_SIGNS
        return Rule.cancer_nerve_sign if cancer else Rule.emergency_sign
    return Rule.same_day_sign if level is Level.same_day else Rule.soon_sign


def _runs(said: Sequence[SymptomEntry]) -> list[list[SymptomEntry]]:
    runs: list[list[SymptomEntry]] = []
    for entry in said:
        if runs and entry.day.toordinal() - runs[-1][-1].day.toordinal() <= SIGN_RUN_GAP:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs


def _asked_no_after(ordered: Sequence[SymptomEntry], latest: SymptomEntry, sign: SignKey) -> bool:
    # Only an entry that showed the question counts: "not asked" is not a no.
    after = _when(latest)
    for entry in ordered:
        if _when(entry) <= after or entry.asked is None:
            continue
        asked = {stored_sign(key) for key in entry.asked}
        if sign in asked and sign not in {stored_sign(key) for key in entry.signs}:
            return True
    return False


def _answer_lapsed(rule: ActiveRule, responses: Sequence[ReferralResponse]) -> bool:
    # A soon sign whose run had an answer that no longer covers every recent yes: six weeks on.
    return any(
        Answer(response.kind) in ANSWERS_FOR[Level.soon] and _covers(response, rule)
        for response in responses
    ) and not _sign_covered(rule, responses)


def _cancer_pain(kinds: dict[date, _Day], today: date, profile: Profile) -> list[ActiveRule]:
    if not profile.yes(ProfileKey.cancer):
        return []
    painful = sorted(day for day, kind in kinds.items() if kind.kind == _PAIN)
    if not painful or today.toordinal() - painful[-1].toordinal() > EPISODE_CURRENT_DAYS:
        return []
    first = painful[-1]
    for day in reversed(painful[:-1]):
        if first.toordinal() - day.toordinal() > CANCER_RUN_GAP:
            break
        first = day
    latest = painful[-1]
    return [
        ActiveRule(
            rule=Rule.cancer_pain,
            key=_span_key(first, latest),
            first_day=first,
            last_day=latest,
            day=latest,
            dates=latest.toordinal() - first.toordinal() + 1,
        )
    ]


# Answers and keys.


def _span_key(first: date, last: date) -> str:
    return f"{first.isoformat()}/{last.isoformat()}"


def _parse_key(key: str) -> tuple[str, date, date] | None:
    sign, _, span = key.rpartition(":")
    first, _, last = span.partition("/")
    try:
        return sign, date.fromisoformat(first), date.fromisoformat(last or first)
    except ValueError:
        return None


def _covers(response: ReferralResponse, rule: ActiveRule) -> bool:
    """Whether ``response`` is about ``rule``: same family, the same sign, days that overlap, and
    given at the rule's level or higher (an answer never covers a higher level)."""
    try:
        answered = Rule(response.rule)
    except ValueError:
        return False
    if answered.family != rule.rule.family or answered.level.rank < rule.level.rank:
        return False
    return keys_overlap(response.key, rule.key)


def keys_overlap(one: str, other: str) -> bool:
    """Whether two keys (``first/last`` or ``sign:first/last``) are about the same days."""
    theirs, ours = _parse_key(one), _parse_key(other)
    if theirs is None or ours is None or theirs[0] != ours[0]:
        return False
    return theirs[1] <= ours[2] and ours[1] <= theirs[2]


def _same(rule: ActiveRule, response: ReferralResponse) -> bool:
    """Whether ``response`` was given for this very rule (same rule, overlapping days)."""
    return response.rule == rule.rule and _covers(response, rule)


def _overlaps(rule: ActiveRule, other: ActiveRule) -> bool:
    """Whether ``other`` is the same thing as ``rule``, at whatever level it is now."""
    return other.rule.family == rule.rule.family and keys_overlap(rule.key, other.key)


def _sign_covered(rule: ActiveRule, responses: Sequence[ReferralResponse]) -> bool:
    # Every recent yes must fall within 42 days of an answer about this run, at this level or
    # higher: a yes logged or backfilled later in the run is covered too, until the 42 days end.
    answers = [
        response
        for response in responses
        if Answer(response.kind) in ANSWERS_FOR[rule.level] and _covers(response, rule)
    ]
    return all(
        any(day.toordinal() - answer.day.toordinal() < SIGN_ANSWER_DAYS for answer in answers)
        for day in rule.yes_days
    )


def _mark(rule: ActiveRule, responses: Sequence[ReferralResponse], today: date) -> ActiveRule:
    answered: ReferralResponse | None = None
    if rule.sign is not None:
        if _sign_covered(rule, responses):
            answered = _latest_answer(rule, responses)
    else:
        answered = _latest_answer(rule, responses)
    today_kinds = {
        Answer(response.kind)
        for response in responses
        if response.day == today and _covers(response, rule)
    }
    return replace(
        rule,
        answered_by=None if answered is None else Answer(answered.kind),
        answered_on=None if answered is None else answered.day,
        snoozed=rule.level is Level.soon and Answer.snoozed in today_kinds,
        help_today=Answer.getting_help in today_kinds,
    )


def _latest_answer(
    rule: ActiveRule, responses: Sequence[ReferralResponse]
) -> ReferralResponse | None:
    answers = [
        response
        for response in responses
        if Answer(response.kind) in ANSWERS_FOR[rule.level] and _covers(response, rule)
    ]
    return max(answers, key=lambda response: (response.day, response.at), default=None)


def _when(entry: SymptomEntry) -> tuple[date, datetime, str]:
    # The day first: a timestamp alone could put a backfill or a time-zone change out of order.
    return (entry.day, entry.logged_at, entry.id)


def _rank(level: Level) -> int:
    return level.rank


def _order(rule: ActiveRule) -> tuple[int, int, date, str]:
    return (-rule.level.rank, RULES.index(rule.rule), rule.first_day, rule.key)
