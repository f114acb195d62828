"""The storage facade: one open database with its journal, postings and sync attempts."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from pvzdesk.clock import Clock
from pvzdesk.domain.chain import new_uuid7
from pvzdesk.errors import ClockError
from pvzdesk.secrets import anchor_key
from pvzdesk.storage.anchor import ANCHOR_NAME, Anchor, AnchorCheck
from pvzdesk.storage.attempts import Attempts
from pvzdesk.storage.database import connect, quick_check, write_transaction
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.guards import (
    BACKUPS_DIR,
    refuse_a_journal_starting_over,
    refuse_if_shorter_than_anchor,
    restore_triggers,
)
from pvzdesk.storage.journal import Journal
from pvzdesk.storage.lock import InstanceLock
from pvzdesk.storage.postings import Postings

DB_NAME = "journal.sqlite"


@dataclass
class Store:
    db: Database
    path: Path
    device_id: str
    journal: Journal
    postings: Postings
    attempts: Attempts
    lock: InstanceLock | None = field(default=None)
    backups_dir: Path | None = None  # None: the data folder's own backups/ (a setting may move it)

    warnings: list[str] = field(default_factory=list)  # said once to the operator at open
    anchor_mismatch: AnchorCheck | None = None  # found at open; its sentence is among warnings:
    anchor_warning: str = ""  # this one

    def prepare_writes(self) -> None:
        """Do now, in the background, what the first write would otherwise pay for (the
        anchor's key from the OS keyring): the window calls it once it is up."""
        if self.journal.anchor is not None:
            self.journal.anchor.prepare()

    def close(self) -> None:
        if self.journal.anchor is not None:
            # an anchor left behind is never reported as a loss; closing must not fail
            with contextlib.suppress(OSError):
                self.journal.anchor.close()
        self.db.conn.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``; a savepoint when nested): what is read
        inside it cannot change before what is appended inside it commits."""
        outermost = not self.db.conn.in_transaction
        try:
            with storage_errors(self.path), write_transaction(self.db):
                yield
        except ClockError:
            self.journal.record_pending_clock_refusal()  # the refusal itself is journaled
            raise
        except BaseException:
            if outermost:
                self.journal.anchor_due = False  # rolled back: nothing new to anchor
            raise
        if outermost and self.journal.anchor_due:
            self.journal.anchor_head()  # committed: now the head may be anchored

    def check_integrity(self) -> None:
        """``PRAGMA quick_check``; raises StorageError if the file is damaged. Takes ~1.5 s on a
        1M-entry journal, so the GUI runs it in the background right after start."""
        with storage_errors(self.path):
            quick_check(self.db, self.path)

    def reconnect(self, clock: Clock) -> Store:
        """Another connection to the same file, for another thread (no lock, no checks)."""
        store = _assemble(connect(self.path, check_integrity=False), self.path, clock, None)
        store.backups_dir = self.backups_dir
        return store

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    @property
    def backups(self) -> Path:
        return self.backups_dir or self.data_dir / BACKUPS_DIR


def _device_id(db: Database, path: Path, clock: Clock) -> str:
    with storage_errors(path):
        return _read_or_make_device_id(db, path, clock)


def _read_or_make_device_id(db: Database, path: Path, clock: Clock) -> str:
    row = db.conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    if row is not None:
        return str(row[0])
    device_id = new_uuid7(int(clock.now().timestamp() * 1000), os.urandom(10))
    with storage_errors(path), write_transaction(db):
        db.conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?)", (device_id,)
        )
    return str(db.conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0])


def _assemble(db: Database, path: Path, clock: Clock, lock: InstanceLock | None) -> Store:
    device_id = _device_id(db, path, clock)
    anchor = Anchor(
        path.parent / ANCHOR_NAME, lambda: anchor_key(device_id, path.parent)[0], device_id
    )
    return Store(
        db=db,
        path=path,
        device_id=device_id,
        journal=Journal(db, path, device_id, clock, anchor),
        postings=Postings(db),
        attempts=Attempts(db, path),
        lock=lock,
    )


def open_store(
    data_dir: Path,
    clock: Clock,
    *,
    exclusive: bool = True,
    check_integrity: bool = True,
    for_verify: bool = False,
    backups: Path | None = None,
) -> Store:
    """Open (creating if needed) the data directory's journal.

    ``exclusive`` takes the per-directory instance lock: a second pvzdesk is refused clearly.
    """
    lock = InstanceLock(data_dir) if exclusive else None
    if lock is not None:
        lock.acquire()
    try:
        path = data_dir / DB_NAME
        refuse_a_journal_starting_over(data_dir, path, backups or data_dir / BACKUPS_DIR)
        db = connect(path, check_integrity=check_integrity)
        try:
            store = _assemble(db, path, clock, lock)
            store.backups_dir = backups
            store.warnings.extend(restore_triggers(db, path))
            if not for_verify:  # verify opens a shortened journal to name what is missing
                refuse_if_shorter_than_anchor(store)
        except BaseException:
            db.conn.close()
            raise
        return store
    except BaseException:
        if lock is not None:
            lock.release()
        raise
