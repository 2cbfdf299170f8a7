"""Run ``psoas`` as a user does: a subprocess with its own data and config directories."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Psoas = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def psoas(tmp_path: Path) -> Psoas:
    """``psoas(*args)`` runs ``python -m psoas_tui`` over this test's directories.

    Standard input is empty and not a terminal unless ``stdin`` gives a file descriptor (a
    pseudo-terminal's, to answer a question as a user at a terminal would).
    """

    def run(
        *args: str, env: dict[str, str] | None = None, stdin: int | None = None
    ) -> subprocess.CompletedProcess[str]:
        environment = dict(os.environ)
        environment.update(
            {
                "PSOAS_DATA_DIR": str(tmp_path / "data"),
                "PSOAS_CONFIG_DIR": str(tmp_path / "config"),
                "TZ": "Europe/Berlin",
            }
        )
        environment.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "psoas_tui", *args],
            capture_output=True,
            text=True,
            env=environment,
            stdin=subprocess.DEVNULL if stdin is None else stdin,
            timeout=60,
        )

    return run
