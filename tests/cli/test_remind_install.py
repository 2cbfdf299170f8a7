"""``psoas remind --install --at HH:MM`` / ``--uninstall``: the platform's own scheduler entry,
checked by ``systemd-analyze verify``, written into temporary homes and removed to the last file.
The schedulers' own commands are fakes on PATH that record what they were asked."""

from __future__ import annotations

import os
import plistlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.cli.conftest import Psoas
from tests.cli.test_remind import calls, fake

UNITS = ("psoas-remind.service", "psoas-remind.timer")
TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """A home, a config home and a PATH of fakes only: nothing real is scheduled."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "home").mkdir()
    return {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "PATH": str(bin_dir),
    }


def tree(root: Path) -> set[str]:
    """Every file and folder under ``root``."""
    return {str(path.relative_to(root)) for path in root.rglob("*")} if root.exists() else set()


def written(dry_run: str) -> dict[str, str]:
    """The files a ``--dry-run`` shows, by path."""
    blocks = re.split(r"\n\n(?=Would write |Would then run:)", dry_run)
    files = {}
    for block in blocks:
        head, _, content = block.partition(":\n")
        if head.startswith("Would write "):
            files[head.removeprefix("Would write ")] = content
    return files


def test_dry_run_prints_units_that_systemd_analyze_verifies(
    psoas: Psoas, home: dict[str, str], tmp_path: Path
) -> None:
    dry = psoas("remind", "--install", "--at", "8:00", "--at", "19:30", "--dry-run", env=home)
    assert dry.returncode == 0, dry.stderr
    folder = tmp_path / "xdg" / "systemd" / "user"
    files = written(dry.stdout)
    assert sorted(files) == [str(folder / name) for name in UNITS]
    assert not (tmp_path / "xdg").exists()
    assert not (tmp_path / "data" / "remind-installed.json").exists()
    service = files[str(folder / "psoas-remind.service")]
    timer = files[str(folder / "psoas-remind.timer")]
    data, config = tmp_path / "data", tmp_path / "config"
    assert service.splitlines() == [
        "[Unit]",
        "Description=psoas-tui reminder: one notification while today's routine is due",
        "",
        "[Service]",
        "Type=oneshot",
        "Environment=DBUS_SESSION_BUS_ADDRESS=unix:path=%t/bus",
        f"ExecStart={sys.executable} -m psoas_tui --data-dir {data} --config-dir {config} remind",
    ]
    assert timer.splitlines() == [
        "[Unit]",
        "Description=psoas-tui reminders at 08:00, 19:30",
        "",
        "[Timer]",
        "OnCalendar=*-*-* 08:00:00",
        "OnCalendar=*-*-* 19:30:00",
        "Persistent=true",
        "Unit=psoas-remind.service",
        "",
        "[Install]",
        "WantedBy=timers.target",
    ]
    assert dry.stdout.endswith(
        "Would then run:\n"
        "  systemctl --user daemon-reload\n"
        "  systemctl --user enable --now psoas-remind.timer\n"
        "Reminders at 08:00, 19:30; to check: systemctl --user list-timers psoas-remind.timer\n"
    )
    # Debian's systemd package provides systemd-analyze.
    analyze = shutil.which("systemd-analyze")
    assert analyze is not None, "systemd-analyze is needed: apt-get install systemd"
    units = tmp_path / "units"
    units.mkdir()
    (units / UNITS[0]).write_text(service + "\n")
    (units / UNITS[1]).write_text(timer + "\n")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    verified = subprocess.run(
        [analyze, "--user", "verify", *(str(units / name) for name in UNITS)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        timeout=60,
    )
    assert (verified.returncode, verified.stderr, verified.stdout) == (0, "", "")


def test_a_configured_timezone_is_the_timers_zone(
    psoas: Psoas, home: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('timezone = "America/New_York"\n')
    dry = psoas("remind", "--install", "--at", "07:15", "--dry-run", env=home)
    assert "\nOnCalendar=*-*-* 07:15:00 America/New_York\n" in dry.stdout


def test_install_then_uninstall_leaves_nothing_behind(
    psoas: Psoas, home: dict[str, str], tmp_path: Path
) -> None:
    systemctl = fake(tmp_path / "bin", "systemctl")
    psoas("status")  # the data directory exists before, as for anyone who has used psoas
    before = tree(tmp_path / "xdg") | {f"data/{name}" for name in tree(tmp_path / "data")}
    installed = psoas("remind", "--install", "--at", "00:00", "--at", "19:30", env=home)
    assert installed.returncode == 0, installed.stderr
    folder = tmp_path / "xdg" / "systemd" / "user"
    assert installed.stdout.splitlines() == [
        f"Wrote {folder / UNITS[0]}",
        f"Wrote {folder / UNITS[1]}",
        "Ran systemctl --user daemon-reload",
        "Ran systemctl --user enable --now psoas-remind.timer",
        "Reminders at 00:00, 19:30; to check: systemctl --user list-timers psoas-remind.timer",
    ]
    for name in UNITS:
        assert (folder / name).stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
    assert [call["argv"] for call in calls(systemctl)] == [
        ["--user", "daemon-reload"],
        ["--user", "enable", "--now", "psoas-remind.timer"],
    ]
    # The installed slots are the reminder's: 00:00 has always passed.
    assert "the 00:00 slot" in psoas("remind", "--dry-run", env=home).stdout

    removed = psoas("remind", "--uninstall", env=home)
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.splitlines() == [
        "Ran systemctl --user disable --now psoas-remind.timer",
        f"Removed {folder / UNITS[0]}",
        f"Removed {folder / UNITS[1]}",
        "Ran systemctl --user daemon-reload",
    ]
    after = tree(tmp_path / "xdg") | {f"data/{name}" for name in tree(tmp_path / "data")}
    assert after == before
    assert not (tmp_path / "xdg").exists()
    assert not (tmp_path / "data" / "remind-installed.json").exists()
    assert psoas("remind", "--uninstall", env=home).stdout == (
        "No reminder schedule is installed here; nothing to remove.\n"
    )


def test_uninstall_keeps_a_file_changed_since_and_the_users_own_folders(
    psoas: Psoas, home: dict[str, str], tmp_path: Path
) -> None:
    fake(tmp_path / "bin", "systemctl")
    folder = tmp_path / "xdg" / "systemd" / "user"
    folder.mkdir(parents=True)
    (folder / "other.timer").write_text("[Timer]\n")
    psoas("remind", "--install", "--at", "08:00", env=home)
    timer = folder / UNITS[1]
    timer.write_text(timer.read_text() + "# mine\n")
    removed = psoas("remind", "--uninstall", env=home)
    assert f"Left {timer}: it changed since psoas wrote it" in removed.stdout.splitlines()
    assert sorted(path.name for path in folder.iterdir()) == ["other.timer", UNITS[1]]


def test_reinstalling_leaves_one_schedule(
    psoas: Psoas, home: dict[str, str], tmp_path: Path
) -> None:
    fake(tmp_path / "bin", "systemctl")
    psoas("remind", "--install", "--at", "08:00", env=home)
    psoas("remind", "--install", "--at", "09:00", env=home)
    timer = (tmp_path / "xdg" / "systemd" / "user" / UNITS[1]).read_text()
    assert [line for line in timer.splitlines() if line.startswith("OnCalendar")] == [
        "OnCalendar=*-*-* 09:00:00"
    ]
    psoas("remind", "--uninstall", env=home)
    assert not (tmp_path / "xdg").exists()


def test_without_systemctl_it_says_what_to_run(
    psoas: Psoas, home: dict[str, str], tmp_path: Path
) -> None:
    installed = psoas("remind", "--install", "--at", "08:00", env=home)
    assert installed.returncode == 0
    assert (
        "systemctl is not here. To start it, run: systemctl --user daemon-reload && "
        "systemctl --user enable --now psoas-remind.timer"
    ) in installed.stdout.splitlines()


def test_a_failing_systemctl_is_exit_1_with_what_to_run(
    psoas: Psoas, home: dict[str, str], tmp_path: Path
) -> None:
    fake(tmp_path / "bin", "systemctl", exit_code=1)
    installed = psoas("remind", "--install", "--at", "08:00", env=home)
    assert installed.returncode == 1
    assert "systemctl --user daemon-reload failed: exit code 1. To start it, run: " in (
        installed.stdout
    )


def test_the_psoas_script_is_named_by_its_absolute_path(
    home: dict[str, str], tmp_path: Path
) -> None:
    script = Path(sys.executable).parent / "psoas"
    assert script.is_file(), "the tests run from the project's virtual environment"
    install = ("remind", "--install", "--at", "08:00", "--dry-run")
    dry = subprocess.run(
        [str(script), "--data-dir", "d", "--config-dir", "c", *install],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, **home},
        timeout=60,
    )
    assert f"\nExecStart={script} --data-dir {tmp_path / 'd'} --config-dir {tmp_path / 'c'} " in (
        dry.stdout
    )


def test_on_macos_a_launch_agent(psoas: Psoas, home: dict[str, str], tmp_path: Path) -> None:
    launchctl = fake(tmp_path / "bin", "launchctl")
    installed = psoas(
        "remind", "--platform", "darwin", "--install", "--at", "08:00", "--at", "19:30", env=home
    )
    assert installed.returncode == 0, installed.stderr
    plist = tmp_path / "home" / "Library" / "LaunchAgents" / "psoas-tui.remind.plist"
    agent = plistlib.loads(plist.read_bytes())
    assert agent["Label"] == "psoas-tui.remind"
    assert agent["StartCalendarInterval"] == [
        {"Hour": 8, "Minute": 0},
        {"Hour": 19, "Minute": 30},
    ]
    assert agent["ProgramArguments"][-5:] == [
        "--data-dir",
        str(tmp_path / "data"),
        "--config-dir",
        str(tmp_path / "config"),
        "remind",
    ]
    domain = f"gui/{os.getuid()}"
    assert installed.stdout.splitlines() == [
        f"Wrote {plist}",
        f"Ran launchctl bootstrap {domain} {plist}",
        f"Reminders at 08:00, 19:30; to check: launchctl print {domain}/psoas-tui.remind",
    ]
    psoas("remind", "--uninstall", env=home)
    assert [call["argv"] for call in calls(launchctl)] == [
        ["bootstrap", domain, str(plist)],
        ["bootout", domain, str(plist)],
    ]
    assert tree(tmp_path / "home") == set()


def test_on_windows_a_scheduled_task_that_starts_when_available(
    psoas: Psoas, home: dict[str, str], tmp_path: Path
) -> None:
    schtasks = fake(tmp_path / "bin", "schtasks")
    installed = psoas(
        "remind", "--platform", "win32", "--install", "--at", "19:30", "--at", "08:00", env=home
    )
    assert installed.returncode == 0, installed.stderr
    path = tmp_path / "config" / "psoas-remind.xml"
    task = ET.fromstring(path.read_bytes())
    assert task.findtext(f"{TASK}Settings/{TASK}StartWhenAvailable") == "true"
    starts = [boundary.text or "" for boundary in task.iter(f"{TASK}StartBoundary")]
    assert [start[-8:] for start in starts] == ["08:00:00", "19:30:00"]
    assert task.findtext(f"{TASK}Actions/{TASK}Exec/{TASK}Command") == sys.executable
    arguments = task.findtext(f"{TASK}Actions/{TASK}Exec/{TASK}Arguments") or ""
    assert arguments.endswith(f"--config-dir {tmp_path / 'config'} remind")
    psoas("remind", "--uninstall", env=home)
    assert [call["argv"] for call in calls(schtasks)] == [
        ["/Create", "/TN", "psoas-remind", "/XML", str(path), "/F"],
        ["/Delete", "/TN", "psoas-remind", "/F"],
    ]
    assert not path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--install", "--at", "25:00"),
            "psoas: --at: '25:00' is not a time of day; allowed: HH:MM from 00:00 to 23:59, "
            "for example 08:00 or 19:30\n",
        ),
        (
            ("--install", "--at", "08:00", "--at", "7pm"),
            "psoas: --at: '7pm' is not a time of day; allowed: HH:MM from 00:00 to 23:59, "
            "for example 08:00 or 19:30\n",
        ),
        (
            ("--install",),
            "psoas: --install: needs a time; allowed: --at HH:MM, repeatable (for example "
            "--at 08:00 --at 19:30)\n",
        ),
        (
            ("--at", "08:00"),
            "psoas: --at: only with --install; allowed: psoas remind --install --at HH:MM\n",
        ),
    ],
)
def test_bad_times_are_refused_and_nothing_written(
    psoas: Psoas, home: dict[str, str], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    refused = psoas("remind", *args, env=home)
    assert (refused.returncode, refused.stdout, refused.stderr) == (2, "", message)
    assert not (tmp_path / "xdg").exists()
    assert not (tmp_path / "data").exists()
