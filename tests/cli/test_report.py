"""``psoas report``: where it is written, HTML or Markdown, every bad option."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from tests.cli.conftest import Psoas

SECTIONS = (
    "Period",
    "What the app notices today",
    "Pain and stiffness over the period",
    "Signs answered yes",
    "Sign questions asked",
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
    assert "pain, tingling or numbness shooting or spreading down one leg" in text
    assert "About the person" not in text
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


def test_about_you_answers_are_included_only_when_asked_for(psoas: Psoas, tmp_path: Path) -> None:
    assert psoas("profile", "--set", "cancer=yes").returncode == 0
    assert psoas("log", "--pain", "3", "--stiffness", "4").returncode == 0
    target = tmp_path / "r.md"
    assert psoas("report", "-o", str(target)).returncode == 0
    left_out = target.read_text(encoding="utf-8")
    assert "cancer" not in left_out and "## About the person" not in left_out
    assert "with an “about you” answer that raises the level" in left_out
    done = psoas("report", "-o", str(target), "--about-you")
    assert done.returncode == 0, done.stderr
    included = target.read_text(encoding="utf-8")
    assert "## About the person, in their own words" in included
    assert "- The person has had cancer." in included


def test_help(psoas: Psoas) -> None:
    done = psoas("report", "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: psoas report ")
    assert "--about-you" in done.stdout
