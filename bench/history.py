"""What the benchmarks share: data directories filled with the demo history, and processes that
run psoas as an installed copy does."""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import psoas_tui

#: Code that makes the next Textual app run headless, with ``ready(pilot)`` (defined by the code
#: that follows) as its auto-pilot. It acts only when ``textual.app`` is first imported, so what
#: the app imports, and when, is as in a real run.
HEADLESS = """
import importlib.abc, importlib.util, sys

class _Headless(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        exec_module = spec.loader.exec_module

        def patched(module):
            exec_module(module)
            run = module.App.run
            module.App.run = lambda self, **options: run(self, headless=True, auto_pilot=ready)

        spec.loader.exec_module = patched
        return spec

sys.meta_path.insert(0, _Headless())
"""


def compile_bytecode() -> None:
    """Byte-compile psoas_tui, as installing it does, so no timed run compiles its sources."""
    compileall.compile_dir(Path(psoas_tui.__file__).parent, quiet=1)


#: The local time zone of every history and every timed process. Most people live away from UTC,
#: and an instant with an offset costs more to read and keep than one in UTC.
ZONE = "Europe/Berlin"


def bench_environment() -> dict[str, str]:
    """The environment for child processes: like a user's, with Python's bytecode cache on, no
    Textual development features, and ``ZONE`` for the local time zone."""
    environment = {**os.environ, "TEXTUAL": "", "TZ": ZONE}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


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
            env=bench_environment(),
        )
    return data_dir


def answered_copy(data_dir: Path) -> Path:
    """A copy of ``data_dir`` (``<name>-answered`` beside it, made once) in which every referral
    prompt the history would open at start-up has been answered, as most mornings find it."""
    from psoas_tui.context import Context
    from psoas_tui.core.model import Answer
    from psoas_tui.core.signs import Level
    from psoas_tui.locations import Locations

    target = data_dir.with_name(f"{data_dir.name}-answered")
    if (target / "psoas.json").exists():
        return target
    shutil.copytree(data_dir, target)
    ctx = Context(Locations.resolve(str(target), str(data_dir.parent / "config")))
    with ctx.open() as psoas:
        for level in (Level.emergency, Level.same_day, Level.soon):
            rules = [
                rule for rule in psoas.referral_rules() if rule.pending and rule.level is level
            ]
            if rules:
                answer = Answer.acknowledged if level is Level.soon else Answer.checked
                psoas.answer_referral(rules, answer)
    return target


def paired(
    first: Callable[[], float], second: Callable[[], float], rounds: int
) -> dict[str, float]:
    """Run ``first`` and ``second`` (each returns the seconds it measured) alternately
    ``rounds`` times: the median of each, in milliseconds, and the median of the ratios
    ``first / second`` taken pair by pair, so that a machine busy for a while slows both sides of
    the pairs it touches and no others."""
    firsts, seconds, ratios = [], [], []
    for _ in range(rounds):
        a, b = first(), second()
        firsts.append(a)
        seconds.append(b)
        ratios.append(a / b)
    return {
        "first_ms": statistics.median(firsts) * 1000,
        "second_ms": statistics.median(seconds) * 1000,
        "ratio": statistics.median(ratios),
        "low": min(ratios),
        "high": max(ratios),
        "rounds": rounds,
    }
