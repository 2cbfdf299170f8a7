"""Fixtures and helpers for the fault tests: round counts, the UI tests' app factory and the
command-line tests' ``psoas`` runner."""

from __future__ import annotations

import os

from tests.cli.conftest import psoas
from tests.ui.conftest import make_test_app

__all__ = ["ROUNDS_ENV", "fault_rounds", "make_test_app", "psoas"]

#: Raises the rounds of the ``slow`` fault tests, e.g. ``PSOAS_FAULT_ROUNDS=2000 make test``.
ROUNDS_ENV = "PSOAS_FAULT_ROUNDS"


def fault_rounds(default: int) -> int:
    """Rounds for a heavier fault test: ``PSOAS_FAULT_ROUNDS`` if set, else ``default``."""
    value = os.environ.get(ROUNDS_ENV, "")
    return int(value) if value else default
