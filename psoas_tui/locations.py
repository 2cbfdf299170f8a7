"""Every path the app uses, in one place.

Each directory is chosen by its flag, then its environment variable, then the platform's convention
(platformdirs). Nothing is created at import: ``ensure_private_dir`` creates a directory 0700 the
first time something is written there.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from psoas_tui.core.errors import InvalidInput

APP_NAME = "psoas-tui"
DATA_ENV = "PSOAS_DATA_DIR"
CONFIG_ENV = "PSOAS_CONFIG_DIR"

#: The files of holds kept at quit because they could not be saved (see ``Locations.kept_holds``).
KEPT_HOLDS_GLOB = "unsaved-holds-*.json"


@dataclass(frozen=True)
class Locations:
    """Where the database, its backups, exports, the config and a user's routine live."""

    data_dir: Path
    config_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | None = None, config_dir: str | None = None) -> Locations:
        """Flag, then environment, then platform default, for each directory.

        An empty flag is refused, so that ``--data-dir "$UNSET"`` never means the real database;
        an empty environment variable counts as unset, as is the convention. ``InvalidInput``
        also when a ``~user`` in the path names no user (or ``~`` no home).
        """
        return cls(
            _chosen(data_dir, "--data-dir", DATA_ENV) or Path(platformdirs.user_data_dir(APP_NAME)),
            _chosen(config_dir, "--config-dir", CONFIG_ENV)
            or Path(platformdirs.user_config_dir(APP_NAME)),
        )

    @property
    def database(self) -> Path:
        """The one TinyDB file."""
        return self.data_dir / "psoas.json"

    @property
    def lock(self) -> Path:
        """The inter-process lock beside the database."""
        return self.data_dir / "psoas.json.lock"

    @property
    def archive(self) -> Path:
        """The yearly files of the history older than the database's recent weeks."""
        return self.data_dir / "archive"

    @property
    def backups(self) -> Path:
        """One copy of the database a day, the last seven kept."""
        return self.data_dir / "backups"

    def kept_holds(self, stamp: str) -> Path:
        """The file for holds kept at quit at ``stamp``, which the next start saves.

        Not named ``psoas…``: a starting psoas sweeps away ``.psoas*.tmp`` files, and the
        temporary file this one is written through must never be taken for a killed writer's.
        """
        return self.data_dir / KEPT_HOLDS_GLOB.replace("*", stamp)

    @property
    def reports(self) -> Path:
        """Where clinician summaries are written when no file is named."""
        return self.data_dir / "reports"

    @property
    def reminded(self) -> Path:
        """When ``psoas remind`` last reminded (today's reminders only): not health data, so
        neither exported nor backed up."""
        return self.data_dir / "remind-sent.json"

    @property
    def remind_manifest(self) -> Path:
        """What ``psoas remind --install`` wrote and the slots it set, for ``--uninstall`` to
        remove exactly that and for ``psoas remind`` to know its slots."""
        return self.data_dir / "remind-installed.json"

    @property
    def config_file(self) -> Path:
        """The user's ``config.toml``."""
        return self.config_dir / "config.toml"

    @property
    def routine_file(self) -> Path:
        """A user's own ``routine.toml``, which replaces the default routine when present."""
        return self.config_dir / "routine.toml"


def _chosen(flag: str | None, option: str, variable: str) -> Path | None:
    """The directory the flag, else the environment variable, names; ``None`` for neither."""
    if flag == "":
        raise InvalidInput(
            f"{option}: empty; allowed: a directory (leave {option} out for the default)"
        )
    named, where = (flag, option) if flag is not None else (os.environ.get(variable), variable)
    if not named:
        return None
    return expand_user(named, where, "a directory path")


def expand_user(named: str, where: str, allowed: str) -> Path:
    """``named`` as a path with a leading ``~`` or ``~user`` expanded; ``InvalidInput`` naming
    ``where`` (the option) and what is ``allowed`` if there is no such home directory."""
    try:
        return Path(named).expanduser()
    except RuntimeError:
        # expanduser's words ("Could not determine home directory") name neither the user nor
        # the option.
        user = named[1:].partition("/")[0]
        home = f"no user {user!r} is known" if user else "your home directory is unknown"
        raise InvalidInput(
            f"{where}: {named!r} starts with a home directory, but {home}; allowed: {allowed}"
        ) from None


def ensure_private_dir(path: Path, follow_link: bool = False) -> Path:
    """Create ``path`` (and any missing parents, 0700 whatever the umask) and make ``path`` 0700.

    A folder psoas makes for itself (``backups``, ``reports``, ``archive``) that is a symbolic
    link is refused, as is a file in its place (``OSError``): psoas would otherwise write, and
    change modes, somewhere it did not choose. ``follow_link`` allows a link for a folder the
    user chose (the data directory).
    """
    if path.is_symlink() and not follow_link:
        raise OSError(
            errno.ELOOP, f"{path} is a link; psoas makes this folder itself and never follows one"
        )
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, f"{path} is a file, not a folder")
    missing = [path, *(parent for parent in path.parents if not parent.exists())]
    for folder in reversed(missing):
        # One at a time: mkdir(parents=True) makes the parents with the umask's mode.
        folder.mkdir(mode=0o700, exist_ok=True)
        if folder != path:
            os.chmod(folder, 0o700)
    os.chmod(path, 0o700)
    return path
