"""The journal's entries and the manifest's postings, as plain values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

JsonObject = Mapping[str, Any]


class EntryKind(StrEnum):
    RECEIVE = "receive"
    PLACE = "place"
    ISSUE = "issue"
    REFUSE = "refuse"
    CLIENT_RETURN = "client_return"
    RETURN_TO_SENDER = "return_to_sender"
    EXTEND = "extend"
    DEADLINE_SYNC = "deadline_sync"
    VOID = "void"
    EVIDENCE = "evidence"
    INCIDENT_START = "incident_start"
    INCIDENT_END = "incident_end"
    REENTRY_DONE = "reentry_done"
    NOTE = "note"


# Kinds that change what the platform should know about a parcel: these are what reconciles.
PLATFORM_KINDS = frozenset(
    {
        EntryKind.RECEIVE,
        EntryKind.ISSUE,
        EntryKind.REFUSE,
        EntryKind.CLIENT_RETURN,
        EntryKind.RETURN_TO_SENDER,
        EntryKind.EXTEND,
    }
)


class DeadlineSource(StrEnum):
    POLICY = "policy"
    CUSTOMER = "customer"
    PLATFORM = "platform"
    OPERATOR = "operator"
    IMPORT = "import"


@dataclass(frozen=True)
class EntryDraft:
    """An entry as a service wants it written; the journal adds identity, time and the chain."""

    kind: EntryKind
    posting: str = ""
    raw: bytes = b""
    payload: JsonObject = field(default_factory=dict)


@dataclass(frozen=True)
class Entry:
    seq: int
    entry_id: str
    device_id: str
    device_seq: int
    operator: str
    kind: EntryKind
    posting: str
    raw: bytes
    payload: JsonObject
    wall_time: datetime  # aware, UTC
    utc_offset_min: int  # the counter's local offset when written, for showing local time
    mono_ns: int
    prev_hash: str
    hash: str

    @property
    def local_time(self) -> datetime:
        from datetime import timedelta, timezone

        return self.wall_time.astimezone(timezone(timedelta(minutes=self.utc_offset_min)))

    @property
    def from_list_file(self) -> bool:
        """A deadline (or cell) change made by a manifest import, not told by the platform;
        entries written before the source was recorded count as the platform's, as labelled."""
        return self.payload.get("source") == DeadlineSource.IMPORT.value


@dataclass(frozen=True)
class ManifestPosting:
    """What the point expects or holds, as last learned from the platform or an import."""

    posting: str
    barcodes: tuple[str, ...] = ()  # label upper/lower, return code: all resolve to the posting
    places: int = 1
    cell: str = ""
    storage_until: date | None = None
    storage_source: DeadlineSource = DeadlineSource.IMPORT
    customer_name: str = ""
    customer_phone: str = ""
    customer_key: str = ""  # groups postings of one customer (e.g. order or phone hash)
    platform_status: str = ""
