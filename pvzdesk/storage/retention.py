"""Queries for retention of customers' personal data in the manifest.

The manifest is not append-only: its customer name and phone may be blanked. The journal's
``entries`` table is never touched here: the facts (codes, times, operator) stay.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from pvzdesk.storage.database import write_transaction
from pvzdesk.storage.errors import storage_errors

# Statuses after which the parcel has left the point for good.
LEFT_FOR_GOOD = ("issued", "sent_back")
_BATCH = 500


class PersonalData:
    """Not thread-safe: one instance per connection, per thread."""

    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self._path = path

    def candidates(self, left_before: datetime) -> list[str]:
        """Postings with a name or phone kept that left the point before ``left_before``."""
        statuses = ",".join("?" for _ in LEFT_FOR_GOOD)
        sql = (
            "SELECT m.posting FROM manifest m JOIN posting_state s ON s.posting = m.posting "
            "WHERE (m.customer_name != '' OR m.customer_phone != '' OR m.customer_key != '') "
            f"AND s.status IN ({statuses}) AND s.left_at IS NOT NULL AND s.left_at < ? "
            "ORDER BY m.posting"
        )
        params = (*LEFT_FOR_GOOD, left_before.astimezone(UTC).isoformat())
        with storage_errors(self._path):
            return [str(row[0]) for row in self._db.conn.execute(sql, params)]

    def purge(self, postings: Sequence[str]) -> int:
        """Blank the customer's name, phone and key of these postings in every table; return how
        many manifest rows changed. ``secure_delete`` overwrites the old values in the file's
        pages and indexes, and a checkpoint moves them out of the WAL."""
        changed = 0
        conn = self._db.conn
        with storage_errors(self._path):
            conn.execute("PRAGMA secure_delete = ON")
            with write_transaction(self._db):
                for start in range(0, len(postings), _BATCH):
                    chunk = list(postings[start : start + _BATCH])
                    marks = ",".join("?" for _ in chunk)
                    cursor = conn.execute(
                        "UPDATE manifest SET customer_name = '', customer_phone = '', "
                        f"customer_key = '' WHERE posting IN ({marks}) AND (customer_name != '' "
                        "OR customer_phone != '' OR customer_key != '')",
                        chunk,
                    )
                    changed += cursor.rowcount
                    conn.execute(
                        f"UPDATE posting_state SET customer_key = '' WHERE posting IN ({marks})",
                        chunk,
                    )
            if changed:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return changed


def scrub_backups(live: Database, backups: Sequence[Path]) -> list[Path]:
    """Blank, in every backup, the personal data already purged from the live journal (backups
    are kept for days; they must not keep what the journal no longer may). Entries are untouched,
    so a backup's chain stays valid."""
    scrubbed: list[Path] = []
    blanked = [
        str(posting)
        for (posting,) in live.conn.execute(
            "SELECT posting FROM manifest WHERE customer_name = '' AND customer_phone = '' "
            "AND customer_key = ''"
        )
    ]
    if not blanked:
        return scrubbed
    for backup in backups:
        with storage_errors(backup):
            conn = sqlite3.connect(backup, isolation_level=None)
            try:
                conn.execute("PRAGMA secure_delete = ON")
                conn.execute("BEGIN IMMEDIATE")
                changed = 0
                for start in range(0, len(blanked), _BATCH):
                    chunk = blanked[start : start + _BATCH]
                    marks = ",".join("?" for _ in chunk)
                    changed += conn.execute(
                        "UPDATE manifest SET customer_name = '', customer_phone = '', "
                        f"customer_key = '' WHERE posting IN ({marks}) AND (customer_name != '' "
                        "OR customer_phone != '' OR customer_key != '')",
                        chunk,
                    ).rowcount
                    conn.execute(
                        f"UPDATE posting_state SET customer_key = '' WHERE posting IN ({marks})",
                        chunk,
                    )
                conn.execute("COMMIT")
                if changed:
                    conn.execute("VACUUM")  # nothing of the old values left in free pages
                    scrubbed.append(backup)
            finally:
                conn.close()
    return scrubbed
