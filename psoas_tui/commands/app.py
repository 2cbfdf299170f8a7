"""``psoas`` with no command: open the app."""

from __future__ import annotations

from psoas_tui.context import Context


def run_app(ctx: Context) -> int:
    """Load everything the app needs, then open it; errors surface before the screen takes over."""
    config, clock, routine = ctx.config, ctx.clock, ctx.routine
    repo = ctx.open_repo()
    try:
        from psoas_tui.ui.app import make_app

        make_app(repo, routine, config, clock, ctx.locations).run()
    finally:
        repo.close()
    return 0
