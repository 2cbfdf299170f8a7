"""Reading a file the user keeps (``config.toml``, ``routine.toml``) as text."""

from __future__ import annotations

from importlib.abc import Traversable

from psoas_tui.core.errors import FileRefused

#: The most of a settings file that is read: a routine of every exercise ever written is a few
#: kilobytes, and a file that is a device (``/dev/zero``) or a pipe has no size to check first.
MAX_TEXT_BYTES = 1024 * 1024


def read_user_text(file: Traversable, name: str) -> str:
    """The file's text, without a byte-order mark; ``FileRefused`` naming ``name`` when it is
    larger than ``MAX_TEXT_BYTES``, not UTF-8 or cannot be read.

    At most one byte more than the limit is read, whatever the file is.
    """
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        raise FileRefused(
            name, "", f"cannot be read ({error.strerror or error})", "a readable file"
        ) from None
    if len(raw) > MAX_TEXT_BYTES:
        raise FileRefused(
            name, "", "too large", f"a UTF-8 TOML file of at most {MAX_TEXT_BYTES} bytes"
        )
    try:
        # Notepad starts a UTF-8 file with a byte-order mark; TOML has no use for one.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(name, "", "not UTF-8 text", "a UTF-8 TOML file") from None
