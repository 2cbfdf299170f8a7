"""Every figure of the streak screen, and the referral rules, over 10 years of history (target:
at most 20 ms).

The history is ``psoas demo``'s (``core.demo.demo_history``, seeded) over the default routine.
"All the screen's figures" is what the screen computes on each refresh: every day's status
(``StreakBook.summaries``), the streaks, rates and totals (``streak_figures``), the calendar's 26
weeks and the chart's 90 days of scores. ``psoas status`` needs only the current streak
(``StreakBook.current_streak``), timed on its own.

Each case is timed over repeated runs (median and 95th percentile):

- ``after_save``: the book of the previous refresh, after a save gave the latest day a new
  record, as on every refresh once the screen is open: only that day is judged again;
- ``cold``: a new book, as when the screen first opens: every day is judged;
- ``status_streak``: the current streak for ``psoas status``;
- ``referral``: ``core.referral.active_rules`` over every entry, with the day records of an
  active pain episode looked up by date as the repository does (the app runs it at start-up and
  after every save).

Run it as ``python -m bench.bench_streaks``; ``run()`` returns the figures for ``make bench``.
"""

from __future__ import annotations

import statistics
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dateutil import tz

from psoas_tui.core.demo import demo_history
from psoas_tui.core.model import DayRecord, SymptomEntry
from psoas_tui.core.referral import active_rules
from psoas_tui.core.routine_file import load_routine
from psoas_tui.core.streaks import DaySummary, StreakBook, StreakFigures, streak_figures

YEARS = 10
COLD_ROUNDS = 30
WARM_ROUNDS = 200
TARGET_MS = 20.0
TODAY = date(2026, 11, 21)
ZONE = tz.gettz("Europe/Berlin")


def screen_figures(
    book: StreakBook, days: list[DayRecord], entries: list[SymptomEntry]
) -> tuple[StreakFigures, dict[date, DaySummary], list[tuple[date, int | None, int | None]]]:
    """What the screen computes on a refresh: the figures, the calendar's days, the chart's."""
    summaries = book.summaries(days, entries, TODAY)
    figures = streak_figures(summaries, count_partial=False)
    calendar_start = TODAY - timedelta(days=TODAY.weekday() + 7 * 25)
    calendar = {s.day: s for s in summaries if s.day >= calendar_start}
    chart = [(s.day, s.pain, s.stiffness) for s in summaries[-90:]]
    return figures, calendar, chart


def _timed(rounds: int, prepare: Callable[[], Callable[[], object]]) -> dict[str, float]:
    times: list[float] = []
    for _ in range(rounds):
        work = prepare()
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
    }


def run(years: int = YEARS) -> dict[str, Any]:
    """Time the screen's figures over ``years`` years of history, cold and after a save."""
    routine = load_routine(Path("/nonexistent/routine.toml"))
    assert ZONE is not None
    history = demo_history(routine, TODAY, ZONE, years)
    days, entries = list(history.days), list(history.entries)

    def cold() -> Callable[[], object]:
        book = StreakBook(routine)
        return lambda: screen_figures(book, days, entries)

    book = StreakBook(routine)
    screen_figures(book, days, entries)

    def after_save() -> Callable[[], object]:
        days[-1] = replace(days[-1])  # a save: the repository hands back a new record
        return lambda: screen_figures(book, days, entries)

    def status_streak() -> Callable[[], object]:
        return lambda: StreakBook(routine).current_streak(days, entries, TODAY, False)

    day_dates = [record.day for record in days]

    def days_between(start: date, end: date) -> list[DayRecord]:
        return days[bisect_left(day_dates, start) : bisect_right(day_dates, end)]

    def referral() -> Callable[[], object]:
        return lambda: active_rules(entries, TODAY, (), days=days_between)

    figures = screen_figures(StreakBook(routine), days, entries)[0]
    return {
        "years": years,
        "days": len(days),
        "holds": sum(len(record.holds) for record in days),
        "entries": len(entries),
        "current_streak": figures.current.length,
        "longest_streak": figures.longest.length,
        "after_save": _timed(WARM_ROUNDS, after_save),
        "cold": _timed(COLD_ROUNDS, cold),
        "status_streak": _timed(COLD_ROUNDS, status_streak),
        "referral": _timed(COLD_ROUNDS, referral),
        "active_rules": len(active_rules(entries, TODAY, (), days=days_between)),
        "warm_rounds": WARM_ROUNDS,
        "cold_rounds": COLD_ROUNDS,
        "target_ms": TARGET_MS,
    }


def report(figures: dict[str, Any]) -> str:
    """The figures as lines for a terminal and for bench/RESULTS.md."""
    cold, warm, status = figures["cold"], figures["after_save"], figures["status_streak"]
    referral = figures["referral"]
    return "\n".join(
        (
            f"streak screen figures, {figures['years']} years ({figures['days']} days, "
            f"{figures['holds']} holds, {figures['entries']} entries):",
            f"  after a save: median {warm['median_ms']:.1f} ms, p95 {warm['p95_ms']:.1f} ms "
            f"(target <= {figures['target_ms']:.0f} ms)",
            f"  cold (screen first opened): median {cold['median_ms']:.1f} ms, "
            f"p95 {cold['p95_ms']:.1f} ms",
            f"  current streak alone (psoas status): median {status['median_ms']:.1f} ms, "
            f"p95 {status['p95_ms']:.1f} ms",
            f"referral rules ({figures['active_rules']} active): median "
            f"{referral['median_ms']:.1f} ms, p95 {referral['p95_ms']:.1f} ms "
            f"(target <= {figures['target_ms']:.0f} ms)",
        )
    )


if __name__ == "__main__":
    print(report(run()))
