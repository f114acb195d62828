"""How much the upkeep's disk work delays a scan's commit (DESIGN §11: scan -> durable commit
p99 <= 15 ms while the upkeep runs). Prints figures; asserts nothing.

    .venv/bin/python bench/upkeep_io.py [--entries 1000000] [--modes idle,backup-fast,...]

A writer in this process commits one small row every 20 ms (as the scan writer does: WAL,
``synchronous = FULL``, each commit an fsync) to a copy of the bench's cached 1M-entry journal
(bench/journal.py) and times each commit, while a child process does one upkeep step on that copy
(so the backup's long read transaction holds the writer's WAL as it does at a counter):

- ``idle``: nothing (the floor);
- ``backup-fast``: ``make_backup`` as fast as the disk goes (``pace=None``);
- ``backup-paced``: ``make_backup`` at the daily upkeep's pace (``UPKEEP_PACE``);
- ``check``: ``PRAGMA quick_check`` (reads the whole file);
- a ``-ioidle`` suffix: the child first calls ``priority.lower_this_process_io``.

The journal's pages are mostly in the OS cache after the first run (the reads then cost no disk);
the backup's writes always reach the disk.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_MODES = "idle,backup-fast,backup-fast-ioidle,backup-paced,backup-paced-ioidle,check-ioidle"
IDLE_SECONDS = 8.0
COMMIT_EVERY = 0.02


def cached_journal(entries: int, postings: int) -> Path:
    spec = importlib.util.spec_from_file_location(
        "bench_journal", Path(__file__).with_name("journal.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cached_journal(entries, postings)  # type: ignore[no-any-return]


def child(mode: str, db: Path, out: Path) -> None:
    from pvzdesk.priority import lower_this_process_io
    from pvzdesk.storage import backups
    from pvzdesk.storage.backups import make_backup

    if "BENCH_STEP_PAGES" in os.environ:  # to compare step sizes
        backups.STEP_PAGES = int(os.environ["BENCH_STEP_PAGES"])
    if mode.endswith("-ioidle"):
        print(f"io: {lower_this_process_io()}", file=sys.stderr)
    started = time.perf_counter()
    if mode.startswith("backup-fast"):
        make_backup(db, out, datetime.now())
    elif mode.startswith("backup-paced"):
        pace = backups.UPKEEP_PACE
        if "BENCH_RATE_MB" in os.environ:  # to compare rates
            pace = backups.Pace(float(os.environ["BENCH_RATE_MB"]) * 2**20, pace.max_seconds)
        make_backup(db, out, datetime.now(), pace=pace)
    elif mode.startswith("check"):
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        conn.execute("PRAGMA quick_check").fetchall()
        conn.close()
    print(f"took {time.perf_counter() - started:.1f}", flush=True)


def measure(mode: str, db: Path, work: Path) -> str:
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA synchronous = FULL")
    writer.execute("CREATE TABLE IF NOT EXISTS bench_scans (n INTEGER PRIMARY KEY, body TEXT)")
    out = work / "backups"
    out.mkdir(exist_ok=True)
    process = None
    if mode != "idle":
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", mode, str(db), str(out)],
            stdout=subprocess.PIPE,
            text=True,
        )
    commits: list[float] = []
    wal, wal_peak = db.with_name(db.name + "-wal"), 0
    started = time.perf_counter()
    while True:
        if process is None:
            if time.perf_counter() - started > IDLE_SECONDS:
                break
        elif process.poll() is not None:
            break
        begun = time.perf_counter()
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO bench_scans (body) VALUES (?)", ("x" * 400,))
        writer.execute("COMMIT")
        commits.append((time.perf_counter() - begun) * 1000)
        wal_peak = max(wal_peak, wal.stat().st_size if wal.exists() else 0)
        time.sleep(COMMIT_EVERY)
    writer.close()
    took = ""
    if process is not None:
        assert process.stdout is not None
        took = process.stdout.read().strip()
    for leftover in out.iterdir():
        leftover.unlink()
    ordered = sorted(commits)
    return (
        f"{mode:22} commit p50 {statistics.median(commits):6.1f} ms, "
        f"p99 {ordered[int(0.99 * len(ordered))]:6.1f} ms, max {ordered[-1]:6.1f} ms "
        f"({len(commits)} commits; WAL peak {wal_peak / 2**20:.1f} MB; child {took or '-'} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--modes", default=DEFAULT_MODES)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "DB", "OUT"))
    args = parser.parse_args()
    if args.child:
        mode, db, out = args.child
        child(mode, Path(db), Path(out))
        return
    source = cached_journal(args.entries, args.postings) / "journal.sqlite"
    print(f"journal: a copy of {source} ({source.stat().st_size / 2**20:.0f} MB)")
    print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())} (2 shared cores)")
    with tempfile.TemporaryDirectory(dir=source.parent.parent) as work:
        db = Path(work) / "journal.sqlite"
        shutil.copyfile(source, db)
        for _ in range(args.repeat):
            for mode in args.modes.split(","):
                print(measure(mode, db, Path(work)), flush=True)
    print(f"load average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
