"""``export -o`` and ``report -o`` never write over psoas's own files: the data directory is the
store's (the database, its lock, the copies restore and the damage handling keep aside, backups,
archive, temporary files), so a file named anywhere in it is refused with one line and exit 2,
however the path gets there (``..``, a symlink). Only its reports folder takes outputs.

And an output's temporary file is never one the store's sweep removes: an export into another
psoas data directory is not broken by a psoas opening there at that moment."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from psoas_tui.cli import main
from psoas_tui.store.files import sweep_temp_files
from tests.cli.conftest import Psoas

#: Files the store keeps in the data directory, by their paths inside it.
OWN_FILES = (
    "psoas.json.lock",
    "psoas.json.replaced-20261202-003740",
    "psoas.json.corrupt-20261122-080000",
    "psoas.json.before-migration-v0-2026-11-01",
    ".psoas.json.abcd1234.tmp",
    "archive/psoas-2019.json",
    "backups/psoas-2026-12-01.json",
    "psoas-foo.json",
)

COMMANDS = {
    "export": ("export", "--format", "csv"),
    "report": ("report",),
}


def _fingerprints(data: Path) -> dict[str, str]:
    """Every file in the data directory and a digest of its content."""
    return {
        str(path.relative_to(data)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(data.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def data(psoas: Psoas, tmp_path: Path) -> Path:
    """A data directory with an entry, its lock and backup, and one of each kept-aside file."""
    assert psoas("log", "--pain", "3", "--stiffness", "2", "--note", "x").returncode == 0
    data = tmp_path / "data"
    for name in OWN_FILES:
        path = data / name
        if not path.exists():
            path.parent.mkdir(mode=0o700, exist_ok=True)
            path.write_bytes(b"kept by psoas: " + name.encode())
    return data


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", OWN_FILES)
def test_an_output_inside_the_data_directory_is_refused(
    psoas: Psoas, data: Path, command: str, name: str
) -> None:
    before = _fingerprints(data)
    done = psoas(*COMMANDS[command], "-o", str(data / name))
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert f"-o: {data / name} is in psoas's data directory {data}" in done.stderr
    assert f"allowed: a file in {data / 'reports'} or outside {data}" in done.stderr
    assert _fingerprints(data) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_neither_dots_nor_a_symlink_get_round_the_refusal(
    psoas: Psoas, data: Path, tmp_path: Path, command: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "lock").symlink_to(data / "psoas.json.lock")
    (elsewhere / "data").symlink_to(data)
    (data / "reports").mkdir(mode=0o700)
    before = _fingerprints(data)
    for name in (
        elsewhere / "lock",
        elsewhere / "data" / "psoas.json.lock",
        data / "reports" / ".." / "psoas.json.lock",
        data / "backups" / ".." / "psoas.json.replaced-20261202-003740",
    ):
        done = psoas(*COMMANDS[command], "-o", str(name))
        assert done.returncode == 2, (name, done.stderr)
        assert "allowed:" in done.stderr and done.stderr.count("\n") == 1
    assert _fingerprints(data) == before
    assert (elsewhere / "lock").is_symlink()


def test_a_reports_folder_that_leads_back_into_the_store_is_refused(
    psoas: Psoas, data: Path
) -> None:
    (data / "reports").symlink_to(".")
    before = _fingerprints(data)
    done = psoas("report", "-o", str(data / "reports" / "psoas.json.lock"))
    assert done.returncode == 2
    assert _fingerprints(data) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_the_reports_folder_takes_outputs(psoas: Psoas, data: Path, command: str) -> None:
    reports = data / "reports"
    reports.mkdir(mode=0o700)
    target = reports / "mine" / "out.txt"
    target.parent.mkdir(mode=0o700)
    done = psoas(*COMMANDS[command], "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.stat().st_size > 0
    assert psoas("report").returncode == 0


@pytest.mark.parametrize("command", COMMANDS)
def test_the_reports_folder_the_refusal_names_takes_outputs_before_any_report(
    psoas: Psoas, data: Path, command: str
) -> None:
    refused = psoas(*COMMANDS[command], "-o", str(data / "psoas.json.lock"))
    assert f"allowed: a file in {data / 'reports'}" in refused.stderr
    done = psoas(*COMMANDS[command], "-o", str(data / "reports" / "out.txt"))
    assert done.returncode == 0, done.stderr
    assert (data / "reports" / "out.txt").stat().st_size > 0
    assert ((data / "reports").stat().st_mode & 0o777) == 0o700


def test_an_export_into_another_data_directory_survives_its_sweep(
    psoas: Psoas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A second psoas data directory (another profile), where a psoas opening now sweeps
    # temporary files: simulated at the worst moment, just before the export's rename.
    assert psoas("log", "--pain", "3", "--stiffness", "2").returncode == 0
    other = tmp_path / "other-data"
    other.mkdir(mode=0o700)
    target = other / "psoas-foo.json"
    real_replace = os.replace

    def sweep_then_replace(source: str | Path, destination: str | Path) -> None:
        sweep_temp_files(other)
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", sweep_then_replace)
    directories = ["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path / "config")]
    code = main([*directories, "export", "-o", str(target)])
    assert code == 0
    assert b'"entries"' in target.read_bytes()
