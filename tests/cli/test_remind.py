"""``psoas status --due``, ``--short --only-due`` and ``psoas remind``: what is due, the one
notification (through fake notifiers on PATH that record what they were given) and its record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from psoas_tui.clock import SystemClock
from psoas_tui.core.prompt import EMERGENCY_ADVICE, HEADLINES, REMIND_BOOKED
from psoas_tui.core.signs import Level
from tests.cli.conftest import Psoas
from tests.cli.test_status_streak import BERLIN
from tests.services.test_routine_versions import routine_toml

TITLE = "psoas: time to stretch"


def fake(bin_dir: Path, name: str, exit_code: int = 0) -> Path:
    """A program ``name`` in ``bin_dir`` that appends its arguments (and the words a toast reads
    from its environment) to ``name.log`` as a JSON line, then exits with ``exit_code``."""
    bin_dir.mkdir(exist_ok=True)
    log = bin_dir / f"{name}.log"
    script = bin_dir / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"with open({str(log)!r}, 'a') as log:\n"
        "    env = {k: os.environ[k] for k in ('PSOAS_TITLE', 'PSOAS_BODY') if k in os.environ}\n"
        "    log.write(json.dumps({'argv': sys.argv[1:], 'env': env}) + '\\n')\n"
        f"sys.exit({exit_code})\n"
    )
    script.chmod(0o755)
    return log


def calls(log: Path) -> list[dict[str, object]]:
    """What a fake program was given, a call a line; none if it never ran."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    return tmp_path / "bin"


@pytest.fixture
def only(bin_dir: Path) -> dict[str, str]:
    """The environment of a machine whose programs are only the fakes (and not inside tmux)."""
    bin_dir.mkdir(exist_ok=True)
    return {"PATH": str(bin_dir), "TMUX": ""}


def scheduled_ids(psoas: Psoas) -> list[str]:
    status = json.loads(psoas("status", "--json").stdout)
    return [exercise["id"] for exercise in status["today"]["exercises"]]


def do_everything(psoas: Psoas) -> None:
    for exercise_id in scheduled_ids(psoas):
        assert psoas("done", exercise_id).returncode == 0


# status --due and --short --only-due


def test_due_when_todays_routine_is_not_done(psoas: Psoas) -> None:
    due = psoas("status", "--due")
    assert (due.returncode, due.stdout, due.stderr) == (0, "", "")
    assert psoas("done", scheduled_ids(psoas)[0]).returncode == 0
    assert psoas("status", "--due").returncode == 0


def test_nothing_due_once_the_day_is_done(psoas: Psoas) -> None:
    do_everything(psoas)
    due = psoas("status", "--due")
    assert (due.returncode, due.stdout, due.stderr) == (3, "", "")


@pytest.mark.parametrize(
    "log",
    [
        ("--pain", "8", "--stiffness", "3"),
        ("--pain", "2", "--stiffness", "3", "--sign", "radiating"),
    ],
    ids=["severe pain", "a warning sign"],
)
def test_nothing_due_on_a_symptom_rest(psoas: Psoas, log: tuple[str, ...]) -> None:
    assert psoas("log", *log).returncode == 0
    due = psoas("status", "--due")
    assert (due.returncode, due.stdout) == (3, "")


def test_nothing_due_on_a_rest_day(psoas: Psoas, tmp_path: Path) -> None:
    tomorrow = SystemClock(zone=BERLIN).today() + timedelta(days=1)
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[tomorrow.weekday()]
    config = tmp_path / "config"
    config.mkdir()
    (config / "routine.toml").write_text(
        routine_toml(("bridge", f"FREQ=WEEKLY;BYDAY={weekday}", 2))
    )
    assert scheduled_ids(psoas) == []
    assert psoas("status", "--due").returncode == 3


def test_nothing_due_and_no_reminder_while_paused(psoas: Psoas) -> None:
    assert psoas("pause", "--to", "today", "--reason", "illness").returncode == 0
    due = psoas("status", "--due")
    assert (due.returncode, due.stdout, due.stderr) == (3, "", "")
    assert psoas("status", "--short", "--only-due").stdout == ""
    said = psoas("remind", "--dry-run")
    assert said.returncode == 0
    assert "paused" in said.stdout


