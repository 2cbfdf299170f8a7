"""Checking a symptom entry before it is saved, and reading its fields from typed text.

The log screen and ``psoas log`` both go through here, so a value refused in one is refused in the
other with the same words. Every refusal names the field, what is wrong and what is allowed.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from datetime import date

from psoas_tui.core.errors import InvalidInput
from psoas_tui.core.model import SymptomEntry
from psoas_tui.core.signs import PLACES, QUESTIONS, SIGN_BY_KEY, SIGNS, SignKey
from psoas_tui.core.validate import Refusal, whole

SCORE_MAX = 10
#: Daily pain from which a day counts as severe (the referral rules and the streaks agree).
SEVERE_FROM = 7
MINUTES_MAX = 600
NOTE_MAX = 500

SCORE_ALLOWED = f"a whole number from 0 to {SCORE_MAX}"
MINUTES_ALLOWED = f"a whole number of minutes from 0 to {MINUTES_MAX}, or nothing"
NOTE_ALLOWED = f"at most {NOTE_MAX} characters"
PLAIN_TEXT_ALLOWED = (
    "text without control characters or direction overrides (tab and line break are fine)"
)

# Bidirectional embeddings, overrides and isolates can make a note display as something other
# than what it says; they have no place in a short note about pain.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNNAMED = {"Cc": "a control character", "Cs": "half of a character, a lone surrogate"}
# Plain strings, so that a tidied entry holds the same values as one read back from a file.
_SIGN_KEYS = tuple(sign.key.value for sign in SIGNS)
_ASKED_KEYS = tuple(key.value for key in QUESTIONS)


class EntryRefused(InvalidInput):
    """One field of a symptom entry is refused; ``field`` says which, for the form to point at."""

    def __init__(self, field: str, problem: str, allowed: str) -> None:
        self.field = field
        self.problem = problem
        self.allowed = allowed
        super().__init__(f"{field}: {problem}; allowed: {allowed}")


def parse_score(text: str, field: str) -> int:
    """A 0-10 score typed as text (``pain``, ``stiffness``); refuse anything else."""
    value = _parse_whole(text, field, SCORE_ALLOWED)
    return _check_score(value, field)


def parse_minutes(text: str) -> int | None:
    """Minutes of morning stiffness typed as text; empty text means not given."""
    if not text.strip():
        return None
    return _check_minutes(_parse_whole(text, "minutes", MINUTES_ALLOWED))


def check_entry(entry: SymptomEntry, today: date) -> SymptomEntry:
    """Refuse an entry that breaks a rule of the log; return it tidied.

    Scores are whole numbers 0-10 (``None`` only on the hold timer's "this hurts" entries),
    minutes 0-600 or ``None``, places and signs known keys (listed once each, in the form's order),
    the note at most 500 characters of plain text (``plain_text_problem``), and the day not
    after ``today``. ``asked``, unless ``None`` (not known), holds questions the form asks, each
    once in the form's order, and every yes must be to one of them: a yes to a question not
    shown cannot be told from a mistake. The legacy sign (``trauma``), never asked now, is kept
    as a yes on the entries that have it.
    """
    _check_day(entry.day, today)
    for field in ("pain", "stiffness"):
        value = getattr(entry, field)
        if value is not None:
            _check_score(_require_whole(value, field, SCORE_ALLOWED), field)
    if entry.stiffness_minutes is not None:
        _check_minutes(_require_whole(entry.stiffness_minutes, "minutes", MINUTES_ALLOWED))
    where = _known(entry.where, "where", tuple(PLACES))
    signs = _known(entry.signs, "sign", _SIGN_KEYS)
    asked = None if entry.asked is None else _known(entry.asked, "asked", _ASKED_KEYS)
    if asked is not None:
        _check_asked(signs, asked)
    note = entry.note.strip()
    if len(note) > NOTE_MAX:
        raise EntryRefused("note", f"{len(note)} characters is too long", NOTE_ALLOWED)
    problem = plain_text_problem(note)
    if problem is not None:
        raise EntryRefused("note", problem, PLAIN_TEXT_ALLOWED)
    return dataclasses.replace(entry, where=where, signs=signs, note=note, asked=asked)


def plain_text_problem(text: str) -> str | None:
    """What makes ``text`` unfit to keep as a note, or ``None`` if it is plain text.

    Refused: control characters other than tab and line break (a terminal would run an escape
    sequence when the note is shown), lone surrogates (they cannot be written as UTF-8),
    non-characters and bidirectional overrides. An import applies the same rule, so every note
    the log accepts can be exported and imported again.
    """
    if text.isprintable() and not _BIDI_CONTROLS.intersection(text):
        return None
    for position, char in enumerate(text, start=1):
        code = ord(char)
        category = unicodedata.category(char)
        if (
            char in _BIDI_CONTROLS
            or (category in ("Cc", "Cs") and char not in "\t\n")
            or 0xFDD0 <= code <= 0xFDEF
            or code & 0xFFFE == 0xFFFE
        ):
            name = unicodedata.name(char, _UNNAMED.get(category, "a non-character"))
            return f"character {position} is U+{code:04X} ({name}), which is not plain text"
    return None


def _parse_whole(text: str, field: str, allowed: str) -> int:
    stripped = text.strip()
    if not stripped:
        raise EntryRefused(field, "missing", allowed)
    # int() would also take "+5", "٥" or "1_0"; only plain digits are a score.
    if not stripped.isascii() or not stripped.isdigit():
        raise EntryRefused(field, f"{stripped!r} is not a whole number", allowed)
    return int(stripped)


def _require_whole(value: object, field: str, allowed: str) -> int:
    try:
        # Echoed whole: the value comes from the log form or a command's flags, not a file.
        return whole(value, field, allowed, show=repr)
    except Refusal as refusal:
        raise EntryRefused(refusal.where, refusal.problem, refusal.allowed) from None


def _check_score(value: int, field: str) -> int:
    if not 0 <= value <= SCORE_MAX:
        raise EntryRefused(field, f"{value} is out of range", SCORE_ALLOWED)
    return value


def _check_minutes(value: int) -> int:
    if not 0 <= value <= MINUTES_MAX:
        raise EntryRefused("minutes", f"{value} is out of range", MINUTES_ALLOWED)
    return value


def _check_day(day: date, today: date) -> date:
    if day > today:
        raise EntryRefused(
            "date", f"{day.isoformat()} is in the future", f"today ({today.isoformat()}) or earlier"
        )
    return day


def _check_asked(signs: tuple[str, ...], asked: tuple[str, ...]) -> None:
    for key in signs:
        if key not in asked and not SIGN_BY_KEY[SignKey(key)].legacy:
            raise EntryRefused(
                "sign",
                f"{key!r} is answered yes but was not asked",
                "a yes only to a question asked with the entry ("
                + (", ".join(asked) or "none was")
                + ")",
            )


def _known(keys: Iterable[str], field: str, vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    given: set[str] = set()
    for key in keys:
        if key not in vocabulary:
            raise EntryRefused(field, f"{key!r} is not known", ", ".join(vocabulary))
        given.add(key)
    return tuple(key for key in vocabulary if key in given)


def daily_highest(entries: Iterable[SymptomEntry]) -> dict[date, int]:
    """The highest pain score of each day; days whose entries have no pain score are left out."""
    highest: dict[date, int] = {}
    for entry in entries:
        if entry.pain is not None:
            highest[entry.day] = max(entry.pain, highest.get(entry.day, 0))
    return highest
