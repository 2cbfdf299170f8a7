"""The shared readers: what each accepts, and the two ways a refusal names a value."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psoas_tui.core import validate
from psoas_tui.core.validate import Missing, Refusal, cells, fit


def test_shown_cuts_a_long_value_to_the_length_asked() -> None:
    assert validate.shown("abc") == "'abc'"
    long = "x" * 100
    assert validate.shown(long) == repr(long)[:59] + "…"
    assert len(validate.shown(long)) == validate.SHOWN_LENGTH
    assert validate.shown(long, 40, "...") == repr(long)[:37] + "..."


def test_a_bare_key_is_written_as_it_is_and_any_other_quoted() -> None:
    assert validate.bare_key("breath_in") == "breath_in"
    assert validate.bare_key("two words") == "'two words'"
    assert validate.bare_key("line\nbreak") == "'line\\nbreak'"
    assert validate.bare_key("k" * 41) == validate.shown("k" * 41)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, "null"),
        ({}, "an object"),
        ([], "a list"),
        ("", "a string"),
        (True, "true/false"),
        (1, "a number"),
        (1.5, "a number"),
    ],
)
def test_kind_of_names_json_kinds(value: object, kind: str) -> None:
    assert validate.kind_of(value) == kind


def test_whole_refuses_booleans_and_floats_naming_the_value_or_its_kind() -> None:
    assert validate.whole(3, "reps") == 3
    for value in (True, 3.0, "3"):
        with pytest.raises(Refusal) as refused:
            validate.whole(value, "reps")
        assert refused.value.problem == f"{value!r} is not a whole number"
    with pytest.raises(Refusal, match="a string, not a whole number"):
        validate.whole("3", "reps", show=None)


def test_number_takes_ints_and_floats_but_not_booleans() -> None:
    assert validate.number(3, "held") == 3.0
    assert validate.number(2.5, "held") == 2.5
    with pytest.raises(Refusal, match="False is not a number"):
        validate.number(False, "held")


def test_within_includes_both_ends() -> None:
    assert validate.within(0, (0, 30), "s", "0 to 30") == 0
    assert validate.within(30, (0, 30), "s", "0 to 30") == 30
    with pytest.raises(Refusal) as refused:
        validate.within(31, (0, 30), "s", "0 to 30")
    assert (refused.value.where, refused.value.problem, refused.value.allowed) == (
        "s",
        "31 is out of range",
        "0 to 30",
    )


def test_field_and_only_name_the_missing_or_unknown_field() -> None:
    doc = {"a": 1, "b": 2}
    assert validate.field(doc, "a", "top") == 1
    with pytest.raises(Missing) as missing:
        validate.field(doc, "c", "days[0] (2026-11-21)")
    assert (missing.value.where, missing.value.name) == ("days[0] (2026-11-21) c", "c")
    validate.only(doc, ("a", "b"), "")
    validate.only({"a": 1}, ("a", "b"), "", required=("a",))
    with pytest.raises(Refusal) as unknown:
        validate.only({"a": 1, "z z": 2}, ("a", "b"), "dose")
    assert (unknown.value.where, unknown.value.problem) == ("dose.'z z'", "unknown field")
    with pytest.raises(Missing, match="b"):
        validate.only({"a": 1}, ("a", "b"), "")


def test_iso_day_takes_only_the_calendar_form() -> None:
    assert validate.iso_day("2026-11-21", "day") == date(2026, 11, 21)
    for text in ("2026-W47-6", "20261121", "2026-02-30", "٢٠٢٦-١١-٢١", 20261121):
        with pytest.raises(Refusal, match="is not a date"):
            validate.iso_day(text, "day")


def test_instant_needs_its_utc_offset() -> None:
    moment = validate.instant("2026-11-21T07:31:02+01:00", "at")
    assert moment.utcoffset() == timedelta(hours=1)
    for text in ("2026-11-21T07:31:02", "2026-11-21", "x" * 50):
        with pytest.raises(Refusal, match="is not a date-time with its UTC offset"):
            validate.instant(text, "at")


@given(text=st.text(max_size=40), width=st.integers(min_value=2, max_value=60))
def test_fit_takes_exactly_the_width_and_keeps_what_fits(text: str, width: int) -> None:
    fitted = fit(text, width)
    assert cells(fitted) == width
    if cells(text) <= width:
        assert fitted == text + " " * (width - cells(text))
    else:
        assert fitted.rstrip(" ").endswith("…")
        assert text.startswith(fitted.rstrip(" ")[:-1])


def test_cells_counts_wide_and_combining_characters() -> None:
    assert cells("abc") == 3
    assert cells("股関節") == 6
    assert cells("🌉") == 2
    assert cells("e\u0301") == 1
