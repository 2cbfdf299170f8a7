"""What every refusal of a user's file must look like, checked the same way for every file."""

from __future__ import annotations

from psoas_tui.core.errors import FileRefused

#: A message longer than this is not read, whatever it says (a huge value must be shortened).
LONGEST_MESSAGE = 600


def assert_clear(error: FileRefused, file: str) -> None:
    """``error`` names ``file``, a place, what is wrong and what is allowed, on one short line."""
    message = str(error)
    assert error.file == file
    assert message.startswith(f"{file}: ")
    assert error.problem.strip(), message
    assert error.allowed.strip(), message
    assert error.problem in message and error.allowed in message
    assert error.where in message
    assert len(message) <= LONGEST_MESSAGE, message[:LONGEST_MESSAGE]
    # One line: the command line prints it after "psoas: " and nothing else.
    assert message.splitlines() == [message], message


def names_key(where: str, key: str) -> bool:
    """Whether ``where`` names the setting or field ``key`` (quoted when it is not a plain name)."""
    return where == key or where.startswith(repr(key)[:20])
