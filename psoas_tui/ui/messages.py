"""The app's own messages: small dataclasses, one place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from textual.message import Message


class SaveKind(StrEnum):
    """What a save wrote."""

    HOLD = "hold"
    MARK = "mark"
    ENTRY = "entry"
    REFERRAL = "referral"
    PROFILE = "profile"
    SETTINGS = "settings"
    PAUSE = "pause"


@dataclass
class Saved(Message):
    """Something was written to the database; ``kind`` says what."""

    kind: SaveKind


@dataclass
class CueFailed(Message):
    """The timer's voice or ``on_phase`` command could not do its part (posted from any thread)."""

    problem: str
