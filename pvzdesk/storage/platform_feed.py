"""What the platform told us while it was up, kept for when it is not.

- The warm manifest: rows listed by the platform are merged into ``manifest`` (barcodes, places,
  addressee, platform status) without touching what is this point's own (cell, storage deadline);
  ``manifest_origin`` keeps each row's source ("platform" or "import") and when it was seen.
- ``platform_lists``: when each list (the manifest, the cancellation requests) was last fetched,
  so the window can say how old the cached list is.
- ``cancel_requests``: buyers' requests to cancel, by platform id; a parcel with a pending or
  approved one must not be handed out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from pvzdesk.domain.models import ManifestPosting
from pvzdesk.storage.database import write_transaction
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.postings import Postings

SOURCE_PLATFORM = "platform"
SOURCE_IMPORT = "import"
LIST_MANIFEST = "manifest"
LIST_CANCEL_REQUESTS = "cancel_requests"
BLOCKING_STATES = ("ON_APPROVAL", "APPROVED")


@dataclass(frozen=True)
class CancelRequestRow:
    cancellation_id: int
    posting: str
    state: str  # ON_APPROVAL, APPROVED, REJECTED
    initiator: str = ""
    reason: str = ""
    created_at: datetime | None = None


@dataclass(frozen=True)
class Origin:
    source: str
    seen_at: datetime


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class PlatformFeed:
    """Not thread-safe: one instance per connection, per thread."""

    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self._path = path

    # -- the warm manifest ---------------------------------------------------------------------
    def merge_listed(self, rows: Iterable[ManifestPosting], seen_at: datetime) -> int:
        """Merge rows the platform listed; one transaction. A row already here keeps its cell and
        deadline (ours); barcodes, places, addressee (when given) and status are the platform's."""
        postings = Postings(self._db)
        stamp = seen_at.isoformat()
        merged = []
        with storage_errors(self._path), write_transaction(self._db):
            for row in rows:
                known = postings.manifest_row(row.posting)
                if known is not None:
                    row = replace(
                        known,
                        barcodes=tuple(dict.fromkeys((*known.barcodes, *row.barcodes))),
                        places=row.places,
                        customer_name=row.customer_name or known.customer_name,
                        customer_phone=row.customer_phone or known.customer_phone,
                        customer_key=row.customer_key or known.customer_key,
                        platform_status=row.platform_status,
                    )
                merged.append(row)
            count = postings.upsert_manifest(merged, stamp)
            self._db.conn.executemany(
                "INSERT OR REPLACE INTO manifest_origin (posting, source, seen_at) VALUES (?, ?, ?)",
                [(row.posting, SOURCE_PLATFORM, stamp) for row in merged],
            )
            self._note_list(LIST_MANIFEST, stamp, count)
        return count

    def origin(self, posting: str) -> Origin | None:
        """Where the row came from: "platform" (and when it was listed) or "import"."""
        with storage_errors(self._path):
            found = self._db.conn.execute(
                "SELECT source, seen_at FROM manifest_origin WHERE posting = ?", (posting,)
            ).fetchone()
            if found is None:
                updated = self._db.conn.execute(
                    "SELECT updated_at FROM manifest WHERE posting = ?", (posting,)
                ).fetchone()
                moment = _moment(updated[0]) if updated else None
                return Origin(SOURCE_IMPORT, moment) if moment else None
        return Origin(str(found[0]), datetime.fromisoformat(found[1]))

    def last_list(self, kind: str = LIST_MANIFEST) -> datetime | None:
        """When the platform's list of ``kind`` was last fetched whole, or None."""
        with storage_errors(self._path):
            found = self._db.conn.execute(
                "SELECT fetched_at FROM platform_lists WHERE kind = ? ORDER BY id DESC LIMIT 1",
                (kind,),
            ).fetchone()
        return _moment(found[0]) if found else None

    def note_list(self, kind: str, fetched_at: datetime, items: int) -> None:
        with storage_errors(self._path), write_transaction(self._db):
            self._note_list(kind, fetched_at.isoformat(), items)

    def _note_list(self, kind: str, stamp: str, items: int) -> None:
        self._db.conn.execute(
            "INSERT INTO platform_lists (kind, fetched_at, items) VALUES (?, ?, ?)",
            (kind, stamp, items),
        )

    # -- buyers' cancellation requests ---------------------------------------------------------
    def store_cancel_requests(self, requests: Iterable[CancelRequestRow], seen_at: datetime) -> int:
        stamp = seen_at.isoformat()
        rows = [
            (
                r.cancellation_id, r.posting, r.state, r.initiator, r.reason,
                r.created_at.isoformat() if r.created_at else None, stamp,
            )
            for r in requests
        ]  # fmt: skip
        with storage_errors(self._path), write_transaction(self._db):
            self._db.conn.executemany(
                "INSERT OR REPLACE INTO cancel_requests (cancellation_id, posting, state, "
                "initiator, reason, created_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self._note_list(LIST_CANCEL_REQUESTS, stamp, len(rows))
        return len(rows)

    def blocking_request(self, posting: str) -> CancelRequestRow | None:
        """The newest pending or approved cancellation request of ``posting``, if any."""
        found = self._blocking(posting)
        return found[0] if found else None

    def blocking_requests(self) -> list[CancelRequestRow]:
        """Every posting's newest request, when it is pending or approved; by posting."""
        return self._blocking(None)

    def _blocking(self, posting: str | None) -> list[CancelRequestRow]:
        marks = ",".join("?" for _ in BLOCKING_STATES)
        sql = (
            "SELECT cancellation_id, posting, state, initiator, reason, created_at FROM "
            "cancel_requests c WHERE cancellation_id = (SELECT max(cancellation_id) FROM "
            f"cancel_requests WHERE posting = c.posting) AND state IN ({marks})"
        )
        params: tuple[str, ...] = BLOCKING_STATES
        if posting is not None:
            sql += " AND c.posting = ?"
            params = (*params, posting)
        with storage_errors(self._path):
            rows = self._db.conn.execute(sql + " ORDER BY posting", params).fetchall()
        return [
            CancelRequestRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), _moment(r[5]))
            for r in rows
        ]
