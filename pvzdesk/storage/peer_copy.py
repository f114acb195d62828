"""The desk's verified copy of the other desks' entries, and its bookkeeping with the point database.

A separate SQLite file beside the journal (``point.sqlite``): it is a copy that can always be pulled
again, so it never shares a transaction (or a risk) with the journal. It holds the other desks'
entries as pulled and checked (each with the time it arrived here), the desks' names, the conflicts
the point database reported, and which of this desk's own entries have been claimed there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from pvzdesk.domain.chain import canonical_json
from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.storage.database import BUSY_TIMEOUT_MS, write_transaction
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.rows import ENTRY_COLUMNS, entry_from_row

COPY_NAME = "point.sqlite"

migrations = Migrations("pvzdesk-point-copy")


@migrations()
def m001_copy(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE peer_entries (
            seq INTEGER NOT NULL,
            entry_id TEXT NOT NULL UNIQUE,
            device_id TEXT NOT NULL,
            device_seq INTEGER NOT NULL,
            operator TEXT NOT NULL,
            kind TEXT NOT NULL,
            posting TEXT NOT NULL,
            raw BLOB NOT NULL,
            payload TEXT NOT NULL,
            wall_time TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            mono_ns INTEGER NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            pulled_at TEXT NOT NULL,
            PRIMARY KEY (device_id, device_seq)
        ) WITHOUT ROWID;
        CREATE INDEX peer_entries_posting ON peer_entries (posting);
        CREATE TABLE desks (device_id TEXT PRIMARY KEY, desk_name TEXT NOT NULL);
        CREATE TABLE conflicts (id INTEGER PRIMARY KEY, posting TEXT NOT NULL, detail TEXT NOT NULL);
        -- this desk's own entries that needed a claim: claimed, or found in conflict
        CREATE TABLE own_claims (
            entry_id TEXT PRIMARY KEY, posting TEXT NOT NULL, outcome TEXT NOT NULL,
            seq INTEGER NOT NULL, claim_no INTEGER NOT NULL, kind TEXT NOT NULL,
            operator TEXT NOT NULL
        );
        CREATE INDEX own_claims_seq ON own_claims (seq);
        CREATE TABLE copy_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )


@migrations()
def m002_released_claims(db: Database) -> None:
    db.executescript(
        """
        -- claim numbers released because their entry was never written (any desk's, and this
        -- desk's own before the point database has them: pushed = 0)
        CREATE TABLE released_claims (
            posting TEXT NOT NULL, claim_no INTEGER NOT NULL, device_id TEXT NOT NULL,
            kind TEXT NOT NULL, pushed INTEGER NOT NULL, PRIMARY KEY (posting, claim_no)
        );
        """
    )


@dataclass(frozen=True)
class PeerMark:
    device_seq: int
    hash: str
    seq: int


class PeerCopy:
    """Not thread-safe: one instance per thread (``reopen`` for another thread)."""

    def __init__(self, path: Path, *, migrate: bool = True) -> None:
        """``migrate`` once per process, before other threads open the file (``reopen``)."""
        self.path = path
        with storage_errors(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if migrate:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # a copy: it can be pulled again
            self._db = Database(conn)
            if migrate:
                with write_transaction(self._db):
                    migrations.apply(self._db)

    @classmethod
    def beside(cls, journal_path: Path) -> PeerCopy:
        return cls(journal_path.parent / COPY_NAME)

    def reopen(self) -> PeerCopy:
        """Another connection to the same copy, for another thread."""
        return PeerCopy(self.path, migrate=False)

    def close(self) -> None:
        self._db.conn.close()

    # --- pulled entries -----------------------------------------------------------------
    def marks(self) -> dict[str, PeerMark]:
        """Per other desk: the last entry held here (its device_seq, hash and origin seq)."""
        rows = self._db.conn.execute(
            "SELECT p.device_id, p.device_seq, p.hash, p.seq FROM peer_entries p JOIN "
            "(SELECT device_id, max(device_seq) AS top FROM peer_entries GROUP BY device_id) m "
            "ON p.device_id = m.device_id AND p.device_seq = m.top"
        )
        return {str(r[0]): PeerMark(int(r[1]), str(r[2]), int(r[3])) for r in rows}

    def add_entries(self, entries: Sequence[Entry], pulled_at: datetime) -> None:
        """Store verified entries (the caller checked their chain against ``marks``)."""
        if not entries:
            return
        stamp = pulled_at.isoformat()
        rows = [
            (
                e.seq,
                e.entry_id,
                e.device_id,
                e.device_seq,
                e.operator,
                e.kind.value,
                e.posting,
                e.raw,
                canonical_json(e.payload),
                e.wall_time.isoformat(),
                e.utc_offset_min,
                e.mono_ns,
                e.prev_hash,
                e.hash,
                stamp,
            )
            for e in entries
        ]
        with storage_errors(self.path), write_transaction(self._db):
            self._db.conn.executemany(
                f"INSERT OR IGNORE INTO peer_entries ({ENTRY_COLUMNS}, pulled_at) "
                f"VALUES ({','.join('?' * 15)})",
                rows,
            )

    def entries_about(self, posting: str) -> list[tuple[Entry, datetime]]:
        """The other desks' entries about one posting, each with when it arrived here."""
        return [
            (entry_from_row(row[:14]), datetime.fromisoformat(row[14]))
            for row in self._db.conn.execute(
                f"SELECT {ENTRY_COLUMNS}, pulled_at FROM peer_entries WHERE posting = ?",
                (posting,),
            )
        ]

    def entries_by_posting(self) -> dict[str, list[Entry]]:
        """Every pulled entry about a parcel, grouped by posting (one pass, for a first list)."""
        grouped: dict[str, list[Entry]] = {}
        for row in self._db.conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM peer_entries WHERE posting != '' ORDER BY posting"
        ):
            entry = entry_from_row(row)
            grouped.setdefault(entry.posting, []).append(entry)
        return grouped

    def posting_counts(self) -> dict[str, int]:
        """How many pulled entries each parcel has (entries only arrive: a count is a version)."""
        return {
            str(r[0]): int(r[1])
            for r in self._db.conn.execute(
                "SELECT posting, count(*) FROM peer_entries WHERE posting != '' GROUP BY posting"
            )
        }

    def all_entries(self) -> Iterator[Entry]:
        for row in self._db.conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM peer_entries ORDER BY wall_time, device_id, device_seq"
        ):
            yield entry_from_row(row)

    def count(self) -> int:
        return int(self._db.conn.execute("SELECT count(*) FROM peer_entries").fetchone()[0])

    # --- desks and conflicts -------------------------------------------------------------
    def set_desks(self, desks: Iterable[tuple[str, str]]) -> None:
        with storage_errors(self.path), write_transaction(self._db):
            self._db.conn.executemany(
                "INSERT OR REPLACE INTO desks (device_id, desk_name) VALUES (?, ?)", list(desks)
            )

    def desks(self) -> dict[str, str]:
        return {
            str(r[0]): str(r[1])
            for r in self._db.conn.execute("SELECT device_id, desk_name FROM desks")
        }

    def last_conflict_id(self) -> int:
        return int(
            self._db.conn.execute("SELECT coalesce(max(id), 0) FROM conflicts").fetchone()[0]
        )

    def add_conflicts(self, conflicts: Iterable[tuple[int, str, dict[str, Any]]]) -> None:
        with storage_errors(self.path), write_transaction(self._db):
            self._db.conn.executemany(
                "INSERT OR IGNORE INTO conflicts (id, posting, detail) VALUES (?, ?, ?)",
                [
                    (cid, posting, json.dumps(detail, ensure_ascii=False, default=str))
                    for cid, posting, detail in conflicts
                ],
            )

    def conflict_count(self) -> int:
        return int(self._db.conn.execute("SELECT count(*) FROM conflicts").fetchone()[0])

    def conflicts(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for cid, posting, detail in self._db.conn.execute(
            "SELECT id, posting, detail FROM conflicts ORDER BY id"
        ):
            item: dict[str, Any] = json.loads(detail)
            item.update(id=cid, posting=posting)
            found.append(item)
        return found

    # --- own claims -----------------------------------------------------------------------
    def mark_claimed(self, entries: Iterable[tuple[Entry, int]], outcome: str) -> None:
        """Record this desk's entries (each with its claim number) as ``claimed`` or ``conflict``."""
        with storage_errors(self.path), write_transaction(self._db):
            self._db.conn.executemany(
                "INSERT OR REPLACE INTO own_claims "
                "(entry_id, posting, seq, outcome, claim_no, kind, operator) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (e.entry_id, e.posting, e.seq, outcome, claim_no, e.kind.value, e.operator)
                    for e, claim_no in entries
                ],
            )

    def claimed_after(self, seq: int, limit: int) -> list[tuple[str, str, int, int, str, str]]:
        """(entry_id, posting, seq, claim_no, kind, operator) of claims held, after a local seq."""
        return [
            (str(r[0]), str(r[1]), int(r[2]), int(r[3]), str(r[4]), str(r[5]))
            for r in self._db.conn.execute(
                "SELECT entry_id, posting, seq, claim_no, kind, operator FROM own_claims "
                "WHERE outcome = 'claimed' AND seq > ? ORDER BY seq LIMIT ?",
                (seq, limit),
            )
        ]

    def claimed_ids(self, entry_ids: Iterable[str]) -> set[str]:
        wanted = list(entry_ids)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(
                str(r[0])
                for r in self._db.conn.execute(
                    f"SELECT entry_id FROM own_claims WHERE entry_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return found

    def claim_counts(self) -> dict[str, int]:
        return {
            str(r[0]): int(r[1])
            for r in self._db.conn.execute(
                "SELECT outcome, count(*) FROM own_claims GROUP BY outcome"
            )
        }

    def forget_point(self) -> None:
        """Empty the copy: it was pulled from another point database than the one now configured
        (a copy can always be pulled again; this desk's own journal is not touched)."""
        with storage_errors(self.path), write_transaction(self._db):
            for table in (
                "peer_entries",
                "desks",
                "conflicts",
                "own_claims",
                "released_claims",
                "copy_meta",
            ):
                self._db.conn.execute(f"DELETE FROM {table}")

    # --- released claims -------------------------------------------------------------------
    def add_released(self, released: Iterable[tuple[str, int, str, str]], *, pushed: bool) -> None:
        """(posting, claim_no, device_id, kind) of claims released (never written)."""
        with storage_errors(self.path), write_transaction(self._db):
            self._db.conn.executemany(
                "INSERT INTO released_claims (posting, claim_no, device_id, kind, pushed) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (posting, claim_no) "
                "DO UPDATE SET pushed = max(pushed, excluded.pushed)",
                [(p, n, d, k, int(pushed)) for p, n, d, k in released],
            )

    def released_numbers(self, posting: str) -> list[int]:
        return [
            int(r[0])
            for r in self._db.conn.execute(
                "SELECT claim_no FROM released_claims WHERE posting = ? ORDER BY claim_no",
                (posting,),
            )
        ]

    def unpushed_releases(self) -> list[tuple[str, int, str, str]]:
        return [
            (str(r[0]), int(r[1]), str(r[2]), str(r[3]))
            for r in self._db.conn.execute(
                "SELECT posting, claim_no, device_id, kind FROM released_claims WHERE pushed = 0"
            )
        ]

    def released_count(self, device_id: str) -> int:
        row = self._db.conn.execute(
            "SELECT count(*) FROM released_claims WHERE device_id = ?", (device_id,)
        ).fetchone()
        return int(row[0])

    def meta(self, key: str, default: str = "") -> str:
        row = self._db.conn.execute("SELECT value FROM copy_meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        with storage_errors(self.path), write_transaction(self._db):
            self._db.conn.execute(
                "INSERT OR REPLACE INTO copy_meta (key, value) VALUES (?, ?)", (key, value)
            )


def own_entries_after(
    db: Database, device_id: str, after_device_seq: int, limit: int
) -> list[Entry]:
    """This desk's own journal entries after a device sequence number, in order (for a push)."""
    return [
        entry_from_row(row)
        for row in db.conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE device_id = ? AND device_seq > ? "
            "ORDER BY device_seq LIMIT ?",
            (device_id, after_device_seq, limit),
        )
    ]


def own_count(db: Database, device_id: str) -> int:
    row = db.conn.execute(
        "SELECT coalesce(max(device_seq), 0) FROM entries WHERE device_id = ?", (device_id,)
    ).fetchone()
    return int(row[0])


def entries_of_kinds_after(
    db: Database, kinds: Iterable[EntryKind], after_seq: int, limit: int
) -> list[Entry]:
    names = [kind.value for kind in kinds]
    return [
        entry_from_row(row)
        for row in db.conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE seq > ? AND kind IN "
            f"({','.join('?' * len(names))}) AND posting != '' ORDER BY seq LIMIT ?",
            (after_seq, *names, limit),
        )
    ]


def count_of_kinds_after(db: Database, kinds: Iterable[EntryKind], after_seq: int) -> int:
    names = [kind.value for kind in kinds]
    row = db.conn.execute(
        f"SELECT count(*) FROM entries WHERE seq > ? AND kind IN ({','.join('?' * len(names))}) "
        "AND posting != ''",
        (after_seq, *names),
    ).fetchone()
    return int(row[0])
