"""psoas-tui: a keyboard-driven daily psoas release routine with an honest referral prompt."""

__version__ = "0.1.0"
