"""The referral rules: every example of the rules, the clinical review's cases, and properties."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from referral_cases import (
    NEW_YORK,
    PARIS,
    TODAY,
    answer,
    between,
    day,
    entry,
    named,
    noon,
    profile,
    rules_on,
    series,
)

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import Answer, DayRecord, DoneMark, Hold, ReferralResponse, SymptomEntry
from psoas_tui.core.referral import (
    ActiveRule,
    Rule,
    active_rules,
    earlier_logged,
    episode_of,
    from_version_1,
    in_force,
    in_window,
    modal_due,
    pending,
    respond,
    sign_level,
    timer_question,
    to_show,
    top_level,
)
from psoas_tui.core.signs import QUESTIONS, SIGN_BY_KEY, SIGNS, Level, SignKey, stored_sign
from psoas_tui.core.symptoms import daily_highest


def persistent(entries: list[SymptomEntry], today: date = TODAY) -> ActiveRule | None:
    found = named(rules_on(entries, today), Rule.persistent_pain)
    assert len(found) <= 1
    return found[0] if found else None


# The examples kept from version 1, one test each.


def test_pain_on_7_consecutive_dates_is_not_active() -> None:
    assert persistent(series(TODAY, [4] * 7)) is None


def test_pain_on_8_consecutive_dates_is_active() -> None:
    rule = persistent(series(TODAY, [4] * 8))
    assert rule is not None
    assert rule.level is Level.soon
    assert rule.first_day == date(2025, 3, 13)
    assert rule.last_day == TODAY
    assert rule.key == "2025-03-13/2025-03-20"


def test_8_pain_dates_with_one_unlogged_in_the_middle_are_active() -> None:
    rule = persistent(series(TODAY, [3, 3, 3, 3, None, 3, 3, 3, 3]))
    assert rule is not None
    assert rule.first_day == date(2025, 3, 12)


def test_a_logged_zero_on_day_5_of_9_restarts_the_episode_on_day_6() -> None:
    entries = series(TODAY, [5, 5, 5, 5, 0, 5, 5, 5, 5])
    assert episode_of(entries) == (date(2025, 3, 17), TODAY)
    assert persistent(entries) is None


def test_a_gap_of_4_unlogged_days_restarts_the_episode_after_it() -> None:
    entries = series(TODAY, [5, 5, 5, 5, 5, None, None, None, None, 5, 5, 5])
    assert episode_of(entries) == (date(2025, 3, 18), TODAY)
    assert persistent(entries) is None


def test_a_gap_of_3_unlogged_days_is_stepped_over() -> None:
    rule = persistent(series(TODAY, [5, 5, None, None, None, 5, 5, 5]))
    assert rule is not None
    assert rule.first_day == date(2025, 3, 13)


def test_the_same_day_logged_3_then_0_is_a_pain_day() -> None:
    entries = series(day(-1), [3] * 7)
    entries += [entry(TODAY, 3), entry(TODAY, 0, at=datetime(2025, 3, 20, 20, tzinfo=PARIS))]
    assert daily_highest(entries)[TODAY] == 3
    assert persistent(entries) is not None


def test_the_same_day_logged_0_then_3_is_a_pain_day_too() -> None:
    entries = series(day(-1), [3] * 7)
    entries += [entry(TODAY, 0), entry(TODAY, 3, at=datetime(2025, 3, 20, 20, tzinfo=PARIS))]
    assert persistent(entries) is not None


def test_a_backfilled_zero_inside_an_episode_splits_it() -> None:
    # The 0 goes on a day left unlogged: on a day with pain logged, the highest score would win.
    entries = series(TODAY, [4] * 6 + [None] + [4] * 5)
    assert persistent(entries) is not None
    backfilled = entry(day(-5), 0, at=noon())
    assert persistent([*entries, backfilled]) is None


def test_a_backfilled_zero_on_a_day_with_pain_does_not_split_it() -> None:
    entries = series(TODAY, [4] * 8)
    assert persistent([*entries, entry(day(-4), 0, at=noon())]) is not None


def test_a_backfilled_pain_day_can_complete_an_episode() -> None:
    entries = series(TODAY, [4] * 7)
    assert persistent(entries) is None
    rule = persistent([*entries, entry(day(-7), 2, at=noon())])
    assert rule is not None
    assert rule.first_day == date(2025, 3, 13)


def test_a_backfilled_pain_day_can_close_a_gap() -> None:
    entries = series(TODAY, [4, 4, 4, None, None, None, None, 4])
    assert persistent(entries) is None
    assert persistent([*entries, entry(day(-3), 4)]) is not None


def test_the_latest_pain_day_3_days_before_today_is_not_current() -> None:
    assert persistent(series(day(-3), [6] * 10)) is None


def test_the_latest_pain_day_2_days_before_today_is_still_current() -> None:
    assert persistent(series(day(-2), [6] * 10)) is not None


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
        entries.append(SymptomEntry(f"d{offset}", clock.today(), now, 5, 3))
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
        assert rule.first_day == entries[0].day
        assert rule.last_day == today
        assert rule.dates == 8
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
    assert rule.first_day == date(2025, 3, 25)


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


# Persistent pain: edges, score-less days, six weeks.


def test_a_pain_free_latest_day_means_no_episode() -> None:
    entries = series(TODAY, [6] * 10 + [0])
    assert episode_of(entries) is None
    assert persistent(entries) is None


def test_no_entries_no_rules() -> None:
    assert rules_on([]) == []


def test_score_less_this_hurts_days_are_pain_days_of_unknown_score() -> None:
    # Clinical review PP13: four days with only "this hurts" no longer split an episode.
    entries = series(TODAY, [5, 5, None, None, None, None, 5, 5])
    assert persistent(entries) is None
    hurts = [entry(day(-n), None, signs=["worse_after_stretch"]) for n in range(2, 6)]
    rule = persistent([*entries, *hurts])
    assert rule is not None
    assert (rule.first_day, rule.logged_days, rule.unscored_days) == (day(-7), 8, 4)
    assert (rule.low, rule.high) == (5, 5)


def test_a_latest_day_with_only_this_hurts_is_the_episode_s_latest_pain_day() -> None:
    # Clinical review PP14: L is the latest logged day, and a "this hurts" day is a pain day.
    entries = [*series(day(-1), [4] * 7), entry(TODAY, None, signs=["worse_after_stretch"])]
    rule = persistent(entries)
    assert rule is not None
    assert rule.last_day == TODAY


def test_a_zero_beside_this_hurts_is_not_a_pain_free_day() -> None:
    entries = [*series(TODAY, [4] * 8)]
    middle = day(-4)
    entries += [entry(middle, 0, at=noon(middle)), entry(middle, None, at=noon(middle))]
    assert persistent(entries) is not None


def test_the_episode_stays_the_same_as_it_grows() -> None:
    for more in range(5):
        today = day(more)
        rule = persistent(series(today, [3] * (8 + more)), today)
        assert rule is not None
        assert rule.first_day == date(2025, 3, 13)


def test_long_persistent_pain_from_43_dates() -> None:
    assert named(rules_on(series(TODAY, [3] * 42)), Rule.long_persistent_pain) == []
    rules = rules_on(series(TODAY, [3] * 43))
    [long] = named(rules, Rule.long_persistent_pain)
    assert long.level is Level.soon
    assert long.dates == 43
    assert named(rules, Rule.persistent_pain) != []


def test_long_persistent_pain_with_cancer_is_same_day() -> None:
    rules = rules_on(series(TODAY, [3] * 43), about=profile(cancer="yes"))
    [long] = named(rules, Rule.cancer_long_pain)
    assert long.level is Level.same_day
    assert named(rules, Rule.long_persistent_pain) == []


def test_an_acknowledged_episode_prompts_again_when_it_reaches_six_weeks() -> None:
    first = rules_on(series(day(-35), [3] * 8), day(-35))
    answers = answer(first, Answer.acknowledged, day(-35))
    rules = rules_on(series(TODAY, [3] * 43), TODAY, answers)
    assert [rule.rule for rule in pending(rules)] == [Rule.long_persistent_pain]


def test_persistent_pain_reports_what_was_logged_with_dates_and_numbers() -> None:
    entries = series(TODAY, [3, 5, 6, None, 4, 4, 2, 6, 5])
    days = [DayRecord(day(-n), marks=(DoneMark("bridge", TODAY, noon()),)) for n in range(6)]
    asked: list[tuple[date, date]] = []
    [rule] = active_rules(entries, TODAY, days=between(days, asked))
    assert asked == [(date(2025, 3, 12), TODAY)]
    assert (rule.dates, rule.logged_days, rule.low, rule.high) == (9, 8, 2, 6)
    assert rule.routine_days == 6


def test_adherence_counts_complete_holds_and_not_partial_ones() -> None:
    complete = Hold("bridge", None, 1, 30.0, 29.0, noon(), TODAY)
    partial = Hold("bridge", None, 1, 30.0, 10.0, noon(), day(-1))
    days = [
        DayRecord(TODAY, holds=(complete,)),
        DayRecord(day(-1), holds=(partial,)),
        DayRecord(day(-8), marks=(DoneMark("x", TODAY, noon()),)),
    ]
    [rule] = active_rules(series(TODAY, [4] * 8), TODAY, days=between(days))
    assert rule.routine_days == 1


def test_adherence_never_changes_which_rules_are_active() -> None:
    entries = series(TODAY, [4] * 8)
    without = active_rules(entries, TODAY)
    asked: list[tuple[date, date]] = []
    done_every_day = [
        DayRecord(day(-n), marks=(DoneMark("bridge", day(-n), noon()),)) for n in range(8)
    ]
    with_days = active_rules(entries, TODAY, days=between(done_every_day, asked))
    assert [(r.rule, r.key) for r in without] == [(r.rule, r.key) for r in with_days]
    assert with_days[0].routine_days == 8
    assert active_rules(series(TODAY, [4] * 7), TODAY, days=between([], asked)) == []
    assert asked == [(date(2025, 3, 13), TODAY)]


# Signs and the window.


@pytest.mark.parametrize("sign", [s.key for s in SIGNS])
def test_each_sign_yes_in_the_window_is_a_rule_at_its_level(sign: SignKey) -> None:
    [rule] = rules_on([entry(day(-13), 2, signs=[sign], entry_id="abc")])
    assert rule.level is SIGN_BY_KEY[sign].level
    assert rule.sign is sign
    assert rule.entry_id == "abc"
    expected = {
        Level.soon: Rule.soon_sign,
        Level.same_day: Rule.same_day_sign,
        Level.emergency: Rule.emergency_sign,
    }
    assert rule.rule is expected[rule.level]


def test_the_window_is_today_and_the_13_days_before() -> None:
    # Clinical review WS13/WS14.
    assert in_window(day(-13), TODAY)
    assert not in_window(day(-14), TODAY)
    assert not in_window(day(1), TODAY)
    assert rules_on([entry(day(-14), 2, signs=["radiating", "saddle"])]) == []
    assert rules_on([entry(day(-15), 2, signs=["radiating", "saddle"])]) == []
    assert len(rules_on([entry(TODAY, 2, signs=["radiating", "saddle"])])) == 2
    assert len(rules_on([entry(day(-13), 2, signs=["radiating", "saddle"])])) == 2


def test_entries_after_today_are_not_seen() -> None:
    assert rules_on([entry(day(1), 2, signs=["saddle"])]) == []


def test_a_sign_on_a_timer_entry_without_scores_counts() -> None:
    [rule] = rules_on([entry(TODAY, None, signs=["worse_after_stretch"])])
    assert rule.rule is Rule.soon_sign
    assert rule.yes_days == (TODAY,)


def test_each_sign_is_its_own_rule_most_urgent_first() -> None:
    both = entry(TODAY, 3, signs=["radiating", "trauma", "fever", "saddle"], entry_id="both")
    rules = rules_on([both])
    assert [(r.rule, r.sign) for r in rules] == [
        (Rule.emergency_sign, SignKey.saddle),
        (Rule.same_day_sign, SignKey.fever),
        (Rule.same_day_sign, SignKey.trauma),
        (Rule.soon_sign, SignKey.radiating),
    ]


def test_the_legacy_trauma_key_counts_at_the_same_day_level_and_is_never_asked() -> None:
    assert SignKey.trauma not in QUESTIONS
    [rule] = rules_on([entry(TODAY, 3, signs=["trauma"])])
    assert rule.level is Level.same_day


def test_version_1_keys_are_read_as_their_version_2_keys() -> None:
    assert stored_sign("saddle_numbness") is SignKey.saddle
    assert stored_sign("leg_weakness") is SignKey.both_legs
    [rule] = rules_on([entry(TODAY, 3, signs=["saddle_numbness"])])
    assert (rule.rule, rule.sign) == (Rule.emergency_sign, SignKey.saddle)


# Sign runs and their answers.


def _yes(on: date, sign: str = "radiating", at: datetime | None = None) -> SymptomEntry:
    """A form entry of ``on`` that asked every question and said yes to ``sign``."""
    return entry(on, 3, signs=[sign], asked=list(QUESTIONS), at=at)


def test_radiating_on_days_1_3_and_9_acknowledged_on_day_1_prompts_only_on_day_1() -> None:
    start = day(-20)
    entries: list[SymptomEntry] = []
    answers: list[ReferralResponse] = []
    for offset in (0, 2, 8):
        on = start + timedelta(days=offset)
        entries.append(_yes(on))
        rules = rules_on(entries, on, answers)
        assert bool(pending(rules)) == (offset == 0), offset
        if offset == 0:
            answers += answer(rules, Answer.acknowledged, on)


def test_radiating_every_7_days_stays_one_run_and_silent_on_day_22() -> None:
    start = day(-21)
    entries = [_yes(start)]
    answers = answer(rules_on(entries, start), Answer.acknowledged, start)
    for offset in (7, 14, 21):
        entries.append(_yes(start + timedelta(days=offset)))
        assert pending(rules_on(entries, start + timedelta(days=offset), answers)) == []


def test_a_yes_8_or_more_days_after_the_run_s_last_yes_prompts() -> None:
    start = day(-8)
    entries = [_yes(start)]
    answers = answer(rules_on(entries, start), Answer.acknowledged, start)
    entries.append(_yes(TODAY))
    [rule] = pending(rules_on(entries, TODAY, answers))
    assert rule.first_day == TODAY


def test_no_and_not_asked_neither_end_nor_extend_a_run() -> None:
    start = day(-7)
    entries = [_yes(start), entry(day(-3), 3, asked=list(QUESTIONS)), entry(day(-2), 3)]
    answers = answer(rules_on(entries, start), Answer.acknowledged, start)
    entries.append(_yes(TODAY))
    [rule] = named(rules_on(entries, TODAY, answers), Rule.soon_sign)
    assert rule.answered
    assert rule.first_day == start


def test_a_sign_run_is_formed_over_all_entries_not_only_the_window() -> None:
    entries = [_yes(day(-n * 6)) for n in range(5)]
    [rule] = rules_on(entries)
    assert rule.first_day == day(-24)
    assert rule.yes_days == (day(-12), day(-6), TODAY)


def test_a_backfilled_yes_inside_an_answered_run_is_covered() -> None:
    entries = [_yes(day(-4))]
    answers = answer(rules_on(entries, day(-4)), Answer.acknowledged, day(-4))
    entries.append(_yes(day(-6), at=noon()))
    assert pending(rules_on(entries, TODAY, answers)) == []


def test_after_six_weeks_a_soon_sign_prompts_again_with_the_six_week_rule() -> None:
    start = day(-45)
    entries = [_yes(start + timedelta(days=n)) for n in range(0, 46, 5)]
    answers = answer(rules_on(entries[:1], start), Answer.acknowledged, start)
    day_41 = start + timedelta(days=41)
    assert pending(rules_on([e for e in entries if e.day <= day_41], day_41, answers)) == []
    [rule] = rules_on(entries, TODAY, answers)
    assert rule.rule is Rule.lasting_sign
    assert rule.pending
    again = answer([rule], Answer.acknowledged)
    [quiet] = rules_on(entries, TODAY, [*answers, *again])
    assert quiet.answered


def test_after_six_weeks_an_emergency_sign_prompts_again_at_its_level() -> None:
    start = day(-44)
    entries = [_yes(start + timedelta(days=n), "saddle") for n in range(0, 45, 4)]
    answers = answer(rules_on(entries[:1], start), Answer.checked, start)
    [rule] = [found for found in rules_on(entries, TODAY, answers) if found.sign]
    assert (rule.rule, rule.in_force) == (Rule.emergency_sign, True)


def test_an_entry_whose_signs_were_all_answered_edited_to_add_bladder_bowel_prompts() -> None:
    # Clinical review AK6.
    first = entry(TODAY, 4, signs=["radiating"], entry_id="k")
    answers = answer(rules_on([first]), Answer.acknowledged)
    assert pending(rules_on([first], TODAY, answers)) == []
    edited = entry(TODAY, 4, signs=["radiating", "bladder_bowel"], entry_id="k")
    [rule] = pending(rules_on([edited], TODAY, answers))
    assert (rule.rule, rule.level) == (Rule.emergency_sign, Level.emergency)


def test_an_edit_that_adds_a_sign_outside_an_answered_run_is_new() -> None:
    entries = [_yes(day(-20))]
    answers = answer(rules_on(entries, day(-20)), Answer.acknowledged, day(-20))
    edited_old = entry(day(-10), 3, signs=["radiating"], entry_id="old")
    [rule] = rules_on([*entries, edited_old], TODAY, answers)
    assert rule.pending


def test_an_acknowledged_sign_is_not_asked_again_every_day_it_is_ticked() -> None:
    # Clinical review AK4.
    entries = [_yes(day(-5))]
    answers = answer(rules_on(entries, day(-5)), Answer.acknowledged, day(-5))
    for n in range(4, -1, -1):
        entries.append(_yes(day(-n)))
        assert pending(rules_on(entries, day(-n), answers)) == []


# Severe pain.


def test_severe_pain_on_2_consecutive_logged_days_is_active() -> None:
    [rule] = rules_on(series(TODAY, [7, 8]))
    assert (rule.rule, rule.level, rule.high) == (Rule.severe_pain, Level.soon, 8)
    assert (rule.first_day, rule.last_day, rule.logged_days) == (day(-1), TODAY, 2)


def test_one_severe_day_is_not_enough() -> None:
    assert named(rules_on(series(TODAY, [7, 6, 7])), Rule.severe_pain) == []


def test_severe_days_with_up_to_3_unlogged_days_between_are_a_pair() -> None:
    assert named(rules_on(series(TODAY, [9, None, None, 8])), Rule.severe_pain) != []
    assert named(rules_on(series(TODAY, [9, None, None, None, 8])), Rule.severe_pain) != []


def test_severe_days_with_4_unlogged_days_between_are_not_a_pair() -> None:
    # Clinical review SV2/SV7: 8 on today - 13 and 8 today with nothing between is no longer one.
    assert named(rules_on(series(TODAY, [9, None, None, None, None, 8])), Rule.severe_pain) == []
    assert named(rules_on([entry(day(-13), 8), entry(TODAY, 8)]), Rule.severe_pain) == []


def test_a_score_less_day_between_two_severe_days_does_not_break_them() -> None:
    entries = [entry(day(-2), 8), entry(day(-1), None, signs=["worse_after_stretch"])]
    entries.append(entry(TODAY, 8))
    assert named(rules_on(entries), Rule.severe_pain) != []


def test_a_severe_pair_half_outside_the_window_is_not_active() -> None:
    entries = series(day(-12), [8, 8])
    assert named(rules_on(entries), Rule.severe_pain) != []
    assert named(rules_on(entries, day(1)), Rule.severe_pain) == []


def test_a_long_severe_run_keeps_its_first_day_as_the_window_moves() -> None:
    entries = series(TODAY, [8] * 30)
    for later in range(3):
        [rule] = named(rules_on(entries, day(later)), Rule.severe_pain)
        assert rule.first_day == day(-29)


def test_an_acknowledged_severe_run_stays_answered_as_it_grows() -> None:
    answers = answer(rules_on(series(day(-3), [8, 8]), day(-3)), Answer.acknowledged, day(-3))
    [rule] = named(rules_on(series(TODAY, [8] * 5), TODAY, answers), Rule.severe_pain)
    assert rule.answered


# Answers: acknowledged, snoozed, checked, getting help.


def test_an_acknowledged_episode_is_not_pending_but_stays_active() -> None:
    [rule] = rules_on(series(TODAY, [4] * 8))
    answers = respond([rule], Answer.acknowledged, TODAY, noon())
    assert answers == [
        ReferralResponse(
            Rule.persistent_pain, "2025-03-13/2025-03-20", Answer.acknowledged, TODAY, noon()
        )
    ]
    later = day(5)
    [again] = rules_on(series(later, [4] * 13), later, answers)
    assert again.answered
    assert pending([again]) == []


def test_an_acknowledged_episode_then_a_pain_day_backfilled_before_s_does_not_prompt() -> None:
    # Clinical review AK3.
    entries = series(TODAY, [4] * 8)
    answers = answer(rules_on(entries), Answer.acknowledged)
    backfilled = entry(day(-8), 5, at=noon())
    [rule] = rules_on([*entries, backfilled], TODAY, answers)
    assert rule.first_day == day(-8)
    assert rule.answered


def test_a_new_episode_after_a_zero_prompts_again() -> None:
    old = series(TODAY, [4] * 8)
    answers = answer(rules_on(old), Answer.acknowledged)
    later = day(10)
    fresh = [*old, entry(day(1), 0), *series(later, [4] * 9)]
    [rule] = rules_on(fresh, later, answers)
    assert rule.first_day == day(2)
    assert rule.pending


def test_a_new_episode_after_a_4_day_gap_prompts_again() -> None:
    old = series(TODAY, [4] * 8)
    answers = answer(rules_on(old), Answer.acknowledged)
    later = day(12)
    [rule] = rules_on([*old, *series(later, [4] * 8)], later, answers)
    assert rule.pending


def test_a_snooze_hides_a_soon_rule_until_the_next_day() -> None:
    entries = [entry(TODAY, 2, signs=["radiating"])]
    answers = respond(rules_on(entries), Answer.snoozed, TODAY, noon())
    [snoozed] = rules_on(entries, TODAY, answers)
    assert snoozed.snoozed and not snoozed.pending and not snoozed.answered
    [back] = pending(rules_on(entries, day(1), answers))
    assert back.rule is Rule.soon_sign


def test_a_snooze_then_a_new_sign_prompts() -> None:
    entries = [entry(TODAY, 2, signs=["radiating"])]
    answers = answer(rules_on(entries), Answer.snoozed)
    entries.append(entry(TODAY, 2, signs=["worse_after_stretch"]))
    [new] = pending(rules_on(entries, TODAY, answers))
    assert new.sign is SignKey.worse_after_stretch


@pytest.mark.parametrize("kind", [Answer.snoozed, Answer.acknowledged])
def test_same_day_and_emergency_rules_refuse_snooze_and_acknowledge(kind: Answer) -> None:
    for sign in ("bladder_bowel", "fever"):
        rules = rules_on([entry(TODAY, 2, signs=[sign])])
        with pytest.raises(ValueError, match="same-day or emergency"):
            respond(rules, kind, TODAY, noon())
        stored = answer(rules, kind)
        assert pending(rules_on([entry(TODAY, 2, signs=[sign])], TODAY, stored)) != []


def test_getting_help_is_offered_only_at_same_day_and_emergency() -> None:
    with pytest.raises(ValueError, match="getting_help"):
        respond(
            rules_on([entry(TODAY, 2, signs=["radiating"])]), Answer.getting_help, TODAY, noon()
        )


def test_an_answer_applies_to_every_rule_shown() -> None:
    entries = [*series(TODAY, [4] * 8), entry(TODAY, 4, signs=["radiating", "saddle"])]
    rules = rules_on(entries)
    answers = respond(to_show(rules), Answer.checked, TODAY, noon())
    assert len(answers) == 3
    assert all(rule.answered for rule in rules_on(entries, TODAY, answers))


def test_an_answer_is_for_its_own_rule_and_key_only() -> None:
    entries = [entry(TODAY, 2, signs=["radiating", "fever"], entry_id="k")]
    rules = rules_on(entries)
    answers = answer(named(rules, Rule.soon_sign), Answer.acknowledged)
    assert [rule.rule for rule in pending(rules_on(entries, TODAY, answers))] == [
        Rule.same_day_sign
    ]


def test_a_version_1_answer_to_an_episode_still_covers_it() -> None:
    # Version 1 keyed an episode by its first day alone; such an answer still overlaps [S, L].
    stored = [ReferralResponse("persistent_pain", "2025-03-13", "acknowledged", TODAY, noon())]
    [rule] = active_rules(series(TODAY, [4] * 8), TODAY, stored)  # type: ignore[arg-type]
    assert rule.answered


def test_version_1_sign_answers_are_rekeyed_and_urgent_ones_dropped() -> None:
    said = entry(day(-2), 3, signs=["radiating", "saddle_numbness"], entry_id="v1")
    stored = [
        ReferralResponse("warning_sign", "v1", "acknowledged", day(-2), noon(day(-2))),
        ReferralResponse("urgent_sign", "v1", "acknowledged", day(-2), noon(day(-2))),
        ReferralResponse("severe_pain", "2025-03-10", "snoozed", day(-2), noon(day(-2))),
    ]
    converted = from_version_1(stored, [said])  # type: ignore[arg-type]
    assert converted == [
        ReferralResponse(
            Rule.soon_sign,
            "radiating:2025-03-18/2025-03-18",
            Answer.acknowledged,
            day(-2),
            noon(day(-2)),
        ),
        ReferralResponse("severe_pain", "2025-03-10", Answer.snoozed, day(-2), noon(day(-2))),
    ]
    rules = rules_on([said, entry(TODAY, 3, signs=["radiating"])], TODAY, converted)
    assert [(rule.sign, rule.answered) for rule in rules] == [
        (SignKey.saddle, False),
        (SignKey.radiating, True),
    ]


# The examples new in version 2.


def test_saddle_getting_help_then_a_soon_sign_opens_the_modal_at_emergency() -> None:
    entries = [entry(TODAY, 3, signs=["saddle"])]
    answers = answer(rules_on(entries), Answer.getting_help)
    rules = rules_on(entries, TODAY, answers)
    assert not modal_due(rules)
    assert top_level(rules) is Level.emergency
    entries.append(entry(TODAY, 3, signs=["radiating"]))
    rules = rules_on(entries, TODAY, answers)
    assert modal_due(rules)
    assert top_level(to_show(rules)) is Level.emergency
    assert {rule.rule for rule in to_show(rules)} == {Rule.emergency_sign, Rule.soon_sign}
    tomorrow = rules_on(entries[:1], day(1), answers)
    assert modal_due(tomorrow)


def test_saddle_the_timer_asks_until_checked() -> None:
    entries = [entry(TODAY, 3, signs=["saddle"])]
    rules = rules_on(entries)
    asked = timer_question(rules, [], TODAY)
    assert asked is not None and asked.sign is SignKey.saddle
    checked = answer(rules, Answer.checked)
    assert timer_question(rules_on(entries, TODAY, checked), checked, TODAY) is None


def test_start_anyway_holds_until_the_next_day_or_another_rule_in_force() -> None:
    entries = [entry(TODAY, 3, signs=["saddle"])]
    rules = rules_on(entries)
    started = answer(rules, Answer.start_anyway)
    assert timer_question(rules, started, TODAY) is None
    assert timer_question(rules_on(entries, day(1)), started, day(1)) is not None
    entries.append(entry(TODAY, 3, signs=["fever"]))
    assert timer_question(rules_on(entries), started, TODAY) is not None
    soon_only = [*entries[:1], entry(TODAY, 3, signs=["radiating"])]
    assert timer_question(rules_on(soon_only), started, TODAY) is None


def test_the_timer_names_the_highest_level_s_latest_rule() -> None:
    entries = [
        entry(day(-3), 3, signs=["saddle"]),
        entry(day(-1), 3, signs=["both_legs"]),
        entry(TODAY, 3, signs=["fever"]),
    ]
    named_rule = timer_question(rules_on(entries), [], TODAY)
    assert named_rule is not None and named_rule.sign is SignKey.both_legs
    assert timer_question(rules_on([entry(TODAY, 3, signs=["radiating"])]), [], TODAY) is None


def test_saddle_yes_then_no_the_next_day_stays_in_force_at_same_day() -> None:
    entries = [_yes(TODAY, "saddle"), entry(day(1), 2, asked=list(QUESTIONS))]
    [rule] = rules_on(entries, day(1))
    assert (rule.rule, rule.level, rule.in_force) == (
        Rule.emergency_sign_then_no,
        Level.same_day,
        True,
    )
    assert rule.day == TODAY


def test_a_later_entry_that_did_not_ask_the_sign_keeps_it_emergency() -> None:
    entries = [_yes(TODAY, "saddle"), entry(day(1), 2, asked=["radiating"]), entry(day(1), 2)]
    [rule] = rules_on(entries, day(1))
    assert rule.rule is Rule.emergency_sign


def test_checked_at_emergency_also_covers_the_same_day_continuation() -> None:
    entries = [_yes(TODAY, "saddle")]
    checked = answer(rules_on(entries), Answer.checked)
    entries.append(entry(day(1), 2, asked=list(QUESTIONS)))
    [rule] = rules_on(entries, day(1), checked)
    assert rule.answered


def test_a_same_day_answer_never_covers_the_sign_coming_back_at_emergency() -> None:
    entries = [_yes(day(-2), "saddle"), entry(day(-1), 2, asked=list(QUESTIONS))]
    checked = answer(rules_on(entries, day(-1)), Answer.checked, day(-1))
    entries.append(_yes(TODAY, "saddle"))
    [rule] = rules_on(entries, TODAY, checked)
    assert (rule.rule, rule.pending) == (Rule.emergency_sign, True)


def test_saddle_and_getting_help_still_short_words_at_emergency() -> None:
    entries = [entry(TODAY, 3, signs=["saddle"])]
    rules = rules_on(entries, TODAY, answer(rules_on(entries), Answer.getting_help))
    assert in_force(rules) == rules
    assert top_level(rules) is Level.emergency


def test_minor_fall_level_depends_on_the_risk_factors() -> None:
    fall = [entry(TODAY, 3, signs=["minor_fall"])]
    [soon] = rules_on(fall)
    assert (soon.rule, soon.level) == (Rule.soon_sign, Level.soon)
    for key in ("age_50_plus", "osteoporosis", "steroids"):
        [same_day] = rules_on(fall, about=profile(**{key: "yes"}))
        assert (same_day.rule, same_day.level) == (Rule.same_day_sign, Level.same_day)
    [unsaid] = rules_on(fall, about=profile(age_50_plus="unsaid", osteoporosis="no"))
    assert unsaid.level is Level.soon


def test_minor_fall_acknowledged_at_soon_prompts_again_when_osteoporosis_becomes_yes() -> None:
    fall = [entry(TODAY, 3, signs=["minor_fall"])]
    answers = answer(rules_on(fall), Answer.acknowledged)
    assert pending(rules_on(fall, TODAY, answers)) == []
    [again] = pending(rules_on(fall, TODAY, answers, profile(osteoporosis="yes")))
    assert again.level is Level.same_day


def test_fever_is_emergency_with_a_weakened_immune_system_or_injected_drugs() -> None:
    fever = [entry(TODAY, 3, signs=["fever"])]
    assert rules_on(fever)[0].level is Level.same_day
    for key in ("immunosuppressed", "injected_drugs"):
        [rule] = rules_on(fever, about=profile(**{key: "yes"}))
        assert (rule.rule, rule.level) == (Rule.emergency_sign, Level.emergency)


def test_sign_levels_with_and_without_the_profile() -> None:
    nobody = profile()
    cancer = profile(cancer="yes")
    for sign in SIGNS:
        assert sign_level(sign.key, nobody) is sign.level
    for key in ("radiating", "one_leg_weak", "restricted", "saddle", "belly"):
        assert sign_level(SignKey(key), cancer) is Level.emergency
    assert sign_level(SignKey.worse_after_stretch, cancer) is Level.soon
    assert sign_level(SignKey.weight_loss, cancer) is Level.same_day


def test_cancer_and_pain_today_is_same_day_then_keyed_by_its_run_of_pain_days() -> None:
    cancer = profile(cancer="yes")
    entries = [entry(TODAY, 1)]
    [rule] = rules_on(entries, about=cancer)
    assert (rule.rule, rule.level) == (Rule.cancer_pain, Level.same_day)
    checked = answer([rule], Answer.checked)
    entries.append(entry(day(10), 4))
    [later] = rules_on(entries, day(10), checked, cancer)
    assert later.answered
    entries.append(entry(day(39), 4))
    [again] = rules_on(entries, day(39), checked, cancer)
    assert again.pending and again.in_force


def test_cancer_and_pain_28_days_apart_is_one_run() -> None:
    cancer = profile(cancer="yes")
    entries = [entry(TODAY, 1)]
    checked = answer(rules_on(entries, about=cancer), Answer.checked)
    entries.append(entry(day(28), 2))
    assert rules_on(entries, day(28), checked, cancer)[0].answered


def test_cancer_and_pain_needs_a_pain_day_at_most_2_days_ago() -> None:
    cancer = profile(cancer="yes")
    assert rules_on([entry(day(-2), 3)], about=cancer) != []
    assert rules_on([entry(day(-3), 3)], about=cancer) == []
    assert rules_on([entry(TODAY, 0)], about=cancer) == []


def test_cancer_unsaid_or_no_makes_no_cancer_rule() -> None:
    for said in ("unsaid", "no"):
        assert rules_on([entry(TODAY, 5)], about=profile(cancer=said)) == []


def test_cancer_and_radiating_is_emergency() -> None:
    rules = rules_on([entry(TODAY, 3, signs=["radiating"])], about=profile(cancer="yes"))
    assert [(rule.rule, rule.level) for rule in rules] == [
        (Rule.cancer_nerve_sign, Level.emergency),
        (Rule.cancer_pain, Level.same_day),
    ]


def test_a_profile_change_re_evaluates_every_rule_at_once() -> None:
    entries = [entry(TODAY, 3, signs=["radiating", "fever", "minor_fall"])]
    before = {rule.level for rule in rules_on(entries)}
    after = rules_on(entries, about=profile(cancer="yes", injected_drugs="yes", steroids="yes"))
    assert before == {Level.soon, Level.same_day}
    assert {(r.sign, r.level) for r in after if r.sign is not None} == {
        (SignKey.radiating, Level.emergency),
        (SignKey.fever, Level.emergency),
        (SignKey.minor_fall, Level.same_day),
    }


def test_an_emergency_sign_13_days_ago_is_in_force_and_at_14_is_mentioned_once() -> None:
    logged_on = day(-13)
    entries = [entry(logged_on, 3, signs=["saddle"])]
    shown = answer(rules_on(entries, logged_on), Answer.shown, logged_on)
    assert in_force(rules_on(entries, TODAY, shown)) != []
    assert earlier_logged(entries, TODAY, shown) == []
    [earlier] = earlier_logged(entries, day(1), shown)
    assert earlier.sign is SignKey.saddle and earlier.day == logged_on
    mentioned = answer([earlier], Answer.reminded, day(1))
    assert earlier_logged(entries, day(2), [*shown, *mentioned]) == []


def test_a_checked_rule_is_never_mentioned_earlier() -> None:
    logged_on = day(-14)
    entries = [entry(logged_on, 3, signs=["saddle"])]
    rules = rules_on(entries, logged_on)
    records = [*answer(rules, Answer.shown, logged_on), *answer(rules, Answer.checked, logged_on)]
    assert earlier_logged(entries, TODAY, records) == []


def test_a_rule_never_shown_is_not_mentioned_earlier() -> None:
    assert earlier_logged([entry(day(-14), 3, signs=["saddle"])], TODAY, []) == []


def test_a_persistent_pain_prompt_closed_then_not_logged_for_3_days_is_mentioned() -> None:
    # Clinical review SN4: it no longer drops unseen.
    last = day(-3)
    entries = series(last, [4] * 8)
    shown = answer(rules_on(entries, last), Answer.shown, last)
    assert rules_on(entries, TODAY, shown) == []
    [earlier] = earlier_logged(entries, TODAY, shown)
    assert earlier.rule is Rule.persistent_pain


def test_a_snoozed_persistent_pain_that_lapses_is_mentioned() -> None:
    last = day(-3)
    entries = series(last, [4] * 8)
    rules = rules_on(entries, last)
    records = [*answer(rules, Answer.shown, last), *answer(rules, Answer.snoozed, last)]
    assert len(earlier_logged(entries, TODAY, records)) == 1


def test_a_soon_sign_prompt_closed_simply_shows_again() -> None:
    entries = [entry(day(-1), 3, signs=["radiating"])]
    shown = answer(rules_on(entries, day(-1)), Answer.shown, day(-1))
    assert earlier_logged(entries, TODAY, shown) == []
    assert modal_due(rules_on(entries, TODAY, shown))


def test_a_rule_ended_by_an_edit_is_not_mentioned_earlier() -> None:
    entries = series(day(-1), [4] * 8)
    shown = answer(rules_on(entries, day(-1)), Answer.shown, day(-1))
    edited = [*entries[:-1], entry(day(-1), 0, entry_id=entries[-1].id)]
    assert rules_on(edited) == []
    assert earlier_logged(edited, TODAY, shown) == []


def test_a_rule_ended_by_a_profile_change_is_not_mentioned_earlier() -> None:
    entries = [entry(day(-1), 3)]
    cancer = profile(cancer="yes")
    shown = answer(rules_on(entries, day(-1), about=cancer), Answer.shown, day(-1))
    assert earlier_logged(entries, TODAY, shown, profile(cancer="no")) == []


def test_escape_answers_nothing() -> None:
    # Closing the modal, or pressing Enter with no button focused, stores no answer.
    entries = [entry(TODAY, 3, signs=["saddle"])]
    rules = rules_on(entries)
    assert modal_due(rules)
    assert modal_due(rules_on(entries, TODAY, answer(rules, Answer.shown)))


def test_mistake_answers_nothing() -> None:
    entries = [entry(TODAY, 3, signs=["saddle"], entry_id="m")]
    rules = rules_on(entries)
    [rule] = rules_on(entries, TODAY, respond(rules, Answer.mistake, TODAY, noon()))
    assert rule.in_force and rule.entry_id == "m"


# Properties.

_days_before = st.integers(min_value=0, max_value=60).map(lambda n: day(-n))
_signs = st.lists(st.sampled_from([s.key.value for s in SIGNS]), max_size=2, unique=True)
_entries = st.lists(
    st.builds(
        entry,
        on=_days_before,
        pain=st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
        signs=_signs,
        asked=st.one_of(st.none(), st.just(list(QUESTIONS))),
    ),
    max_size=30,
)


@given(entries=_entries, data=st.data())
def test_the_order_entries_were_saved_in_never_changes_the_result(
    entries: list[SymptomEntry], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(entries))
    about = profile(cancer="yes", steroids="yes")
    assert rules_on(shuffled) == rules_on(entries)
    assert rules_on(shuffled, about=about) == rules_on(entries, about=about)


@given(entries=_entries, zone=st.sampled_from([PARIS, NEW_YORK]), hour=st.integers(0, 23))
def test_a_time_zone_or_dst_change_never_moves_an_episode(
    entries: list[SymptomEntry], zone: object, hour: int
) -> None:
    moved = [
        SymptomEntry(
            e.id,
            e.day,
            datetime(e.day.year, e.day.month, e.day.day, hour, tzinfo=zone),  # type: ignore[arg-type]
            e.pain,
            e.stiffness,
            signs=e.signs,
            asked=e.asked,
        )
        for e in entries
    ]
    assert [(r.rule, r.key) for r in rules_on(moved)] == [
        (r.rule, r.key) for r in rules_on(entries)
    ]


@given(
    entries=st.lists(
        st.builds(
            entry,
            on=_days_before,
            pain=st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
        ),
        max_size=40,
    )
)
def test_a_pain_free_day_today_always_ends_a_persistent_pain_episode(
    entries: list[SymptomEntry],
) -> None:
    with_today = [*[e for e in entries if e.day != TODAY], entry(TODAY, 0)]
    assert episode_of(with_today) is None
    assert named(rules_on(with_today), Rule.persistent_pain) == []
