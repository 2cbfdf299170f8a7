"""One save (a symptom entry) into a database holding 1, 5 and 10 years of history.

Each save is a full atomic write: temporary file, fsync, rename, directory fsync. The figures are
the median and the 95th percentile over ``ROUNDS`` saves (target at 10 years: median <= 30 ms).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.history import demo_data_dir
from psoas_tui.clock import SystemClock
from psoas_tui.core.model import SymptomEntry
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository

ROUNDS = 40
YEARS = (1, 5, 10)


def _saves(data_dir: Path, config_dir: Path) -> list[float]:
    clock = SystemClock()
    repo = Repository.open(Locations(data_dir, config_dir), clock)
    repo.entries()
    timings = []
    try:
        for _ in range(ROUNDS):
            entry = SymptomEntry(uuid.uuid4().hex, clock.today(), clock.now(), 2, 3)
            started = time.perf_counter()
            repo.save_entry(entry)
            timings.append((time.perf_counter() - started) * 1000)
    finally:
        repo.close()
    return timings


def run(root: Path | None = None) -> dict[str, Any]:
    """Median and p95 of one save, in milliseconds, for each history length."""
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch:
        base = root or Path(scratch)
        for years in YEARS:
            source = demo_data_dir(base, years)
            work = Path(scratch) / f"save-{years}y"
            shutil.copytree(source, work)
            timings = sorted(_saves(work, Path(scratch) / "config"))
            figures[f"{years}y"] = {
                "median_ms": statistics.median(timings),
                "p95_ms": timings[int(0.95 * (len(timings) - 1))],
                "file_mb": (source / "psoas.json").stat().st_size / 1e6,
            }
    return figures


if __name__ == "__main__":
    for years, figure in run(Path(sys.argv[1]) if len(sys.argv) > 1 else None).items():
        print(
            f"one save at {years}: median {figure['median_ms']:.1f} ms, "
            f"p95 {figure['p95_ms']:.1f} ms ({figure['file_mb']:.1f} MB file)"
        )
