"""A range of days read before, between and after reads of the whole history."""

from __future__ import annotations

from datetime import date, timedelta

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DayRecord

from .conftest import OpenRepo, freeze_plan, make_hold

PLAN = ("kneeling-hip-flexor", "bridge")
START = date(2026, 11, 1)


def _offsets(records: list[DayRecord]) -> list[int]:
    return [(record.day - START).days for record in records]


def test_a_range_read_first_matches_the_whole_history_filtered(
    open_repo: OpenRepo, clock: ManualClock
) -> None:
    writer = open_repo()
    for offset in (5, 0, 9, 2, 7):  # written out of order
        freeze_plan(writer, START + timedelta(days=offset), PLAN)
    writer.add_hold(make_hold(clock), PLAN)

    repo = open_repo()  # nothing converted yet
    assert _offsets(repo.days(START + timedelta(days=2), START + timedelta(days=7))) == [2, 5, 7]
    assert _offsets(repo.days(START + timedelta(days=3))) == [5, 7, 9, 20]
    assert _offsets(repo.days(None, START + timedelta(days=4))) == [0, 2]
    assert repo.days(START + timedelta(days=10), START + timedelta(days=19)) == []
    whole = repo.days()
    assert _offsets(whole) == [0, 2, 5, 7, 9, 20]
    assert repo.days(START, START + timedelta(days=30)) == whole
    assert repo.day(clock.today()).holds == (make_hold(clock),)


def test_a_range_read_after_a_write_sees_the_write(open_repo: OpenRepo, clock: ManualClock) -> None:
    repo = open_repo()
    freeze_plan(repo, START, PLAN)
    before = repo.days()
    freeze_plan(repo, START + timedelta(days=1), PLAN)
    repo.add_hold(make_hold(clock), PLAN)

    recent = repo.days(START + timedelta(days=1))
    assert _offsets(recent) == [1, 20]
    assert recent[1].holds == (make_hold(clock),)
    # The untouched day is the same record as before: it was not converted again.
    assert repo.days(START, START)[0] is before[0]
