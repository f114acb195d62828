"""Rolling backups with SQLite's online backup API, kept for a number of days."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pvzdesk.durable import PART_SUFFIX, durable_output, fsync_file
from pvzdesk.storage.errors import storage_errors

BACKUP_PREFIX = "journal-"
BACKUP_SUFFIX = ".sqlite"
STAMP = "%Y%m%d-%H%M%S"
# 4 MB a step, each fsynced: the copy never leaves hundreds of MB of dirty pages for the disk to
# write at once, which a scan's commit (its own fsync) then waits behind (p99 325 -> 51 ms measured
# on a 1M-entry journal, a scan every 50 ms).
STEP_PAGES = 1024


@dataclass(frozen=True)
class Pace:
    """How fast a backup may write. The copy sleeps between its steps so it writes at most
    ``bytes_per_second``: a disk busy flushing the copy makes a scan's commit fsync wait behind
    it. The copy also holds one read transaction for its whole run, which keeps the journal's WAL
    from being reset: so a big journal is paced to finish within ``max_seconds`` all the same
    (faster than the rate then), bounding how far the WAL can grow meanwhile."""

    # A daily 600 MB journal: about 40 s. bench/upkeep_io.py (600 MB, a commit every 20 ms on a
    # shared 2-core VM): commit p99 26-28 ms during a copy at disk speed (4 s), 8-16 ms paced,
    # 13-15 ms with no copy at all; 1 MB steps were no better than 4 MB ones (12-16 vs 8-9 ms).
    bytes_per_second: float = 16 * 2**20
    max_seconds: float = 90.0


# The daily upkeep's pace: the counter is scanning meanwhile. A backup a person asked for (the
# CLI, with the window closed) goes at the disk's speed.
UPKEEP_PACE = Pace()


def backup_path(backup_dir: Path, now: datetime) -> Path:
    return backup_dir / f"{BACKUP_PREFIX}{now.strftime(STAMP)}{BACKUP_SUFFIX}"


def list_backups(backup_dir: Path) -> list[tuple[datetime, Path]]:
    found: list[tuple[datetime, Path]] = []
    for path in backup_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"):
        stamp = path.name[len(BACKUP_PREFIX) : -len(BACKUP_SUFFIX)]
        try:
            found.append((datetime.strptime(stamp, STAMP), path))
        except ValueError:
            continue  # not one of ours
    return sorted(found)


def make_backup(
    db_path: Path,
    backup_dir: Path,
    now: datetime,
    anchor_line: str = "",
    *,
    pace: Pace | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Path:
    """Copy the live database page by page, from one snapshot; writers are never blocked.

    The source holds one read transaction for the whole copy (WAL: a reader does not block the
    writers): without it SQLite restarts a copy whenever another connection writes between two
    steps, and a counter scanning every few seconds kept a 1M-entry journal's backup restarting
    for ever (370 restarts in 40 s, never done). ``anchor_line`` (the signed chain head) goes into
    the copy's ``meta`` so a backup carries proof of how far the journal reached when it was
    taken. ``pace``: how fast it may write (None: as fast as the disk goes)."""
    target = backup_path(backup_dir, now.replace(tzinfo=None))
    with storage_errors(target):
        backup_dir.mkdir(parents=True, exist_ok=True)
        prune_partials(backup_dir)
    with storage_errors(target), durable_output(target) as partial:
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, isolation_level=None)
        destination = sqlite3.connect(partial, isolation_level=None)
        try:
            # A temporary file, renamed only once complete and fsynced: it needs no rollback
            # journal (which a killed copy left behind as ``.part-journal``).
            destination.execute("PRAGMA journal_mode = OFF")
            destination.execute("PRAGMA synchronous = OFF")
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM meta").fetchone()  # the snapshot starts here
            page_size = int(source.execute("PRAGMA page_size").fetchone()[0])
            started = time.monotonic()

            def step_done(_status: int, remaining: int, total: int) -> None:
                fsync_file(partial)
                if pace is None:
                    return
                rate = max(pace.bytes_per_second, total * page_size / pace.max_seconds)
                due = (total - remaining) * page_size / rate  # seconds since the start
                ahead = due - (time.monotonic() - started)
                if ahead > 0:
                    sleep(ahead)

            source.backup(destination, pages=STEP_PAGES, progress=step_done)
            source.execute("COMMIT")
            if anchor_line:
                destination.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('anchor', ?)", (anchor_line,)
                )
        finally:
            destination.close()
            source.close()
    return target


def prune_partials(backup_dir: Path) -> list[Path]:
    """Delete what a killed backup left (its temporary copy, named by ``durable_output``, or the
    ``.partial`` of older versions); the caller holds the instance lock, so no backup of this
    folder is running."""
    removed = sorted(
        [
            *backup_dir.glob(f".{BACKUP_PREFIX}*{BACKUP_SUFFIX}{PART_SUFFIX}"),
            *backup_dir.glob(f".{BACKUP_PREFIX}*{BACKUP_SUFFIX}{PART_SUFFIX}-journal"),
            *backup_dir.glob(f"{BACKUP_PREFIX}*.partial"),
        ]
    )
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def prune_backups(backup_dir: Path, now: datetime, keep_days: int) -> list[Path]:
    """Delete backups older than ``keep_days``, always keeping the newest one."""
    backups = list_backups(backup_dir)
    cutoff = now.replace(tzinfo=None) - timedelta(days=keep_days)
    removed = [path for stamp, path in backups[:-1] if stamp < cutoff]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed + prune_partials(backup_dir)


def backup_due(backup_dir: Path, now: datetime, every: timedelta = timedelta(days=1)) -> bool:
    backups = list_backups(backup_dir)
    return not backups or now.replace(tzinfo=None) - backups[-1][0] >= every
