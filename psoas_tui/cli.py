"""The ``psoas`` command: argparse and dispatch.

Textual is imported only when the app itself opens, so the other commands start fast.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, NoReturn

from psoas_tui import __version__
from psoas_tui.core.errors import FileRefused, InvalidInput, PsoasError

if TYPE_CHECKING:
    from psoas_tui.context import Context

#: Modules in ``psoas_tui.commands``, each with ``register(subparsers)``.
COMMANDS = (
    "status",
    "done",
    "log",
    "profile",
    "pause",
    "export",
    "import_",
    "report",
    "restore",
    "demo",
    "remind",
    "completion",
)

#: The commands that only read the database: they work on a read-only or full disk.
_READING = frozenset({"status", "export", "report"})

#: Options of the top level that take a value, so the value is not read as a command.
_VALUED = frozenset({"--data-dir", "--config-dir"})


class _Parser(argparse.ArgumentParser):
    """Bad usage gets one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _common_options(defaults: bool) -> argparse.ArgumentParser:
    # The same options are accepted before and after the command; only the top level sets
    # defaults, so a value given before the command is not reset by the subcommand's parser.
    parser = argparse.ArgumentParser(add_help=False)
    default = None if defaults else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where the database, backups and reports live (env PSOAS_DATA_DIR)",
    )
    parser.add_argument(
        "--config-dir",
        metavar="DIR",
        default=default,
        help="where config.toml and your own routine.toml live (env PSOAS_CONFIG_DIR)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=False if defaults else argparse.SUPPRESS,
        help="show a traceback when something unexpected fails",
    )
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The module of the command ``argv`` names, if it names a known one."""
    values = iter(argv)
    for word in values:
        if word in _VALUED:
            next(values, None)
        elif not word.startswith("-"):
            module = "import_" if word == "import" else word
            return module if module in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line; only the named command's module is imported when ``argv`` names one.

    Without a known command (``psoas``, ``psoas --help``, a typo) every command is registered,
    so help lists them all and a typo is told the choices.
    """
    parser = _Parser(
        prog="psoas",
        description="A daily psoas release routine: hold timer, symptom log, streaks. "
        "Run without a command to open the app.",
        parents=[_common_options(defaults=True)],
    )
    parser.add_argument("--version", action="version", version=f"psoas {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    common = _common_options(defaults=False)
    chosen = _command_in(argv) if argv is not None else None
    for name in (chosen,) if chosen else COMMANDS:
        import_module(f"psoas_tui.commands.{name}").register(subparsers, common)
    # How to build the whole command line, for a command that describes it (completion): the
    # commands never import this module, which imports the app.
    parser.set_defaults(build_parser=build_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``psoas``; return the exit code."""
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(words).parse_args(words)
    from psoas_tui.context import Context
    from psoas_tui.locations import Locations

    try:
        ctx = Context(
            Locations.resolve(args.data_dir, args.config_dir),
            debug=args.debug,
            reading=args.command in _READING,
        )
        if args.command is None:
            from psoas_tui.ui.run import run_app

            return run_app(ctx)
        return _one_shot(args, ctx)
    except BrokenPipeError:
        # The reader of stdout left (``| head``): it asked for no more, so this is no failure.
        # Exit 0 rather than SIGPIPE's 141, so ``set -o pipefail`` scripts do not fail on it, and
        # a command that saved before printing never looks as if it had not.
        from psoas_tui.services.output import silence_stdout

        silence_stdout()
        return 0
    except (InvalidInput, FileRefused) as error:
        print(f"psoas: {error}", file=sys.stderr)
        return 2
    except PsoasError as error:
        print(f"psoas: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if args.debug:
            raise
        print(
            f"psoas: unexpected error: {error.__class__.__name__}: {error} "
            "(run with --debug for details)",
            file=sys.stderr,
        )
        return 1


def _one_shot(args: argparse.Namespace, ctx: Context) -> int:
    """Run a command with no garbage collection: the process ends soon after, and a collection
    would only walk the loaded history to find it alive (a sixth of ``psoas status`` at ten
    years). Reference counting still frees everything else as it goes.

    What is still buffered for stdout is flushed here, where a failure is answered like any
    other, rather than by Python at exit, which can only say "Exception ignored" and exit 120.
    """
    from psoas_tui.services.output import flush_stdout

    enabled = gc.isenabled()
    gc.disable()
    try:
        code: int = args.func(args, ctx)
    finally:
        if enabled:
            gc.enable()
    flush_stdout()
    return code
