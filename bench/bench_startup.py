"""Start-up to the first screen: psoas next to a bare Textual app with a header and a footer.

Both are launched the same way, as a fresh interpreter that runs the app headless and exits as
soon as its first screen is up, so interpreter start and imports count for both. The figure is
the ratio of the medians (target: at most 1.25x).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROUNDS = 15

BARE = """
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App[None]):
    def compose(self):
        yield Header()
        yield Footer()

async def ready(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, auto_pilot=ready)
"""

PSOAS = """
import sys
from psoas_tui.context import Context
from psoas_tui.locations import Locations

ctx = Context(Locations.resolve(sys.argv[1], sys.argv[2]))
repo = ctx.open_repo()
from psoas_tui.ui.app import make_app

async def ready(pilot):
    await pilot.pause()
    assert pilot.app.screen.__class__.__name__ == "TodayScreen"
    pilot.app.exit()

make_app(repo, ctx.routine, ctx.config, ctx.clock, ctx.locations).run(
    headless=True, auto_pilot=ready
)
"""


def _time(code: str, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "TEXTUAL": ""},
    )
    return time.perf_counter() - started


def run(data_dir: Path | None = None) -> dict[str, Any]:
    """Median start-up of both apps over ``ROUNDS`` alternating runs, in milliseconds."""
    with tempfile.TemporaryDirectory() as scratch:
        data = str(data_dir or Path(scratch) / "data")
        config = str(Path(scratch) / "config")
        _time(PSOAS, data, config)
        bare, psoas = [], []
        for _ in range(ROUNDS):
            bare.append(_time(BARE))
            psoas.append(_time(PSOAS, data, config))
    bare_ms = statistics.median(bare) * 1000
    psoas_ms = statistics.median(psoas) * 1000
    return {"bare_ms": bare_ms, "psoas_ms": psoas_ms, "ratio": psoas_ms / bare_ms}


if __name__ == "__main__":
    figures = run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(
        f"start-up to Today: {figures['psoas_ms']:.0f} ms; bare Textual app: "
        f"{figures['bare_ms']:.0f} ms; ratio {figures['ratio']:.2f}x (target <= 1.25x)"
    )
