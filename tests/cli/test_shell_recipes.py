"""The README's shell recipes (``data/shell/``): each is read by its own program where it is on
the machine (tmux, bash, zsh; starship's file as TOML), and what it shows is what ``psoas`` says.

``psoas`` is on ``PATH`` as a user has it: a script running this checkout over the test's
directories.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Psoas

RECIPES = Path(__file__).parents[2] / "data" / "shell"


def _program(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is not installed: the Debian package {name} provides it"
    return found


@pytest.fixture
def shell_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a shell whose ``psoas`` runs over the test's directories."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    command = bin_dir / "psoas"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m psoas_tui "$@"\n')
    command.chmod(0o755)
    environment = {
        key: value for key, value in os.environ.items() if key not in ("TMUX", "TMUX_PANE")
    }
    environment.update(
        {
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PSOAS_DATA_DIR": str(tmp_path / "data"),
            "PSOAS_CONFIG_DIR": str(tmp_path / "config"),
            "TZ": "Europe/Berlin",
            "HOME": str(tmp_path / "home"),
        }
    )
    return environment


@pytest.fixture
def status_line(psoas: Psoas) -> str:
    """What ``psoas status --short --only-due`` says today, nothing done yet."""
    done = psoas("status", "--short", "--only-due")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("psoas 0/")
    return done.stdout.rstrip("\n")


@pytest.fixture
def broken(shell_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """``shell_env`` where ``psoas status`` fails: its data directory is a file."""
    (tmp_path / "not-a-directory").write_text("")
    return {**shell_env, "PSOAS_DATA_DIR": str(tmp_path / "not-a-directory")}


def _sh(command: str, env: dict[str, str]) -> str:
    """``command`` run as tmux and starship run one: by ``sh -c``; its stdout."""
    done = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, env=env, timeout=60
    )
    return done.stdout.strip()


@pytest.fixture
def tmux(shell_env: dict[str, str], tmp_path: Path) -> Iterator[list[str]]:
    """A tmux server of the test's own, started with no configuration, and ended after."""
    client = [_program("tmux"), "-S", str(tmp_path / "tmux.sock")]
    subprocess.run(
        [*client, "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "sleep 120"],
        check=True,
        env=shell_env,
        timeout=30,
    )
    try:
        yield client
    finally:
        subprocess.run([*client, "kill-server"], capture_output=True, timeout=30)


def _tmux(client: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*client, *args], capture_output=True, text=True, timeout=30)


def test_the_tmux_status_segment_shows_the_status_line(
    tmux: list[str], shell_env: dict[str, str], status_line: str
) -> None:
    assert _tmux(tmux, "source-file", str(RECIPES / "tmux.conf")).returncode == 0
    status_right = _tmux(tmux, "show-options", "-gv", "status-right").stdout.strip()
    (command,) = re.findall(r"#\((.+?)\)", status_right)
    assert _sh(command, shell_env) == status_line
    length = int(_tmux(tmux, "show-options", "-gv", "status-right-length").stdout)
    assert length >= len(f"{status_line}, streak 999, see a doctor today")


def test_the_tmux_popup_is_prefix_p_and_replaces_no_binding_of_tmux(tmux: list[str]) -> None:
    assert _tmux(tmux, "list-keys", "-T", "prefix", "P").returncode != 0
    assert _tmux(tmux, "source-file", str(RECIPES / "tmux.conf")).returncode == 0
    binding = _tmux(tmux, "list-keys", "-T", "prefix", "P").stdout.split()
    assert binding[:4] == ["bind-key", "-T", "prefix", "P"]
    assert binding[4:6] == ["display-popup", "-E"]
    assert binding[-1] == "psoas"


def test_the_starship_module_shows_the_status_line(
    shell_env: dict[str, str], status_line: str
) -> None:
    module = tomllib.loads((RECIPES / "starship.toml").read_text())["custom"]["psoas"]
    assert module["when"] is True
    # A conditional group: with no output, starship shows nothing of the module.
    assert "($output )" in module["format"]
    assert _sh(module["command"], shell_env) == status_line


def _bash_prompt(env: dict[str, str]) -> str:
    program = f'PS1="\\$ "; source "{RECIPES / "prompt.bash"}"; printf "%s" "${{PS1@P}}"'
    done = subprocess.run(
        [_program("bash"), "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _zsh_right_prompt(env: dict[str, str]) -> str:
    program = (
        f'RPROMPT=""; source "{RECIPES / "prompt.zsh"}"\n'
        "for hook in $precmd_functions; do $hook; done\n"
        'print -rnP -- "$RPROMPT"\n'
    )
    done = subprocess.run(
        [_program("zsh"), "-f", "-c", program], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_bash_prompt_shows_the_status_line(shell_env: dict[str, str], status_line: str) -> None:
    assert _bash_prompt(shell_env) == f"[{status_line}] $ "


def test_the_zsh_prompt_shows_the_status_line(shell_env: dict[str, str], status_line: str) -> None:
    assert _zsh_right_prompt(shell_env) == status_line


def test_a_failing_psoas_leaves_the_prompts_as_they_were(broken: dict[str, str]) -> None:
    assert _bash_prompt(broken) == "$ "
    assert _zsh_right_prompt(broken) == ""


def test_the_prompts_show_the_line_as_it_is(shell_env: dict[str, str], tmp_path: Path) -> None:
    # Prompt escapes and expansions in what psoas prints are shown, never run.
    line = r"psoas 50% $(id) \w `id`"
    (tmp_path / "bin" / "psoas").write_text(f"#!/bin/sh\nprintf '%s\\n' '{line}'\n")
    assert _bash_prompt(shell_env) == f"[{line}] $ "
    assert _zsh_right_prompt(shell_env) == line


def test_the_segments_say_nothing_once_the_day_is_done(
    psoas: Psoas, tmux: list[str], shell_env: dict[str, str], status_line: str
) -> None:
    assert psoas("done", "--all").returncode == 0
    assert _tmux(tmux, "source-file", str(RECIPES / "tmux.conf")).returncode == 0
    status_right = _tmux(tmux, "show-options", "-gv", "status-right").stdout.strip()
    (command,) = re.findall(r"#\((.+?)\)", status_right)
    module = tomllib.loads((RECIPES / "starship.toml").read_text())["custom"]["psoas"]

    assert _sh(command, shell_env) == ""
    assert _sh(module["command"], shell_env) == ""
    assert _bash_prompt(shell_env) == "$ "
    assert _zsh_right_prompt(shell_env) == ""
