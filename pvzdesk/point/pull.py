"""Pull: the other desks' entries from the point database into this desk's verified copy.

Every pulled entry is checked before it is kept: its hash is recomputed and its ``prev_hash`` must be
the hash of that desk's previous entry here. A desk whose chain does not hold is not copied further
(the pull names it); the database's trigger refuses such rows too, so this is the second lock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pvzdesk.domain.chain import GENESIS_HASH, digest_of
from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.point.connection import Connection
from pvzdesk.storage.peer_copy import PeerCopy, PeerMark

PULL_BATCH = 5_000

_SELECT = (
    "SELECT seq, entry_id, device_id, device_seq, operator, kind, posting, raw, payload, "
    "wall_time, utc_offset_min, mono_ns, prev_hash, hash FROM entries "
    "WHERE device_id = %s AND device_seq > %s ORDER BY device_seq LIMIT %s"
)


@dataclass(frozen=True)
class PullResult:
    pulled: int = 0
    broken_desks: tuple[str, ...] = ()  # device ids whose chain did not verify
    new_conflicts: int = 0
    per_desk: dict[str, int] = field(default_factory=dict)


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(
        seq=int(row[0]),
        entry_id=str(row[1]),
        device_id=str(row[2]),
        device_seq=int(row[3]),
        operator=str(row[4]),
        kind=EntryKind(row[5]),
        posting=str(row[6]),
        raw=bytes(row[7]),
        payload=json.loads(row[8]),
        wall_time=datetime.fromisoformat(str(row[9])),
        utc_offset_min=int(row[10]),
        mono_ns=int(row[11]),
        prev_hash=str(row[12]),
        hash=str(row[13]),
    )


def verified_prefix(entries: list[Entry], mark: PeerMark | None) -> tuple[list[Entry], bool]:
    """The entries that follow ``mark`` and each other with correct hashes; False if one broke."""
    good: list[Entry] = []
    last_seq, last_hash = (mark.device_seq, mark.hash) if mark else (0, "")
    for entry in entries:
        if entry.device_seq != last_seq + 1:
            return good, False
        # a desk's first entry starts the chain, unless its journal began under another id
        first_ok = entry.device_seq == 1 and (entry.prev_hash == GENESIS_HASH or entry.seq > 1)
        if not first_ok and entry.prev_hash != last_hash:
            return good, False
        if digest_of(entry) != entry.hash:
            return good, False
        good.append(entry)
        last_seq, last_hash = entry.device_seq, entry.hash
    return good, True


def pull(conn: Connection, copy: PeerCopy, my_device_id: str, now: datetime) -> PullResult:
    desks = [(str(r[0]), str(r[1])) for r in conn.execute("SELECT device_id, desk_name FROM desks")]
    copy.set_desks(desks)
    # the released claim numbers (holes every desk skips when it counts), before the entries
    copy.add_released(
        [
            (str(r[0]), int(r[1]), str(r[2]), str(r[3]))  # type: ignore[call-overload]
            for r in conn.execute("SELECT posting, claim_no, device_id, kind FROM claim_releases")
        ],
        pushed=True,
    )
    tops = {
        str(r[0]): int(r[1])  # type: ignore[call-overload]
        for r in conn.execute("SELECT device_id, max(device_seq) FROM entries GROUP BY device_id")
    }
    marks = copy.marks()
    pulled = 0
    broken: list[str] = []
    per_desk: dict[str, int] = {}
    for device_id, top in sorted(tops.items()):
        if device_id == my_device_id:
            continue
        mark = marks.get(device_id)
        while (mark.device_seq if mark else 0) < top:
            rows = conn.execute(
                _SELECT, (device_id, mark.device_seq if mark else 0, PULL_BATCH)
            ).fetchall()
            if not rows:
                break
            good, intact = verified_prefix([_entry(row) for row in rows], mark)
            copy.add_entries(good, now)
            pulled += len(good)
            per_desk[device_id] = per_desk.get(device_id, 0) + len(good)
            if good:
                last = good[-1]
                mark = PeerMark(last.device_seq, last.hash, last.seq)
            if not intact:
                broken.append(device_id)
                break
    new_conflicts = _pull_conflicts(conn, copy)
    return PullResult(pulled, tuple(broken), new_conflicts, per_desk)


_CONFLICT_FIELDS = (
    "id",
    "posting",
    "claim_no",
    "holder_device_id",
    "holder_desk",
    "holder_operator",
    "holder_kind",
    "holder_at",
    "entry_id",
    "device_id",
    "desk_name",
    "operator",
    "kind",
    "wall_time",
    "found_at",
)


def _pull_conflicts(conn: Connection, copy: PeerCopy) -> int:
    rows = conn.execute(
        f"SELECT {', '.join(_CONFLICT_FIELDS)} FROM conflicts WHERE id > %s ORDER BY id",
        (copy.last_conflict_id(),),
    ).fetchall()
    items = []
    for row in rows:
        detail = dict(zip(_CONFLICT_FIELDS, row, strict=True))
        for key in ("holder_at", "found_at"):
            value = detail[key]
            detail[key] = value.isoformat() if isinstance(value, datetime) else str(value)
        items.append((int(row[0]), str(row[1]), detail))  # type: ignore[call-overload]
    copy.add_conflicts(items)
    return len(items)
