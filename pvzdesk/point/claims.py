"""Claims: before an issue, refusal, client return or send-back, the desk claims the parcel.

A claim is a row keyed by ``(posting, claim_no)``; ``claim_no`` is how many such operations on the
parcel this desk knows of (its own and those pulled from the other desks). Two desks that saw the
same history ask for the same number and only one row can exist: the other is refused with who and
when. A desk that missed an operation (not pulled yet, or isolated) asks for a number already taken
and is refused the same way. The count does not depend on the desks' clocks.

An entry journaled while the point database was unreachable is claimed on reconnect with the number
the desk would have asked for then (its own earlier entries plus what it had pulled before it was
written). If that number is held by another desk, both did something to one parcel: a *conflict*,
stored once in the point database for a person at every desk to see; nothing is merged.

A claim whose entry was never written (the desk died between its claim and its write, or the write
failed after it: a full disk rolls the transaction back) would hold the parcel against every other
desk. Only the claiming desk can prove it was never written, so only it releases it
(``late_claims.LateClaims.release_orphans``): the claim notes the desk's journal head when it was
made; once that journal has moved past it (so the claiming transaction has ended: writes to one
journal take turns) and holds no claimed operation on the parcel after it, the number is released
under the journal's write lock (so the desk's own retry cannot reuse it meanwhile), journaled as a
note, and stored in ``claim_releases``. A released number is a hole: every desk skips the released
numbers it knows when it counts (``past_released``), and the database moves a claim that lands on a
released number to the next one (the desk notes the numbers it was moved over). No entry ever holds
a released number, so a desk's count never runs ahead of the true next number: a desk that has not
pulled a release yet asks a lower one and is refused (or moved on) until it has, never granted a
number another desk may also be granted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.point.connection import Connection
from pvzdesk.storage.peer_copy import PeerCopy

CLAIM_KINDS = frozenset(
    {EntryKind.ISSUE, EntryKind.REFUSE, EntryKind.CLIENT_RETURN, EntryKind.RETURN_TO_SENDER}
)


@dataclass(frozen=True)
class Holder:
    device_id: str
    desk_name: str
    operator: str
    kind: EntryKind
    at: datetime  # the database's time of the claim (aware)
    entry_id: str


@dataclass(frozen=True)
class ClaimOutcome:
    granted: bool
    claim_no: int
    holder: Holder | None = None  # who holds it when not granted


def claim_number(
    own: Iterable[Entry], peers: Iterable[tuple[Entry, datetime]], before: Entry | None = None
) -> int:
    """How many claimed operations on one posting the desk knew of (before ``before`` was written)."""
    count = 0
    for entry in own:
        if entry.kind in CLAIM_KINDS and (before is None or entry.seq < before.seq):
            count += 1
    for entry, pulled_at in peers:
        if entry.kind in CLAIM_KINDS and (before is None or pulled_at <= before.wall_time):
            count += 1
    return count


RELEASED_CLAIM = "released_claim_no"  # a note's payload key: this desk released that claim


def released_in(own: Iterable[Entry]) -> list[int]:
    """The claim numbers this desk released on one posting, from its own journal's notes (the
    note is the decision: it is written under the journal's write lock)."""
    return [
        int(entry.payload[RELEASED_CLAIM])
        for entry in own
        if entry.kind is EntryKind.NOTE and isinstance(entry.payload.get(RELEASED_CLAIM), int)
    ]


def past_released(count: int, released: Iterable[int]) -> int:
    """The claim number of the operation after ``count`` claimed ones when the numbers in
    ``released`` are holes (the count-th number that is not released)."""
    number = count
    for hole in sorted(set(released)):
        if hole <= number:
            number += 1
    return number


def passed_over(copy: PeerCopy, posting: str, kind: EntryKind, asked: int, got: int) -> None:
    """The database moved a claim from ``asked`` to ``got`` over released numbers: note them at
    once, so this desk's next count skips them too (else it could ask a number it holds itself,
    which counts as its own retry)."""
    if got > asked:
        copy.add_released([(posting, n, "", kind.value) for n in range(asked, got)], pushed=True)


def try_claim(
    conn: Connection,
    *,
    posting: str,
    claim_no: int,
    device_id: str,
    desk_name: str,
    operator: str,
    kind: EntryKind,
    entry_id: str = "",
    head_seq: int | None = None,
) -> ClaimOutcome:
    """One round trip when granted, two when lost (to read who holds it). A number released by
    its desk (its entry was never written) is passed over: the claim moves to the next one."""
    while True:
        won = conn.execute(
            "INSERT INTO claims (posting, claim_no, device_id, desk_name, operator, kind, "
            "entry_id, head_seq) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (posting, claim_no) DO NOTHING RETURNING claimed_at",
            (posting, claim_no, device_id, desk_name, operator, kind.value, entry_id, head_seq),
        ).fetchone()
        if won is not None:
            return ClaimOutcome(True, claim_no)
        row = conn.execute(
            "SELECT c.device_id, c.desk_name, c.operator, c.kind, c.claimed_at, c.entry_id, "
            "r.posting IS NOT NULL FROM claims c LEFT JOIN claim_releases r "
            "ON r.posting = c.posting AND r.claim_no = c.claim_no "
            "WHERE c.posting = %s AND c.claim_no = %s",
            (posting, claim_no),
        ).fetchone()
        assert row is not None  # claims are never deleted (a trigger refuses it)
        if row[6]:
            claim_no += 1  # released: never written, nobody holds it
            continue
        claimed_at = row[4]
        assert isinstance(claimed_at, datetime)  # timestamptz: aware
        holder = Holder(
            str(row[0]), str(row[1]), str(row[2]), EntryKind(str(row[3])), claimed_at, str(row[5])
        )
        if holder.device_id == device_id:
            return ClaimOutcome(True, claim_no, holder)  # our own earlier claim (a retry)
        return ClaimOutcome(False, claim_no, holder)


def record_conflict(
    conn: Connection, entry: Entry, claim_no: int, holder: Holder, desk_name: str
) -> None:
    """Store a conflict once (keyed by the later entry); every desk pulls it and shows it."""
    conn.execute(
        "INSERT INTO conflicts (posting, claim_no, holder_device_id, holder_desk, holder_operator,"
        " holder_kind, holder_at, entry_id, device_id, desk_name, operator, kind, wall_time) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (entry_id) DO NOTHING",
        (
            entry.posting,
            claim_no,
            holder.device_id,
            holder.desk_name,
            holder.operator,
            holder.kind.value,
            holder.at,
            entry.entry_id,
            entry.device_id,
            desk_name,
            entry.operator,
            entry.kind.value,
            entry.wall_time.isoformat(),
        ),
    )
