"""config.toml: defaults, and every field accepted or refused with a message naming it."""

from __future__ import annotations

from datetime import time

import pytest

from psoas_tui.core.config import Config, parse_config, theme_line
from psoas_tui.core.errors import FileRefused

FILE = "/home/someone/.config/psoas-tui/config.toml"


def test_an_empty_file_gives_the_defaults() -> None:
    assert parse_config("", FILE) == Config(
        day_starts_at=time(0, 0),
        count_partial=False,
        bell=True,
        breath_in=4.0,
        breath_out=6.0,
        get_ready_seconds=5,
        timezone=None,
        voice=False,
        on_phase=None,
    )


def test_a_full_file_sets_every_field() -> None:
    text = """
day_starts_at = "04:30"
count_partial = true
bell = false
breath_in = 5
breath_out = 7.5
get_ready_seconds = 0
timezone = "America/New_York"
theme = "nord"
voice = true
on_phase = 'notify-send psoas "$PSOAS_TEXT"'
"""
    assert parse_config(text, FILE) == Config(
        day_starts_at=time(4, 30),
        count_partial=True,
        bell=False,
        breath_in=5.0,
        breath_out=7.5,
        get_ready_seconds=0,
        timezone="America/New_York",
        theme="nord",
        voice=True,
        on_phase='notify-send psoas "$PSOAS_TEXT"',
    )


def test_numbers_of_seconds_for_breaths_become_floats() -> None:
    config = parse_config("breath_in = 4\nbreath_out = 12", FILE)
    assert isinstance(config.breath_in, float)
    assert config.breath_out == 12.0


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ('day_starts_at = "00:00"', "day_starts_at", time(0, 0)),
        ('day_starts_at = "4:00"', "day_starts_at", time(4, 0)),
        ('day_starts_at = "11:59"', "day_starts_at", time(11, 59)),
        ("count_partial = false", "count_partial", False),
        ("bell = true", "bell", True),
        ("breath_in = 2", "breath_in", 2.0),
        ("breath_out = 12.0", "breath_out", 12.0),
        ("get_ready_seconds = 30", "get_ready_seconds", 30),
        ('timezone = "Europe/Berlin"', "timezone", "Europe/Berlin"),
        ('timezone = "UTC"', "timezone", "UTC"),
        ('theme = "textual-light"', "theme", "textual-light"),
        ("voice = false", "voice", False),
        (
            "on_phase = 'play -q ~/bell.ogg &&\tsay \"$PSOAS_TEXT\"'",
            "on_phase",
            'play -q ~/bell.ogg &&\tsay "$PSOAS_TEXT"',
        ),
        (f"on_phase = '{'x' * 1000}'", "on_phase", "x" * 1000),
    ],
)
def test_a_valid_value_is_taken(line: str, field: str, value: object) -> None:
    assert getattr(parse_config(line, FILE), field) == value


