"""``psoas log`` with any arguments at all: one valid entry saved, or exit 2 and nothing written.

Each example runs the command in this process (``cli.main``) over one data directory that
collects the entries of every example, with the clock frozen; what the command must do is
worked out here from the interface's rules, not from the code that checks them.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from psoas_tui import cli
from psoas_tui.clock import ManualClock
from psoas_tui.context import Context
from psoas_tui.core.model import SymptomEntry
from psoas_tui.core.signs import PLACES, QUESTIONS
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from tests.input.conftest import is_plain_text

#: The keys ``--sign`` takes: every question the form asks (the legacy sign is never asked).
SIGN_KEYS = [key.value for key in QUESTIONS]
#: The frozen test clock's day (tests/conftest.py): the last day a good --date may name.
TODAY = date(2026, 11, 21)
#: The first day a good --date may name: an earlier one is taken for a typo.
EARLIEST = date(1990, 1, 1)

_odd_text = st.text(st.characters(exclude_categories=()), max_size=8)
_numbers = st.one_of(
    st.integers(0, 10).map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.floats().map(repr),
    st.sampled_from(
        ["", " ", "٥", "５", "+5", "1_0", "0x5", "05", "010", "1e1", "-0", "³", "5/10"]
    ),
    _odd_text,
)
_padded_numbers = st.builds(
    lambda before, number, after: before + number + after,
    st.sampled_from(["", " ", "\t"]),
    _numbers,
    st.sampled_from(["", " ", "\n"]),
)
_dates = st.one_of(
    st.dates().map(date.isoformat),
    st.dates(date(2026, 10, 1), date(2026, 12, 31)).map(date.isoformat),
    st.sampled_from(
        [
            "",
            "today",
            " TODAY ",
            "Yesterday",
            "tomorrow",
            "1989-12-31",
            "1990-01-01",
            "2026-02-29",
            "2026-11-31",
            "2026-13-01",
            "21/11/2026",
            "2026-11-21T08:00",
            "20261121",
            "2026-11-21 and more",
            "2026-11-2١",
            "-2026-11-21",
        ]
    ),
    _odd_text,
)
_keys = st.one_of(
    st.sampled_from([*PLACES, *SIGN_KEYS]),
    st.sampled_from(["Left_Hip", "left hip", " buttock", "fever ", "", "lower-back"]),
    _odd_text,
)
_huge_notes = st.builds(
    operator.mul, st.sampled_from(["x", "é", "😀", " ", "\u200f", "\x07"]), st.integers(1, 20_000)
)
_notes = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=60),
    st.text(max_size=60),
    st.builds(operator.add, st.text(max_size=5), _huge_notes),
)


@dataclass
class LogArguments:
    """One ``psoas log`` command line; ``None`` leaves an option out."""

    pain: str | None
    stiffness: str | None
    date: str | None = None
    minutes: str | None = None
    where: list[str] = field(default_factory=list)
    signs: list[str] = field(default_factory=list)
    note: str | None = None

    def argv(self) -> list[str]:
        # "--pain=-5" and not "--pain -5": argparse would read "-x" after a space as an option.
        options = [
            ("pain", self.pain),
            ("stiffness", self.stiffness),
            ("date", self.date),
            ("minutes", self.minutes),
            ("note", self.note),
        ]
        argv = [f"--{name}={value}" for name, value in options if value is not None]
        argv += [f"--where={place}" for place in self.where]
        argv += [f"--sign={sign}" for sign in self.signs]
        return argv


_FIELDS = ("pain", "stiffness", "date", "minutes", "where", "signs", "note")
_WILD: dict[str, st.SearchStrategy[object]] = {
    "pain": st.one_of(_padded_numbers, st.none()),
    "stiffness": st.one_of(_padded_numbers, st.none()),
    "date": _dates,
    "minutes": _padded_numbers,
    "where": st.lists(_keys, min_size=1, max_size=4),
    "signs": st.lists(_keys, min_size=1, max_size=3),
    "note": _notes,
}


@st.composite
def _arguments(draw: st.DrawFn) -> LogArguments:
    """Good values in every option, then up to three options given anything at all."""
    score = st.integers(0, 10).map(str)
    arguments = LogArguments(
        pain=draw(score),
        stiffness=draw(score),
        date=draw(st.one_of(st.none(), st.dates(max_value=TODAY).map(str))),
        minutes=draw(st.one_of(st.none(), st.just(""), st.integers(0, 600).map(str))),
        where=draw(st.lists(st.sampled_from(list(PLACES)), max_size=3)),
        signs=draw(st.lists(st.sampled_from(SIGN_KEYS), max_size=2)),
        note=draw(st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cc", "Cs"))))),
    )
    for name in draw(st.lists(st.sampled_from(_FIELDS), max_size=3, unique=True)):
        setattr(arguments, name, draw(_WILD[name]))
    return arguments


def _whole(text: str, highest: int) -> int | None:
    stripped = text.strip()
    if re.fullmatch("[0-9]+", stripped) and int(stripped) <= highest:
        return int(stripped)
    return None


@dataclass
class Expected:
    """What the interface says the command must do with ``LogArguments``: the options missing
    or refused, else the entry's fields (day, pain, stiffness, minutes, where, signs, note)."""

    missing: list[str]
    bad: list[str]
    fields: tuple[object, ...] | None


