"""``psoas remind``: decide under the database's lock, record, notify; and the scheduler entries
``--install`` writes for the platform's own scheduler (no daemon of ours).

The decision is ``core.remind``'s. What is recorded is today's reminders only
(``Locations.reminded``): not health data, so neither in the export nor in a backup. What
``--install`` wrote is listed in ``Locations.remind_manifest``, with a digest of each file, so
``--uninstall`` removes exactly that; the manifest also gives ``psoas remind`` its slots.
"""

from __future__ import annotations

import hashlib
import json
import os
import plistlib
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from psoas_tui.core.errors import PsoasError
from psoas_tui.core.remind import Decision, Notice, Sent, decide
from psoas_tui.locations import Locations, ensure_private_dir
from psoas_tui.services import Psoas
from psoas_tui.services.output import write_private

#: The platforms ``--platform`` may name (``sys.platform``'s words); any other is ``linux``'s
#: freedesktop notifications, with no scheduler known.
PLATFORMS = ("linux", "darwin", "win32")
#: The systemd units, the launchd label and the scheduled task's name.
UNIT = "psoas-remind"
LAUNCHD_LABEL = "psoas-tui.remind"
#: How long a notifier may take before it is left running, taken as delivered: never blocks.
NOTIFY_WAIT = 1.0
#: How long a scheduler's own command (``systemctl``, ``launchctl``, ``schtasks``) may take.
COMMAND_TIMEOUT = 30.0

# Windows PowerShell's own app id: a toast needs a registered one to show.
_POWERSHELL_APP = r"{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe"
# The words reach the script through its environment, never through its text: no quoting.
_TOAST_SCRIPT = "; ".join(
    (
        "$ErrorActionPreference = 'Stop'",
        "$manager = [Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications,"
        " ContentType = WindowsRuntime]",
        "$toast = $manager::GetTemplateContent("
        "[Windows.UI.Notifications.ToastTemplateType]::ToastText02)",
        "$texts = $toast.GetElementsByTagName('text')",
        "[void]$texts.Item(0).AppendChild($toast.CreateTextNode($env:PSOAS_TITLE))",
        "[void]$texts.Item(1).AppendChild($toast.CreateTextNode($env:PSOAS_BODY))",
        f"$manager::CreateToastNotifier('{_POWERSHELL_APP}').Show("
        "[Windows.UI.Notifications.ToastNotification]::new($toast))",
    )
)


def platform_of(named: str | None = None) -> str:
    """``named`` (the hidden ``--platform``) or this machine's, as one of ``PLATFORMS``."""
    name = sys.platform if named is None else named
    if name == "darwin":
        return "darwin"
    if name in ("win32", "cygwin"):
        return "win32"
    return "linux"


# Deciding and recording


@dataclass(frozen=True)
class Reminded:
    """What ``remind`` decided, and what sent it (``None``: nothing did; ring the bell)."""

    decision: Decision
    via: str | None = None


def remind(
    psoas: Psoas, platform: str, environ: Mapping[str, str], dry_run: bool = False
) -> Reminded:
    """Decide whether to remind now and, unless ``dry_run``, record it and send it.

    The decision and its record happen under the database's lock: two schedulers firing at
    once remind once. The record is written before the notification goes out, so a record
    that cannot be written sends nothing (and the next run tries again).
    """
    slots = installed_slots(psoas.locations)
    if dry_run:
        decision = _decision(psoas, slots, read_sent(psoas.locations, psoas.clock.today()))
        via = next((name for name, _ in notifiers(decision, platform, environ)), None)
        return Reminded(decision, via)
    with psoas.locked():
        today = psoas.clock.today()
        sent = read_sent(psoas.locations, today)
        decision = _decision(psoas, slots, sent)
        if decision.sent is None:
            return Reminded(decision)
        write_sent(psoas.locations, today, [*sent, decision.sent])
        return Reminded(decision, notify(decision, platform, environ))


def _decision(psoas: Psoas, slots: Sequence[str], sent: Sequence[Sent]) -> Decision:
    return decide(
        psoas.due_now(), psoas.today(), psoas.referral_rules(), slots, psoas.clock.now(), sent
    )


