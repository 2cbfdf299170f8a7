"""``psoas --version``, ``status``, ``done``, the directories and the exit codes."""

from __future__ import annotations

import argparse
import gc
import json
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from psoas_tui import __version__
from psoas_tui.cli import main
from psoas_tui.commands import status
from psoas_tui.core.routine import Routine
from tests.cli.conftest import Psoas


def test_version(psoas: Psoas) -> None:
    done = psoas("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"psoas {__version__}"


def test_help_names_the_commands(psoas: Psoas) -> None:
    done = psoas("--help")
    assert done.returncode == 0
    assert "status" in done.stdout and "done" in done.stdout


def test_bad_usage_is_one_line_and_exit_2(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("status", "--bogus")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "--bogus" in done.stderr
    assert not (tmp_path / "data").exists()


def test_status_json_on_a_fresh_data_dir(psoas: Psoas, routine: Routine, tmp_path: Path) -> None:
    done = psoas("status", "--json")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    today = date.fromisoformat(status["date"])
    scheduled = routine.scheduled_on(today)
    assert status["today"]["total"] == len(scheduled)
    assert status["today"]["done"] == 0
    assert [item["id"] for item in status["today"]["exercises"]] == [e.id for e in scheduled]


def test_done_then_status_shows_it_and_the_mark_persists(psoas: Psoas, routine: Routine) -> None:
    first = json.loads(psoas("status", "--json").stdout)["today"]["exercises"][0]
    done = psoas("done", first["id"])
    assert done.returncode == 0, done.stderr
    assert f"Marked done: {first['name']}" in done.stdout
    status = json.loads(psoas("status", "--json").stdout)
    item = status["today"]["exercises"][0]
    assert item["done"] and item["marked_done"] and item["state"] == "done by hand"
    assert status["today"]["done"] == 1
    short = psoas("status", "--short").stdout.strip()
    assert short.startswith(f"psoas 1/{status['today']['total']} today")


def test_done_for_a_past_day(psoas: Psoas, routine: Routine) -> None:
    exercise_id = routine.exercises[0].id
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert psoas("done", exercise_id, "--date", yesterday).returncode == 0
    today = json.loads(psoas("status", "--json").stdout)
    assert today["today"]["done"] == 0


def test_done_refuses_an_unknown_exercise_and_writes_nothing(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    done = psoas("done", "cartwheel")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "unknown exercise 'cartwheel'" in done.stderr
    assert routine.exercises[0].id in done.stderr
    assert not (tmp_path / "data").exists()


def test_done_refuses_a_future_or_malformed_date(psoas: Psoas, routine: Routine) -> None:
    exercise_id = routine.exercises[0].id
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    future = psoas("done", exercise_id, "--date", tomorrow)
    assert future.returncode == 2
    assert "in the future" in future.stderr
    malformed = psoas("done", exercise_id, "--date", "21/11/2026")
    assert malformed.returncode == 2
    assert "YYYY-MM-DD" in malformed.stderr


def test_data_dir_flag_wins_over_the_environment_and_is_private(
    psoas: Psoas, routine: Routine, tmp_path: Path
) -> None:
    chosen = tmp_path / "chosen"
    done = psoas("done", routine.exercises[0].id, "--data-dir", str(chosen))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o700
    files = [path for path in chosen.rglob("*") if path.is_file()]
    assert files
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in files)
    assert not (tmp_path / "data").exists()


def test_a_bad_config_is_refused_with_file_and_field(psoas: Psoas, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('day_starts_at = "25:00"\n')
    done = psoas("status")
    assert done.returncode == 2
    assert "config.toml: day_starts_at" in done.stderr
    assert "allowed" in done.stderr


def test_a_data_dir_that_cannot_be_made_is_exit_1_with_a_clear_line(
    psoas: Psoas, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    done = psoas("status", "--data-dir", str(blocker / "data"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("psoas: Could not save to ")
    assert "nothing was changed" in done.stderr


def test_unexpected_errors_have_no_traceback_without_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: argparse.Namespace, ctx: object) -> int:
        raise RuntimeError("the flux capacitor")

    monkeypatch.setattr(status, "run", broken)
    assert main(["status"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "psoas: unexpected error: RuntimeError: the flux capacitor (run with --debug for details)\n"
    )
    with pytest.raises(RuntimeError, match="flux capacitor"):
        main(["status", "--debug"])


def test_a_command_runs_with_no_garbage_collection_and_gives_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collecting: list[bool] = []

    def run(args: argparse.Namespace, ctx: object) -> int:
        collecting.append(gc.isenabled())
        return 0

    monkeypatch.setattr(status, "run", run)
    code = main(["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path), "status"])
    assert (code, collecting) == (0, [False])
    assert gc.isenabled()
