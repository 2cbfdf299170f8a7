"""``psoas status`` and ``psoas log`` over ten years of history, next to a bare import.

Each command runs as a user runs it: a fresh interpreter (``python -m psoas_tui ...``), so
interpreter start, imports, reading the ten-year database and (for ``log``) one atomic save all
count. The baseline is ``python -c "import tinydb, dateutil"`` run the same way, alternating
with the commands in the same run, so a busy machine slows both. The figure is the ratio of the
medians (target: at most 2x). ``psoas --version`` is measured beside them: start-up and the
parser alone, before any database is read.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.history import demo_data_dir

ROUNDS = 15
YEARS = 10
BASELINE = ["-c", "import tinydb, dateutil"]
COMMANDS = {
    "status": ["-m", "psoas_tui", "status"],
    "log": ["-m", "psoas_tui", "log", "--pain", "2", "--stiffness", "3"],
    "--version": ["-m", "psoas_tui", "--version"],
}


def _time(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, *args],
        check=True,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def run(root: Path | None = None) -> dict[str, Any]:
    """Median milliseconds of each command and of the baseline, and each command's ratio."""
    with tempfile.TemporaryDirectory() as scratch:
        source = demo_data_dir(root or Path(scratch), YEARS)
        # log adds an entry a run: it works on a copy, so the shared history stays as made.
        work = Path(scratch) / "commands"
        shutil.copytree(source, work)
        env = {
            **os.environ,
            "PSOAS_DATA_DIR": str(work),
            "PSOAS_CONFIG_DIR": str(Path(scratch) / "config"),
        }
        for args in (BASELINE, *COMMANDS.values()):
            # The first open of a day takes the daily backup; no later run does.
            _time(args, env)
        timings: dict[str, list[float]] = {"baseline": [], **{name: [] for name in COMMANDS}}
        for _ in range(ROUNDS):
            for name, args in COMMANDS.items():
                timings["baseline"].append(_time(BASELINE, env))
                timings[name].append(_time(args, env))
        size_mb = (work / "psoas.json").stat().st_size / 1e6
    baseline_ms = statistics.median(timings["baseline"]) * 1000
    figures: dict[str, Any] = {"baseline_ms": baseline_ms, "file_mb": size_mb}
    for name in COMMANDS:
        command_ms = statistics.median(timings[name]) * 1000
        figures[name] = {"ms": command_ms, "ratio": command_ms / baseline_ms}
    return figures


if __name__ == "__main__":
    figures = run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(
        f'python -c "import tinydb, dateutil": {figures["baseline_ms"]:.0f} ms '
        f"(history: {YEARS} years, {figures['file_mb']:.1f} MB)"
    )
    for name in COMMANDS:
        figure = figures[name]
        target = "start-up alone, no database" if name == "--version" else "target <= 2x"
        print(f"psoas {name}: {figure['ms']:.0f} ms; ratio {figure['ratio']:.2f}x ({target})")
