"""The symptom log: a keyboard-first check-in form, and the recent entries to edit or delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar
from uuid import uuid4

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Input, Static

from psoas_tui.core.dates import format_day, parse_day
from psoas_tui.core.errors import InvalidInput
from psoas_tui.core.model import SymptomEntry
from psoas_tui.core.signs import (
    ALWAYS_SHOWN,
    MORE_QUESTIONS,
    MORE_QUESTIONS_EVERY,
    MORE_QUESTIONS_FROM_PAIN,
    PLACES,
    SCORE_ANCHORS,
    SIGN_BY_KEY,
    opens_more_questions,
    score_word,
    statements,
    stored_sign,
)
from psoas_tui.core.symptoms import SCORE_MAX, EntryRefused, check_entry, parse_minutes
from psoas_tui.ui.base import psoas_app
from psoas_tui.ui.messages import SaveKind
from psoas_tui.ui.screens.confirm import Confirm
from psoas_tui.ui.widgets.focus import ShowsFocus
from psoas_tui.ui.widgets.place_list import PlaceList

#: How far back the list of recent entries reaches.
RECENT_DAYS = 30

_FIELDS = ("date", "stiffness", "pain", "minutes", "where", "note", "sign")


class ScoreField(ShowsFocus, can_focus=True):
    """A 0-10 score: a digit sets it (``1`` then ``0`` makes 10), left and right step it."""

    DEFAULT_CSS = """
    ScoreField {
        height: 1;
        width: auto;
    }
    ScoreField:focus {
        background: $boost;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "step(-1)", "Lower", show=False),
        Binding("right,plus", "step(1)", "Higher", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    _CELL = 4

    @dataclass
    class Changed(Message):
        """The score was set or changed."""

        field: ScoreField
        value: int | None

        @property
        def control(self) -> ScoreField:
            """The score field that changed."""
            return self.field

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def __init__(self, label: str, *, id: str) -> None:
        super().__init__(id=id)
        self.label = label
        self._typed = ""

    def render(self) -> Text:
        # The pointer marks the focused row without colour too (NO_COLOR).
        text = Text(f"{'▸' if self.has_focus else ' '} {self.label:<9}")
        for score in range(SCORE_MAX + 1):
            style = "reverse bold" if score == self.value else ""
            text.append(f"{score:^{self._CELL - 1}}", style=style)
            text.append(" ")
        if self.value is None:
            text.append("  not set: type 0-10", style="italic")
        else:
            text.append(f"  {self.value} {score_word(self.value)}", style="bold")
        return text

    def on_key(self, event: events.Key) -> None:
        if _passed_on(self, event):
            return
        digit = event.character
        if digit is None or not digit.isdigit() or not digit.isascii():
            return
        event.stop()
        event.prevent_default()
        if self._typed == "1" and digit == "0":
            self.value = 10
            self._typed = ""
            return
        self.value = int(digit)
        self._typed = digit if digit == "1" else ""

    def on_blur(self) -> None:
        self._typed = ""

    def on_click(self, event: events.Click) -> None:
        score = (event.x - 11) // self._CELL
        if 0 <= score <= SCORE_MAX and event.x >= 11:
            self.value = score

    def action_step(self, by: int) -> None:
        """Move the score one step, staying within 0-10."""
        self._typed = ""
        start = 0 if self.value is None else self.value + by
        self.value = max(0, min(SCORE_MAX, start))


class YesNo(ShowsFocus, can_focus=True):
    """One warning or urgent question, answered yes or no (no until the user says yes)."""

    DEFAULT_CSS = """
    YesNo {
        height: auto;
        width: 1fr;
    }
    YesNo:focus {
        background: $boost;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,right", "answer(True)", "Yes", show=False),
        Binding("n,left", "answer(False)", "No", show=False),
        Binding("space", "flip", "Yes/no", show=False),
    ]

    value: reactive[bool] = reactive(False)

    def __init__(self, key: str, question: str, level: str) -> None:
        super().__init__(id=f"sign-{key}", classes=level.replace("_", "-"))
        self.key = key
        self.question = question

    def render(self) -> Text:
        # Brackets and the pointer read without colour (NO_COLOR); reverse marks them with it.
        text = Text("▸ " if self.has_focus else "  ")
        text.append(
            "[No]" if not self.value else " No ", style="" if self.value else "reverse bold"
        )
        text.append(" ")
        text.append("[Yes]" if self.value else " Yes ", style="reverse bold" if self.value else "")
        text.append(f"  {self.question}")
        return text

    def on_key(self, event: events.Key) -> None:
        _passed_on(self, event)

    def on_click(self) -> None:
        self.value = not self.value

    def action_answer(self, yes: bool) -> None:
        """Answer yes or no."""
        self.value = yes

    def action_flip(self) -> None:
        """Switch between yes and no."""
        self.value = not self.value


def _passed_on(widget: Widget, event: events.Key) -> bool:
    """Hand ``event`` to the field that has focus now, if focus moved on after it was sent.

    Keys typed in a burst (``7``, tab, ``8``; a paste, a slow link) all reach the field that had
    focus when they were sent: the ``8`` belongs to the next field, not to this one. So the field
    moves focus on tab itself, at once, and passes on what comes after.
    """
    if event.key in ("tab", "shift+tab") and widget.has_focus:
        event.stop()
        event.prevent_default()
        if event.key == "tab":
            widget.screen.focus_next()
        else:
            widget.screen.focus_previous()
        return True
    focused = widget.screen.focused
    if focused is None or focused is widget:
        return False
    event.stop()
    event.prevent_default()
    focused.post_message(events.Key(event.key, event.character))
    return True


def describe_entry(entry: SymptomEntry) -> str:
    """``Mon 3 March: pain 4, stiffness 3``: an entry in a few words."""
    scores = []
    if entry.pain is not None:
        scores.append(f"pain {entry.pain}")
    if entry.stiffness is not None:
        scores.append(f"stiffness {entry.stiffness}")
    what = ", ".join(scores) if scores else "no scores"
    return f"{format_day(entry.day)}: {what}"


class LogScreen(Screen[None]):
    """How you feel today (or a past day), and the entries logged recently."""

    DEFAULT_CSS = """
    LogScreen #log {
        padding: 0 1;
    }
    LogScreen #log-heading {
        text-style: bold;
        margin-top: 1;
    }
    LogScreen .log-label {
        color: $text-muted;
        margin-top: 1;
    }
    LogScreen .log-line {
        height: 1;
    }
    LogScreen .log-line > .inline-label {
        width: 34;
    }
    LogScreen .log-line > Input {
        width: 24;
    }
    LogScreen #log-note {
        width: 1fr;
    }
    LogScreen #log-anchors {
        color: $text-muted;
    }
    LogScreen #log-where {
        height: auto;
        border: none;
        padding: 0;
    }
    LogScreen .field-error {
        color: $text-error;
        text-style: bold;
        display: none;
    }
    LogScreen .field-error.shown {
        display: block;
    }
    LogScreen #more-questions {
        height: auto;
        display: none;
    }
    LogScreen #more-questions.-open {
        display: block;
    }
    LogScreen #log-recent {
        height: auto;
        max-height: 12;
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+n", "new_entry", "New entry"),
        Binding("escape", "new_entry", "Cancel edit", show=False),
        Binding("delete,d", "delete", "Delete entry"),
        Binding("m", "more_questions", "More questions"),
        Binding("less_than_sign", "page(-1)", "Older entries", key_display="<", show=False),
        Binding("greater_than_sign", "page(1)", "Newer entries", key_display=">", show=False),
        Binding("a", "about_you", "About you", show=False),
    ]

    #: What help says beyond the keys: how each kind of field takes keys.
    HELP_NOTES = (
        "In the form",
        "  on a score: a digit sets it (1 then 0 makes 10); left and right step it",
        "  on a sign question: y yes, n no, space switches",
        "  where it hurts: space ticks a place; several allowed",
        "  tab and shift+tab move between fields; ctrl+s saves from any of them",
        "Recent entries: enter edits the highlighted entry, d deletes it (asks first)",
    )

    def __init__(self) -> None:
        super().__init__()
        self._editing: SymptomEntry | None = None
        self._recent: list[SymptomEntry] = []
        #: The last day the list of entries shows (``None``: today, following the clock).
        self._until: date | None = None
        #: The form as it was filled, to tell whether anything was typed since.
        self._filled: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        # The scroll container is no tab stop: tab goes from field to field, never to the page.
        with VerticalScroll(id="log", can_focus=False):
            yield Static(id="log-heading", markup=False)
            yield from _typed_line("Date", "date", "today, or YYYY-MM-DD")
            yield Static(SCORE_ANCHORS, id="log-anchors", classes="log-label")
            yield ScoreField("Stiffness", id="log-stiffness")
            yield Static(id="error-stiffness", classes="field-error", markup=False)
            yield ScoreField("Pain", id="log-pain")
            yield Static(id="error-pain", classes="field-error", markup=False)
            yield from _typed_line("Morning stiffness, minutes", "minutes", "optional")
            yield Static("Where it hurts (space ticks; several allowed)", classes="log-label")
            yield PlaceList(PLACES, id="log-where")
            yield Static(id="error-where", classes="field-error", markup=False)
            yield from _typed_line("Note", "note", "optional")
            yield Static("Warning and emergency signs (y yes, n no)", classes="log-label")
            for key in ALWAYS_SHOWN:
                sign = SIGN_BY_KEY[key]
                yield YesNo(sign.key, sign.question, sign.level)
            yield Static(id="more-toggle", classes="log-label")
            with Vertical(id="more-questions"):
                for key in MORE_QUESTIONS:
                    sign = SIGN_BY_KEY[key]
                    yield YesNo(sign.key, sign.question, sign.level)
            yield Static(id="error-sign", classes="field-error", markup=False)
            yield Static("ctrl+s saves · ctrl+n starts a new entry", classes="log-label")
            yield Static(id="log-recent-label", classes="log-label")
            table: DataTable[str] = DataTable(id="log-recent", cursor_type="row")
            yield table
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Symptom log"
        table = self.query_one("#log-recent", DataTable)
        for column in ("Date", "Pain", "Stiffness", "Where", "Yes to", "Note"):
            table.add_column(column, key=column.lower())
        self._fill(None)
        self.reload()
        self.query_one("#log-stiffness", ScoreField).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the recent entries again and redraw the list, keeping the cursor."""
        psoas = psoas_app(self).psoas
        self._recent = psoas.recent_entries(RECENT_DAYS, self._until)
        end = self._until or psoas.clock.today()
        start = end - timedelta(days=RECENT_DAYS - 1)
        span = (
            "Recent entries"
            if self._until is None
            else (f"Entries from {format_day(start)} {start.year} to {format_day(end)} {end.year}")
        )
        self.query_one("#log-recent-label", Static).update(
            f"{span} (enter edits, d deletes; < older, > newer)"
        )
        table = self.query_one("#log-recent", DataTable)
        row = table.cursor_row
        table.clear()
        for entry in self._recent:
            table.add_row(
                format_day(entry.day),
                _score(entry.pain),
                _score(entry.stiffness),
                Text(", ".join(PLACES[place] for place in entry.where)),
                Text(", ".join(statements(stored_sign(key) for key in entry.signs))),
                Text(entry.note if len(entry.note) <= 30 else entry.note[:29] + "…"),
                key=entry.id,
            )
        if self._recent:
            table.move_cursor(row=min(row, len(self._recent) - 1))

    def _fill(self, entry: SymptomEntry | None) -> None:
        """Put ``entry`` in the form to edit it, or an empty new entry for today."""
        self._editing = entry
        self._clear_errors()
        # A new entry's date stays empty, meaning today, so it never goes stale overnight.
        self.query_one("#log-date", Input).value = entry.day.isoformat() if entry else ""
        self.query_one("#log-stiffness", ScoreField).value = entry.stiffness if entry else None
        self.query_one("#log-pain", ScoreField).value = entry.pain if entry else None
        minutes = entry.stiffness_minutes if entry else None
        self.query_one("#log-minutes", Input).value = "" if minutes is None else str(minutes)
        where = self.query_one("#log-where", PlaceList)
        where.deselect_all()
        for place in entry.where if entry else ():
            where.select(place)
        said = {stored_sign(key) for key in entry.signs} if entry else set()
        for question in self.query(YesNo):
            question.value = question.key in said
        if entry is None:
            psoas = psoas_app(self).psoas
            today = psoas.clock.today()
            recent = psoas.recent_entries(MORE_QUESTIONS_EVERY + 1)
            self._show_more(opens_more_questions(recent, today, None))
        else:
            shown = said | {stored_sign(key) for key in entry.asked or ()}
            self._show_more(bool(shown.intersection(MORE_QUESTIONS)))
        self.query_one("#log-note", Input).value = entry.note if entry else ""
        self._filled = self._form_state()
        heading = self.query_one("#log-heading", Static)
        if entry is None:
            heading.update("How do you feel? A new entry")
        else:
            heading.update(
                f"Editing the entry of {format_day(entry.day)}, "
                f"logged {entry.logged_at:%H:%M} (ctrl+n or escape leaves it as it was)"
            )

    def _clear_errors(self) -> None:
        for field in _FIELDS:
            self._show_error(field, "")

    def _show_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#error-{field}", Static)
        error.update(message)
        error.set_class(bool(message), "shown")

    def _read_form(self) -> SymptomEntry | None:
        """The entry as typed, or ``None`` after showing a message at each bad field."""
        clock = psoas_app(self).psoas.clock
        today = clock.today()
        problems: dict[str, str] = {}
        day = today
        typed_day = self.query_one("#log-date", Input).value
        try:
            # The field's placeholder offers "today": typed, it means the same as left empty.
            if typed_day.strip() and typed_day.strip().lower() != "today":
                day = parse_day(typed_day, today, "date")
        except InvalidInput as error:
            problems["date"] = str(error)
        scores: dict[str, int] = {}
        editing = self._editing
        for field in ("stiffness", "pain"):
            value = self.query_one(f"#log-{field}", ScoreField).value
            # An entry the timer's "this hurts" made has no scores: it can be edited (a note
            # added) without inventing them.
            unscored = editing is not None and getattr(editing, field) is None
            if value is None and not unscored:
                problems[field] = f"{field}: not set yet; allowed: a whole number from 0 to 10"
            elif value is not None:
                scores[field] = value
        minutes = None
        try:
            minutes = parse_minutes(self.query_one("#log-minutes", Input).value)
        except EntryRefused as error:
            problems["minutes"] = str(error)
        asked = self._asked()
        entry = SymptomEntry(
            id=editing.id if editing else uuid4().hex,
            day=day,
            logged_at=editing.logged_at if editing else clock.now(),
            pain=scores.get("pain"),
            stiffness=scores.get("stiffness"),
            stiffness_minutes=minutes,
            where=tuple(self.query_one("#log-where", PlaceList).selected),
            signs=tuple(question.key for question in self._questions() if question.value),
            note=self.query_one("#log-note", Input).value,
            asked=asked,
        )
        if not problems:
            try:
                return check_entry(entry, today)
            except EntryRefused as error:
                problems[error.field] = str(error)
        for field, message in problems.items():
            self._show_error(field, message)
        first = next(field for field in _FIELDS if field in problems)
        self._focus_field(first)
        return None

    def _form_state(self) -> tuple[object, ...]:
        return (
            self.query_one("#log-date", Input).value,
            self.query_one("#log-stiffness", ScoreField).value,
            self.query_one("#log-pain", ScoreField).value,
            self.query_one("#log-minutes", Input).value,
            tuple(self.query_one("#log-where", PlaceList).selected),
            tuple(question.value for question in self.query(YesNo)),
            self.query_one("#log-note", Input).value,
        )

    def has_unsaved(self) -> bool:
        """Whether anything was typed in the form since it was filled or saved."""
        return bool(self._filled) and self._form_state() != self._filled

    def _more_open(self) -> bool:
        return self.query_one("#more-questions").has_class("-open")

    def _show_more(self, shown: bool) -> None:
        self.query_one("#more-questions").set_class(shown, "-open")
        self.query_one("#more-toggle", Static).update(
            f"More questions ({len(MORE_QUESTIONS)} more, m hides them)"
            if shown
            else f"More questions: {len(MORE_QUESTIONS)} more signs to ask about (m shows them)"
        )

    def _questions(self) -> list[YesNo]:
        """The sign questions on show: what the entry records as asked."""
        more = self._more_open()
        return [q for q in self.query(YesNo) if more or q.key not in MORE_QUESTIONS]

    def _asked(self) -> tuple[str, ...]:
        return tuple(question.key for question in self._questions())

    def action_page(self, by: int) -> None:
        """Show the 30 days before (or after) the entries on show; never past today, nor
        before the first entry."""
        psoas = psoas_app(self).psoas
        today = psoas.clock.today()
        end = (self._until or today) + timedelta(days=by * RECENT_DAYS)
        first = psoas.first_entry_day()
        if end >= today:
            self._until = None
        elif first is not None and end >= first:
            self._until = end
        else:
            self.notify("There are no older entries.", title="Log")
            return
        self.reload()

    def action_more_questions(self) -> None:
        """Show or hide the further sign questions."""
        self._show_more(not self._more_open())

    def action_about_you(self) -> None:
        """Open the "about you" questions, to answer or change them."""
        psoas_app(self).action_about_you()

    @on(ScoreField.Changed, "#log-pain")
    def _pain_set(self, message: ScoreField.Changed) -> None:
        # Severe pain opens the further questions by themselves.
        if message.value is not None and message.value >= MORE_QUESTIONS_FROM_PAIN:
            self._show_more(True)

    def edit(self, entry_id: str) -> None:
        """Put the entry ``entry_id`` in the form (from the referral prompt's "by mistake")."""
        entry = next((entry for entry in self._recent if entry.id == entry_id), None)
        if entry is None:
            self.notify("That entry is no longer in the last 30 days.", title="Log")
            return
        self._fill(entry)
        self.query_one("#log-stiffness", ScoreField).focus()

    def _focus_field(self, field: str) -> None:
        target = {
            "date": "#log-date",
            "stiffness": "#log-stiffness",
            "pain": "#log-pain",
            "minutes": "#log-minutes",
            "where": "#log-where",
            "note": "#log-note",
        }.get(field)
        if target is not None:
            self.query_one(target).focus()

    def action_save(self) -> None:
        """Check the form and save it; on any problem, say where and keep everything typed."""
        self._clear_errors()
        entry = self._read_form()
        if entry is None:
            self.notify("Nothing was saved: see the marked fields.", severity="warning")
            return
        app = psoas_app(self)
        if not app.save(SaveKind.ENTRY, lambda: app.psoas.log_entry(entry)):
            return
        self.notify(f"Saved {describe_entry(entry)}.")
        self._fill(None)
        self.reload()
        self.query_one("#log-stiffness", ScoreField).focus()

    def action_new_entry(self) -> None:
        """Leave the entry being edited as it was and start a new one."""
        if self._editing is not None:
            self._fill(None)
            self.query_one("#log-stiffness", ScoreField).focus()

    def _selected(self) -> SymptomEntry | None:
        if not self._recent:
            return None
        row = self.query_one("#log-recent", DataTable).cursor_row
        return self._recent[min(row, len(self._recent) - 1)]

    @on(DataTable.RowSelected, "#log-recent")
    def _edit_selected(self) -> None:
        entry = self._selected()
        if entry is not None:
            self._fill(entry)
            self.query_one("#log-stiffness", ScoreField).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return self.focused is self.query_one("#log-recent", DataTable) and bool(self._recent)
        if action == "new_entry":
            return self._editing is not None
        return True

    def action_delete(self) -> None:
        """Delete the highlighted recent entry, after asking."""
        entry = self._selected()
        if entry is None:
            return

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            app = psoas_app(self)
            deleted = app.save(
                SaveKind.ENTRY, lambda: app.psoas.delete_entry(entry.id), failed="Not deleted"
            )
            if not deleted:
                return
            if self._editing is not None and self._editing.id == entry.id:
                self._fill(None)
            self.notify(f"Deleted {describe_entry(entry)}.")
            self.reload()

        self.app.push_screen(
            Confirm(
                f"Delete the entry of {describe_entry(entry)}? This cannot be undone.",
                yes="Delete",
                no="Keep it",
            ),
            answered,
        )


def _typed_line(label: str, field: str, placeholder: str) -> ComposeResult:
    """A labelled one-line text field of the form, with the line for its message below."""
    with Horizontal(classes="log-line"):
        yield Static(label, classes="inline-label")
        yield Input(id=f"log-{field}", placeholder=placeholder, compact=True)
    yield Static(id=f"error-{field}", classes="field-error", markup=False)


def _score(score: int | None) -> str:
    return "-" if score is None else str(score)
