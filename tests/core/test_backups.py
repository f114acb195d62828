"""The daily backup of a journal that is being written to: one snapshot, finished, never restarted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.chain import verify_chain
from pvzdesk.domain.models import EntryDraft, EntryKind
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
