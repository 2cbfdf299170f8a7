"""A note that a spreadsheet would run as a formula reaches the CSV with a leading ``'``: the ASCII
starters (``=``, ``+``, ``-``, ``@``, a tab, a carriage return, and ``|``, which older spreadsheets
read as a DDE call) and their full-width forms (``＝``, ``＋``, ``－``, ``＠``), which spreadsheets
in East Asian locales read as the ASCII ones."""

from __future__ import annotations

import csv
import io

import pytest

from tests.cli.conftest import Psoas

STARTERS = ("=", "+", "-", "@", "|", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@pytest.mark.parametrize("starter", STARTERS)
def test_a_formula_in_a_note_is_quoted(psoas: Psoas, starter: str) -> None:
    note = f"{starter}cmd|' /C calc'!A0"
    assert psoas("log", "--pain", "3", "--stiffness", "2", "--note", note).returncode == 0
    done = psoas("export", "--format", "csv")
    assert done.returncode == 0
    (entry,) = [row for row in csv.DictReader(io.StringIO(done.stdout)) if row["kind"] == "entry"]
    assert entry["note"] == "'" + note


def test_a_plain_note_is_left_as_written(psoas: Psoas) -> None:
    note = "Ａ full-width letter, then | and ＝ inside"
    assert psoas("log", "--pain", "3", "--stiffness", "2", "--note", note).returncode == 0
    done = psoas("export", "--format", "csv")
    (entry,) = [row for row in csv.DictReader(io.StringIO(done.stdout)) if row["kind"] == "entry"]
    assert entry["note"] == note
