"""config.toml fuzzed: every file is either read into settings inside their ranges, or refused
with a message naming the file, the setting and the reason. Nothing else is ever raised."""

from __future__ import annotations

from datetime import time

from dateutil import tz
from hypothesis import example, given, settings
from hypothesis import strategies as st

from psoas_tui.core.config import Config, parse_config
from psoas_tui.core.errors import FileRefused
from tests.faults.refusals import assert_clear, names_key
from tests.faults.toml_text import dumps, huge_text, odd_text, toml_integers, toml_values

FILE = "/home/someone/.config/psoas-tui/config.toml"

_digits = st.one_of(
    st.integers(-5, 99).map(str),
    st.sampled_from(["04", "4", "００", "²", "١", "٠٤", "", " 4", "+4", "4.0", "0x4"]),
)
_day_starts = st.one_of(
    st.builds(lambda hours, minutes: f"{hours}:{minutes}", _digits, _digits),
    st.times(),
    odd_text,
)
_numbers = st.one_of(
    st.integers(-5, 40),
    toml_integers,
    st.floats(min_value=-5, max_value=40),
    st.floats(allow_nan=True, allow_infinity=True),
)
_zones = st.one_of(
    st.sampled_from(
        [
            "Europe/Berlin",
            "America/New_York",
            "UTC",
            "Etc/GMT+5",
            "",
            " ",
            "UTC+5",
            "EST5EDT,M3.2.0,M11.1.0",
            "Europe/Nowhere",
            "europe/berlin",
            "../../../etc/passwd",
            "/etc/passwd",
            "/proc/self/mem",
            "/dev/zero",
            "/",
            ".",
            "Europe/",
            "a\x00b",
        ]
    ),
    odd_text,
    huge_text,
)

#: Each setting with values of the right shape, nearly right, and plainly wrong.
_SETTINGS = {
    "day_starts_at": st.one_of(_day_starts, toml_values),
    "count_partial": st.one_of(st.booleans(), toml_values),
    "bell": st.one_of(st.booleans(), st.sampled_from(["true", "yes", 1, 0]), toml_values),
    "breath_in": st.one_of(_numbers, toml_values),
    "breath_out": st.one_of(_numbers, toml_values),
    "get_ready_seconds": st.one_of(_numbers, toml_values),
    "timezone": st.one_of(_zones, toml_values),
    "voice": st.one_of(st.booleans(), st.sampled_from(["true", "yes", 1, 0]), toml_values),
    "on_phase": st.one_of(
        st.sampled_from(['notify-send psoas "$PSOAS_TEXT"', "", " ", "a\nb", "x\x00", "\t"]),
        odd_text,
        huge_text,
        toml_values,
    ),
}

_documents = st.fixed_dictionaries(
    {}, optional={name: strategy for name, strategy in _SETTINGS.items()}
)
_unknown = st.dictionaries(
    st.one_of(odd_text, huge_text, st.sampled_from(["Bell", "day-starts-at", "a\nb", ""])),
    toml_values,
    min_size=1,
    max_size=2,
)


def _assert_in_range(config: Config) -> None:
    assert time(0, 0) <= config.day_starts_at <= time(11, 59)
    assert config.day_starts_at.second == config.day_starts_at.microsecond == 0
    assert config.day_starts_at.tzinfo is None
    assert isinstance(config.count_partial, bool) and isinstance(config.bell, bool)
    for breath in (config.breath_in, config.breath_out):
        assert type(breath) is float and 2 <= breath <= 12
    assert type(config.get_ready_seconds) is int and 0 <= config.get_ready_seconds <= 30
    if config.timezone is not None:
        assert tz.gettz(config.timezone) is not None
    assert isinstance(config.voice, bool)
    if config.on_phase is not None:
        # One line the environment can carry, with something in it to run.
        assert 1 <= len(config.on_phase) <= 1000 and config.on_phase.strip()
        assert not any((char < " " and char != "\t") or char == "\x7f" for char in config.on_phase)


def _read(text: str) -> Config | FileRefused:
    try:
        return parse_config(text, FILE)
    except FileRefused as error:
        assert_clear(error, FILE)
        return error


@settings(max_examples=400, deadline=None)
@example({"day_starts_at": "²:00"})
@example({"day_starts_at": "١:٠٠"})
@example({"timezone": ""})
@example({"timezone": "x" * 5000})
@example({"timezone": "/etc/passwd"})
@example({"timezone": "../../../etc/passwd"})
@example({"timezone": "UTC+5"})
@given(_documents)
def test_settings_are_read_in_range_or_refused_by_name(document: dict[str, object]) -> None:
    result = _read(dumps(document))
    if isinstance(result, FileRefused):
        assert result.where in document
        return
    _assert_in_range(result)
    for name, value in document.items():
        if name in ("count_partial", "bell", "get_ready_seconds", "voice", "on_phase"):
            assert getattr(result, name) == value


@settings(max_examples=150, deadline=None)
@example({}, {"a\nb": 1})
@example({}, {"x" * 100_000: 1})
@given(_documents, _unknown)
def test_an_unknown_setting_is_refused_by_name(
    document: dict[str, object], unknown: dict[str, object]
) -> None:
    unknown = {key: value for key, value in unknown.items() if key not in _SETTINGS}
    result = _read(dumps({**document, **unknown}))
    if unknown:
        assert isinstance(result, FileRefused)
        assert any(names_key(result.where, key) for key in unknown), result.where


@settings(max_examples=300, deadline=None)
@example("day_starts_at = ")
@example("bell = true\nbell = false\n")
@example("[bell]\n")
@example("\x00")
@given(st.one_of(st.text(), st.text(st.sampled_from("=[]{}\"'#\n .:-_0123456789abtrue"))))
def test_any_text_is_read_or_refused(text: str) -> None:
    result = _read(text)
    if isinstance(result, Config):
        _assert_in_range(result)
