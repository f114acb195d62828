"""Opening the SQLite file: pragmas for durability, an integrity check, migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from pvzdesk.errors import StorageError
from pvzdesk.i18n import tr
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.identity import check_identity
from pvzdesk.storage.schema import migrate

BUSY_TIMEOUT_MS = 5_000


def connect(path: Path, *, check_integrity: bool = True, read_only: bool = False) -> Database:
    """A connection for the calling thread, in WAL mode with ``synchronous=FULL``.

    ``synchronous=FULL`` makes every commit fsync the WAL: a scan confirmed is on disk.
    """
    with storage_errors(path):
        if read_only:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        db = Database(conn)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check_identity(conn, path, writable=not read_only)  # before WAL touches a foreign file
        if not read_only:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageError(tr("The journal cannot switch to its safe write mode (WAL)."))
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if check_integrity:
            quick_check(db, path)
        if not read_only:
            migrate(db)
        return db


def quick_check(db: Database, path: Path) -> None:
    problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise StorageError(
            tr("The journal file {path} is damaged.", path=path),
            hint=tr(
                "Do not delete it. Restore the latest backup from the backups folder "
                "or call support; new scans are not being saved."
            ),
        )


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """BEGIN IMMEDIATE: take the write lock first, so reading (the chain head, a parcel's state
    for the rules) and appending cannot race another connection.

    Inside an open transaction it nests as a savepoint: an operation that reads, checks and
    appends in several steps is still one commit, and a failing inner step undoes only itself
    unless the caller lets the error out (then the outer transaction rolls back everything)."""
    conn = db.conn
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested_write")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO nested_write")
                conn.execute("RELEASE nested_write")
            raise
        else:
            conn.execute("RELEASE nested_write")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
