"""The App: wires modes, global keys and the command palette. Screens hold their own state."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from psoas_tui.core.errors import FileRefused, PsoasError
from psoas_tui.core.model import Pause
from psoas_tui.services import Psoas
from psoas_tui.services.cues import Cues
from psoas_tui.services.unsaved import UnsavedHolds
from psoas_tui.ui.messages import CueFailed, Saved, SaveKind
from psoas_tui.ui.screens.help import HelpScreen
from psoas_tui.ui.screens.referral import ReferralPrompter
from psoas_tui.ui.screens.today import TodayScreen


# Today is the first screen; the others are imported when first opened, so start-up does not
# wait for their modules.
def _log_screen() -> Screen[None]:
    from psoas_tui.ui.screens.log import LogScreen

    return LogScreen()


def _streaks_screen() -> Screen[None]:
    from psoas_tui.ui.screens.streaks import StreaksScreen

    return StreaksScreen()


class PsoasApp(App[None]):
    """psoas-tui over ``psoas``, the use cases of one open database."""

    CSS_PATH = "app.tcss"
    TITLE = "psoas"
    MODES = {"today": TodayScreen, "log": _log_screen, "streaks": _streaks_screen}
    # Help and Quit come first, so a narrow footer (80 columns) cuts the screens' names, which
    # help lists, rather than the two keys that matter most.
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit_asking", "Quit"),
        Binding("t", "switch_mode('today')", "Today"),
        Binding("h", "hold", "Hold timer"),
        Binding("l", "switch_mode('log')", "Log"),
        Binding("s", "switch_mode('streaks')", "Streaks"),
        Binding("r", "referral", "Referral", show=False),
        Binding("P", "pause", "Pause"),
        Binding("escape", "to_today", "Back to Today", show=False),
    ]

    def __init__(self, psoas: Psoas) -> None:
        super().__init__()
        self.psoas = psoas
        self.referral = ReferralPrompter(self)
        #: The hold timer open in some mode, and that mode: there is only ever one.
        self.running_hold: tuple[str, Screen[None]] | None = None
        #: Holds that ended but could not be saved yet, from every timer: settled at quit.
        self.unsaved_holds = UnsavedHolds(psoas)
        #: The timers' phases spoken and handed to the user's command; each problem said once.
        self.cues = Cues(psoas.config.voice, psoas.config.on_phase, self._cue_failed)
        #: The error that ended the app, said on one line once the screen is given back.
        self.ended_by: PsoasError | None = None
        theme = psoas.config.theme
        if theme is not None:
            if theme not in self.available_themes:
                raise FileRefused(
                    str(psoas.locations.config_file),
                    "theme",
                    f"{theme!r} is not a theme",
                    ", ".join(sorted(self.available_themes)),
                )
            self.theme = theme

    def _handle_exception(self, error: Exception) -> None:
        # Textual's one door for an exception no handler took. A save says its own failure where
        # it happens; what reaches here is a read the store refused (the file damaged or set
        # aside under the open app): the app ends and ``run_app`` says why on one line, where a
        # traceback would hide it.
        if isinstance(error, PsoasError):
            self.ended_by = error
            self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def on_mount(self) -> None:
        self.switch_mode("today")
        self._say_notices()
        for notice in self.psoas.kept_notices:
            self.notify(notice, title="Holds kept at quit", timeout=10, markup=False)
        self.referral.check()
        self.referral.check_earlier()

    def action_hold(self, exercise_id: str | None = None) -> None:
        """Open the hold timer for ``exercise_id``, else Today's selection, else the next to do."""
        from psoas_tui.ui.screens.hold import HoldScreen

        if self.running_hold is not None:
            # One timer at a time: bring back the one already open (each mode has its own
            # stack of screens, so a second one could run unseen and save every hold twice).
            mode, _screen = self.running_hold
            if mode != self.current_mode:
                self.switch_mode(mode)
            return
        if exercise_id is None and isinstance(self.screen, TodayScreen):
            exercise_id = self.screen.selected_exercise_id()
        if exercise_id is None:
            upcoming = self.psoas.today().next_undone()
            exercise_id = upcoming.id if upcoming else None
        if exercise_id is None:
            self.notify("Everything scheduled today is done.", title="Hold timer")
            return
        chosen = exercise_id

        def open_timer() -> None:
            timer = HoldScreen(chosen)
            self.running_hold = (self.current_mode, timer)
            self.push_screen(timer)

        rule = self.psoas.timer_question()
        if rule is None:
            open_timer()
            return

        def answered(start: bool | None) -> None:
            if start and self.save(SaveKind.REFERRAL, self.psoas.start_anyway):
                open_timer()

        from psoas_tui.ui.screens.referral import TimerQuestion

        self.push_screen(TimerQuestion(rule), answered)

    def watch_theme(self, theme: str) -> None:
        # A theme picked in the palette is kept for the next start.
        if theme != self.psoas.config.theme and self.is_running:
            self.save(SaveKind.SETTINGS, lambda: self.psoas.remember_theme(theme))

    def action_quit_asking(self) -> None:
        """Quit; with a half-filled log form, ask first (every saved change is already safe)."""
        from psoas_tui.ui.screens.confirm import Confirm
        from psoas_tui.ui.screens.log import LogScreen

        screen = self.screen
        if not (isinstance(screen, LogScreen) and screen.has_unsaved()):
            self.quit_saving_holds()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.quit_saving_holds()

        self.push_screen(
            Confirm(
                "Quit without saving the entry in the form? Everything saved before is kept.",
                yes="Quit",
                no="Keep editing",
            ),
            answered,
        )

    async def action_quit(self) -> None:
        """Quit at once (ctrl+q, the palette's Quit), but never past holds not saved."""
        self.quit_saving_holds()

    def quit_saving_holds(self) -> None:
        """Quit once every hold that ended is saved, kept for the next start or let go.

        A timer still running stops (a hold under way counts as held so far) and the holds
        waiting are saved; if that fails, the user chooses what becomes of them first.
        """
        from psoas_tui.ui.screens.hold import HoldScreen
        from psoas_tui.ui.screens.unsaved import UnsavedHoldsScreen

        if isinstance(self.screen, UnsavedHoldsScreen):
            return
        if self.running_hold is not None and isinstance(self.running_hold[1], HoldScreen):
            self.running_hold[1].stop()
        _, error = self.unsaved_holds.save()
        if error is None:
            self.exit()
            return

        def answered(settled: bool | None) -> None:
            if settled:
                self.exit()

        self.push_screen(UnsavedHoldsScreen(self.unsaved_holds, error), answered)

    def action_pause(self) -> None:
        """Declare a pause in a small form; Today shows it once saved."""
        from psoas_tui.core.pauses import describe
        from psoas_tui.ui.screens.pause import PauseScreen

        def saved(pause: Pause | None) -> None:
            if pause is not None:
                self.notify(f"{describe(pause)}.", title="Paused", markup=False)

        self.push_screen(PauseScreen(), saved)

    def action_referral(self) -> None:
        """Open the referral prompt again, for every active rule (answered or not)."""
        self.referral.show_active()

    def write_file(self, write: Callable[[], Path], what: str) -> Path | None:
        """Run ``write``, which writes a file the user asked for (``what``), and return its path;
        if it raises ``PsoasError``, say why and return ``None`` (nothing half-written is left)."""
        try:
            return write()
        except PsoasError as error:
            self.notify(
                f"Could not write {what}: {error}",
                title="Not written",
                severity="error",
                timeout=10,
                markup=False,
            )
            return None

    def action_summary(self) -> None:
        """Write the summary for a clinician and say where it is."""
        path = self.write_file(self.psoas.write_report, "the summary")
        if path is not None:
            self.notify(f"Written to {path} (only you can read it).", title="Summary", markup=False)

    def action_export(self) -> None:
        """Write everything as a JSON export (``psoas import`` reads it back) and say where."""
        path = self.write_file(self.psoas.write_export, "the export")
        if path is not None:
            self.notify(f"Exported to {path} (only you can read it).", title="Export", markup=False)

    def edit_entry(self, entry_id: str) -> None:
        """Open the symptom log with the entry ``entry_id`` in the form, to correct it."""
        from psoas_tui.ui.screens.log import LogScreen

        self.switch_mode("log")

        def fill() -> None:
            if isinstance(self.screen, LogScreen):
                self.screen.edit(entry_id)

        self.call_after_refresh(fill)

    def action_to_today(self) -> None:
        """Escape on the log or the streaks (when nothing there takes it) goes back to Today."""
        if self.current_mode != "today":
            self.switch_mode("today")

    def action_help(self) -> None:
        """List every key of the current screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def save(
        self, kind: SaveKind, write: Callable[[], object], *, failed: str = "Not saved"
    ) -> bool:
        """Run ``write`` and announce it (``Saved``); if it raises ``PsoasError``, say why under
        the title ``failed`` and return ``False``. A write that fails has changed nothing."""
        try:
            write()
        except PsoasError as error:
            self.notify(str(error), title=failed, severity="error", timeout=10, markup=False)
            return False
        finally:
            self._say_notices()
        self.post_message(Saved(kind))
        return True

    def _say_notices(self) -> None:
        # What the store could not do (today's backup, on a new day too): said once each.
        for notice in self.psoas.take_notices():
            notice = notice[0].upper() + notice[1:]
            self.notify(notice, title="Data", severity="warning", timeout=10, markup=False)

    def _cue_failed(self, problem: str) -> None:
        # Called from the thread that waited for the process: post_message crosses to the app's,
        # and says nothing once the app is closed; a loop closing at that instant refuses it.
        try:
            self.post_message(CueFailed(problem))
        except RuntimeError:
            return

    @on(CueFailed)
    def _say_cue_failed(self, message: CueFailed) -> None:
        self.notify(
            message.problem, title="Hold timer", severity="warning", timeout=10, markup=False
        )

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.refresh_bindings()
        self.referral.check()
        if message.kind is SaveKind.ENTRY:
            self.call_after_refresh(self._ask_about_you)

    def _ask_about_you(self) -> None:
        # After an entry saved in the log, when a question is due (the first time, or the yearly
        # one), and never over another question.
        from psoas_tui.ui.screens.log import LogScreen
        from psoas_tui.ui.screens.profile import ProfileScreen

        if not isinstance(self.screen, LogScreen) or not self.psoas.profile_due():
            return
        self.push_screen(ProfileScreen(first_time=True))

    def action_about_you(self) -> None:
        """The "about you" questions, to answer or change."""
        from psoas_tui.ui.screens.profile import ProfileScreen

        self.push_screen(ProfileScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Today", "Today's routine (t)", lambda: self.switch_mode("today"))
        yield SystemCommand(
            "Symptom log", "How you feel, and recent entries (l)", lambda: self.switch_mode("log")
        )
        yield SystemCommand(
            "Streaks", "Streaks and trends (s)", lambda: self.switch_mode("streaks")
        )
        yield SystemCommand(
            "Hold timer", "Time the selected or next exercise (h)", self.action_hold
        )
        yield SystemCommand(
            "Referral prompt", "What the app noticed and what to do (r)", self.action_referral
        )
        yield SystemCommand(
            "Summary for my clinician",
            "Write the report to the reports folder",
            self.action_summary,
        )
        yield SystemCommand(
            "Export", "Everything you logged, as JSON, to the reports folder", self.action_export
        )
        yield SystemCommand(
            "Pause the routine",
            "Travel, illness, a flare, a clinician's advice (P)",
            self.action_pause,
        )
        yield SystemCommand(
            "About you", "Answers that change how soon a sign needs care", self.action_about_you
        )
        yield SystemCommand("Help", "Every key of this screen (?)", self.action_help)
        yield from super().get_system_commands(screen)
