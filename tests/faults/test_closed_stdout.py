"""Standard output that goes away: a reader that stopped early (``| head``) or a full disk
(``> /dev/full``).

- A command that saved succeeds whatever happens to what it prints afterwards, so a script that
  retries on failure never saves twice; a full stdout is said on stderr in one line.
- A command that only reads ends quietly with exit 0 when its reader closes the pipe (the reader
  asked for no more; ``yes | head`` under ``set -o pipefail`` is the counter-example), and with
  one line and exit 1 when stdout is full (what was asked could not be given).

Never a traceback and never "unexpected error". Each case runs with Python's stdout buffered (what
a pipe gets) and unbuffered (``PYTHONUNBUFFERED``), since the failure surfaces at a different
moment in each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.cli.conftest import Psoas

#: How standard output goes away.
GONE = ("closed pipe", "full disk")

Closed = Callable[..., subprocess.CompletedProcess[str]]


@contextmanager
def _stdout(gone: str) -> Iterator[int]:
    """A descriptor for the command's stdout: a pipe whose reader has already left, or
    ``/dev/full``."""
    if gone == "closed pipe":
        reader, writer = os.pipe()
        os.close(reader)
    else:
        writer = os.open("/dev/full", os.O_WRONLY)
    try:
        yield writer
    finally:
        os.close(writer)


@pytest.fixture(params=["buffered", "unbuffered"])
def closed(request: pytest.FixtureRequest, tmp_path: Path) -> Closed:
    """``closed(gone, *args)`` runs ``psoas`` as the ``psoas`` fixture does, with stdout gone."""
    unbuffered = "1" if request.param == "unbuffered" else ""

    def run(gone: str, *args: str) -> subprocess.CompletedProcess[str]:
        environment = dict(os.environ)
        environment.update(
            {
                "PSOAS_DATA_DIR": str(tmp_path / "data"),
                "PSOAS_CONFIG_DIR": str(tmp_path / "config"),
                "TZ": "Europe/Berlin",
                "PYTHONUNBUFFERED": unbuffered,
            }
        )
        with _stdout(gone) as stdout:
            return subprocess.run(
                [sys.executable, "-m", "psoas_tui", *args],
                stdout=stdout,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
                env=environment,
                timeout=60,
            )

    return run


def _entries(psoas: Psoas) -> int:
    done = psoas("export", "--format", "json")
    assert done.returncode == 0
    return len(json.loads(done.stdout)["entries"])


def _no_surprise(stderr: str) -> None:
    assert "unexpected error" not in stderr and "Traceback" not in stderr
    assert "Exception ignored" not in stderr


@pytest.mark.parametrize("gone", GONE)
def test_a_logged_entry_is_a_success_whatever_stdout_does(
    closed: Closed, psoas: Psoas, gone: str
) -> None:
    done = closed(gone, "log", "--pain", "3", "--stiffness", "2", "--note", "once")
    assert done.returncode == 0, done.stderr
    _no_surprise(done.stderr)
    assert _entries(psoas) == 1
    if gone == "full disk":
        assert done.stderr == (
            "psoas: saved; what it printed could not be written to standard output: "
            "the disk is full\n"
        )
    else:
        assert done.stderr == ""


@pytest.mark.parametrize("gone", GONE)
def test_a_mark_is_a_success_whatever_stdout_does(closed: Closed, psoas: Psoas, gone: str) -> None:
    done = closed(gone, "done", "bridge")
    assert done.returncode == 0, done.stderr
    _no_surprise(done.stderr)
    assert "[x] bridge" in psoas("done").stdout


@pytest.mark.parametrize(
    "command",
    [
        ("status",),
        ("status", "--json"),
        ("status", "--short"),
        ("done",),
        ("export", "--format", "csv"),
        ("export", "--format", "json"),
    ],
)
def test_a_read_ends_quietly_when_its_reader_leaves(
    closed: Closed, psoas: Psoas, command: tuple[str, ...]
) -> None:
    assert psoas("log", "--pain", "3", "--stiffness", "2").returncode == 0
    done = closed("closed pipe", *command)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize(
    "command",
    [
        ("status",),
        ("status", "--json"),
        ("done",),
        ("export", "--format", "csv"),
    ],
)
def test_a_read_to_a_full_stdout_fails_in_one_line(
    closed: Closed, psoas: Psoas, command: tuple[str, ...]
) -> None:
    assert psoas("log", "--pain", "3", "--stiffness", "2").returncode == 0
    done = closed("full disk", *command)
    assert done.returncode == 1
    assert done.stderr == "psoas: Could not write to standard output: the disk is full.\n"


@pytest.mark.parametrize("gone", GONE)
@pytest.mark.parametrize("command", [("report",), ("export", "-o", "out.json")])
def test_a_written_file_is_a_success_whatever_stdout_does(
    closed: Closed, psoas: Psoas, tmp_path: Path, gone: str, command: tuple[str, ...]
) -> None:
    assert psoas("log", "--pain", "3", "--stiffness", "2").returncode == 0
    command = tuple(str(tmp_path / word) if word == "out.json" else word for word in command)
    done = closed(gone, *command)
    assert done.returncode == 0, done.stderr
    _no_surprise(done.stderr)
    written = [tmp_path / "out.json", *(tmp_path / "data" / "reports").glob("*.html")]
    assert any(path.exists() and path.stat().st_size for path in written)


@pytest.mark.parametrize("gone", GONE)
def test_every_other_command_that_saves_is_a_success_whatever_stdout_does(
    closed: Closed, psoas: Psoas, tmp_path: Path, gone: str
) -> None:
    # demo fills a data directory of its own, so its export can be imported into this one.
    demo_dir = str(tmp_path / "demo")
    demo = closed(gone, "--data-dir", demo_dir, "demo", "--years", "1")
    export = tmp_path / "demo.json"
    assert psoas("--data-dir", demo_dir, "export", "-o", str(export)).returncode == 0
    assert psoas("log", "--pain", "3", "--stiffness", "2").returncode == 0
    done = [
        demo,
        closed(gone, "import", str(export)),
        closed(gone, "profile", "--set", "cancer=no"),
        closed(gone, "restore", "--yes"),
    ]
    for each in done:
        assert each.returncode == 0, (each.args, each.stderr)
        _no_surprise(each.stderr)
