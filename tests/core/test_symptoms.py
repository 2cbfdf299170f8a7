"""Checking a symptom entry: what is refused, and how the refusal names the field."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from psoas_tui.core.errors import InvalidInput
from psoas_tui.core.model import SymptomEntry
from psoas_tui.core.symptoms import EntryRefused, check_entry, parse_minutes, parse_score

TODAY = date(2025, 3, 20)
AT = datetime(2025, 3, 20, 8, 0, tzinfo=UTC)
GOOD = SymptomEntry("id1", TODAY, AT, pain=4, stiffness=6, stiffness_minutes=30)


def refused(entry: SymptomEntry) -> EntryRefused:
    with pytest.raises(EntryRefused) as caught:
        check_entry(entry, TODAY)
    return caught.value


def test_a_good_entry_passes_tidied() -> None:
    messy = dataclasses.replace(
        GOOD,
        where=("lower_back", "left_hip", "lower_back"),
        signs=("fever", "radiating"),
        note="  stiff after the drive \n",
    )
    tidy = check_entry(messy, TODAY)
    assert tidy.where == ("left_hip", "lower_back")
    assert tidy.signs == ("radiating", "fever")
    assert tidy.note == "stiff after the drive"
    assert (tidy.pain, tidy.stiffness, tidy.stiffness_minutes) == (4, 6, 30)


def test_the_edges_of_every_range_are_allowed() -> None:
    for pain, stiffness, minutes in ((0, 0, 0), (10, 10, 600)):
        entry = dataclasses.replace(GOOD, pain=pain, stiffness=stiffness, stiffness_minutes=minutes)
        assert check_entry(entry, TODAY) == entry


def test_a_timer_entry_without_scores_is_allowed() -> None:
    hurt = dataclasses.replace(GOOD, pain=None, stiffness=None, signs=("worse_after_stretch",))
    assert check_entry(hurt, TODAY) == hurt


def test_a_past_day_is_allowed() -> None:
    backfill = dataclasses.replace(GOOD, day=date(2024, 12, 31))
    assert check_entry(backfill, TODAY).day == date(2024, 12, 31)


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"pain": 11}, "pain", "11 is out of range"),
        ({"pain": -1}, "pain", "-1 is out of range"),
        ({"pain": True}, "pain", "True is not a whole number"),
        ({"stiffness": 12}, "stiffness", "12 is out of range"),
        ({"stiffness_minutes": 601}, "minutes", "601 is out of range"),
        ({"stiffness_minutes": -5}, "minutes", "-5 is out of range"),
        ({"where": ("left_knee",)}, "where", "'left_knee' is not known"),
        ({"signs": ("dizzy",)}, "sign", "'dizzy' is not known"),
        ({"note": "x" * 501}, "note", "501 characters is too long"),
        ({"day": date(2025, 3, 21)}, "date", "2025-03-21 is in the future"),
    ],
)
def test_a_bad_field_is_refused_by_name(
    change: dict[str, object], field: str, problem: str
) -> None:
    error = refused(dataclasses.replace(GOOD, **change))  # type: ignore[arg-type]
    assert (error.field, error.problem) == (field, problem)
    assert isinstance(error, InvalidInput)


def test_a_refusal_is_one_line_saying_what_is_allowed() -> None:
    assert str(refused(dataclasses.replace(GOOD, pain=11))) == (
        "pain: 11 is out of range; allowed: a whole number from 0 to 10"
    )
    assert str(refused(dataclasses.replace(GOOD, signs=("dizzy",)))) == (
        "sign: 'dizzy' is not known; allowed: radiating, worse_after_stretch, restricted, "
        "minor_fall, saddle, bladder_bowel, both_legs, sexual, serious_accident, "
        "cannot_bear_weight, chest_pain, belly, one_leg_weak, fever, weight_loss, night_pain, "
        "lump, cough_sneeze, upper_back, trauma"
    )
    assert str(refused(dataclasses.replace(GOOD, day=date(2025, 4, 1)))) == (
        "date: 2025-04-01 is in the future; allowed: today (2025-03-20) or earlier"
    )


def test_asked_is_tidied_into_the_form_order_and_unknown_stays_unknown() -> None:
    entry = dataclasses.replace(
        GOOD, signs=("saddle",), asked=("fever", "saddle", "radiating", "fever")
    )
    assert check_entry(entry, TODAY).asked == ("radiating", "saddle", "fever")
    assert check_entry(dataclasses.replace(GOOD, asked=()), TODAY).asked == ()
    assert check_entry(GOOD, TODAY).asked is None
    assert type(check_entry(entry, TODAY).signs[0]) is str


def test_an_unknown_or_legacy_question_is_not_asked() -> None:
    for key in ("dizzy", "trauma", "saddle_numbness"):
        error = refused(dataclasses.replace(GOOD, asked=(key,)))
        assert (error.field, error.problem) == ("asked", f"{key!r} is not known")
        assert error.allowed.startswith("radiating, worse_after_stretch, restricted, minor_fall")
        assert error.allowed.endswith(", upper_back")


def test_a_yes_to_a_question_not_asked_is_refused() -> None:
    entry = dataclasses.replace(GOOD, signs=("radiating", "fever"), asked=("radiating",))
    assert str(refused(entry)) == (
        "sign: 'fever' is answered yes but was not asked; allowed: a yes only to a question "
        "asked with the entry (radiating)"
    )
    nothing = dataclasses.replace(GOOD, signs=("saddle",), asked=())
    assert refused(nothing).allowed == "a yes only to a question asked with the entry (none was)"
    # Not known what was asked: nothing to hold a yes against.
    assert check_entry(dataclasses.replace(GOOD, signs=("fever",)), TODAY).signs == ("fever",)


def test_the_legacy_sign_stays_a_yes_on_an_entry_that_has_it() -> None:
    old = dataclasses.replace(GOOD, signs=("trauma", "radiating"), asked=("radiating",))
    assert check_entry(old, TODAY).signs == ("radiating", "trauma")


def test_a_note_of_500_characters_is_allowed() -> None:
    assert check_entry(dataclasses.replace(GOOD, note="y" * 500), TODAY).note == "y" * 500


@pytest.mark.parametrize(("text", "score"), [("0", 0), ("7", 7), (" 10 ", 10)])
def test_a_typed_score_is_read(text: str, score: int) -> None:
    assert parse_score(text, "pain") == score


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("11", "11 is out of range"),
        ("high", "'high' is not a whole number"),
        ("3.5", "'3.5' is not a whole number"),
        ("-1", "'-1' is not a whole number"),
        ("+5", "'+5' is not a whole number"),
        ("٥", "'٥' is not a whole number"),
        ("", "missing"),
    ],
)
def test_a_bad_typed_score_is_refused(text: str, problem: str) -> None:
    with pytest.raises(EntryRefused) as caught:
        parse_score(text, "stiffness")
    assert (caught.value.field, caught.value.problem) == ("stiffness", problem)


def test_typed_minutes_are_read_and_empty_means_not_given() -> None:
    assert parse_minutes("45") == 45
    assert parse_minutes("  ") is None
    for bad in ("601", "half an hour"):
        with pytest.raises(EntryRefused) as caught:
            parse_minutes(bad)
        assert caught.value.field == "minutes"
