"""SQLite failures are classified by their result code, never by message text: full disk,
read-only, I/O error, damaged file, busy are known errors (a Russian sentence and what to do);
misuse, a locked table, a violated constraint are bugs."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from pvzdesk.errors import StorageError
from pvzdesk.i18n import set_language
from pvzdesk.storage.errors import storage_error_from, storage_errors


@pytest.fixture(autouse=True)
def russian() -> Iterator[None]:
    set_language("ru")
    try:
        yield
    finally:
        set_language(None)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "journal.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(b"x" * 500,) for _ in range(2000)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    yield path


def raised(conn: sqlite3.Connection, sql: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        conn.execute(sql).fetchall()
    return caught.value


def sqlite_error_as_raised(kind: type[sqlite3.Error], text: str, name: str, code: int) -> Exception:
    """The exception ``sqlite3`` raises for a result code we cannot provoke here (a failing
    disk): Python sets these attributes itself from SQLite's extended code."""
    error = kind(text)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


def test_a_disk_io_error_is_a_known_error(db: Path) -> None:
    io_error = sqlite_error_as_raised(
        sqlite3.OperationalError, "disk I/O error", "SQLITE_IOERR_WRITE", 778
    )
    known = storage_error_from(io_error, db)
    assert known is not None
    assert "НЕ сохранена" in known.message and "флешку" in known.hint
    pulled = OSError(errno.EIO, "Input/output error")
    assert storage_error_from(pulled, db) is not None


def test_the_message_text_decides_nothing(db: Path) -> None:
    """The same words with another code, or with none, are what the code says."""
    bug_saying_busy = sqlite_error_as_raised(
        sqlite3.OperationalError, "database table is locked", "SQLITE_LOCKED", 6
    )
    assert storage_error_from(bug_saying_busy, db) is None
    no_code = sqlite3.OperationalError("disk is full")
    assert storage_error_from(no_code, db) is None


def test_a_damaged_file_is_known(db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    os.truncate(db, 4096 * 10 + 100)
    error = raised(conn, "SELECT count(*) FROM t")
    conn.close()
    known = storage_error_from(error, db)
    assert known is not None and "повреждён" in known.message


def test_a_read_only_journal_is_known(db: Path) -> None:
    (db.parent / f"{db.name}-shm").mkdir()  # the shared-memory file cannot be made
    conn = sqlite3.connect(db, isolation_level=None)
    error = raised(conn, "INSERT INTO t VALUES (1)")
    conn.close()
    assert error.sqlite_errorname.startswith("SQLITE_READONLY")
    with pytest.raises(StorageError), storage_errors(db):
        raise error


def test_busy_in_another_program_is_known(db: Path) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(db, isolation_level=None, timeout=0)
    error = raised(other, "BEGIN IMMEDIATE")
    holder.execute("COMMIT")
    holder.close()
    other.close()
    assert error.sqlite_errorname == "SQLITE_BUSY"
    assert storage_error_from(error, db) is not None


def test_a_locked_table_and_a_constraint_are_bugs(db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    reading = conn.execute("SELECT x FROM t")
    reading.fetchone()  # a statement still running on this connection...
    locked = raised(conn, "DROP TABLE t")  # ...locks the table against our own DROP
    assert locked.sqlite_errorname == "SQLITE_LOCKED"
    reading.close()
    conn.execute("CREATE TABLE u (x UNIQUE)")
    conn.execute("INSERT INTO u VALUES (1)")
    constraint = raised(conn, "INSERT INTO u VALUES (1)")
    conn.close()
    for bug in (locked, constraint):
        assert storage_error_from(bug, db) is None
        with pytest.raises(sqlite3.Error), storage_errors(db):
            raise bug


def test_misuse_without_a_code_is_a_bug(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.close()
    with pytest.raises(sqlite3.ProgrammingError) as closed:
        conn.execute("SELECT 1")
    assert storage_error_from(closed.value, db) is None
