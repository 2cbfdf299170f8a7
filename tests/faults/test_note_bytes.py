"""A note typed in a terminal that is not set to UTF-8 reaches ``psoas log`` as bytes that are not
UTF-8 text. The refusal says so, in the user's terms, and names the byte; nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

from tests.cli.conftest import Psoas


def test_a_note_of_bytes_that_are_not_utf8_is_refused_saying_so(
    psoas: Psoas, tmp_path: Path
) -> None:
    # As the shell hands it over: the byte 0xFF, decoded by Python as a lone surrogate.
    note = os.fsdecode(b"caf\xe9 au lait")

    done = psoas("log", "--pain", "2", "--stiffness", "2", "--note", note)

    assert done.returncode == 2
    assert done.stderr == (
        "psoas: --note: byte 4 (0xE9) is not UTF-8 text; allowed: text in UTF-8 (set the "
        "terminal to UTF-8)\n"
    )
    assert "surrogate" not in done.stderr
    assert not (tmp_path / "data").exists()