def test_only_due_prints_the_line_while_due_and_nothing_once_done(psoas: Psoas) -> None:
    line = psoas("status", "--short", "--only-due")
    assert line.returncode == 0
    assert line.stdout == psoas("status", "--short").stdout
    assert line.stdout.startswith("psoas 0/")
    do_everything(psoas)
    silent = psoas("status", "--short", "--only-due")
    assert (silent.returncode, silent.stdout, silent.stderr) == (0, "", "")
    assert psoas("status", "--short").stdout != ""


def test_only_due_needs_short(psoas: Psoas) -> None:
    refused = psoas("status", "--only-due")
    assert refused.returncode == 2
    assert refused.stderr == (
        "psoas: --only-due: only with --short; allowed: psoas status --short --only-due\n"
    )


# psoas remind


def test_remind_sends_one_notification_and_records_it(
    psoas: Psoas, bin_dir: Path, only: dict[str, str], tmp_path: Path
) -> None:
    log = fake(bin_dir, "notify-send")
    first = psoas("remind", env=only)
    assert (first.returncode, first.stdout, first.stderr) == (0, "", "")
    [sent] = calls(log)
    argv = sent["argv"]
    assert isinstance(argv, list)
    assert argv[:4] == ["--app-name=psoas", "--urgency=normal", "--", TITLE]
    assert argv[4].startswith("0 of ")
    record = json.loads((tmp_path / "data" / "remind-sent.json").read_text())
    assert record["day"] == SystemClock(zone=BERLIN).today().isoformat()
    assert [one["slot"] for one in record["sent"]] == [""]
    assert (tmp_path / "data" / "remind-sent.json").stat().st_mode & 0o777 == 0o600

    # A second scheduler, or a second run: the day (no slot installed) has reminded.
    again = psoas("remind", env=only)
    assert (again.returncode, again.stdout) == (0, "")
    assert len(calls(log)) == 1
    said = psoas("remind", "--dry-run", env=only).stdout
    assert said == "Nothing to send: a reminder went out for today already.\n"


def test_remind_dry_run_sends_and_records_nothing(
    psoas: Psoas, bin_dir: Path, only: dict[str, str], tmp_path: Path
) -> None:
    log = fake(bin_dir, "notify-send")
    dry = psoas("remind", "--dry-run", env=only)
    assert dry.returncode == 0
    lines = dry.stdout.splitlines()
    assert lines[:2] == ["Would send (notify-send, no slot installed):", TITLE]
    assert lines[2].startswith("0 of ")
    assert calls(log) == []
    assert not (tmp_path / "data" / "remind-sent.json").exists()
    psoas("remind", env=only)
    assert len(calls(log)) == 1


def test_remind_is_silent_when_nothing_is_due(
    psoas: Psoas, bin_dir: Path, only: dict[str, str], tmp_path: Path
) -> None:
    log = fake(bin_dir, "notify-send")
    do_everything(psoas)
    quiet = psoas("remind", env=only)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert calls(log) == []
    assert not (tmp_path / "data" / "remind-sent.json").exists()
    assert psoas("remind", "--dry-run").stdout == "Nothing to send: today's routine is done.\n"


def test_an_emergency_in_force_is_repeated_never_time_to_stretch(
    psoas: Psoas, bin_dir: Path, only: dict[str, str]
) -> None:
    log = fake(bin_dir, "notify-send")
    logged = psoas(
        "log", "--date", "yesterday", "--pain", "3", "--stiffness", "2", "--sign", "saddle"
    )
    assert logged.returncode == 0
    psoas("remind", env=only)
    [sent] = calls(log)
    assert sent["argv"] == [
        "--app-name=psoas",
        "--urgency=critical",
        "--",
        HEADLINES[Level.emergency],
        EMERGENCY_ADVICE,
    ]


def test_an_unanswered_soon_prompt_adds_have_you_booked_someone(
    psoas: Psoas, bin_dir: Path, only: dict[str, str]
) -> None:
    log = fake(bin_dir, "notify-send")
    yesterday = ("--date", "yesterday", "--pain", "3", "--stiffness", "2", "--sign", "radiating")
    assert psoas("log", *yesterday).returncode == 0
    psoas("remind", env=only)
    [sent] = calls(log)
    argv = sent["argv"]
    assert isinstance(argv, list)
    assert argv[3] == TITLE
    assert argv[4].endswith(f" {REMIND_BOOKED}")


