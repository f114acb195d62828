"""Push: a desk sends its own journal entries, in order, to the point or the central database.

Idempotent by construction: the push starts from the database's own high-water mark for this device
(never from a note kept here, which a crash could leave behind), inserts with ``ON CONFLICT DO
NOTHING`` under the ``(device_id, device_seq)`` key, and holds a per-device advisory lock so two
pushers of one desk (the window and a CLI command) take turns. Each batch is one transaction: a kill
of the desk or of the database mid-push leaves whole batches, and the next push resumes after them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from psycopg import sql

from pvzdesk.domain.chain import canonical_json
from pvzdesk.domain.models import Entry
from pvzdesk.errors import PointError
from pvzdesk.i18n import tr
from pvzdesk.point.connection import Connection
from pvzdesk.point.schema import (
    ENTRY_COLUMNS,
    ENTRY_TABLE,
    ENTRY_TYPES,
    SQLSTATE_FORK,
    SQLSTATE_GAP,
    SQLSTATE_LINK,
    Target,
)

PUSH_BATCH = 2_000

# reads this desk's entries after a device_seq, at most ``limit`` of them, in order
EntrySource = Callable[[int, int], list[Entry]]


@dataclass(frozen=True)
class PushResult:
    sent: int  # entries this push inserted
    high_water_mark: int  # the database's last device_seq for this desk after the push


def high_water_mark(conn: Connection, target: Target, device_id: str) -> int:
    query = sql.SQL("SELECT coalesce(max(device_seq), 0) FROM {} WHERE device_id = %s").format(
        sql.Identifier(ENTRY_TABLE[target])
    )
    row = conn.execute(query, (device_id,)).fetchone()
    return int(row[0]) if row else 0  # type: ignore[call-overload]


def _insert_sql(target: Target) -> sql.Composed:
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in ENTRY_COLUMNS)
    arrays = sql.SQL(", ").join(sql.SQL("%s::{}[]").format(sql.SQL(t)) for t in ENTRY_TYPES)
    return sql.SQL(
        "INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays}) "
        "ON CONFLICT (device_id, device_seq) DO NOTHING"
    ).format(table=sql.Identifier(ENTRY_TABLE[target]), columns=columns, arrays=arrays)


def _columns(entries: list[Entry], point_id: str) -> list[list[object]]:
    rows = [
        (
            e.device_id,
            e.device_seq,
            e.seq,
            e.entry_id,
            e.operator,
            e.kind.value,
            e.posting,
            e.raw,
            canonical_json(e.payload),
            e.wall_time.isoformat(),
            e.utc_offset_min,
            e.mono_ns,
            e.prev_hash,
            e.hash,
            point_id,
        )
        for e in entries
    ]
    return [list(column) for column in zip(*rows, strict=True)]


def _lock_key(target: Target, device_id: str) -> str:
    return f"pvzdesk push {target.value} {device_id}"


def push(
    conn: Connection,
    target: Target,
    device_id: str,
    read_entries: EntrySource,
    *,
    point_id: str = "",
    batch: int = PUSH_BATCH,
    should_stop: Callable[[], bool] = lambda: False,
) -> PushResult:
    """Send every entry of this desk the database lacks. Link failures propagate (psycopg errors);
    a refusal of the chain becomes a PointError (it needs a person: the journals disagree)."""
    insert = _insert_sql(target)
    sent = 0
    mark = high_water_mark(conn, target, device_id)
    _check_same_history(conn, target, device_id, mark, read_entries)
    while not should_stop():
        entries = [e for e in read_entries(mark, batch) if e.device_id == device_id]
        if not entries:
            break
        try:
            with conn.transaction():
                conn.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(%s))", (_lock_key(target, device_id),)
                )
                # another pusher of this desk may have gone first while we waited for the lock
                current = high_water_mark(conn, target, device_id)
                fresh = [e for e in entries if e.device_seq > current]
                if fresh:
                    cursor = conn.execute(insert, _columns(fresh, point_id))
                    sent += max(cursor.rowcount, 0)
                mark = max(current, entries[-1].device_seq if fresh else current)
        except psycopg.Error as exc:
            if exc.sqlstate in (SQLSTATE_GAP, SQLSTATE_LINK, SQLSTATE_FORK):
                raise _diverged(target) from exc
            raise
    return PushResult(sent, mark)


def _diverged(target: Target) -> PointError:
    message = (
        tr("The point database refused this desk's entries: they do not follow the ones it holds.")
        if target is Target.POINT
        else tr(
            "The central database refused this desk's entries: they do not follow the ones it holds."
        )
    )
    return PointError(
        message,
        hint=tr(
            "Nothing was lost here. Call support: the journal may have been restored from an old "
            "backup."
        ),
    )


def _check_same_history(
    conn: Connection, target: Target, device_id: str, mark: int, read_entries: EntrySource
) -> None:
    """The database's last entry of this desk must be this journal's entry at that place: a journal
    put back from an old copy (shorter, or with other entries since) is refused, never mixed in."""
    if mark == 0:
        return
    query = sql.SQL("SELECT hash FROM {} WHERE device_id = %s AND device_seq = %s").format(
        sql.Identifier(ENTRY_TABLE[target])
    )
    row = conn.execute(query, (device_id, mark)).fetchone()
    local = read_entries(mark - 1, 1)
    if row is None or not local or local[0].device_seq != mark or local[0].hash != row[0]:
        raise _diverged(target)
