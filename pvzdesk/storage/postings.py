"""The manifest (what the platform or an import says the point holds), barcode lookup, and the
cached state of every posting."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from sqlite_utils import Database

from pvzdesk.domain.barcodes import classify
from pvzdesk.domain.customers import HASHED_PREFIX, customer_key_of
from pvzdesk.domain.models import Entry, EntryKind, ManifestPosting
from pvzdesk.domain.state import AT_POINT, PostingState, apply_entry, fold
from pvzdesk.storage.rows import (
    ENTRY_COLUMNS,
    MANIFEST_COLUMNS,
    STATE_COLUMNS,
    entry_from_row,
    manifest_from_row,
    manifest_to_row,
    state_from_row,
    state_to_row,
)

_AT_POINT_SQL = ",".join(f"'{status.value}'" for status in AT_POINT)


class Postings:
    """Not thread-safe: one instance per connection, per thread."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # --- manifest -------------------------------------------------------------------------
    def customer_salt(self) -> str:
        """This journal's salt for customer keys (made on first use; call inside a transaction
        when it may not exist yet)."""
        conn = self._db.conn
        found = conn.execute("SELECT value FROM meta WHERE key = 'customer_salt'").fetchone()
        if found is not None:
            return str(found[0])
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('customer_salt', ?)",
            (secrets.token_hex(16),),
        )
        return str(conn.execute("SELECT value FROM meta WHERE key = 'customer_salt'").fetchone()[0])

    def customer_key(self, phone_or_id: str) -> str:
        """The stored key for a customer's phone or id (to find their parcels)."""
        return customer_key_of(phone_or_id, self.customer_salt())

    def upsert_manifest(self, rows: Iterable[ManifestPosting], updated_at: str) -> int:
        """Insert or replace manifest rows with their barcodes; call inside a transaction.
        Customer keys are stored as salted hashes, never as the phone itself."""
        count = 0
        conn = self._db.conn
        salt = self.customer_salt()
        for row in rows:
            if row.customer_key and not row.customer_key.startswith(HASHED_PREFIX):
                row = replace(row, customer_key=customer_key_of(row.customer_key, salt))
            values = manifest_to_row(row, updated_at)
            conn.execute(
                f"INSERT OR REPLACE INTO manifest ({', '.join(values)}) "
                f"VALUES ({', '.join('?' for _ in values)})",
                tuple(values.values()),
            )
            codes = {row.posting, *(classify(code).text for code in row.barcodes if code)}
            conn.executemany(
                "INSERT OR REPLACE INTO barcodes (code, posting) VALUES (?, ?)",
                [(code, row.posting) for code in codes],
            )
            self.refresh_state(row.posting)
            count += 1
        return count

    def manifest_row(self, posting: str) -> ManifestPosting | None:
        found = self._db.conn.execute(
            f"SELECT {MANIFEST_COLUMNS} FROM manifest WHERE posting = ?", (posting,)
        ).fetchone()
        if found is None:
            return None
        codes = tuple(
            code
            for (code,) in self._db.conn.execute(
                "SELECT code FROM barcodes WHERE posting = ? AND code != ? ORDER BY code",
                (posting, posting),
            )
        )
        return manifest_from_row(found, codes)

    def manifest_count(self) -> int:
        return int(self._db.conn.execute("SELECT count(*) FROM manifest").fetchone()[0])

    def resolve(self, code: str) -> str | None:
        """The posting a scanned code names (posting number, label barcode, return code)."""
        text = classify(code).text
        found = self._db.conn.execute(
            "SELECT posting FROM barcodes WHERE code = ?", (text,)
        ).fetchone()
        return str(found[0]) if found else None

    def postings_of_customer(self, customer_key: str) -> list[str]:
        if not customer_key:
            return []
        return [
            posting
            for (posting,) in self._db.conn.execute(
                "SELECT posting FROM posting_state WHERE customer_key = ? ORDER BY posting",
                (customer_key,),
            )
        ]

    # --- state ------------------------------------------------------------------------------
    def history(self, posting: str) -> list[Entry]:
        return [
            entry_from_row(row)
            for row in self._db.conn.execute(
                f"SELECT {ENTRY_COLUMNS} FROM entries WHERE posting = ? ORDER BY seq", (posting,)
            )
        ]

    def state(self, posting: str) -> PostingState:
        cached = self._db.conn.execute(
            f"SELECT {STATE_COLUMNS} FROM posting_state WHERE posting = ?", (posting,)
        ).fetchone()
        if cached is not None:
            return state_from_row(cached)
        return fold(self.manifest_row(posting), posting, self.history(posting))

    def refresh_state(self, posting: str) -> PostingState:
        """Fold the posting again from the manifest and its whole history (after void, import)."""
        state = fold(self.manifest_row(posting), posting, self.history(posting))
        self._store_state(state)
        return state

    def advance_state(self, entry: Entry) -> None:
        """Keep the cache in step with one new entry, inside the append transaction."""
        if not entry.posting:
            return
        if entry.kind is EntryKind.VOID:
            self.refresh_state(entry.posting)
            return
        self._store_state(apply_entry(self.state(entry.posting), entry))

    def _store_state(self, state: PostingState) -> None:
        values = state_to_row(state)
        self._db.conn.execute(
            f"INSERT OR REPLACE INTO posting_state ({STATE_COLUMNS}) "
            f"VALUES ({', '.join('?' for _ in values)})",
            values,
        )

    def rebuild_states(self) -> int:
        """Recompute every cached state from manifest + journal (a repair tool, never needed
        in normal work)."""
        postings = {
            posting
            for (posting,) in self._db.conn.execute(
                "SELECT posting FROM manifest UNION SELECT DISTINCT posting FROM entries "
                "WHERE posting != ''"
            )
        }
        for posting in postings:
            self.refresh_state(posting)
        return len(postings)

    def state_rows(self, postings: Iterable[str]) -> dict[str, tuple[object, ...]]:
        """The cached state rows of some postings as stored (a cheap fingerprint: a cache above
        that keeps one row's value is still good while the row is the same)."""
        wanted = list(postings)
        found: dict[str, tuple[object, ...]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for row in self._db.conn.execute(
                f"SELECT {STATE_COLUMNS} FROM posting_state "
                f"WHERE posting IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                found[str(row[0])] = tuple(row)
        return found

    def at_point(self) -> Iterator[PostingState]:
        """Every parcel physically at the point, earliest deadline first."""
        for row in self._db.conn.execute(
            f"SELECT {STATE_COLUMNS} FROM posting_state WHERE status IN ({_AT_POINT_SQL}) "
            "ORDER BY storage_until IS NULL, storage_until, posting"
        ):
            yield state_from_row(row)

    def due_by(self, last_day: date) -> list[PostingState]:
        """Parcels at the point whose deadline is on or before ``last_day``."""
        return [
            state_from_row(row)
            for row in self._db.conn.execute(
                f"SELECT {STATE_COLUMNS} FROM posting_state WHERE status IN ({_AT_POINT_SQL}) "
                "AND storage_until IS NOT NULL AND storage_until <= ? "
                "ORDER BY storage_until, posting",
                (last_day.isoformat(),),
            )
        ]

    def all_states(self) -> Iterator[PostingState]:
        for row in self._db.conn.execute(
            f"SELECT {STATE_COLUMNS} FROM posting_state ORDER BY posting"
        ):
            yield state_from_row(row)
