"""The routine: the default file built from the seeds, the loader's checks, and schedules."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from psoas_tui.core.errors import FileRefused, PsoasError
from psoas_tui.core.model import Dose
from psoas_tui.core.routine import Routine
from psoas_tui.core.routine_file import default_routine_file, load_routine
from psoas_tui.core.routine_toml import parse_routine
from psoas_tui.core.schedule import SCHEDULE_START, ScheduleError, compile_schedule, occurs_on

REPO = Path(__file__).resolve().parents[2]
NO_USER_FILE = Path("/nonexistent/psoas-tui/routine.toml")
BOTH = ("left", "right")


@pytest.fixture(scope="module")
def default() -> Routine:
    return load_routine(NO_USER_FILE)


# The default routine


def test_default_routine_has_the_six_exercises_in_order(default: Routine) -> None:
    assert default.ids == (
        "standing-lunge-stretch",
        "kneeling-hip-flexor-stretch",
        "supine-psoas-stretch",
        "bridge",
        "ball-release",
        "constructive-rest",
    )


@pytest.mark.parametrize(
    ("exercise_id", "dose"),
    [
        # seed 000: "20 to 30 seconds ... three times per side"; seed 001: "30 seconds ... switch"
        ("kneeling-hip-flexor-stretch", Dose(BOTH, 3, 30, 10, hold_range=(20, 30))),
        # seed 001: "Hold for 30 to 60 seconds, then switch."
        ("supine-psoas-stretch", Dose(BOTH, 1, 30, 10, hold_range=(30, 60))),
        # seed 001: "Hold for a few breaths, then lower slowly."; 3 reps, a gentle start
        ("bridge", Dose((), 3, 30, 10, breaths=3)),
        # seed 001: "Hold, then repeat on the other side."
        ("standing-lunge-stretch", Dose(BOTH, 1, 30, 10)),
        # seed 000: "Remain in this position for 5 to 10 minutes."
        ("constructive-rest", Dose((), 1, 300, 0, hold_range=(300, 600))),
        # seed 000: "for 30 to 60 seconds while taking deep breaths"
        ("ball-release", Dose(BOTH, 1, 30, 10, hold_range=(30, 60))),
    ],
)
def test_default_doses_are_the_seed_doses(default: Routine, exercise_id: str, dose: Dose) -> None:
    assert default.get(exercise_id).dose == dose


@pytest.mark.parametrize(
    ("exercise_id", "seeds"),
    [
        ("kneeling-hip-flexor-stretch", ["000", "001"]),
        ("supine-psoas-stretch", ["001"]),
        ("bridge", ["001"]),
        # seed 000 for the pelvic tilt and the front knee
        ("standing-lunge-stretch", ["001", "000"]),
        ("constructive-rest", ["000"]),
        ("ball-release", ["000"]),
    ],
)
def test_default_exercises_name_their_seeds(
    default: Routine, exercise_id: str, seeds: list[str]
) -> None:
    source = default.get(exercise_id).source
    assert [part.split(":")[0] for part in source.split("; ")] == seeds


def test_every_default_exercise_has_steps_cues_and_a_pain_caution(default: Routine) -> None:
    for exercise in default.exercises:
        assert exercise.name and exercise.summary and exercise.steps and exercise.cues
        assert any("sharp" in caution and "pain" in caution for caution in exercise.cautions)


def test_default_cues_carry_the_seed_technique(default: Routine) -> None:
    kneeling = " ".join(default.get("kneeling-hip-flexor-stretch").cues).lower()
    assert "posterior pelvic tilt" in kneeling
    assert "do not arch the lower back" in kneeling
    assert "diaphragmatic breathing" in kneeling


def test_ball_release_carries_the_seed_cautions(default: Routine) -> None:
    ball = default.get("ball-release")
    cautions = " ".join(ball.cautions).lower()
    assert "deep" in cautions and "abdomen" in cautions
    assert any("deep, dull sensation" in cue for cue in ball.cues)


def test_ball_release_has_one_rule_for_sharp_pain(default: Routine) -> None:
    # Seed 000: "immediately reposition the tool"; stopping is for pain that comes back or
    # shoots down the leg, never a second instruction for the same pain.
    sharp = [caution for caution in default.get("ball-release").cautions if "sharp" in caution]
    assert sharp == [
        "If you feel sharp or throbbing pain, move the ball at once. If it comes back, or pain "
        "shoots down the leg, stop."
    ]


def test_ball_release_places_the_ball_before_lying_on_it(default: Routine) -> None:
    steps = default.get("ball-release").steps
    assert steps[0].startswith("Carefully place a tennis ball or a release tool")
    assert "belly button" in steps[0] and steps[1].startswith("Lie face down")


def test_cautions_not_from_the_articles_are_shown_marked(default: Routine) -> None:
    ball = default.get("ball-release")
    assert ball.own_cautions == (
        "If you feel a pulse beating under the ball, move off it at once.",
        "Do not do this exercise if you are pregnant, have had surgery on your abdomen "
        "recently, have a hernia, or take blood-thinning medicine.",
    )
    assert ball.shown_cautions[:2] == ball.cautions[:2]
    assert ball.shown_cautions[2:] == tuple(
        f"{caution} (not from the articles)" for caution in ball.own_cautions
    )
    others = [exercise for exercise in default.exercises if exercise.id != "ball-release"]
    for exercise in others:
        assert exercise.own_cautions == () and exercise.shown_cautions == exercise.cautions


def test_one_phrase_for_the_professionals(default: Routine) -> None:
    text = (REPO / "data" / "routine.toml").read_text(encoding="utf-8")
    assert "physical therapist or doctor" not in text
    assert "therapist, doctor or chiropractor" not in text
    shown = [
        caution
        for exercise in default.exercises
        for caution in exercise.cautions
        if "physical therapist" in caution
    ]
    assert len(shown) == 4
    assert all("a physical therapist, a doctor or a chiropractor" in caution for caution in shown)


def test_the_bridge_attributes_its_claim_to_seed_001(default: Routine) -> None:
    summary = default.get("bridge").summary
    assert "Seed 001 describes it as strengthening the psoas while stretching it." in summary
    assert not summary.startswith("Hips lifted from the floor: strengthens")


def test_the_standing_lunge_says_its_tilt_differs_from_seed_001(default: Routine) -> None:
    lunge = default.get("standing-lunge-stretch")
    assert lunge.cues[0] == (
        "Keep the tailbone drawn down (a slight posterior pelvic tilt) as the hips move "
        "forward. This cue is seed 000's; it differs from seed 001's words, \"tilt your pelvis "
        'slightly forward".'
    )
    assert not any("pelvis slightly forward" in step for step in lunge.steps)


def test_ball_release_is_three_days_a_week_and_the_rest_daily(default: Routine) -> None:
    assert default.get("ball-release").schedule == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    others = [exercise for exercise in default.exercises if exercise.id != "ball-release"]
    assert {exercise.schedule for exercise in others} == {"FREQ=DAILY"}


def test_default_file_says_it_is_not_medical_advice_and_how_to_replace_it() -> None:
    text = (REPO / "data" / "routine.toml").read_text(encoding="utf-8")
    header = text.split("[[exercise]]\nid")[0]
    assert "not medical advice" in header
    assert "routine.toml in your config directory" in header


def test_default_routine_comes_from_the_checkout_data_directory(default: Routine) -> None:
    assert Path(default.file) == REPO / "data" / "routine.toml"


# The user's own file


ONE_EXERCISE = """
[[exercise]]
id = "hip-stretch"
name = "Hip stretch"
steps = ["Kneel.", "Lean forward."]
source = [{ seed = "000", title = "Active stretching" }]

