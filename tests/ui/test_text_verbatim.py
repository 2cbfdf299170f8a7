"""Text a user or a file wrote reaches the screen as text, never as markup.

Notes (typed, or from ``psoas log`` or an import) and every field of a user's own routine may hold
square brackets, backslashes and anything Rich would read as a tag: each screen shows them
exactly as written, and none of them can crash a screen.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import Exercise, SymptomEntry
from psoas_tui.core.routine import Routine
from psoas_tui.ui.screens.hold import HoldScreen
from psoas_tui.ui.screens.log import LogScreen
from psoas_tui.ui.screens.streaks import StreaksScreen
from tests.apps import store
from tests.ui.conftest import AppFactory
from tests.ui.test_streaks import counted

SIZE = (120, 40)
FIXTURES = HealthCheck.function_scoped_fixture

#: Text with the shapes that markup reads: tags, closing tags, escapes, links and variables.
MARKUP_LIKE = (
    st.lists(
        st.sampled_from([*"[]/\\=@$ab: ", "[/]", "[b]", "[/b]", "[link=x]", "\\[", "[@click=q]"]),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .map(lambda text: f"x{text}y")
)

EXAMPLES = [
    "hips [L] sore, better [/] after walk",
    "stiff [worse AM] ok",
    "Use [b]bold[/b] breath.",
]


def shown(widget: Static) -> str:
    """The plain text a Static displays."""
    visual = widget.visual
    assert isinstance(visual, Content | Text), type(visual)
    return visual.plain


def _own_routine(routine: Routine, text: str) -> Routine:
    first = routine.exercises[0]
    mine: Exercise = replace(
        first,
        name=f"Name {text}",
        summary=f"Summary {text}",
        steps=(f"Step {text}", "Second step"),
        cues=(f"Cue {text}",),
        cautions=(f"Caution {text}",),
    )
    return Routine((mine, *routine.exercises[1:]), routine.file)


async def _routine_shown_everywhere(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock, text: str
) -> None:
    own = _own_routine(routine, text)
    exercise = own.exercises[0]
    app = make_test_app(routine=own)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        today = app.screen
        detail = shown(today.query_one("#exercise-detail", Static))
        for words in (
            exercise.name,
            exercise.summary,
            *exercise.steps,
            *exercise.cues,
            *exercise.cautions,
        ):
            assert words in detail
        table = today.query_one("#exercises", DataTable)
        assert table.get_cell(exercise.id, "name").plain == exercise.name
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HoldScreen)
        assert shown(app.screen.query_one("#hold-name", Static)) == exercise.name
        assert shown(app.screen.query_one("#hold-notes", Static)) == exercise.cues[0]
        assert exercise.cautions[0] in shown(app.screen.query_one("#hold-cautions", Static))
        await pilot.press("escape")
        await pilot.pause()
        app.psoas.mark_done(exercise.id)
        await pilot.press("s")
        await counted(pilot)
        assert isinstance(app.screen, StreaksScreen)
        assert exercise.name in shown(app.screen.query_one("#day-panel", Static))
    # Each example starts from a day with nothing done (Today highlights the first to do).
    app.psoas.unmark_done(exercise.id, clock.today())


async def _note_shown_in_the_log(make_test_app: AppFactory, clock: ManualClock, text: str) -> None:
    app = make_test_app()
    note = f"Note {text}"
    store(app).save_entry(
        SymptomEntry("a" * 32, clock.today() - timedelta(days=1), clock.now(), 2, 3, note=note)
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        table = app.screen.query_one("#log-recent", DataTable)
        assert table.get_cell("a" * 32, "note").plain == (
            note if len(note) <= 30 else note[:29] + "…"
        )
        await pilot.press("tab")
        await pilot.pause()
        # A typed date the form refuses is quoted back in its message, brackets and all.
        date_field = app.screen.query_one("#log-date", Input)
        date_field.value = text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert repr(text.strip()) in shown(app.screen.query_one("#error-date", Static))


async def test_the_findings_examples_are_shown_verbatim(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock
) -> None:
    for text in EXAMPLES:
        await _routine_shown_everywhere(make_test_app, routine, clock, text)
        await _note_shown_in_the_log(make_test_app, clock, text)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=MARKUP_LIKE)
async def test_any_routine_text_is_shown_verbatim(
    make_test_app: AppFactory, routine: Routine, clock: ManualClock, text: str
) -> None:
    await _routine_shown_everywhere(make_test_app, routine, clock, text)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=MARKUP_LIKE)
async def test_any_note_is_shown_verbatim(
    make_test_app: AppFactory, clock: ManualClock, text: str
) -> None:
    await _note_shown_in_the_log(make_test_app, clock, text)
