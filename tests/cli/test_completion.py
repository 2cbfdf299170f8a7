"""``psoas completion SHELL``: scripts that each shell reads, and that complete what psoas takes.

bash's completion is driven as bash does it (``COMP_WORDS``, ``COMP_CWORD``, the function,
``COMPREPLY``); fish's by ``complete -C``, which asks fish what it would offer for a command line.
zsh completes only inside its line editor, so zsh is checked to read the script and to register
it for ``psoas``. Every shell must be installed (Debian packages bash, zsh and fish).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from psoas_tui.cli import COMMANDS, build_parser
from psoas_tui.commands import OFFERED
from psoas_tui.commands.completion import SHELLS
from tests.cli.conftest import Psoas

#: Each shell's own check that a script parses, without running it.
SYNTAX_CHECK = {"bash": ["bash", "-n"], "zsh": ["zsh", "-n"], "fish": ["fish", "--no-execute"]}


def _script(psoas: Psoas, shell: str, tmp_path: Path) -> Path:
    done = psoas("completion", shell)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    path = tmp_path / f"psoas.{shell}"
    path.write_text(done.stdout)
    return path


def _shell(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is not installed: the Debian package {name} provides it"
    return found


def _bash_complete(script: Path, *words: str, cwd: Path | None = None) -> list[str]:
    """What bash offers with the cursor at the end of the last of ``words``."""
    program = (
        f'source "{script}"\n'
        'COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}\n'
        "_shtab_psoas\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        [_shell("bash"), "--norc", "--noprofile", "-c", program, "bash", "psoas", *words],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        timeout=30,
    )
    return [line for line in done.stdout.splitlines() if line]


def _fish_complete(script: Path, line: str) -> list[str]:
    """What fish offers for the command line ``line``: each candidate, without its description."""
    done = subprocess.run(
        [_shell("fish"), "--no-config", "-c", f'source "{script}"; complete -C "{line}"'],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return [candidate.split("\t")[0] for candidate in done.stdout.splitlines()]


def _command_names() -> list[str]:
    return ["import" if module == "import_" else module for module in COMMANDS]


def _offered_options() -> list[tuple[str, str, tuple[str, ...]]]:
    """Every command's options that offer words (``offer`` or argparse's choices), but those
    hidden from ``--help``, which completion hides too."""
    parser = build_parser()
    (commands,) = [
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    ]
    found = []
    for name, command in commands.choices.items():
        for action in command._actions:
            words = getattr(action, OFFERED, None) or action.choices
            if words and action.option_strings and action.help != argparse.SUPPRESS:
                found.append((name, action.option_strings[-1], tuple(map(str, words))))
    return found


@pytest.mark.parametrize("shell", SHELLS)
def test_each_script_is_read_by_its_shell(psoas: Psoas, tmp_path: Path, shell: str) -> None:
    script = _script(psoas, shell, tmp_path)
    check, *options = SYNTAX_CHECK[shell]
    done = subprocess.run(
        [_shell(check), *options, str(script)], capture_output=True, text=True, timeout=30
    )
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["ex"], ["export"]),
        (["export", "--format", ""], ["csv", "json"]),
        (["export", "--f"], ["--format", "--from"]),
        (["--data-dir", "/tmp", "st"], ["status"]),
        (["log", "--pain", "3", "--sign", "bl"], ["bladder_bowel"]),
        (["log", "--where", "left"], ["left_groin", "left_hip"]),
        (["profile", "--set", "can"], ["cancer=no", "cancer=unsaid", "cancer=yes"]),
        (["completion", ""], ["bash", "fish", "zsh"]),
    ],
)
def test_bash_completes_commands_options_and_their_values(
    psoas: Psoas, tmp_path: Path, words: list[str], offered: list[str]
) -> None:
    script = _script(psoas, "bash", tmp_path)
    assert sorted(_bash_complete(script, *words)) == offered


def test_bash_offers_every_command(psoas: Psoas, tmp_path: Path) -> None:
    script = _script(psoas, "bash", tmp_path)
    assert sorted(_bash_complete(script, "")) == sorted(_command_names())


@pytest.mark.parametrize(("command", "option", "words"), _offered_options())
def test_bash_offers_the_words_of_every_option_that_has_them(
    psoas: Psoas, tmp_path: Path, command: str, option: str, words: tuple[str, ...]
) -> None:
    script = _script(psoas, "bash", tmp_path)
    assert sorted(_bash_complete(script, command, option, "")) == sorted(words)


def test_bash_completes_a_file_and_a_directory_as_paths(psoas: Psoas, tmp_path: Path) -> None:
    script = _script(psoas, "bash", tmp_path)
    (tmp_path / "export-2026.json").write_text("{}")
    (tmp_path / "exports").mkdir()
    assert sorted(_bash_complete(script, "import", "exp", cwd=tmp_path)) == [
        "export-2026.json",
        "exports",
    ]
    assert _bash_complete(script, "--data-dir", "exp", cwd=tmp_path) == ["exports"]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("psoas ex", ["export"]),
        ("psoas export --format ", ["csv", "json"]),
        ("psoas log --sign bl", ["bladder_bowel"]),
        ("psoas completion ", ["bash", "fish", "zsh"]),
    ],
)
def test_fish_completes_commands_and_the_values_of_options(
    psoas: Psoas, tmp_path: Path, line: str, offered: list[str]
) -> None:
    script = _script(psoas, "fish", tmp_path)
    assert sorted(_fish_complete(script, line)) == offered


def test_zsh_registers_the_script_for_psoas(psoas: Psoas, tmp_path: Path) -> None:
    script = _script(psoas, "zsh", tmp_path)
    program = (
        "autoload -Uz compinit && compinit -u -D\n"
        f'eval "$(<{script})"\n'
        "print -r -- $_comps[psoas]\n"
        "print -rl -- $_shtab_psoas_export_options\n"
    )
    done = subprocess.run(
        [_shell("zsh"), "-f", "-c", program], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    function, *export_options = done.stdout.splitlines()
    assert function == "_shtab_psoas"
    assert "--format[json (the default) or csv]:format:(json csv)" in export_options


def test_an_unknown_shell_is_one_line_naming_the_shells(psoas: Psoas) -> None:
    done = psoas("completion", "tcsh")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "'tcsh'" in done.stderr
    assert all(f"'{shell}'" in done.stderr for shell in SHELLS)


def test_the_words_offered_are_still_checked_by_the_command(psoas: Psoas, tmp_path: Path) -> None:
    # Offering words is no argparse choice: a wrong one gets the command's own line.
    done = psoas("log", "--pain", "1", "--stiffness", "1", "--sign", "nonsense")
    assert done.returncode == 2
    assert done.stderr.startswith("psoas: --sign: 'nonsense' is not known; allowed: radiating")
    assert not (tmp_path / "data").exists()
