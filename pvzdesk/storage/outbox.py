"""The outbox as queries: journal entries an adapter still has to bring to the platform.

Built on the append-only ``sync_attempts`` table (``attempts.py``); nothing here writes attempts.
One query per call, so a reconcile round over 10,000 entries costs milliseconds, not 10,000 reads.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pvzdesk.domain.models import DeadlineSource, Entry, EntryKind
from pvzdesk.storage.attempts import Attempt, attempt_from_row
from pvzdesk.storage.database import write_transaction
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.postings import Postings
from pvzdesk.storage.rows import ENTRY_COLUMNS, entry_from_row

_E_COLUMNS = ", ".join(f"e.{name.strip()}" for name in ENTRY_COLUMNS.split(","))
_A_COLUMNS = "a.entry_id, a.adapter, a.attempted_at, a.outcome, a.request_id, a.http_status, a.reply, a.detail"


@dataclass(frozen=True)
class OutboxItem:
    entry: Entry
    latest: Attempt | None  # None: never tried by this adapter
    sent_steps: frozenset[str] = frozenset()  # subjects of every "sent:<subject>" attempt
    sends: int = 0  # "sent:" attempts (every action) since a person last put the entry back

    def with_attempt(self, attempt: Attempt) -> OutboxItem:
        """This item once ``attempt`` is recorded: what ``Outbox.items`` would load next."""
        sent_steps, sends = self.sent_steps, self.sends
        if attempt.detail == PUT_BACK:
            sends = 0
        elif (subject := sent_subject(attempt.detail)) is not None:
            sent_steps, sends = sent_steps | {subject}, sends + 1
        return replace(self, latest=attempt, sent_steps=sent_steps, sends=sends)


PUT_BACK = "manual:retry"  # a person put the entry back: its send count starts again


def sent_subject(detail: str) -> str | None:
    """The action of a "sent:<action> ..." attempt's detail; None for any other attempt."""
    if not detail.startswith("sent:"):
        return None
    return detail.split(" ", 1)[0].partition(":")[2]


def _attempt(row: tuple[Any, ...]) -> Attempt | None:
    return None if row[0] is None else attempt_from_row(row)


class Outbox:
    """Not thread-safe: one instance per connection, per thread."""

    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self._path = path

    def items(
        self,
        adapter: str,
        kinds: Collection[EntryKind],
        *,
        outcomes: Collection[str] | None = None,
        include_untried: bool = True,
    ) -> list[OutboxItem]:
        """Entries of ``kinds`` (not voided) whose latest attempt by ``adapter`` has one of
        ``outcomes`` (None: any), plus the never-tried ones when ``include_untried``; by seq."""
        if not kinds:
            return []
        kind_marks = ",".join("?" for _ in kinds)
        params: list[Any] = [adapter, *(kind.value for kind in kinds)]
        where = []
        if outcomes is not None:
            marks = ",".join("?" for _ in outcomes) or "NULL"
            where.append(f"a.outcome IN ({marks})")
            params.extend(outcomes)
        if include_untried:
            where.append("a.id IS NULL")
        elif outcomes is None:
            where.append("a.id IS NOT NULL")
        condition = " OR ".join(where) if where else "1"
        sql = (
            "WITH latest AS (SELECT entry_id, max(id) AS id FROM sync_attempts WHERE adapter = ? "
            "GROUP BY entry_id), "
            "voided AS (SELECT json_extract(payload, '$.voided_entry_id') AS entry_id FROM entries "
            "WHERE kind = 'void') "
            f"SELECT {_A_COLUMNS}, {_E_COLUMNS} FROM entries e "
            "LEFT JOIN latest l ON l.entry_id = e.entry_id "
            "LEFT JOIN sync_attempts a ON a.id = l.id "
            f"WHERE e.kind IN ({kind_marks}) AND e.entry_id NOT IN (SELECT entry_id FROM voided "
            f"WHERE entry_id IS NOT NULL) AND ({condition}) ORDER BY e.seq"
        )
        with storage_errors(self._path):
            rows = self._db.conn.execute(sql, params).fetchall()
            sent, sends = self._sent_steps(adapter)
        return [
            OutboxItem(
                entry=entry_from_row(row[8:]),
                latest=_attempt(row[:8]),
                sent_steps=frozenset(sent.get(row[9], ())),
                sends=sends.get(row[9], 0),
            )
            for row in rows
        ]

    def _sent_steps(self, adapter: str) -> tuple[dict[str, set[str]], dict[str, int]]:
        found: dict[str, set[str]] = {}
        counts: dict[str, int] = {}
        for entry_id, detail in self._db.conn.execute(
            "SELECT entry_id, detail FROM sync_attempts WHERE adapter = ? AND "
            "(detail LIKE 'sent:%' OR detail = ?) ORDER BY id",
            (adapter, PUT_BACK),
        ):
            if detail == PUT_BACK:
                counts[entry_id] = 0
                continue
            subject = sent_subject(str(detail)) or ""
            found.setdefault(entry_id, set()).add(subject)
            counts[entry_id] = counts.get(entry_id, 0) + 1
        return found, counts

    def attempt_count(self, adapter: str) -> int:
        with storage_errors(self._path):
            return int(
                self._db.conn.execute(
                    "SELECT count(*) FROM sync_attempts WHERE adapter = ?", (adapter,)
                ).fetchone()[0]
            )

    def record_platform_view(
        self, views: Iterable[tuple[str, str, date | None]], updated_at: str
    ) -> int:
        """Store the platform's status (and deadline) on manifest rows that exist; one
        transaction. ``views``: (posting, platform status, storage_until or None)."""
        postings = Postings(self._db)
        changed = 0
        with storage_errors(self._path), write_transaction(self._db):
            rows = []
            for posting, status, storage_until in views:
                row = postings.manifest_row(posting)
                if row is None:
                    continue
                updated = replace(row, platform_status=status)
                if storage_until is not None:
                    updated = replace(
                        updated, storage_until=storage_until, storage_source=DeadlineSource.PLATFORM
                    )
                if updated != row:
                    rows.append(updated)
            changed = postings.upsert_manifest(rows, updated_at)
        return changed


def chunked(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
