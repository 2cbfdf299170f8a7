"""``psoas export`` and ``psoas import``: the round trip, twice adds nothing, every bad input."""

from __future__ import annotations

import csv
import io
import json
import stat
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Psoas


def without_export_time(raw: bytes) -> bytes:
    """The export minus its one ``exported_at`` line: the only line that changes by design."""
    lines = raw.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(b'  "exported_at": ')]
    assert len(kept) == len(lines) - 1
    return b"".join(kept)


@pytest.fixture
def filled(psoas: Psoas) -> Psoas:
    """A data directory with a year of demo history, an entry typed with every field, a mark."""
    assert psoas("demo", "--years", "1").returncode == 0
    logged = psoas(
        "log",
        "--pain",
        "2",
        "--stiffness",
        "3",
        "--minutes",
        "15",
        "--where",
        "left_groin",
        "--sign",
        "restricted",
        "--note",
        'long drive, "tight" | café ☕',
    )
    assert logged.returncode == 0, logged.stderr
    assert psoas("done", "bridge").returncode == 0
    assert psoas("profile", "--set", "cancer=no", "--set", "age_50_plus=unsaid").returncode == 0
    return psoas


def test_round_trip_export_import_export_gives_the_same_file(filled: Psoas, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    done = filled("export", "--format", "json", "-o", str(first))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Exported to {first} ({first.stat().st_size} bytes).\n"
    other = {"PSOAS_DATA_DIR": str(tmp_path / "other")}
    imported = filled("import", str(first), env=other)
    assert imported.returncode == 0, imported.stderr
    again = filled("export", "--format", "json", env=other)
    assert again.returncode == 0, again.stderr
    assert without_export_time(again.stdout.encode()) == without_export_time(first.read_bytes())
    doc = json.loads(first.read_bytes())
    assert len(doc["entries"]) > 200 and len(doc["days"]) > 300
    assert doc["entries"][-1]["note"] == 'long drive, "tight" | café ☕'
    assert doc["entries"][-1]["asked"] == ["restricted"]
    assert [(item["key"], item["answer"]) for item in doc["profile"]] == [
        ("cancer", "no"),
        ("age_50_plus", "unsaid"),
    ]


def test_importing_the_same_file_twice_adds_nothing(filled: Psoas, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    assert filled("export", "--format", "json", "-o", str(exported)).returncode == 0
    other = {"PSOAS_DATA_DIR": str(tmp_path / "other")}
    first = filled("import", str(exported), env=other)
    doc = json.loads(exported.read_bytes())
    holds = sum(len(day["holds"]) for day in doc["days"])
    entries = len(doc["entries"])
    assert first.stdout.startswith(f"Imported {entries} entries, {holds} holds, ")
    database = tmp_path / "other" / "psoas.json"
    before = database.read_bytes()
    second = filled("import", str(exported), env=other)
    assert second.returncode == 0, second.stderr
    assert second.stdout == (
        "Imported 0 entries, 0 holds, 0 marks, 0 referral answers and 0 “about you” answers "
        f"from {exported} "
        "(nothing new: all of it was already stored).\n"
    )
    assert database.read_bytes() == before


def test_importing_into_the_same_data_directory_adds_nothing(filled: Psoas, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    assert filled("export", "--format", "json", "-o", str(exported)).returncode == 0
    done = filled("import", str(exported))
    assert "(nothing new" in done.stdout


def imported_counts(stdout: str) -> tuple[int, int]:
    """The entries and holds an import says it added."""
    words = stdout.split()
    return int(words[1]), int(words[3])


def test_overlapping_imports_add_each_record_once(filled: Psoas, tmp_path: Path) -> None:
    doc = json.loads(filled("export", "--format", "json").stdout)
    middle = doc["entries"][len(doc["entries"]) // 2]["day"]
    early, late = tmp_path / "early.json", tmp_path / "late.json"
    assert filled("export", "--format", "json", "--to", middle, "-o", str(early)).returncode == 0
    assert filled("export", "--format", "json", "--from", middle, "-o", str(late)).returncode == 0
    other = {"PSOAS_DATA_DIR": str(tmp_path / "other")}
    first = imported_counts(filled("import", str(early), env=other).stdout)
    second = imported_counts(filled("import", str(late), env=other).stdout)
    holds = sum(len(day["holds"]) for day in doc["days"])
    assert (first[0] + second[0], first[1] + second[1]) == (len(doc["entries"]), holds)
    assert first[0] and second[0]


def test_export_goes_to_stdout_by_default_and_the_file_is_private(
    filled: Psoas, tmp_path: Path
) -> None:
    done = filled("export", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {row["kind"] for row in rows} == {"plan", "hold", "mark", "entry"}
    typed = next(row for row in rows if row["note"].startswith("long drive"))
    assert (typed["pain"], typed["where"], typed["signs"], typed["asked"]) == (
        "2",
        "left_groin",
        "restricted",
        "restricted",
    )
    target = tmp_path / "out.csv"
    assert filled("export", "--format", "csv", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == done.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_the_format_is_json_unless_csv_is_asked_for(filled: Psoas) -> None:
    done = filled("export")
    assert done.returncode == 0, done.stderr
    json_asked = filled("export", "--format", "json").stdout
    assert without_export_time(done.stdout.encode()) == without_export_time(json_asked.encode())
    assert json.loads(done.stdout)["format"] == "psoas-tui export"
    assert filled("export", "--format", "csv").stdout.startswith("kind,day,")


def test_from_and_to_are_inclusive(filled: Psoas) -> None:
    everything = json.loads(filled("export", "--format", "json").stdout)
    day = everything["entries"][-5]["day"]
    one_day = json.loads(filled("export", "--format", "json", "--from", day, "--to", day).stdout)
    assert [entry["day"] for entry in one_day["entries"]] == [
        entry["day"] for entry in everything["entries"] if entry["day"] == day
    ]
    assert [record["day"] for record in one_day["days"]] == [day]
    assert (one_day["from"], one_day["to"]) == (day, day)
    rows = list(
        csv.DictReader(io.StringIO(filled("export", "--format", "csv", "--to", day).stdout))
    )
    assert max(row["day"] for row in rows) == day


def test_from_and_to_take_yesterday_and_today(filled: Psoas) -> None:
    everything = json.loads(filled("export", "--format", "json").stdout)
    today = date.fromisoformat(everything["days"][-1]["day"])  # the fixture marks today done
    last_two = json.loads(
        filled("export", "--format", "json", "--from", "YESTERDAY", "--to", " today ").stdout
    )
    yesterday = (today - timedelta(days=1)).isoformat()
    assert (last_two["from"], last_two["to"]) == (yesterday, today.isoformat())
    assert [record["day"] for record in last_two["days"]] == [yesterday, today.isoformat()]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["--format", "csv", "--from", "2026-02-30"], "--from: '2026-02-30' is not a date"),
        (["--format", "csv", "--to", "tomorrow"], "--to: 'tomorrow' is not a date"),
        (["--format", "csv", "--from", "1989-12-31"], "--from: 1989-12-31 is before 1990-01-01"),
        (
            ["--format", "csv", "--from", "2026-03-02", "--to", "2026-03-01"],
            "--from 2026-03-02 is after --to 2026-03-01",
        ),
        (["--format", "csv", "-o", "/nonexistent/dir/x.csv"], "-o: the directory /nonexistent/dir"),
    ],
)
def test_export_refuses_bad_options_and_writes_nothing(
    psoas: Psoas, tmp_path: Path, args: list[str], message: str
) -> None:
    done = psoas("export", *args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / "data").exists()


def test_export_never_overwrites_the_database(filled: Psoas, tmp_path: Path) -> None:
    database = tmp_path / "data" / "psoas.json"
    before = database.read_bytes()
    for target in (database, tmp_path / "data" / "backups" / "x.json", tmp_path / "data"):
        done = filled("export", "--format", "json", "-o", str(target))
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "allowed:" in done.stderr
    assert database.read_bytes() == before


def bad_export(tmp_path: Path, psoas: Psoas) -> dict[str, Any]:
    """A valid export of a small history, as a dict to spoil."""
    assert psoas("log", "--pain", "4", "--stiffness", "2", "--sign", "radiating").returncode == 0
    assert psoas("done", "bridge").returncode == 0
    doc: dict[str, Any] = json.loads(psoas("export", "--format", "json").stdout)
    return doc


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda doc: doc["entries"][0].update(pain=12), ") pain: 12 is out of range"),
        (lambda doc: doc["entries"][0].update(signs=["dizzy"]), ") signs[0]: 'dizzy' is not known"),
        (
            lambda doc: doc["entries"][0].update(note="x" * 501),
            ") note: 501 characters is too long",
        ),
        (lambda doc: doc["days"][0]["marks"][0].update(exercise_id=""), "marks[0].exercise_id"),
        (lambda doc: doc.update(schema_version=99), "written by a newer psoas (schema version 99"),
    ],
)
def test_import_refuses_a_bad_file_with_one_line_and_writes_nothing(
    psoas: Psoas, tmp_path: Path, spoil: Callable[[dict[str, Any]], object], message: str
) -> None:
    doc = bad_export(tmp_path, psoas)
    spoil(doc)
    spoiled = tmp_path / "spoiled.json"
    spoiled.write_text(json.dumps(doc), encoding="utf-8")
    other = tmp_path / "other"
    done = psoas("import", str(spoiled), env={"PSOAS_DATA_DIR": str(other)})
    assert done.returncode == 2
    assert done.stderr.startswith(f"psoas: {spoiled}: ")
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert not other.exists()


