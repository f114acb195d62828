"""Converting between table rows and domain values."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from pvzdesk.domain.models import DeadlineSource, Entry, EntryKind, ManifestPosting
from pvzdesk.domain.state import PostingState, PostingStatus

ENTRY_COLUMNS = (
    "seq, entry_id, device_id, device_seq, operator, kind, posting, raw, payload, wall_time, "
    "utc_offset_min, mono_ns, prev_hash, hash"
)


def entry_from_row(row: tuple[Any, ...]) -> Entry:
    return Entry(
        seq=row[0],
        entry_id=row[1],
        device_id=row[2],
        device_seq=row[3],
        operator=row[4],
        kind=EntryKind(row[5]),
        posting=row[6],
        raw=bytes(row[7]),
        payload=json.loads(row[8]),
        wall_time=datetime.fromisoformat(row[9]),
        utc_offset_min=row[10],
        mono_ns=row[11],
        prev_hash=row[12],
        hash=row[13],
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


MANIFEST_COLUMNS = (
    "posting, places, cell, storage_until, storage_source, customer_name, customer_phone, "
    "customer_key, platform_status"
)


def manifest_from_row(row: tuple[Any, ...], barcodes: tuple[str, ...]) -> ManifestPosting:
    return ManifestPosting(
        posting=row[0],
        barcodes=barcodes,
        places=row[1],
        cell=row[2],
        storage_until=_date(row[3]),
        storage_source=DeadlineSource(row[4]),
        customer_name=row[5],
        customer_phone=row[6],
        customer_key=row[7],
        platform_status=row[8],
    )


def manifest_to_row(posting: ManifestPosting, updated_at: str) -> dict[str, Any]:
    return {
        "posting": posting.posting,
        "places": posting.places,
        "cell": posting.cell,
        "storage_until": _iso(posting.storage_until),
        "storage_source": posting.storage_source.value,
        "customer_name": posting.customer_name,
        "customer_phone": posting.customer_phone,
        "customer_key": posting.customer_key,
        "platform_status": posting.platform_status,
        "updated_at": updated_at,
    }


STATE_COLUMNS = (
    "posting, status, in_manifest, cell, places, storage_until, storage_source, received_at, "
    "issued_at, left_at, customer_key, last_seq"
)


def state_from_row(row: tuple[Any, ...]) -> PostingState:
    return PostingState(
        posting=row[0],
        status=PostingStatus(row[1]),
        in_manifest=bool(row[2]),
        cell=row[3],
        places=row[4],
        storage_until=_date(row[5]),
        storage_source=DeadlineSource(row[6]) if row[6] else None,
        received_at=_datetime(row[7]),
        issued_at=_datetime(row[8]),
        left_at=_datetime(row[9]),
        customer_key=row[10],
        last_seq=row[11],
    )


def state_to_row(state: PostingState) -> tuple[Any, ...]:
    return (
        state.posting,
        state.status.value,
        int(state.in_manifest),
        state.cell,
        state.places,
        _iso(state.storage_until),
        state.storage_source.value if state.storage_source else None,
        _iso(state.received_at),
        _iso(state.issued_at),
        _iso(state.left_at),
        state.customer_key,
        state.last_seq,
    )
