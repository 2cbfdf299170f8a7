"""``psoas`` with no command: open the app."""

from __future__ import annotations

import gc

from psoas_tui.context import Context


def run_app(ctx: Context) -> int:
    """Load everything the app needs, then open it; errors surface before the screen takes over."""
    config, clock, routine = ctx.config, ctx.clock, ctx.routine
    repo = ctx.open_repo()
    try:
        from psoas_tui.ui.app import make_app

        # The modules and the history loaded so far live as long as the app and the history
        # holds no reference cycles: taking them out of the collector's generations spares
        # every later collection from walking them all again.
        gc.freeze()
        make_app(repo, routine, config, clock, ctx.locations).run()
    finally:
        repo.close()
    return 0
