"""The JSON export: every record, one per line, in a file ``psoas import`` reads back.

The file is written one record per line (an "about you" answer, a pause, a day with its holds
and marks, an entry, an answer to a referral prompt), so it diffs and greps well, and the same
history always gives the same bytes: only ``exported_at`` changes from one export to the next.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from psoas_tui.core.model import (
    Answer,
    DayRecord,
    Exercise,
    History,
    Pause,
    PauseReason,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.profile import ProfileAnswer, ProfileItem, ProfileKey
from psoas_tui.core.routine import Routine
from psoas_tui.core.transfer.layout import (
    FORMAT,
    FORMAT_VERSION,
    instant_text,
    sorted_days,
    sorted_entries,
    sorted_pauses,
    sorted_profile,
    sorted_responses,
)
from psoas_tui.core.transfer.period import ALL_DAYS, Period, select


def export_json(
    history: History, routine: Routine, exported_at: datetime, period: Period = ALL_DAYS
) -> bytes:
    """The JSON export (UTF-8) of the records of ``history`` inside ``period`` (a pause when one
    of its days is), and of every "about you" answer (they say how things are now, whatever the
    period).

    The same history, routine and period always give the same bytes apart from ``exported_at``,
    which stands alone on its own line.
    """
    chosen = select(history, period)
    head = {
        "format": FORMAT,
        "schema_version": FORMAT_VERSION,
        "exported_at": instant_text(exported_at),
        "from": None if period.start is None else period.start.isoformat(),
        "to": None if period.end is None else period.end.isoformat(),
    }
    lines = ["{"]
    lines += [f"  {_dump(name)}: {_dump(value)}," for name, value in head.items()]
    exercises = [_exercise_doc(exercise) for exercise in routine.exercises]
    lines += ['  "routine": {', *_section("exercises", exercises, "    ", ""), "  },"]
    lines += _section(
        "profile", [profile_doc(item) for item in sorted_profile(chosen.profile)], "  ", ","
    )
    lines += _section(
        "pauses", [pause_doc(pause) for pause in sorted_pauses(chosen.pauses)], "  ", ","
    )
    lines += _section("days", [day_doc(record) for record in sorted_days(chosen.days)], "  ", ",")
    lines += _section(
        "entries", [entry_doc(entry) for entry in sorted_entries(chosen.entries)], "  ", ","
    )
    lines += _section(
        "responses",
        [response_doc(answer) for answer in sorted_responses(chosen.responses)],
        "  ",
        "",
    )
    lines.append("}")
    return ("\n".join(lines) + "\n").encode()


def _section(name: str, docs: list[dict[str, Any]], indent: str, comma: str) -> list[str]:
    """A list field written one item per line."""
    if not docs:
        return [f'{indent}"{name}": []{comma}']
    items = f",\n{indent}  ".join(_dump(doc) for doc in docs)
    return [f'{indent}"{name}": [', f"{indent}  {items}", f"{indent}]{comma}"]


def _exercise_doc(exercise: Exercise) -> dict[str, Any]:
    dose = exercise.dose
    return {
        "id": exercise.id,
        "name": exercise.name,
        "summary": exercise.summary,
        "dose": {
            "sides": list(dose.sides),
            "reps": dose.reps,
            "hold_seconds": dose.hold_seconds,
            "rest_seconds": dose.rest_seconds,
            "hold_range": None if dose.hold_range is None else list(dose.hold_range),
            "breaths": dose.breaths,
        },
        "schedule": exercise.schedule,
        "source": exercise.source,
    }


# The record writers below look like store.schema's, and are kept apart on purpose: the export
# format must not follow schema changes.


def day_doc(record: DayRecord) -> dict[str, Any]:
    """A day in the export: its frozen plan, its holds and its hand marks, in recorded order."""
    return {
        "day": record.day.isoformat(),
        "planned": None if record.planned is None else list(record.planned),
        "holds": [
            {
                "exercise_id": hold.exercise_id,
                "side": hold.side,
                "rep": hold.rep,
                "planned_seconds": hold.planned_seconds,
                "held_seconds": hold.held_seconds,
                "started_at": instant_text(hold.started_at),
            }
            for hold in record.holds
        ],
        "marks": [
            {"exercise_id": mark.exercise_id, "marked_at": instant_text(mark.marked_at)}
            for mark in record.marks
        ],
    }


def entry_doc(entry: SymptomEntry) -> dict[str, Any]:
    """A symptom entry in the export, every field included."""
    return {
        "id": entry.id,
        "day": entry.day.isoformat(),
        "logged_at": instant_text(entry.logged_at),
        "pain": entry.pain,
        "stiffness": entry.stiffness,
        "stiffness_minutes": entry.stiffness_minutes,
        "where": list(entry.where),
        "signs": list(entry.signs),
        "note": entry.note,
        "asked": None if entry.asked is None else list(entry.asked),
    }


def response_doc(response: ReferralResponse) -> dict[str, Any]:
    """An answer to a referral prompt in the export."""
    return {
        "rule": response.rule,
        "key": response.key,
        "kind": Answer(response.kind).value,
        "day": response.day.isoformat(),
        "at": instant_text(response.at),
    }


def profile_doc(item: ProfileItem) -> dict[str, Any]:
    """An "about you" answer in the export, with the day it was given on."""
    return {
        "key": ProfileKey(item.key).value,
        "answer": ProfileAnswer(item.answer).value,
        "day": item.day.isoformat(),
    }


def pause_doc(pause: Pause) -> dict[str, Any]:
    """A pause in the export: its first and last days and its reason."""
    return {
        "start": pause.start.isoformat(),
        "end": pause.end.isoformat(),
        "reason": PauseReason(pause.reason).value,
    }


def _dump(value: object) -> str:
    return orjson.dumps(value).decode()
