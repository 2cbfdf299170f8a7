"""``psoas pause``: declare, list and end a pause; bad input is one line and exit 2."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from .conftest import Psoas

TODAY = datetime.now(ZoneInfo("Europe/Berlin")).date()
NEXT_WEEK = (TODAY + timedelta(days=7)).isoformat()


def test_a_pause_is_declared_listed_shown_and_ended(psoas: Psoas) -> None:
    made = psoas("pause", "--from", "yesterday", "--to", NEXT_WEEK, "--reason", "travel")
    assert made.returncode == 0, made.stderr
    first = (TODAY - timedelta(days=1)).isoformat()
    assert made.stdout == (
        f"Paused for travel from {first} to {NEXT_WEEK} (9 days). Those days neither add to "
        "the streak nor break it.\n"
    )
    listed = psoas("pause", "--list")
    assert listed.stdout == f"{first} to {NEXT_WEEK}  travel     9 days  (in force)\n"
    status = psoas("status")
    assert f"Paused for travel until {NEXT_WEEK}" in status.stdout

    ended = psoas("pause", "--end")
    assert ended.returncode == 0, ended.stderr
    assert f"it now ends {first}" in ended.stdout
    assert "(in force)" not in psoas("pause", "--list").stdout


def test_ending_a_pause_that_starts_today_removes_it(psoas: Psoas) -> None:
    assert psoas("pause", "--to", "today", "--reason", "flare").returncode == 0
    ended = psoas("pause", "--end")
    assert ended.stdout.startswith("Removed the pause for a flare")
    assert psoas("pause", "--list").stdout == "No pauses declared.\n"


def test_the_pause_is_in_the_json_export(psoas: Psoas) -> None:
    psoas("pause", "--to", NEXT_WEEK, "--reason", "clinician")
    doc = json.loads(psoas("export", "--format", "json").stdout)
    assert doc["pauses"] == [{"start": TODAY.isoformat(), "end": NEXT_WEEK, "reason": "clinician"}]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--to", "2026-13-01", "--reason", "travel"], "--to: '2026-13-01' is not a date"),
        (["--from", "tomorrow", "--to", "today", "--reason", "travel"], "--from: 'tomorrow'"),
        (["--to", "yesterday", "--reason", "travel"], "--to: "),
        (["--to", "today"], "--reason missing"),
        (["--reason", "flare"], "--to missing"),
        (["--to", "today", "--reason", "holiday"], "invalid choice: 'holiday'"),
        (["--list", "--to", "today"], "--to given with --list"),
        (["--end"], "--end: no pause is in force today"),
        (["--list", "--end"], "not allowed with argument"),
        (["--to", (TODAY + timedelta(days=400)).isoformat(), "--reason", "travel"], "too far"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_is_saved(
    psoas: Psoas, args: list[str], said: str
) -> None:
    result = psoas("pause", *args)
    assert result.returncode == 2
    assert said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert psoas("pause", "--list").stdout == "No pauses declared.\n"


def test_an_overlapping_pause_is_refused(psoas: Psoas) -> None:
    psoas("pause", "--to", NEXT_WEEK, "--reason", "illness")
    result = psoas("pause", "--from", "yesterday", "--to", "today", "--reason", "flare")
    assert result.returncode == 2
    assert "overlaps the pause for illness" in result.stderr
    assert len(psoas("pause", "--list").stdout.splitlines()) == 1
