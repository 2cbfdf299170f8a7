"""The streaks screen: the figures, moving over the calendar, the side panel, the chart's span."""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Digits, Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.model import DayRecord, DoneMark, History, Hold, SymptomEntry
from psoas_tui.core.routine import Routine, load_routine
from psoas_tui.core.streaks import DayStatus, DaySummary
from psoas_tui.store.repository import Repository
from psoas_tui.ui.app import PsoasApp
from psoas_tui.ui.screens.help import HelpScreen
from psoas_tui.ui.screens.streaks import COUNTING, StreaksScreen
from psoas_tui.ui.widgets.streak_calendar import StreakCalendar
from psoas_tui.ui.widgets.symptom_chart import SymptomChart
from tests.apps import store
from tests.conftest import ZONE
from tests.ui.conftest import AppFactory

SIZE = (100, 30)
TODAY = date(2026, 11, 21)  # the clock fixture's Saturday


def seed_history(repo: Repository, routine: Routine, clock: ManualClock) -> None:
    """Three weeks that show every status, and no referral rule active (no prompt at start-up).

    Sat 31 Oct: nothing done, a warning sign logged (symptom rest); Sun 1 to Fri 6 Nov: nothing
    (missed); Sat 7 Nov: every hold held; Sun 8 to Sun 15 Nov: marked done; Mon 16 Nov: one
    exercise only (partial); Tue 17 Nov: done; Wed 18 Nov: nothing, pain 8 (symptom rest);
    Thu 19 and Fri 20 Nov: done; today: one exercise marked (pending).
    """
    today = clock.today()

    def at(day: date) -> datetime:
        return datetime.combine(day, time(8, 0), tzinfo=clock.now().tzinfo)

    def planned(day: date) -> tuple[str, ...]:
        return tuple(exercise.id for exercise in routine.scheduled_on(day))

    def mark(day: date, exercise_ids: tuple[str, ...]) -> None:
        for exercise_id in exercise_ids:
            repo.mark_done(DoneMark(exercise_id, day, at(day)), planned(day))

    held = today - timedelta(days=14)
    for exercise in routine.scheduled_on(held):
        dose = exercise.dose
        for side in dose.sides or (None,):
            for rep in range(1, dose.reps + 1):
                seconds = float(dose.hold_seconds)
                hold = Hold(exercise.id, side, rep, seconds, seconds, at(held), held)
                repo.add_hold(hold, planned(held))
    for back in (13, 12, 11, 10, 9, 8, 7, 6, 4, 2, 1):
        day = today - timedelta(days=back)
        mark(day, planned(day))
    partial = today - timedelta(days=5)
    mark(partial, planned(partial)[:1])
    mark(today, planned(today)[:1])
    # The app was first opened on Sat 31 Oct: its plan is frozen, so the routine's history
    # starts there and the days after it with nothing done are missed ones.
    first = today - timedelta(days=21)
    repo.merge(History(days=(DayRecord(first, planned(first)),)))
    scores = {21: (2, 3), 14: (3, 4), 10: (4, 6), 5: (5, 5), 3: (8, 7), 2: (6, 5), 1: (3, 2)}
    for back, (pain, stiffness) in scores.items():
        day = today - timedelta(days=back)
        signs = ("radiating",) if back == 21 else ()
        repo.save_entry(SymptomEntry(f"entry{back}", day, at(day), pain, stiffness, signs=signs))


def seed_half_a_year(repo: Repository, routine: Routine, clock: ManualClock) -> None:
    """26 weeks of a seeded, made-up history: mostly done, some partial, missed and symptom-rest
    days, a check-in on most days, and no referral rule active."""
    rng = random.Random(5)
    today = clock.today()
    pain = 5.0
    for back in range(7 * 26, 0, -1):
        day = today - timedelta(days=back)
        at = datetime.combine(day, time(8, 0), tzinfo=clock.now().tzinfo)
        planned = tuple(exercise.id for exercise in routine.scheduled_on(day))
        roll = rng.random()
        done = planned if roll < 0.78 else planned[:1] if roll < 0.88 else ()
        for exercise_id in done:
            repo.mark_done(DoneMark(exercise_id, day, at), planned)
        pain = min(9.0, max(0.0, pain + rng.uniform(-1.5, 1.5) + (4 - pain) * 0.2))
        if back <= 14:
            # no referral rule active, so no prompt opens over the screen
            pain = min(pain, 6.0) if back > 1 else 0.0
        if rng.random() < 0.7 or back == 1:
            signs = ("restricted",) if back > 14 and rng.random() < 0.03 else ()
            stiffness = min(10, max(0, round(pain + rng.uniform(-1, 2))))
            entry = SymptomEntry(f"half{back}", day, at, round(pain), stiffness, signs=signs)
            repo.save_entry(entry)


