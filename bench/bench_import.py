"""Reading a 10-year JSON export back (``psoas import``'s check), with and without the fast path
for holds.

Holds are most of an export. ``core.transfer.json_import`` reads each one first with a plain
reader that builds no message (``_plain_hold``) and only falls back to the careful reader, which
names the record and field of a problem, when the plain one refuses. The fast path stays only
while it saves at least a fifth of the import's time; this benchmark measures that share.

Run it as ``python -m bench.bench_import``; ``run()`` returns the figures for ``make bench``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from unittest import mock

from dateutil import tz

from psoas_tui.core.demo import demo_history
from psoas_tui.core.routine_file import load_routine
from psoas_tui.core.transfer import json_import
from psoas_tui.core.transfer.json_export import export_json
from psoas_tui.core.transfer.period import ALL_DAYS

ZONE = tz.gettz("Europe/Berlin")
NOW = datetime(2026, 11, 21, 7, 30, tzinfo=ZONE)
ROUNDS = 7
#: The share of the careful-only time the fast path must save to be kept.
KEEP_FROM = 0.2


def _once(read: Callable[[], object]) -> float:
    started = time.perf_counter()
    read()
    return (time.perf_counter() - started) * 1000


def run(years: int = 10) -> dict[str, Any]:
    """Median milliseconds to check a ``years``-year export, with and without the fast path."""
    routine = load_routine(Path("/nonexistent/routine.toml"))
    assert ZONE is not None
    history = demo_history(routine, NOW.date(), ZONE, years)
    raw = export_json(history, routine, NOW, ALL_DAYS)

    def read() -> object:
        return json_import.read_export(raw, "export.json")

    # The two are timed in turn, round after round, so a change of load on the machine falls
    # on both alike; one read first warms what both use.
    read()
    fast_runs, careful_runs = [], []
    for _ in range(ROUNDS):
        fast_runs.append(_once(read))
        with mock.patch.object(json_import, "_plain_hold", lambda value, day: None):
            careful_runs.append(_once(read))
    with_fast, careful = statistics.median(fast_runs), statistics.median(careful_runs)
    saved = (careful - with_fast) / careful
    return {
        "years": years,
        "megabytes": len(raw) / 1e6,
        "holds": sum(len(day.holds) for day in history.days),
        "with_fast_ms": with_fast,
        "careful_ms": careful,
        "saved": saved,
        "keep": saved >= KEEP_FROM,
        "rounds": ROUNDS,
    }


def report(figures: dict[str, Any]) -> str:
    """The figures as lines for a terminal and for bench/RESULTS.md."""
    return (
        f"import check, {figures['years']} years ({figures['megabytes']:.1f} MB, "
        f"{figures['holds']} holds): median {figures['with_fast_ms']:.0f} ms with the fast path, "
        f"{figures['careful_ms']:.0f} ms careful only; the fast path saves "
        f"{figures['saved']:.0%} (kept while >= {KEEP_FROM:.0%})"
    )


if __name__ == "__main__":
    print(report(run()))
