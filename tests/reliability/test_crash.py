"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it reported.

After every kill and at the end: every command whose success was reported is in the log
exactly once; the log has no gap and no duplicate; the read models catch up and equal a
full rebuild; the audit chain verifies. ``BOTU_CRASH_KILLS`` sets the number of kills
(default 20; ``make crash`` runs more).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import botu_testing
from botu_core import Cooperations
from factories import cooperation

KILLS = int(os.environ.get("BOTU_CRASH_KILLS", "20"))
WRITER = Path(__file__).with_name("crash_writer.py")


def run_until_killed(url: str, coop: str, start: int, seconds: float) -> list[str]:
    """Start the writer at command ``start``; once it has recorded its first command, let
    it work ``seconds`` more and kill it. Returns the keys it reported as done."""
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), url, coop, str(start)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # waits for start-up, however busy the machine is
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err
    return [line.split()[1] for line in (first + out).splitlines() if line.startswith("ok ")]


@pytest.mark.slow
def test_nothing_reported_is_lost_under_sigkill(store_url: str) -> None:
    setup = Cooperations(store_url, clock=botu_testing.fixed_clock)
    coop = cooperation(setup)["coop"]
    setup.close()
    rng = random.Random(2028)
    reported: set[str] = set()
    for _ in range(KILLS):
        # Retry the last three commands (as a client would after a crash), then go on.
        last = max((int(k[2:]) for k in reported), default=0)
        # Random moments, so kills land anywhere: in a commit, in a catch-up, in between.
        reported.update(run_until_killed(store_url, coop, max(1, last - 2), rng.uniform(0.0, 0.6)))
    assert len(reported) > KILLS  # the writer did real work between kills

    app = Cooperations(store_url, clock=botu_testing.fixed_clock)
    events = app.events_of(coop)
    assert [e.originator_version for e in events] == list(range(1, len(events) + 1))
    keys = [e.command_key for e in events if e.command_key is not None]
    assert len(keys) == len(set(keys)), "a command was recorded twice"
    assert reported <= set(keys), f"lost: {sorted(reported - set(keys))[:5]}"
    # Read models caught up (a new process catches up on opening) and equal a rebuild.
    live = app.read_models.dump()
    assert app.read_models.position() == app.recorder.max_notification_id()
    app.rebuild_read_models()
    assert app.read_models.dump() == live
    verification = app.audit.verify(coop)
    assert verification.ok, verification
    assert verification.events == len(events)
    app.close()
