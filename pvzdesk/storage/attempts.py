"""Sync attempts: per entry and adapter, an append-only list of what was tried and what came of it.

The outbox is a view over it: journal entries whose latest outcome is not final.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pvzdesk.storage.errors import storage_errors


@dataclass(frozen=True)
class Attempt:
    entry_id: str
    adapter: str
    attempted_at: datetime
    outcome: str  # applied, already_applied, rejected, conflict, retryable, unknown
    request_id: str = ""
    http_status: int | None = None
    reply: str = ""  # the platform's reply as received (JSON text), for people and support
    detail: str = ""


ATTEMPT_COLUMNS = "entry_id, adapter, attempted_at, outcome, request_id, http_status, reply, detail"


def attempt_from_row(row: tuple[Any, ...]) -> Attempt:
    """A row of ATTEMPT_COLUMNS, in that order."""
    return Attempt(
        entry_id=row[0],
        adapter=row[1],
        attempted_at=datetime.fromisoformat(row[2]),
        outcome=row[3],
        request_id=row[4],
        http_status=row[5],
        reply=row[6],
        detail=row[7],
    )


class Attempts:
    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self._path = path

    def record(self, attempts: Iterable[Attempt]) -> None:
        rows = [
            (
                a.entry_id,
                a.adapter,
                a.attempted_at.isoformat(),
                a.request_id,
                a.http_status,
                a.outcome,
                a.reply,
                a.detail,
            )
            for a in attempts
        ]
        if not rows:
            return
        with storage_errors(self._path):
            conn = self._db.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany(
                    "INSERT INTO sync_attempts (entry_id, adapter, attempted_at, request_id, "
                    "http_status, outcome, reply, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def latest(self, adapter: str) -> dict[str, Attempt]:
        """The latest attempt of every entry this adapter has tried."""
        sql = (
            f"SELECT {ATTEMPT_COLUMNS} FROM sync_attempts WHERE id IN "
            "(SELECT max(id) FROM sync_attempts WHERE adapter = ? GROUP BY entry_id)"
        )
        with storage_errors(self._path):
            return {row[0]: attempt_from_row(row) for row in self._db.conn.execute(sql, (adapter,))}

    def history(self, entry_id: str, adapter: str | None = None) -> list[Attempt]:
        sql = f"SELECT {ATTEMPT_COLUMNS} FROM sync_attempts WHERE entry_id = ?"
        params: list[str] = [entry_id]
        if adapter:
            sql += " AND adapter = ?"
            params.append(adapter)
        return [
            attempt_from_row(row) for row in self._db.conn.execute(sql + " ORDER BY id", params)
        ]

    def outcome_counts(self, adapter: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for attempt in self.latest(adapter).values():
            counts[attempt.outcome] = counts.get(attempt.outcome, 0) + 1
        return counts
