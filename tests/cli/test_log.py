"""``psoas log``: the same checks as the app, nothing written on a bad value, the prompt's words."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from psoas_tui.clock import SystemClock
from psoas_tui.core.model import SymptomEntry
from psoas_tui.core.prompt import (
    CLI_TAIL_SOON,
    CLI_TAIL_URGENT,
    EMERGENCY_ADVICE,
    SAFETY_NET_EMERGENCY,
)
from psoas_tui.core.signs import QUESTIONS
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from tests.cli.conftest import Psoas


def stored(tmp_path: Path) -> list[SymptomEntry]:
    repo = Repository.open(Locations(tmp_path / "data", tmp_path / "config"), SystemClock())
    try:
        return repo.entries()
    finally:
        repo.close()


def today_of(psoas: Psoas) -> date:
    """Today as the command sees it (its own zone and day start)."""
    return date.fromisoformat(json.loads(psoas("status", "--json").stdout)["date"])


def test_a_full_entry_is_saved_with_every_field(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas(
        "log",
        "--pain",
        "3",
        "--stiffness",
        "5",
        "--minutes",
        "20",
        "--where",
        "lower_back",
        "--where",
        "left_hip",
        "--note",
        "after a long drive",
    )
    assert done.returncode == 0, done.stderr
    [entry] = stored(tmp_path)
    assert done.stdout.splitlines() == [
        f"Logged {entry.day.isoformat()}: pain 3/10, stiffness 5/10, 20 min of morning "
        "stiffness, where: left hip, lower back, note: after a long drive",
        "",
        SAFETY_NET_EMERGENCY,
    ]
    assert (entry.pain, entry.stiffness, entry.stiffness_minutes) == (3, 5, 20)
    assert entry.where == ("left_hip", "lower_back")
    assert entry.signs == ()
    assert entry.note == "after a long drive"
    assert len(entry.id) == 32


def test_yesterday_is_the_day_before_today(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("log", "--pain", "0", "--stiffness", "2", "--date", "Yesterday")
    assert done.returncode == 0, done.stderr
    assert [entry.day for entry in stored(tmp_path)] == [today_of(psoas) - timedelta(days=1)]


def test_a_backfilled_day_is_kept(psoas: Psoas, tmp_path: Path) -> None:
    day = today_of(psoas) - timedelta(days=3)
    done = psoas("log", "--pain", "0", "--stiffness", "2", "--date", day.isoformat())
    assert done.returncode == 0, done.stderr
    assert [entry.day for entry in stored(tmp_path)] == [day]


BAD = [
    (["--pain", "11"], "--pain: 11 is out of range; allowed: a whole number from 0 to 10"),
    (["--pain", "-1"], "--pain: '-1' is not a whole number; allowed: a whole number from 0 to 10"),
    (["--pain", "high"], "--pain: 'high' is not a whole number"),
    (["--stiffness", "3.5"], "--stiffness: '3.5' is not a whole number"),
    (["--minutes", "700"], "--minutes: 700 is out of range; allowed: a whole number of minutes"),
    (["--minutes", "lots"], "--minutes: 'lots' is not a whole number"),
    (["--date", "2999-01-01"], "--date: 2999-01-01 is in the future; allowed: today ("),
    (["--date", "tomorrow"], "--date: 'tomorrow' is not a date; allowed: YYYY-MM-DD, today or"),
    (["--date", "1989-12-31"], "--date: 1989-12-31 is before 1990-01-01; allowed: a day from"),
    (["--sign", "dizzy"], "--sign: 'dizzy' is not known; allowed: radiating, worse_after_stretch"),
    (["--where", "knee"], "--where: 'knee' is not known; allowed: left_hip, right_hip"),
    (["--note", "x" * 501], "--note: 501 characters is too long; allowed: at most 500 characters"),
]


def _with(change: list[str]) -> list[str]:
    values = {"--pain": "4", "--stiffness": "4"}
    args = ["log"]
    for option, value in values.items():
        if option not in change:
            args += [option, value]
    return args + change


@pytest.mark.parametrize(("change", "message"), BAD, ids=[" ".join(c)[:20] for c, _ in BAD])
def test_a_bad_value_exits_2_with_one_line_and_writes_nothing(
    psoas: Psoas, tmp_path: Path, change: list[str], message: str
) -> None:
    done = psoas(*_with(change))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"psoas: {message}")
    assert not (tmp_path / "data").exists()


def test_a_bad_value_adds_nothing_to_an_existing_log(psoas: Psoas, tmp_path: Path) -> None:
    assert psoas("log", "--pain", "2", "--stiffness", "2").returncode == 0
    before = stored(tmp_path)
    for change, _message in BAD:
        assert psoas(*_with(change)).returncode == 2
    assert stored(tmp_path) == before


def test_a_missing_score_is_bad_usage(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("log", "--stiffness", "3")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "--pain" in done.stderr
    assert not (tmp_path / "data").exists()


def test_the_eighth_day_of_pain_prints_the_prompt_and_exits_0(psoas: Psoas) -> None:
    today = today_of(psoas)
    for back in range(7, 0, -1):
        day = (today - timedelta(days=back)).isoformat()
        quiet = psoas("log", "--pain", "4", "--stiffness", "3", "--date", day)
        assert quiet.returncode == 0, quiet.stderr
        assert "What the app noticed" not in quiet.stdout
    done = psoas("log", "--pain", "5", "--stiffness", "3")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Time to have this checked" in out
    assert "You logged pain on all 8 days from " in out
    assert "Your daily pain was between 4 and 5 out of 10." in out
    assert "a physical therapist, a doctor or a chiropractor" in out
    assert "cannot tell what is causing this" in out
    assert CLI_TAIL_SOON in out
    assert out.rstrip().endswith(SAFETY_NET_EMERGENCY)


def test_an_urgent_sign_prints_the_urgent_words(psoas: Psoas) -> None:
    done = psoas("log", "--pain", "6", "--stiffness", "4", "--sign", "bladder_bowel")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.splitlines()[2] == "Please get emergency care now"
    assert "new trouble peeing or controlling the bladder or bowels" in out
    assert EMERGENCY_ADVICE in out
    assert out.rstrip().endswith(CLI_TAIL_URGENT)
    assert "open the app" not in out.lower()


def test_the_help_lists_places_and_signs(psoas: Psoas) -> None:
    done = psoas("log", "--help")
    assert done.returncode == 0
    assert "front_thigh" in done.stdout
    assert "saddle" in done.stdout and "saddle_numbness" not in done.stdout
    assert "trauma" not in done.stdout  # asked before version 2, never now
    assert "Numbness, tingling or a changed feeling around your genitals" in done.stdout
    assert "--no-signs" in done.stdout


def test_log_never_imports_textual(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom psoas_tui.cli import main\n"
        "main(['log', '--pain', '2', '--stiffness', '2'])\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'textual'))\n"
    )
    env = {"PSOAS_DATA_DIR": str(tmp_path / "d"), "PSOAS_CONFIG_DIR": str(tmp_path / "c")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.splitlines()[-1] == "[]"


def test_status_names_an_active_referral(psoas: Psoas) -> None:
    assert json.loads(psoas("status", "--json").stdout)["referral"] == []
    assert not psoas("status", "--short").stdout.strip().endswith("get care now")
    psoas("log", "--pain", "3", "--stiffness", "2", "--sign", "serious_accident")
    status = json.loads(psoas("status", "--json").stdout)
    [rule] = status["referral"]
    assert (rule["rule"], rule["level"], rule["acknowledged"]) == (
        "emergency_sign",
        "emergency",
        False,
    )
    assert (rule["in_force"], status["referral_level"]) == (True, "emergency")
    assert rule["reasons"][0].endswith(
        "you answered yes to: pain that started after a serious accident."
    )
    assert psoas("status", "--short").stdout.strip().endswith(", get care now")
    text = psoas("status").stdout
    assert "Please get emergency care now" in text and EMERGENCY_ADVICE in text
    assert text.rstrip().endswith(CLI_TAIL_URGENT)


def test_no_signs_records_every_question_asked_and_no(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("log", "--pain", "2", "--stiffness", "2", "--no-signs")
    assert done.returncode == 0, done.stderr
    [entry] = stored(tmp_path)
    assert entry.signs == () and entry.asked == QUESTIONS
    assert done.stdout.splitlines()[1].startswith("Recorded as no: pain, tingling or numbness")


def test_a_sign_records_that_question_alone_as_asked(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("log", "--pain", "2", "--stiffness", "2", "--sign", "radiating")
    assert done.returncode == 0, done.stderr
    [entry] = stored(tmp_path)
    assert entry.signs == entry.asked == ("radiating",)


def test_an_unknown_sign_is_refused_with_the_known_ones(psoas: Psoas, tmp_path: Path) -> None:
    for key in ("saddle_numbness", "trauma", "[b]x"):
        done = psoas("log", "--pain", "2", "--stiffness", "2", "--sign", key)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1
        assert f"--sign: {key!r} is not known; allowed: radiating, " in done.stderr
    assert not (tmp_path / "data").exists()
    both = psoas("log", "--pain", "2", "--stiffness", "2", "--sign", "fever", "--no-signs")
    assert both.returncode == 2


def test_profile_shows_and_changes_the_answers_and_the_rules_follow(psoas: Psoas) -> None:
    assert "cancer             not answered" in psoas("profile").stdout
    psoas("log", "--pain", "2", "--stiffness", "2", "--sign", "minor_fall")
    assert psoas("status", "--short").stdout.strip().endswith(", get checked")
    done = psoas("profile", "--set", "age_50_plus=yes", "--set", "cancer=unsaid")
    assert done.returncode == 0, done.stderr
    assert "age_50_plus        yes (since " in done.stdout
    assert "cancer             i'd rather not say" in done.stdout
    assert psoas("status", "--short").stdout.strip().endswith(", see a doctor today")
    psoas("profile", "--set", "age_50_plus=no")
    assert psoas("status", "--short").stdout.strip().endswith(", get checked")


def test_a_bad_profile_answer_is_refused_and_nothing_written(psoas: Psoas, tmp_path: Path) -> None:
    for answer, message in (
        ("age=yes", "--set: 'age' is not known; allowed: cancer, steroids, "),
        ("cancer=maybe", "--set: 'maybe' is not an answer; allowed: yes, no, unsaid"),
        ("cancer", "--set: 'cancer' is not KEY=ANSWER"),
    ):
        done = psoas("profile", "--set", "steroids=yes", "--set", answer)
        assert done.returncode == 2
        assert done.stderr.startswith(f"psoas: {message}") and done.stderr.count("\n") == 1
    assert not (tmp_path / "data").exists()
