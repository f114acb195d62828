"""Queries for retention of customers' personal data in the manifest.

The manifest is not append-only: its customer name and phone may be blanked. The journal's
``entries`` table is never touched here: the facts (codes, times, operator) stay.
"""

from __future__ import annotations

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
            "WHERE (m.customer_name != '' OR m.customer_phone != '') "
            f"AND s.status IN ({statuses}) AND s.left_at IS NOT NULL AND s.left_at < ? "
            "ORDER BY m.posting"
        )
        params = (*LEFT_FOR_GOOD, left_before.astimezone(UTC).isoformat())
        with storage_errors(self._path):
            return [str(row[0]) for row in self._db.conn.execute(sql, params)]

    def purge(self, postings: Sequence[str]) -> int:
        """Blank the customer's name and phone of these postings; return how many changed."""
        changed = 0
        with storage_errors(self._path), write_transaction(self._db):
            for start in range(0, len(postings), _BATCH):
                chunk = list(postings[start : start + _BATCH])
                marks = ",".join("?" for _ in chunk)
                cursor = self._db.conn.execute(
                    "UPDATE manifest SET customer_name = '', customer_phone = '' "
                    f"WHERE posting IN ({marks}) AND (customer_name != '' OR customer_phone != '')",
                    chunk,
                )
                changed += cursor.rowcount
        return changed
