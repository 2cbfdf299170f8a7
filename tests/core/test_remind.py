"""The reminder's decision: what is due, what it says at every referral level, and its slots."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from referral_cases import PARIS, TODAY, answer, day, entry, profile, rules_on

from psoas_tui.core.errors import InvalidInput
from psoas_tui.core.model import Answer, DayRecord, DoneMark
from psoas_tui.core.progress import DayProgress, day_progress
from psoas_tui.core.prompt import (
    EMERGENCY_ADVICE,
    HEADLINES,
    SAFETY_NET_EMERGENCY,
    SAME_DAY_ADVICE,
)
from psoas_tui.core.referral import ActiveRule
from psoas_tui.core.remind import (
    NOTHING_DUE,
    STRETCH_TITLE,
    Decision,
    Sent,
    decide,
    due_now,
    parse_slot,
    slot_at,
)
from psoas_tui.core.routine import Routine
from psoas_tui.core.signs import Level
from psoas_tui.core.streaks import DayStatus

SLOTS = ("08:00", "19:30")
MORNING = datetime(TODAY.year, TODAY.month, TODAY.day, 8, 0, tzinfo=PARIS)
EVENING = MORNING.replace(hour=19, minute=30)
PENDING = due_now(DayStatus.PENDING)


def progress(routine: Routine, marked: int = 0) -> DayProgress:
    """Today's progress with the first ``marked`` exercises marked done by hand."""
    scheduled = routine.scheduled_on(TODAY)
    marks = tuple(DoneMark(exercise.id, TODAY, MORNING) for exercise in scheduled[:marked])
    planned = tuple(exercise.id for exercise in scheduled)
    return day_progress(scheduled, DayRecord(TODAY, planned, marks=marks))


def at(
    when: datetime,
    routine: Routine,
    sent: tuple[Sent, ...] = (),
    rules: list[ActiveRule] | None = None,
    marked: int = 0,
) -> Decision:
    return decide(PENDING, progress(routine, marked), rules or [], SLOTS, when, sent)


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        (DayStatus.PENDING, True),
        (DayStatus.DONE, False),
        (DayStatus.REST, False),
        (DayStatus.SYMPTOM_REST, False),
    ],
)
def test_something_is_due_only_on_a_pending_day(kind: DayStatus, due: bool) -> None:
    assert due_now(kind).due is due
    assert (kind in NOTHING_DUE) is not due


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        (DayStatus.DONE, "today's routine is done"),
        (DayStatus.REST, "today is a rest day"),
        (DayStatus.SYMPTOM_REST, "today is a symptom rest"),
    ],
)
def test_nothing_due_is_silent_and_says_why(kind: DayStatus, reason: str, routine: Routine) -> None:
    decision = decide(due_now(kind), progress(routine), [], SLOTS, MORNING, ())
    assert decision.notice is None and decision.sent is None
    assert decision.reason.startswith(reason)


def test_with_no_rule_it_is_time_to_stretch(routine: Routine) -> None:
    decision = at(MORNING, routine, marked=1)
    scheduled = routine.scheduled_on(TODAY)
    assert decision.notice is not None
    assert decision.notice.title == STRETCH_TITLE
    assert decision.notice.body.startswith(f"1 of {len(scheduled)} done, ")
    assert decision.notice.body.endswith(f" Next: {scheduled[1].name}.")
    assert not decision.notice.urgent
    assert decision.sent == Sent("08:00", MORNING, 1)


def test_an_unanswered_soon_prompt_asks_whether_someone_is_booked(routine: Routine) -> None:
    rules = rules_on([entry(day(-1), 2, signs=["radiating"])])
    assert [rule.level for rule in rules] == [Level.soon]
    notice = at(MORNING, routine, rules=rules).notice
    assert notice is not None and notice.title == STRETCH_TITLE
    assert notice.body.endswith(" Time to have this checked: have you booked someone?")


@pytest.mark.parametrize("given", [Answer.acknowledged, Answer.snoozed])
def test_an_arranged_or_snoozed_soon_prompt_asks_nothing(given: Answer, routine: Routine) -> None:
    said = [entry(day(-1), 2, signs=["radiating"])]
    rules = rules_on(said, responses=answer(rules_on(said), given))
    notice = at(MORNING, routine, rules=rules).notice
    assert notice is not None and "booked" not in notice.body


def test_an_emergency_in_force_repeats_its_advice_never_time_to_stretch(routine: Routine) -> None:
    rules = rules_on([entry(day(-1), 2, signs=["saddle"]), entry(day(-1), 2, signs=["radiating"])])
    notice = at(MORNING, routine, rules=rules).notice
    assert notice is not None
    assert notice.title == HEADLINES[Level.emergency]
    assert notice.body == EMERGENCY_ADVICE
    assert notice.urgent
    assert "stretch" not in notice.title + notice.body
    assert "booked" not in notice.body


