"""Help: every key of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

INTRO = (
    "psoas-tui is self-care guidance from two articles on releasing the psoas, "
    "not medical advice. Every change is saved at once."
)


class HelpScreen(ModalScreen[None]):
    """The keys active on ``screen``: its own and the app's first, then moving around."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", key_display="?"),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        main: dict[str, list[str]] = {}
        moving: dict[str, list[str]] = {}
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not enabled or not binding.description:
                continue
            # Textual's own widgets bring cursor and scroll keys a user never needs spelt out;
            # the keys this app gives them (``ExerciseTable``'s enter) stay.
            if (binding.key, binding.action) not in _ours(type(node)):
                continue
            group = main if binding.show else moving
            key = binding.key_display or screen.app.get_key_display(binding)
            group.setdefault(binding.description, []).append(key)
        self._groups = (("Keys", main), ("Moving around", moving))
        self._title = screen.sub_title or screen.title or "psoas"
        notes = getattr(screen, "HELP_NOTES", ())
        self._notes: tuple[str, ...] = tuple(notes)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(f"[b]Help: {self._title}[/b]", id="help-title")
            for heading, keys in self._groups:
                if keys:
                    lines = [f"[b]{heading}[/b]"]
                    lines += [
                        f"  [b]{' '.join(dict.fromkeys(shown)):<12}[/b] {description}"
                        for description, shown in keys.items()
                    ]
                    yield Static("\n".join(lines), classes="help-keys", markup=True)
            if self._notes:
                yield Static("\n".join(self._notes), classes="help-keys", markup=False)
            yield Static(INTRO, id="help-intro")
            yield Static("escape or ? closes", id="help-close")


def _ours(kind: type) -> frozenset[tuple[str, str]]:
    """The (key, action) of every binding ``kind`` and its classes in this app declare."""
    return frozenset(
        (key.strip(), binding.action)
        for cls in kind.__mro__
        if cls.__module__.startswith("psoas_tui.")
        for binding in vars(cls).get("BINDINGS", ())
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    )
