"""The journal's hash chain: a canonical encoding of an entry and the SHA-256 that links it."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass

from pvzdesk.domain.models import Entry, JsonObject

GENESIS_HASH = "0" * 64


def canonical_json(value: JsonObject) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_digest(
    *,
    seq: int,
    entry_id: str,
    device_id: str,
    device_seq: int,
    operator: str,
    kind: str,
    posting: str,
    raw: bytes,
    payload_json: str,
    wall_time: str,
    utc_offset_min: int,
    mono_ns: int,
    prev_hash: str,
) -> str:
    """SHA-256 over every field, in a fixed order, as one canonical JSON array."""
    fields = [
        seq,
        entry_id,
        device_id,
        device_seq,
        operator,
        kind,
        posting,
        raw.hex(),
        payload_json,
        wall_time,
        utc_offset_min,
        mono_ns,
        prev_hash,
    ]
    return hashlib.sha256(_encode(fields).encode("utf-8")).hexdigest()


def _encode(fields: list[object]) -> str:
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False)


def hashed_text(entry: Entry) -> str:
    """The exact text whose SHA-256 is the entry's hash (for verification files anyone can check)."""
    return _encode(
        [
            entry.seq,
            entry.entry_id,
            entry.device_id,
            entry.device_seq,
            entry.operator,
            entry.kind.value,
            entry.posting,
            entry.raw.hex(),
            canonical_json(entry.payload),
            entry.wall_time.isoformat(),
            entry.utc_offset_min,
            entry.mono_ns,
            entry.prev_hash,
        ]
    )


def digest_of(entry: Entry) -> str:
    return hashlib.sha256(hashed_text(entry).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    head_hash: str
    first_bad_seq: int | None = None
    first_bad_entry_id: str = ""
    reason: str = ""  # "hash" (content changed), "link" (an entry missing or reordered)


def verify_chain(entries: Iterable[Entry]) -> ChainReport:
    """Walk entries in seq order; the first whose hash or link does not hold is named."""
    prev_hash = GENESIS_HASH
    checked = 0
    for entry in entries:
        if entry.prev_hash != prev_hash:
            return ChainReport(False, checked, prev_hash, entry.seq, entry.entry_id, "link")
        if digest_of(entry) != entry.hash:
            return ChainReport(False, checked, prev_hash, entry.seq, entry.entry_id, "hash")
        prev_hash = entry.hash
        checked += 1
    return ChainReport(True, checked, prev_hash)


def new_uuid7(unix_ms: int, random_bytes: bytes | None = None) -> str:
    """A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then randomness; sorts by creation time."""
    rand = random_bytes if random_bytes is not None else os.urandom(10)
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (int.from_bytes(rand[:2], "big") & 0x0FFF) << 64
    value |= 0b10 << 62
    value |= int.from_bytes(rand[2:10], "big") & ((1 << 62) - 1)
    hex_value = f"{value:032x}"
    return "-".join(
        (hex_value[:8], hex_value[8:12], hex_value[12:16], hex_value[16:20], hex_value[20:])
    )
