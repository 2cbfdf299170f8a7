"""``psoas status``, ``psoas log`` and ``psoas done`` over 1, 10 and 20 years of history, next to a
bare import, and the first run of a day (which takes the daily backup) next to any other.

Each command runs as a user runs it: a fresh interpreter (``python -m psoas_tui ...``), so
interpreter start, imports, reading the database and (for ``log`` and ``done``) one atomic save
all count. The baseline is ``python -c "import tinydb, dateutil"`` run the same way. Every figure
is a median of paired ratios (``bench.history.paired``): in each round the baseline and a command
run one after the other, so a busy machine slows both sides of a pair. Each round also times the
command at 1 and at 20 years back to back, for how the command grows with the history (target:
at most 1.1x). ``log`` and ``done`` each save one record: the database is put back as it was
before every run, so every run saves and the file keeps its size. The first run of a day is
``psoas status`` at 10 years with the day's backup removed first, paired with one that finds it.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.history import bench_environment, demo_data_dir, paired

ROUNDS = 15
YEARS = (1, 10, 20)
BASELINE = ["-c", "import tinydb, dateutil"]
COMMANDS = {
    "status": ["-m", "psoas_tui", "status"],
    "log": ["-m", "psoas_tui", "log", "--pain", "2", "--stiffness", "3"],
    "done": ["-m", "psoas_tui", "done", "bridge"],
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


class _Place:
    """A copy of a demo history that a command may change, put back before every run."""

    def __init__(self, source: Path, work: Path, config: Path) -> None:
        shutil.copytree(source, work)
        self.source = source / "psoas.json"
        self.database = work / "psoas.json"
        self.backups = work / "backups"
        self.env = {
            **bench_environment(),
            "PSOAS_DATA_DIR": str(work),
            "PSOAS_CONFIG_DIR": str(config),
        }

    def run(self, args: list[str]) -> float:
        shutil.copyfile(self.source, self.database)
        return _time(args, self.env)

    def first_of_the_day(self, args: list[str]) -> float:
        for backup in self.backups.glob("psoas-*.json"):
            backup.unlink()
        return self.run(args)


def run(root: Path | None = None, rounds: int = ROUNDS) -> dict[str, Any]:
    """Each command's paired ratio to the baseline at each length, 20 years against 1, and the
    first run of a day against any other."""
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "config"
        places = {
            years: _Place(
                demo_data_dir(root or Path(scratch), years), Path(scratch) / f"c{years}", config
            )
            for years in YEARS
        }
        env = places[YEARS[0]].env
        for place in places.values():
            # The first open of a day takes the daily backup; no later run does.
            for args in COMMANDS.values():
                place.run(args)
        samples: dict[str, list[tuple[float, float]]] = {}
        for _ in range(rounds):
            for name, args in COMMANDS.items():
                for years, place in places.items():
                    baseline = _time(BASELINE, env)
                    samples.setdefault(f"{name}@{years}", []).append((place.run(args), baseline))
        figures: dict[str, Any] = {"rounds": rounds, "years": YEARS}
        for key, pairs in samples.items():
            figures[key] = _summary(pairs)
        for name in COMMANDS:
            longest = samples[f"{name}@{YEARS[-1]}"]
            shortest = samples[f"{name}@{YEARS[0]}"]
            figures[f"{name}:growth"] = _summary(
                [(long, short) for (long, _), (short, _) in zip(longest, shortest, strict=True)]
            )
        place = places[10]
        status = COMMANDS["status"]
        figures["first_of_the_day"] = paired(
            lambda: place.first_of_the_day(status), lambda: place.run(status), rounds
        )
        figures["file_mb"] = {
            years: place.database.stat().st_size / 1e6 for years, place in places.items()
        }
    return figures


def _summary(pairs: list[tuple[float, float]]) -> dict[str, float]:
    ratios = [first / second for first, second in pairs]
    return {
        "first_ms": statistics.median(first for first, _ in pairs) * 1000,
        "second_ms": statistics.median(second for _, second in pairs) * 1000,
        "ratio": statistics.median(ratios),
        "low": min(ratios),
        "high": max(ratios),
        "rounds": len(pairs),
    }


def report(figures: dict[str, Any]) -> str:
    """The figures as lines for a terminal."""
    lines = []
    for name in COMMANDS:
        for years in YEARS:
            figure = figures[f"{name}@{years}"]
            lines.append(
                f"psoas {name} at {years} y: {figure['first_ms']:.0f} ms against "
                f"{figure['second_ms']:.0f} ms, {figure['ratio']:.2f}x the baseline"
            )
        growth = figures[f"{name}:growth"]
        lines.append(f"psoas {name} at {YEARS[-1]} y against {YEARS[0]} y: {growth['ratio']:.2f}x")
    first = figures["first_of_the_day"]
    lines.append(
        f"first run of the day (status, 10 y): {first['first_ms']:.0f} ms against "
        f"{first['second_ms']:.0f} ms, {first['ratio']:.2f}x"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)))
