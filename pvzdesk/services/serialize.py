"""Stable JSON shapes of domain values for ``--json`` output and exports."""

from __future__ import annotations

from typing import Any

from pvzdesk.domain.models import Entry
from pvzdesk.domain.rules import Finding
from pvzdesk.domain.state import PostingState
from pvzdesk.services.messages import describe
from pvzdesk.services.results import OpResult


def raw_text(raw: bytes) -> str:
    """What was scanned, readable: control bytes such as GS shown as \\x1d."""
    return (
        raw.decode("utf-8", errors="backslashreplace").encode("unicode_escape").decode("ascii")
        if any(byte < 0x20 for byte in raw)
        else raw.decode("utf-8", errors="backslashreplace")
    )


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "entry_id": entry.entry_id,
        "device_id": entry.device_id,
        "device_seq": entry.device_seq,
        "operator": entry.operator,
        "kind": entry.kind.value,
        "posting": entry.posting,
        "raw": raw_text(entry.raw),
        "raw_hex": entry.raw.hex(),
        "payload": dict(entry.payload),
        "wall_time": entry.wall_time.isoformat(),
        "utc_offset_min": entry.utc_offset_min,
        "hash": entry.hash,
        "prev_hash": entry.prev_hash,
    }


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "posting": finding.posting,
        "message": describe(finding),
    }


def result_json(result: OpResult) -> dict[str, Any]:
    return {
        "written": [entry_json(entry) for entry in result.entries],
        "findings": [finding_json(finding) for finding in result.findings],
    }


def state_json(state: PostingState) -> dict[str, Any]:
    return {
        "posting": state.posting,
        "status": state.status.value,
        "in_manifest": state.in_manifest,
        "cell": state.cell,
        "places": state.places,
        "storage_until": state.storage_until.isoformat() if state.storage_until else None,
        "storage_source": state.storage_source.value if state.storage_source else None,
        "received_at": state.received_at.isoformat() if state.received_at else None,
        "issued_at": state.issued_at.isoformat() if state.issued_at else None,
    }
