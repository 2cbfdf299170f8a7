"""``psoas import`` of spoiled, odd and foreign files, and odd but valid text kept intact.

A spoiled file exits 2 with one line naming the record and the field and what is allowed, and the
data directory it was imported into keeps every byte. The command runs in this process
(``cli.main``) with the clock frozen; the spoiling is random (hypothesis) and by hand.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from psoas_tui import cli
from psoas_tui.clock import ManualClock
from psoas_tui.context import Context
from psoas_tui.core.model import (
    Answer,
    DayRecord,
    DoneMark,
    History,
    Hold,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.profile import Profile, ProfileAnswer, ProfileItem, ProfileKey
from psoas_tui.core.referral import Rule
from psoas_tui.core.routine import Routine
from psoas_tui.core.transfer.json_export import export_json
from psoas_tui.core.transfer.layout import FORMAT_VERSION
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository
from tests.conftest import ZONE
from tests.input.conftest import is_plain_text

D19, D20 = date(2026, 11, 19), date(2026, 11, 20)
FIRST, SECOND = "a" * 32, "b" * 32


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


HISTORY = History(
    days=(
        DayRecord(
            D19,
            ("kneeling-hip-flexor-stretch", "bridge"),
            (
                Hold("kneeling-hip-flexor-stretch", "left", 1, 30.0, 29.5, _at(D19, 7, 31), D19),
                Hold("bridge", None, 1, 15.0, 15.0, _at(D19, 7, 40), D19),
            ),
            (DoneMark("constructive-rest", D19, _at(D19, 21)),),
        ),
        DayRecord(D20, ("bridge",), (Hold("bridge", None, 1, 15.0, 9.0, _at(D20, 7), D20),)),
    ),
    entries=(
        SymptomEntry(
            FIRST,
            D19,
            _at(D19, 8),
            3,
            4,
            20,
            ("left_hip",),
            ("radiating",),
            "stiff",
            ("radiating", "worse_after_stretch"),
        ),
        SymptomEntry(SECOND, D20, _at(D20, 8), 2, 2),
    ),
    responses=(
        ReferralResponse(
            Rule.soon_sign, "radiating:2026-11-19/2026-11-19", Answer.snoozed, D19, _at(D19, 8, 5)
        ),
    ),
    profile=Profile((ProfileItem(ProfileKey.cancer, ProfileAnswer.no, D19),)),
)

#: Each record's fields and the JSON types each may hold ("number" takes whole numbers too).
FIELD_TYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "top": {
        "format": ("string",),
        "schema_version": ("integer",),
        "exported_at": ("string",),
        "from": ("string", "null"),
        "to": ("string", "null"),
        "routine": ("object",),
        "profile": ("list",),
        "days": ("list",),
        "entries": ("list",),
        "responses": ("list",),
    },
    "day": {
        "day": ("string",),
        "planned": ("list", "null"),
        "holds": ("list",),
        "marks": ("list",),
    },
    "hold": {
        "exercise_id": ("string",),
        "side": ("string", "null"),
        "rep": ("integer",),
        "planned_seconds": ("integer", "number"),
        "held_seconds": ("integer", "number"),
        "started_at": ("string",),
    },
    "mark": {"exercise_id": ("string",), "marked_at": ("string",)},
    "entry": {
        "id": ("string",),
        "day": ("string",),
        "logged_at": ("string",),
        "pain": ("integer", "null"),
        "stiffness": ("integer", "null"),
        "stiffness_minutes": ("integer", "null"),
        "where": ("list",),
        "signs": ("list",),
        "note": ("string",),
        "asked": ("list", "null"),
    },
    "response": {
        "rule": ("string",),
        "key": ("string",),
        "kind": ("string",),
        "day": ("string",),
        "at": ("string",),
    },
    "profile": {"key": ("string",), "answer": ("string",), "day": ("string",)},
}

_JSON_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "null": st.none(),
    "boolean": st.booleans(),
    "integer": st.integers(-(10**20), 10**20),
    "number": st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer())
    | st.sampled_from([4.0, -0.0, 1e300]),
    "string": st.text(max_size=12),
    "list": st.lists(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
    "object": st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
}


def _records(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every record of an export: its kind, how a message names it, and the record itself."""
    records: list[tuple[str, str, dict[str, Any]]] = [("top", "", doc)]
    records += [("profile", f"profile[{n}]", item) for n, item in enumerate(doc["profile"])]
    for index, day in enumerate(doc["days"]):
        records.append(("day", f"days[{index}]", day))
        records += [("hold", f"holds[{n}]", hold) for n, hold in enumerate(day["holds"])]
        records += [("mark", f"marks[{n}]", mark) for n, mark in enumerate(day["marks"])]
    records += [("entry", f"entries[{n}]", entry) for n, entry in enumerate(doc["entries"])]
    records += [
        ("response", f"responses[{n}]", answer) for n, answer in enumerate(doc["responses"])
    ]
    return records


