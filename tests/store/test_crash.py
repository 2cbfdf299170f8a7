"""A writer killed with SIGKILL at random moments never loses a save that had returned."""

from __future__ import annotations

import random
import signal
import time

from psoas_tui.locations import Locations

from .conftest import OpenRepo, returned_ids, start_writer

#: How many times the writing child is killed. Enough to land kills inside writes in CI time.
KILL_ROUNDS = 30

#: Entries in the database before the first kill, so that each save takes a little while.
SEED_ENTRIES = 200


def test_every_returned_save_survives_sigkill(open_repo: OpenRepo, locations: Locations) -> None:
    rng = random.Random(20261121)
    seeder = start_writer(locations.data_dir, SEED_ENTRIES)
    output, _ = seeder.communicate(timeout=120)
    returned = returned_ids(output)
    assert len(returned) == SEED_ENTRIES
    killed_mid_write = 0

    for round_number in range(KILL_ROUNDS):
        child = start_writer(locations.data_dir, 0)
        time.sleep(rng.uniform(0, 0.04))
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate(timeout=60)
        assert child.returncode == -signal.SIGKILL
        returned |= returned_ids(output)
        if list(locations.data_dir.glob(".psoas*.tmp")):
            killed_mid_write += 1

        repo = open_repo()
        stored = {entry.id for entry in repo.entries()}
        repo.close()
        missing = returned - stored
        assert not missing, f"round {round_number}: {len(missing)} returned saves lost"
        assert not list(locations.data_dir.glob(".psoas*.tmp"))

    # The test proves something only if some kills landed between a save's start and its end.
    assert killed_mid_write > 0
    assert len(returned) > SEED_ENTRIES
