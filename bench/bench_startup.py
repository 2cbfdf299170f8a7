"""Start-up to Today: ``psoas`` next to a bare Textual app with a header and a footer.

Both are launched the same way, as a fresh interpreter that runs the app headless; the time runs
from launching the interpreter to the moment the first screen is up and Textual has gone idle
(``pilot.pause()``), so interpreter start, imports and the first frame count for both, and
closing down after does not. psoas starts through its real entry point (``psoas_tui.cli.main``:
the parser, the config, the routine, opening the database, the app); the only change is that
``App.run`` is told to run headless and to exit once the first screen is up
(``bench.history.HEADLESS``). The figure is the
median of the paired ratios over alternating runs (target: at most 1.25x), with an empty data
directory and with a history.

The demo history ends in a pain episode, so at 10 years the referral prompt opens over Today at
start-up, as it would for the user: that counts too.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.history import HEADLESS, bench_environment, compile_bytecode, paired

ROUNDS = 31

_READY = """
import os, time

shown = []

async def ready(pilot):
    await pilot.pause()
    # Textual captures print() while it runs.
    os.write(1, f"{time.time()}\\n".encode())
    shown.append(type(pilot.app.screen_stack[0]).__name__)
    pilot.app.exit()
"""

BARE = (
    HEADLESS
    + _READY
    + """
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App[None]):
    def compose(self):
        yield Header()
        yield Footer()

Bare().run()
assert shown == ["Screen"], shown
"""
)

PSOAS = (
    HEADLESS
    + _READY
    + """
from psoas_tui import cli

code = cli.main(["--data-dir", sys.argv[1], "--config-dir", sys.argv[2]])
assert code == 0 and shown == ["TodayScreen"], (code, shown)
"""
)


def _time(code: str, *args: str) -> float:
    # The child prints the wall-clock time its first screen was up: both ends read the same clock.
    started = time.time()
    shown = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
        env=bench_environment(),
    ).stdout
    return float(shown) - started


def run(data_dir: Path | None = None, rounds: int = ROUNDS) -> dict[str, Any]:
    """Both apps' median start-up over ``rounds`` alternating runs, in milliseconds, and the
    median of their paired ratios."""
    compile_bytecode()
    with tempfile.TemporaryDirectory() as scratch:
        data = str(data_dir or Path(scratch) / "data")
        config = str(Path(scratch) / "config")
        # The first open of a day takes the daily backup; no later one does.
        _time(PSOAS, data, config)
        _time(BARE)
        figures = paired(lambda: _time(PSOAS, data, config), lambda: _time(BARE), rounds)
    return {
        "rounds": rounds,
        "bare_ms": figures["second_ms"],
        "psoas_ms": figures["first_ms"],
        "ratio": figures["ratio"],
    }


if __name__ == "__main__":
    figures = run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(
        f"start-up to Today: {figures['psoas_ms']:.0f} ms; bare Textual app: "
        f"{figures['bare_ms']:.0f} ms; ratio {figures['ratio']:.2f}x (target <= 1.25x)"
    )
