"""Peak memory of the app at 10 years (Today shown, then the streaks screen) and of
``psoas status`` at 20 years.

The real app runs headless in a fresh interpreter, started through its entry point
(``psoas_tui.cli.main``, made headless by ``bench.history.HEADLESS``) over a copy of a 10-year
demo history: Today comes up (with the referral prompt the demo history's pain episode opens),
then the streaks screen is opened and its figures drawn. The figures are that process's peak
resident set size, so the benchmark's own memory does not count, at Today (target: at most
60 MB) and after the streaks screen: its
``VmHWM`` where Linux has one, since there ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` carries
the peak of the process that started it across ``exec``; elsewhere ``ru_maxrss``. The same is
measured with an empty data directory and for a bare Textual app with a header and a footer, for
scale, and for ``psoas status`` over a 20-year history (target: at most 25 MB). Each is the
median of ``ROUNDS`` runs.
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
TARGET_MB = 60.0
STATUS_YEARS = 20
STATUS_TARGET_MB = 25.0

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
    print(peak_mb(), file=sys.stderr)
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

STATUS = (
    _PEAK
    + """
from psoas_tui import cli

code = cli.main(["--data-dir", sys.argv[1], "--config-dir", sys.argv[2], "status"])
assert code == 0, code
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


def _peak_mb(code: str, *args: str) -> tuple[float, float]:
    """The peak the program printed last, and the one it printed to stderr first (at Today)."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=bench_environment(),
    )
    peak = float(done.stdout.split()[-1])
    at_today = done.stderr.split()
    return peak, float(at_today[0]) if at_today else peak


def run(root: Path | None = None, rounds: int = ROUNDS) -> dict[str, Any]:
    """Median peak RSS in MB of the app at ``YEARS`` years and empty, of a bare app, and of
    ``psoas status`` at ``STATUS_YEARS`` years."""
    compile_bytecode()
    with tempfile.TemporaryDirectory() as scratch:
        base = root or Path(scratch)
        source = demo_data_dir(base, YEARS)
        history = Path(scratch) / "history"
        shutil.copytree(source, history)
        long_history = demo_data_dir(base, STATUS_YEARS)
        empty = Path(scratch) / "empty"
        config = str(Path(scratch) / "config")
        # The first open of a day takes the daily backup; the runs measured open as on any other.
        _peak_mb(PSOAS, str(history), config)
        _peak_mb(PSOAS, str(empty), config)
        _peak_mb(STATUS, str(long_history), config)
        peaks: dict[str, list[float]] = {
            "history": [],
            "today": [],
            "empty": [],
            "bare": [],
            "status": [],
        }
        for _ in range(rounds):
            after_streaks, at_today = _peak_mb(PSOAS, str(history), config)
            peaks["history"].append(after_streaks)
            peaks["today"].append(at_today)
            peaks["empty"].append(_peak_mb(PSOAS, str(empty), config)[1])
            peaks["bare"].append(_peak_mb(BARE)[0])
            peaks["status"].append(_peak_mb(STATUS, str(long_history), config)[0])
    return {
        "years": YEARS,
        "status_years": STATUS_YEARS,
        "rounds": rounds,
        "target_mb": TARGET_MB,
        "status_target_mb": STATUS_TARGET_MB,
        **{f"{name}_mb": statistics.median(values) for name, values in peaks.items()},
    }


def report(figures: dict[str, Any]) -> str:
    """The figures as lines for a terminal."""
    return (
        f"peak memory of the app at {figures['years']} years: {figures['today_mb']:.1f} MB at "
        f"Today (target <= {figures['target_mb']:.0f} MB), {figures['history_mb']:.1f} MB after "
        f"the streaks screen; {figures['empty_mb']:.1f} MB empty; bare Textual app "
        f"{figures['bare_mb']:.1f} MB (median of {figures['rounds']})\n"
        f"peak memory of psoas status at {figures['status_years']} years: "
        f"{figures['status_mb']:.1f} MB (target <= {figures['status_target_mb']:.0f} MB)"
    )


if __name__ == "__main__":
    print(report(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)))
