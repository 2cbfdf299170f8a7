"""A second process writing to a psoas database, for the lock and crash tests.

    python writer.py DATA_DIR COUNT [GO_FILE]

Opens the database, prints ``ready``, waits for GO_FILE to exist if one is named (so that two
writers start together), then adds COUNT symptom entries (forever if COUNT is 0), printing each
entry's id only once its save has returned.
"""

from __future__ import annotations

import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from psoas_tui.clock import ManualClock
from psoas_tui.core.model import SymptomEntry
from psoas_tui.locations import Locations
from psoas_tui.store.repository import Repository


def main(argv: list[str]) -> None:
    data_dir, count = Path(argv[0]), int(argv[1])
    go = Path(argv[2]) if len(argv) > 2 else None
    clock = ManualClock(datetime(2026, 11, 21, 7, 30, tzinfo=timezone(timedelta(hours=1))))
    with Repository.open(Locations(data_dir, data_dir.parent / "config"), clock) as repo:
        print("ready", flush=True)
        while go is not None and not go.exists():
            time.sleep(0.002)
        written = 0
        while count == 0 or written < count:
            clock.advance(1)
            entry = SymptomEntry(uuid.uuid4().hex, clock.today(), clock.now(), 3, 4, note="stiff")
            repo.save_entry(entry)
            print(entry.id, flush=True)
            written += 1


if __name__ == "__main__":
    main(sys.argv[1:])
