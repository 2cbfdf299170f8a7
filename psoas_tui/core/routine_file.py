"""Finding and reading the routine file: the user's own, else the default shipped with the app."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from psoas_tui.core.errors import PsoasError
from psoas_tui.core.routine import Routine
from psoas_tui.core.routine_toml import parse_routine
from psoas_tui.core.textfile import read_user_text


def load_routine(user_file: Path) -> Routine:
    """The user's ``routine.toml`` if it exists, else the default routine shipped with the app."""
    if user_file.exists():
        return parse_routine(read_user_text(user_file, str(user_file)), str(user_file))
    bundled = default_routine_file()
    return parse_routine(read_user_text(bundled, str(bundled)), str(bundled))


def default_routine_file(package: str = "psoas_tui") -> Traversable:
    """Where the default routine is: inside the installed package, else in the source checkout.

    A wheel carries it as ``<package>/data/routine.toml``. A source checkout or an editable
    install has it in ``data/`` beside ``pyproject.toml``, one directory above the package.
    """
    packaged = resources.files(package) / "data" / "routine.toml"
    if packaged.is_file():
        return packaged
    package_dir = Path(str(resources.files(package)))
    checkout = package_dir.parent
    candidate = checkout / "data" / "routine.toml"
    if (checkout / "pyproject.toml").is_file() and candidate.is_file():
        return candidate
    raise PsoasError(
        f"the default routine is missing from this installation (looked in {packaged} and "
        f"{candidate}); reinstall psoas-tui, or write your own routine.toml"
    )