[exercise.dose]
sides = ["left", "right"]
reps = 3
hold_seconds = 30
hold_range = [20, 30]
rest_seconds = 10
"""


def test_a_user_file_replaces_the_default(tmp_path: Path) -> None:
    user_file = tmp_path / "routine.toml"
    user_file.write_text(ONE_EXERCISE, encoding="utf-8")
    routine = load_routine(user_file)
    assert routine.ids == ("hip-stretch",)
    assert routine.file == str(user_file)


def test_an_invalid_user_file_is_refused_not_replaced_by_the_default(tmp_path: Path) -> None:
    user_file = tmp_path / "routine.toml"
    user_file.write_text(ONE_EXERCISE.replace("reps = 3", "reps = 30"), encoding="utf-8")
    with pytest.raises(FileRefused) as refused:
        load_routine(user_file)
    assert refused.value.file == str(user_file)
    assert str(refused.value).startswith(f'{user_file}: exercise "hip-stretch", dose.reps: ')


def test_a_user_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    user_file = tmp_path / "routine.toml"
    user_file.write_bytes(b'[[exercise]]\nid = "h\xe9"\n')
    with pytest.raises(FileRefused, match="not UTF-8 text"):
        load_routine(user_file)


def test_a_user_file_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    user_file = tmp_path / "routine.toml"
    user_file.mkdir()
    with pytest.raises(FileRefused, match="cannot be read"):
        load_routine(user_file)


def test_optional_fields_take_their_defaults() -> None:
    exercise = parse_routine(ONE_EXERCISE, "routine.toml").get("hip-stretch")
    assert exercise.summary == ""
    assert exercise.cues == ()
    assert exercise.cautions == () and exercise.own_cautions == ()
    assert exercise.schedule == "FREQ=DAILY"
    assert exercise.dose.breaths is None
    assert exercise.source == "000: Active stretching"


def test_a_one_sided_exercise_from_an_own_source_with_both_seeds_in_order() -> None:
    text = (
        ONE_EXERCISE.replace('sides = ["left", "right"]', "sides = []")
        .replace(
            'source = [{ seed = "000", title = "Active stretching" }]',
            'source = [{ seed = "own", title = "My physio" }, { seed = "001", title = "Lunge" }]',
        )
        .replace("hold_range = [20, 30]\n", "breaths = 3\n")
    )
    exercise = parse_routine(text, "routine.toml").exercises[0]
    assert exercise.dose == Dose((), 3, 30, 10, breaths=3)
    assert exercise.source == "own: My physio; 001: Lunge"


def test_a_caution_table_is_the_users_own_and_shown_marked() -> None:
    text = ONE_EXERCISE.replace(
        "steps = [",
        'cautions = ["Stop on sharp pain.", { text = " Not after surgery. ", seed = "own" }]\n'
        "steps = [",
    )
    exercise = parse_routine(text, "routine.toml").exercises[0]
    assert exercise.cautions == ("Stop on sharp pain.", "Not after surgery.")
    assert exercise.own_cautions == ("Not after surgery.",)
    assert exercise.shown_cautions == (
        "Stop on sharp pain.",
        "Not after surgery. (not from the articles)",
    )


def test_texts_are_stripped() -> None:
    text = ONE_EXERCISE.replace('name = "Hip stretch"', 'name = "  Hip stretch  "')
    assert parse_routine(text, "routine.toml").exercises[0].name == "Hip stretch"


DOSE_TABLE = ONE_EXERCISE[ONE_EXERCISE.index("\n[exercise.dose]") :]

# Every invalid case: (old text, new text, where, problem, allowed)

CASES = [
    # ids
    ('id = "hip-stretch"\n', "", "exercise 1, id", "missing field", "kebab-case"),
    ('id = "hip-stretch"', 'id = "Hip Stretch"', "exercise 1, id", "not a valid id", "kebab-case"),
    ('id = "hip-stretch"', 'id = "hip--stretch"', "exercise 1, id", "not a valid id", "hyphens"),
    ('id = "hip-stretch"', 'id = "hip-"', "exercise 1, id", "not a valid id", "kebab-case"),
    ('id = "hip-stretch"', 'id = "1-hip"', "exercise 1, id", "not a valid id", "with a letter"),
    ('id = "hip-stretch"', 'id = "hip_stretch"', "exercise 1, id", "not a valid id", "kebab"),
    ('id = "hip-stretch"', f'id = "{"a" * 41}"', "exercise 1, id", "not a valid id", "at most 40"),
    ('id = "hip-stretch"', "id = 7", "exercise 1, id", "7 is not a valid id", "kebab-case"),
    # the exercise's fields
    ('name = "Hip stretch"\n', "", "name", "missing field", "a text of 1 to 60"),
    ('name = "Hip stretch"', "name = 3", "name", "3 is not a text", "a text of 1 to 60"),
    ('name = "Hip stretch"', 'name = "  "', "name", "empty text", "a text of 1 to 60"),
    ('name = "Hip stretch"', f'name = "{"x" * 61}"', "name", "61 characters", "1 to 60"),
    ('name = "Hip stretch"', 'name = "Hip"\ncolour = "red"', "colour", "unknown field", "steps"),
    ('steps = ["Kneel.", "Lean forward."]\n', "", "steps", "missing field", "one or more"),
    ('steps = ["Kneel.", "Lean forward."]', "steps = []", "steps", "no steps", "one or more"),
    ('["Kneel.", "Lean forward."]', '"Kneel."', "steps", "not a list of texts", "one or more"),
    ('"Lean forward."]', '""]', "steps", "item 2 ('') is not a text", "one or more texts"),
    ('"Lean forward."]', "4]", "steps", "item 2 (4) is not a text", "one or more texts"),
    ("steps = [", 'summary = ["S"]\nsteps = [', "summary", "is not a text", "a text"),
    ("steps = [", "cues = [1]\nsteps = [", "cues", "item 1 (1) is not a text", "a list of texts"),
    ("steps = [", 'cautions = "Stop."\nsteps = [', "cautions", "not a list", "a list of texts"),
    ("steps = [", 'cautions = [""]\nsteps = [', "cautions", "item 1 ('') is not a text", "own"),
    ("steps = [", "cautions = [3]\nsteps = [", "cautions", "item 1 (3) is not a text or", "own"),
    (
        "steps = [",
        'cautions = [{ text = "Stop." }]\nsteps = [',
        "cautions",
        "item 1 ({'text': 'Stop.'}) is not a text and a seed",
        '{ text = "...", seed = "own" }',
    ),
    (
        "steps = [",
        'cautions = [{ text = "Stop.", seed = "own", why = "x" }]\nsteps = [',
        "cautions",
        "is not a text and a seed",
        "not from them",
    ),
    (
        "steps = [",
        'cautions = ["Stop.", { text = "Go.", seed = "000" }]\nsteps = [',
        "cautions",
        "item 2: seed '000' is not 'own'",
        "a list of texts (from the articles)",
    ),
    (
        "steps = [",
        'cautions = [{ text = "  ", seed = "own" }]\nsteps = [',
        "cautions",
        "item 1: text '  ' is not a text",
        "own",
    ),
    (
        "steps = [",
        'cautions = [{ text = 4, seed = "own" }]\nsteps = [',
        "cautions",
        "item 1: text 4 is not a text",
        "own",
    ),
    # the dose
    (DOSE_TABLE, "\n", "dose", "missing field", "[exercise.dose]"),
    (DOSE_TABLE, "dose = 3\n", "dose", "3 is not a table", "sides"),
    ("reps = 3", "reps = 3\nseconds = 30", "dose.seconds", "unknown field", "hold_seconds"),
    ("reps = 3\n", "", "dose.reps", "missing field", "from 1 to 10"),
    ("rest_seconds = 10\n", "", "dose.rest_seconds", "missing field", "from 0 to 300"),
    ('sides = ["left", "right"]\n', "", "dose.sides", "missing field", '["left", "right"]'),
    ('["left", "right"]', '["left"]', "dose.sides", "not a choice of sides", '["left", "right"]'),
    ('["left", "right"]', '["right", "left"]', "dose.sides", "not a choice", "[] for"),
    ('["left", "right"]', '["front", "back"]', "dose.sides", "not a choice", "[] for"),
    ('["left", "right"]', '"both"', "dose.sides", "not a choice of sides", "[] for"),
    ("reps = 3", "reps = 0", "dose.reps", "0 is out of range", "a whole number from 1 to 10"),
    ("reps = 3", "reps = 11", "dose.reps", "11 is out of range", "from 1 to 10"),
    ("reps = 3", "reps = 2.5", "dose.reps", "2.5 is not a whole number", "from 1 to 10"),
    ("reps = 3", "reps = true", "dose.reps", "True is not a whole number", "from 1 to 10"),
    ("reps = 3", 'reps = "3"', "dose.reps", "'3' is not a whole number", "from 1 to 10"),
    ("hold_seconds = 30", "hold_seconds = 4", "dose.hold_seconds", "4 is out", "5 to 1200"),
    ("hold_seconds = 30", "hold_seconds = 1201", "dose.hold_seconds", "out of range", "5 to 1200"),
    ("hold_seconds = 30", "hold_seconds = 30.0", "dose.hold_seconds", "not a whole", "5 to 1200"),
    ("rest_seconds = 10", "rest_seconds = -1", "dose.rest_seconds", "-1 is out", "0 to 300"),
    ("rest_seconds = 10", "rest_seconds = 301", "dose.rest_seconds", "301 is out", "0 to 300"),
    # hold_seconds against its range, and the range itself
    ("hold_seconds = 30", "hold_seconds = 45", "dose.hold_seconds", "45 is outside", "20 to 30"),
    ("hold_seconds = 30", "hold_seconds = 15", "dose.hold_seconds", "outside", "from 20 to 30"),
    ("[20, 30]", "[30, 20]", "dose.hold_range", "is not a valid range", "low below high"),
    ("[20, 30]", "[30, 30]", "dose.hold_range", "is not a valid range", "low below high"),
    ("[20, 30]", "[0, 30]", "dose.hold_range", "is not a valid range", "from 5 to 1200"),
    ("[20, 30]", "[20, 2000]", "dose.hold_range", "is not a valid range", "from 5 to 1200"),
    ("[20, 30]", "[20]", "dose.hold_range", "not a range of two whole numbers", "[low, high]"),
    ("[20, 30]", "[20, 30, 40]", "dose.hold_range", "not a range of two", "[low, high]"),
    ("[20, 30]", '["20", "30"]', "dose.hold_range", "not a range of two", "[low, high]"),
    ("[20, 30]", "[20.5, 30]", "dose.hold_range", "not a range of two", "[low, high]"),
    ("[20, 30]", "25", "dose.hold_range", "25 is not a range", "[low, high]"),
    # breaths
    ("reps = 3", "reps = 3\nbreaths = 0", "dose.breaths", "0 is out of range", "from 1 to 20"),
    ("reps = 3", "reps = 3\nbreaths = 21", "dose.breaths", "21 is out of range", "from 1 to 20"),
    ("reps = 3", "reps = 3\nbreaths = 2.0", "dose.breaths", "not a whole number", "1 to 20"),
    (
        "reps = 3",
        "reps = 3\nbreaths = 10",
        "dose.hold_seconds",
        "30 s does not fit 10 breaths",
        "from 40 to 240 s for 10 breaths (4 to 24 s a breath)",
    ),
    ("reps = 3", "reps = 3\nbreaths = 1", "dose.hold_seconds", "not fit 1 breaths", "4 to 24 s"),
    # the source
    ("source = [", "source_ = [", "source_", "unknown field", "source"),
    ('source = [{ seed = "000", title = "Active stretching" }]\n', "", "source", "missing", "000"),
    ('seed = "000"', 'seed = "002"', "source", "seed '002' is not a known source", '"001"'),
    ('seed = "000"', "seed = 0", "source", "seed 0 is not a known source", '"own"'),
    ('{ seed = "000", title = "Active stretching" }', "", "source", "one or more", '"000"'),
    ('[{ seed = "000", title = "Active stretching" }]', '"000"', "source", "not a list", "title"),
    ('seed = "000", title = "Active stretching"', 'seed = "000"', "source", "a seed and", "seed"),
    ('title = "Active stretching"', 'title = ""', "source", "empty text", '"000"'),
    (
        '{ seed = "000", title = "Active stretching" }',
        '{ seed = "000", title = "A" }, { seed = "000", title = "B" }',
        "source",
        "item 2: seed '000' is cited twice",
        '"000"',
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "problem", "allowed"), CASES)
def test_an_invalid_exercise_is_refused_naming_file_exercise_field_and_allowed(
    old: str, new: str, field: str, problem: str, allowed: str
) -> None:
    assert old in ONE_EXERCISE
    text = ONE_EXERCISE.replace(old, new, 1)
    with pytest.raises(FileRefused) as refused:
        parse_routine(text, "my/routine.toml")
    error = refused.value
    assert error.file == "my/routine.toml"
    where = field if field.startswith("exercise") else f'exercise "hip-stretch", {field}'
    assert error.where == where
    assert problem in error.problem
    assert allowed in error.allowed
    assert str(error).startswith(f"my/routine.toml: {where}: ")


SCHEDULE_CASES = [
    ('"FREQ=DAILY;BYDAY=XX"', "does not parse", "FREQ=DAILY"),
    ('"FREQ=FORTNIGHTLY"', "FREQ=FORTNIGHTLY is not a frequency of days", "DAILY, WEEKLY"),
    ('"FREQ=HOURLY"', "FREQ=HOURLY is not a frequency of days", "MONTHLY or YEARLY"),
    ('"INTERVAL=2"', "FREQ= is not a frequency of days", "FREQ=DAILY"),
    ('"daily"', "'DAILY' is not NAME=VALUE", "FREQ=DAILY"),
    ('"FREQ=DAILY;BYHOUR=9"', "BYHOUR is not a part of a schedule of days", "BYDAY"),
    ('"FREQ=DAILY;FREQ=WEEKLY"', "FREQ is given twice", "FREQ=DAILY"),
    ('"FREQ=DAILY;INTERVAL=0"', "INTERVAL=0 is out of range", "INTERVAL from 1 to 366"),
    ('"FREQ=DAILY;INTERVAL=x"', "INTERVAL=X is out of range", "INTERVAL from 1 to 366"),
    ('"FREQ=DAILY;UNTIL=20300101T000000Z"', "not a local date", "UNTIL=YYYYMMDD"),
    ('"FREQ=DAILY;COUNT=5"', "COUNT counts from the start", "DTSTART:YYYYMMDD"),
    ('"DTSTART;TZID=Europe/Berlin:20260101T090000\\nRRULE:FREQ=DAILY"', "local start", "zone"),
    ('"DTSTART:2026\\nRRULE:FREQ=DAILY"', "not a local start date", "DTSTART:YYYYMMDD"),
    ('""', "one RRULE line", "FREQ=DAILY"),
    ('"RRULE:FREQ=DAILY\\nRRULE:FREQ=WEEKLY"', "one RRULE line", "FREQ=DAILY"),
    ('"FREQ=DAILY\\nEXDATE:20260101"', "one RRULE line", "FREQ=DAILY"),
    # never occurs: 30 February, an end before the start, or a count of none
    ('"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"', "it never occurs", "that occurs"),
    ('"FREQ=DAILY;UNTIL=19991231"', "it never occurs", "that occurs"),
    ('"DTSTART:20260101\\nRRULE:FREQ=DAILY;COUNT=0"', "it never occurs", "that occurs"),
    ("5", "5 is not a text", "FREQ=DAILY"),
]


@pytest.mark.parametrize(("schedule", "problem", "allowed"), SCHEDULE_CASES)
def test_a_bad_schedule_is_refused(schedule: str, problem: str, allowed: str) -> None:
    text = ONE_EXERCISE.replace("steps = [", f"schedule = {schedule}\nsteps = [")
    with pytest.raises(FileRefused) as refused:
        parse_routine(text, "routine.toml")
    assert refused.value.where == 'exercise "hip-stretch", schedule'
    assert problem in refused.value.problem
    assert allowed in refused.value.allowed


@pytest.mark.parametrize(
    ("text", "where", "problem", "allowed"),
    [
        ("[[exercise]\nid = 1", "", "not valid TOML", "[[exercise]] tables"),
        ("", "", "no exercises", "at least one [[exercise]]"),
        ("exercise = []", "", "no exercises", "at least one [[exercise]]"),
        ("exercise = [1, 2]", "exercise", "not a list of tables", "[[exercise]] tables"),
        ('exercise = "bridge"', "exercise", "not a list of tables", "[[exercise]] tables"),
        ('title = "mine"\n' + ONE_EXERCISE, "title", "unknown field", "[[exercise]] tables only"),
        (ONE_EXERCISE + ONE_EXERCISE, "exercise 2, id", "'hip-stretch' is already", "different"),
    ],
)
def test_an_invalid_file_is_refused(text: str, where: str, problem: str, allowed: str) -> None:
    with pytest.raises(FileRefused) as refused:
        parse_routine(text, "routine.toml")
    assert refused.value.file == "routine.toml"
    assert refused.value.where == where
    assert problem in refused.value.problem
    assert allowed in refused.value.allowed


def test_a_bad_id_later_in_the_file_is_named_by_position() -> None:
    text = ONE_EXERCISE + ONE_EXERCISE.replace('id = "hip-stretch"', 'id = "Second"')
    with pytest.raises(FileRefused) as refused:
        parse_routine(text, "routine.toml")
    assert refused.value.where == "exercise 2, id"


# Routine lookups


def test_get_and_ids(default: Routine) -> None:
    assert default.get("bridge").name == "Bridge"
    assert default.ids[3] == "bridge"


def test_get_an_unknown_id_says_which_ids_exist(default: Routine) -> None:
    with pytest.raises(KeyError) as missing:
        default.get("plank")
    message = missing.value.args[0]
    assert "'plank'" in message
    assert default.file in message
    assert "bridge, ball-release" in message


# Schedules

WEEKLY = ONE_EXERCISE + (
    ONE_EXERCISE.replace('id = "hip-stretch"', 'id = "ball"').replace(
        "steps = [", 'schedule = "FREQ=WEEKLY;BYDAY=MO,WE,FR"\nsteps = ['
    )
    + ONE_EXERCISE.replace('id = "hip-stretch"', 'id = "saturday"').replace(
        "steps = [", 'schedule = "RRULE:FREQ=WEEKLY;BYDAY=SA"\nsteps = ['
    )
)


def test_scheduled_on_follows_weekly_rules_in_routine_order() -> None:
    routine = parse_routine(WEEKLY, "routine.toml")
    monday = date(2026, 11, 23)
    week = [tuple(e.id for e in routine.scheduled_on(monday + timedelta(n))) for n in range(7)]
    assert week == [
        ("hip-stretch", "ball"),
        ("hip-stretch",),
        ("hip-stretch", "ball"),
        ("hip-stretch",),
        ("hip-stretch", "ball"),
        ("hip-stretch", "saturday"),
        ("hip-stretch",),
    ]


def test_a_weekly_rule_matches_the_weekday_on_every_day_of_three_years() -> None:
    routine = parse_routine(WEEKLY, "routine.toml")
    ball = routine.get("ball")
    days = [date(2025, 1, 1) + timedelta(n) for n in range(3 * 366)]
    assert [day for day in days if routine.occurs(ball, day)] == [
        day for day in days if day.weekday() in (0, 2, 4)
    ]


def test_an_interval_counts_from_the_schedule_start() -> None:
    start = SCHEDULE_START.date()
    assert start.weekday() == 0
    assert occurs_on("FREQ=DAILY;INTERVAL=2", start)
    assert not occurs_on("FREQ=DAILY;INTERVAL=2", start + timedelta(1))
    day = date(2026, 11, 23)
    assert occurs_on("FREQ=DAILY;INTERVAL=2", day) == ((day - start).days % 2 == 0)
    assert not occurs_on("FREQ=DAILY", start - timedelta(1))


def test_a_weekly_rule_without_byday_means_mondays() -> None:
    assert occurs_on("FREQ=WEEKLY", date(2026, 11, 23))
    assert not occurs_on("FREQ=WEEKLY", date(2026, 11, 24))


def test_a_rule_with_its_own_start_counts_from_it() -> None:
    rule = "DTSTART:20261101\nRRULE:FREQ=DAILY;INTERVAL=3;COUNT=3"
    november = [date(2026, 11, n) for n in range(1, 31)]
    assert [day.day for day in november if occurs_on(rule, day)] == [1, 4, 7]
    assert not occurs_on(rule, date(2026, 10, 31))


def test_a_rule_ending_with_until_stops_after_it() -> None:
    rule = "FREQ=DAILY;UNTIL=20261125"
    assert occurs_on(rule, date(2026, 11, 25))
    assert not occurs_on(rule, date(2026, 11, 26))
    assert not occurs_on(rule, date(2027, 1, 1))


def test_a_monthly_rule_across_years() -> None:
    rule = "FREQ=MONTHLY;BYMONTHDAY=-1"
    assert occurs_on(rule, date(2027, 2, 28))
    assert occurs_on(rule, date(2028, 2, 29))
    assert not occurs_on(rule, date(2028, 2, 28))
    assert occurs_on(rule, date(2026, 12, 31))


def test_compile_schedule_raises_schedule_error() -> None:
    with pytest.raises(ScheduleError, match="never occurs"):
        compile_schedule("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31")


# Finding the bundled default


def _package(root: Path, name: str, request: pytest.FixtureRequest) -> Path:
    package = root / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    request.addfinalizer(lambda: sys.modules.pop(name, None))
    return package


def _routine_file(directory: Path, exercise_id: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    text = ONE_EXERCISE.replace("hip-stretch", exercise_id)
    (directory / "routine.toml").write_text(text, encoding="utf-8")


def test_the_packaged_routine_is_preferred_to_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    package = _package(tmp_path, "psoas_fake_packaged", request)
    _routine_file(package / "data", "packaged")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    _routine_file(tmp_path / "data", "checkout")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = default_routine_file("psoas_fake_packaged")
    assert Path(str(found)) == package / "data" / "routine.toml"
    assert parse_routine(found.read_text(encoding="utf-8"), str(found)).ids == ("packaged",)


def test_a_checkout_falls_back_to_data_beside_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    _package(tmp_path, "psoas_fake_checkout", request)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    _routine_file(tmp_path / "data", "checkout")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert Path(str(default_routine_file("psoas_fake_checkout"))) == tmp_path / "data/routine.toml"


def test_a_data_directory_without_pyproject_beside_it_is_not_the_routine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    _package(tmp_path, "psoas_fake_site", request)
    _routine_file(tmp_path / "data", "stray")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PsoasError, match="default routine is missing"):
        default_routine_file("psoas_fake_site")


def test_this_checkout_finds_its_own_data_routine() -> None:
    assert Path(str(default_routine_file())) == REPO / "data" / "routine.toml"