@st.composite
def _spoiled(draw: st.DrawFn, base: dict[str, Any]) -> tuple[dict[str, Any], str, str, str]:
    """A copy of ``base`` with one field missing, one unknown field added, or one value of a type
    the field never holds; with how the record and the field are named, and what was done."""
    doc = copy.deepcopy(base)
    kind, label, record = draw(st.sampled_from(_records(doc)))
    fields = FIELD_TYPES[kind]
    spoil = draw(st.sampled_from(["missing", "unknown", "wrong type"]))
    if spoil == "unknown":
        name = draw(st.text(st.characters(exclude_categories=()), min_size=1, max_size=12))
        if name in fields:
            name += "_extra"
        record[name] = draw(st.one_of(*_JSON_VALUES.values()))
        return doc, label, name, spoil
    name = draw(st.sampled_from(sorted(fields)))
    if spoil == "missing":
        del record[name]
    else:
        wrong = [kind for kind in _JSON_VALUES if kind not in fields[name]]
        record[name] = draw(_JSON_VALUES[draw(st.sampled_from(wrong))])
    return doc, label, name, spoil


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, clock: ManualClock) -> ManualClock:
    """The commands' clock is the frozen test clock (today is 21 November 2026)."""
    monkeypatch.setattr(Context, "clock", property(lambda _context: clock))
    return clock


@pytest.fixture
def base(routine: Routine, clock: ManualClock) -> dict[str, Any]:
    """A valid export, as a dict to spoil."""
    loaded: dict[str, Any] = json.loads(export_json(HISTORY, routine, clock.now()))
    return loaded


@pytest.fixture
def target(locations: Locations, frozen: ManualClock) -> Locations:
    """A data directory holding one entry of its own, for imports that must change nothing."""
    with Repository.open(locations, frozen) as repo:
        repo.save_entry(SymptomEntry("c" * 32, D20, _at(D20, 9), 1, 1, note="mine"))
    return locations


