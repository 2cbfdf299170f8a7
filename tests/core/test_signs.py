"""The sign questions: which are asked, which are always shown, and the keys of version 1."""

from __future__ import annotations

import dataclasses
import json

import pytest
from referral_cases import TODAY, day, entry

from psoas_tui.core.signs import (
    ALWAYS_SHOWN,
    MORE_QUESTIONS,
    QUESTIONS,
    SIGN_BY_KEY,
    SIGNS,
    V1_KEYS,
    Level,
    SignKey,
    highest,
    opens_more_questions,
    statement,
    stored_sign,
)
from psoas_tui.core.symptoms import EntryRefused, check_entry


def test_levels_are_ordered_so_the_highest_is_computable() -> None:
    assert highest([Level.soon, Level.emergency, Level.same_day]) is Level.emergency
    assert highest([Level.soon, Level.same_day]) is Level.same_day
    assert highest([]) is None


def test_keys_are_plain_strings_that_survive_json() -> None:
    stored = json.loads(json.dumps({"signs": [SignKey.saddle, Level.same_day]}))
    assert stored == {"signs": ["saddle", "same_day"]}


def test_always_shown_are_the_three_seed_signs_and_every_emergency_question() -> None:
    seed = {sign.key for sign in SIGNS if sign.source == "seed 000"}
    emergency = {sign.key for sign in SIGNS if sign.level is Level.emergency}
    assert seed == {SignKey.radiating, SignKey.worse_after_stretch, SignKey.restricted}
    assert set(ALWAYS_SHOWN) == seed | emergency
    assert set(MORE_QUESTIONS) == set(QUESTIONS) - set(ALWAYS_SHOWN)
    assert SignKey.trauma not in QUESTIONS
    assert len(QUESTIONS) == 19


def test_the_levels_of_the_table() -> None:
    levels = {sign.key.value: sign.level.value for sign in SIGNS}
    assert [key for key, level in levels.items() if level == "same_day"] == [
        "one_leg_weak",
        "fever",
        "weight_loss",
        "night_pain",
        "lump",
        "cough_sneeze",
        "upper_back",
        "trauma",
    ]
    assert [key for key, level in levels.items() if level == "soon"] == [
        "radiating",
        "worse_after_stretch",
        "restricted",
        "minor_fall",
    ]


def test_every_version_1_key_maps_to_a_version_2_key() -> None:
    assert dict(V1_KEYS) == {
        "radiating": "radiating",
        "worse_after_stretch": "worse_after_stretch",
        "restricted": "restricted",
        "saddle_numbness": "saddle",
        "bladder_bowel": "bladder_bowel",
        "leg_weakness": "both_legs",
        "fever": "fever",
        "trauma": "trauma",
    }
    assert stored_sign("sexual") is SignKey.sexual
    with pytest.raises(ValueError):
        stored_sign("dizzy")


def test_statements_are_what_is_shown_never_the_key() -> None:
    assert statement("saddle") == (
        "numbness or a changed feeling around the genitals, bottom or inner thighs"
    )
    for sign in SIGNS:
        assert sign.key.value not in sign.statement or "_" not in sign.key.value
        assert SIGN_BY_KEY[sign.key] is sign


def test_the_log_check_accepts_the_version_2_keys_and_the_legacy_one() -> None:
    good = entry(TODAY, 3, signs=["saddle", "trauma", "radiating"])
    checked = check_entry(good, TODAY)
    assert checked.signs == ("radiating", "saddle", "trauma")
    with pytest.raises(EntryRefused):
        check_entry(dataclasses.replace(good, signs=("saddle_numbness",)), TODAY)


def test_more_questions_open_on_the_day_s_first_entry_without_a_recent_ask() -> None:
    assert opens_more_questions([], TODAY, 2)
    asked = entry(day(-7), 2, asked=list(QUESTIONS))
    assert not opens_more_questions([asked], TODAY, 2)
    old = entry(day(-8), 2, asked=list(QUESTIONS))
    assert opens_more_questions([old], TODAY, 2)
    only_always = entry(day(-1), 2, asked=list(ALWAYS_SHOWN))
    assert opens_more_questions([only_always], TODAY, 2)
    unknown = entry(day(-1), 2)
    assert opens_more_questions([unknown], TODAY, 2)


def test_more_questions_stay_folded_on_a_later_entry_of_the_day_unless_pain_is_7() -> None:
    earlier = entry(TODAY, 2, asked=list(ALWAYS_SHOWN))
    assert not opens_more_questions([earlier], TODAY, 6)
    assert not opens_more_questions([earlier], TODAY, None)
    assert opens_more_questions([earlier], TODAY, 7)
