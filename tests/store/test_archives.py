"""The recent weeks in ``psoas.json`` and the older years in archives: the same history either way.

A "single file" here is the same data directory with compaction switched off, which is what every
database was before archives existed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psoas_tui.clock import ManualClock
from psoas_tui.core.config import Config
from psoas_tui.core.demo import demo_history
from psoas_tui.core.model import (
    Answer,
    DayRecord,
    DoneMark,
    History,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.routine import Routine
from psoas_tui.core.signs import SignKey
from psoas_tui.core.transfer.period import ALL_DAYS
from psoas_tui.locations import Locations
from psoas_tui.services import Psoas
from psoas_tui.store.errors import CorruptDatabase
from psoas_tui.store.repository import Repository, window_start
from tests.conftest import ZONE

TODAY = date(2026, 11, 21)


def _clock(day: date = TODAY) -> ManualClock:
    return ManualClock(datetime(day.year, day.month, day.day, 7, 30, tzinfo=ZONE))


@contextmanager
def _single_file(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as patch:
        patch.setattr(Repository, "_compact", lambda self, force: None)
        yield


def _hot_tables(locations: Locations) -> dict[str, dict[str, dict[str, object]]]:
    tables: dict[str, dict[str, dict[str, object]]] = orjson.loads(locations.database.read_bytes())
    return tables


def _archived_years(locations: Locations) -> list[int]:
    return sorted(int(path.stem[-4:]) for path in locations.archive.glob("psoas-*.json"))


def _history(locations: Locations, clock: ManualClock) -> History:
    with Repository.open(locations, clock) as repo:
        return repo.history()


@pytest.fixture
def three_years(routine: Routine) -> History:
    return demo_history(routine, TODAY, ZONE, 3, seed=5)


def test_an_old_history_is_split_into_yearly_archives_and_reads_the_same(
    locations: Locations, routine: Routine, three_years: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    single = Locations(locations.data_dir.with_name("single"), locations.config_dir)
    with _single_file(monkeypatch), Repository.open(single, _clock()) as repo:
        repo.merge(three_years)
    with Repository.open(locations, _clock()) as repo:
        repo.merge(three_years)
    hot = _hot_tables(locations)
    boundary = hot["summary"]["archive"]["boundary"]
    assert isinstance(boundary, str)
    # The window's start, or a little earlier where a chain of entries runs across it.
    assert window_start(TODAY) - timedelta(days=30) <= date.fromisoformat(boundary)
    assert date.fromisoformat(boundary) <= window_start(TODAY)
    assert min(hot["days"]) >= boundary
    assert _archived_years(locations) == [2023, 2024, 2025, 2026]
    assert locations.database.stat().st_size * 4 < single.database.stat().st_size
    with _single_file(monkeypatch):
        expected = _history(single, _clock())
    assert _history(locations, _clock()) == expected
    for path in locations.archive.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600
    assert locations.archive.stat().st_mode & 0o777 == 0o700


def test_a_single_file_is_split_at_open_after_a_backup_and_exports_the_same_bytes(
    locations: Locations, routine: Routine, three_years: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = _clock()
    with _single_file(monkeypatch), Psoas.open(locations, routine, Config(), clock) as psoas:
        psoas.merge(three_years)
        before = psoas.export("json", ALL_DAYS)
    assert not locations.archive.exists()
    with Psoas.open(locations, routine, Config(), clock) as psoas:
        after = psoas.export("json", ALL_DAYS)
    assert _archived_years(locations)
    kept = list(locations.backups.glob("psoas-*-before-archiving.json"))
    assert len(kept) == 1
    assert min(orjson.loads(kept[0].read_bytes())["days"]) < "2024"
    assert after == before


def test_a_backfill_into_an_archived_year_is_kept_once_through_the_next_compaction(
    locations: Locations, three_years: History
) -> None:
    clock = _clock()
    with Repository.open(locations, clock) as repo:
        repo.merge(three_years)
        old = SymptomEntry("b" * 32, date(2024, 3, 5), clock.now(), 2, 3, note="backfilled")
        repo.save_entry(old)
    for later in (clock, _clock(TODAY + timedelta(days=40))):
        with Repository.open(locations, later) as repo:
            found = [entry for entry in repo.entries() if entry.id == old.id]
            assert found == [old]
            assert old in repo.entries(date(2024, 3, 1), date(2024, 3, 31))
    assert (
        old.id
        in orjson.loads(locations.archive.joinpath("psoas-2024.json").read_bytes())["entries"]
    )


@pytest.mark.parametrize("moved_to", [TODAY - timedelta(days=1), date(2024, 6, 1)])
def test_an_archived_entry_edited_to_another_day_is_seen_once_with_its_new_day(
    locations: Locations, three_years: History, moved_to: date
) -> None:
    clock = _clock()
    with Repository.open(locations, clock) as repo:
        repo.merge(three_years)
        archived = repo.entries(date(2025, 2, 1), date(2025, 2, 28))[0]
        repo.save_entry(replace(archived, day=moved_to, note="moved"))
    for later in (clock, _clock(TODAY + timedelta(days=40)), _clock(TODAY + timedelta(days=80))):
        with Repository.open(locations, later) as repo:
            copies = [entry for entry in repo.entries() if entry.id == archived.id]
            assert [(entry.day, entry.note) for entry in copies] == [(moved_to, "moved")]


def test_a_recent_entry_edited_into_an_archived_year_moves_there(
    locations: Locations, three_years: History
) -> None:
    clock = _clock()
    with Repository.open(locations, clock) as repo:
        repo.merge(three_years)
        recent = repo.entries(TODAY - timedelta(days=3), TODAY)[0]
        repo.save_entry(replace(recent, day=date(2024, 2, 2)))
    with Repository.open(locations, _clock(TODAY + timedelta(days=40))) as repo:
        assert [entry.day for entry in repo.entries() if entry.id == recent.id] == [
            date(2024, 2, 2)
        ]
    assert recent.id not in _hot_tables(locations)["entries"]


def test_an_archived_entry_deleted_is_gone_from_every_file(
    locations: Locations, three_years: History
) -> None:
    clock = _clock()
    with Repository.open(locations, clock) as repo:
        repo.merge(three_years)
        archived = repo.entries(date(2024, 5, 1), date(2024, 5, 31))[0]
        assert repo.delete_entry(archived.id) is True
        assert repo.delete_entry(archived.id) is False
    with Repository.open(locations, clock) as repo:
        assert archived.id not in {entry.id for entry in repo.entries()}


def test_the_recent_file_stays_small_and_opens_no_archive_for_the_recent_weeks(
    locations: Locations, three_years: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = _clock()
    with Repository.open(locations, clock) as repo:
        repo.merge(three_years)
    opened: list[int] = []
    real = Repository._archived_entries

    def counting(self: Repository, year: int) -> object:
        opened.append(year)
        return real(self, year)

    monkeypatch.setattr(Repository, "_archived_entries", counting)
    monkeypatch.setattr(Repository, "_archived_days", counting)
    with Repository.open(locations, clock) as repo:
        repo.recent_entries()
        repo.days(TODAY - timedelta(weeks=20), TODAY)
        repo.entries(TODAY - timedelta(days=60), TODAY)
        repo.save_entry(SymptomEntry("c" * 32, TODAY, clock.now(), 1, 1))
    assert opened == []


def test_a_pain_episode_running_back_past_the_window_stays_in_the_recent_file(
    locations: Locations,
) -> None:
    clock = _clock()
    start = window_start(TODAY) - timedelta(days=30)
    days = [start + timedelta(days=offset) for offset in range(0, (TODAY - start).days, 2)]
    entries = tuple(
        SymptomEntry(f"{index:032x}", day, clock.now(), 3, 2) for index, day in enumerate(days)
    )
    earlier = SymptomEntry("e" * 32, start - timedelta(days=1), clock.now(), 0, 2)
    with Repository.open(locations, clock) as repo:
        repo.merge(History(entries=(earlier, *entries)))
        assert repo.recent_entries() == list(entries)
        assert [entry.id for entry in repo.entries()] == [earlier.id, *(e.id for e in entries)]


def test_a_backfill_that_joins_a_run_of_yes_answers_brings_its_archived_part_back(
    locations: Locations,
) -> None:
    clock = _clock()
    boundary = window_start(TODAY)
    run = [boundary - timedelta(days=offset) for offset in (20, 14, 8)]
    recent = boundary + timedelta(days=5)
    entries = [
        SymptomEntry(f"{index:032x}", day, clock.now(), 1, 2, signs=(SignKey.radiating,))
        for index, day in enumerate([*run, recent])
    ]
    with Repository.open(locations, clock) as repo:
        repo.merge(History(entries=tuple(entries)))
        assert [entry.day for entry in repo.recent_entries()] == [recent]
        bridge = replace(entries[0], id="d" * 32, day=boundary - timedelta(days=2))
        repo.save_entry(bridge)
        assert {entry.day for entry in repo.recent_entries()} == {*run, recent, bridge.day}
    with Repository.open(locations, clock) as repo:
        assert len(repo.entries()) == 5
        assert len({entry.id for entry in repo.entries()}) == 5


# The same figures from a single file and from a split one.

_SIGNS = (SignKey.radiating, SignKey.bladder_bowel, SignKey.minor_fall)
_SPAN = 420


@st.composite
def _histories(draw: st.DrawFn) -> History:
    # Runs of entries a few days apart, so that episodes, severe runs and runs of yes answers
    # reach from the last weeks back across the window's start as well as end before it.
    at = datetime(2026, 1, 1, 8, tzinfo=ZONE)
    runs = draw(
        st.lists(
            st.tuples(
                st.integers(0, _SPAN),
                st.integers(1, 300),
                st.integers(1, 9),
                st.sampled_from([None, 0, 2, 8]),
                st.lists(st.sampled_from(_SIGNS), max_size=1),
            ),
            max_size=5,
        )
    )
    entries = []
    for first, length, step, pain, signs in runs:
        for offset in range(first, max(first - length, -1), -step):
            day = TODAY - timedelta(days=offset)
            entries.append(
                SymptomEntry(
                    f"{len(entries):032x}",
                    day,
                    at + timedelta(days=_SPAN - offset),
                    pain,
                    None if pain is None else 2,
                    signs=tuple(signs),
                    asked=_SIGNS if draw(st.booleans()) else None,
                )
            )
    marked = draw(st.sets(st.integers(1, _SPAN), max_size=80))
    days = tuple(
        DayRecord(
            TODAY - timedelta(days=offset),
            ("bridge",),
            marks=(DoneMark("bridge", TODAY - timedelta(days=offset), at),),
        )
        for offset in sorted(marked, reverse=True)
    )
    shown_on = draw(st.sets(st.integers(1, _SPAN), max_size=6))
    responses = tuple(
        ReferralResponse(
            "persistent_pain",
            f"{(TODAY - timedelta(days=offset + 9)).isoformat()}/"
            f"{(TODAY - timedelta(days=offset)).isoformat()}",
            Answer.shown,
            TODAY - timedelta(days=offset),
            at,
        )
        for offset in shown_on
    )
    return History(days=days, entries=tuple(entries), responses=responses)


def _figures(psoas: Psoas) -> tuple[object, ...]:
    summaries = psoas.streak_summaries()
    return (
        psoas.referral_rules(),
        psoas.earlier_logged(),
        psoas.status(),
        summaries,
        psoas.streak_figures(summaries),
        psoas.first_entry_day(),
        psoas.recent_entries(400),
        psoas.export("json", ALL_DAYS).split(b"\n", 3)[3],
        psoas.export("csv", ALL_DAYS),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(history=_histories())
def test_every_figure_is_the_same_from_a_single_file_and_from_a_split_one(
    history: History, routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = _clock()
    with tempfile.TemporaryDirectory() as folder:
        single = Locations(Path(folder) / "single", Path(folder) / "config")
        split = Locations(Path(folder) / "split", Path(folder) / "config")
        with _single_file(monkeypatch), Psoas.open(single, routine, Config(), clock) as psoas:
            psoas.merge(history)
            expected = _figures(psoas)
        with Psoas.open(split, routine, Config(), clock) as psoas:
            psoas.merge(history)
            assert _figures(psoas) == expected
            html = psoas.write_report(Path(folder) / "split.html").read_text()
        with _single_file(monkeypatch), Psoas.open(single, routine, Config(), clock) as psoas:
            assert psoas.write_report(Path(folder) / "single.html").read_text() == html


def test_an_archive_of_an_older_schema_reads_and_a_newer_one_is_refused(
    locations: Locations, three_years: History
) -> None:
    clock = _clock()
    with Repository.open(locations, clock) as repo:
        repo.merge(three_years)
        expected = repo.history()
    path = locations.archive / "psoas-2024.json"
    tables = orjson.loads(path.read_bytes())
    tables["meta"]["schema"]["version"] = 2
    path.write_bytes(orjson.dumps(tables))
    assert _history(locations, clock) == expected
    tables["meta"]["schema"]["version"] = 99
    path.write_bytes(orjson.dumps(tables))
    with Repository.open(locations, clock) as repo, pytest.raises(CorruptDatabase) as refused:
        repo.history()
    assert "psoas-2024.json" in str(refused.value)
    assert "newer psoas" in str(refused.value)
