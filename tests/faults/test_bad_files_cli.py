"""A bad config.toml or routine.toml met on the command line: exit 2 and one line naming the file,
the place and the reason; never a traceback, and the database is not touched."""

from __future__ import annotations

import io
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_tui.cli import main
from psoas_tui.core.routine_file import default_routine_file
from tests.cli.conftest import Psoas
from tests.faults.toml_text import dumps, odd_text, toml_values

DEFAULT_ROUTINE = default_routine_file().read_text(encoding="utf-8")

#: (file, its content, what the line must say after "<file>: ")
BAD_FILES = {
    "day start in superscript digits": ("config.toml", 'day_starts_at = "²:00"\n', "day_starts_at"),
    "a zone that is a path": ("config.toml", 'timezone = "/etc/passwd"\n', "timezone"),
    "a zone name too long": ("config.toml", f'timezone = "{"x" * 5000}"\n', "timezone"),
    "a setting with a line break": ("config.toml", '"bell\\nring" = true\n', "'bell\\nring'"),
    "a breath of nan": ("config.toml", "breath_in = nan\n", "breath_in"),
    "not TOML": ("config.toml", "bell = = true\n", "not valid TOML"),
    "a voice that is a word": ("config.toml", 'voice = "on"\n', "voice: 'on' is not true or false"),
    "an on_phase list": ("config.toml", "on_phase = ['say', 'done']\n", "on_phase: ['say'"),
    "an on_phase of two lines": ("config.toml", 'on_phase = "say\\rdone"\n', "'say\\rdone' has"),
    "config not UTF-8": ("config.toml", "bell = true # \udcff\udcfe\n", "not UTF-8 text"),
    "routine not UTF-8": ("routine.toml", "\udcff\udcfe", "not UTF-8 text"),
    "an interval in superscript": (
        "routine.toml",
        DEFAULT_ROUTINE.replace('schedule = "FREQ=DAILY"', 'schedule = "FREQ=DAILY;INTERVAL=²"', 1),
        'exercise "standing-lunge-stretch", schedule',
    ),
    "30 February": (
        "routine.toml",
        DEFAULT_ROUTINE.replace(
            'schedule = "FREQ=DAILY"', 'schedule = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"', 1
        ),
        "it never occurs",
    ),
    "a huge name": (
        "routine.toml",
        DEFAULT_ROUTINE.replace('name = "Standing lunge stretch"', f'name = "{"é" * 100_000}"', 1),
        'exercise "standing-lunge-stretch", name',
    ),
    "a field with a line break": (
        "routine.toml",
        DEFAULT_ROUTINE.replace("\n[exercise.dose]\n", '\n"a\\u2028b" = 1\n[exercise.dose]\n', 1),
        "'a\\u2028b': unknown field",
    ),
    "not UTF-8": ("routine.toml", "\udcff[[exercise]]", "not UTF-8 text"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_exit_2_and_one_line(case: str, psoas: Psoas, tmp_path: Path) -> None:
    name, content, said = BAD_FILES[case]
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    path = config_dir / name
    path.write_bytes(content.encode("utf-8", "surrogateescape"))

    done = psoas("status")

    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.endswith("\n"), done.stderr[:300]
    assert done.stderr.startswith(f"psoas: {path}: ")
    assert said in done.stderr
    assert len(done.stderr) < 700
    assert not (tmp_path / "data").exists()


def _status(config_dir: Path, data_dir: Path) -> tuple[int, str]:
    stderr = io.StringIO()
    with redirect_stderr(stderr), redirect_stdout(io.StringIO()):
        code = main(["status", "--data-dir", str(data_dir), "--config-dir", str(config_dir)])
    return code, stderr.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.dictionaries(odd_text, toml_values, max_size=4).map(dumps),
        st.dictionaries(
            st.sampled_from(["day_starts_at", "bell", "breath_in", "timezone"]), toml_values
        ).map(dumps),
    ),
    st.sampled_from(["config.toml", "routine.toml"]),
)
def test_any_config_or_routine_text_gives_exit_0_or_2_never_a_crash(text: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        config_dir = Path(scratch, "config")
        config_dir.mkdir()
        path = config_dir / name
        path.write_text(text, encoding="utf-8")

        code, stderr = _status(config_dir, Path(scratch, "data"))

    assert code in (0, 2), stderr
    if code == 2:
        assert stderr.startswith(f"psoas: {path}: ")
        assert stderr.count("\n") == 1 and stderr.endswith("\n")
