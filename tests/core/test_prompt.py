"""Every word about referral: the modal, the banner, the command line, the timer, the report."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from referral_cases import (
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

from psoas_tui.core.model import Answer, DayRecord, DoneMark, ReferralResponse, SymptomEntry
from psoas_tui.core.prompt import (
    BANNER_ADVICE,
    CANCER_PAIN_ADVICE,
    CANCER_TELL,
    CANNOT_TELL,
    CLI_TAIL_SOON,
    CLI_TAIL_URGENT,
    EARLIER_CHOICES,
    EMERGENCY_ADVICE,
    HEADLINES,
    LOG_SAFETY_LINE,
    MODAL_FOCUS,
    SAFETY_NET_EMERGENCY,
    SAFETY_NET_WORSE,
    SAME_DAY_ADVICE,
    SIX_WEEKS_ADVICE,
    SOON_DAYS_ADVICE,
    SOON_WEEK_ADVICE,
    TIMER_CHOICES,
    TIMER_DEFAULT,
    Prompt,
    banner_text,
    cli_text,
    earlier_text,
    no_signs_text,
    not_yet_advice,
    noticed,
    prompt_for,
    report_lead,
    report_sentence,
    short_words,
    sign_answer_words,
    summary_written,
    timer_text,
)
from psoas_tui.core.referral import (
    ActiveRule,
    Rule,
    active_rules,
    earlier_logged,
    in_force,
    respond,
    timer_question,
    top_level,
)
from psoas_tui.core.signs import QUESTIONS, SIGN_BY_KEY, SIGNS, Level, SignKey, statements

# The words, verbatim.


def test_the_three_levels_headlines_and_what_to_do() -> None:
    assert {level: HEADLINES[level] for level in Level} == {
        Level.emergency: "Please get emergency care now",
        Level.same_day: "Please contact a doctor today",
        Level.soon: "Time to have this checked",
    }
    assert EMERGENCY_ADVICE == (
        "Go to an emergency department now or call your local emergency number (for example "
        "999 in the UK, 112 in the EU, 911 in North America). Tell them what you answered yes "
        "to. Do not wait to see whether it passes. Stop the exercises."
    )
    assert SAME_DAY_ADVICE == (
        "Ask for an urgent appointment with a doctor today, or call your local urgent health "
        "line (111 in England). If you cannot reach one today, go to an urgent care centre or "
        "emergency department. Stop the exercises until you have been checked."
    )
    assert SOON_WEEK_ADVICE == (
        "See a physical therapist, a doctor or a chiropractor within about a week. Meanwhile "
        "skip any stretch that makes it worse and keep gently active."
    )
    assert SOON_DAYS_ADVICE == (
        "See a physical therapist, a doctor or a chiropractor within the next few days. "
        "Meanwhile skip any stretch that makes it worse and keep gently active."
    )
    assert SIX_WEEKS_ADVICE == (
        "Your pain has now lasted six weeks. Please see a doctor about it within about a week, "
        "even if you have already seen a physical therapist or chiropractor."
    )


def test_the_safety_nets() -> None:
    assert SAFETY_NET_WORSE == (
        "If it gets much worse, contact a doctor today or call your local urgent health line "
        "(111 in England)."
    )
    assert SAFETY_NET_EMERGENCY == (
        "Get emergency care now if you notice numbness or tingling around your genitals or "
        "bottom (anus), trouble peeing or controlling your bladder or bowels, or pain, tingling, "
        "numbness or weakness in both legs."
    )
    assert LOG_SAFETY_LINE == SAFETY_NET_EMERGENCY


def test_the_sign_questions_and_statements_as_the_table_gives_them() -> None:
    assert SIGN_BY_KEY[SignKey.saddle].question == (
        "Numbness, tingling or a changed feeling around your genitals, back passage (bottom) or "
        "inner thighs, for example when you wipe?"
    )
    assert SIGN_BY_KEY[SignKey.restricted].statement == "moving very hard even after rest"
    assert SIGN_BY_KEY[SignKey.trauma].statement == "pain that began after a fall or an accident"
    assert [sign.key.value for sign in SIGNS if sign.always_shown] == [
        "radiating",
        "worse_after_stretch",
        "restricted",
        "saddle",
        "bladder_bowel",
        "both_legs",
        "sexual",
        "serious_accident",
        "cannot_bear_weight",
        "chest_pain",
        "belly",
    ]


def test_the_one_phrase_for_the_professionals_in_every_soon_text() -> None:
    for text in (SOON_WEEK_ADVICE, SOON_DAYS_ADVICE):
        assert "a physical therapist, a doctor or a chiropractor" in text


# The modal.


def _prompt(rules: list[ActiveRule]) -> Prompt:
    found = prompt_for(rules)
    assert found is not None
    return found


def test_no_rules_no_prompt() -> None:
    assert prompt_for([]) is None
    acknowledged = rules_on(series(TODAY, [4] * 8))
    done = rules_on(series(TODAY, [4] * 8), TODAY, answer(acknowledged, Answer.acknowledged))
    assert prompt_for(done) is None
    assert prompt_for(done, everything=True) is not None


def test_the_persistent_pain_prompt_says_what_was_noticed_with_dates_and_numbers() -> None:
    entries = series(TODAY, [3, 5, 6, None, 4, 4, 2, 6, 5])
    days = [DayRecord(day(-n), marks=(DoneMark("bridge", TODAY, noon()),)) for n in range(6)]
    prompt = _prompt(active_rules(entries, TODAY, days=between(days)))
    assert prompt.noticed == (
        "You logged pain on 8 of the 9 days from Wed 12 March to Thu 20 March "
        "(1 not logged), and no pain-free day.",
        "Your daily pain was between 2 and 6 out of 10.",
        "You did some or all of your routine on 6 of these 9 days.",
    )
    assert prompt.what_to_do == (SOON_WEEK_ADVICE,)
    assert prompt.safety_net == (SAFETY_NET_WORSE, SAFETY_NET_EMERGENCY)
    assert prompt.cannot_tell == CANNOT_TELL
    assert prompt.text().endswith(SAFETY_NET_EMERGENCY)


def test_one_score_each_day_reads_as_before() -> None:
    [line] = noticed(rules_on(series(TODAY, [4] * 8))[0])[1:]
    assert line == "Your daily pain was 4 out of 10 each day you logged."


def test_score_less_days_are_said() -> None:
    entries = [*series(day(-1), [4] * 7), entry(TODAY, None, signs=["worse_after_stretch"])]
    [persistent] = named(rules_on(entries), Rule.persistent_pain)
    assert noticed(persistent)[1:] == (
        "Your daily pain was 4 out of 10 each day you logged a score.",
        "On 1 day you pressed “this hurts” during a stretch without giving a score.",
    )


def test_a_sign_and_persistent_pain_show_the_shorter_time_frame() -> None:
    entries = [*series(TODAY, [4] * 8), entry(TODAY, 4, signs=["radiating"])]
    assert _prompt(rules_on(entries)).what_to_do == (SOON_DAYS_ADVICE,)


def test_severe_pain_words() -> None:
    prompt = _prompt(rules_on(series(TODAY, [7, 8])))
    assert prompt.noticed == (
        "Your daily pain was 7 or more on 2 logged days in a row, from Wed 19 March to "
        "Thu 20 March (highest 8 out of 10).",
    )
    assert prompt.what_to_do == (SOON_DAYS_ADVICE,)


def test_the_soon_prompt_offers_the_soon_answers_and_snooze() -> None:
    prompt = _prompt(rules_on([entry(TODAY, 3, signs=["radiating"])]))
    # "I answered yes by mistake" is offered only at same day and emergency.
    assert [c.label for c in prompt.choices] == [
        "I've arranged to see someone",
        "Remind me tomorrow",
        "Summary for my clinician",
    ]
    assert prompt.snooze_offered


def test_a_sign_prompt_says_which_days_it_was_answered_yes() -> None:
    entries = [entry(day(-2), 3, signs=["radiating"]), entry(TODAY, 3, signs=["radiating"])]
    assert _prompt(rules_on(entries)).noticed == (
        "On Tue 18 March and Thu 20 March you answered yes to: pain, tingling or numbness "
        "shooting or spreading down one leg.",
    )
    three = [*entries, entry(day(-1), 3, signs=["radiating"])]
    assert (
        _prompt(rules_on(three))
        .noticed[0]
        .startswith("On 3 days from Tue 18 March to Thu 20 March you answered yes to")
    )


def test_the_emergency_prompt() -> None:
    prompt = _prompt(rules_on([entry(TODAY, 3, signs=["saddle"], entry_id="s")]))
    assert prompt.level is Level.emergency
    assert prompt.headline == "Please get emergency care now"
    assert prompt.noticed == (
        "On Thu 20 March you answered yes to: numbness or a changed feeling around the "
        "genitals, bottom or inner thighs.",
    )
    assert prompt.what_to_do == (EMERGENCY_ADVICE,)
    assert prompt.safety_net == ()
    assert not prompt.snooze_offered
    assert [(c.label, c.answer) for c in prompt.choices] == [
        ("I'm getting help now", Answer.getting_help),
        ("I've been checked or advised about this", Answer.checked),
        ("I answered yes by mistake", Answer.mistake),
        ("Summary for my clinician", None),
    ]
    text = prompt.text()
    assert text.startswith("Please get emergency care now\n\nWhat the app noticed:\n  - On Thu")
    assert CANNOT_TELL in text


def test_the_same_day_prompt_ends_with_the_emergency_safety_net() -> None:
    prompt = _prompt(rules_on([entry(TODAY, 3, signs=["fever"])]))
    assert prompt.headline == "Please contact a doctor today"
    assert prompt.what_to_do == (SAME_DAY_ADVICE,)
    assert prompt.safety_net == (SAFETY_NET_EMERGENCY,)
    assert prompt.text().endswith(SAFETY_NET_EMERGENCY)


def test_no_button_has_focus_when_the_modal_opens() -> None:
    assert MODAL_FOCUS is None


def test_long_persistent_pain_reads_has_now_lasted_six_weeks() -> None:
    assert "has now lasted six weeks" not in _prompt(rules_on(series(TODAY, [3] * 42))).text()
    prompt = _prompt(rules_on(series(TODAY, [3] * 43)))
    assert prompt.what_to_do == (SIX_WEEKS_ADVICE, SOON_WEEK_ADVICE)
    assert "Your pain has now lasted six weeks." in prompt.text()


def test_cancer_and_pain_words() -> None:
    prompt = _prompt(rules_on([entry(TODAY, 1)], about=profile(cancer="yes")))
    assert prompt.level is Level.same_day
    assert prompt.what_to_do == (CANCER_PAIN_ADVICE, SAME_DAY_ADVICE)
    assert CANCER_PAIN_ADVICE == (
        "Because you have had cancer, new or lasting back or hip pain should be checked by a "
        "doctor within a day. Tell them about your cancer."
    )
    assert prompt.noticed == (
        "You logged pain on Thu 20 March.",
        "You have said you have had cancer.",
    )


def test_cancer_and_radiating_adds_tell_them_you_have_had_cancer() -> None:
    prompt = _prompt(rules_on([entry(TODAY, 3, signs=["radiating"])], about=profile(cancer="yes")))
    assert prompt.level is Level.emergency
    assert prompt.what_to_do == (f"{EMERGENCY_ADVICE} {CANCER_TELL}",)
    assert CANCER_TELL == "Tell them you have had cancer."


def test_saddle_yes_then_no_the_next_day_reads_the_same_day_words() -> None:
    entries = [
        entry(TODAY, 3, signs=["saddle"], asked=list(QUESTIONS)),
        entry(day(1), 2, asked=list(QUESTIONS)),
    ]
    prompt = _prompt(rules_on(entries, day(1)))
    assert prompt.level is Level.same_day
    assert prompt.noticed == (
        "You answered yes to numbness or a changed feeling around the genitals, bottom or inner "
        "thighs on Thu 20 March. If you have not had it checked, please contact a doctor today. "
        "If it comes back, get emergency care now.",
    )


def test_a_soon_sign_after_six_weeks_reads_for_six_weeks() -> None:
    start = day(-45)
    entries = [
        entry(start + timedelta(days=n), 3, signs=["worse_after_stretch"]) for n in range(0, 46, 5)
    ]
    answers = answer(rules_on(entries[:1], start), Answer.acknowledged, start)
    [lasting] = named(rules_on(entries, TODAY, answers), Rule.lasting_sign)
    assert noticed(lasting) == (
        "You have answered yes to pain that got worse right after a stretch for six weeks.",
    )


def test_saddle_getting_help_then_a_soon_sign_keeps_the_emergency_headline() -> None:
    # Clinical review AK5: the lower level never replaces the emergency wording.
    entries = [entry(TODAY, 3, signs=["saddle"])]
    answers = answer(rules_on(entries), Answer.getting_help)
    entries.append(entry(TODAY, 3, signs=["radiating"]))
    rules = rules_on(entries, TODAY, answers)
    prompt = _prompt(rules)
    assert prompt.headline == "Please get emergency care now"
    assert len(prompt.noticed) == 2
    assert prompt.choices[0].answer is Answer.getting_help


def test_after_checked_a_new_soon_sign_prompts_at_soon() -> None:
    entries = [entry(TODAY, 3, signs=["saddle"])]
    answers = answer(rules_on(entries), Answer.checked)
    entries.append(entry(TODAY, 3, signs=["radiating"]))
    assert _prompt(rules_on(entries, TODAY, answers)).level is Level.soon


# Banner, short words, command line.


def test_the_banner_opens_with_the_highest_level_s_headline() -> None:
    assert banner_text([]) == ""
    rules = rules_on([*series(TODAY, [4] * 8), entry(TODAY, 4, signs=["saddle", "radiating"])])
    assert banner_text(rules) == (
        "Please get emergency care now: you logged numbness or a changed feeling around the "
        "genitals, bottom or inner thighs on Thu 20 March (and 2 more). "
        f"{BANNER_ADVICE[Level.emergency]}"
    )


def test_the_banner_of_an_acknowledged_episode() -> None:
    entries = series(TODAY, [4] * 8)
    done = rules_on(entries, TODAY, answer(rules_on(entries), Answer.acknowledged))
    assert banner_text(done) == (
        "Time to have this checked: pain logged on 8 days since Thu 13 March; "
        "you have arranged to see someone."
    )


def test_short_words() -> None:
    assert short_words([]) == ""
    assert short_words(rules_on([entry(TODAY, 3, signs=["saddle"])])) == "get care now"
    assert short_words(rules_on([entry(TODAY, 3, signs=["fever"])])) == "see a doctor today"
    assert short_words(rules_on([entry(TODAY, 3, signs=["radiating"])])) == "get checked"
    entries = [entry(TODAY, 3, signs=["radiating"])]
    snoozed = rules_on(entries, TODAY, answer(rules_on(entries), Answer.snoozed))
    assert short_words(snoozed) == ""


def test_saddle_and_getting_help_short_words_still_say_get_care_now() -> None:
    entries = [entry(TODAY, 3, signs=["saddle"])]
    rules = rules_on(entries, TODAY, answer(rules_on(entries), Answer.getting_help))
    assert short_words(rules) == "get care now"
    checked = rules_on(entries, TODAY, answer(rules_on(entries), Answer.checked))
    assert short_words(checked) == ""


@pytest.mark.parametrize("sign", ["saddle", "fever"])
def test_the_command_line_for_emergency_and_same_day_ends_with_psoas_report(sign: str) -> None:
    text = cli_text(rules_on([entry(TODAY, 3, signs=[sign])]))
    assert CLI_TAIL_URGENT == "Later, `psoas report` writes a summary you can show them."
    assert text.endswith(CLI_TAIL_URGENT)
    assert "open the app" not in text.lower()


def test_the_command_line_for_soon_keeps_the_safety_net_last() -> None:
    text = cli_text(rules_on([entry(TODAY, 3, signs=["radiating"])]))
    assert text.endswith(SAFETY_NET_EMERGENCY)
    assert CLI_TAIL_SOON in text


def test_the_command_line_gives_the_routine_as_context_like_the_modal() -> None:
    # Clinical review PP12c: the status text had no adherence line.
    days = [DayRecord(day(-n), marks=(DoneMark("bridge", day(-n), noon()),)) for n in range(3)]
    rules = active_rules(series(TODAY, [4] * 8), TODAY, days=between(days))
    assert "You did some or all of your routine on 3 of these 8 days." in cli_text(rules)


def test_the_command_line_with_nothing_pending_shows_the_banner() -> None:
    entries = series(TODAY, [4] * 8)
    done = rules_on(entries, TODAY, answer(rules_on(entries), Answer.acknowledged))
    assert cli_text(done) == banner_text(done)
    assert cli_text([]) == ""


def test_no_signs_lists_the_statements_never_the_keys() -> None:
    text = no_signs_text(QUESTIONS)
    assert text.startswith("Recorded as no: pain, tingling or numbness shooting")
    assert "saddle" not in text and "bladder_bowel" not in text
    assert no_signs_text([]) == ""
    assert statements(["saddle", "radiating"]) == (
        SIGN_BY_KEY[SignKey.radiating].statement,
        SIGN_BY_KEY[SignKey.saddle].statement,
    )


# The timer and "Earlier you logged".


def test_the_timer_question_names_the_sign_and_defaults_to_no() -> None:
    rules = rules_on([entry(TODAY, 3, signs=["saddle"])])
    rule = timer_question(rules, [], TODAY)
    assert rule is not None
    assert timer_text(rule) == (
        "You logged numbness or a changed feeling around the genitals, bottom or inner thighs on "
        "Thu 20 March. The app suggests getting medical care before these exercises. "
        "Start anyway?"
    )
    assert [c.label for c in TIMER_CHOICES] == ["Start anyway", "No"]
    assert TIMER_DEFAULT == "No"


def test_the_timer_question_for_cancer_and_pain() -> None:
    rules = rules_on([entry(TODAY, 2)], about=profile(cancer="yes"))
    rule = timer_question(rules, [], TODAY)
    assert rule is not None
    assert timer_text(rule).startswith(
        "You logged pain on Thu 20 March and said you have had cancer. The app suggests"
    )


def test_earlier_you_logged_words_and_answers() -> None:
    logged_on = day(-14)
    entries = [entry(logged_on, 3, signs=["saddle"])]
    shown = answer(rules_on(entries, logged_on), Answer.shown, logged_on)
    [rule] = earlier_logged(entries, TODAY, shown)
    assert earlier_text(rule) == (
        "Earlier you logged numbness or a changed feeling around the genitals, bottom or inner "
        "thighs on Thu 6 March. Did you get it checked?"
    )
    assert [(c.label, c.answer) for c in EARLIER_CHOICES] == [
        ("Yes, I was checked", Answer.checked),
        ("Not yet", Answer.not_yet),
        ("Summary for my clinician", None),
    ]
    assert not_yet_advice(rule) == (HEADLINES[Level.emergency], EMERGENCY_ADVICE)


def test_earlier_you_logged_persistent_pain() -> None:
    last = day(-3)
    entries = series(last, [4] * 8)
    shown = answer(rules_on(entries, last), Answer.shown, last)
    [rule] = earlier_logged(entries, TODAY, shown)
    assert earlier_text(rule) == (
        "Earlier you logged pain that had lasted 8 days on Mon 17 March. Did you get it checked?"
    )
    assert not_yet_advice(rule) == (
        HEADLINES[Level.soon],
        SOON_WEEK_ADVICE,
        SAFETY_NET_WORSE,
        SAFETY_NET_EMERGENCY,
    )


# The report.


def test_the_report_sentence_for_an_emergency_sign_not_checked() -> None:
    [rule] = rules_on([entry(TODAY, 3, signs=["saddle"])])
    assert report_sentence(rule) == (
        "On Thursday 20 March 2025 the person answered yes to numbness or a changed feeling "
        "around the genitals, bottom or inner thighs (emergency level in the app); when this "
        "report was written they had not marked it as checked."
    )
    checked = rules_on([entry(TODAY, 3, signs=["saddle"])], TODAY, answer([rule], Answer.checked))
    assert report_sentence(checked[0]).endswith(
        "they had marked it as checked or advised on Thursday 20 March 2025."
    )


def test_the_report_states_persistent_pain_as_the_rule() -> None:
    [rule] = rules_on(series(TODAY, [4, 4, None, 4, 4, 4, 4, 4]))
    sentence = report_sentence(rule)
    assert sentence == (
        "From Thursday 13 March 2025 to Thursday 20 March 2025 (8 calendar dates) the person "
        "logged pain on each of the 7 days they logged, with no pain-free day and no more than 3 "
        "days in a row unlogged: pain across 8 or more calendar dates, the latest at most 2 days "
        "before the app checked (soon level in the app); when this report was written they had "
        "not said they had arranged to see someone."
    )
    assert "most days" not in sentence


def test_the_report_names_cancer_only_when_the_user_chose_to_include_it() -> None:
    [nerve, pain] = rules_on([entry(TODAY, 3, signs=["radiating"])], about=profile(cancer="yes"))
    assert "cancer" not in report_sentence(nerve)
    assert "“about you” answer" in report_sentence(pain)
    assert "has said they have had cancer" in report_sentence(nerve, include_profile=True)


def test_a_sign_raised_to_emergency_by_about_you_then_answered_no_does_not_hide_why() -> None:
    entries = [
        entry(TODAY, 3, signs=["radiating"], asked=list(QUESTIONS)),
        entry(day(1), 2, asked=list(QUESTIONS)),
    ]
    rules = rules_on(entries, day(1), about=profile(cancer="yes"))
    [then_no] = [rule for rule in rules if rule.rule is Rule.emergency_sign_then_no]
    sentence = report_sentence(then_no)
    assert "(emergency level in the app, raised by an “about you” answer)" in sentence
    assert "cancer" not in sentence
    saddle = [entry(TODAY, 3, signs=["saddle"], asked=list(QUESTIONS)), entries[1]]
    [plain] = [r for r in rules_on(saddle, day(1)) if r.rule is Rule.emergency_sign_then_no]
    assert "(emergency level in the app)" in report_sentence(plain)


def test_the_report_lead_carries_the_level_in_force() -> None:
    assert report_lead(rules_on([entry(TODAY, 3, signs=["radiating"])])) == ""
    lead = report_lead(rules_on([entry(TODAY, 3, signs=["saddle", "fever"])]))
    assert HEADLINES[Level.emergency] in lead and EMERGENCY_ADVICE in lead


def test_the_report_tells_not_asked_from_no() -> None:
    asked = entry(TODAY, 3, signs=["radiating"], asked=["radiating", "saddle"])
    assert sign_answer_words(asked, SignKey.radiating) == "yes"
    assert sign_answer_words(asked, SignKey.saddle) == "no"
    assert sign_answer_words(asked, SignKey.fever) == "not asked"
    old = entry(TODAY, 3, signs=["saddle_numbness"])
    assert sign_answer_words(old, SignKey.saddle) == "yes"
    assert sign_answer_words(old, SignKey.fever) == "not recorded"


def test_the_summary_says_where_it_was_written() -> None:
    assert summary_written("/home/a/summary.html") == (
        "The summary for your clinician is in /home/a/summary.html. You can show it or print it."
    )


# No diagnosis, no alarm, no key shown.

_DIAGNOSES = re.compile(
    r"sciatica|hernia|disc|labral|tear|strain|cauda|equina|arthritis|tumou?r|infection|"
    r"fracture|nerve|syndrome|diagnos|dangerous|aneurysm|emergency!",
    re.IGNORECASE,
)
_KEYS = re.compile("|".join(rf"\b{key.value}\b" for key in SignKey if "_" in key.value))


def _all_words() -> list[str]:
    entries = [
        *series(TODAY, [7, 8, 8, 7, 9, 8, 8, 8]),
        entry(TODAY, 8, signs=[sign.key for sign in SIGNS]),
    ]
    texts: list[str] = [sign.question for sign in SIGNS] + [sign.statement for sign in SIGNS]
    for about in (profile(), profile(cancer="yes", immunosuppressed="yes")):
        rules = rules_on(entries, about=about)
        for rule in rules:
            texts += [*noticed(rule), report_sentence(rule), earlier_text(rule)]
            texts += [timer_text(rule), *not_yet_advice(rule)]
        texts += [cli_text(rules), banner_text(rules), report_lead(rules)]
        texts += [cli_text(rules[-1:]), banner_text(rules[-1:])]
    return texts


def test_no_words_name_a_diagnosis_alarm_or_show_a_key() -> None:
    for text in _all_words():
        assert not _DIAGNOSES.search(text), text
        assert not _KEYS.search(text), text
        assert "!" not in text, text


# The highest level always shows.

_SIGN_KEYS = [sign.key.value for sign in SIGNS]


@st.composite
def _histories(draw: st.DrawFn) -> tuple[list[SymptomEntry], list[ReferralResponse], date]:
    """Entries logged, backfilled and edited over some days, with answers chosen from prompts."""
    today = day(-20)
    entries: dict[str, SymptomEntry] = {}
    responses: list[ReferralResponse] = []
    about = draw(st.sampled_from([profile(), profile(cancer="yes"), profile(steroids="yes")]))
    # The prompts are answered with one profile; the checks may use another, as after an edit.
    for step in range(draw(st.integers(min_value=1, max_value=25))):
        action = draw(st.sampled_from(["log", "backfill", "edit", "answer", "next"]))
        if action in ("log", "backfill"):
            back = 0 if action == "log" else draw(st.integers(min_value=1, max_value=20))
            on = today - timedelta(days=back)
            signs = draw(st.lists(st.sampled_from(_SIGN_KEYS), max_size=2, unique=True))
            asked = draw(st.sampled_from([None, list(QUESTIONS)]))
            pain = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=10)))
            made = entry(on, pain, signs=signs, asked=asked, entry_id=f"h{step}")
            entries[made.id] = made
        elif action == "edit" and entries:
            old = entries[draw(st.sampled_from(sorted(entries)))]
            signs = draw(st.lists(st.sampled_from(_SIGN_KEYS), max_size=2, unique=True))
            entries[old.id] = replace(old, signs=tuple(signs))
        elif action == "answer":
            prompt = prompt_for(rules_on(list(entries.values()), today, responses, about))
            if prompt is not None:
                choice = draw(st.sampled_from(prompt.choices))
                if choice.answer is not None:
                    responses += respond(prompt.rules, choice.answer, today, noon(today))
        elif action == "next":
            today += timedelta(days=1)
    return list(entries.values()), responses, today


@settings(max_examples=150, deadline=None)
@given(history=_histories(), about=st.sampled_from(["none", "cancer", "immuno"]))
def test_while_a_rule_is_in_force_every_surface_carries_its_level(
    history: tuple[list[SymptomEntry], list[ReferralResponse], date], about: str
) -> None:
    entries, responses, today = history
    chosen = {
        "none": profile(),
        "cancer": profile(cancer="yes"),
        "immuno": profile(immunosuppressed="yes"),
    }[about]
    rules = rules_on(entries, today, responses, chosen)
    forced = in_force(rules)
    if not forced:
        return
    level = max((rule.level for rule in forced), key=lambda found: found.rank)
    headline = HEADLINES[level]
    assert top_level(rules) is level
    assert banner_text(rules).startswith(headline)
    assert BANNER_ADVICE[level] in banner_text(rules)
    assert (
        short_words(rules)
        == {Level.emergency: "get care now", Level.same_day: "see a doctor today"}[level]
    )
    prompt = prompt_for(rules)
    assert prompt is not None and prompt.level is level and prompt.headline == headline
    advice = EMERGENCY_ADVICE if level is Level.emergency else SAME_DAY_ADVICE
    assert any(advice in paragraph for paragraph in prompt.what_to_do)
    text = cli_text(rules)
    assert text.startswith(headline) and advice in text and text.endswith(CLI_TAIL_URGENT)
    assert headline in report_lead(rules) and advice in report_lead(rules)
    for rule in forced:
        assert f"({rule.level.value.replace('_', '-')} level in the app)" in report_sentence(rule)


@settings(max_examples=100, deadline=None)
@given(history=_histories())
def test_the_order_of_saving_never_changes_what_any_surface_says(
    history: tuple[list[SymptomEntry], list[ReferralResponse], date],
) -> None:
    entries, responses, today = history
    forward = rules_on(entries, today, responses)
    backward = rules_on(entries[::-1], today, responses[::-1])
    assert forward == backward
    assert cli_text(forward) == cli_text(backward)
    assert banner_text(forward) == banner_text(backward)
