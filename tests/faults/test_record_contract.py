"""One contract for what a stored record may hold, met through the commands as a user meets it.

A database whose documents break the rules an import applies (a hold row of seven values, a day
key that is not a ``YYYY-MM-DD`` date, pain 11, an unknown place or sign, a key written twice)
is damaged: every command refuses it with one line naming the record, the file is left unchanged,
and nothing writes around the damage. Dates are data: a day recorded while the clock ran ahead is
kept, not damage. What the store accepts is what ``psoas import`` accepts, so an export always
imports again, after a flight across the date line too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from textual.widgets import Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import DoneMark
from psoas_tui.locations import Locations
from psoas_tui.ui.screens.streaks import StreaksScreen
from tests.apps import store
from tests.cli.conftest import Psoas
from tests.ui.conftest import AppFactory

Tables = dict[str, Any]


def _one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith("psoas: ") and "unexpected error" not in stderr, stderr
    return stderr


def _first_entry(tables: Tables) -> dict[str, Any]:
    [entry] = tables["entries"].values()
    return dict(entry)


def _old_day(tables: Tables, key: str, holds: list[Any]) -> Tables:
    [today] = tables["days"].values()
    tables["days"][key] = {**today, "day": key, "holds": holds}
    return tables


def _seven_columns(tables: Tables) -> Tables:
    row = ["bridge", None, 1, 30, 30.0, "2026-10-01T08:00:00+02:00", "extra"]
    return _old_day(tables, "2026-10-01", [row])


def _entry_with(**fields: object) -> Callable[[Tables], Tables]:
    def damage(tables: Tables) -> Tables:
        entry = _first_entry(tables)
        tables["entries"][entry["id"]] = {**entry, **fields}
        return tables

    return damage


#: How a document is damaged, and what the one line must say about it.
DAMAGE: dict[str, tuple[Callable[[Tables], Tables], str]] = {
    "seven-column hold": (_seven_columns, "day '2026-10-01': holds[0] is not a row of 6 values"),
    "not a date key": (lambda t: _old_day(t, "garbage", []), "day 'garbage'"),
    "week-date key": (lambda t: _old_day(t, "2026-W40-4", []), "day '2026-W40-4'"),
    "basic-date key": (lambda t: _old_day(t, "20261001", []), "day '20261001'"),
    "pain 11": (_entry_with(pain=11), "pain 11 is out of range"),
    "negative stiffness": (_entry_with(stiffness=-1), "stiffness -1 is out of range"),
    "unknown place": (_entry_with(where=["elbow"]), "where[0] 'elbow' is not known"),
    "unknown sign": (_entry_with(signs=["itchy"], asked=["itchy"]), "signs[0] 'itchy'"),
}


@pytest.fixture
def database(psoas: Psoas, tmp_path: Path) -> Path:
    """A database with today's entry and mark, and today's backup of them."""
    assert psoas("log", "--pain", "3", "--stiffness", "2").returncode == 0
    assert psoas("done", "bridge").returncode == 0
    return tmp_path / "data" / "psoas.json"


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_record_that_breaks_the_contract_stops_every_command(
    damage: str, psoas: Psoas, database: Path
) -> None:
    make_damage, reason = DAMAGE[damage]
    damaged = orjson.dumps(make_damage(orjson.loads(database.read_bytes())))
    database.write_bytes(damaged)

    for command in (
        ("status",),
        ("log", "--pain", "1", "--stiffness", "1"),
        ("done", "ball-release"),
        ("export", "--format", "json"),
    ):
        refused = psoas(*command)
        assert refused.returncode == 1, (command, refused.stdout, refused.stderr)
        line = _one_line(refused.stderr)
        assert reason in line and str(database) in line, line
        assert "left where it is, unchanged" in line
        assert database.read_bytes() == damaged


def test_a_key_written_twice_is_damage_not_the_last_value(psoas: Psoas, database: Path) -> None:
    good = database.read_bytes()
    # What a careless hand edit or a merge tool leaves: a second, empty entries table.
    damaged = good[:-1] + b',"entries":{}}'
    database.write_bytes(damaged)

    refused = psoas("status")

    assert refused.returncode == 1
    line = _one_line(refused.stderr)
    assert "'entries' twice" in line and str(database) in line
    # Kept byte for byte, as any file that cannot be read is.
    kept = [path for path in database.parent.iterdir() if path.name.startswith("psoas.json.")]
    assert damaged in [path.read_bytes() for path in kept]


def test_an_export_made_after_flying_west_imports_and_reports_the_day(
    psoas: Psoas, tmp_path: Path
) -> None:
    east, west = {"TZ": "Pacific/Kiritimati"}, {"TZ": "Pacific/Pago_Pago"}
    logged = psoas("log", "--pain", "7", "--stiffness", "2", "--note", "on the island", env=east)
    assert logged.returncode == 0, logged.stderr
    [entry] = orjson.loads((tmp_path / "data" / "psoas.json").read_bytes())["entries"].values()
    east_day = date.fromisoformat(entry["day"])
    export = tmp_path / "export.json"

    assert psoas("export", "--format", "json", "-o", str(export), env=west).returncode == 0
    report = tmp_path / "report.md"
    assert psoas("report", "--weeks", "1", "-o", str(report), env=west).returncode == 0
    imported = psoas("import", str(export), env={**west, "PSOAS_DATA_DIR": str(tmp_path / "b")})

    assert imported.returncode == 0, imported.stderr
    assert json.loads(export.read_text())["entries"][0]["day"] == east_day.isoformat()
    assert "Symptoms were logged on 1 of these days" in report.read_text()


def test_a_day_recorded_while_the_clock_ran_ahead_is_kept_and_imports_again(
    psoas: Psoas, tmp_path: Path
) -> None:
    later = (datetime.now(UTC) + timedelta(days=40)).date().isoformat()
    database = tmp_path / "data" / "psoas.json"
    assert psoas("log", "--pain", "3", "--stiffness", "2").returncode == 0
    tables = orjson.loads(database.read_bytes())
    [entry] = tables["entries"].values()
    tables["entries"][entry["id"]] = {**entry, "day": later}
    database.write_bytes(orjson.dumps(tables))
    export = tmp_path / "export.json"

    shown = psoas("status")
    exported = psoas("export", "--format", "json", "-o", str(export))
    imported = psoas("import", str(export), env={"PSOAS_DATA_DIR": str(tmp_path / "b")})

    assert shown.returncode == 0, shown.stderr
    assert exported.returncode == 0, exported.stderr
    assert imported.returncode == 0, imported.stderr
    assert "1 entry" in imported.stdout
    [copied] = orjson.loads((tmp_path / "b" / "psoas.json").read_bytes())["entries"].values()
    assert copied["day"] == later


async def test_a_document_damaged_while_the_app_is_open_never_crashes_the_streaks(
    make_test_app: AppFactory, clock: ManualClock, locations: Locations
) -> None:
    app = make_test_app()
    earlier = clock.today() - timedelta(days=40)
    store(app).mark_done(DoneMark("bridge", earlier, clock.now()), ["bridge"])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        # Another program rewrites the file under the open app.
        tables = orjson.loads(locations.database.read_bytes())
        tables["days"][earlier.isoformat()]["marks"] = [["bridge", "noon", "extra"]]
        locations.database.write_bytes(orjson.dumps(tables))

        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

        assert isinstance(app.screen, StreaksScreen)
        shown = str(app.screen.query_one("#streak-rates", Static).render())
        assert f"day '{earlier.isoformat()}': marks[0] is not a row of 2 values" in shown
        assert "left where it is, unchanged" in shown
        assert any("cannot be read" in note.message for note in app._notifications)
        assert app.is_running