def test_a_bad_last_record_leaves_the_database_as_it_was(psoas: Psoas, tmp_path: Path) -> None:
    doc = bad_export(tmp_path, psoas)
    entries = doc["entries"]
    fresh = dict(entries[0], id="f" * 32, pain=1)
    entries.append(dict(fresh, id="e" * 32, stiffness=-3))
    entries.insert(0, fresh)
    spoiled = tmp_path / "spoiled.json"
    spoiled.write_text(json.dumps(doc), encoding="utf-8")
    database = tmp_path / "data" / "psoas.json"
    before = database.read_bytes()
    done = psoas("import", str(spoiled))
    assert done.returncode == 2 and "entries[2] (id eeee" in done.stderr
    assert database.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file; allowed: a JSON file made by psoas export --format json"),
        (b"not json", "line 1, column 1: not valid JSON"),
        (b'{"format": "psoas-tui export"}', "schema_version: missing field"),
        (b"[]", "the file holds a list, not an object"),
    ],
)
def test_import_refuses_what_is_not_an_export(
    psoas: Psoas, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "import.json"
    if content is not None:
        path.write_bytes(content)
    done = psoas("import", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"psoas: {path}: {message}")
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "data").exists()


def test_import_refuses_a_directory(psoas: Psoas, tmp_path: Path) -> None:
    done = psoas("import", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr == (
        f"psoas: {tmp_path}: a directory, not a file; allowed: a JSON file made by psoas export "
        "--format json\n"
    )


def test_import_refuses_the_database_itself(filled: Psoas, tmp_path: Path) -> None:
    done = filled("import", str(tmp_path / "data" / "psoas.json"))
    assert done.returncode == 2
    assert "this is a psoas database or backup, not an export" in done.stderr
    assert "psoas restore" in done.stderr


@pytest.mark.parametrize("command", ["export", "import"])
def test_help(psoas: Psoas, command: str) -> None:
    done = psoas(command, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith(f"usage: psoas {command} ")


def test_an_import_of_about_you_answers_alone_says_so(psoas: Psoas, tmp_path: Path) -> None:
    assert psoas("profile", "--set", "age_50_plus=yes").returncode == 0
    exported = tmp_path / "export.json"
    assert psoas("export", "-o", str(exported)).returncode == 0
    other = {"PSOAS_DATA_DIR": str(tmp_path / "other")}
    done = psoas("import", str(exported), env=other)
    assert done.returncode == 0, done.stderr
    assert "1 “about you” answer from" in done.stdout
    assert "(nothing new" not in done.stdout
    demo = psoas("demo", "--years", "1", env=other)
    assert demo.returncode == 2  # the directory is not empty: it holds an answer
