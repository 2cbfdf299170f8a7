"""Peak memory of the app at 10 years: Today shown, then the streaks screen.

The real app runs headless in a fresh interpreter, started through its entry point
(``psoas_tui.cli.main``, made headless by ``bench.history.HEADLESS``) over a copy of a 10-year
demo history: Today comes up (with the referral prompt the demo history's pain episode opens),
then the streaks screen is opened and its figures drawn. The figure is that process's peak
resident set size, so the benchmark's own memory does not count (target: at most 80 MB): its
``VmHWM`` where Linux has one, since there ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` carries
the peak of the process that started it across ``exec``; elsewhere ``ru_maxrss``. The same is
measured with an empty data directory and for a bare Textual app with a header and a footer, for
scale. Each is the median of ``ROUNDS`` runs.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.history import HEADLESS, bench_environment, compile_bytecode, demo_data_dir

ROUNDS = 5
YEARS = 10
TARGET_MB = 80.0

_PEAK = """
import resource, sys

def peak_mb():
    # On Linux ru_maxrss also counts the peak of the process that started this one (it carries
    # across exec), so the bench's own size would show; VmHWM is this program's alone.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # macOS counts bytes, other systems kilobytes.
        return peak / 1024 / (1024 if sys.platform == "darwin" else 1)
"""

PSOAS = (
    HEADLESS
    + _PEAK
    + """
shown = []

async def ready(pilot):
    await pilot.pause()
    shown.append(type(pilot.app.screen_stack[0]).__name__)
    pilot.app.switch_mode("streaks")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    shown.append(type(pilot.app.screen).__name__)
    pilot.app.exit()

from psoas_tui import cli

code = cli.main(["--data-dir", sys.argv[1], "--config-dir", sys.argv[2]])
assert code == 0 and shown == ["TodayScreen", "StreaksScreen"], (code, shown)
print(peak_mb())
"""
)

BARE = (
    HEADLESS
    + _PEAK
    + """
async def ready(pilot):
    await pilot.pause()
    pilot.app.exit()

from textual.app import App
from textual.widgets import Footer, Header

class Bare(App[None]):
    def compose(self):
        yield Header()
        yield Footer()

Bare().run()
print(peak_mb())
"""
)


def _peak_mb(code: str, *args: str) -> float:
    shown = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
        env=bench_environment(),
    ).stdout
    return float(shown.split()[-1])


def run(root: Path | None = None, rounds: int = ROUNDS) -> dict[str, Any]:
    """Median peak RSS in MB of the app at ``YEARS`` years and empty, and of a bare app."""
    compile_bytecode()
    with tempfile.TemporaryDirectory() as scratch:
        source = demo_data_dir(root or Path(scratch), YEARS)
        history = Path(scratch) / "history"
        shutil.copytree(source, history)
        empty = Path(scratch) / "empty"
        config = str(Path(scratch) / "config")
        # The first open of a day takes the daily backup; the runs measured open as on any other.
        _peak_mb(PSOAS, str(history), config)
        _peak_mb(PSOAS, str(empty), config)
        peaks: dict[str, list[float]] = {"history": [], "empty": [], "bare": []}
        for _ in range(rounds):
            peaks["history"].append(_peak_mb(PSOAS, str(history), config))
            peaks["empty"].append(_peak_mb(PSOAS, str(empty), config))
            peaks["bare"].append(_peak_mb(BARE))
    return {
        "years": YEARS,
        "rounds": rounds,
        "target_mb": TARGET_MB,
        **{f"{name}_mb": statistics.median(values) for name, values in peaks.items()},
    }


def report(figures: dict[str, Any]) -> str:
    """The figures as a line for a terminal."""
    return (
        f"peak memory, Today then streaks: {figures['history_mb']:.1f} MB at "
        f"{figures['years']} years (target <= {figures['target_mb']:.0f} MB); "
        f"{figures['empty_mb']:.1f} MB empty; bare Textual app {figures['bare_mb']:.1f} MB "
        f"(median of {figures['rounds']})"
    )


if __name__ == "__main__":
    print(report(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)))