def read_sent(locations: Locations, today: date) -> list[Sent]:
    """The reminders recorded as sent on ``today``. A record of another day, or one that does not
    read, is no reminder today: it holds nothing else, and is written anew at the next."""
    try:
        doc = json.loads(locations.reminded.read_bytes())
        if doc["day"] != today.isoformat():
            return []
        return [
            Sent(str(one["slot"]), datetime.fromisoformat(one["at"]), int(one["done"]))
            for one in doc["sent"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def write_sent(locations: Locations, today: date, sent: Sequence[Sent]) -> None:
    """Record ``sent`` as today's reminders (atomic, 0600); ``PsoasError`` if it cannot."""
    doc = {
        "day": today.isoformat(),
        "sent": [{"slot": one.slot, "at": one.at.isoformat(), "done": one.done} for one in sent],
    }
    write_private(locations.reminded, json.dumps(doc, indent=1).encode())


# Notifying


def notifiers(
    decision: Decision, platform: str, environ: Mapping[str, str]
) -> list[tuple[str, list[str]]]:
    """The programs that could show ``decision``'s notice here, best first, each with its
    arguments: the platform's own, then ``tmux display-message`` inside tmux."""
    notice = decision.notice
    if notice is None:
        return []
    found: list[tuple[str, list[str]]] = []
    if platform == "darwin":
        program = shutil.which("osascript")
        if program:
            script = "display notification (item 2 of argv) with title (item 1 of argv)"
            arguments = ["-e", "on run argv", "-e", script, "-e", "end run"]
            found.append(("osascript", [program, *arguments, notice.title, notice.body]))
    elif platform == "win32":
        program = shutil.which("powershell")
        if program:
            arguments = ["-NoProfile", "-NonInteractive", "-Command", _TOAST_SCRIPT]
            found.append(("a PowerShell toast", [program, *arguments]))
    else:
        program = shutil.which("notify-send")
        if program:
            urgency = "critical" if notice.urgent else "normal"
            # Most notification servers read the body as markup: these words must not be.
            body = escape(notice.body)
            arguments = ["--app-name=psoas", f"--urgency={urgency}", "--", notice.title, body]
            found.append(("notify-send", [program, *arguments]))
    tmux = shutil.which("tmux")
    if environ.get("TMUX") and tmux:
        # display-message expands #{...} formats: a literal # is written ##.
        text = f"{notice.title}: {notice.body}".replace("#", "##")
        found.append(("tmux", [tmux, "display-message", text]))
    return found


def notify(decision: Decision, platform: str, environ: Mapping[str, str]) -> str | None:
    """Show ``decision``'s notice with the first program that takes it; its name, or ``None``
    when none did (the caller rings the terminal bell).

    Each is started in a session of its own and waited for ``NOTIFY_WAIT`` at most: one still
    running then is left to finish and counts as delivered; one that fails gives way to the next.
    """
    notice = decision.notice
    assert notice is not None
    env = {**environ, "PSOAS_TITLE": notice.title, "PSOAS_BODY": notice.body}
    for name, argv in notifiers(decision, platform, environ):
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=os.name == "posix",
            )
        except OSError:
            continue
        try:
            if process.wait(timeout=NOTIFY_WAIT) == 0:
                return name
        except subprocess.TimeoutExpired:
            return name
    return None


def bell_text(notice: Notice) -> str:
    """The terminal's reminder when no program could show one: the bell, then the words."""
    return f"\a{notice.title}: {notice.body}"


# Scheduling


@dataclass(frozen=True)
class Plan:
    """What ``--install`` writes for one platform, the commands that start it and stop it, and
    the command that shows it."""

    platform: str
    files: tuple[tuple[Path, bytes], ...]
    start: tuple[tuple[str, ...], ...]
    stop: tuple[tuple[str, ...], ...]
    #: Run once the files are gone (``systemctl --user daemon-reload``).
    after_removal: tuple[tuple[str, ...], ...]
    check: tuple[str, ...]


@dataclass
class Outcome:
    """What ``install`` or ``uninstall`` did, line by line, and whether a scheduler's command
    failed (``failed``: the schedule may not be as the files say)."""

    lines: list[str] = field(default_factory=list)
    failed: bool = False


def psoas_argv(locations: Locations) -> list[str]:
    """This psoas, by absolute path, running ``remind`` over the same directories: the
    ``psoas`` script when that is what runs, else this Python with ``-m psoas_tui``."""
    script = Path(sys.argv[0])
    if script.name in ("psoas", "psoas.exe") and script.is_file():
        head = [os.path.abspath(script)]
    else:
        head = [os.path.abspath(sys.executable), "-m", "psoas_tui"]
    return [
        *head,
        "--data-dir",
        str(locations.data_dir.absolute()),
        "--config-dir",
        str(locations.config_dir.absolute()),
        "remind",
    ]


def plan_for(
    platform: str,
    slots: Sequence[str],
    argv: Sequence[str],
    locations: Locations,
    environ: Mapping[str, str],
    today: date,
    timezone: str | None = None,
) -> Plan:
    """The scheduler entry of ``platform`` running ``argv`` at each of ``slots`` (``HH:MM``);
    ``PsoasError`` for a platform with no scheduler known."""
    if platform == "linux":
        return _systemd(slots, argv, environ, timezone)
    if platform == "darwin":
        return _launchd(slots, argv)
    if platform == "win32":
        return _task(slots, argv, locations, today)
    raise PsoasError(f"no scheduler is known for {platform}; run `psoas remind` from yours")


def _systemd(
    slots: Sequence[str], argv: Sequence[str], environ: Mapping[str, str], timezone: str | None
) -> Plan:
    home = environ.get("XDG_CONFIG_HOME", "")
    # The base directory spec: a relative XDG_CONFIG_HOME is ignored.
    config = Path(home) if home and Path(home).is_absolute() else Path.home() / ".config"
    folder = config / "systemd" / "user"
    zone = f" {timezone}" if timezone else ""
    service = "\n".join(
        (
            "[Unit]",
            "Description=psoas-tui reminder: one notification while today's routine is due",
            "",
            "[Service]",
            "Type=oneshot",
            # notify-send needs the session bus, which a user service is not given.
            "Environment=DBUS_SESSION_BUS_ADDRESS=unix:path=%t/bus",
            "ExecStart=" + " ".join(_systemd_word(word) for word in argv),
            "",
        )
    )
    timer = "\n".join(
        (
            "[Unit]",
            f"Description=psoas-tui reminders at {', '.join(slots)}",
            "",
            "[Timer]",
            *(f"OnCalendar=*-*-* {slot}:00{zone}" for slot in slots),
            # A reminder missed while the computer slept or was off fires when it wakes.
            "Persistent=true",
            f"Unit={UNIT}.service",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        )
    )
    systemctl = ("systemctl", "--user")
    return Plan(
        platform="linux",
        files=(
            (folder / f"{UNIT}.service", service.encode()),
            (folder / f"{UNIT}.timer", timer.encode()),
        ),
        start=((*systemctl, "daemon-reload"), (*systemctl, "enable", "--now", f"{UNIT}.timer")),
        stop=((*systemctl, "disable", "--now", f"{UNIT}.timer"),),
        after_removal=((*systemctl, "daemon-reload"),),
        check=(*systemctl, "list-timers", f"{UNIT}.timer"),
    )


def _systemd_word(word: str) -> str:
    # systemd expands % specifiers and $ variables in ExecStart, and splits at spaces.
    word = word.replace("%", "%%").replace("$", "$$")
    if word and not any(char.isspace() or char in "\"'\\;" for char in word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _launchd(slots: Sequence[str], argv: Sequence[str]) -> Plan:
    path = Path.home() / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
    times = [{"Hour": int(slot[:2]), "Minute": int(slot[3:])} for slot in slots]
    agent = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": list(argv),
        # launchd runs a job missed while asleep at wake, several missed ones as one.
        "StartCalendarInterval": times,
        "RunAtLoad": False,
    }
    domain = f"gui/{os.getuid()}" if hasattr(os, "getuid") else "gui"
    return Plan(
        platform="darwin",
        files=((path, plistlib.dumps(agent)),),
        start=(("launchctl", "bootstrap", domain, str(path)),),
        stop=(("launchctl", "bootout", domain, str(path)),),
        after_removal=(),
        check=("launchctl", "print", f"{domain}/{LAUNCHD_LABEL}"),
    )


def _task(slots: Sequence[str], argv: Sequence[str], locations: Locations, today: date) -> Plan:
    path = locations.config_dir / f"{UNIT}.xml"
    triggers = "".join(
        "    <CalendarTrigger>\n"
        f"      <StartBoundary>{today.isoformat()}T{slot}:00</StartBoundary>\n"
        "      <Enabled>true</Enabled>\n"
        "      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>\n"
        "    </CalendarTrigger>\n"
        for slot in slots
    )
    task = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n'
        "  <RegistrationInfo>\n"
        f"    <Description>psoas-tui reminders at {', '.join(slots)}</Description>\n"
        "  </RegistrationInfo>\n"
        f"  <Triggers>\n{triggers}  </Triggers>\n"
        "  <Principals>\n"
        '    <Principal id="Author">\n'
        "      <LogonType>InteractiveToken</LogonType>\n"
        "      <RunLevel>LeastPrivilege</RunLevel>\n"
        "    </Principal>\n"
        "  </Principals>\n"
        "  <Settings>\n"
        "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n"
        "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
        "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n"
        # A reminder missed while the computer was off runs as soon as it can.
        "    <StartWhenAvailable>true</StartWhenAvailable>\n"
        "    <ExecutionTimeLimit>PT5M</ExecutionTimeLimit>\n"
        "    <Enabled>true</Enabled>\n"
        "  </Settings>\n"
        '  <Actions Context="Author">\n'
        "    <Exec>\n"
        f"      <Command>{escape(argv[0])}</Command>\n"
        f"      <Arguments>{escape(subprocess.list2cmdline(argv[1:]))}</Arguments>\n"
        "    </Exec>\n"
        "  </Actions>\n"
        "</Task>\n"
    )
    schtasks = "schtasks"
    return Plan(
        platform="win32",
        # schtasks reads a task's XML in UTF-16, as Task Scheduler itself exports it.
        files=((path, task.encode("utf-16")),),
        start=((schtasks, "/Create", "/TN", UNIT, "/XML", str(path), "/F"),),
        stop=((schtasks, "/Delete", "/TN", UNIT, "/F"),),
        after_removal=(),
        check=(schtasks, "/Query", "/TN", UNIT),
    )


