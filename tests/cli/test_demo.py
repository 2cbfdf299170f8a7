"""``psoas demo``: fills an empty data directory, refuses one with records."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Psoas


def test_demo_fills_an_empty_data_dir(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("demo", "--years", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Filled {tmp_path / 'data'} with 1 year(s) of demo history:")
    status = json.loads(psoas("status", "--json").stdout)
    assert status["today"]["done"] == 0


def test_demo_refuses_a_data_dir_with_records(psoas: Psoas, tmp_path: Path) -> None:
    assert psoas("demo", "--years", "1").returncode == 0
    database = tmp_path / "data" / "psoas.json"
    before = database.read_bytes()
    again = psoas("demo", "--years", "1", "--seed", "2")
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1
    assert "already holds records" in again.stderr
    assert database.read_bytes() == before


def test_demo_refuses_years_out_of_range(psoas: Psoas, tmp_path: Path) -> None:
    for years in ("0", "31"):
        done = psoas("demo", "--years", years)
        assert done.returncode == 2
        assert "--years" in done.stderr and "allowed: 1 to 30" in done.stderr
    assert not (tmp_path / "data").exists()
