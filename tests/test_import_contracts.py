"""The layers of pyproject.toml's import contracts hold, and the contracts do catch a breach."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, PYTHONPATH=str(tree))
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "pyproject.toml"],
        cwd=tree,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def _copy_of_the_project(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT / "psoas_tui", tree / "psoas_tui", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_project_keeps_every_contract(tmp_path: Path) -> None:
    done = _lint_imports(_copy_of_the_project(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BROKEN" not in done.stdout


def test_a_screen_that_imports_the_store_breaks_the_contract(tmp_path: Path) -> None:
    tree = _copy_of_the_project(tmp_path)
    screen = tree / "psoas_tui" / "ui" / "screens" / "today.py"
    screen.write_text(
        screen.read_text(encoding="utf-8")
        + "\nfrom psoas_tui.store.repository import Repository\n",
        encoding="utf-8",
    )
    done = _lint_imports(tree)
    assert done.returncode != 0
    assert (
        "the app and the commands reach the store only through the use cases BROKEN" in done.stdout
    )
    assert "psoas_tui.ui.screens.today -> psoas_tui.store.repository" in done.stdout


def test_core_that_imports_a_front_end_breaks_the_layers(tmp_path: Path) -> None:
    tree = _copy_of_the_project(tmp_path)
    model = tree / "psoas_tui" / "core" / "progress.py"
    model.write_text(
        model.read_text(encoding="utf-8") + "\nimport psoas_tui.services\n", encoding="utf-8"
    )
    done = _lint_imports(tree)
    assert done.returncode != 0
    assert "ui and commands over services over store over core BROKEN" in done.stdout
