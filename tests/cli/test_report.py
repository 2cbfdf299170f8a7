"""``psoas report``: where it is written, HTML or Markdown, every bad option; ``write_report``."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from psoas_tui.clock import ManualClock
from psoas_tui.commands.report import default_report_path, write_report
from psoas_tui.core.config import Config
from psoas_tui.core.model import SymptomEntry
from psoas_tui.core.report import OWN_LOG
from psoas_tui.core.routine import Routine
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from tests.cli.conftest import Psoas

SECTIONS = (
    "Period",
    "What the app notices today",
    "Pain and stiffness over the period",
    "Warning and urgent signs logged",
    "Referral prompts",
    "The routine and how often it was done",
    "Day by day",
)


def today_of(psoas: Psoas) -> date:
    return date.fromisoformat(json.loads(psoas("status", "--json").stdout)["date"])


def test_report_goes_to_the_reports_folder_by_default(psoas: Psoas, tmp_path: Path) -> None:
    assert psoas("log", "--pain", "3", "--stiffness", "4", "--sign", "radiating").returncode == 0
    today = today_of(psoas)
    done = psoas("report")
    assert done.returncode == 0, done.stderr
    path = tmp_path / "data" / "reports" / f"clinician-report-{today.isoformat()}.html"
    assert done.stdout == f"Wrote the report for your clinician to {path}\n"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    for heading in SECTIONS:
        assert f"<h2>{heading}</h2>" in text
    assert "shooting or radiating pain down the leg" in text
    assert f"({7 * 4} days)" in text
    again = psoas("report", "--weeks", "2")
    assert again.returncode == 0 and again.stdout == done.stdout
    assert "(14 days)" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(("name", "markdown"), [("r.md", True), ("R.MD", True), ("r.htm", False)])
def test_the_file_ending_chooses_markdown_or_html(
    psoas: Psoas, tmp_path: Path, name: str, markdown: bool
) -> None:
    target = tmp_path / name
    done = psoas("report", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Wrote the report for your clinician to {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Psoas routine and symptom log") is markdown
    assert text.startswith("<!DOCTYPE html>") is not markdown
    for heading in SECTIONS:
        assert (f"## {heading}\n" if markdown else f"<h2>{heading}</h2>") in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not (tmp_path / "data" / "reports").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weeks", "0"], "--weeks: 0 is out of range; allowed: 1 to 52"),
        (["--weeks", "53"], "--weeks: 53 is out of range; allowed: 1 to 52"),
        (["--weeks", "four"], "argument --weeks: invalid int value: 'four'"),
        (["-o", "/nonexistent/dir/report.html"], "-o: the directory /nonexistent/dir does not"),
    ],
)
def test_report_refuses_bad_options_and_writes_nothing(
    psoas: Psoas, tmp_path: Path, args: list[str], message: str
) -> None:
    done = psoas("report", *args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert not (tmp_path / "data").exists()


def test_report_refuses_a_directory_as_the_file(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("report", "-o", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr == f"psoas: -o: {tmp_path} is a directory; allowed: a file name\n"


def test_help(psoas: Psoas) -> None:
    done = psoas("report", "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: psoas report ")


def test_write_report_is_what_the_referral_prompt_calls(
    locations: Locations, clock: ManualClock, routine: Routine
) -> None:
    today = clock.today()
    made_at = datetime(2026, 11, 21, 7, 45, tzinfo=tz.gettz("Europe/Berlin"))
    with Repository.open(locations, clock) as repo:
        for offset in range(9):
            day = today - timedelta(days=offset)
            repo.save_entry(SymptomEntry(f"{offset:032d}", day, clock.now(), 4, 3))
        path = default_report_path(locations, today)
        written = write_report(repo, routine, Config(), today, path, made_at=made_at)
        summary = locations.reports / "summary.md"
        markdown = write_report(repo, routine, Config(), today, summary, 1, made_at=made_at)
    assert written == path == locations.reports / "clinician-report-2026-11-21.html"
    assert stat.S_IMODE(locations.reports.stat().st_mode) == 0o700
    text = path.read_text(encoding="utf-8")
    assert "Made on 2026-11-21 07:45 with psoas-tui." in text
    assert "You logged pain on all 9 days from Fri 13 November to Sat 21 November" in text
    assert OWN_LOG.replace("'", "&#x27;") in text
    assert markdown == summary
    # One week was asked for; the period reaches back to the episode's first day.
    assert "From Fri 13 November 2026 to Sat 21 November 2026 (9 days)." in summary.read_text(
        encoding="utf-8"
    )
