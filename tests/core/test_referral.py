"""The referral rules of specs/referral.md: every example there, and the edges around them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from itertools import count

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DayRecord, DoneMark, Hold, ReferralResponse, SymptomEntry
from psoas_tui.core.referral import (
    PERSISTENT_PAIN,
    SEVERE_PAIN,
    URGENT_SIGN,
    WARNING_SIGN,
    ActiveRule,
    DaysBetween,
    active_rules,
    banner_text,
    pain_episode,
    pending,
    prompt_for,
    respond,
)
from psoas_tui.core.signs import SIGNS, URGENT_SIGNS, WARNING_SIGNS
from psoas_tui.core.symptoms import daily_highest

PARIS = tz.gettz("Europe/Paris")
NEW_YORK = tz.gettz("America/New_York")
TODAY = date(2025, 3, 20)
_ids = count()


def entry(
    day: date,
    pain: int | None,
    *,
    signs: Sequence[str] = (),
    at: datetime | None = None,
    entry_id: str | None = None,
) -> SymptomEntry:
    """One entry of ``day``; ``at`` defaults to 08:00 Paris time that day."""
    return SymptomEntry(
        id=entry_id or f"e{next(_ids)}",
        day=day,
        logged_at=at or datetime(day.year, day.month, day.day, 8, 0, tzinfo=PARIS),
        pain=pain,
        stiffness=None if pain is None else 3,
        signs=tuple(signs),
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


def rules_named(rules: Sequence[ActiveRule], name: str) -> list[ActiveRule]:
    return [rule for rule in rules if rule.rule == name]


def persistent(entries: Sequence[SymptomEntry], today: date = TODAY) -> ActiveRule | None:
    found = rules_named(active_rules(entries, today), PERSISTENT_PAIN)
    assert len(found) <= 1
    return found[0] if found else None


# The examples of referral.md, one test each.


def test_pain_on_7_consecutive_dates_is_not_active() -> None:
    assert persistent(series(TODAY, [4] * 7)) is None


def test_pain_on_8_consecutive_dates_is_active() -> None:
    rule = persistent(series(TODAY, [4] * 8))
    assert rule is not None
    assert rule.level == "soon"
    assert rule.first_day == date(2025, 3, 13)
    assert rule.last_day == TODAY
    assert rule.key == "2025-03-13"


def test_8_pain_dates_with_one_unlogged_in_the_middle_are_active() -> None:
    rule = persistent(series(TODAY, [3, 3, 3, 3, None, 3, 3, 3, 3]))
    assert rule is not None
    assert rule.first_day == date(2025, 3, 12)


def test_a_logged_zero_on_day_5_of_9_restarts_the_episode_on_day_6() -> None:
    entries = series(TODAY, [5, 5, 5, 5, 0, 5, 5, 5, 5])
    assert pain_episode(daily_highest(entries)) == (date(2025, 3, 17), TODAY)
    assert persistent(entries) is None


def test_a_gap_of_4_unlogged_days_restarts_the_episode_after_it() -> None:
    entries = series(TODAY, [5, 5, 5, 5, 5, None, None, None, None, 5, 5, 5])
    assert pain_episode(daily_highest(entries)) == (date(2025, 3, 18), TODAY)
    assert persistent(entries) is None


def test_a_gap_of_3_unlogged_days_is_stepped_over() -> None:
    entries = series(TODAY, [5, 5, None, None, None, 5, 5, 5])
    rule = persistent(entries)
    assert rule is not None
    assert rule.first_day == date(2025, 3, 13)


def test_the_same_day_logged_3_then_0_is_a_pain_day() -> None:
    entries = series(TODAY - timedelta(days=1), [3] * 7)
    later = datetime(2025, 3, 20, 20, 0, tzinfo=PARIS)
    entries += [entry(TODAY, 3), entry(TODAY, 0, at=later)]
    assert daily_highest(entries)[TODAY] == 3
    assert persistent(entries) is not None


def test_a_backfilled_zero_inside_an_episode_splits_it() -> None:
    # The 0 goes on a day left unlogged: on a day with pain logged, the highest score would win.
    entries = series(TODAY, [4] * 6 + [None] + [4] * 5)
    assert persistent(entries) is not None
    backfilled = entry(TODAY - timedelta(days=5), 0, at=datetime(2025, 3, 20, 9, tzinfo=PARIS))
    assert persistent([*entries, backfilled]) is None


def test_a_backfilled_pain_day_can_complete_an_episode() -> None:
    entries = series(TODAY, [4] * 7)
    assert persistent(entries) is None
    backfilled = entry(TODAY - timedelta(days=7), 2, at=datetime(2025, 3, 20, 9, tzinfo=PARIS))
    rule = persistent([*entries, backfilled])
    assert rule is not None
    assert rule.key == "2025-03-13"


def test_a_backfilled_pain_day_can_close_a_gap() -> None:
    entries = series(TODAY, [4, 4, 4, None, None, None, None, 4])
    assert persistent(entries) is None
    backfilled = entry(TODAY - timedelta(days=3), 4)
    assert persistent([*entries, backfilled]) is not None


def test_the_latest_pain_day_3_days_before_today_is_not_current() -> None:
    entries = series(TODAY - timedelta(days=3), [6] * 10)
    assert persistent(entries) is None


def test_the_latest_pain_day_2_days_before_today_is_still_current() -> None:
    entries = series(TODAY - timedelta(days=2), [6] * 10)
    assert persistent(entries) is not None


def _eight_days_by_clock(
    start: datetime, zone_change: datetime | None = None
) -> list[SymptomEntry]:
    """Eight daily entries at the same wall time, each day decided by the clock as the app does."""
    clock = ManualClock(start)
    entries = []
    for offset in range(8):
        if zone_change is not None and offset == 4:
            clock.set_now(zone_change)
        now = clock.now()
        entries.append(
            SymptomEntry(f"d{offset}", clock.today(), now, 5, 3),
        )
        clock.set_now(now + timedelta(days=1))
    return entries


def test_8_pain_dates_across_a_dst_change_are_active_as_without_it() -> None:
    # Summer time starts in Paris on Sunday 30 March 2025: 02:00 jumps to 03:00.
    across = _eight_days_by_clock(datetime(2025, 3, 27, 23, 30, tzinfo=PARIS))
    plain = _eight_days_by_clock(datetime(2025, 3, 6, 23, 30, tzinfo=PARIS))
    assert [e.day.day for e in across] == [27, 28, 29, 30, 31, 1, 2, 3]
    for entries, today in ((across, date(2025, 4, 3)), (plain, date(2025, 3, 13))):
        rule = persistent(entries, today)
        assert rule is not None
        assert rule.key == entries[0].day.isoformat()
        assert rule.last_day == today
        assert rule.reasons[0].startswith("You logged pain on all 8 days from ")
        assert persistent(entries, today + timedelta(days=3)) is None


def test_8_pain_dates_across_a_dst_change_with_a_late_day_start() -> None:
    # With the day starting at 04:00, an entry at 02:30 belongs to the day before, also on the
    # night the clocks change.
    clock = ManualClock(datetime(2025, 3, 26, 2, 30, tzinfo=PARIS), day_starts_at=time(4, 0))
    entries = []
    for offset in range(8):
        entries.append(SymptomEntry(f"n{offset}", clock.today(), clock.now(), 4, 2))
        clock.set_now(clock.now() + timedelta(days=1))
    assert [e.day for e in entries] == [date(2025, 3, 25) + timedelta(days=n) for n in range(8)]
    rule = persistent(entries, today=date(2025, 4, 1))
    assert rule is not None
    assert rule.key == "2025-03-25"


def test_8_pain_dates_across_a_time_zone_change_are_active() -> None:
    # Four days in Paris, then four in New York: the dates stay one a day.
    entries = _eight_days_by_clock(
        datetime(2025, 3, 6, 8, 0, tzinfo=PARIS),
        zone_change=datetime(2025, 3, 10, 8, 0, tzinfo=NEW_YORK),
    )
    assert [e.day.day for e in entries] == list(range(6, 14))
    rule = persistent(entries, today=date(2025, 3, 13))
    assert rule is not None
    assert rule.first_day == date(2025, 3, 6)


# Edges of persistent pain.


def test_a_pain_free_latest_day_means_no_episode() -> None:
    entries = series(TODAY, [6] * 10 + [0])
    assert pain_episode(daily_highest(entries)) is None
    assert persistent(entries) is None


def test_no_entries_no_rules() -> None:
    assert active_rules([], TODAY) == []


def test_timer_entries_without_scores_count_as_unlogged_for_pain() -> None:
    entries = series(TODAY - timedelta(days=1), [5, 5, 5, None, 5, 5, 5, 5])
    entries.append(entry(TODAY - timedelta(days=5), None, signs=["worse_after_stretch"]))
    entries.append(entry(TODAY, None, signs=["worse_after_stretch"]))
    daily = daily_highest(entries)
    assert TODAY not in daily
    assert TODAY - timedelta(days=5) not in daily
    rule = persistent(entries)
    assert rule is not None
    assert rule.last_day == TODAY - timedelta(days=1)


def test_the_episode_key_stays_the_same_as_the_episode_grows() -> None:
    for more in range(5):
        today = TODAY + timedelta(days=more)
        rule = persistent(series(today, [3] * (8 + more)), today)
        assert rule is not None
        assert rule.key == "2025-03-13"


def test_persistent_pain_reasons_say_what_was_logged_with_dates_and_numbers() -> None:
    entries = series(TODAY, [3, 5, 6, None, 4, 4, 2, 6, 5])
    days = [
        DayRecord(TODAY - timedelta(days=n), marks=(DoneMark("bridge", TODAY, _noon()),))
        for n in range(6)
    ]
    asked: list[tuple[date, date]] = []
    [rule] = active_rules(entries, TODAY, days=between(days, asked))
    assert asked == [(date(2025, 3, 12), TODAY)]
    assert rule.reasons == (
        "You logged pain on 8 of the 9 days from Wed 12 March to Thu 20 March "
        "(1 not logged), and no pain-free day.",
        "Your daily pain was between 2 and 6 out of 10.",
        "You did some or all of your routine on 6 of these 9 days.",
    )
    assert rule.summary == "pain logged on 8 days since Wed 12 March"


def test_adherence_counts_complete_holds_and_not_partial_ones() -> None:
    entries = series(TODAY, [4] * 8)
    complete = Hold("bridge", None, 1, 30.0, 29.0, _noon(), TODAY)
    partial = Hold("bridge", None, 1, 30.0, 10.0, _noon(), TODAY - timedelta(days=1))
    outside = DayRecord(TODAY - timedelta(days=8), marks=(DoneMark("x", TODAY, _noon()),))
    days = [
        DayRecord(TODAY, holds=(complete,)),
        DayRecord(TODAY - timedelta(days=1), holds=(partial,)),
        outside,
    ]
    [rule] = active_rules(entries, TODAY, days=between(days))
    assert rule.reasons[0] == (
        "You logged pain on all 8 days from Thu 13 March to Thu 20 March, and no pain-free day."
    )
    assert rule.reasons[1] == "Your daily pain was 4 out of 10 each day you logged."
    assert rule.reasons[2] == "You did some or all of your routine on 1 of these 8 days."


def test_adherence_never_changes_which_rules_are_active() -> None:
    entries = series(TODAY, [4] * 8)
    without = active_rules(entries, TODAY)
    asked: list[tuple[date, date]] = []
    with_days = active_rules(entries, TODAY, days=between([], asked))
    assert [(r.rule, r.key) for r in without] == [(r.rule, r.key) for r in with_days]
    assert active_rules(series(TODAY, [4] * 7), TODAY, days=between([], asked)) == []
    assert asked == [(date(2025, 3, 13), TODAY)]


def _noon() -> datetime:
    return datetime(2025, 3, 20, 12, 0, tzinfo=PARIS)


# Signs.


@pytest.mark.parametrize("sign", WARNING_SIGNS)
def test_a_warning_sign_in_the_last_14_days_is_a_soon_rule_keyed_by_its_entry(sign: str) -> None:
    logged = entry(TODAY - timedelta(days=13), 2, signs=[sign], entry_id="abc")
    [rule] = active_rules([logged], TODAY)
    assert (rule.rule, rule.level, rule.key) == (WARNING_SIGN, "soon", "abc")


@pytest.mark.parametrize("sign", URGENT_SIGNS)
def test_an_urgent_sign_in_the_last_14_days_is_urgent(sign: str) -> None:
    logged = entry(TODAY, 2, signs=[sign], entry_id="xyz")
    [rule] = active_rules([logged], TODAY)
    assert (rule.rule, rule.level, rule.key) == (URGENT_SIGN, "urgent", "xyz")


def test_a_sign_14_days_ago_is_no_longer_active() -> None:
    old = entry(TODAY - timedelta(days=14), 2, signs=["radiating", "fever"])
    assert active_rules([old], TODAY) == []


def test_a_sign_on_a_timer_entry_without_scores_counts() -> None:
    hurt = entry(TODAY, None, signs=["worse_after_stretch"])
    [rule] = active_rules([hurt], TODAY)
    assert rule.rule == WARNING_SIGN
    assert rule.reasons == (
        "On Thu 20 March you answered yes to: pain that got worse right after a stretch.",
    )


def test_one_entry_with_both_kinds_of_sign_gives_two_rules_urgent_first() -> None:
    both = entry(TODAY, 3, signs=["radiating", "trauma", "fever"], entry_id="both")
    rules = active_rules([both], TODAY)
    assert [(r.rule, r.key) for r in rules] == [(URGENT_SIGN, "both"), (WARNING_SIGN, "both")]
    assert rules[0].reasons == (
        "On Thu 20 March you answered yes to: fever or feeling unwell with the back or hip "
        "pain; the pain began after a fall or accident.",
    )


# Severe pain.


def test_severe_pain_on_2_consecutive_logged_days_is_active() -> None:
    entries = series(TODAY, [7, 8])
    [rule] = active_rules(entries, TODAY)
    assert (rule.rule, rule.level, rule.key) == (SEVERE_PAIN, "soon", "2025-03-19")
    assert rule.reasons == (
        "Your daily pain was 7 or more on 2 logged days in a row, from Wed 19 March to "
        "Thu 20 March (highest 8 out of 10).",
    )


def test_one_severe_day_is_not_enough() -> None:
    assert rules_named(active_rules(series(TODAY, [7, 6, 7]), TODAY), SEVERE_PAIN) == []


def test_severe_days_are_consecutive_logged_days_even_with_unlogged_days_between() -> None:
    [rule] = active_rules(series(TODAY, [9, None, None, 8]), TODAY)
    assert rule.rule == SEVERE_PAIN


def test_a_severe_pair_half_outside_the_14_days_is_not_active() -> None:
    entries = series(TODAY - timedelta(days=12), [8, 8])
    assert rules_named(active_rules(entries, TODAY), SEVERE_PAIN) != []
    assert rules_named(active_rules(entries, TODAY + timedelta(days=1)), SEVERE_PAIN) == []


def test_a_long_severe_run_keeps_its_key_as_the_window_moves() -> None:
    entries = series(TODAY, [8] * 30)
    for later in range(3):
        [rule] = rules_named(active_rules(entries, TODAY + timedelta(days=later)), SEVERE_PAIN)
        assert rule.key == (TODAY - timedelta(days=29)).isoformat()


# Answers: acknowledged and snoozed.


def test_an_acknowledged_episode_is_not_pending_but_stays_active() -> None:
    entries = series(TODAY, [4] * 8)
    [rule] = active_rules(entries, TODAY)
    answers = respond([rule], "acknowledged", TODAY, _noon())
    assert answers == [
        ReferralResponse(PERSISTENT_PAIN, "2025-03-13", "acknowledged", TODAY, _noon())
    ]
    later = TODAY + timedelta(days=5)
    [again] = active_rules(series(later, [4] * 13), later, answers)
    assert again.acknowledged
    assert pending([again]) == []


def test_a_new_episode_is_pending_after_an_old_one_was_acknowledged() -> None:
    old = series(TODAY, [4] * 8)
    answers = respond(active_rules(old, TODAY), "acknowledged", TODAY, _noon())
    later = TODAY + timedelta(days=10)
    fresh = [*old, entry(TODAY + timedelta(days=1), 0), *series(later, [4] * 9)]
    [rule] = active_rules(fresh, later, answers)
    assert rule.key == (later - timedelta(days=8)).isoformat()
    assert rule.pending


def test_a_snooze_hides_a_rule_until_the_next_day() -> None:
    entries = [entry(TODAY, 2, signs=["radiating"])]
    answers = respond(active_rules(entries, TODAY), "snoozed", TODAY, _noon())
    assert pending(active_rules(entries, TODAY, answers)) == []
    [back] = pending(active_rules(entries, TODAY + timedelta(days=1), answers))
    assert back.rule == WARNING_SIGN


def test_an_urgent_sign_cannot_be_snoozed() -> None:
    entries = [entry(TODAY, 2, signs=["bladder_bowel"])]
    rules = active_rules(entries, TODAY)
    with pytest.raises(ValueError, match="urgent"):
        respond(rules, "snoozed", TODAY, _noon())
    stored = [ReferralResponse(URGENT_SIGN, rules[0].key, "snoozed", TODAY, _noon())]
    assert pending(active_rules(entries, TODAY, stored)) == rules


def test_an_answer_is_for_its_own_rule_and_key_only() -> None:
    entries = [entry(TODAY, 2, signs=["radiating", "fever"], entry_id="k")]
    answers = [ReferralResponse(WARNING_SIGN, "k", "acknowledged", TODAY, _noon())]
    assert [rule.rule for rule in pending(active_rules(entries, TODAY, answers))] == [URGENT_SIGN]


# Words.

_DIAGNOSES = re.compile(
    r"sciatica|hernia|disc|labral|tear|strain|cauda|equina|arthritis|tumou?r|cancer|infection|"
    r"fracture|nerve|syndrome|diagnos|dangerous|emergency!|serious",
    re.IGNORECASE,
)


def _all_rules() -> list[ActiveRule]:
    entries = [
        *series(TODAY, [7, 8, 8, 7, 9, 8, 8, 8]),
        entry(TODAY, 8, signs=[sign.key for sign in SIGNS]),
    ]
    return active_rules(entries, TODAY, days=between([]))


def test_the_soon_prompt_says_what_to_do_and_that_the_app_cannot_tell_the_cause() -> None:
    soon = [rule for rule in _all_rules() if rule.level == "soon"]
    prompt = prompt_for(soon)
    assert prompt.level == "soon"
    assert prompt.snooze_offered
    assert "a physical therapist, a doctor or a chiropractor" in prompt.what_to_do
    assert "cannot tell what is causing" in prompt.cannot_tell
    assert prompt.noticed == tuple(reason for rule in soon for reason in rule.reasons)


def test_the_urgent_prompt_says_stop_and_get_care_now_and_offers_no_snooze() -> None:
    prompt = prompt_for(_all_rules())
    assert prompt.level == "urgent"
    assert not prompt.snooze_offered
    assert "Stop the exercises and get urgent medical care now" in prompt.what_to_do
    assert "Do not wait" in prompt.what_to_do
    assert prompt.noticed[0].startswith("On Thu 20 March you answered yes to: numbness")
    text = prompt.text()
    assert text.startswith("Please get medical care now\n")
    assert prompt.cannot_tell in text


def test_no_words_name_a_diagnosis_or_alarm() -> None:
    texts = [sign.question for sign in SIGNS] + [sign.noticed for sign in SIGNS]
    rules = _all_rules()
    texts += [reason for rule in rules for reason in rule.reasons]
    texts += [rule.summary for rule in rules]
    texts += [prompt_for(rules).text(), prompt_for(rules[-1:]).text(), banner_text(rules)]
    for text in texts:
        assert not _DIAGNOSES.search(text), text
        assert "!" not in text, text


def test_a_prompt_needs_a_rule() -> None:
    with pytest.raises(ValueError):
        prompt_for([])


def test_the_banner_names_the_most_pressing_rule_and_counts_the_rest() -> None:
    assert banner_text([]) == ""
    rules = _all_rules()
    assert banner_text(rules) == (
        f"Please get medical care now: an urgent sign logged on Thu 20 March "
        f"(and {len(rules) - 1} more)."
    )
    acknowledged = active_rules(
        series(TODAY, [4] * 8),
        TODAY,
        [ReferralResponse(PERSISTENT_PAIN, "2025-03-13", "acknowledged", TODAY, _noon())],
    )
    assert banner_text(acknowledged) == (
        "Worth having checked: pain logged on 8 days since Thu 13 March; "
        "you have arranged to see someone."
    )


# Properties.

_days_before = st.integers(min_value=1, max_value=40).map(lambda n: TODAY - timedelta(days=n))
_entries = st.lists(
    st.builds(
        entry,
        day=st.one_of(_days_before, st.just(TODAY)),
        pain=st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
        signs=st.lists(st.sampled_from([sign.key for sign in SIGNS]), max_size=2, unique=True),
    ),
    max_size=40,
)


@given(entries=_entries, data=st.data())
def test_the_order_entries_were_saved_in_never_changes_the_result(
    entries: list[SymptomEntry], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(entries))
    assert active_rules(shuffled, TODAY) == active_rules(entries, TODAY)


@given(
    entries=st.lists(
        st.builds(
            entry,
            day=_days_before,
            pain=st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
        ),
        max_size=40,
    )
)
def test_a_pain_free_day_today_always_ends_a_persistent_pain_episode(
    entries: list[SymptomEntry],
) -> None:
    with_today = [*entries, entry(TODAY, 0)]
    assert pain_episode(daily_highest(with_today)) is None
    assert rules_named(active_rules(with_today, TODAY), PERSISTENT_PAIN) == []
