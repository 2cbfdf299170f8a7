"""Fixtures for the bad-input tests: the app factory of the UI tests, and one rule for notes."""

from __future__ import annotations

import unicodedata

from tests.ui.conftest import make_test_app

__all__ = ["is_plain_text", "make_test_app"]

_DIRECTION_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_plain_text(text: str) -> bool:
    """What a note may hold, written out again here so the tests do not trust the code under
    test: no control character but tab and line break, no lone surrogate, no non-character, no
    direction override."""
    for char in text:
        code = ord(char)
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\t\n":
            return False
        if (
            category == "Cs"
            or char in _DIRECTION_OVERRIDES
            or 0xFDD0 <= code <= 0xFDEF
            or code & 0xFFFF in (0xFFFE, 0xFFFF)
        ):
            return False
    return True
