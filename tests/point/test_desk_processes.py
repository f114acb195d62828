"""Desks as real processes: the point database killed while a desk works; three desks pushing to
the central database while desks and the database are killed at random."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

from pvzdesk.clock import SystemClock
from pvzdesk.point.pull import _entry as entry_from_db
from pvzdesk.point.pull import verified_prefix
from pvzdesk.storage import open_store
from tests.point.conftest import desk_env, write_desk_settings
from tests.point.pg import Cluster


def wait_for(condition: Callable[[], bool], what: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


class DeskProcess:
    """A running desk_worker; a reader thread collects what it acknowledged."""

    def __init__(self, data_dir: Path, prefix: str) -> None:
        self.lines: list[tuple[str, str]] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.point.desk_worker", str(data_dir), prefix],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=desk_env(),
            cwd=Path(__file__).resolve().parents[2],
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline().strip()
        assert first == "ready", self.process.stderr.read() if self.process.stderr else first
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            entry_id, _, state = line.strip().partition(" ")
            self.lines.append((entry_id, state))

    def acknowledged(self) -> list[str]:
        return [entry_id for entry_id, _ in list(self.lines)]

    def states(self) -> list[str]:
        return [state for _, state in list(self.lines)]

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._reader.join(timeout=10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def db_entry_ids(url: str, table: str) -> set[str]:
    with psycopg.connect(url, connect_timeout=2) as conn:
        return {str(r[0]) for r in conn.execute(f"SELECT entry_id FROM {table}")}


def db_ids_or_empty(url: str, table: str) -> set[str]:
    try:
        return db_entry_ids(url, table)
    except psycopg.Error:
        return set()


def test_the_point_database_killed_while_a_desk_works(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    data_dir = tmp_path / "desk-1"
    write_desk_settings(data_dir, "1", point_url=url)
    desk = DeskProcess(data_dir, "9001")
    try:
        wait_for(lambda: len(db_ids_or_empty(url, "entries")) >= 20, "the first pushes")
        pg_cluster.kill()
        try:
            before = len(desk.acknowledged())
            # the desk goes on, isolated: its journal keeps taking entries
            wait_for(lambda: "isolated" in desk.states()[before:], "the desk to see it isolated")
            wait_for(lambda: len(desk.acknowledged()) >= before + 40, "work while isolated")
        finally:
            pg_cluster.start()
        written = set(desk.acknowledged())
        # it catches up on its own: every entry it confirmed reaches the point database
        wait_for(lambda: written <= db_ids_or_empty(url, "entries"), "the desk to catch up")
        wait_for(lambda: desk.states()[-1:] == ["connected"], "the link to come back")
    finally:
        desk.kill()


def test_three_desks_push_to_central_through_random_kills(
    tmp_path: Path, pg_cluster: Cluster, central_db: str
) -> None:
    url = pg_cluster.url(central_db)
    rng = random.Random(20261202)
    dirs = [tmp_path / f"desk-{n}" for n in (1, 2, 3)]
    for n, data_dir in enumerate(dirs, 1):
        write_desk_settings(data_dir, str(n), central_url=url)
    desks = [DeskProcess(d, f"{n}000") for n, d in enumerate(dirs, 1)]
    try:
        for round_number in range(5):
            if round_number == 2:
                # the database dies mid-push (the desks push every ~0.2 s) and comes back
                wait_for(lambda: len(db_ids_or_empty(url, "journal")) > 50, "pushes in flight")
                pg_cluster.kill()
                pg_cluster.start()
            victim = rng.randrange(3)
            target, before = desks[victim], len(desks[victim].acknowledged())
            wait_for(
                lambda d=target, b=before: len(d.acknowledged()) > b + 5,
                "some work",
            )
            time.sleep(rng.uniform(0.0, 0.2))
            desks[victim].kill()
            desks[victim] = DeskProcess(dirs[victim], f"{victim + 1}{round_number + 1}00")
    finally:
        for desk in desks:
            desk.kill()
    # one last push from each desk (the CLI), then the central journal is exactly the desks' entries
    for data_dir in dirs:
        subprocess.run(
            [sys.executable, "-m", "pvzdesk", "--data-dir", str(data_dir), "central", "sync"],
            check=True,
            env=desk_env(),
            capture_output=True,
        )
    expected: dict[str, list[str]] = {}
    for data_dir in dirs:
        with open_store(data_dir, SystemClock(), exclusive=False) as store:
            entries = list(store.journal.entries())
            assert store.journal.verify().ok
            expected[store.device_id] = [e.hash for e in entries]
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT seq, entry_id, device_id, device_seq, operator, kind, posting, raw, payload, "
            "wall_time, utc_offset_min, mono_ns, prev_hash, hash FROM journal "
            "ORDER BY device_id, device_seq"
        ).fetchall()
        total, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT entry_id) FROM journal"
        ).fetchone() or (0, 0)
    assert total == distinct == sum(len(v) for v in expected.values())  # 0 duplicates
    by_device: dict[str, list[tuple[object, ...]]] = {}
    for row in rows:
        by_device.setdefault(str(row[2]), []).append(row)
    assert set(by_device) == set(expected)
    for device_id, device_rows in by_device.items():
        assert [r[3] for r in device_rows] == list(range(1, len(device_rows) + 1))  # 0 gaps
        entries = [entry_from_db(r) for r in device_rows]
        good, intact = verified_prefix(entries, None)
        assert intact and len(good) == len(entries)  # every chain verifies
        assert [e.hash for e in entries] == expected[device_id]