def _files(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def _run(*argv: str) -> int:
    try:
        return cli.main(list(argv))
    except SystemExit as leaving:
        assert isinstance(leaving.code, int)
        return leaving.code


def _import_refused(locations: Locations, file: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Import ``file`` into ``locations``; check it is refused, changing nothing; the one line."""
    before = _files(locations.data_dir)
    capsys.readouterr()
    code = _run("--data-dir", str(locations.data_dir), "import", str(file))
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert out == ""
    [line] = err.splitlines()
    assert err == line + "\n"
    assert line.startswith(f"psoas: {file}: ")
    assert "; allowed: " in line and "Traceback" not in line
    assert _files(locations.data_dir) == before
    return line


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_file_with_one_field_spoiled_is_refused_naming_the_record_and_field(
    data: st.DataObject,
    base: dict[str, Any],
    target: Locations,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc, label, name, spoil = data.draw(_spoiled(base), label="spoiled")
    file = tmp_path / "spoiled.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    line = _import_refused(target, file, capsys)
    assert label in line, (line, label)
    # A name from the file that is not plain letters, digits, - and _ is shown quoted (and cut).
    shown = name if re.fullmatch("[0-9A-Za-z_-]{1,40}", name) else repr(name)[:30]
    assert shown in line, (line, name, spoil)
    if spoil == "missing":
        assert "missing field" in line
    if spoil == "unknown":
        assert "unknown field" in line


def _entry(base: dict[str, Any], index: int = 0) -> dict[str, Any]:
    entry: dict[str, Any] = base["entries"][index]
    return entry


def _as_text(base: dict[str, Any]) -> str:
    return json.dumps(base)


REFUSED: list[tuple[str, Callable[[dict[str, Any]], str | bytes], str]] = [
    (
        "a score as text",
        lambda doc: _as_text(_set(doc, pain="4")),
        f"entries[0] (id {FIRST}, 2026-11-19) pain: '4' is not a whole number",
    ),
    (
        "a score with a fraction",
        lambda doc: _as_text(_set(doc, stiffness=4.5)),
        "stiffness: 4.5 is not a whole number",
    ),
    ("a score as true", lambda doc: _as_text(_set(doc, pain=True)), "pain: True is not a whole"),
    (
        "a place as text, not a list",
        lambda doc: _as_text(_set(doc, where="left_hip")),
        "where: a string, not a list",
    ),
    ("an unknown sign", lambda doc: _as_text(_set(doc, signs=["dizzy"])), "signs[0]: 'dizzy'"),
    ("a note as a number", lambda doc: _as_text(_set(doc, note=5)), "note: a number, not a str"),
    (
        "a day with no time zone",
        lambda doc: _as_text(_set(doc, logged_at="2026-11-19T08:00:00")),
        "logged_at: '2026-11-19T08:00:00' is not a date-time with its UTC offset",
    ),
    (
        "a day not in the calendar",
        lambda doc: _as_text(_set(doc, day="2026-02-30")),
        "day: '2026-02-30' is not a date",
    ),
    ("a missing note", lambda doc: _as_text(_drop(doc, "note")), "note: missing field"),
    ("no entries at all", lambda doc: _as_text(_drop_top(doc, "entries")), "entries: missing"),
    ("an extra field", lambda doc: _as_text(_set(doc, mood="fine")), "mood: unknown field"),
    (
        "a note one character too long",
        lambda doc: _as_text(_set(doc, note="n" * 501)),
        "note: 501 characters is too long; allowed: at most 500",
    ),
    (
        "a note of a megabyte",
        lambda doc: _as_text(_set(doc, note="😀" * 1_000_000)),
        "note: 1000000 characters is too long",
    ),
    (
        "a bell in a note",
        lambda doc: _as_text(_set(doc, note="ok\x07")),
        "note: character 3 is U+0007 (a control character), which is not plain text",
    ),
    (
        "an escape sequence in a note",
        lambda doc: _as_text(_set(doc, note="\x1b[2Jgone")),
        "note: character 1 is U+001B",
    ),
    (
        "a carriage return in a note",
        lambda doc: _as_text(_set(doc, note="a\r\nb")),
        "note: character 2 is U+000D",
    ),
    (
        "a lone surrogate escaped in JSON",
        lambda doc: _as_text(_set(doc, note="half \ud83d")),
        "note: character 6 is U+D83D (half of a character, a lone surrogate)",
    ),
    (
        "a right-to-left override in a note",
        lambda doc: _as_text(_set(doc, note="abc\u202etxt.exe")),
        "note: character 4 is U+202E (RIGHT-TO-LEFT OVERRIDE)",
    ),
    (
        "a non-character in a note",
        lambda doc: _as_text(_set(doc, note="\ufdd0")),
        "note: character 1 is U+FDD0",
    ),
    (
        "the same id twice",
        lambda doc: _as_text(_same_ids(doc)),
        "entries[1].id: the same as entries[0]; allowed: a different id for each entry",
    ),
    (
        "a newer schema",
        lambda doc: _as_text({**doc, "schema_version": FORMAT_VERSION + 1}),
        f"schema_version: the file was written by a newer psoas (schema version "
        f"{FORMAT_VERSION + 1}",
    ),
    ("not JSON at all", lambda doc: b"pain 4, stiffness 2\n", "not valid JSON"),
    ("not UTF-8", lambda doc: b"\xff\xfe{}", "byte 0 is not UTF-8 text"),
    ("cut short", lambda doc: _as_text(doc)[:-40], "not valid JSON"),
    ("a JSON list", lambda doc: _as_text([doc]), "the file holds a list, not an object"),
    ("a JSON string", lambda doc: b'"psoas"', "the file holds a string, not an object"),
    ("an empty file", lambda doc: b"", "not valid JSON"),
    ("only white space", lambda doc: b" \n\t\n", "not valid JSON"),
    ("NaN for a number", lambda doc: _as_text(_set(doc, pain=float("nan"))), "NaN is not a number"),
]


def _set(doc: dict[str, Any], **fields: object) -> dict[str, Any]:
    _entry(doc).update(fields)
    return doc


def _drop(doc: dict[str, Any], name: str) -> dict[str, Any]:
    del _entry(doc)[name]
    return doc


def _drop_top(doc: dict[str, Any], name: str) -> dict[str, Any]:
    del doc[name]
    return doc


def _same_ids(doc: dict[str, Any]) -> dict[str, Any]:
    _entry(doc, 1)["id"] = _entry(doc, 0)["id"]
    return doc


@pytest.mark.parametrize(("case", "spoil", "message"), REFUSED, ids=[case for case, *_ in REFUSED])
def test_a_bad_file_is_refused_with_one_line_and_the_database_keeps_every_byte(
    case: str,
    spoil: Callable[[dict[str, Any]], str | bytes],
    message: str,
    base: dict[str, Any],
    target: Locations,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spoiled = spoil(base)
    file = tmp_path / "spoiled.json"
    if isinstance(spoiled, str):
        file.write_text(spoiled, encoding="utf-8", errors="surrogatepass")
    else:
        file.write_bytes(spoiled)
    line = _import_refused(target, file, capsys)
    assert message in line
    # Short, whatever the file held: the longest is an unknown sign's, which lists every sign key.
    assert len(line) < 500


_plain_notes = st.text(
    st.characters(exclude_categories=("Cs",)).filter(lambda char: is_plain_text(char)), max_size=80
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(note=_plain_notes)
@example(note="\u200fשלום, כואב לי הגב\u200f")
@example(note="ألم في الورك\u200c اليسرى")
@example(note="👩‍⚕️ said rest; 🇩🇪 trip; e\u0301te\u0301; 𝄞; 痛い")
@example(note="tab\there\nand a new line; nbsp\u00a0zwsp\u200bbom\ufeffend")
@example(note=json.loads('"\\ud83d\\ude00 from an escaped pair"'))
def test_odd_but_valid_text_in_a_note_comes_back_intact(
    note: str, frozen: ManualClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    place = tmp_path / uuid4().hex
    source, copied = Locations(place / "source", place / "config"), place / "copied"
    entry = SymptomEntry(uuid4().hex, D20, _at(D20, 9), 1, 2, note=note)
    with Repository.open(source, frozen) as repo:
        repo.save_entry(entry)
    first, second = place / "first.json", place / "second.json"
    assert (
        _run("--data-dir", str(source.data_dir), "export", "--format=json", "-o", str(first)) == 0
    )
    assert _run("--data-dir", str(copied), "import", str(first)) == 0
    assert _run("--data-dir", str(copied), "export", "--format=json", "-o", str(second)) == 0
    assert capsys.readouterr().err == ""
    with Repository.open(Locations(copied, place / "config"), frozen) as repo:
        assert repo.entries() == [entry]
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_bytes())["entries"][0]["note"] == note


def test_the_file_put_right_after_a_refusal_is_imported_whole(
    base: dict[str, Any],
    target: Locations,
    frozen: ManualClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "export.json"
    file.write_text(json.dumps(_set(copy.deepcopy(base), pain=11)), encoding="utf-8")
    _import_refused(target, file, capsys)
    file.write_text(json.dumps(base), encoding="utf-8")
    assert _run("--data-dir", str(target.data_dir), "import", str(file)) == 0
    with Repository.open(target, frozen) as repo:
        assert {entry.id for entry in repo.entries()} == {FIRST, SECOND, "c" * 32}
        assert len(repo.day(D19).holds) == 2 and len(repo.responses()) == 1


def _version_1(base: dict[str, Any]) -> dict[str, Any]:
    """``base`` as version 1 exported it: old sign keys and rules, no ``asked``, no profile, no
    pauses."""
    doc = copy.deepcopy(base)
    doc["schema_version"] = 1
    del doc["profile"]
    del doc["pauses"]
    for entry in doc["entries"]:
        del entry["asked"]
    doc["entries"][0]["signs"] = ["saddle_numbness", "radiating"]
    at = _at(D19, 8, 5).isoformat()
    doc["responses"] = [
        {"rule": rule, "key": FIRST, "kind": "acknowledged", "day": "2026-11-19", "at": at}
        for rule in ("warning_sign", "urgent_sign")
    ]
    return doc


def test_a_version_1_export_is_imported_mapped_and_twice_adds_nothing(
    base: dict[str, Any],
    target: Locations,
    frozen: ManualClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "old.json"
    file.write_text(json.dumps(_version_1(base)), encoding="utf-8")
    argv = ["--data-dir", str(target.data_dir), "import", str(file)]
    assert _run(*argv) == 0
    with Repository.open(target, frozen) as repo:
        entry = next(entry for entry in repo.entries() if entry.id == FIRST)
        assert (entry.signs, entry.asked) == (("saddle", "radiating"), None)
        # The urgent-sign answer never said the person was checked: it is not kept.
        assert [(r.rule, r.key, r.kind) for r in repo.responses()] == [
            ("soon_sign", "radiating:2026-11-19/2026-11-19", Answer.acknowledged)
        ]
    before = _files(target.data_dir)
    capsys.readouterr()
    assert _run(*argv) == 0
    assert "(nothing new: all of it was already stored)" in capsys.readouterr().out
    assert _files(target.data_dir) == before


def test_an_import_never_undoes_a_later_about_you_answer(
    base: dict[str, Any],
    target: Locations,
    frozen: ManualClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with Repository.open(target, frozen) as repo:
        repo.save_profile_item(ProfileItem(ProfileKey.cancer, ProfileAnswer.yes, D20))
        repo.save_profile_item(ProfileItem(ProfileKey.osteoporosis, ProfileAnswer.no, D19))
    doc = copy.deepcopy(base)
    doc["profile"] = [
        {"key": "cancer", "answer": "no", "day": "2026-11-19"},
        {"key": "osteoporosis", "answer": "yes", "day": "2026-11-20"},
        {"key": "steroids", "answer": "unsaid", "day": "2026-11-19"},
    ]
    file = tmp_path / "export.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    argv = ["--data-dir", str(target.data_dir), "import", str(file)]
    assert _run(*argv) == 0
    with Repository.open(target, frozen) as repo:
        profile = repo.profile()
    assert profile.item(ProfileKey.cancer) == ProfileItem(ProfileKey.cancer, ProfileAnswer.yes, D20)
    assert profile.answer(ProfileKey.osteoporosis) is ProfileAnswer.yes
    assert profile.answer(ProfileKey.steroids) is ProfileAnswer.unsaid
    before = _files(target.data_dir)
    assert _run(*argv) == 0
    assert _files(target.data_dir) == before
    assert capsys.readouterr().err == ""
