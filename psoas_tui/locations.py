"""Every path the app uses, in one place.

Each directory is chosen by its flag, then its environment variable, then the platform's convention
(platformdirs). Nothing is created at import: ``ensure_private_dir`` creates a directory 0700 the
first time something is written there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

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
        """Flag, then environment, then platform default, for each directory."""
        data = data_dir or os.environ.get(DATA_ENV) or platformdirs.user_data_dir(APP_NAME)
        config = config_dir or os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir(APP_NAME)
        return cls(Path(data).expanduser(), Path(config).expanduser())

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
    def config_file(self) -> Path:
        """The user's ``config.toml``."""
        return self.config_dir / "config.toml"

    @property
    def routine_file(self) -> Path:
        """A user's own ``routine.toml``, which replaces the default routine when present."""
        return self.config_dir / "routine.toml"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and its parents) if missing, and make ``path`` itself 0700."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path
