"""A day before 1990-01-01 is a typo (0026 or 1926 for 2026) that would slow every later report
and streaks screen: they judged each day from it on, 740,000 days from the year 1.

The rule, the one ``psoas log`` already follows: a day from 1990-01-01 to today.
- No day typed lets one in: ``psoas log`` and ``psoas done`` (``--date``) and the app's form refuse
  it with one line.
- One already in a database (an old backup restored, a file edited by hand) is kept, exported and
  imported again as it is (what the store holds, an import takes), but the streaks and the report
  leave it out, as they leave out a day after today: their work is bounded by the days from 1990
  on, whatever is stored.
- A clock set before 1990 (or to the year 1) is refused with one line naming the clock, never an
  unexpected error: every day it would give is out of the range.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from psoas_tui import cli
from psoas_tui.clock import ManualClock, SystemClock
from psoas_tui.context import Context
from psoas_tui.core import streaks
from psoas_tui.core.model import DayRecord, DoneMark, History, SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.core.transfer.json_export import export_json
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from tests.conftest import ZONE

TODAY = date(2026, 11, 21)
YEAR_1 = date(1, 1, 1)
#: The days from the first real record (1 November 2026) to today, judged once each at most
#: by the streaks the report is built on, with room for the current streak's own walk.
JUDGED_AT_MOST = 2 * 21 + 60


def _run(*argv: str) -> int:
    try:
        return cli.main(list(argv))
    except SystemExit as leaving:
        assert isinstance(leaving.code, int)
        return leaving.code


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, clock: ManualClock) -> ManualClock:
    """The commands' clock is the frozen test clock (today is 21 November 2026)."""
    monkeypatch.setattr(Context, "clock", property(lambda _context: clock))
    return clock


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many days the streaks have judged, counted as they go."""
    count = [0]
    judge = streaks.StreakBook._judge_day

    def counting(book: streaks.StreakBook, *args: object) -> streaks.DaySummary:
        count[0] += 1
        return judge(book, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(streaks.StreakBook, "_judge_day", counting)
    return count


def _entry(day: date, pain: int = 3) -> SymptomEntry:
    return SymptomEntry(
        f"entry-{day.isoformat()}", day, datetime(2026, 11, 1, 8, tzinfo=ZONE), pain, 2
    )


def _history(routine: Routine) -> History:
    """A typo'd day of the year 1 (an entry and a marked exercise) among real November days."""
    first = routine.exercises[0].id
    real = [date(2026, 11, day) for day in range(1, 21)]
    marked_at = datetime(2026, 11, 1, 8, tzinfo=ZONE)
    return History(
        days=(
            DayRecord(YEAR_1, (first,), (), (DoneMark(first, YEAR_1, marked_at),)),
            *(DayRecord(day, (first,), (), (DoneMark(first, day, marked_at),)) for day in real),
        ),
        entries=(_entry(YEAR_1), *(_entry(day) for day in real)),
    )


def test_an_import_holding_a_day_before_1990_keeps_it_out_of_the_streaks(
    locations: Locations,
    frozen: ManualClock,
    routine: Routine,
    tmp_path: Path,
    judged: list[int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    export = tmp_path / "typo.json"
    export.write_bytes(export_json(_history(routine), routine, frozen.now()))

    assert _run("--data-dir", str(locations.data_dir), "import", str(export)) == 0
    capsys.readouterr()
    assert _run("--data-dir", str(locations.data_dir), "status", "--json") == 0

    assert judged[0] <= JUDGED_AT_MOST
    assert json.loads(capsys.readouterr().out)["streak"]["since"] == "2026-11-01"
    with Repository.open(locations, frozen) as repo:
        assert repo.day(YEAR_1).marks


def test_a_stored_day_before_1990_is_kept_but_out_of_the_report_and_the_streaks(
    locations: Locations,
    frozen: ManualClock,
    routine: Routine,
    tmp_path: Path,
    judged: list[int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    # As a restored backup or a hand-edited file would hold it.
    with Repository.open(locations, frozen) as repo:
        repo.merge(_history(routine))
    report = tmp_path / "report.md"

    assert _run("--data-dir", str(locations.data_dir), "report", "-o", str(report)) == 0
    capsys.readouterr()
    assert _run("--data-dir", str(locations.data_dir), "status", "--json") == 0

    assert judged[0] <= JUDGED_AT_MOST
    assert "0001" not in report.read_text()
    status = json.loads(capsys.readouterr().out)
    assert status["streak"]["since"] == "2026-11-01"
    assert _run("--data-dir", str(locations.data_dir), "export", "--format", "json") == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["days"][0]["day"] == "0001-01-01"


@pytest.mark.parametrize(
    "now",
    [
        datetime(1, 1, 1, 12, tzinfo=UTC),
        datetime(1, 1, 1, 0, 0, tzinfo=UTC),
        datetime(1969, 7, 20, 20, 17, tzinfo=UTC),
    ],
)
@pytest.mark.parametrize(
    "command", [["report"], ["status"], ["log", "--pain", "2", "--stiffness", "2"]]
)
def test_a_clock_before_1990_is_refused_with_one_line(
    now: datetime,
    command: list[str],
    locations: Locations,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(SystemClock, "now", lambda _clock: now)

    code = _run("--data-dir", str(locations.data_dir), *command)

    err = capsys.readouterr().err
    [line] = err.splitlines()
    assert code == 1, err
    assert "unexpected" not in line
    assert f"the clock says it is {now.date().isoformat()}" in line
    assert not locations.database.exists()


@pytest.mark.parametrize(
    "command", [["report"], ["status"], ["log", "--pain", "2", "--stiffness", "2"]]
)
def test_a_clock_at_the_end_of_the_calendar_is_no_unexpected_error(
    command: list[str],
    locations: Locations,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(
        SystemClock, "now", lambda _clock: datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    )
    extra = ["-o", str(tmp_path / "r.md")] if command == ["report"] else []

    code = _run("--data-dir", str(locations.data_dir), *command, *extra)

    err = capsys.readouterr().err
    assert "unexpected" not in err
    assert code == 0, err