def test_the_body_is_never_markup(
    psoas: Psoas, bin_dir: Path, only: dict[str, str], tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    toml = routine_toml(("bridge", "FREQ=DAILY", 2)).replace('"Bridge"', '"<b>Bridge</b> & co"')
    (config / "routine.toml").write_text(toml)
    log = fake(bin_dir, "notify-send")
    psoas("remind", env=only)
    [sent] = calls(log)
    argv = sent["argv"]
    assert isinstance(argv, list)
    assert argv[4].endswith(" Next: &lt;b&gt;Bridge&lt;/b&gt; &amp; co.")


def test_inside_tmux_without_notify_send_it_displays_a_message(
    psoas: Psoas, bin_dir: Path, only: dict[str, str]
) -> None:
    log = fake(bin_dir, "tmux")
    psoas("remind", env={**only, "TMUX": "/tmp/tmux-0/default,1,0"})
    [sent] = calls(log)
    argv = sent["argv"]
    assert isinstance(argv, list)
    assert argv[0] == "display-message"
    assert argv[1].startswith(f"{TITLE}: 0 of ")


def test_a_notify_send_that_fails_gives_way_to_tmux(
    psoas: Psoas, bin_dir: Path, only: dict[str, str]
) -> None:
    failing = fake(bin_dir, "notify-send", exit_code=1)
    tmux = fake(bin_dir, "tmux")
    psoas("remind", env={**only, "TMUX": "/tmp/tmux-0/default,1,0"})
    assert len(calls(failing)) == 1
    assert len(calls(tmux)) == 1


def test_with_no_notifier_it_rings_the_bell(psoas: Psoas, only: dict[str, str]) -> None:
    rung = psoas("remind", env=only)
    assert rung.returncode == 0
    assert rung.stdout.startswith(f"\a{TITLE}: 0 of ")


def test_on_macos_osascript_gets_the_words_as_arguments(
    psoas: Psoas, bin_dir: Path, only: dict[str, str]
) -> None:
    log = fake(bin_dir, "osascript")
    psoas("remind", "--platform", "darwin", env=only)
    [sent] = calls(log)
    argv = sent["argv"]
    assert isinstance(argv, list)
    assert argv[:6] == [
        "-e",
        "on run argv",
        "-e",
        "display notification (item 2 of argv) with title (item 1 of argv)",
        "-e",
        "end run",
    ]
    assert argv[6] == TITLE and argv[7].startswith("0 of ")


def test_on_windows_a_powershell_toast_reads_the_words_from_its_environment(
    psoas: Psoas, bin_dir: Path, only: dict[str, str]
) -> None:
    log = fake(bin_dir, "powershell")
    psoas("remind", "--platform", "win32", env=only)
    [sent] = calls(log)
    argv = sent["argv"]
    env = sent["env"]
    assert isinstance(argv, list) and isinstance(env, dict)
    assert argv[:3] == ["-NoProfile", "-NonInteractive", "-Command"]
    assert "$env:PSOAS_TITLE" in argv[3] and "ToastNotificationManager" in argv[3]
    assert env["PSOAS_TITLE"] == TITLE
    assert env["PSOAS_BODY"].startswith("0 of ")


def test_two_reminders_at_once_send_one(psoas: Psoas, bin_dir: Path, tmp_path: Path) -> None:
    log = fake(bin_dir, "notify-send")
    environment = {
        **os.environ,
        "PSOAS_DATA_DIR": str(tmp_path / "data"),
        "PSOAS_CONFIG_DIR": str(tmp_path / "config"),
        "TZ": "Europe/Berlin",
        "PATH": str(bin_dir),
        "TMUX": "",
    }
    psoas("status")  # the database exists before both start
    both = [
        subprocess.Popen(
            [sys.executable, "-m", "psoas_tui", "remind"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    assert [process.wait(timeout=60) for process in both] == [0, 0]
    assert len(calls(log)) == 1


def test_today_is_the_day_of_the_record(psoas: Psoas, only: dict[str, str], tmp_path: Path) -> None:
    # A record of an earlier day is no reminder today.
    data = tmp_path / "data"
    psoas("status")
    yesterday = (SystemClock(zone=BERLIN).today() - timedelta(days=1)).isoformat()
    record = {
        "day": yesterday,
        "sent": [{"slot": "", "at": f"{yesterday}T08:00:00+01:00", "done": 0}],
    }
    (data / "remind-sent.json").write_text(json.dumps(record))
    said = psoas("remind", "--dry-run", env=only).stdout
    assert said.startswith("Would send (the terminal bell, no slot installed):")