def expected(arguments: LogArguments, today: date) -> Expected:
    """The options refused and, if none is, the entry that must be saved (id and time aside)."""
    missing = [name for name in ("pain", "stiffness") if getattr(arguments, name) is None]
    bad: list[str] = []
    scores: dict[str, int | None] = {}
    for name in ("pain", "stiffness"):
        text = getattr(arguments, name)
        scores[name] = None if text is None else _whole(text, 10)
        if text is not None and scores[name] is None:
            bad.append(name)
    day = today
    if arguments.date is not None:
        typed = arguments.date.strip()
        try:
            if typed.lower() in ("today", "yesterday"):
                day = today - timedelta(days=1 if typed.lower() == "yesterday" else 0)
            elif not re.fullmatch("[0-9]{4}-[0-9]{2}-[0-9]{2}", typed):
                raise ValueError(typed)
            else:
                day = date.fromisoformat(typed)
        except ValueError:
            bad.append("date")
        else:
            if not EARLIEST <= day <= today:
                bad.append("date")
    minutes = None
    if arguments.minutes is not None and arguments.minutes.strip():
        minutes = _whole(arguments.minutes, 600)
        if minutes is None:
            bad.append("minutes")
    if any(place not in PLACES for place in arguments.where):
        bad.append("where")
    if any(sign not in SIGN_KEYS for sign in arguments.signs):
        bad.append("sign")
    note = (arguments.note or "").strip()
    if len(note) > 500 or not is_plain_text(note):
        bad.append("note")
    if missing or bad:
        return Expected(missing, bad, None)
    return Expected(
        missing,
        bad,
        (
            day,
            scores["pain"],
            scores["stiffness"],
            minutes,
            tuple(place for place in PLACES if place in arguments.where),
            tuple(sign for sign in SIGN_KEYS if sign in arguments.signs),
            note,
        ),
    )


def _files(directory: Path) -> dict[str, bytes]:
    if not directory.exists():
        return {}
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def _stored(locations: Locations, clock: ManualClock) -> dict[str, SymptomEntry]:
    if not locations.database.exists():
        return {}
    with Repository.open(locations, clock) as repo:
        return {entry.id: entry for entry in repo.entries()}


def _run(argv: list[str]) -> int:
    try:
        return cli.main(argv)
    except SystemExit as leaving:
        assert isinstance(leaving.code, int)
        return leaving.code


