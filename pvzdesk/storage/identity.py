"""The journal knows itself: an SQLite application id and a schema marker.

A file that is not a pvzdesk journal is never adopted (our tables added beside someone else's), and
an empty file is never taken for a new journal while backups or the anchor show one existed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pvzdesk.errors import StorageError
from pvzdesk.i18n import tr

APPLICATION_ID = 0x50565A44  # "PVZD"
SCHEMA_MARK = 1  # PRAGMA user_version: the journal format this build writes
OUR_TABLES = frozenset({"meta", "entries", "_sqlite_migrations"})


def _restore_hint() -> str:
    return tr(
        "Do not delete it. Move it aside and run «pvzdesk journal restore» to restore "
        "the latest backup, or call support."
    )


def refuse_foreign(path: Path) -> StorageError:
    return StorageError(
        tr("The file {path} is not a pvzdesk journal: it belongs to another program.", path=path),
        hint=tr(
            "Nothing was changed in it. Choose another data folder (--data-dir), or move the "
            "file away and run «pvzdesk journal restore»."
        ),
    )


def refuse_empty(path: Path) -> StorageError:
    return StorageError(
        tr("The journal file {path} is empty, but backups of a journal exist.", path=path),
        hint=_restore_hint(),
    )


def check_identity(conn: sqlite3.Connection, path: Path, *, writable: bool) -> None:
    """Refuse a database that is not ours; stamp a new or older journal of ours."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id == APPLICATION_ID:
        return
    if app_id != 0:
        raise refuse_foreign(path)
    tables = {
        str(name)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if tables and not tables >= OUR_TABLES:
        raise refuse_foreign(path)
    if tables and not _has_device_id(conn):
        raise refuse_foreign(path)
    if writable:
        # a new file, or a journal written before the marker existed: stamp it as ours
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_MARK}")


def _has_device_id(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM meta WHERE key = 'device_id'").fetchone() is not None
    except sqlite3.Error:
        return False


def is_our_journal(path: Path) -> bool:
    """A read-only look: is this file a pvzdesk journal (a backup being chosen for restore)?"""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check_identity(conn, path, writable=False)
            return _has_device_id(conn)
        finally:
            conn.close()
    except (sqlite3.Error, StorageError):
        return False
