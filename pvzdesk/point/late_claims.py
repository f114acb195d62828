"""Claims settled after the entry was written: entries journaled while the desk was isolated are
claimed on reconnect (a number held by another desk is a conflict, stored once for every desk to
see), claims the counter made without waiting for the server's disk are made durable, and claims
whose entry this desk's journal proves was never written are released (``claims`` says why it is
safe)."""

from __future__ import annotations

import logging
import threading

from pvzdesk.domain.models import Entry, EntryDraft, EntryKind
from pvzdesk.i18n import tr
from pvzdesk.point.claims import (
    CLAIM_KINDS,
    RELEASED_CLAIM,
    claim_number,
    passed_over,
    past_released,
    record_conflict,
    released_in,
    try_claim,
)
from pvzdesk.point.connection import Connection
from pvzdesk.reports.day_report import kind_label
from pvzdesk.storage import Store
from pvzdesk.storage.peer_copy import PeerCopy, entries_of_kinds_after

log = logging.getLogger("pvzdesk.point")

CLAIMS_THROUGH = "claims_through_seq"
REASSERTED_THROUGH = "claims_reasserted_through_seq"
RELEASES_CHECKED = "claims_released_checked_head"  # claims made at a head below it are settled


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

    def release_orphans(self, conn: Connection, store: Store, copy: PeerCopy) -> int:
        """Release this desk's claims whose entry its journal proves was never written; returns
        how many were released now. Decided under the journal's write lock, with the note that
        records the decision, so the counter (any process of this desk) never reuses the number."""
        self._push_releases(conn, store, copy)
        checked = int(copy.meta(RELEASES_CHECKED, "0"))
        candidates = [
            (str(r[0]), int(r[1]), EntryKind(str(r[2])), int(r[3]), str(r[4]))  # type: ignore[call-overload]
            for r in conn.execute(
                "SELECT c.posting, c.claim_no, c.kind, c.head_seq, c.operator FROM claims c "
                "WHERE c.device_id = %s AND c.head_seq >= %s AND NOT EXISTS (SELECT 1 FROM "
                "claim_releases r WHERE r.posting = c.posting AND r.claim_no = c.claim_no) "
                "ORDER BY c.head_seq",
                (self.device_id, checked),
            )
        ]
        if not candidates or min(c[3] for c in candidates) >= store.journal.head()[0]:
            return 0  # nothing settled yet: the counter's write lock is left alone
        released: list[tuple[str, int, str, str]] = []
        with store.write():
            head = store.journal.head()[0]
            for posting, claim_no, kind, head_seq, operator in candidates:
                if head_seq >= head:
                    continue  # nothing written since: its write may still be going on
                own = store.postings.history(posting)
                if claim_no in released_in(own):  # decided before a crash: tell the database now
                    released.append((posting, claim_no, self.device_id, kind.value))
                    continue
                if any(e.kind in CLAIM_KINDS and e.seq > head_seq for e in own):
                    continue  # written (a retry of it, or another operation, took the number)
                payload: dict[str, object] = {
                    "text": tr(
                        "Claim released: «{kind}» of {posting} was claimed at this desk but never "
                        "written.",
                        kind=kind_label(kind),
                        posting=posting,
                    ),
                    RELEASED_CLAIM: claim_no,
                    "kind": kind.value,
                }
                store.journal.append_in_transaction(
                    [EntryDraft(EntryKind.NOTE, posting, b"", payload)], operator
                )
                released.append((posting, claim_no, self.device_id, kind.value))
            unsettled = [c[3] for c in candidates if c[3] >= head]
        copy.set_meta(RELEASES_CHECKED, str(min(unsettled, default=head)))
        if released:
            log.warning("released %d claim(s) whose entries were never written", len(released))
            copy.add_released(released, pushed=False)
            self._push_releases(conn, store, copy)
        return len(released)

    def _push_releases(self, conn: Connection, store: Store, copy: PeerCopy) -> None:
        pending = copy.unpushed_releases()
        for posting, claim_no, device_id, kind in pending:
            conn.execute(
                "INSERT INTO claim_releases (posting, claim_no, device_id, desk_name, kind) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (posting, claim_no) DO NOTHING",
                (posting, claim_no, device_id, self.desk_label, kind),
            )
        if pending:
            copy.add_released(pending, pushed=True)

    def _after_the_fact(self, conn: Connection, store: Store, copy: PeerCopy, entry: Entry) -> None:
        own = store.postings.history(entry.posting)
        claim_no = past_released(
            claim_number(own, copy.entries_about(entry.posting), before=entry),
            [*copy.released_numbers(entry.posting), *released_in(own)],
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
        passed_over(copy, entry.posting, entry.kind, claim_no, outcome.claim_no)
        claim_no = outcome.claim_no  # moved past the released numbers the database knows
        if outcome.granted:
            copy.mark_claimed([(entry, claim_no)], "claimed")
            return
        assert outcome.holder is not None
        record_conflict(conn, entry, claim_no, outcome.holder, self.desk_label)
        copy.mark_claimed([(entry, claim_no)], "conflict")
        log.warning("conflict on %s: claim %s held by %s", entry.posting, claim_no, outcome.holder)
