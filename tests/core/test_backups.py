"""The daily backup of a journal that is being written to: one snapshot, finished, never restarted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.chain import verify_chain
from pvzdesk.domain.models import Entry, EntryDraft, EntryKind
from pvzdesk.storage import backups
from pvzdesk.storage.backups import make_backup
from pvzdesk.storage.rows import ENTRY_COLUMNS, entry_from_row


def test_a_backup_taken_while_a_counter_scans_is_one_snapshot_copied_once(
    app: AppContext, data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = [EntryDraft(EntryKind.NOTE, "", b"", {"text": "x" * 400}) for _ in range(300)]
    app.store.journal.append(notes, "operator")
    head_before = app.store.journal.head()[0]
    pages = app.store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    monkeypatch.setattr(backups, "STEP_PAGES", 8)  # many steps for a small journal
    steps: list[int] = []
    real_fsync = backups.fsync_file
    other = open_app(data_dir, clock=clock, exclusive=False)  # the window's scan writer

    def write_between_steps(path: Path) -> None:
        # Between every two steps another connection commits a scan, as a busy counter does.
        steps.append(1)
        if len(steps) <= 500:  # a copy restarting at every write would otherwise never end
            other.counter.receive([f"{9_000_000_000 + len(steps):010d}-0001-1"])
        real_fsync(path)

    monkeypatch.setattr(backups, "fsync_file", write_between_steps)
    try:
        copy_path = make_backup(app.store.path, app.paths.backups, clock.now())
    finally:
        other.close()
    # Copied once: a step per STEP_PAGES of the journal as it was, no restarts.
    assert len(steps) <= pages // 8 + 2
    copy = sqlite3.connect(copy_path)
    try:
        rows = copy.execute(f"SELECT {ENTRY_COLUMNS} FROM entries ORDER BY seq").fetchall()
    finally:
        copy.close()
    entries = [entry_from_row(row) for row in rows]
    assert verify_chain(entries).ok
    # The snapshot of the moment the copy began: the scans written meanwhile are not in it.
    assert entries[-1].seq == head_before
    assert app.store.journal.head()[0] > head_before


def _copied_entries(copy_path: Path) -> list[Entry]:
    copy = sqlite3.connect(copy_path)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = copy.execute(f"SELECT {ENTRY_COLUMNS} FROM entries ORDER BY seq").fetchall()
    finally:
        copy.close()
    return [entry_from_row(row) for row in rows]


def test_a_paced_backup_with_a_scan_landing_in_every_pause_is_one_complete_snapshot(
    app: AppContext, data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = [EntryDraft(EntryKind.NOTE, "", b"", {"text": "x" * 400}) for _ in range(300)]
    app.store.journal.append(notes, "operator")
    head_before = app.store.journal.head()[0]
    monkeypatch.setattr(backups, "STEP_PAGES", 8)
    other = open_app(data_dir, clock=clock, exclusive=False)  # the window's scan writer
    pauses: list[float] = []

    def scan_in_the_pause(seconds: float) -> None:
        # The pause between two steps (not slept: no test waits on the clock) is when the
        # counter writes.
        pauses.append(seconds)
        other.counter.receive([f"{9_000_000_000 + len(pauses):010d}-0001-1"])

    # A slow pace: a pause after every step.
    slow = backups.Pace(bytes_per_second=1024.0, max_seconds=3600.0)
    try:
        copy_path = make_backup(
            app.store.path, app.paths.backups, clock.now(), pace=slow, sleep=scan_in_the_pause
        )
    finally:
        other.close()
    assert len(pauses) >= 2 and all(seconds > 0 for seconds in pauses)
    entries = _copied_entries(copy_path)
    assert verify_chain(entries).ok
    assert entries[-1].seq == head_before  # the moment the copy began, every entry up to it
    assert app.store.journal.head()[0] == head_before + len(pauses)
    assert not list(app.paths.backups.glob(".*"))  # no temporary file left


def test_a_paced_backup_of_a_big_journal_still_ends_within_its_time_bound(
    app: AppContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its read transaction holds the WAL: the copy must not take a day at a slow rate."""
    notes = [EntryDraft(EntryKind.NOTE, "", b"", {"text": "x" * 400}) for _ in range(300)]
    app.store.journal.append(notes, "operator")
    monkeypatch.setattr(backups, "STEP_PAGES", 8)
    pauses: list[float] = []
    crawl = backups.Pace(bytes_per_second=1.0, max_seconds=2.0)  # 1 byte/s: days for this file
    copy_path = make_backup(
        app.store.path, app.paths.backups, clock.now(), pace=crawl, sleep=pauses.append
    )
    # The sleep here returns at once, so each pause asked for is how long the copy should have
    # taken up to that step: the last is the whole copy's time.
    assert pauses and max(pauses) <= 2.0
    assert verify_chain(_copied_entries(copy_path)).ok