@pytest.fixture
def frozen_command_clock(monkeypatch: pytest.MonkeyPatch, clock: ManualClock) -> ManualClock:
    """The command's clock is the frozen test clock, so "today" and "the future" are fixed."""
    monkeypatch.setattr(Context, "clock", property(lambda _context: clock))
    return clock


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(arguments=_arguments())
@example(arguments=LogArguments("3", "2", note="\udcff"))
@example(arguments=LogArguments("3", "2", note="bell\x07 \x1b[31mred"))
@example(
    arguments=LogArguments("3", "2", note="  two\nlines\tand \u200f\u05e9\u05dc\u05d5\u05dd 😀  ")
)
@example(arguments=LogArguments("3", "2", note="\u202eevil"))
@example(arguments=LogArguments("10", "0", date="2026-11-21", minutes="600", note="n" * 500))
@example(arguments=LogArguments("11", "0", date="2026-11-22", minutes="601", note="n" * 501))
@example(arguments=LogArguments(" 4 ", "4", minutes="  ", where=["buttock", "left_hip", "buttock"]))
@example(arguments=LogArguments(None, "4", where=["nowhere"]))
def test_psoas_log_saves_one_valid_entry_or_refuses_with_one_line(
    arguments: LogArguments,
    locations: Locations,
    frozen_command_clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = frozen_command_clock
    assert clock.today() == TODAY
    want = expected(arguments, TODAY)
    event("saved" if want.fields is not None else f"refused {sorted(want.bad)}{want.missing}")
    before = _stored(locations, clock)
    files_before = _files(locations.data_dir)
    capsys.readouterr()

    code = _run(
        [
            "--data-dir",
            str(locations.data_dir),
            "--config-dir",
            str(locations.config_dir),
            "log",
            *arguments.argv(),
        ]
    )

    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if want.fields is None:
        assert code == 2, (out, err)
        [line] = err.splitlines()
        assert out == ""
        if want.missing:
            assert "required" in line and f"--{want.missing[0]}" in line
            assert "--help" in line
        else:
            named = re.match(r"psoas: --(\w+): ", line)
            assert named is not None, line
            assert named.group(1) in want.bad, (line, want.bad)
            assert "; allowed: " in line
        assert _files(locations.data_dir) == files_before
        return
    assert code == 0, (err, want)
    assert err == ""
    after = _stored(locations, clock)
    [new_id] = after.keys() - before.keys()
    saved = after[new_id]
    assert {key: after[key] for key in before} == before
    assert re.fullmatch("[0-9a-f]{32}", new_id)
    assert saved.logged_at == clock.now()
    assert (
        saved.day,
        saved.pain,
        saved.stiffness,
        saved.stiffness_minutes,
        saved.where,
        saved.signs,
        saved.note,
    ) == want.fields
    # --sign records the questions it answers as asked, once each in the form's order, so that
    # "no" can be told from "not asked".
    assert saved.asked == saved.signs
    assert out.startswith(f"Logged {saved.day.isoformat()}: pain {saved.pain}/10, ")


def test_a_day_long_past_and_today_are_both_allowed(
    locations: Locations, frozen_command_clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    today = frozen_command_clock.today()
    for day in (EARLIEST, today - timedelta(days=1), today):
        argv = ["--data-dir", str(locations.data_dir), "log", "--pain=1", "--stiffness=1"]
        assert _run([*argv, f"--date={day.isoformat()}"]) == 0
    assert sorted(entry.day for entry in _stored(locations, frozen_command_clock).values()) == [
        EARLIEST,
        today - timedelta(days=1),
        today,
    ]
    assert capsys.readouterr().err == ""


def test_yesterday_in_any_case_is_the_day_before_and_1989_is_refused(
    locations: Locations, frozen_command_clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--data-dir", str(locations.data_dir), "log", "--pain=1", "--stiffness=1"]
    assert _run([*argv, "--date= YESTERDAY "]) == 0
    assert _run([*argv, "--date=Today"]) == 0
    capsys.readouterr()
    assert _run([*argv, "--date=1989-12-31"]) == 2
    assert capsys.readouterr().err == (
        "psoas: --date: 1989-12-31 is before 1990-01-01; allowed: a day from 1990-01-01 to "
        "today (2026-11-21)\n"
    )
    days = sorted(entry.day for entry in _stored(locations, frozen_command_clock).values())
    assert days == [TODAY - timedelta(days=1), TODAY]
