"""Holds that ended but could not be saved yet: waiting while the app runs, kept at quit.

``UnsavedHolds`` is the app's one list of them, oldest first. Every timer adds the holds it ends
and saves the waiting ones after each hold; at quit they are tried once more, then kept for the
next start, or discarded if the user says so. From the moment a save fails they are also written
to a file of their own in the data directory (``Psoas.keep_holds``), replaced as the list changes
and removed once every hold is saved: an app killed or whose terminal closes before it can ask
loses none of them.

A kept file is a JSON export (``psoas import`` reads it too) of the holds' days, each with its
plan as it was when they were kept. Every start saves each kept file with ``Psoas.merge``, which
never adds a hold already stored (the same exercise, side, rep and start), and removes the file
only once that merge is saved: a start killed between the two saves the file again next time
and adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_tui.core.errors import PsoasError
from psoas_tui.core.model import History, Hold
from psoas_tui.locations import KEPT_HOLDS_GLOB, Locations

if TYPE_CHECKING:
    from psoas_tui.services import Psoas


def holds_text(count: int) -> str:
    """``1 hold``, ``2 holds``."""
    return f"{count} hold" if count == 1 else f"{count} holds"


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


class UnsavedHolds:
    """The holds waiting to be saved, oldest first, and what became of those given up at quit."""

    def __init__(self, psoas: Psoas) -> None:
        self._psoas = psoas
        self._holds: list[Hold] = []
        self._kept: list[tuple[int, Path]] = []
        self._discarded = 0
        #: The file holding the waiting holds meanwhile, once one could be written.
        self._file: Path | None = None

    def __len__(self) -> int:
        return len(self._holds)

    def add(self, hold: Hold) -> None:
        """One more hold to save, after those already waiting."""
        self._holds.append(hold)

    def save(self) -> tuple[int, PsoasError | None]:
        """Save every hold waiting, oldest first: how many were, and what stopped the rest."""
        saved = 0
        while self._holds:
            try:
                self._psoas.record_hold(self._holds[0])
            except PsoasError as error:
                # Best effort: a disk that refused the save may refuse this too, and the holds
                # are still here to be kept at quit.
                with suppress(PsoasError):
                    self._file = self._psoas.keep_holds(self._holds, self._file)
                return saved, error
            self._holds.pop(0)
            saved += 1
        self._drop_file()
        return saved, None

    def keep(self) -> Path:
        """Keep the waiting holds in a file that the next start saves, and return its path.

        ``PsoasError`` if the file cannot be written; the holds are still waiting then.
        """
        path = self._psoas.keep_holds(self._holds, self._file)
        self._kept.append((len(self._holds), path))
        self._holds.clear()
        self._file = None
        return path

    def discard(self) -> None:
        """Let the waiting holds go unsaved: the user chose to."""
        self._discarded += len(self._holds)
        self._holds.clear()
        self._drop_file()

    def _drop_file(self) -> None:
        # Another start may have saved and removed it already; saving a hold twice adds nothing.
        if self._file is not None:
            with suppress(OSError):
                self._file.unlink()
            self._file = None

    def settle(self) -> tuple[list[str], bool]:
        """Once the app is gone: save the holds still waiting, else keep them.

        Returns what to tell the user, a line each, and whether a hold was neither saved nor kept
        (discarded, or both failed).
        """
        lines = []
        _, error = self.save()
        if error is not None:
            count = len(self._holds)
            try:
                self.keep()
            except PsoasError as failure:
                lines.append(
                    f"{holds_text(count)} could not be saved or kept: {error} "
                    f"Keeping them failed too: {failure}"
                )
        for count, path in self._kept:
            them = "it" if count == 1 else "them"
            lines.append(
                f"{holds_text(count)} not saved {_are(count)} kept in {path}; "
                f"the next start of psoas saves {them}."
            )
        if self._discarded:
            were = "was" if self._discarded == 1 else "were"
            lines.append(f"{holds_text(self._discarded)} {were} discarded at quit, not saved.")
        return lines, bool(self._holds) or self._discarded > 0


def save_kept(locations: Locations, merge: Callable[[History], object]) -> list[str]:
    """Save the holds of every file kept at quit with ``merge``, removing each file once its
    holds are saved. What to tell the user: a line a file."""
    paths = sorted(locations.data_dir.glob(KEPT_HOLDS_GLOB))
    if not paths:
        return []
    # Only now: most starts find no file, and need not load the import's checks.
    from psoas_tui.core.transfer.json_import import read_export

    notices = []
    for path in paths:
        try:
            history = read_export(path.read_bytes(), str(path))
        except FileNotFoundError:
            # Another psoas starting at the same moment saved it first.
            continue
        except (OSError, PsoasError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            notices.append(
                f"Holds kept at quit in {path} cannot be read ({reason}); "
                "the file was left where it is."
            )
            continue
        count = sum(len(record.holds) for record in history.days)
        days = ", ".join(record.day.isoformat() for record in history.days)
        try:
            merge(history)
        except PsoasError as error:
            notices.append(
                f"{holds_text(count)} from {days} kept at quit {_are(count)} not saved yet: "
                f"{error} The next start tries again."
            )
            continue
        # Should the file outlive this (a kill, a failed removal), saving it again adds nothing.
        with suppress(OSError):
            path.unlink()
        were = "was" if count == 1 else "were"
        notices.append(f"{holds_text(count)} from {days} kept at quit {were} saved.")
    return notices
