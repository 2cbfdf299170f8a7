"""Errors a user can act on: each names what is wrong and what is allowed."""

from __future__ import annotations


class PsoasError(Exception):
    """An error with a message fit to show a user as it is."""


class InvalidInput(PsoasError):
    """Input the user gave is refused; nothing was written."""


class FileRefused(PsoasError):
    """A file the user keeps (config, routine, import) is refused.

    The message names the file, the place in it, what is wrong and what is allowed.
    """

    def __init__(self, file: str, where: str, problem: str, allowed: str) -> None:
        self.file = file
        self.where = where
        self.problem = problem
        self.allowed = allowed
        place = f"{file}: {where}" if where else file
        super().__init__(f"{place}: {problem}; allowed: {allowed}")
