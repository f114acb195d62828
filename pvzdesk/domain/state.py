"""The state of a posting: the manifest row, then every journal entry about it, in order.

``fold`` computes it from scratch; ``apply_entry`` advances it by one entry (storage keeps a cache
of the result so the counter never re-reads a long history). A void removes the voided entry from
the history, so after a void the state is folded again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from pvzdesk.domain.models import DeadlineSource, Entry, EntryKind, ManifestPosting


class PostingStatus(StrEnum):
    UNKNOWN = "unknown"  # neither in the manifest nor in the journal
    EXPECTED = "expected"  # in the manifest, not received yet
    IN_STORAGE = "in_storage"  # received, waiting for the customer
    ISSUED = "issued"
    REFUSED = "refused"  # the customer refused it at the counter; it waits to go back
    RETURNED = "returned"  # the customer brought it back after issue; it waits to go back
    SENT_BACK = "sent_back"  # handed to the carrier as a return to the sender


# Statuses in which the parcel physically sits at the point.
AT_POINT = frozenset({PostingStatus.IN_STORAGE, PostingStatus.REFUSED, PostingStatus.RETURNED})


@dataclass(frozen=True)
class PostingState:
    posting: str
    status: PostingStatus = PostingStatus.UNKNOWN
    in_manifest: bool = False
    cell: str = ""
    places: int = 1
    storage_until: date | None = None
    storage_source: DeadlineSource | None = None
    received_at: datetime | None = None
    issued_at: datetime | None = None
    left_at: datetime | None = None  # when it last left the point (issued or sent back)
    customer_key: str = ""
    last_seq: int = 0

    @property
    def at_point(self) -> bool:
        return self.status in AT_POINT


def from_manifest(row: ManifestPosting | None, posting: str) -> PostingState:
    if row is None:
        return PostingState(posting=posting)
    return PostingState(
        posting=row.posting,
        status=PostingStatus.EXPECTED,
        in_manifest=True,
        cell=row.cell,
        places=row.places,
        storage_until=row.storage_until,
        storage_source=row.storage_source if row.storage_until else None,
        customer_key=row.customer_key,
    )


def _payload_date(entry: Entry, key: str) -> date | None:
    value = entry.payload.get(key)
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def apply_entry(state: PostingState, entry: Entry) -> PostingState:
    """The state after one (non-voided) entry about this posting."""
    kind = entry.kind
    state = replace(state, last_seq=entry.seq)
    if kind is EntryKind.RECEIVE:
        places = entry.payload.get("places")
        deadline = state.storage_until or _payload_date(entry, "storage_until")
        return replace(
            state,
            status=PostingStatus.IN_STORAGE,
            received_at=state.received_at or entry.wall_time,
            left_at=None,
            places=places if isinstance(places, int) and places > 0 else state.places,
            cell=str(entry.payload.get("cell") or state.cell),
            storage_until=deadline,
            storage_source=state.storage_source or (DeadlineSource.POLICY if deadline else None),
        )
    if kind is EntryKind.PLACE:
        status = state.status if state.at_point else PostingStatus.IN_STORAGE
        return replace(
            state,
            status=status,
            cell=str(entry.payload.get("cell", "")),
            received_at=state.received_at or entry.wall_time,
        )
    if kind is EntryKind.ISSUE:
        return replace(
            state, status=PostingStatus.ISSUED, issued_at=entry.wall_time, left_at=entry.wall_time
        )
    if kind is EntryKind.REFUSE:
        return replace(state, status=PostingStatus.REFUSED, left_at=None)
    if kind is EntryKind.CLIENT_RETURN:
        return replace(state, status=PostingStatus.RETURNED, left_at=None)
    if kind is EntryKind.RETURN_TO_SENDER:
        return replace(state, status=PostingStatus.SENT_BACK, left_at=entry.wall_time)
    if kind in (EntryKind.EXTEND, EntryKind.DEADLINE_SYNC):
        deadline = _payload_date(entry, "storage_until")
        source = entry.payload.get("source", DeadlineSource.OPERATOR)
        return replace(state, storage_until=deadline, storage_source=DeadlineSource(source))
    return state


def voided_entry_ids(entries: Iterable[Entry]) -> set[str]:
    return {
        str(entry.payload.get("voided_entry_id"))
        for entry in entries
        if entry.kind is EntryKind.VOID
    }


def fold(row: ManifestPosting | None, posting: str, entries: Iterable[Entry]) -> PostingState:
    """The state from the manifest row and this posting's entries (any order; sorted by seq)."""
    ordered = sorted(entries, key=lambda entry: entry.seq)
    voided = voided_entry_ids(ordered)
    state = from_manifest(row, posting)
    for entry in ordered:
        if entry.kind is EntryKind.VOID or entry.entry_id in voided:
            state = replace(state, last_seq=max(state.last_seq, entry.seq))
            continue
        state = apply_entry(state, entry)
    return state
