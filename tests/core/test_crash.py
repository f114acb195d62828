"""A confirmed scan survives SIGKILL: a real child process is killed while it writes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from pvzdesk.clock import SystemClock
from pvzdesk.storage import open_store

WRITER = """
import sys
from pvzdesk.app import open_app
app = open_app(sys.argv[1])
n = 0
print("ready", flush=True)
while True:
    n += 1
    posting = f"{10000000 + n % 50000:08d}-0001-{n % 90 + 1}"
    # mixes the normal path (receive/extend/issue keep the state cache) and plain appends
    result = app.counter.receive([posting]) if n % 3 else app.counter.note(f"note {n}")
    for entry in result.entries:
        print(entry.entry_id, flush=True)  # acknowledged only after the commit returned
"""

ROUNDS = 30


def run_round(data_dir: Path, rng: random.Random) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    time.sleep(rng.uniform(0.01, 0.25))
    os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate()
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, err
    return [line for line in out.splitlines() if line]


def test_acknowledged_entries_survive_sigkill(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    acknowledged: list[str] = []
    for _ in range(ROUNDS):
        acknowledged.extend(run_round(tmp_path, rng))
    assert len(acknowledged) > ROUNDS  # the writer really wrote between the kills
    store = open_store(tmp_path, SystemClock())
    try:
        present = {row[0] for row in store.db.conn.execute("SELECT entry_id FROM entries")}
        missing = [entry_id for entry_id in acknowledged if entry_id not in present]
        assert missing == []
        report = store.journal.verify()
        assert report.ok, report
        assert report.checked == len(present)
    finally:
        store.close()
