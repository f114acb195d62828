"""The pvzdesk version that last opened this journal (``meta``), to notice an upgrade at open."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from pvzdesk.storage.database import write_transaction
from pvzdesk.storage.errors import storage_errors

META_KEY = "app_version"


def last_app_version(db: Database) -> str:
    """ "" when no version was noted yet (a new journal, or one from before versions were noted)."""
    row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return str(row[0]) if row else ""


def note_app_version(db: Database, path: Path, version: str) -> None:
    with storage_errors(path), write_transaction(db):
        db.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (META_KEY, version),
        )
