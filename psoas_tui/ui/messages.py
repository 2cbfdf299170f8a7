"""The app's own messages: small dataclasses, one place."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class Saved(Message):
    """Something was written to the database; ``what`` says what ("hold", "mark", "entry", ...)."""

    what: str
