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

Assumption (named here): a desk killed after its claim and before its journal write leaves the claim
standing; it is its own the next time, and another desk is refused with its name until a person acts.
The same holds for a write that fails after its claim (a full disk rolls the transaction back).

Why it is not released automatically (yet): only the claiming desk can prove the entry was never
written (its journal moved past the head the claim was made at, and holds no such entry), and it
must decide under its own journal's write lock, or its retry of the same operation could reuse the
claim while another desk takes it. Another desk cannot take the number either: ``(posting,
claim_no)`` admits one row, so a release needs a table of released numbers that every desk counts
(and skips on collision) in the same way, or two desks could be granted one parcel. A design, not
a patch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.point.connection import Connection

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
) -> ClaimOutcome:
    """One round trip when granted, two when lost (to read who holds it)."""
    won = conn.execute(
        "INSERT INTO claims (posting, claim_no, device_id, desk_name, operator, kind, entry_id) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (posting, claim_no) DO NOTHING "
        "RETURNING claimed_at",
        (posting, claim_no, device_id, desk_name, operator, kind.value, entry_id),
    ).fetchone()
    if won is not None:
        return ClaimOutcome(True, claim_no)
    row = conn.execute(
        "SELECT device_id, desk_name, operator, kind, claimed_at, entry_id FROM claims "
        "WHERE posting = %s AND claim_no = %s",
        (posting, claim_no),
    ).fetchone()
    assert row is not None  # claims are never deleted (a trigger refuses it)
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
