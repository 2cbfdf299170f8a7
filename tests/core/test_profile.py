"""About you: the answers, their days, and which questions are due."""

from __future__ import annotations

import json
from datetime import date

from psoas_tui.core.profile import (
    QUESTIONS,
    Profile,
    ProfileAnswer,
    ProfileItem,
    ProfileKey,
    due,
)

DAY = date(2025, 3, 20)


def test_the_six_keys_in_the_order_asked() -> None:
    assert [key.value for key in QUESTIONS] == [
        "cancer",
        "steroids",
        "osteoporosis",
        "immunosuppressed",
        "injected_drugs",
        "age_50_plus",
    ]


def test_stored_values_are_plain_strings_that_survive_json() -> None:
    item = ProfileItem(ProfileKey.cancer, ProfileAnswer.unsaid, DAY)
    text = json.dumps({"key": item.key, "answer": item.answer})
    assert json.loads(text) == {"key": "cancer", "answer": "unsaid"}
    assert ProfileKey("age_50_plus") is ProfileKey.age_50_plus


def test_an_unanswered_key_and_unsaid_count_as_no() -> None:
    profile = Profile().with_answer(ProfileKey.steroids, ProfileAnswer.unsaid, DAY)
    assert profile.answer(ProfileKey.cancer) is ProfileAnswer.unsaid
    assert not profile.yes(ProfileKey.cancer)
    assert not profile.yes(ProfileKey.steroids)
    assert not profile.any_yes(QUESTIONS)


def test_a_new_answer_replaces_the_old_one_and_keeps_its_day() -> None:
    profile = Profile().with_answer(ProfileKey.cancer, ProfileAnswer.no, DAY)
    later = date(2025, 6, 1)
    profile = profile.with_answer(ProfileKey.cancer, ProfileAnswer.yes, later)
    assert profile.items == (ProfileItem(ProfileKey.cancer, ProfileAnswer.yes, later),)
    assert profile.yes(ProfileKey.cancer)


def test_items_are_kept_in_the_order_asked_whatever_the_order_answered() -> None:
    profile = Profile()
    for key in reversed(QUESTIONS):
        profile = profile.with_answer(key, ProfileAnswer.no, DAY)
    assert tuple(item.key for item in profile.items) == tuple(QUESTIONS)


def test_every_question_is_due_until_answered() -> None:
    assert due(Profile(), DAY) == tuple(QUESTIONS)
    profile = Profile().with_answer(ProfileKey.cancer, ProfileAnswer.unsaid, DAY)
    assert ProfileKey.cancer not in due(profile, DAY)


def test_an_age_no_is_asked_again_a_year_later() -> None:
    profile = Profile()
    for key in QUESTIONS:
        profile = profile.with_answer(key, ProfileAnswer.no, DAY)
    assert due(profile, date(2026, 3, 19)) == ()
    assert due(profile, date(2026, 3, 20)) == (ProfileKey.age_50_plus,)


def test_an_age_yes_or_unsaid_and_the_other_noes_are_not_asked_again() -> None:
    for answer in (ProfileAnswer.yes, ProfileAnswer.unsaid):
        profile = Profile()
        for key in QUESTIONS:
            profile = profile.with_answer(key, ProfileAnswer.no, DAY)
        profile = profile.with_answer(ProfileKey.age_50_plus, answer, DAY)
        assert due(profile, date(2030, 1, 1)) == ()


def test_an_age_no_given_on_29_february_is_due_on_1_march() -> None:
    profile = Profile().with_answer(ProfileKey.age_50_plus, ProfileAnswer.no, date(2024, 2, 29))
    assert ProfileKey.age_50_plus not in due(profile, date(2025, 2, 28))
    assert ProfileKey.age_50_plus in due(profile, date(2025, 3, 1))


def test_the_questions_are_plain_language() -> None:
    for text in QUESTIONS.values():
        assert text.endswith("?")
        assert "immunosuppress" not in text
