"""The append-only, hash-chained journal of everything done at the counter."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pvzdesk.clock import Clock
from pvzdesk.domain.chain import (
    GENESIS_HASH,
    ChainReport,
    canonical_json,
    entry_digest,
    new_uuid7,
    verify_chain,
)
from pvzdesk.domain.models import Entry, EntryDraft, EntryKind
from pvzdesk.errors import ClockError
from pvzdesk.storage.anchor import Anchor, AnchorCheck, AnchorKind, compare
from pvzdesk.storage.clock_check import BUILD_DATE, ClockProblem, PreviousEntry, clock_problem
from pvzdesk.storage.clock_words import clock_error
from pvzdesk.storage.database import write_transaction
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.postings import Postings
from pvzdesk.storage.rows import ENTRY_COLUMNS, entry_from_row

VERIFY_BATCH = 5_000


@dataclass(frozen=True)
class EntryFilter:
    kinds: tuple[EntryKind, ...] = ()
    posting: str = ""
    since: datetime | None = None  # wall time, inclusive
    until: datetime | None = None  # wall time, exclusive
    after_seq: int = 0
    text: str = ""  # substring of posting, raw text, operator or payload
    limit: int | None = None
    newest_first: bool = False


class Journal:
    """Not thread-safe: one instance per connection, per thread. Several connections (threads or
    processes) may append safely: the chain head is read under the write lock."""

    def __init__(
        self,
        db: Database,
        path: Path,
        device_id: str,
        clock: Clock,
        anchor: Anchor | None = None,
    ) -> None:
        self._db = db
        self._path = path
        self.device_id = device_id
        self._clock = clock
        self._postings = Postings(db)
        self.anchor = anchor
        self._pending_refusal: tuple[ClockProblem, list[EntryDraft], str] | None = None
        self.anchor_due = False  # appended inside a caller's transaction, not anchored yet

    def append(self, drafts: Sequence[EntryDraft], operator: str) -> list[Entry]:
        """Write the drafts as one durable transaction; return them as entries.

        When this returns, the entries are fsynced (WAL + synchronous=FULL): confirm only now.
        """
        if not drafts:
            return []
        nested = self._db.conn.in_transaction
        with storage_errors(self._path):
            with write_transaction(self._db):
                problem = self._clock_problem()
                if problem is not None and nested:
                    # the caller's transaction rolls back on the error: it records the refusal
                    # afterwards (``record_pending_clock_refusal``, called by ``Store.write``)
                    self._pending_refusal = (problem, list(drafts), operator)
                    raise clock_error(problem, self._clock.now(), self._previous_wall())
                if problem is None:
                    written = self.append_in_transaction(drafts, operator)
                else:
                    written = [self._record_clock_refusal(problem, drafts, operator)]
            if nested:
                # not committed yet: the outermost transaction anchors after its COMMIT (an
                # anchor ahead of a rolled-back commit would accuse the journal of a loss)
                self.anchor_due = True
            else:
                self._anchor_head(written[-1])
        if problem is not None:
            raise clock_error(problem, self._clock.now(), self._previous_wall())
        return written

    def record_pending_clock_refusal(self) -> None:
        """Journal a refusal for a wrong clock whose transaction was rolled back."""
        pending, self._pending_refusal = self._pending_refusal, None
        if pending is None or self._db.conn.in_transaction:
            return
        problem, drafts, operator = pending
        with storage_errors(self._path):
            with write_transaction(self._db):
                note = self._record_clock_refusal(problem, drafts, operator)
            self._anchor_head(note)

    def _previous(self) -> PreviousEntry | None:
        row = self._db.conn.execute(
            "SELECT wall_time, mono_ns, device_id FROM entries ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return PreviousEntry(
            datetime.fromisoformat(row[0]), int(row[1]), str(row[2]) == self.device_id
        )

    def _previous_wall(self) -> datetime | None:
        previous = self._previous()
        return previous.wall_time if previous else None

    def _clock_problem(self) -> ClockProblem | None:
        return clock_problem(self._clock.now(), self._clock.monotonic_ns(), self._previous())

    def clock_error(self) -> ClockError | None:
        """The error a write would be refused with now, or None while the clock looks right
        (the window asks every few seconds to explain a wrong clock until it is set right)."""
        with storage_errors(self._path):
            problem = self._clock_problem()
            if problem is None:
                return None
            return clock_error(problem, self._clock.now(), self._previous_wall())

    def refuse_a_wrong_clock(self) -> None:
        """For commands that count days from today: refuse while the clock is known wrong."""
        with storage_errors(self._path):
            problem = self._clock_problem()
            if problem is not None:
                raise clock_error(problem, self._clock.now(), self._previous_wall(), reading=True)

    def _record_clock_refusal(
        self, problem: ClockProblem, drafts: Sequence[EntryDraft], operator: str
    ) -> Entry:
        """Journal the refused operation, dated no earlier than the last entry (the wall clock
        is the thing known to be wrong), with what the clock showed."""
        previous = self._previous()
        shown = self._clock.now()
        payload = {
            "clock_problem": problem.value,
            "clock_showed": shown.isoformat(),
            "refused": [draft.kind.value for draft in drafts],
            "postings": [draft.posting for draft in drafts if draft.posting],
        }
        at = max(previous.wall_time, BUILD_DATE) if previous else BUILD_DATE
        note = EntryDraft(EntryKind.NOTE, "", b"", payload)
        return self._append_one(note, operator, at=at.astimezone(shown.tzinfo))

    def append_in_transaction(self, drafts: Sequence[EntryDraft], operator: str) -> list[Entry]:
        """Append inside a write transaction the caller holds (an import journals its changes in
        the same transaction as the manifest); the caller then calls ``anchor_head``."""
        return [self._append_one(draft, operator) for draft in drafts]

    def _anchor_head(self, last: Entry) -> None:
        if self.anchor is None:
            return
        self.anchor.post(AnchorKind.HEAD, last.seq, last.hash)  # off the scan path

    def anchor_head(self) -> None:
        """Anchor the current head (after a caller-held transaction committed)."""
        self.anchor_due = False
        if self.anchor is None:
            return
        seq, chain_hash = self.head()
        if seq:
            self.anchor.post(AnchorKind.HEAD, seq, chain_hash)

    def signed_head(self) -> str:
        """The head as a signed anchor line (for backups, reports and bundles); "" without one."""
        if self.anchor is None:
            return ""
        seq, chain_hash = self.head()
        return self.anchor.signed(seq, chain_hash)

    def hash_at(self, seq: int) -> str | None:
        row = self._db.conn.execute("SELECT hash FROM entries WHERE seq = ?", (seq,)).fetchone()
        return str(row[0]) if row else None

    def check_anchor(self, *, check_signature: bool = True) -> AnchorCheck:
        """Compare the journal with the newest anchor line outside it (at open, without the
        signature: loading the key from the keyring costs more than a command may)."""
        if self.anchor is None:
            return compare(None, self.head()[0], None)
        self.anchor.drain()
        line = self.anchor.last(check_signature=check_signature)
        with storage_errors(self._path):
            seq = self.head()[0]
            return compare(
                line,
                seq,
                self.hash_at(line.seq) if line else None,
                check_signature=check_signature,
            )

    def _append_one(self, draft: EntryDraft, operator: str, *, at: datetime | None = None) -> Entry:
        conn = self._db.conn
        head = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
        device_seq = (
            1
            + conn.execute(
                "SELECT coalesce(max(device_seq), 0) FROM entries WHERE device_id = ?",
                (self.device_id,),
            ).fetchone()[0]
        )
        local_now = at or self._clock.now()
        offset = local_now.utcoffset()
        offset_min = int(offset.total_seconds() // 60) if offset is not None else 0
        wall_time = local_now.astimezone(UTC)
        unix_ms = int(wall_time.timestamp() * 1000)
        fields: dict[str, Any] = {
            "seq": seq,
            "entry_id": new_uuid7(unix_ms, os.urandom(10)),
            "device_id": self.device_id,
            "device_seq": device_seq,
            "operator": operator,
            "kind": draft.kind.value,
            "posting": draft.posting,
            "raw": draft.raw,
            "payload_json": canonical_json(draft.payload),
            "wall_time": wall_time.isoformat(),
            "utc_offset_min": offset_min,
            "mono_ns": self._clock.monotonic_ns(),
            "prev_hash": prev_hash,
        }
        digest = entry_digest(**fields)
        row = (
            seq,
            fields["entry_id"],
            self.device_id,
            device_seq,
            operator,
            draft.kind.value,
            draft.posting,
            draft.raw,
            fields["payload_json"],
            fields["wall_time"],
            offset_min,
            fields["mono_ns"],
            prev_hash,
            digest,
        )
        conn.execute(f"INSERT INTO entries ({ENTRY_COLUMNS}) VALUES ({','.join('?' * 14)})", row)
        entry = entry_from_row(row)
        self._postings.advance_state(entry)
        return entry

    # --- reading ----------------------------------------------------------------------------
    def get(self, entry_id: str) -> Entry | None:
        row = self._db.conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE entry_id = ?", (entry_id,)
        ).fetchone()
        return entry_from_row(row) if row else None

    def head(self) -> tuple[int, str]:
        row = self._db.conn.execute(
            "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)

    def count(self) -> int:
        return int(self._db.conn.execute("SELECT count(*) FROM entries").fetchone()[0])

    def entries(self, where: EntryFilter | None = None) -> Iterator[Entry]:
        where = where or EntryFilter()
        clauses = ["seq > ?"]
        params: list[Any] = [where.after_seq]
        if where.kinds:
            clauses.append(f"kind IN ({','.join('?' for _ in where.kinds)})")
            params.extend(kind.value for kind in where.kinds)
        if where.posting:
            clauses.append("posting = ?")
            params.append(where.posting)
        if where.since is not None:
            clauses.append("wall_time >= ?")
            params.append(where.since.astimezone(UTC).isoformat())
        if where.until is not None:
            clauses.append("wall_time < ?")
            params.append(where.until.astimezone(UTC).isoformat())
        if where.text:
            clauses.append(
                "(posting LIKE ? OR CAST(raw AS TEXT) LIKE ? OR operator LIKE ? OR payload LIKE ?"
                " OR entry_id LIKE ?)"
            )
            params.extend([f"%{where.text}%"] * 5)
        order = "DESC" if where.newest_first else "ASC"
        sql = f"SELECT {ENTRY_COLUMNS} FROM entries WHERE {' AND '.join(clauses)} ORDER BY seq {order}"
        if where.limit is not None:
            sql += " LIMIT ?"
            params.append(where.limit)
        with storage_errors(self._path):
            for row in self._db.conn.execute(sql, params):
                yield entry_from_row(row)

    def _all_in_batches(self) -> Iterator[Entry]:
        after = 0
        while True:
            batch = list(self.entries(EntryFilter(after_seq=after, limit=VERIFY_BATCH)))
            if not batch:
                return
            yield from batch
            after = batch[-1].seq

    def verify(self) -> ChainReport:
        """Recompute every hash and link; name the first entry where the chain breaks."""
        return verify_chain(self._all_in_batches())

    def voided_ids(self) -> set[str]:
        return {
            str(entry.payload.get("voided_entry_id"))
            for entry in self.entries(EntryFilter(kinds=(EntryKind.VOID,)))
        }