@pytest.mark.parametrize(
    ("line", "field", "problem", "allowed"),
    [
        (
            'day_starts_at = "12:00"',
            "day_starts_at",
            "'12:00' is out of range",
            '"00:00" to "11:59"',
        ),
        ('day_starts_at = "04:60"', "day_starts_at", "'04:60' is out of range", "HH:MM"),
        ('day_starts_at = "4"', "day_starts_at", "'4' is not a time", "HH:MM"),
        ('day_starts_at = "04:0"', "day_starts_at", "'04:0' is not a time", "HH:MM"),
        ('day_starts_at = "4am"', "day_starts_at", "'4am' is not a time", "HH:MM"),
        ('day_starts_at = "-1:00"', "day_starts_at", "is not a time", "HH:MM"),
        ("day_starts_at = 4", "day_starts_at", "4 is not a time", "HH:MM"),
        ('count_partial = "yes"', "count_partial", "'yes' is not true or false", "true or false"),
        ("count_partial = 1", "count_partial", "1 is not true or false", "true or false"),
        ("bell = 0", "bell", "0 is not true or false", "true or false"),
        ("breath_in = 1.5", "breath_in", "1.5 is out of range", "from 2 to 12"),
        ("breath_in = 13", "breath_in", "13 is out of range", "from 2 to 12"),
        ('breath_in = "4"', "breath_in", "'4' is not a number", "from 2 to 12"),
        ("breath_out = true", "breath_out", "True is not a number", "from 2 to 12"),
        ("breath_out = 0", "breath_out", "0 is out of range", "from 2 to 12"),
        ("get_ready_seconds = 31", "get_ready_seconds", "31 is out of range", "from 0 to 30"),
        ("get_ready_seconds = -1", "get_ready_seconds", "-1 is out of range", "from 0 to 30"),
        ("get_ready_seconds = 5.0", "get_ready_seconds", "5.0 is not a whole number", "0 to 30"),
        ("get_ready_seconds = false", "get_ready_seconds", "not a whole number", "0 to 30"),
        ('timezone = "Mars/Olympus"', "timezone", "'Mars/Olympus' is not a known", "Europe/Paris"),
        ("timezone = 1", "timezone", "1 is not a known time zone", "Europe/Paris"),
        ('theme = "Nord Dark"', "theme", "'Nord Dark' is not a theme name", '"nord"'),
        ("theme = 3", "theme", "3 is not a theme name", "textual-light"),
        ('voice = "yes"', "voice", "'yes' is not true or false", "true or false"),
        ("voice = 1", "voice", "1 is not true or false", "true or false"),
        ("on_phase = true", "on_phase", "True is not a command", "on one line"),
        ("on_phase = ['say', 'done']", "on_phase", "['say', 'done'] is not a command", "such as"),
        ("on_phase = ''", "on_phase", "an empty command", "1 to 1000 characters"),
        ("on_phase = '  '", "on_phase", "an empty command", "1 to 1000 characters"),
        (f"on_phase = '{'x' * 1001}'", "on_phase", "1001 characters is too long", "1 to 1000"),
        ('on_phase = """say\ndone"""', "on_phase", "has a line break", "on one line"),
        ('on_phase = "say \\u0000"', "on_phase", "a control character", "on one line"),
    ],
)
def test_an_invalid_value_is_refused_naming_file_and_field(
    line: str, field: str, problem: str, allowed: str
) -> None:
    with pytest.raises(FileRefused) as refused:
        parse_config(line, FILE)
    error = refused.value
    assert (error.file, error.where) == (FILE, field)
    assert problem in error.problem
    assert allowed in error.allowed
    assert str(error).startswith(f"{FILE}: {field}: ")


def test_an_unknown_setting_is_refused_with_the_known_ones() -> None:
    with pytest.raises(FileRefused) as refused:
        parse_config('bell = true\ncolour = "dark"', FILE)
    assert refused.value.where == "colour"
    assert refused.value.problem == "unknown setting"
    assert "day_starts_at" in refused.value.allowed
    assert "timezone" in refused.value.allowed


def test_a_file_that_is_not_toml_is_refused() -> None:
    with pytest.raises(FileRefused) as refused:
        parse_config("bell = \n", FILE)
    assert refused.value.file == FILE
    assert refused.value.where == ""
    assert "not valid TOML" in refused.value.problem
    assert str(refused.value).startswith(f"{FILE}: not valid TOML")


def test_the_file_name_defaults_to_config_toml() -> None:
    with pytest.raises(FileRefused, match=r"^config\.toml: bell: "):
        parse_config("bell = 2")


def test_a_bare_toml_time_is_accepted_for_the_day_start() -> None:
    assert parse_config("day_starts_at = 04:30:00\n").day_starts_at == time(4, 30)


def test_a_bare_toml_time_with_seconds_is_refused() -> None:
    with pytest.raises(FileRefused, match="day_starts_at: 04:30:15 is not a whole minute"):
        parse_config("day_starts_at = 04:30:15\n")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", 'theme = "nord"\n'),
        ("bell = false", 'bell = false\ntheme = "nord"\n'),
        (
            '# mine\ntheme = "gruvbox"  # dark\nbell = true\n',
            '# mine\ntheme = "nord"\nbell = true\n',
        ),
    ],
)
def test_the_theme_line_is_replaced_or_added_and_the_rest_kept(before: str, after: str) -> None:
    assert theme_line(before, "nord") == after
    assert parse_config(after, FILE).theme == "nord"
