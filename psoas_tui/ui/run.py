"""``psoas`` with no command: load what the app needs, then open it."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from psoas_tui.context import Context

if TYPE_CHECKING:
    from psoas_tui.ui.app import PsoasApp


def run_app(ctx: Context) -> int:
    """Load everything the app needs, then open it; errors surface before the screen takes over.

    Returns the exit code: 0 when the user quit, 1 when an error ended the app (Textual has
    printed it by then, or, for the store's refusal of a read, it is said here on one line) or a
    hold was neither saved nor kept (``finish``).
    """
    with _lasting():
        psoas = ctx.open(long_lived=True)
    with psoas:
        with _lasting():
            from psoas_tui.ui.app import PsoasApp

        app = PsoasApp(psoas)
        app.run()
        return finish(app)


def finish(app: PsoasApp) -> int:
    """Once ``app`` has ended: save the holds still waiting, else keep them for the next start;
    say on stderr what became of any not saved, now the screen is the terminal's again, and the
    store's refusal that ended the app, if one did. Returns the exit code: 1 if an error ended the
    app or a hold was neither saved nor kept."""
    lines, lost = app.unsaved_holds.settle()
    if app.ended_by is not None:
        lines.append(str(app.ended_by))
    for line in lines:
        print(f"psoas: {line}", file=sys.stderr)
    return app.return_code or int(lost)


@contextmanager
def _lasting() -> Iterator[None]:
    """Build what lives as long as the app (the history, the modules) with no collection running.

    Garbage collections would only walk these objects to find them alive, ten years of history
    several times over. When the block succeeds they are moved out of the collector's
    generations, so no later collection walks them either.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
