"""One module per ``psoas`` command; none of them imports Textual.

Every command module is imported to build the parser (only the named one when a command is
named), so what only running a command needs is imported inside its ``run``: no command pays for
another's imports.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psoas_tui.context import Context

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

#: What a command does once its arguments are read: the exit code.
Run = Callable[[argparse.Namespace, "Context"], int]

#: The attribute of an option holding the words shell completion offers for its value.
OFFERED = "psoas_offered"


def add_command(
    subparsers: Subparsers,
    common: argparse.ArgumentParser,
    name: str,
    run: Run,
    **options: Any,
) -> argparse.ArgumentParser:
    """Add the command ``name``, taking the options every command takes, and run by ``run``."""
    parser = subparsers.add_parser(name, parents=[common], **options)
    parser.set_defaults(func=run)
    return parser


def offer(action: argparse.Action, words: Iterable[str]) -> None:
    """Let shell completion (``psoas completion``) offer ``words`` for the value of ``action``.

    Not argparse's ``choices``: the command checks such a value itself, so a wrong one is told
    in the command's own line naming what is allowed.
    """
    setattr(action, OFFERED, tuple(words))