def seeded_app(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock, **options: object
) -> PsoasApp:
    app = make_test_app(**options)
    seed_history(store(app), routine, clock)
    return app


async def counted(pilot: Pilot[None]) -> None:
    """Wait until the streaks screen's figures, counted in a thread, are on the screen."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def panel(app: PsoasApp) -> str:
    return str(app.screen.query_one("#day-panel", Static).render())


def calendar(app: PsoasApp) -> StreakCalendar:
    return app.screen.query_one(StreakCalendar)


async def test_s_opens_the_streaks_with_both_streaks_big(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        screen = app.screen
        assert isinstance(screen, StreaksScreen)
        assert screen.query_one("#current-streak", Digits).value == "3"
        assert str(screen.query_one("#current-dates", Static).render()) == "since 17 Nov"
        assert screen.query_one("#longest-streak", Digits).value == "9"
        assert str(screen.query_one("#longest-dates", Static).render()) == "7 Nov - 15 Nov"
        rates = str(screen.query_one("#streak-rates", Static).render())
        # 21 days back, less the two symptom rests; the partial day counts against the rate
        assert rates.splitlines() == [
            "Scheduled days done",
            "  last 7   6 of 7 (86%)",
            "  last 30  12 of 19 (63%)",
            "All time: 14 holds, 12 min held",  # the bridge is 3 holds
        ]


async def test_the_cursor_starts_on_today_and_the_panel_shows_it(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        assert calendar(app).cursor == TODAY
        text = panel(app)
        scheduled = routine.scheduled_on(TODAY)
        assert text.splitlines() == [
            "Sat 21 November 2026",
            "◌ today, still to do",
            "No pain or stiffness logged",
            f"1 of {len(scheduled)} exercises done",
            f"✓ {scheduled[0].name}",
            *(f"· {exercise.name}" for exercise in scheduled[1:]),
        ]


async def test_arrows_move_over_days_and_weeks_and_the_panel_follows(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        await pilot.press("up", "up", "up")
        await pilot.pause()
        assert calendar(app).cursor == date(2026, 11, 18)
        assert panel(app).splitlines()[:4] == [
            "Wed 18 November 2026",
            "+ symptom rest, never a break",
            "Pain 8 · stiffness 7",
            f"0 of {len(routine.scheduled_on(date(2026, 11, 18)))} exercises done",
        ]

        await pilot.press("left")
        await pilot.pause()
        assert calendar(app).cursor == date(2026, 11, 11)
        assert panel(app).startswith("Wed 11 November 2026\n● done\n")

        await pilot.press("left", "down", "down", "down")
        await pilot.pause()
        assert calendar(app).cursor == date(2026, 11, 7)
        scheduled = routine.scheduled_on(date(2026, 11, 7))
        holds = sum(exercise.dose.holds for exercise in scheduled)
        minutes = sum(exercise.dose.planned_seconds for exercise in scheduled) / 60
        assert panel(app).splitlines()[2:4] == [
            "Pain 3 · stiffness 4",
            f"{len(scheduled)} of {len(scheduled)} exercises done · {holds} holds, "
            f"{minutes:.0f} min",
        ]

        await pilot.press("up")
        await pilot.pause()
        assert panel(app).startswith("Fri 6 November 2026\n○ missed")

        await pilot.press("left", "down")
        await pilot.pause()
        assert calendar(app).cursor == date(2026, 10, 31)
        assert panel(app).splitlines()[:4] == [
            "Sat 31 October 2026",
            "+ symptom rest, never a break",
            "Pain 2 · stiffness 3",
            "! pain, tingling or numbness shooting or spreading down one leg",
        ]

        await pilot.press("end")
        await pilot.pause()
        assert calendar(app).cursor == TODAY


async def test_the_cursor_stays_between_the_first_week_and_today(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        await pilot.press("down", "right")
        await pilot.pause()
        assert calendar(app).cursor == TODAY
        await pilot.press(*["left"] * 30)
        await pilot.pause()
        first = calendar(app).first_day
        assert first == date(2026, 5, 25)  # the Monday 25 weeks before this week's
        assert calendar(app).cursor == first + timedelta(days=5)
        assert panel(app) == "Sat 30 May 2026\nNothing recorded: your history starts later."


async def test_tab_switches_the_chart_between_30_and_90_days(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        chart = app.screen.query_one(SymptomChart)
        assert chart.span == 30
        assert "last 30 days (tab: 90)" in str(chart.render())
        await pilot.press("tab")
        await pilot.pause()
        assert chart.span == 90
        assert "last 90 days (tab: 30)" in str(chart.render())
        await pilot.press("tab")
        await pilot.pause()
        assert chart.span == 30


async def test_the_chart_draws_each_logged_day_and_leaves_gaps(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        lines = str(app.screen.query_one(SymptomChart).render()).splitlines()
        plot = lines[:-1]
        assert len(plot) == 11  # one row per score from 10 down to 0
        assert [line[:9] for line in plot if line[0] != " "] == [
            "severe  │",
            "moderate│",
            "mild    │",
            "none    │",
        ]
        # 7 logged days in the last 30: a pain and a stiffness glyph each, or both in one
        pain = sum(line.count("●") + line.count("◉") for line in plot)
        stiffness = sum(line.count("○") + line.count("◉") for line in plot)
        assert pain == stiffness == 7
        # the symptom rest day (pain 8, stiffness 7), 3 days before today, is a column of its own
        column = 9 + 2 * 26
        assert [line[column] for line in plot[2:4]] == ["●", "○"]
        axis = lines[-1]
        assert axis.startswith(" " * 9 + "23 Oct")
        assert axis[: 9 + 2 * 30].endswith("21 Nov")  # under the last plotted day
        assert "last 30 days (tab: 90)" in axis


async def test_count_partial_counts_the_partial_day(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock, config=Config(count_partial=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        assert app.screen.query_one("#current-streak", Digits).value == "13"


async def test_the_screen_reads_again_when_it_comes_back(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        await pilot.press("t")
        await pilot.pause()
        today = clock.today()
        planned = tuple(exercise.id for exercise in routine.scheduled_on(today))
        for exercise_id in planned:
            store(app).mark_done(DoneMark(exercise_id, today, clock.now()), planned)
        await pilot.press("s")
        await counted(pilot)
        assert app.screen.query_one("#current-streak", Digits).value == "4"
        assert calendar(app).summary(today).status is DayStatus.DONE  # type: ignore[union-attr]


async def test_the_day_rolling_over_ends_today_as_partial(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        clock.advance(24 * 3600)
        screen = app.screen
        assert isinstance(screen, StreaksScreen)
        screen.reload()
        await counted(pilot)
        assert calendar(app).cursor == TODAY + timedelta(days=1)
        assert calendar(app).summary(TODAY).status is DayStatus.PARTIAL  # type: ignore[union-attr]
        assert app.screen.query_one("#current-streak", Digits).value == "0"


async def test_help_lists_every_key_of_the_screen_with_what_it_does(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        for binding in [*StreaksScreen.BINDINGS, *StreakCalendar.BINDINGS]:
            assert binding.description  # type: ignore[union-attr]
        shown = "\n".join(str(part.render()) for part in app.screen.query(".help-keys"))
        for words in ("30/90 days", "Day before", "Day after", "Week before", "Week after"):
            assert words in shown
        assert "Back to today" in shown


def test_snapshot_of_the_streaks_screen(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock, snap_compare: object
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    assert snap_compare(app, press=["s"], terminal_size=SIZE)  # type: ignore[operator]


def test_snapshot_on_a_symptom_rest_day_with_90_days_of_scores(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock, snap_compare: object
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    press = ["s", "up", "up", "up", "tab"]
    assert snap_compare(app, press=press, terminal_size=SIZE)  # type: ignore[operator]


def test_snapshot_of_half_a_year(
    make_test_app: AppFactory, clock: ManualClock, snap_compare: object
) -> None:
    routine = Routine(
        tuple(
            replace(exercise, schedule=schedule)
            for exercise, schedule in zip(
                load_routine(Path("/nonexistent/routine.toml")).exercises[:2],
                ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
                strict=True,
            )
        ),
        "routine.toml",
    )
    app = make_test_app(routine=routine)
    seed_half_a_year(store(app), routine, clock)
    assert snap_compare(app, press=["s", "left", "left", "up"], terminal_size=SIZE)  # type: ignore[operator]


async def test_page_down_shows_the_whole_chart_on_a_small_terminal(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await counted(pilot)
        streaks = app.screen.query_one("#streaks")
        chart = app.screen.query_one(SymptomChart)
        assert streaks.scroll_y == 0
        assert chart.region.bottom > streaks.region.bottom  # the chart's foot is out of sight
        await pilot.press("pagedown")
        await pilot.pause()
        assert streaks.scroll_y > 0
        assert chart.region.bottom <= streaks.region.bottom
        assert calendar(app).cursor == TODAY  # the calendar kept its cursor
        await pilot.press("pageup")
        await pilot.pause()
        assert streaks.scroll_y == 0


async def test_the_calendar_keeps_seven_rows_when_a_month_begins_this_week(
    make_test_app: AppFactory, routine: Routine
) -> None:
    # Wednesday 2 December: the last week's Sunday is the 6th, so "Dec" heads the last column.
    clock = ManualClock(datetime(2026, 12, 2, 8, 0, tzinfo=ZONE))
    app = make_test_app(clock=clock)
    seed_history(store(app), routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        widget = calendar(app)
        lines = widget.render().plain.split("\n")
        width = widget.get_content_width(None, None)
        assert len(lines) == 8
        assert all(len(line) <= width for line in lines)
        assert lines[0].rstrip().endswith("Dec")
        assert [line[:3] for line in lines[1:]] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


async def test_the_chart_bands_stop_where_the_plotted_days_stop(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        chart = app.screen.query_one(SymptomChart)
        rendered = chart.render()
        *plot, axis = rendered.split("\n")
        plotted_end = 9 + 2 * 30  # the gutter, then 30 days two columns each
        assert axis.plain[:plotted_end].endswith("21 Nov")
        for line in plot:
            assert all(span.end <= plotted_end for span in line.spans), line.spans


async def test_a_broken_streak_says_start_again_not_no_streak_yet(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = make_test_app()
    # Done four days, then two days missed: the longest is 4, none is running.
    for back in range(6, 2, -1):
        day = clock.today() - timedelta(days=back)
        for exercise in routine.scheduled_on(day):
            app.psoas.mark_done(exercise.id, day)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await counted(pilot)
        assert app.screen.query_one("#longest-streak", Digits).value == "4"
        dates = str(app.screen.query_one("#current-dates", Static).render())
        assert dates == "none running: start again today"


async def test_the_screen_opens_at_once_and_fills_in_the_figures_counted_meanwhile(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    app = seeded_app(make_test_app, routine, clock)
    expected = app.psoas.streak_figures(app.psoas.streak_summaries())
    count = app.psoas.streak_summaries
    release = threading.Event()

    def slow_count() -> list[DaySummary]:
        release.wait(timeout=30)
        return count()

    app.psoas.streak_summaries = slow_count  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StreaksScreen)
        assert str(screen.query_one("#streak-rates", Static).render()) == COUNTING
        assert screen.query_one("#current-streak", Digits).value == "-"
        # Keys work while the history is being counted.
        await pilot.press("tab")
        await pilot.pause()
        assert screen.query_one(SymptomChart).span == 90
        release.set()
        await counted(pilot)
        assert screen.query_one("#current-streak", Digits).value == str(expected.current.length)
        assert screen.query_one("#longest-streak", Digits).value == str(expected.longest.length)
        rates = str(screen.query_one("#streak-rates", Static).render())
        assert f"{expected.total_holds:,} holds" in rates
        assert calendar(app).summary(TODAY) is not None
