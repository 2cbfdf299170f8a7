"""Typed access to the running app from any widget or screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from psoas_tui.ui.app import PsoasApp


def psoas_app(node: DOMNode) -> PsoasApp:
    """The running ``PsoasApp``, whose ``psoas`` holds every use case."""
    return cast("PsoasApp", node.app)