def test_a_same_day_rule_in_force_repeats_its_advice_and_safety_net(routine: Routine) -> None:
    rules = rules_on([entry(day(-1), 2, signs=["one_leg_weak"])])
    notice = at(MORNING, routine, rules=rules).notice
    assert notice is not None
    assert notice.title == HEADLINES[Level.same_day]
    assert notice.body == f"{SAME_DAY_ADVICE} {SAFETY_NET_EMERGENCY}"
    assert "stretch" not in notice.title


def test_getting_help_keeps_the_level_in_force(routine: Routine) -> None:
    said = [entry(day(-1), 2, signs=["saddle"])]
    rules = rules_on(said, responses=answer(rules_on(said), Answer.getting_help))
    notice = at(MORNING, routine, rules=rules).notice
    assert notice is not None and notice.title == HEADLINES[Level.emergency]


def test_a_rule_checked_is_no_longer_in_force(routine: Routine) -> None:
    said = [entry(day(-1), 2, signs=["one_leg_weak"])]
    rules = rules_on(said, responses=answer(rules_on(said), Answer.checked))
    notice = at(MORNING, routine, rules=rules).notice
    assert notice is not None and notice.title == STRETCH_TITLE


def test_cancer_and_a_nerve_sign_adds_tell_them(routine: Routine) -> None:
    rules = rules_on([entry(day(-1), 2, signs=["radiating"])], about=profile(cancer="yes"))
    notice = at(MORNING, routine, rules=rules).notice
    assert notice is not None
    assert notice.body == f"{EMERGENCY_ADVICE} Tell them you have had cancer."


def test_each_slot_reminds_once(routine: Routine) -> None:
    first = at(MORNING, routine)
    assert first.sent is not None
    again = at(MORNING + timedelta(minutes=5), routine, sent=(first.sent,))
    assert again.notice is None
    assert again.reason == "a reminder went out for the 08:00 slot already"


def test_the_second_slot_fires_when_nothing_was_done_since_the_first(routine: Routine) -> None:
    first = at(MORNING, routine, marked=1)
    assert first.sent is not None
    second = at(EVENING, routine, sent=(first.sent,), marked=1)
    assert second.notice is not None
    assert second.sent == Sent("19:30", EVENING, 1)
    assert at(EVENING, routine, sent=(first.sent, second.sent), marked=1).notice is None


def test_the_second_slot_is_silent_once_something_was_done_since(routine: Routine) -> None:
    first = at(MORNING, routine)
    assert first.sent is not None
    second = at(EVENING, routine, sent=(first.sent,), marked=1)
    assert second.notice is None
    assert second.reason == "something was done since the reminder at 08:00"


def test_the_first_reminder_of_a_day_goes_out_at_any_slot(routine: Routine) -> None:
    # The computer was off through both: the run at wake is the day's one reminder.
    woke = EVENING + timedelta(minutes=40)
    decision = at(woke, routine)
    assert decision.notice is not None
    assert decision.sent == Sent("19:30", woke, 0)


def test_without_slots_a_day_reminds_once(routine: Routine) -> None:
    first = decide(PENDING, progress(routine), [], (), MORNING, ())
    assert first.sent == Sent("", MORNING, 0)
    later = decide(PENDING, progress(routine), [], (), EVENING, (first.sent,))
    assert later.notice is None and later.reason == "a reminder went out for today already"


def test_the_slot_is_the_latest_at_or_before_now() -> None:
    assert slot_at(SLOTS, MORNING - timedelta(minutes=1)) == ""
    assert slot_at(SLOTS, MORNING) == "08:00"
    assert slot_at(SLOTS, EVENING - timedelta(minutes=1)) == "08:00"
    assert slot_at(SLOTS, EVENING.replace(hour=23, minute=59)) == "19:30"


@pytest.mark.parametrize(
    ("text", "slot"), [("08:00", "08:00"), ("8:05", "08:05"), ("23:59", "23:59"), ("0:00", "00:00")]
)
def test_a_slot_is_a_time_of_day(text: str, slot: str) -> None:
    assert parse_slot(text) == slot


@pytest.mark.parametrize("text", ["24:00", "8", "08:60", "8am", "", "08:00:00", "-1:00"])
def test_a_slot_that_is_no_time_of_day_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"^--at: .* allowed: HH:MM from 00:00 to 23:59"):
        parse_slot(text)
