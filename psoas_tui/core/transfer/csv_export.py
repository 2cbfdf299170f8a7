"""The CSV export: one row per record, for a spreadsheet. Nothing reads it back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from psoas_tui.core.model import History, Hold, SymptomEntry
from psoas_tui.core.transfer.layout import (
    instant_text,
    sorted_days,
    sorted_entries,
    sorted_responses,
)
from psoas_tui.core.transfer.period import ALL_DAYS, Period, select

#: The CSV's columns: ``kind`` is plan, hold, mark, entry or response; a row fills the columns
#: its kind has and leaves the others empty. A referral answer's own ``kind`` goes in ``answer``.
#: ``asked`` is the sign questions an entry showed, or ``unknown`` on an entry saved before the
#: app recorded them (empty: none was shown). The "about you" answers are not in the CSV: they
#: are not records of a day.
CSV_COLUMNS = (
    "kind",
    "day",
    "at",
    "exercise_id",
    "side",
    "rep",
    "planned_seconds",
    "held_seconds",
    "planned",
    "id",
    "pain",
    "stiffness",
    "stiffness_minutes",
    "where",
    "signs",
    "asked",
    "note",
    "rule",
    "key",
    "answer",
)

#: The ``asked`` cell of an entry saved before the app recorded what it asked.
UNKNOWN_ASKED = "unknown"

# A spreadsheet runs a cell that starts with one of these as a formula: the ASCII starters, "|"
# (a DDE call in older spreadsheets), and the full-width forms, which spreadsheets in East Asian
# locales read as the ASCII ones.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def export_csv(history: History, period: Period = ALL_DAYS) -> str:
    """The CSV export: a header, then one row per record, day by day.

    Each day gives its ``plan`` row, its holds, its marks, then the entries and referral answers
    of that day. Seconds are rounded to a tenth. Lists are joined with ``;``. A note that a
    spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@`` or ``|``, or a
    full-width ``＝``, ``＋``, ``－`` or ``＠``) is written with a leading ``'``.
    """
    chosen = select(history, period)
    rows: dict[date, list[dict[str, object]]] = {}
    for record in sorted_days(chosen.days):
        day_rows = rows.setdefault(record.day, [])
        day_rows.append({"kind": "plan", "planned": _joined(record.planned or ())})
        day_rows += [_hold_row(hold) for hold in record.holds]
        day_rows += [
            {"kind": "mark", "at": instant_text(mark.marked_at), "exercise_id": mark.exercise_id}
            for mark in record.marks
        ]
    for entry in sorted_entries(chosen.entries):
        rows.setdefault(entry.day, []).append(_entry_row(entry))
    for response in sorted_responses(chosen.responses):
        rows.setdefault(response.day, []).append(
            {
                "kind": "response",
                "at": instant_text(response.at),
                "rule": response.rule,
                "key": response.key,
                "answer": response.kind,
            }
        )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for day in sorted(rows):
        for row in rows[day]:
            writer.writerow({"day": day.isoformat(), **row})
    return buffer.getvalue()


def _hold_row(hold: Hold) -> dict[str, object]:
    return {
        "kind": "hold",
        "at": instant_text(hold.started_at),
        "exercise_id": hold.exercise_id,
        "side": hold.side or "",
        "rep": hold.rep,
        "planned_seconds": _tenths(hold.planned_seconds),
        "held_seconds": _tenths(hold.held_seconds),
    }


def _tenths(seconds: float) -> str:
    # A tenth of a second is finer than a hold is timed by hand; the timer's raw float
    # (10.95938103900005) only clutters a spreadsheet. The JSON keeps it whole. Halves go up,
    # as people round, not to even as round() does.
    return str(Decimal(repr(seconds)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _entry_row(entry: SymptomEntry) -> dict[str, object]:
    return {
        "kind": "entry",
        "at": instant_text(entry.logged_at),
        "id": entry.id,
        "pain": "" if entry.pain is None else entry.pain,
        "stiffness": "" if entry.stiffness is None else entry.stiffness,
        "stiffness_minutes": "" if entry.stiffness_minutes is None else entry.stiffness_minutes,
        "where": _joined(entry.where),
        "signs": _joined(entry.signs),
        "asked": UNKNOWN_ASKED if entry.asked is None else _joined(entry.asked),
        "note": _never_a_formula(entry.note),
    }


def _never_a_formula(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _joined(values: Iterable[str]) -> str:
    return ";".join(values)
