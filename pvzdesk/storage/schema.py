"""Schema migrations. Migrations only ever add; applied ones are recorded by sqlite-utils."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("pvzdesk")

APPEND_ONLY_TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: write a new entry instead'); END;
CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: write a void entry instead'); END;
"""


@migrations()
def m001_journal(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE entries (
            seq INTEGER PRIMARY KEY,
            entry_id TEXT NOT NULL UNIQUE,
            device_id TEXT NOT NULL,
            device_seq INTEGER NOT NULL,
            operator TEXT NOT NULL,
            kind TEXT NOT NULL,
            posting TEXT NOT NULL DEFAULT '',
            raw BLOB NOT NULL,
            payload TEXT NOT NULL,
            wall_time TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            mono_ns INTEGER NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (device_id, device_seq)
        );
        CREATE INDEX entries_posting ON entries (posting, seq);
        CREATE INDEX entries_kind ON entries (kind, seq);
        CREATE INDEX entries_wall_time ON entries (wall_time);
        """
    )
    db.executescript(APPEND_ONLY_TRIGGERS.format(table="entries"))


@migrations()
def m002_manifest(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE manifest (
            posting TEXT PRIMARY KEY,
            places INTEGER NOT NULL DEFAULT 1,
            cell TEXT NOT NULL DEFAULT '',
            storage_until TEXT,
            storage_source TEXT NOT NULL DEFAULT 'import',
            customer_name TEXT NOT NULL DEFAULT '',
            customer_phone TEXT NOT NULL DEFAULT '',
            customer_key TEXT NOT NULL DEFAULT '',
            platform_status TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        );
        CREATE INDEX manifest_customer ON manifest (customer_key);
        -- every code that names a posting, the posting number itself included
        CREATE TABLE barcodes (code TEXT PRIMARY KEY, posting TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX barcodes_posting ON barcodes (posting);
        -- a cache of domain.state.fold, kept in step with the journal in the same transaction
        CREATE TABLE posting_state (
            posting TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            in_manifest INTEGER NOT NULL,
            cell TEXT NOT NULL,
            places INTEGER NOT NULL,
            storage_until TEXT,
            storage_source TEXT,
            received_at TEXT,
            issued_at TEXT,
            left_at TEXT,
            customer_key TEXT NOT NULL,
            last_seq INTEGER NOT NULL
        );
        CREATE INDEX posting_state_deadline ON posting_state (status, storage_until);
        CREATE INDEX posting_state_customer ON posting_state (customer_key);
        """
    )


@migrations()
def m003_sync_attempts(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE sync_attempts (
            id INTEGER PRIMARY KEY,
            entry_id TEXT NOT NULL,
            adapter TEXT NOT NULL,
            attempted_at TEXT NOT NULL,
            request_id TEXT NOT NULL DEFAULT '',
            http_status INTEGER,
            outcome TEXT NOT NULL,
            reply TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX sync_attempts_entry ON sync_attempts (entry_id, adapter, id);
        CREATE INDEX sync_attempts_outcome ON sync_attempts (adapter, outcome);
        """
    )
    db.executescript(APPEND_ONLY_TRIGGERS.format(table="sync_attempts"))


@migrations()
def m004_platform_feed(db: Database) -> None:
    """What the platform told us while it was up: where each manifest row came from and when,
    each list fetched, and buyers' cancellation requests (``storage.platform_feed``)."""
    db.executescript(
        """
        CREATE TABLE manifest_origin (
            posting TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            seen_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE platform_lists (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            items INTEGER NOT NULL
        );
        CREATE INDEX platform_lists_kind ON platform_lists (kind, id);
        CREATE TABLE cancel_requests (
            cancellation_id INTEGER PRIMARY KEY,
            posting TEXT NOT NULL,
            state TEXT NOT NULL,
            initiator TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT,
            seen_at TEXT NOT NULL
        );
        CREATE INDEX cancel_requests_posting ON cancel_requests (posting);
        """
    )


def migrate(db: Database) -> None:
    migrations.apply(db)
