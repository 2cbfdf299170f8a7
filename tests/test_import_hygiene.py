"""core, store and the use cases never import Textual; nor do the commands (they start fast)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def _modules_after(code: str, tmp_path: Path) -> set[str]:
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    env = {"PSOAS_DATA_DIR": str(tmp_path / "d"), "PSOAS_CONFIG_DIR": str(tmp_path / "c")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _forbidden(modules: set[str], *roots: str) -> list[str]:
    return sorted(name for name in modules if name.split(".")[0] in roots)


@pytest.mark.parametrize(
    "package",
    [
        "psoas_tui.core.model",
        "psoas_tui.core.progress",
        "psoas_tui.core.routine",
        "psoas_tui.core.routine_toml",
        "psoas_tui.core.routine_file",
        "psoas_tui.core.schedule",
        "psoas_tui.core.config",
        "psoas_tui.core.signs",
        "psoas_tui.core.symptoms",
        "psoas_tui.core.referral",
        "psoas_tui.core.report",
        "psoas_tui.core.transfer",
        "psoas_tui.core.validate",
        "psoas_tui.core.streaks",
        "psoas_tui.core.timer",
        "psoas_tui.core.demo",
        "psoas_tui.clock",
        "psoas_tui.locations",
    ],
)
def test_core_imports_neither_textual_nor_tinydb(package: str, tmp_path: Path) -> None:
    modules = _modules_after(f"import {package}", tmp_path)
    assert package in modules
    assert _forbidden(modules, "textual", "tinydb") == []
    assert not [name for name in modules if name.startswith(("psoas_tui.store", "psoas_tui.ui"))]


def test_the_use_cases_never_import_textual(tmp_path: Path) -> None:
    modules = _modules_after("import psoas_tui.services.hold", tmp_path)
    assert "psoas_tui.services" in modules
    assert _forbidden(modules, "textual") == []
    assert not [name for name in modules if name.startswith(("psoas_tui.ui", "psoas_tui.commands"))]


def test_store_never_imports_textual(tmp_path: Path) -> None:
    modules = _modules_after("import psoas_tui.store.repository", tmp_path)
    assert "tinydb" in modules
    assert _forbidden(modules, "textual") == []
    assert not [name for name in modules if name.startswith("psoas_tui.ui")]


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["status", "--json"],
        ["status", "--short"],
        ["done", "bridge"],
        ["log", "--pain", "1", "--stiffness", "1"],
        ["restore", "--list"],
        ["demo", "--years", "1"],
        ["--version"],
        ["export", "--format", "json"],
        ["import", "/nonexistent/export.json"],
        ["report"],
        ["completion", "bash"],
    ],
)
def test_commands_never_import_textual(argv: list[str], tmp_path: Path) -> None:
    code = (
        "import sys\nfrom psoas_tui.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
    )
    modules = _modules_after(code, tmp_path)
    assert "psoas_tui.cli" in modules
    assert _forbidden(modules, "textual") == []


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    argv = ["--debug", "--data-dir", str(tmp_path / "data"), "status", "--short"]
    code = f"from psoas_tui.cli import main\nmain({argv!r})"
    commands = {
        name for name in _modules_after(code, tmp_path) if name.startswith("psoas_tui.commands.")
    }
    assert commands == {"psoas_tui.commands.status"}


def test_help_and_a_typo_still_know_every_command(tmp_path: Path) -> None:
    from psoas_tui.cli import COMMANDS, build_parser

    for argv in ([], ["--help"], ["stat"], ["--data-dir", "status"]):
        text = build_parser(argv).format_help()
        assert all(name.rstrip("_") in text for name in COMMANDS), argv