def file_text(content: bytes) -> str:
    """A scheduler file as text, for ``--dry-run`` (the task XML is UTF-16)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    return content.decode()


def command_line(argv: Sequence[str]) -> str:
    """``argv`` as one would type it."""
    return shlex.join(argv)


def installed_slots(locations: Locations) -> tuple[str, ...]:
    """The slots ``--install`` set (none: nothing installed, or a manifest that does not read,
    so that each day is one slot and reminds once)."""
    try:
        return tuple(str(slot) for slot in _list(_read_manifest(locations), "slots"))
    except (OSError, PsoasError, KeyError, TypeError):
        return ()


def _read_manifest(locations: Locations) -> dict[str, object]:
    path = locations.remind_manifest
    try:
        doc = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as error:
        raise PsoasError(f"{path} does not read ({error}); remove it to start again") from None
    if not isinstance(doc, dict):
        raise PsoasError(f"{path} is not a psoas remind manifest; remove it to start again")
    return doc


def dry_install(plan: Plan, slots: Sequence[str]) -> list[str]:
    """What ``install`` would write and run, and nothing written: each file in full."""
    lines = []
    for path, content in plan.files:
        lines += [f"Would write {path}:", file_text(content).rstrip("\n"), ""]
    lines.append("Would then run:")
    lines += [f"  {command_line(argv)}" for argv in plan.start]
    lines.append(f"Reminders at {', '.join(slots)}; to check: {command_line(plan.check)}")
    return lines


def install(plan: Plan, slots: Sequence[str], locations: Locations) -> Outcome:
    """Write ``plan``'s files (0600, missing folders 0700), then the manifest, then start it
    with the scheduler's own command if it is here (else say what to run).

    An earlier installation is removed first (``uninstall``), so reinstalling with other times
    leaves one schedule.
    """
    outcome = Outcome()
    if locations.remind_manifest.exists():
        previous = uninstall(locations)
        outcome.failed = previous.failed
    made: list[str] = []
    written: list[dict[str, str]] = []
    for path, content in plan.files:
        made += _make_folders(path.parent)
        write_private(path, content)
        written.append({"path": str(path), "sha256": hashlib.sha256(content).hexdigest()})
        outcome.lines.append(f"Wrote {path}")
    manifest = {
        "platform": plan.platform,
        "slots": list(slots),
        "files": written,
        "folders": made,
        "stop": [list(argv) for argv in plan.stop],
        "after_removal": [list(argv) for argv in plan.after_removal],
    }
    ensure_private_dir(locations.data_dir, follow_link=True)
    write_private(locations.remind_manifest, json.dumps(manifest, indent=1).encode())
    outcome.failed |= not _run_all(plan.start, outcome, "To start it")
    outcome.lines.append(f"Reminders at {', '.join(slots)}; to check: {command_line(plan.check)}")
    return outcome


def uninstall(locations: Locations, dry_run: bool = False) -> Outcome:
    """Stop and remove what ``install`` wrote, as its manifest lists it: a file changed since is
    left where it is, and named; the folders it made go too once empty. With ``dry_run``, only
    say what it would remove."""
    outcome = Outcome()
    try:
        manifest = _read_manifest(locations)
    except FileNotFoundError:
        outcome.lines.append("No reminder schedule is installed here; nothing to remove.")
        return outcome
    try:
        files = [(Path(str(one["path"])), str(one["sha256"])) for one in _list(manifest, "files")]
        folders = [Path(str(folder)) for folder in _list(manifest, "folders")]
        stop = [tuple(str(word) for word in argv) for argv in _list(manifest, "stop")]
        after = [tuple(str(word) for word in argv) for argv in _list(manifest, "after_removal")]
    except (KeyError, TypeError):
        raise PsoasError(
            f"{locations.remind_manifest} is not a psoas remind manifest; remove it to start again"
        ) from None
    if dry_run:
        outcome.lines += [f"Would run: {command_line(argv)}" for argv in stop]
        outcome.lines += [f"Would remove {path}" for path, _ in files if path.exists()]
        return outcome
    outcome.failed = not _run_all(stop, outcome, "To stop it")
    for path, digest in files:
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            continue
        if hashlib.sha256(content).hexdigest() != digest:
            outcome.lines.append(f"Left {path}: it changed since psoas wrote it")
            continue
        path.unlink()
        outcome.lines.append(f"Removed {path}")
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    locations.remind_manifest.unlink()
    outcome.failed |= not _run_all(after, outcome, "Then")
    return outcome


def _list(manifest: Mapping[str, object], key: str) -> list[Any]:
    value = manifest[key]
    if not isinstance(value, list):
        raise TypeError(key)
    return value


def _make_folders(folder: Path) -> list[str]:
    """Make ``folder`` and its missing parents 0700; the ones made, outermost first. Folders
    that exist keep their modes: they are the user's."""
    missing = [path for path in (folder, *folder.parents) if not path.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700)
        os.chmod(path, 0o700)
    return [str(path) for path in reversed(missing)]


def _run_all(commands: Sequence[Sequence[str]], outcome: Outcome, lead: str) -> bool:
    """Run ``commands`` in turn, each line said; when the program is not here, or one fails,
    say what to run by hand instead. ``False`` when one failed."""
    if not commands:
        return True
    program = shutil.which(commands[0][0])
    by_hand = " && ".join(command_line(argv) for argv in commands)
    if program is None:
        outcome.lines.append(f"{commands[0][0]} is not here. {lead}, run: {by_hand}")
        return True
    for argv in commands:
        try:
            done = subprocess.run(
                [program, *argv[1:]],
                capture_output=True,
                text=True,
                timeout=COMMAND_TIMEOUT,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            outcome.lines.append(f"Could not run {command_line(argv)}: {error}. {lead}: {by_hand}")
            return False
        if done.returncode != 0:
            said = (done.stderr.strip() or done.stdout.strip()).splitlines()
            why = said[0] if said else f"exit code {done.returncode}"
            outcome.lines.append(f"{command_line(argv)} failed: {why}. {lead}, run: {by_hand}")
            return False
        outcome.lines.append(f"Ran {command_line(argv)}")
    return True
