"""Data directories filled with the demo history, shared by the benchmarks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def demo_data_dir(root: Path, years: int) -> Path:
    """``root/demo-<years>y``, filled by ``psoas demo`` the first time it is asked for."""
    data_dir = root / f"demo-{years}y"
    if not (data_dir / "psoas.json").exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "psoas_tui",
                "demo",
                "--years",
                str(years),
                "--data-dir",
                str(data_dir),
                "--config-dir",
                str(root / "config"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return data_dir
