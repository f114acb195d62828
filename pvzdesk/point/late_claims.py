"""Claims settled after the entry was written: entries journaled while the desk was isolated are
claimed on reconnect (a number held by another desk is a conflict, stored once for every desk to
see), and claims the counter made without waiting for the server's disk are made durable."""

from __future__ import annotations

import logging
import threading

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.point.claims import CLAIM_KINDS, claim_number, record_conflict, try_claim
from pvzdesk.point.connection import Connection
from pvzdesk.storage import Store
from pvzdesk.storage.peer_copy import PeerCopy, entries_of_kinds_after

log = logging.getLogger("pvzdesk.point")

CLAIMS_THROUGH = "claims_through_seq"
REASSERTED_THROUGH = "claims_reasserted_through_seq"


class LateClaims:
    """Used by the link's thread only; ``granted`` (shared with the counter, under ``lock``) holds
    the numbers of claims granted at the counter whose entries the link has not seen yet."""

    def __init__(
        self,
        device_id: str,
        desk_label: str,
        lock: threading.Lock,
        granted: dict[tuple[str, EntryKind], int],
    ) -> None:
        self.device_id = device_id
        self.desk_label = desk_label
        self._lock = lock
        self._granted = granted

    def claim_pending(self, conn: Connection, store: Store, copy: PeerCopy) -> int:
        """Claim this desk's entries journaled while isolated; record conflicts. Returns how many."""
        through = int(copy.meta(CLAIMS_THROUGH, "0"))
        done = 0
        while True:
            batch = entries_of_kinds_after(store.db, CLAIM_KINDS, through, 500)
            if not batch:
                return done
            known = copy.claimed_ids(e.entry_id for e in batch)
            for entry in batch:
                if entry.entry_id not in known:
                    with self._lock:
                        claim_no = self._granted.pop((entry.posting, entry.kind), None)
                    if claim_no is not None:  # claimed at the counter, just before it was written
                        copy.mark_claimed([(entry, claim_no)], "claimed")
                    else:
                        self._after_the_fact(conn, store, copy, entry)
                        done += 1
                through = entry.seq
            copy.set_meta(CLAIMS_THROUGH, str(through))

    def reassert(self, conn: Connection, store: Store, copy: PeerCopy) -> None:
        """Claims are committed without waiting for the server's disk (``synchronous_commit=off``:
        the counter does not wait twice for an fsync). This round's connection commits with the
        wait, so once a round has re-asserted this desk's newer claims they are on disk; a claim a
        server crash lost is made again here, or found held by another desk: a conflict."""
        through = int(copy.meta(REASSERTED_THROUGH, "0"))
        while True:
            rows = copy.claimed_after(through, 500)
            if not rows:
                return
            for entry_id, posting, seq, claim_no, kind, operator in rows:
                outcome = try_claim(
                    conn,
                    posting=posting,
                    claim_no=claim_no,
                    device_id=self.device_id,
                    desk_name=self.desk_label,
                    operator=operator,
                    kind=EntryKind(kind),
                    entry_id=entry_id,
                )
                if not outcome.granted and outcome.holder is not None:
                    entry = store.journal.get(entry_id)
                    if entry is not None:
                        record_conflict(conn, entry, claim_no, outcome.holder, self.desk_label)
                        copy.mark_claimed([(entry, claim_no)], "conflict")
                through = seq
            # a write that waits for the disk: WAL up to here, the claims above included, is safe
            conn.execute(
                "UPDATE desks SET last_seen = now() WHERE device_id = %s",
                (self.device_id,),
            )
            copy.set_meta(REASSERTED_THROUGH, str(through))

    def _after_the_fact(self, conn: Connection, store: Store, copy: PeerCopy, entry: Entry) -> None:
        claim_no = claim_number(
            store.postings.history(entry.posting), copy.entries_about(entry.posting), before=entry
        )
        outcome = try_claim(
            conn,
            posting=entry.posting,
            claim_no=claim_no,
            device_id=self.device_id,
            desk_name=self.desk_label,
            operator=entry.operator,
            kind=entry.kind,
            entry_id=entry.entry_id,
        )
        if outcome.granted:
            copy.mark_claimed([(entry, claim_no)], "claimed")
            return
        assert outcome.holder is not None
        record_conflict(conn, entry, claim_no, outcome.holder, self.desk_label)
        copy.mark_claimed([(entry, claim_no)], "conflict")
        log.warning("conflict on %s: claim %s held by %s", entry.posting, claim_no, outcome.holder)
