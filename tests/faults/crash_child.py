"""The body of a writing child forked from a forkserver, for the SIGKILL tests.

A forkserver child starts with the store already imported, so a round of kills costs a fork
rather than a Python start-up, and hundreds of kills fit in a CI run. The child runs
``tests/store/writer.py`` unchanged: it opens the database, says ``ready``, waits for the go file,
then saves entries until it is killed, printing each id only once its save has returned.
"""

from __future__ import annotations

import os
import sys
from multiprocessing.connection import Connection

from tests.store import writer


def write_until_killed(data_dir: str, go: str, output: Connection) -> None:
    """Run the writer with its standard output going to ``output``, forever."""
    sys.stdout = os.fdopen(output.fileno(), "w", closefd=False)
    writer.main([data_dir, "0", go])
