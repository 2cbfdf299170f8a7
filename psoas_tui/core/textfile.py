"""Reading a file the user keeps (``config.toml``, ``routine.toml``) as text."""

from __future__ import annotations

from importlib.abc import Traversable

from psoas_tui.core.errors import FileRefused


def read_user_text(file: Traversable, name: str) -> str:
    """The file's text; ``FileRefused`` naming ``name`` when it is not UTF-8 or cannot be read."""
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FileRefused(name, "", "not UTF-8 text", "a UTF-8 TOML file") from None
    except OSError as error:
        raise FileRefused(
            name, "", f"cannot be read ({error.strerror or error})", "a readable file"
        ) from None
