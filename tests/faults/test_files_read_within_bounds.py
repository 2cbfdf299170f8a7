"""Whatever a file the user names turns out to be (a device that never ends, a deeply nested TOML
text, one saved by Notepad with a byte-order mark), psoas reads a bounded amount of it and says
in one line what is wrong: exit 2, nothing written, never an unexpected error.

The endless files run in a child process whose memory is capped (``RLIMIT_AS``), so reading
without a bound fails there quickly as ``MemoryError`` instead of eating the machine's memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from psoas_tui.core.routine_file import default_routine_file
from psoas_tui.core.textfile import MAX_TEXT_BYTES
from psoas_tui.core.transfer.json_import import MAX_IMPORT_BYTES
from tests.cli.conftest import Psoas

#: The memory the child may map: the import's limit read once and decoded, with room to spare.
CHILD_MEMORY = 3 * MAX_IMPORT_BYTES + 512 * 1024 * 1024
DEFAULT_ROUTINE = default_routine_file().read_text(encoding="utf-8")
#: Deeper than any recursion limit: ``tomllib`` recurses once per level.
DEPTH = 5000


def _capped_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))


def _capped_psoas(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``psoas *args`` over this test's directories, in a child whose memory is capped."""
    environment = dict(os.environ)
    environment.update(
        {
            "PSOAS_DATA_DIR": str(tmp_path / "data"),
            "PSOAS_CONFIG_DIR": str(tmp_path / "config"),
            "TZ": "Europe/Berlin",
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "psoas_tui", *args],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        preexec_fn=_capped_memory,
        timeout=120,
    )


def _one_line_refusal(done: subprocess.CompletedProcess[str], said: str) -> None:
    assert done.returncode == 2, done.stderr[:300]
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.endswith("\n"), done.stderr[:300]
    assert said in done.stderr, done.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_importing_an_endless_device_is_refused_naming_the_limit(
    device: str, tmp_path: Path
) -> None:
    done = _capped_psoas(tmp_path, "import", device)

    _one_line_refusal(done, f"psoas: {device}: ")
    assert f"at most {MAX_IMPORT_BYTES} bytes" in done.stderr
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("name", ["config.toml", "routine.toml"])
def test_a_settings_file_linked_to_an_endless_device_is_refused_naming_the_limit(
    name: str, tmp_path: Path
) -> None:
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / name).symlink_to("/dev/zero")

    done = _capped_psoas(tmp_path, "status")

    _one_line_refusal(done, f"psoas: {config_dir / name}: ")
    assert f"at most {MAX_TEXT_BYTES} bytes" in done.stderr
    assert not (tmp_path / "data").exists()


def test_a_settings_file_just_over_the_limit_is_refused_and_one_at_it_is_read(
    psoas: Psoas, tmp_path: Path
) -> None:
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    config = config_dir / "config.toml"
    line = "bell = true\n"
    config.write_text(line + "#" * (MAX_TEXT_BYTES - len(line) - 1) + "\n")

    assert psoas("status", "--short").returncode == 0

    config.write_text(line + "#" * (MAX_TEXT_BYTES - len(line)) + "\n")
    refused = psoas("status", "--short")
    assert refused.returncode == 2
    assert f"at most {MAX_TEXT_BYTES} bytes" in refused.stderr


NESTED = {
    "an array in config.toml": ("config.toml", "a = " + "[" * DEPTH + "]" * DEPTH + "\n"),
    "inline tables in config.toml": ("config.toml", "a = " + "{b = " * DEPTH + "1" + "}" * DEPTH),
    "an array in routine.toml": (
        "routine.toml",
        DEFAULT_ROUTINE.replace(
            'schedule = "FREQ=DAILY"', "schedule = " + "[" * DEPTH + "]" * DEPTH, 1
        ),
    ),
    "inline tables in routine.toml": (
        "routine.toml",
        "x = " + "{y = " * DEPTH + "1" + "}" * DEPTH + "\n" + DEFAULT_ROUTINE,
    ),
}


@pytest.mark.parametrize("case", NESTED)
def test_deeply_nested_toml_is_exit_2_and_one_line(case: str, psoas: Psoas, tmp_path: Path) -> None:
    name, content = NESTED[case]
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / name).write_text(content, encoding="utf-8")

    done = psoas("status")

    _one_line_refusal(done, f"psoas: {config_dir / name}: ")
    assert "nested too deeply" in done.stderr
    assert not (tmp_path / "data").exists()


def test_a_config_saved_with_a_byte_order_mark_is_read(psoas: Psoas, tmp_path: Path) -> None:
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "config.toml").write_bytes(b'\xef\xbb\xbfday_starts_at = "23:59"\n')

    done = psoas("status")

    # 23:59 is out of range: the setting was read, not refused as "not valid TOML".
    assert done.returncode == 2
    assert "day_starts_at: '23:59' is out of range" in done.stderr


def test_a_routine_saved_with_a_byte_order_mark_is_read(psoas: Psoas, tmp_path: Path) -> None:
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    own = DEFAULT_ROUTINE.replace('name = "Standing lunge stretch"', 'name = "My lunge"', 1)
    (config_dir / "routine.toml").write_bytes(b"\xef\xbb\xbf" + own.encode())

    done = psoas("status")

    assert done.returncode == 0, done.stderr
    assert "My lunge" in done.stdout
