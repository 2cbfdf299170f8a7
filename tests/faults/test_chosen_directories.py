"""Where the data and the config live is chosen by a flag, then an environment variable, then
the platform's default; a choice that names no directory is refused with one line, never a
traceback, and never quietly taken to mean the real, default database.

The rule for empty values: an explicit ``--data-dir ""`` (or ``--config-dir ""``) is an error,
since ``--data-dir "$UNSET"`` would otherwise write to the real database; an empty
``PSOAS_DATA_DIR`` (or ``PSOAS_CONFIG_DIR``) counts as unset, as an empty environment variable
conventionally does.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import Psoas


def _refused(done: subprocess.CompletedProcess[str], said: str) -> None:
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("psoas: "), done.stderr
    assert said in done.stderr, done.stderr


@pytest.mark.parametrize("option", ["--data-dir", "--config-dir"])
def test_an_empty_directory_option_is_refused(option: str, psoas: Psoas, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()

    done = psoas(option, "", "log", "--pain", "2", "--stiffness", "2", env={"HOME": str(home)})

    _refused(done, f"{option}: empty")
    assert list(home.iterdir()) == []
    assert not (tmp_path / "data").exists()


def test_an_empty_data_dir_variable_counts_as_unset(psoas: Psoas, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()

    done = psoas(
        "status", "--short", env={"PSOAS_DATA_DIR": "", "HOME": str(home), "XDG_DATA_HOME": ""}
    )

    assert done.returncode == 0, done.stderr
    assert (home / ".local" / "share" / "psoas-tui" / "psoas.json").exists()


@pytest.mark.parametrize("option", ["--data-dir", "--config-dir"])
def test_a_home_of_an_unknown_user_is_refused(option: str, psoas: Psoas, tmp_path: Path) -> None:
    done = psoas(option, "~nosuchuser/x", "status")

    _refused(done, f"{option}: '~nosuchuser/x'")
    assert "nosuchuser" in done.stderr
    assert not (tmp_path / "data").exists()


def test_a_variable_naming_the_home_of_an_unknown_user_is_refused(
    psoas: Psoas, tmp_path: Path
) -> None:
    done = psoas("status", env={"PSOAS_DATA_DIR": "~nosuchuser/x"})

    _refused(done, "PSOAS_DATA_DIR: '~nosuchuser/x'")


@pytest.mark.parametrize(
    "command", [("export", "-o"), ("report", "-o"), ("import",)], ids=["export", "report", "import"]
)
def test_a_file_under_a_user_no_one_is_one_line(
    command: tuple[str, ...], psoas: Psoas, tmp_path: Path
) -> None:
    assert psoas("log", "--pain", "2", "--stiffness", "2").returncode == 0

    done = psoas(*command, "~nosuchuser/psoas.json")

    _refused(done, "'~nosuchuser/psoas.json' starts with a home directory, but no user")
    assert "unexpected" not in done.stderr
